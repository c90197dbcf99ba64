// Command orders is gotui's foundation demo (what `npm run demo` opens): a
// small service that builds an order every 300ms, totals it and prints one
// line per order, forever.
//
// It demonstrates breakpoints, next/step/stepout across small distinct
// functions (newOrder, process, applyDiscount, format), structs, slices and
// maps in the variables pane, and lazy loading of big values: main's frame
// holds `terms`, a string of several hundred bytes, and `recent`, a slice of
// 1000 ints.
//
// Debug it with `npm run demo`, or by hand:
//
//	go build -gcflags='all=-N -l' -o bin/orders . && dlv exec bin/orders
//
// then break on a marker line (see demos/README.md), e.g. the line marked
// gotui:process, and step into applyDiscount.
package main

import (
	"flag"
	"fmt"
	"math"
	"os"
	"time"
)

type Item struct {
	SKU   string
	Qty   int
	Price float64
}

type Order struct {
	ID       int
	Customer string
	Items    []Item
	Tags     map[string]string
}

var (
	customers = []string{"ada", "grace", "linus", "ken", "rob", "barbara", "edsger"}
	stock     = []Item{
		{SKU: "apple", Price: 0.50},
		{SKU: "bread", Price: 2.25},
		{SKU: "cheese", Price: 6.80},
		{SKU: "coffee", Price: 9.90},
		{SKU: "dates", Price: 4.15},
	}
)

const termsOfSale = "Terms of sale: prices are in euros and include VAT. " +
	"Orders of five or more items get ten percent off, and a coupon tag takes a further " +
	"two euros off any order above twenty euros. Discounts never make a total negative. " +
	"Goods are delivered within three working days; perishables are replaced, not refunded. " +
	"This text is long on purpose, so that a debugger has to load it in pieces."

var (
	every = flag.Duration("every", 300*time.Millisecond, "time between orders (0: as fast as it can, for load)")
	quiet = flag.Bool("quiet", false, "do not print the orders")
	fixed = flag.Bool("fixed", false, "total in whole cents (the fix demos/orders/regress.gotui checks)")
)

func main() {
	flag.Parse()
	fmt.Printf("orders: pid %d\n", os.Getpid())

	// Big values in main's frame, for the variables pane to load lazily.
	terms := termsOfSale
	_ = terms                   // only the debugger reads it
	recent := make([]int, 1000) // totals in cents, a ring of the last 1000 orders

	for id := 1; ; id++ {
		o := newOrder(id)   // gotui:new-order
		total := process(o) // gotui:loop
		recent[id%len(recent)] = int(math.Round(total * 100))
		if !*quiet {
			fmt.Println(format(o, total)) // gotui:print
		}
		if *every > 0 {
			time.Sleep(*every)
		}
	}
}

// newOrder makes up an order; the same id always gives the same order.
func newOrder(id int) Order {
	o := Order{
		ID:       id,
		Customer: customers[id%len(customers)],
		Tags:     map[string]string{"channel": "web"},
	}
	if id%2 == 0 {
		o.Tags["channel"] = "store"
	}
	if id%3 == 0 {
		o.Tags["coupon"] = "SPRING"
	}
	for i := 0; i <= id%4; i++ {
		it := stock[(id+i)%len(stock)]
		it.Qty = 1 + (id+i)%3
		o.Items = append(o.Items, it)
	}
	return o
}

// process totals an order's items and subtracts its discount.
func process(o Order) float64 {
	var sum float64
	n := 0
	for _, it := range o.Items {
		sum += float64(it.Qty) * it.Price // gotui:item
		n += it.Qty
	}
	discount := applyDiscount(sum, n, o.Tags) // gotui:process
	if *fixed {
		// Money in whole cents: summed in float64, order 1 comes to 22.409999999999997, not 22.41.
		return math.Round((sum-discount)*100) / 100
	}
	return sum - discount
}

// applyDiscount gives 10% off five or more items, and 2.00 off with a
// coupon when the order is above 20.00.
func applyDiscount(sum float64, n int, tags map[string]string) float64 {
	discount := 0.0
	if n >= 5 {
		discount = sum * 0.10 // gotui:discount
	}
	if _, ok := tags["coupon"]; ok && sum > 20 {
		discount += 2
	}
	return math.Min(discount, sum)
}

// format renders the line printed for each order.
func format(o Order, total float64) string {
	line := fmt.Sprintf("order %d customer=%s total=%.2f", o.ID, o.Customer, total) // gotui:format
	return line
}
