import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findMarker } from '../../src/demos/build.js';
import { finderFeature } from '../../src/finder/feature.js';
import { sourceFeature } from '../../src/source/feature.js';
import { dlvCli } from '../support/dlv-cli.js';
import { appStoppedIn, attachedApp, consoleSince, must, runToStop } from '../support/app.js';

/** What a dlv CLI command printed: the lines between its neighbours' (commands run one after another). */
function cliLists(out: string, count: number): string[][] {
  const lines = out.split('\n').filter((l) => !/^Type 'help'|^Would you like to kill/.test(l));
  const lists: string[][] = [];
  let cur: string[] = [];
  for (const l of lines) {
    if (l === '--') {
      lists.push(cur);
      cur = [];
    } else if (l) cur.push(l);
  }
  lists.push(cur);
  return lists.slice(0, count);
}

test(':funcs, :types, :sources, :vars and :whatis print what the dlv CLI prints; the finder finds a function fuzzily, shows it and breaks on it', async (t) => {
  const { app, rec, server, session } = await attachedApp(t, 'pipeline', [], { stop: true });
  const take = findMarker('pipeline', 'gotui:take');
  await must(app, rec, `break main.go:${take.line}`);
  await runToStop(app, rec, 'continue');

  // The CLI's lists, separated by a command that prints `--`.
  const cli = await dlvCli(server.address, ['funcs ^main\\.', 'print "--"', 'types ^main\\.', 'print "--"', 'sources pipeline', 'print "--"', 'vars ^main\\.', 'print "--"', 'whatis queue', 'print "--"', 'whatis j']);
  const [funcs, types, sources, vars, whatisQueue] = cliLists(cli.replace(/^"--"$/gm, '--'), 5);
  const run = async (line: string) => {
    const from = rec.console.length;
    await must(app, rec, line);
    return consoleSince(rec, from).split('\n').slice(1);
  };
  assert.ok(funcs!.includes('main.consume') && funcs!.length >= 5, cli);
  assert.deepEqual(await run('funcs ^main\\.'), funcs);
  assert.deepEqual(await run('types ^main\\.'), types);
  assert.deepEqual(await run('sources pipeline'), sources);
  assert.deepEqual(await run('vars ^main\\.'), vars);
  assert.deepEqual(await run('whatis queue'), whatisQueue);
  // A bad pattern is one sentence.
  assert.equal(await app.run('funcs ('), false);
  assert.match(consoleSince(rec, rec.console.length - 1), /Cannot list functions: .*regexp/);

  // The finder: "mcons" finds main.consume first; Enter shows it; b breaks on it.
  await must(app, rec, 'find mcons');
  const finder = app.models.model(finderFeature);
  assert.equal(finder.current()?.text, 'main.consume');
  assert.ok(finder.get().funcs! > 1000, 'every function of the binary is searched');
  await must(app, rec, 'finder open');
  const source = app.models.model(sourceFeature).get();
  assert.match(source.file ?? '', /pipeline\/main\.go$/);
  await must(app, rec, 'finder break');
  assert.equal(session.state.breakpoints.at(-1)?.spec, 'main.consume');
  // Where the dlv CLI says the breakpoint on the function is: the line the source pane showed.
  const at = /for main\.consume\(\) \S+main\.go:(\d+)/.exec(await dlvCli(server.address, ['breakpoints']));
  assert.ok(at, 'the CLI lists the breakpoint on main.consume');
  assert.equal(source.cursor.index + 1, Number(at[1]), 'the source pane showed where consume starts');
  // Files are found too.
  await must(app, rec, 'find pipemain');
  assert.match(finder.current()?.text ?? '', /demos\/pipeline\/main\.go$/);
  assert.equal(finder.current()?.kind, 'file');
});

const LONG_VALUES = `package main

import (
	"fmt"
	"strings"
)

type Item struct {
	ID    int
	Name  string
	Child *Item
	Tags  []string
	Price float64
}

type Global struct {
	Count int
	Items map[string]*Item
	Owner *Item
	A, B  int
	Note  string
}

var longStr = strings.Repeat("abcdefghij", 50) + "abc"
var big = make([]int, 2000)
var global Global

func work() { fmt.Println(len(longStr), len(big), global.Count) }

func main() {
	for i := range big {
		big[i] = i
	}
	child := &Item{ID: 2, Name: "child"}
	global = Global{Count: 1, Items: map[string]*Item{"child": child}, Owner: &Item{ID: 1, Name: "owner", Child: child, Tags: []string{"a"}}}
	work()
}
`;

/** A line with each slice's and map's elements put as the dlv CLI's vars puts them, `[...]` (it loads none). */
function elementsElided(line: string): string {
  let out = '';
  let i = 0;
  const start = /(len: \d+, cap: \d+, |map\[[^\]]*\]\S* )\[/g;
  for (let m = start.exec(line); m; m = start.exec(line)) {
    let depth = 0;
    let j = m.index + m[0].length - 1;
    for (; j < line.length; j++) {
      if (line[j] === '[') depth++;
      else if (line[j] === ']' && --depth === 0) break;
    }
    out += `${line.slice(i, m.index + m[0].length - 1)}[...]`;
    i = j + 1;
    start.lastIndex = i;
  }
  return out + line.slice(i);
}

