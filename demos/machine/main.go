// Command machine is gotui's demo for the machine level (issue 16): C
// strings behind cgo pointers (*C.char), a C global, a cut UTF-8 sequence for
// x/s, floating point in the SSE registers and the x87 stack for the
// registers pane's all-registers view, a buffered channel with waiting
// goroutines for :print, and a loop to step through instruction by
// instruction.
//
// Debug it with
//
//	go build -gcflags='all=-N -l' -o bin/machine . && dlv exec bin/machine
package main

// #include <stdlib.h>
// #include "calc.h"
import "C"

import (
	"fmt"
	"math"
	"os"
	"time"
	"unsafe"
)

// cut's first string ends in the first byte of a three-byte UTF-8 character
// (U+3400 is e3 90 80): gdb 13's x/2s cut prints it as
// "ca", <incomplete sequence \343> (the f is its own to lose), and gotui too.
var cut = [8]byte{'c', 'a', 'f', 0xe3, 0, 'o', 'k', 0}

// counter is a package variable for :set-memory and x/a.
var counter uint64 = 0x1122334455667788

// hook holds a func value: a pointer to a funcval whose first word is code
// (main.twice), for the memory pane's telescope.
var hook = twice

func twice(n int) int { return 2 * n }

func main() {
	fmt.Printf("machine: pid %d\n", os.Getpid())
	jobs := make(chan int, 4)
	jobs <- 7
	jobs <- 9
	done := make(chan struct{})
	for i := 0; i < 2; i++ {
		go func() { done <- struct{}{} }() // two goroutines wait to send
	}
	n := 42
	ptr := &n
	for round := 1; ; round++ {
		s := C.label(C.int(round))
		g := C.greeting
		v := []float64{1.5, 2.25, float64(round), math.Pi}
		sum := float64(C.vec((*C.double)(unsafe.Pointer(&v[0]))))
		ld := float64(C.x87(C.double(sum), 3)) + float64(hook(0))
		scaled := sum * 1.0000001 // gotui:floats
		fmt.Printf("round %d %s %s sum=%.3f ld=%.3f scaled=%.3f n=%d jobs=%d cut=%q counter=%#x\n", round, C.GoString(s), C.GoString(g), sum, ld, scaled, *ptr, len(jobs), cut[:3], counter) // gotui:print
		C.free(unsafe.Pointer(s))
		time.Sleep(200 * time.Millisecond)
	}
}
