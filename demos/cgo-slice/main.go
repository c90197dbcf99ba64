// Command cgo-slice crashes with SIGSEGV because C writes through a Go
// pointer it kept, for gotui's memory and registers panes (issue 3).
//
// The bug: main hands C the address of pkt.buf, a 4-word array. C keeps that
// pointer (sensor.c) and later stores six readings through it: the fifth and
// sixth land on the slice header of pkt.items, which sits right after buf.
// items' data pointer becomes 0xdeadbeef00 and its len 1<<20, while cap stays
// 4 (len > cap). The first read of items faults.
//
// Debug it with
//
//	go build -gcflags='all=-N -l' -o bin/cgo-slice . && dlv exec bin/cgo-slice
//
// break on the line marked gotui:before-scribble to see pkt intact, continue
// to the fault, then read pkt's words (in gotui, `x/8xg &pkt`) and decode
// items' header.
// See demos/README.md for exactly what Delve reports at the fault.
package main

// /* C unoptimized, as Go with -N -l: a fault's line and C's locals read as written. */
// #cgo CFLAGS: -g -O0
// #include "sensor.h"
import "C"

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"unsafe"
)

// packet's layout is the point: items' slice header (data, len, cap)
// follows buf directly, so writing buf[4], buf[5], buf[6] overwrites it.
type packet struct {
	buf   [4]uint64
	items []uint64
}

func main() {
	fixed := flag.Bool("fixed", false, "C checks the buffer's capacity (the fix demos/cgo-slice/regress.gotui checks)")
	inC := flag.Bool("in-c", false, "C reads the corrupted items first (sensor_sum): the fault is in C code")
	flag.Parse()
	fmt.Printf("cgo-slice: pid %d\n", os.Getpid())

	var pkt packet
	pkt.items = make([]uint64, 2, 4)
	pkt.items[0], pkt.items[1] = 7, 9

	// Locals of the usual kinds, for the memory pane's decoders.
	label := "sensor-7"
	readings := []uint64{0x11, 0x22, 0x33, 0x44, 0xdeadbeef00, 1 << 20}
	var source any = label
	var status error = errors.New("not calibrated")
	p := &pkt

	// Passing &pkt.buf[0] is legal cgo: buf holds no Go pointers. Keeping the
	// pointer after the call returns is not, and nothing checks it.
	C.sensor_attach((*C.uint64_t)(unsafe.Pointer(&pkt.buf[0])), C.int(len(pkt.buf)), C.bool(*fixed))

	record(readings) // gotui:before-scribble
	fmt.Printf("%s: recorded %d readings (%v, %v)\n", label, len(readings), source, status)

	if *inC {
		fmt.Println("sum:", C.sensor_sum((*C.uint64_t)(unsafe.Pointer(&p.items[0])), 2))
	}
	first := p.items[0] // gotui:use
	fmt.Println("first item:", first)
}

// record passes each reading to C, which writes it past pkt.buf.
func record(readings []uint64) {
	for _, r := range readings {
		C.sensor_record(C.uint64_t(r))
	}
}
