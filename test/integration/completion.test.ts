import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dlvCli } from '../support/dlv-cli.js';
import { appStoppedIn, consoleSince, must } from '../support/app.js';

/** A program of two packages: main, and example.com/app/calc, which Go code names calc. */
const CALC = {
  'go.mod': 'module example.com/app\n\ngo 1.21\n',
  'main.go': `package main

import (
	"fmt"

	"example.com/app/calc"
)

func main() {
	calc.Total = calc.Sum(1, 2) * calc.Scale
	report(calc.Total)
}

func report(n int) { fmt.Println(n) }
`,
  'calc/calc.go': `package calc

var Total int
var Scale = 2
var rounds = 3

type Order struct{ N int }

func (o *Order) Add(n int) { o.N += n }

func Sum(a, b int) int {
	o := &Order{}
	o.Add(a + b)
	return o.N + rounds - 3
}
`,
};

test("Tab completes another package of the program by its import path's last element, as Go code names it: `calc.` to example.com/app/calc's functions and variables, which Delve takes (trial CA: nothing offered)", async (t) => {
  const { app, rec, server } = await appStoppedIn(t, 'calcapp', CALC, 'main.report');
  // The oracle: the dlv CLI names them by the import path, and reads calc.Total by the package's name.
  const cli = await dlvCli(server.address, ['funcs calc\\.', 'vars calc\\.', 'print calc.Total']);
  assert.match(cli, /^example\.com\/app\/calc\.Sum$/m, cli);
  assert.match(cli, /^example\.com\/app\/calc\.rounds = 3$/m, cli);
  assert.match(cli, /^6$/m, cli);
  // Its functions and package variables; no method (calc.(*Order).Add is no name after `calc.`).
  const all = await app.completeArgs('print calc.');
  assert.deepEqual(all?.candidates, ['Scale', 'Sum', 'Total', 'rounds']);
  assert.equal(all?.text, 'print calc.');
  const s = await app.completeArgs('print calc.S');
  assert.deepEqual(s?.candidates, ['Scale', 'Sum']);
  assert.equal((await app.completeArgs('print calc.To'))?.text, 'print calc.Total');
  assert.equal((await app.completeArgs('print calc.Su'))?.text, 'print calc.Sum');
  // What Tab made prints as the CLI prints it.
  const from = rec.console.length;
  await must(app, rec, 'print calc.Total');
  assert.match(consoleSince(rec, from), /^6$/m);
  // Package main's functions by its name too, beside its variables.
  assert.equal((await app.completeArgs('print main.rep'))?.text, 'print main.report');
});
