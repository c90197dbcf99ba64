// A tiny C "sensor driver" with a classic bug: it keeps the buffer pointer
// it was given and later writes past the buffer's end.
#include <stdbool.h>
#include <stdint.h>

// sensor_attach remembers buf (room for n readings) for later calls; with
// checked, sensor_record drops readings beyond n (the fix).
void sensor_attach(uint64_t *buf, int n, bool checked);

// sensor_record stores one reading in the buffer remembered by sensor_attach.
void sensor_record(uint64_t reading);

// sensor_sum adds up n items: handed the corrupted slice (-in-c), its first read faults in C.
uint64_t sensor_sum(const uint64_t *items, int n);
