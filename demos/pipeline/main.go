// Command pipeline passes jobs through channels, for gotui's channel,
// watchpoint and test-debugging features.
//
// Two producers fill a buffered queue (capacity 4) faster than main drains
// it (one job every -every, 200ms), so between jobs the queue is full and
// both producers wait to send. Three watchers (-watchers) wait forever to
// receive on `idle`, a channel nobody sends on or closes. `processed`, a package
// variable, is written in one place only (consume): a watchpoint's target.
//
// Debug it with
//
//	go build -gcflags='all=-N -l' -o bin/pipeline . && dlv exec bin/pipeline
//
// then break on the line marked gotui:take and `print queue`, or
// `watch -w processed` and continue. pipeline_test.go holds tests to debug
// with `gotui test demos/pipeline -run TestQueueOrder`.
package main

import (
	"flag"
	"fmt"
	"os"
	"time"
)

// Job is one unit of work; its ID says who made it: producer*1000 + n.
type Job struct {
	ID       int
	Producer int
}

// processed counts the jobs consumed.
var processed int

var every = flag.Duration("every", 200*time.Millisecond, "time between jobs taken off the queue")

var watchers = flag.Int("watchers", 3, "goroutines waiting on the idle channel")

func main() {
	flag.Parse()
	fmt.Printf("pipeline: pid %d\n", os.Getpid())

	queue := make(chan Job, 4)  // buffered: full between jobs, producers wait to send
	idle := make(chan struct{}) // nobody sends or closes: watchers wait to receive
	for w := 1; w <= *watchers; w++ {
		go watch(idle, w)
	}
	for p := 1; p <= 2; p++ {
		go produce(queue, p)
	}
	for {
		time.Sleep(*every)
		j := <-queue // gotui:take
		total := consume(j)
		fmt.Printf("job %d from producer %d: processed=%d\n", j.ID, j.Producer, total)
	}
}

// produce sends jobs forever; it waits whenever the queue is full.
func produce(queue chan<- Job, p int) {
	for i := 1; ; i++ {
		queue <- Job{ID: p*1000 + i, Producer: p} // gotui:send
	}
}

// watch waits for a wake-up that never comes.
func watch(idle <-chan struct{}, w int) {
	<-idle // gotui:idle
	fmt.Println("watcher", w, "woke up")
}

// consume counts a job and returns how many were consumed so far.
func consume(j Job) int {
	processed++ // gotui:count
	return processed
}
