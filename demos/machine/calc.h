// C side of the machine demo: strings behind C pointers, and arithmetic that
// leaves values in the x87 stack and the SSE/AVX registers.
#include <stdint.h>

// greeting is a C global string (a char* in the C data section).
extern const char *greeting;

// label returns a heap-allocated C string the caller frees.
char *label(int n);

// x87 divides in long double (the x87 unit) and leaves values on its stack.
double x87(double a, double b);

// vec adds four doubles with AVX (or SSE2) and returns the sum.
double vec(const double *v);
