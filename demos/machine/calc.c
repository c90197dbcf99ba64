#include <stdio.h>
#include <stdlib.h>
#include "calc.h"

const char *greeting = "hello from C";

char *label(int n) {
	char *s = malloc(32);
	snprintf(s, 32, "sample-%d", n);
	return s;
}

double x87(double a, double b) {
	long double r = (long double)a / (long double)b;
	// Leave a few values on the x87 stack, as long double code does.
	__asm__ volatile("fld1\n\tfldpi\n\tfldl2e" ::: "st", "st(1)", "st(2)");
	__asm__ volatile("fstp %%st(0)\n\tfstp %%st(0)\n\tfstp %%st(0)" ::: "st", "st(1)", "st(2)");
	return (double)(r * 3.0L);
}

double vec(const double *v) {
	double acc[2] = {0, 0};
	for (int i = 0; i < 4; i += 2) {
		acc[0] += v[i];
		acc[1] += v[i + 1];
	}
	return acc[0] + acc[1];
}
