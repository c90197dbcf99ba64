#include "sensor.h"

static uint64_t *readings; // a Go pointer, kept after sensor_attach returned
static int capacity;
static int count;
static bool bounded;

void sensor_attach(uint64_t *buf, int n, bool checked) {
	readings = buf;
	capacity = n;
	count = 0;
	bounded = checked;
}

void sensor_record(uint64_t reading) {
	// The bug: capacity is never checked, so readings beyond it land in
	// whatever Go placed after the buffer. The fix (-fixed) drops them.
	if (bounded && count >= capacity) return;
	readings[count++] = reading; // gotui:scribble
}

uint64_t sensor_sum(const uint64_t *items, int n) {
	uint64_t sum = 0;
	for (int i = 0; i < n; i++) {
		sum += items[i]; // gotui:c-fault
	}
	return sum;
}
