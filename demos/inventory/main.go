// Command inventory is gotui's multi-file demo: a warehouse service that,
// every 200ms, builds a warehouse (main.go), restocks it (stock.go, another
// file to step into), and prints a report from a long function.
//
// It also holds what gotui's tests and benchmarks need in one program:
// collections of 63, 64, 65, 66, 100, 101 and 1,000 elements (slices, arrays
// and maps) at the line marked gotui:collections, a recursion 200 frames deep
// (-depth), a linked list 1,000 nodes long, 32 worker goroutines waiting for
// work, a FlagSet, a call that takes 3 s (-slow) and, with -hostile, output
// full of terminal escape sequences.
//
//	go build -gcflags='all=-N -l' -o bin/inventory . && dlv exec bin/inventory
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
	"time"
)

var (
	every   = flag.Duration("every", 200*time.Millisecond, "time between rounds")
	workers = flag.Int("workers", 32, "worker goroutines that wait for work")
	depth   = flag.Int("depth", 200, "frames of the recursion every fifth round")
	slow    = flag.Duration("slow", 3*time.Second, "how long the slow call of every seventh round takes")
	hostile = flag.Bool("hostile", false, "print terminal escape sequences, as a hostile program might")
	quiet   = flag.Bool("quiet", false, "do not print the reports")
	panicAt = flag.Int("panic-at", 0, "in this round a returned delivery over-stocks a part, and restock's negative count panics (unrecovered); 0: never")
	fixed   = flag.Bool("fixed", false, "restock takes no stock away from an over-stocked part (the fix demos/inventory/regress.gotui checks)")
)

// Part is one line of a warehouse's stock.
type Part struct {
	SKU string
	Qty int
	Bin string
}

// Warehouse is what every round builds and restocks.
type Warehouse struct {
	Round int
	Name  string
	Parts []Part
	Bins  map[string]int
}

type node struct {
	id   int
	next *node
}

func main() {
	flag.Parse()
	fmt.Printf("inventory: pid %d\n", os.Getpid())
	work := make(chan int)
	for i := 0; i < *workers; i++ {
		go worker(i, work)
	}
	chain := makeChain(1000)
	for round := 1; ; round++ {
		w := newWarehouse(round) // gotui:round
		if round == *panicAt {
			w.Parts[0].Qty = 40 // a returned delivery
		}
		moved := restock(w) // gotui:restock
		if moved < 0 {
			panic(fmt.Sprintf("restock: negative stock in round %d", round))
		}
		if !*quiet {
			fmt.Println(report(w, moved)) // gotui:report
		}
		inspect(round, chain)
		if round%5 == 0 {
			descend(*depth)
		}
		if round%7 == 0 {
			slowCall(*slow) // gotui:slow
		}
		if *hostile {
			printHostile(round)
		}
		time.Sleep(*every) // gotui:sleep
	}
}

func newWarehouse(round int) *Warehouse {
	names := []string{"north", "south", "east", "west"}
	w := &Warehouse{Round: round, Name: names[round%len(names)], Bins: map[string]int{}}
	for i := 0; i < 3+round%4; i++ {
		w.Parts = append(w.Parts, Part{SKU: fmt.Sprintf("sku-%d", i), Qty: (round + i) % 9})
	}
	return w
}

// worker waits for work that never comes: 32 goroutines parked on one channel.
func worker(id int, work <-chan int) {
	for job := range work {
		_ = id + job
	}
}

func makeChain(n int) *node {
	var head *node
	for i := n; i > 0; i-- {
		head = &node{id: i, next: head}
	}
	return head
}

// inspect holds a collection of every size around Delve's 64-element load limit.
func inspect(round int, chain *node) int {
	s63, s64, s65, s66 := ints(63), ints(64), ints(65), ints(66)
	s100, s101, s1000 := ints(100), ints(101), ints(1000)
	var a65 [65]int
	var a100 [100]int
	for i := range a65 {
		a65[i] = i
	}
	for i := range a100 {
		a100[i] = i
	}
	m63, m64, m65, m66 := keyed(63), keyed(64), keyed(65), keyed(66)
	m100, m101, m1000 := keyed(100), keyed(101), keyed(1000)
	total := len(s63) + len(s64) + len(s65) + len(s66) + len(s100) + len(s101) + len(s1000) + len(a65) + len(a100) + len(m63) + len(m64) + len(m65) + len(m66) + len(m100) + len(m101) + len(m1000) // gotui:collections
	return total + round + chain.id
}

func ints(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i * i
	}
	return s
}

func keyed(n int) map[string]int {
	m := make(map[string]int, n)
	for i := 0; i < n; i++ {
		m[fmt.Sprintf("k%04d", i)] = i
	}
	return m
}

// descend recurses n frames deep and returns.
func descend(n int) int {
	if n <= 1 {
		return 1 // gotui:bottom
	}
	return descend(n-1) + 1
}

func slowCall(d time.Duration) {
	time.Sleep(d)
}

// printHostile writes what a compromised or careless program might: a window
// title, a clipboard write (OSC 52), a link (OSC 8), a line that returns and
// overwrites itself, backspaces, a cursor jump, and bytes that are not UTF-8
// (a raw C1 CSI among them).
func printHostile(round int) {
	fmt.Printf("title \x1b]0;PWNED-TITLE-%d\x07 set\n", round)
	fmt.Printf("clipboard \x1b]52;c;cm0gLXJmIH4=\x07 written\n")
	fmt.Printf("link \x1b]8;;http://evil.example/\x1b\\click\x1b]8;;\x1b\\ here\n")
	fmt.Printf("innocent line\rSPOOFED\n")
	fmt.Printf("backspace ab\b\bXY\n")
	fmt.Printf("jump \x1b[1;1H\x1b[2Koverwrote the top\n")
	fmt.Printf("c1 \x9b31m csi, bad utf8 \xff\xfe\xc3( end\n")
	fmt.Println(strings.Repeat("-", 10))
}