test(":vars and :display alone print a long value as the dlv CLI's vars and display do, its `...+N more` kept: a long string, a slice of 2000, a struct of more fields than it loads (new-user trial)", async (t) => {
  const { app, rec, server } = await appStoppedIn(t, 'longvars', LONG_VALUES, 'main.work');
  const cli = await dlvCli(server.address, ['vars ^main\\.', 'print "--"', 'print main.big']);
  const [vars, big] = cliLists(cli.replace(/^"--"$/gm, '--'), 2);
  const from = rec.console.length;
  await must(app, rec, 'vars ^main\\.');
  const lines = consoleSince(rec, from).split('\n').slice(1);
  // Line for line the CLI's, but for the elements gotui prints where the CLI prints [...].
  assert.deepEqual(lines.map(elementsElided), vars, cli);
  assert.match(lines.find((l) => l.startsWith('main.longStr = ')) ?? '', /^main\.longStr = "(abcdefghij){6}abcd\.\.\.\+439 more"$/);
  assert.equal(lines.find((l) => l.startsWith('main.big = ')), `main.big = ${big![0]}`);
  assert.match(big![0]!, /,63,\.\.\.\+1936 more\]$/);
  assert.match(lines.find((l) => l.startsWith('main.global = ')) ?? '', /^main\.global = main\.Global \{Count: 1, Items: map\[string\]\*main\.Item \[\.\.\.\], Owner: \(\*main\.Item\)\(0x[0-9a-f]+\),\.\.\.\+3 more\}$/);

  // :display alone: each watch on one line, as the CLI's display (with the elements).
  await must(app, rec, 'display big');
  await must(app, rec, 'display longStr');
  const shown = rec.console.length;
  // Offered to the screen as well, which pages it or puts it on the command row where the console is hidden (trial BZ: said nowhere with W in its slot).
  const offered: string[] = [];
  app.front = { ...app.front, overflow: (title) => void offered.push(title) };
  await must(app, rec, 'display');
  assert.deepEqual(offered, ['Watches']);
  const watches = consoleSince(rec, shown).split('\n').slice(1);
  assert.equal(watches[0], `1: big = ${big![0]}`);
  assert.equal(watches[1], lines.find((l) => l.startsWith('main.longStr = '))!.replace('main.longStr', '2: longStr'));
});

const ORDERS = `package main

import "fmt"

type Order struct {
	ID  int
	Sum float64
}

var counter = 3

func report(o Order) { fmt.Println(o, counter) }

func main() {
	counter++
	report(Order{ID: 1})
}
`;

test("the finder finds the program's own types and package variables (trial BZ: Ctrl-P Order found no main.Order); Enter describes a type as :whatis does and prints a variable, as the dlv CLI does", async (t) => {
  const { app, rec, server } = await appStoppedIn(t, 'finderkinds', ORDERS, 'main.report');
  const cli = await dlvCli(server.address, ['types ^main\\.Order$', 'print main.counter', 'whatis main.Order']);
  assert.match(cli, /^main\.Order$/m, cli);
  assert.match(cli, /^4$/m, cli);
  const finder = app.models.model(finderFeature);
  await must(app, rec, 'find Order');
  assert.deepEqual(finder.get().results.filter((r) => r.kind === 'type').map((r) => r.text), ['main.Order'], 'one of the program\'s own: not *main.Order, nor the runtime\'s');
  assert.equal(finder.current()?.text, 'main.Order');
  let from = rec.console.length;
  // Offered to the screen as well, which pages it where the console is hidden (trial CC: the Finder pane hid it).
  const offered: string[] = [];
  app.front = { ...app.front, overflow: (title) => void offered.push(title) };
  await must(app, rec, 'finder open');
  assert.deepEqual(offered, ['main.Order']);
  const described = consoleSince(rec, from);
  // What the CLI's whatis says of the type, as it says it.
  const whatis = /^struct type[^]*?(?=\nWould you like)/m.exec(cli)?.[0] ?? cli;
  assert.match(whatis, /^struct type, size: 16 bytes\nFields:\n\tID +int\n\tSum +float64$/, cli);
  assert.equal(described.split('\n').slice(2).join('\n'), whatis, described);
  await must(app, rec, 'find counter');
  assert.deepEqual([finder.current()?.kind, finder.current()?.text], ['var', 'main.counter']);
  assert.ok(!finder.get().results.some((r) => r.kind === 'var' && !r.text.startsWith('main.')), 'only the program\'s own package variables');
  from = rec.console.length;
  await must(app, rec, 'finder open');
  assert.match(consoleSince(rec, from), /^4$/m, 'the value the dlv CLI prints');
  // A function still breaks, a type does not.
  await must(app, rec, 'find Order');
  from = rec.console.length;
  assert.equal(await app.run('finder break'), false);
  assert.match(consoleSince(rec, from), /A type is selected: breakpoints go on functions or lines\./);
});

const STORES = `package main

import (
	"fmt"
	"sync/atomic"
)

type Store struct{ hits atomic.Int64 }

var store = &Store{}

func serve(s *Store) { s.hits.Store(s.hits.Load() + 1); fmt.Println(s.hits.Load()) }

func main() {
	serve(store)
}
`;

test("the finder lists the program's own names before Go's among equally good matches (trial CG: `Store` listed 14 sync/atomic functions before main.store)", async (t) => {
  const { app, rec, server } = await appStoppedIn(t, 'finderstores', STORES, 'main.serve');
  // The dlv CLI lists the standard library's functions named Store that the program links.
  const theirs = (await dlvCli(server.address, ['funcs \\.Store$'])).split('\n').filter((l) => /atomic.*\.Store$/.test(l));
  assert.ok(theirs.length >= 2, theirs.join('\n'));
  const finder = app.models.model(finderFeature);
  await must(app, rec, 'find Store');
  const results = finder.get().results.map((r) => `${r.kind} ${r.text}`);
  assert.deepEqual(results.slice(0, 2).sort(), ['type main.Store', 'var main.store'], results.slice(0, 20).join('\n'));
  // Go's own come after, as good a match as they are.
  for (const f of theirs) assert.ok(results.indexOf(`func ${f}`) > 1, `${f}:\n${results.slice(0, 20).join('\n')}`);
});
