import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findMarker } from '../../src/demos/build.js';
import { goroutinesFeature } from '../../src/goroutines/feature.js';
import { renderGroupLines } from '../../src/goroutines/view.js';
import { dlvCli } from '../support/dlv-cli.js';
import { appStoppedIn, attachedApp, consoleSince, must, runToStop } from '../support/app.js';

/** `Goroutine N - User: ...main.go:L main.f ... [reason]` lines of the dlv CLI, as id → reason. */
function cliWaiters(text: string): Map<number, string> {
  return new Map([...text.matchAll(/^\s*Goroutine (\d+) - User: \S+ (\S+) \(0x[0-9a-f]+\) \[([^\]]+)\]/gm)].map((m) => [Number(m[1]), `${m[2]} [${m[3]}]`]));
}

function gotuiWaiters(text: string): Map<number, string> {
  return new Map([...text.matchAll(/^\s*Goroutine (\d+) (?:- User:|at) \S+ (\S+) \[([^\]]+)\]/gm)].map((m) => [Number(m[1]), `${m[2]} [${m[3]}]`]));
}

test('channels: :chan CH shows length, buffer in receive order and who waits; :goroutines -chan and -group chan agree with the dlv CLI', async (t) => {
  const { app, rec, server } = await attachedApp(t, 'pipeline', [], { stop: true });
  const take = findMarker('pipeline', 'gotui:take');
  await must(app, rec, `break main.go:${take.line}`);
  await runToStop(app, rec, 'continue');

  let from = rec.console.length;
  await must(app, rec, 'chan queue');
  const shown = consoleSince(rec, from);
  const cli = await dlvCli(server.address, ['print queue.qcount', 'print queue.recvx', 'print *queue.buf', 'goroutines -chan queue', 'goroutines -chan idle']);
  const [qcount, recvx] = [...cli.matchAll(/^(\d+)$/gm)].map((m) => Number(m[1]));
  const ring = [...cli.matchAll(/^\t(\{ID: \d+, Producer: \d\}),$/gm)].map((m) => m[1]!);
  assert.equal(ring.length, 4, cli);
  assert.match(shown, new RegExp(`^queue = chan main\\.Job, len ${qcount}, cap 4, open$`, 'm'));
  const buffer = [...shown.matchAll(/^  \d: main\.Job (\{.*\})$/gm)].map((m) => m[1]!);
  assert.deepEqual(buffer, Array.from({ length: qcount! }, (_, k) => ring[(recvx! + k) % 4]), `${shown}\n--- dlv ---\n${cli}`);
  assert.match(shown, /^Waiting to send \(2\):$/m);
  assert.match(shown, /^Waiting to receive: none$/m);
  const [queueCli, idleCli] = cli.split(/^\[\d+ goroutines?\]$/m).map(cliWaiters);
  assert.deepEqual(gotuiWaiters(shown), queueCli, `${shown}\n--- dlv ---\n${cli}`);

  // A name not in scope: Delve's words, and the hint; the dlv CLI refuses it the same way.
  from = rec.console.length;
  assert.equal(await app.run('chan nosuch'), false);
  const refused = consoleSince(rec, from);
  assert.match(await dlvCli(server.address, ['print nosuch']), /could not find symbol value for nosuch/);
  assert.match(refused, /Cannot read the channel nosuch: could not find symbol value for nosuch\./, refused);
  assert.match(refused, /EXPR is a channel in scope of the selected frame/, refused);

  from = rec.console.length;
  await must(app, rec, 'goroutines -chan idle');
  const idle = consoleSince(rec, from);
  assert.deepEqual(gotuiWaiters(idle), idleCli);
  assert.equal(idleCli!.size, 3);
  assert.match(idle, /^\[3 goroutines\]$/m);

  from = rec.console.length;
  await must(app, rec, 'goroutines -group chan');
  const grouped = consoleSince(rec, from);
  assert.match(grouped, /^2 channels with waiting goroutines/m);
  // Each channel named as its waiters' code calls it (a parameter of main.watch, of main.produce).
  assert.match(grouped, /^idle = chan 0x[0-9a-f]+ \(len 0, cap 0\): 3 goroutines waiting\n  main\.go:\d+ main\.watch \[chan receive\]$/m);
  assert.match(grouped, /^queue = chan 0x[0-9a-f]+ \(len 4, cap 4\): 2 goroutines waiting\n  main\.go:\d+ main\.produce \[chan send\]$/m);

  // The goroutines pane is grouped by channel too: one group per channel, its members the ones the
  // dlv CLI lists for the channel of that name, opened from memory.
  const pane = app.ctx.model(goroutinesFeature);
  const snap = pane.store.get().snapshot!;
  assert.equal(snap.query.grouping.by, 'chan');
  assert.deepEqual(snap.groups.map((g) => g.total), [3, 2]);
  assert.match(snap.groups[0]!.name, /^idle = chan 0x[0-9a-f]+ \(cap 0\)$/);
  assert.match(snap.groups[1]!.name, /^queue = chan 0x[0-9a-f]+ \(cap 4\)$/);
  assert.deepEqual(new Set(snap.groups[0]!.sample.map((g) => g.id)), new Set(idleCli!.keys()));
  assert.deepEqual(new Set(snap.groups[1]!.sample.map((g) => g.id)), new Set(queueCli!.keys()));
  const lines = renderGroupLines(pane.store.get(), 100, 8).map((l) => l.text);
  assert.ok(lines.some((l) => /^3 .*idle = chan 0x[0-9a-f]+ \(cap 0\)/.test(l)), lines.join('\n'));

  // Filters next, without -group: channels take none, so the goroutines are grouped as usual again (not refused).
  await must(app, rec, 'goroutines -with userloc main.watch');
  const watchers = pane.store.get().snapshot!;
  assert.equal(watchers.query.grouping.by, 'userloc');
  const cliWatch = await dlvCli(server.address, ['goroutines -with userloc main.watch']);
  assert.equal(watchers.total, Number(/^\[(\d+) goroutines?\]$/m.exec(cliWatch)?.[1]), cliWatch);

  // The list goes to the console, not to a pager over the pane that shows it (trial V): every group, counted as the dlv CLI counts them.
  const paged: { title: string; text: string }[] = [];
  app.front = { ...app.front, overflow: (title, text) => paged.push({ title, text }) };
  from = rec.console.length;
  await must(app, rec, 'goroutines -group startloc');
  assert.deepEqual(paged, [], 'no pager');
  const listed = consoleSince(rec, from);
  const cliGroups = [...(await dlvCli(server.address, ['goroutines -group startloc'])).matchAll(/^\S+:(\d+) in (\S+)\n(?:\t.*\n)*?\tTotal: (\d+)$/gm)].map((m) => `${m[3]} ${m[2]}:${m[1]}`);
  const rows = [...listed.matchAll(/^(\d+) +\S+:(\d+) (\S+) /gm)].map((m) => `${m[1]} ${m[3]}:${m[2]}`);
  assert.ok(rows.length >= 2, listed);
  assert.deepEqual(rows.sort(), cliGroups.sort(), `${listed}\n--- dlv ---\n${cliGroups.join('\n')}`);

  // `/` in the pane finds groups by what their goroutines wait on, as each row says; Esc shows all again.
  await must(app, rec, 'goroutines');
  const all = pane.store.get().rows.length;
  await must(app, rec, 'gview search chan SEND');
  const sending = (await dlvCli(server.address, ['goroutines'])).match(/\[chan send\]/g)?.length ?? 0;
  assert.ok(sending >= 1);
  assert.equal(pane.store.get().rows.reduce((n, r) => n + r.total, 0), sending, pane.store.get().rows.map((r) => r.name).join('\n'));
  assert.ok(pane.store.get().rows.length < all);
  await must(app, rec, 'gview collapse');
  assert.deepEqual([pane.store.get().search, pane.store.get().rows.length], ['', all]);
});

