// Command goroutine-leak is a service that leaks goroutines, for gotui's
// goroutines pane (issue 4). Every 200ms tick it leaks goroutines blocked
// forever on channels nobody closes, at three sites:
//
//   - handleRequest waits for a reply that never comes (chan receive), 3 a tick;
//   - publish sends to a subscriber that never reads (chan send), 5 a tick;
//   - watch selects on two channels nobody closes (select), 7 a tick.
//
// Beside them run a few healthy goroutines: workers labelled with
// runtime/pprof labels (role=worker), and an unlabelled janitor.
//
// Flags: -burst N blocks N more goroutines at start, spread over the three
// sites (-burst 100000 for the 100,000-goroutine case); -ticks N stops
// leaking after N ticks (0 = never), so the count then stays put.
//
// Debug it with
//
//	go build -gcflags='all=-N -l' -o bin/goroutine-leak . && dlv exec bin/goroutine-leak -- -burst 1000
//
// then stop it and group goroutines by where they started and where they
// wait (`goroutines -group startloc` or `-group userloc` in dlv;
// `goroutines -with label role=worker` for the workers).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"time"
)

// Goroutines leaked at each site per tick.
const (
	requestsPerTick = 3
	eventsPerTick   = 5
	watchersPerTick = 7
)

// fixed: every goroutine leak starts is also ended (-fixed).
var fixed bool

type request struct {
	id    int
	reply chan string
}

type event struct {
	topic string
	seq   int
}

func main() {
	burst := flag.Int("burst", 0, "goroutines to block forever at start, spread over the three leak sites")
	ticks := flag.Int("ticks", 0, "stop leaking after this many ticks (0 = never)")
	flag.BoolVar(&fixed, "fixed", false, "answer every request, read every event, stop every watcher (the fix demos/goroutine-leak/regress.gotui checks)")
	flag.Parse()
	fmt.Printf("goroutine-leak: pid %d\n", os.Getpid())

	jobs := make(chan int)
	for i := 1; i <= 4; i++ {
		labels := pprof.Labels("role", "worker", "worker", strconv.Itoa(i))
		go pprof.Do(context.Background(), labels, func(context.Context) { work(jobs) })
	}
	go janitor()

	for i := 0; i < *burst; i++ {
		leak(i%3, i)
	}

	for tick := 1; ; tick++ {
		if *ticks == 0 || tick <= *ticks {
			leakTick(tick)
		}
		jobs <- tick
		// The runtime records how long a goroutine has waited only when a GC
		// sees it blocked; this demo allocates too little to collect on its
		// own, so it collects every second, as a busier service would.
		if tick%5 == 0 {
			runtime.GC()
		}
		// Sleeping before counting lets this tick's goroutines reach the line
		// where they block, so a stop at gotui:tick finds them all parked.
		time.Sleep(200 * time.Millisecond)
		fmt.Printf("tick %d goroutines=%d\n", tick, runtime.NumGoroutine()) // gotui:tick
	}
}

// leakTick leaks one tick's worth of goroutines at the three sites.
func leakTick(tick int) {
	for i := 0; i < requestsPerTick; i++ {
		leak(0, tick)
	}
	for i := 0; i < eventsPerTick; i++ {
		leak(1, tick)
	}
	for i := 0; i < watchersPerTick; i++ {
		leak(2, tick)
	}
}

// leak starts one goroutine that blocks forever at the given site (with
// -fixed, its request is answered, its event read, its watcher stopped).
func leak(site, seq int) {
	switch site {
	case 0:
		req := request{id: seq, reply: make(chan string)}
		go handleRequest(req)
		if fixed {
			req.reply <- "ok"
		}
	case 1:
		events := make(chan event)
		go publish(events, event{topic: "orders", seq: seq})
		if fixed {
			<-events
		}
	case 2:
		done := make(chan struct{})
		go watch(make(chan struct{}), done)
		if fixed {
			close(done)
		}
	}
}

// handleRequest waits for a reply nobody sends.
func handleRequest(req request) {
	answer := <-req.reply // gotui:leak-receive
	_ = answer
}

// publish hands an event to a subscriber that never reads.
func publish(subscriber chan<- event, e event) {
	subscriber <- e // gotui:leak-send
}

// watch waits for a config change or shutdown; neither ever comes.
func watch(changes, done <-chan struct{}) {
	for {
		select { // gotui:leak-select
		case <-changes:
			fmt.Println("config changed")
		case <-done:
			return
		}
	}
}

// work is a healthy worker: it handles every job it is given.
func work(jobs <-chan int) {
	handled := 0
	for range jobs {
		handled++ // gotui:worker
	}
}

// janitor is a healthy goroutine without labels that wakes up now and then.
func janitor() {
	for sweeps := 0; ; sweeps++ {
		time.Sleep(time.Second)
	}
}
