package main

import "testing"

func TestConsume(t *testing.T) {
	processed = 0
	got := consume(Job{ID: 1001, Producer: 1}) // gotui:test-consume
	if got != 1 {
		t.Fatalf("consume = %d, want 1", got)
	}
}

func TestQueueOrder(t *testing.T) {
	queue := make(chan Job, 2)
	queue <- Job{ID: 1001, Producer: 1}
	queue <- Job{ID: 2001, Producer: 2}
	first := <-queue // gotui:test-order
	if first.ID != 1001 {
		t.Fatalf("first job = %d, want 1001", first.ID)
	}
}