test('channels: more than a hundred waiters are all counted, by :chan, :print and :goroutines -chan, as the dlv CLI counts them (trial AW)', async (t) => {
  // Delve 1.27 answers a page of N waiters with N+1 and ends the paging there: gotui said 101 of 1,500.
  const { app, rec, server } = await attachedApp(t, 'pipeline', ['-watchers', '150'], { stop: true });
  await must(app, rec, `break main.go:${findMarker('pipeline', 'gotui:take').line}`);
  await runToStop(app, rec, 'continue');
  const cli = await dlvCli(server.address, ['goroutines -chan idle']);
  const cliIdle = cliWaiters(cli);
  assert.equal(cliIdle.size, 150, cli);
  assert.match(cli, /^\[150 goroutines\]$/m);

  let from = rec.console.length;
  await must(app, rec, 'goroutines -chan idle');
  const listed = consoleSince(rec, from);
  assert.deepEqual(gotuiWaiters(listed), cliIdle);
  assert.match(listed, /^\[150 goroutines\]$/m);

  from = rec.console.length;
  await must(app, rec, 'chan idle');
  const shown = consoleSince(rec, from);
  assert.match(shown, /^Waiting to receive \(150, the first 100 listed\):$/m, shown);
  const some = gotuiWaiters(shown);
  assert.equal(some.size, 100);
  for (const [id, where] of some) assert.equal(cliIdle.get(id), where, `goroutine ${id}`);
  assert.match(shown, /^150 goroutines wait on it: :goroutines -chan idle lists them, in the pager\.$/m, shown);

  from = rec.console.length;
  await must(app, rec, 'print idle');
  const printed = consoleSince(rec, from);
  assert.match(printed, /^Goroutines waiting on this channel:$/m, printed);
  assert.equal(cliWaiters(printed).size, 100, printed);
  assert.match(printed, /the first 100 of 150 listed: :goroutines -chan idle lists them all/, printed);
});

