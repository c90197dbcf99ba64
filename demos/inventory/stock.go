package main

import "fmt"

// restock tops every part up to nine and files it in a bin; it returns how
// many units moved. It lives in its own file: stepping into it from main.go
// changes the file on screen.
func restock(w *Warehouse) int {
	moved := 0 // gotui:restock-body
	for i := range w.Parts {
		p := &w.Parts[i]
		need := 9 - p.Qty
		if need < 0 && *fixed {
			// An over-stocked part keeps its stock: restocking never takes any away.
			need = 0
		}
		p.Qty += need
		p.Bin = fmt.Sprintf("%s-%02d", w.Name, i)
		w.Bins[p.Bin] = p.Qty
		moved += need
	}
	return moved // gotui:restock-return
}

// report is long on purpose (sixty lines): benchmarks step through it.
func report(w *Warehouse, moved int) string {
	lines := 0
	total := 0
	for _, p := range w.Parts {
		total += p.Qty
	}
	lines++
	max := 0
	for _, p := range w.Parts {
		if p.Qty > max {
			max = p.Qty
		}
	}
	lines++
	min := max
	for _, p := range w.Parts {
		if p.Qty < min {
			min = p.Qty
		}
	}
	lines++
	bins := len(w.Bins)
	lines++
	avg := 0
	if len(w.Parts) > 0 {
		avg = total / len(w.Parts)
	}
	lines++
	spread := max - min
	lines++
	full := 0
	for _, q := range w.Bins {
		if q == 9 {
			full++
		}
	}
	lines++
	status := "ok"
	if full < bins {
		status = "short"
	}
	lines++
	label := fmt.Sprintf("round %d", w.Round)
	lines++
	where := w.Name
	lines++
	summary := fmt.Sprintf("%s %s: %d parts", label, where, len(w.Parts))
	lines++
	summary += fmt.Sprintf(" total=%d", total)
	lines++
	summary += fmt.Sprintf(" moved=%d", moved)
	lines++
	summary += fmt.Sprintf(" avg=%d", avg)
	lines++
	summary += fmt.Sprintf(" spread=%d", spread)
	lines++
	summary += fmt.Sprintf(" bins=%d full=%d", bins, full)
	lines++
	summary += fmt.Sprintf(" status=%s", status)
	lines++
	if lines < 0 {
		summary = "impossible"
	}
	return summary
}