test('channels: -group chan files a goroutine in a select under every channel it waits on, as the dlv CLI lists each channel\'s waiters (trial BA)', async (t) => {
  // Two selectors wait on idle and on stop at once: gotui filed them under idle only, and stop had no group.
  const { app, rec, server } = await attachedApp(t, 'pipeline', ['-selectors', '2'], { stop: true });
  await must(app, rec, `break main.go:${findMarker('pipeline', 'gotui:take').line}`);
  await runToStop(app, rec, 'continue');
  const cli = await dlvCli(server.address, ['goroutines -chan idle', 'goroutines -chan stop', 'goroutines -chan queue']);
  const [idle, stop, queue] = cli.split(/^\[\d+ goroutines?\]$/m).map(cliWaiters);
  assert.deepEqual([idle!.size, stop!.size, queue!.size], [5, 2, 2], cli);

  const from = rec.console.length;
  // In the console, not a pager over the pane that shows the groups (trial BD).
  const paged: string[] = [];
  app.front = { ...app.front, overflow: (title) => void paged.push(title) };
  await must(app, rec, 'goroutines -group chan');
  assert.deepEqual(paged, [], 'no pager');
  const grouped = consoleSince(rec, from);
  assert.match(grouped, /^3 channels with waiting goroutines \(7 goroutines waiting on channels read\):$/m, grouped);
  // Each channel by the name its waiters' code gives it: the CLI's `goroutines -chan NAME` lists the same goroutines.
  const ids = (name: string, n: number, cap: number) => new RegExp(`^${name} = chan 0x[0-9a-f]+ \\(len \\d+, cap ${cap}\\): ${n} goroutines waiting\\n(?:  .*\\n)*?  ids: ([\\d ]+)$`, 'm');
  const listed = (re: RegExp) => new Set(re.exec(grouped)?.[1]?.split(' ').map(Number));
  assert.deepEqual(listed(ids('idle', 5, 0)), new Set(idle!.keys()), grouped);
  assert.deepEqual(listed(ids('queue', 2, 4)), new Set(queue!.keys()), grouped);
  // The stop channel's group: the two selectors, who are in idle's too.
  assert.deepEqual(listed(ids('stop', 2, 0)), new Set(stop!.keys()), grouped);
  assert.match(grouped, /^A goroutine in a select is listed under every channel it waits on\.$/m);

  // The pane: one group a channel, each goroutine counted once in its header (the CLI's 3 + 2 + 2).
  const snap = app.ctx.model(goroutinesFeature).store.get().snapshot!;
  assert.deepEqual(snap.groups.map((g) => g.total), [5, 2, 2]);
  assert.equal(snap.total, new Set([...idle!.keys(), ...stop!.keys(), ...queue!.keys()]).size);
  assert.equal(snap.total, 7);
});

const FIELD_CHANNELS = `package main

import "time"

type service struct {
	jobs chan int
	done chan struct{}
}

var svc = &service{jobs: make(chan int), done: make(chan struct{})}

func (s *service) wait() { <-s.done }

func feed(s *service, n int) { s.jobs <- n }

func tick(i int) int { return i + 1 }

func main() {
	for i := 0; i < 3; i++ {
		go svc.wait()
	}
	go feed(svc, 7)
	for i := 0; ; i++ {
		tick(i)
		time.Sleep(10 * time.Millisecond)
	}
}
`;

test("-group chan names a channel a struct holds by its field (s.done, s.jobs), where the dlv CLI's goroutines -chan lists the same goroutines (trial BG)", async (t) => {
  const { app, rec, server } = await appStoppedIn(t, 'fieldchans', FIELD_CHANNELS, 'main.tick');
  // Until the waiters wait: a round at the loop at a time.
  const cliSays = async () => dlvCli(server.address, ['goroutines -chan main.svc.done', 'goroutines -chan main.svc.jobs']);
  const waiters = (text: string) => text.split(/^\[\d+ goroutines?\]$/m).map(cliWaiters);
  let cli = await cliSays();
  for (let round = 0; waiters(cli).map((w) => w.size).join() !== '3,1,0' && round < 50; round++) {
    await runToStop(app, rec, 'continue');
    cli = await cliSays();
  }
  const [done, jobs] = waiters(cli);
  assert.deepEqual([done!.size, jobs!.size], [3, 1], cli);
  const from = rec.console.length;
  await must(app, rec, 'goroutines -group chan');
  const grouped = consoleSince(rec, from);
  const ids = (name: string, n: number) => new Set(new RegExp(`^${name.replace('.', '\\.')} = chan 0x[0-9a-f]+ \\(len 0, cap 0\\): ${n} goroutines? waiting\\n(?:  .*\\n)*?  ids: ([\\d ]+)$`, 'm').exec(grouped)?.[1]?.split(' ').map(Number));
  // The waiters' own receiver names the done channel; the sender's parameter the jobs one.
  assert.deepEqual(ids('s.done', 3), new Set(done!.keys()), grouped);
  assert.deepEqual(ids('s.jobs', 1), new Set(jobs!.keys()), grouped);
});

const SELECTS = `package main

import "time"

func sendOrWait(jobs chan int, never chan int) {
	select {
	case jobs <- 1:
	case <-never:
	}
}

func work(jobs, never chan int) {
	time.Sleep(50 * time.Millisecond) // gotui:both-wait
}

func main() {
	jobs := make(chan int)
	never := make(chan int)
	go sendOrWait(jobs, never)
	for {
		work(jobs, never)
	}
}
`;

test("channels: a goroutine in a select is listed on the side its case waits on, sending on one channel, receiving on the other (trial BZ: 'waiting in a select' said neither); the channels' queues read by the dlv CLI the oracle", async (t) => {
  const { app, rec, server } = await appStoppedIn(t, 'selects', SELECTS, 'main.work');
  // The second call: the goroutine has had 50 ms to reach its select.
  await runToStop(app, rec, 'continue');
  const cli = await dlvCli(server.address, ['print jobs.sendq.first.g.goid', 'print never.recvq.first.g.goid']);
  const [sender, receiver] = [...cli.matchAll(/^(\d+)$/gm)].map((m) => Number(m[1]));
  assert.ok(sender && sender === receiver, `one goroutine, queued to send on jobs and to receive on never:\n${cli}`);
  let from = rec.console.length;
  await must(app, rec, 'chan jobs');
  assert.match(consoleSince(rec, from), new RegExp(`^Waiting to send \\(1\\):\\n  Goroutine ${sender} at \\S+ main\\.sendOrWait \\[select\\]$`, 'm'));
  from = rec.console.length;
  await must(app, rec, 'chan never');
  const never = consoleSince(rec, from);
  assert.match(never, new RegExp(`^Waiting to receive \\(1\\):\\n  Goroutine ${receiver} at \\S+ main\\.sendOrWait \\[select\\]$`, 'm'));
  assert.match(never, /^Waiting to send: none$/m);
  assert.doesNotMatch(never, /Waiting in a select/);
});
