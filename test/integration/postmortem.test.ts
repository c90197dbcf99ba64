import { consoleFeature } from '../../src/console/feature.js';
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openTarget } from '../../src/app/connect.js';
import type { AppController } from '../../src/app/controller.js';
import { buildDemo, findMarker } from '../../src/demos/build.js';
import { goroutinesFeature } from '../../src/goroutines/feature.js';
import { registersFeature } from '../../src/registers/feature.js';
import { memoryFeature } from '../../src/memory/feature.js';
import type { Variable } from '../../src/session/state.js';
import { dlvCli, dlvCoreCli } from '../support/dlv-cli.js';
import { variablesFeature } from '../../src/variables/feature.js';
import { requireTool, startDemoServer, testDelve, waitFor } from '../support/delve.js';
import { ensureDelve, findOnPath } from '../../src/delve/locate.js';
import { startHeadlessDelve } from '../../src/delve/server.js';
import { DelveRpcClient } from '../../src/delve/rpc.js';
import { attachedApp, consoleLine, consoleSince, must, runToStop } from '../support/app.js';
import { buildGoProgram } from '../support/go-program.js';
import { headlessApp } from '../support/session.js';
import { binaryEntry, readCore } from '../../src/postmortem/core-file.js';
import { UserError } from '../../src/errors.js';
import { execa } from 'execa';

/** A core gotui must refuse: should it open, its Delve is ended before the test fails (it was left running). */
const refusedCore = (program: string, core: string) =>
  openTarget({ kind: 'core', program, core }, () => {}).then(async (conn) => {
    await conn.server?.stop();
    throw new Error(`gotui opened ${core} with ${program}`);
  });

/** Locals as `name = value` for the scalars and strings both sides print the same way. */
function simple(vars: readonly Variable[]): Map<string, string> {
  return new Map(vars.filter((v) => /^(string|int|uint64|bool|float64)$/.test(v.type)).map((v) => [v.name, v.value]));
}

/** Group name (`file:line in function`) → count, from the dlv CLI's `goroutines -group userloc`. */
function cliGroups(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const m of text.matchAll(/^(\S+:\d+ in \S+)\n(?:\t.*\n)*?\tTotal: (\d+)/gm)) out.set(m[1]!, Number(m[2]));
  return out;
}

/** The goroutines pane's groups (name → count) once loaded for the current stop. */
async function paneGroups(app: AppController): Promise<Map<string, number>> {
  const g = app.models.model(goroutinesFeature);
  const snap = await waitFor('the goroutine groups', () => g.get().snapshot);
  return new Map(snap.groups.map((x) => [x.name, x.total]));
}

test('the cgo-slice crash: :dump writes a core, gotui core opens it with the same stack, locals and goroutine groups as the live stop and the dlv CLI on the core; nothing runs', async (t) => {
  // A folder with a space, under ~ (typed as in a shell: quoted, and ~ for the home directory).
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-home-'));
  t.after(() => fs.rmSync(home, { recursive: true, force: true }));
  const homeBefore = process.env.HOME;
  t.after(() => (process.env.HOME = homeBefore));
  const dir = path.join(home, 'my cores');
  fs.mkdirSync(dir);
  const core = path.join(dir, 'crash.core');
  const binary = await buildDemo('cgo-slice');
  const use = findMarker('cgo-slice', 'gotui:use');

  // Live: the fatal error stops the target; the view is main.main at the faulting line.
  const live = await attachedApp(t, 'cgo-slice');
  const crash = await waitFor('the fatal error', () => live.rec.stops.find((s) => s.reason === 'exception'));
  assert.equal(crash.frame?.name, 'main.main');
  assert.equal(crash.frame?.line, use.line);
  await must(live.app, live.rec, 'goroutines -group userloc');
  const liveGroups = await paneGroups(live.app);
  // One breakpoint of the user's beside Delve's own: the dump counts both kinds apart.
  await must(live.app, live.rec, 'break main.main');
  const from = live.rec.console.length;
  process.env.HOME = home;
  await must(live.app, live.rec, `dump '~/my cores/crash.core'`);
  process.env.HOME = homeBefore;
  // The command to open it is one a shell takes as it is (the path quoted).
  assert.match(consoleSince(live.rec, from), new RegExp(`^Wrote ${core.replace(/[.]/g, '\\.')} \\([\\d.]+ of [\\d.]+ MiB, \\d+ of \\d+ threads\\) in [\\d.]+s\\. Open it with: gotui core \\S*cgo-slice '${core.replace(/[.]/g, '\\.')}'$`, 'm'));
  assert.ok(fs.statSync(core).size > 1_000_000);
  // Delve's breakpoints (the user's, and its own: unrecovered-panic, fatal-throw) are int3 in its dump; gotui put the
  // code's bytes back, counted as Delve lists them: gdb reads in the core the byte it reads in the binary.
  const rpc = await DelveRpcClient.connect(live.server.address);
  const listed = (await rpc.call<{ Breakpoints: { id: number; addrs: number[] | null }[] }>('ListBreakpoints', { All: false })).Breakpoints ?? [];
  const crashThread = (await rpc.state(true)).Threads?.find((th) => th.goroutineID === live.app.session.state.selection?.goroutine)?.id;
  rpc.close();
  const addrs = listed.flatMap((b) => b.addrs ?? []);
  const delves = listed.filter((b) => b.id < 0).flatMap((b) => b.addrs ?? []).length;
  assert.ok(delves > 0 && addrs.length > delves, `Delve has breakpoints of its own and one of the user's: ${JSON.stringify(listed)}`);
  assert.match(consoleSince(live.rec, from), new RegExp(`^Put the code's own byte back at ${addrs.length} breakpoint addresses in the core \\(${addrs.length - delves} of yours, ${delves} of Delve's own for panics and fatal errors\\)`, 'm'));
  const gdbByte = async (...files: string[]) => /:\s+(0x[0-9a-f]{2})\s*$/m.exec((await execa('gdb', ['-batch', '-nx', '-ex', `x/1bx ${addrs[0]}`, ...files], { reject: false })).stdout)?.[1];
  const inBinary = await gdbByte(binary);
  assert.ok(inBinary && inBinary !== '0xcc', `gdb reads the binary's byte: ${inBinary}`);
  assert.equal(await gdbByte(binary, core), inBinary);
  // gdb opens the core on the crash's thread (Delve writes its threads in its map's order), stopped by the
  // signal the runtime's frames hold (said at the stop, as the runtime would print it) and, unwinding it, reaches main.main.
  const signal = /^Signal (SIG[A-Z]+)/m.exec(live.rec.console.map((l) => l.text).join('\n'))?.[1];
  assert.ok(crashThread && signal, `the crash's thread ${crashThread}, its signal ${signal}`);
  assert.match(consoleSince(live.rec, from), new RegExp(`^gdb opens the core on thread ${crashThread} \\(goroutine \\d+'s\\), stopped by ${signal}\\.$`, 'm'));
  // Its stdout alone for the table: its warnings on stderr can land inside a line.
  const gdbRun = await execa('gdb', ['-batch', '-nx', '-ex', 'info threads', '-ex', 'bt', binary, core], { reject: false });
  const gdbThreads = gdbRun.stdout;
  assert.match(`${gdbRun.stdout}\n${gdbRun.stderr}`, new RegExp(`Program terminated with signal ${signal}\\b`), gdbThreads);
  assert.match(gdbThreads, new RegExp(`^\\* 1 +\\S+ +LWP ${crashThread}\\b|^\\* 1 +.*\\(LWP ${crashThread}\\)`, 'm'), gdbThreads);
  assert.match(gdbThreads, /\bmain\.main\b/, gdbThreads);
  // A core already there is kept (it may be a crash's one record): refused in a sentence, replaced with -force.
  const kept = fs.statSync(core);
  const before = live.rec.console.length;
  assert.equal(await live.app.run(`dump '${core}'`), false);
  assert.match(consoleSince(live.rec, before), new RegExp(`^${core.replace(/[.]/g, '\\.')} exists \\([\\d.]+ MiB, written \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d\\): gotui does not write over it\\. `, 'm'));
  assert.match(consoleSince(live.rec, before), new RegExp(`:dump -force '${core.replace(/[.]/g, '\\.')}'`));
  assert.equal(fs.statSync(core).mtimeMs, kept.mtimeMs);
  await must(live.app, live.rec, `dump -force '${core}'`);
  assert.ok(fs.statSync(core).mtimeMs > kept.mtimeMs, 'replaced');
  await must(live.app, live.rec, 'quit -leave');

  // What the core says of its program, before Delve reads it: the binary that wrote it, and another refused.
  const read = readCore(core);
  const info = 'core' in read ? read.core : undefined;
  assert.equal(info?.byDelve, true);
  assert.equal(info?.entry, binaryEntry(binary)?.entry);
  assert.equal(info?.args?.split(' ')[0], binary);
  const other = await buildDemo('orders');
  await assert.rejects(refusedCore(other, core), (e) => e instanceof UserError && /^The core was written by .*cgo-slice, not by this build of orders: their entry points differ/.test(e.message) && e.hint === `Open it with the binary that wrote it: gotui core ${binary} '${core}'`);
  // Another build of it with the same entry point (a rebuild rarely moves it; trial BL read nonsense, unsaid):
  // a copy whose Go build ID differs, as readelf reads it, in one byte.
  const rebuilt = path.join(path.dirname(core), 'cgo-slice-rebuilt');
  const bytes = fs.readFileSync(binary);
  const idAt = bytes.indexOf(Buffer.from('Go\0\0', 'latin1')) + 4;
  assert.ok(idAt > 4 && bytes[idAt] !== undefined);
  bytes[idAt] = bytes[idAt] === 0x41 ? 0x42 : 0x41;
  fs.writeFileSync(rebuilt, bytes, { mode: 0o755 });
  assert.equal(binaryEntry(rebuilt)?.entry, binaryEntry(binary)?.entry, 'the same entry point');
  // The IDs as readelf reads them from each binary.
  const goId = async (file: string) => {
    const hex = /GO BUILDID\s+description data: ([0-9a-f ]+)/.exec((await execa('readelf', ['-n', file])).stdout)?.[1];
    return hex && Buffer.from(hex.replace(/\s+/g, ''), 'hex').toString('utf8');
  };
  const [wroteId, rebuiltId] = [await goId(binary), await goId(rebuilt)];
  assert.ok(wroteId && rebuiltId && wroteId !== rebuiltId);
  await assert.rejects(refusedCore(rebuilt, core), (e) => {
    assert.ok(e instanceof UserError);
    // The first part where readelf's IDs differ (here the first), cut to 12 characters; the program the core ran named.
    const [w, r] = [wroteId.split('/'), rebuiltId.split('/')];
    assert.notEqual(w[0], r[0]);
    assert.equal(e.message, `The core was written by another build than cgo-slice-rebuilt (its process ran ${binary}): their Go build IDs differ (${w[0]!.slice(0, 12)}…/… in the core, ${r[0]!.slice(0, 12)}…/… in cgo-slice-rebuilt), so its values would read as nonsense.`);
    assert.equal(e.hint, `Open it with the binary that wrote it: gotui core ${binary} '${core}'`);
    return true;
  });
  // The two the other way round: said so, with the order that works (trial AJ).
  await assert.rejects(refusedCore(core, binary), (e) => e instanceof UserError && e.message === `${binary} is a program or a library, not a core file.` && e.hint === `Did you swap them? gotui core ${binary} '${core}'`);
  // A position-independent binary (the system's ls) too, before Delve starts (trial AJ: it opened, with no goroutines).
  if (binaryEntry('/bin/ls')?.fixed === false) await assert.rejects(refusedCore('/bin/ls', core), (e) => e instanceof UserError && /: their entry points differ \(0x[0-9a-f]+ in the core, 0x[0-9a-f]+ past wherever ls loads, a page-aligned place\)\.$/.test(e.message));

  // Post-mortem: the same place, the same values.
  const conn = await openTarget({ kind: 'core', program: binary, core }, () => {});
  t.after(() => conn.server?.stop());
  const { app, rec, asked } = headlessApp(conn);
  await app.start();
  t.after(() => app.close());
  await waitFor('the core loaded', () => rec.stops[0]);
  const stop = rec.stops[0]!;
  assert.equal(app.session.state.postMortem, true);
  assert.equal(stop.reason, `core file written by Delve at a ${signal}`);
  assert.equal(stop.frame?.name, 'main.main');
  assert.equal(stop.frame?.line, use.line);
  assert.deepEqual(simple(stop.variables), simple(crash.variables));
  assert.ok(simple(stop.variables).size >= 1, JSON.stringify(stop.variables));

  // The dlv CLI on the same core agrees: the stack, a local, the goroutine groups.
  const cli = await dlvCoreCli(binary, core, ['goroutine 1 stack 5', 'goroutine 1 frame 2 print label', 'goroutines -group userloc', 'threads']);
  assert.match(cli, new RegExp(`main\\.main\\n\\s+at \\S+main\\.go:${use.line}`), cli);
  assert.match(cli, /^"sensor-7"$/m, cli);
  assert.equal(stop.variables.find((v) => v.name === 'label')?.value, '"sensor-7"');
  await must(app, rec, 'goroutines -group userloc');
  const coreGroups = await paneGroups(app);
  assert.ok(coreGroups.size >= 3, JSON.stringify([...coreGroups]));
  assert.deepEqual(coreGroups, liveGroups, 'the core has the live stop\'s groups');
  assert.deepEqual(coreGroups, cliGroups(cli), `the dlv CLI on the core:\n${cli}`);

  // The threads the core holds, as the dlv CLI lists them (the same lines, the current one marked).
  const threadsAt = rec.console.length;
  await must(app, rec, 'threads');
  const ours = consoleSince(rec, threadsAt).split('\n').filter((l) => /^[* ] Thread \d+/.test(l));
  assert.ok(ours.length >= 2 && ours.filter((l) => l.startsWith('* ')).length === 1, ours.join('\n'));
  assert.deepEqual(ours, cli.split('\n').filter((l) => /^[* ] Thread \d+/.test(l)), cli);
  // The marked thread is Delve's; the goroutine on screen runs on another, named (trial O).
  const footer = consoleSince(rec, threadsAt).split('\n').find((l) => l.startsWith("* is Delve's current thread"));
  const cliGoroutines = await dlvCoreCli(binary, core, ['goroutines']);
  const shown = app.session.state.selection!.goroutine;
  const onThread = new RegExp(`^[* ] Goroutine ${shown} .*\\(thread (\\d+)\\)$`, 'm').exec(cliGoroutines)?.[1];
  if (/^\* Goroutine (\d+)/m.exec(cliGoroutines)?.[1] === String(shown)) assert.equal(footer, undefined, cliGoroutines);
  else assert.match(footer ?? '', new RegExp(`; gotui shows goroutine ${shown}, on thread ${onThread}\\.$`), cliGoroutines);

  // Reading works (memory and registers too); running says why it cannot.
  await must(app, rec, 'print pkt.items');
  let at0 = rec.console.length;
  await must(app, rec, 'x/3xg &pkt.items');
  assert.match(consoleSince(rec, at0), /0x000000deadbeef00\s+0x0000000000100000\n\S+:\s+0x0000000000000004/, 'the clobbered slice header, as in the live process');
  // A register of the frame selected (main.main, not frame 0) is that frame's, said so; gdb's `frame N` reads the same words (trial AT).
  const sel = app.session.state.selection!.frame!;
  assert.ok(sel.index > 0, `the crash's own frame is selected: ${sel.name}`);
  at0 = rec.console.length;
  await must(app, rec, 'x/2xg $rsp');
  const rspLine = consoleSince(rec, at0);
  const whose = new RegExp(`^Registers here are frame ${sel.index}'s \\(main\\.main\\), the frame selected; at a stop gdb selects frame 0 \\(:frame 0 here\\)\\.$`, 'm');
  assert.match(rspLine, whose, rspLine);
  // :print says it too (trial BJ: p/x $sp named no frame).
  at0 = rec.console.length;
  await must(app, rec, 'p/x $sp');
  assert.match(consoleSince(rec, at0), whose, consoleSince(rec, at0));
  const gdbRsp = (await execa('gdb', ['-batch', '-nx', '-ex', `frame ${sel.index}`, '-ex', 'x/2xg $rsp', binary, core], { reject: false })).stdout;
  const words = (text: string) => /^(0x[0-9a-f]+)(?: <[^>]*>)?:\s+(0x[0-9a-f]{16})\s+(0x[0-9a-f]{16})$/m.exec(text)?.slice(1);
  assert.ok(words(rspLine), rspLine);
  assert.deepEqual(words(rspLine), words(gdbRsp), gdbRsp);
  at0 = rec.console.length;
  await must(app, rec, 'regs rip');
  assert.match(consoleSince(rec, at0), /rip\s+0x[0-9a-f]{16}/);
  // In the outer frame shown Delve has no eflags (only what the calls saved): said so, with the way to frame 0's (trial BQ).
  at0 = rec.console.length;
  assert.equal(await app.run('p $eflags'), false);
  assert.match(consoleSince(rec, at0), new RegExp(`^Frame ${sel.index} \\(main\\.main\\) has no \\$eflags: Delve knows an outer frame's registers only where the calls saved them \\(its pc, sp and bp\\)\\. :frame 0, then :print \\$eflags \\(gdb shows frame 0's value there too\\)\\.$`, 'm'), consoleSince(rec, at0));
  // gdb prints eflags by its flags' names (trial BL: decimal): frame 0's, gdb's at a core.
  await must(app, rec, 'frame 0');
  await must(app, rec, 'p $eflags');
  const gdbFlags = /^\$1 = (\[[A-Z ]*\])$/m.exec((await execa('gdb', ['-batch', '-nx', '-ex', 'p $eflags', binary, core], { reject: false })).stdout)?.[1];
  assert.ok(gdbFlags, 'gdb printed eflags');
  assert.equal(rec.console.filter((l) => l.kind === 'result').at(-1)?.text, gdbFlags);
  await must(app, rec, `frame ${sel.index}`);
  // Instructions name their targets from the binary given with the core, as gdb on the same core does.
  at0 = rec.console.length;
  await must(app, rec, 'x/16i $pc');
  const ins = consoleSince(rec, at0).split('\n').filter((l) => /^(=>| {2}) 0x/.test(l));
  assert.equal(ins.length, 16, ins.join('\n'));
  assert.ok(ins.some((l) => /\t(call|j\w+)\s+0x[0-9a-f]+ <[^>]+>$/.test(l)), `a branch or call with its target named:\n${ins.join('\n')}`);
  const first = /0x[0-9a-f]+/.exec(ins[0]!)![0];
  const gdb = await execa('gdb', ['-batch', '-nx', '-ex', `x/16i ${first}`, binary, core], { reject: false });
  assert.deepEqual(ins.map((l) => l.slice(3)), gdb.stdout.split('\n').filter((l) => /^ {3}0x/.test(l)).map((l) => l.slice(3)), gdb.stdout);
  // :vmmap lists what the core holds: its segments, as readelf lists them (trial AS: the runtime's
  // regions, among them a 64M heap arena the core did not hold, with no word of where they came from).
  at0 = rec.console.length;
  await must(app, rec, 'vmmap');
  const vm = consoleSince(rec, at0).split('\n').filter((l) => !l.startsWith('> '));
  assert.match(vm[0]!, /^The core's memory \(its segments; memory mapped with no access is not in a core\):$/);
  const mapped = vm.slice(1).flatMap((l) => {
    const m = /0x([0-9a-f]+)-0x([0-9a-f]+)\s+\S+\s+(\S+)/.exec(l);
    return m ? [`${BigInt(`0x${m[1]}`)}-${BigInt(`0x${m[2]}`)} ${m[3]}`] : [];
  });
  const loads = (await execa('readelf', ['-lW', core])).stdout.split('\n').flatMap((l) => {
    const m = /^\s*LOAD\s+0x[0-9a-f]+\s+(0x[0-9a-f]+)\s+0x[0-9a-f]+\s+0x[0-9a-f]+\s+(0x[0-9a-f]+)\s+([RWE ]{3})/.exec(l);
    if (!m || BigInt(m[2]!) === 0n) return [];
    const f = m[3]!;
    return [`${BigInt(m[1]!)}-${BigInt(m[1]!) + BigInt(m[2]!)} ${f[0] === 'R' ? 'r' : '-'}${f[1] === 'W' ? 'w' : '-'}${f[2] === 'E' ? 'x' : '-'}p`];
  });
  assert.ok(loads.length > 3, 'readelf lists the segments');
  assert.deepEqual(mapped, loads);
  // Named as the process's own map names them: the segment holding the entry point is the binary's text (trial AT: "anonymous").
  const entry = binaryEntry(binary)!.entry;
  const text = vm.find((l) => {
    const m = /0x([0-9a-f]+)-0x([0-9a-f]+)/.exec(l);
    return m && entry >= BigInt(`0x${m[1]}`) && entry < BigInt(`0x${m[2]}`);
  });
  assert.match(text ?? '', /r-xp binary text {2}\S*cgo-slice$/, vm.join('\n'));
  // The zeroed part past the binary's file bytes is its bss, as the live map names it (trial AY: "binary data").
  const sections = (await execa('readelf', ['-SW', binary])).stdout;
  const noptrbss = /\s\.noptrbss\s+\S+\s+([0-9a-f]+)\s+[0-9a-f]+\s+([0-9a-f]+)/.exec(sections);
  assert.ok(noptrbss, sections);
  const lastBss = BigInt(`0x${noptrbss[1]}`) + BigInt(`0x${noptrbss[2]}`) - 1n;
  const bss = vm.find((l) => {
    const m = /0x([0-9a-f]+)-0x([0-9a-f]+)/.exec(l);
    return m && lastBss >= BigInt(`0x${m[1]}`) && lastBss < BigInt(`0x${m[2]}`);
  });
  assert.match(bss ?? '', /rw-p binary bss$/, vm.join('\n'));
  // Memory the process had reserved but the core does not hold (a heap arena's untouched part) is said as not in the core.
  const segs = loads.map((l) => l.split(' ')[0]!.split('-').map(BigInt) as [bigint, bigint]);
  const arena = app.models.model(memoryFeature).target.regions().find((r) => r.kind === 'heap');
  const outside = arena && [arena.hi - 0x1000n, arena.lo + 0x2000000n].find((a) => a >= arena.lo && a < arena.hi && !segs.some(([lo, hi]) => a >= lo && a < hi));
  if (outside) {
    at0 = rec.console.length;
    await app.run(`x/2xg 0x${outside.toString(16)}`);
    const said = consoleSince(rec, at0);
    assert.match(said, new RegExp(`^Nothing at 0x${outside.toString(16)} can be read: the core does not hold it; :vmmap \\(m in the memory pane\\) lists what it holds\\.$`, 'm'), said);
    assert.doesNotMatch(said, /spliced/, said);
  } else t.diagnostic('the heap arena is all in the core: nothing outside it to read');
  const at = rec.console.length;
  for (const line of ['continue', 'next', 'step', 'pause', 'restart']) assert.equal(await app.run(line), false, line);
  assert.match(consoleSince(rec, at), /continue is not available: this is a core file: nothing runs\./);
  assert.match(consoleSince(rec, at), /restart is not available: this is a core file: nothing runs\./);
  // A flag edit and a probe need a live process: said as that, not as Delve's write error or "no such process".
  const later = rec.console.length;
  assert.equal(await app.run('flag batch=3'), false);
  assert.equal(await app.run('bpf syscalls'), false);
  assert.match(consoleSince(rec, later), /^Cannot change -batch: this is a core file, a snapshot of a process that no longer runs\./m);
  assert.match(consoleSince(rec, later), /^Cannot trace it with bpftrace: this is a core file, a snapshot of a process that no longer runs\./m);
  // Writes are refused as such, before any question (trial AJ: asked, then Delve's raw words after y).
  const writes = rec.console.length;
  assert.equal(await app.run('set-memory $rsp 1'), false);
  assert.equal(await app.run('set var batch = 5'), false);
  assert.equal(await app.run('call fmt.Println(1)'), false);
  const refused = consoleSince(rec, writes);
  for (const what of ['write memory', 'set a variable', 'call a function']) assert.match(refused, new RegExp(`^Cannot ${what}: this is a core file, a snapshot of a process that no longer runs\\.`, 'm'), refused);
  assert.equal(asked.length, 0, 'no question asked');
  assert.equal(rec.stops.length, 1, 'no made-up stop');
  await must(app, rec, 'quit');
});

test("another client's dump (the dlv CLI's) while gotui polls Delve's state (pair debugging): Delve 1.27 would hang at the first State; gotui waits, and the dump and Delve go on", async (t) => {
  const server = await startDemoServer(t, 'orders');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-dump-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  // The other client: its own connection, as the dlv CLI's `dump FILE` makes.
  const other = await DelveRpcClient.connect(server.address);
  t.after(() => other.close());
  const gotui = await DelveRpcClient.connect(server.address);
  t.after(() => gotui.close());
  assert.equal((await gotui.pollState()).Running, false, 'Delve started the demo halted');
  let refused = 0;
  // Until one State lands in a dump (a busy machine can finish a dump before the State is read: 0 of 5 once).
  for (let i = 0; i < 30 && (i < 5 || !refused); i++) {
    const started = await other.call<{ State: { Dumping: boolean } }>('DumpStart', { Destination: path.join(dir, `core${i}`) });
    // Asked at once, as gotui's poller would in its next 50 ms: never a State that lands in the dump.
    const asked = await gotui.pollState().then(() => 'answered', (e: unknown) => (e instanceof UserError && /writing a core file \(another client's dump\)/.test(e.message) ? 'refused' : String(e)));
    assert.match(asked, /^(answered|refused)$/);
    if (asked === 'refused') refused++;
    const done = await waitFor('the dump to end', async () => {
      const s = (await other.call<{ State: { Dumping: boolean; AllDone: boolean; Err: string } }>('DumpWait', { Wait: 200 }, { timeoutMs: 5_000 })).State;
      return s.Dumping ? undefined : s;
    }, 20_000);
    assert.deepEqual([done.AllDone, done.Err], [true, ''], `dump ${i} finished${started.State.Dumping ? '' : ' (it was quick)'}`);
    assert.equal((await gotui.pollState({ timeoutMs: 5_000 })).Running, false, 'Delve still answers');
  }
  assert.ok(refused > 0, 'at least one State came during a dump in 30 (the dumps were too quick to test anything)');
});

/**
 * A core the kernel writes of the cgo-slice crash (GOTRACEBACK=crash aborts it), in `dir`, of a copy
 * there started as `./cgo-slice` (its command line a relative path); undefined where the kernel
 * writes cores elsewhere (a pipe in core_pattern).
 */
async function kernelCore(binary: string, dir: string): Promise<string | undefined> {
  if (!/^core(\.%p)?$/.test(fs.readFileSync('/proc/sys/kernel/core_pattern', 'utf8').trim())) return undefined;
  fs.copyFileSync(binary, path.join(dir, 'cgo-slice'));
  fs.chmodSync(path.join(dir, 'cgo-slice'), 0o755);
  await execa('sh', ['-c', 'ulimit -c unlimited && exec ./cgo-slice'], { cwd: dir, env: { GOTRACEBACK: 'crash' }, reject: false, timeout: 60_000 });
  const name = fs.readdirSync(dir).find((f) => /^core(\.\d+)?$/.test(f));
  return name && path.join(dir, name);
}

test('a core cut short: said with its sizes before anything else (gdb: "segment extending past end of file"); a kernel core opens, its threads read as the dlv CLI reads them, the goroutines say the core is cut; a Delve core, its table of segments gone, is refused', async (t) => {
  if (!requireTool(t, !!findOnPath('gdb') && !!findOnPath('readelf'), 'gdb and readelf')) return;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-cut-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const binary = await buildDemo('cgo-slice');
  const cut = (full: string, size: number) => {
    const file = `${full}.cut`;
    fs.writeFileSync(file, fs.readFileSync(full).subarray(0, size));
    return file;
  };
  /** The bytes the segments need as readelf lists them: the largest offset + file size. */
  const readelfNeed = async (file: string) =>
    Math.max(...[...(await execa('readelf', ['-lW', file])).stdout.matchAll(/^\s+(?:LOAD|NOTE)\s+(0x[0-9a-f]+)\s+\S+\s+\S+\s+(0x[0-9a-f]+)/gm)].map((m) => Number(m[1]) + Number(m[2])));

  // Delve's own core, its table of segments written last: nothing in a cut copy can be found.
  const live = await attachedApp(t, 'cgo-slice');
  await waitFor('the fatal error', () => live.rec.stops.find((s) => s.reason === 'exception'));
  const dumped = path.join(dir, 'delve.core');
  await must(live.app, live.rec, `dump ${dumped}`);
  await must(live.app, live.rec, 'quit -leave');
  const delveCut = cut(dumped, 1_000_000);
  assert.match((await execa('gdb', ['-batch', '-nx', binary, delveCut], { reject: false, all: true })).all ?? '', /is not a core dump/);
  const whole = fs.statSync(dumped).size;
  // Delve listens, then fails reading it: its words come after what is wrong.
  const refused = await openTarget({ kind: 'core', program: binary, core: delveCut }, () => {});
  t.after(() => refused.server?.stop());
  await assert.rejects(headlessApp(refused).app.start(), (e) => {
    assert.ok(e instanceof UserError, String(e));
    assert.equal(e.message, `The core is cut short: its segments need ${whole.toLocaleString('en-US')} bytes, the file has 1,000,000 (copied or written incompletely?). Delve could not open the core ${delveCut}: EOF.`);
    // Delve wrote it: no ulimit cut it (trial BW: told to lift one).
    assert.equal(e.hint, "Write it again (:dump, or the dlv CLI's dump), or copy it again whole.");
    return true;
  });

  const kernel = await kernelCore(binary, dir);
  if (!kernel) return t.skip('the kernel writes no core here (core_pattern is not "core")');
  // Cut where the goroutines begin: at the segment of the first g or of the list of them (the dlv CLI
  // reads where on the whole core). The kernel's layout varies by run: a fixed size kept them in some.
  const gs = (await dlvCoreCli(binary, kernel, ['print uintptr(unsafe.Pointer(runtime.allgs[0]))', 'print uintptr(unsafe.Pointer(&runtime.allgs[0]))'])).match(/^\d+$/gm)?.map(BigInt) ?? [];
  assert.equal(gs.length, 2, 'the dlv CLI read where the goroutines lie');
  const loads = [...(await execa('readelf', ['-lW', kernel])).stdout.matchAll(/^\s+LOAD\s+(0x[0-9a-f]+)\s+(0x[0-9a-f]+)\s+\S+\s+\S+\s+(0x[0-9a-f]+)/gm)].map((m) => ({ offset: Number(m[1]), vaddr: BigInt(m[2]!), memsz: BigInt(m[3]!) }));
  const has = Math.min(...gs.map((a) => loads.find((s) => s.vaddr <= a && a < s.vaddr + s.memsz)?.offset ?? Infinity));
  assert.ok(Number.isFinite(has) && has > 0, `the goroutines' segments: ${gs.join(', ')}`);
  const hasText = has.toLocaleString('en-US');
  const kernelCut = cut(kernel, has);
  const need = await readelfNeed(kernel);
  assert.ok(need > has, `readelf: ${need}`);
  assert.match((await execa('gdb', ['-batch', '-nx', '-ex', 'info threads', binary, kernelCut], { reject: false, all: true })).all ?? '', /segment extending past end of file/);
  const read = readCore(kernelCut);
  assert.deepEqual('core' in read && read.core.cut, { need, has });
  assert.equal('core' in read && read.core.signal, 'SIGABRT', 'the notes are read still');
  const whole2 = readCore(kernel);
  assert.equal('core' in whole2 && whole2.core.cut, undefined, 'the whole core is not cut');
  // Given the wrong binary: the path as the core's command line has it (relative, from where it started), and the ready command
  // with the binary found beside the core (gotui's directory is another).
  assert.notEqual(process.cwd(), dir);
  await assert.rejects(refusedCore(await buildDemo('orders'), kernel), (e) => {
    assert.ok(e instanceof UserError, String(e));
    assert.match(e.message, /^The core was written by \.\/cgo-slice \(so its command line says, from the directory it started in\), not by this build of orders: their entry points differ/);
    assert.equal(e.hint, `Open it with the binary that wrote it: gotui core ${path.join(dir, 'cgo-slice')} ${kernel}`);
    return true;
  });
  // That binary moved away: the hint still names the path the core holds (trial BN: it named none).
  fs.renameSync(path.join(dir, 'cgo-slice'), path.join(dir, 'cgo-slice.moved'));
  try {
    await assert.rejects(refusedCore(await buildDemo('orders'), kernel), (e) => e instanceof UserError && e.hint === 'Give the exact build of the process it was dumped from (its command line names ./cgo-slice: not that build, or not here) (Delve reads a core only with its own binary).');
  } finally {
    fs.renameSync(path.join(dir, 'cgo-slice.moved'), path.join(dir, 'cgo-slice'));
  }

  const conn = await openTarget({ kind: 'core', program: binary, core: kernelCut }, () => {});
  t.after(() => conn.server?.stop());
  const sentence = `The core is cut short: its segments need ${need.toLocaleString('en-US')} bytes, the file has ${hasText} (copied or written incompletely?).`;
  // Said in the console once attached, not on the terminal before (where a failed open says it with Delve's words).
  assert.ok(conn.notes?.some((w) => w.startsWith(`${sentence} What lies past its end reads as missing. Copy it again whole`)), JSON.stringify(conn));
  const { app, rec } = headlessApp(conn);
  await app.start();
  t.after(() => app.close());
  assert.equal((await waitFor('the core loaded', () => rec.stops[0])).reason, 'core file: killed by SIGABRT, cut short');
  const lines = app.models.model(consoleFeature).get().lines.map((l) => l.text);
  assert.equal(lines.filter((l) => l.startsWith(sentence)).length, 1, lines.join('\n'));
  assert.deepEqual(app.session.state.coreCut, { need, has });
  // The goroutines are past the end: said as that, never as Delve's "Internal debugger error" and its Go stack.
  const g = app.models.model(goroutinesFeature);
  const state = await waitFor('the goroutines read or refused', () => (g.get().status === 'ready' || g.get().status === 'error' ? g.get() : undefined));
  assert.equal(state.message, `Goroutines unreadable: the core is cut short (${hasText} of its ${need.toLocaleString('en-US')} bytes).`);
  // What the kernel wrote first is there: the threads, as the dlv CLI lists them on the same cut core.
  const at = rec.console.length;
  await must(app, rec, 'threads');
  const ours = consoleSince(rec, at).split('\n').filter((l) => /^[* ] Thread \d+/.test(l));
  const cli = await dlvCoreCli(binary, kernelCut, ['threads']);
  assert.ok(ours.length >= 2, consoleSince(rec, at));
  assert.deepEqual(ours, cli.split('\n').filter((l) => /^[* ] Thread \d+/.test(l)), cli);
  // And :regs, as the source pane says, reads the current thread's, as the dlv CLI's regs (trial BW: refused for want of a frame).
  const regsAt = rec.console.length;
  await must(app, rec, 'regs rip rsp');
  const cliRegs = await dlvCoreCli(binary, kernelCut, ['regs']);
  for (const r of ['Rip', 'Rsp']) {
    const want = BigInt(new RegExp(`^\\s*${r}\\s*=\\s*(0x[0-9a-f]+)`, 'm').exec(cliRegs)![1]!);
    assert.match(consoleSince(rec, regsAt), new RegExp(`${r.toLowerCase()} 0x0*${want.toString(16)}\\b`), consoleSince(rec, regsAt));
  }
  await must(app, rec, 'quit');
});

test("a crash names its signal as the runtime prints it once the program dies (SIGSEGV, the address, the PC); a fault in C is looked at on its C line, not in cgo's glue (trial AL)", async (t) => {
  for (const inC of [false, true]) {
    const live = await attachedApp(t, 'cgo-slice', inC ? ['-in-c'] : []);
    const crash = await waitFor('the fatal error', () => live.rec.stops.find((s) => s.reason === 'exception'));
    const said = await waitFor('the signal said', () => live.rec.console.find((l) => /^Signal /.test(l.text))?.text);
    const where = inC ? findMarker('cgo-slice', 'gotui:c-fault') : findMarker('cgo-slice', 'gotui:use');
    assert.equal(crash.frame?.name, inC ? 'C.sensor_sum' : 'main.main');
    assert.equal(crash.frame?.line, where.line);
    if (inC) {
      // C's pointer to the bad data shows its address (Delve's DAP writes only `*(unreadable …)`), as the dlv CLI prints it (trial AL).
      const vars = live.app.models.model(variablesFeature);
      const row = await waitFor('items with its address', () => vars.get().rows.find((r) => r.name === 'items' && /0x/.test(r.value)));
      const index = live.app.session.state.selection!.frame!.index;
      const cli = /\(\*const uint64_t\)\((0x[0-9a-f]+)\)/.exec(await dlvCli(live.server.address, [`frame ${index} print items`]))?.[1];
      assert.ok(cli, 'the dlv CLI printed the pointer');
      assert.equal(row.value, `(*const uint64_t)(${cli}) → *(unreadable input/output error)`);
      // The Registers pane names rip in C by the binary's symbol, as gdb does (trial AL: it named nothing).
      const regs = live.app.models.model(registersFeature);
      regs.setShown(true);
      const rip = await waitFor('rip named', () => {
        const r = regs.get().registers.find((x) => x.name === 'rip');
        const a = r && regs.get().annotations.get('rip');
        return r && a ? { value: r.value, label: a.label } : undefined;
      });
      const gdb = /^(\w+) \+ (\d+) in section \.text/m.exec((await execa('gdb', ['-batch', '-nx', '-ex', `info symbol 0x${rip.value.toString(16)}`, live.server.binary], { reject: false })).stdout);
      assert.ok(gdb, `gdb names 0x${rip.value.toString(16)}`);
      assert.equal(rip.label, `${gdb[1]}+${gdb[2]}`, "gdb's own words: its offset in decimal");
    }
    // The oracle: the runtime's own report, printed once the program goes on to die.
    assert.ok(await live.app.run('continue'));
    const report = await waitFor("the runtime's report", () => {
      const all = live.server.output.join('\n');
      return (inC ? /PC=(0x[0-9a-f]+) m=\d+ sigcode=\d+ addr=(0x[0-9a-f]+)/ : /\[signal SIGSEGV: segmentation violation code=\S+ addr=(0x[0-9a-f]+) pc=(0x[0-9a-f]+)\]/).exec(all) ?? undefined;
    }, 20_000);
    const [pc, addr] = inC ? [report[1]!, report[2]!] : [report[2]!, report[1]!];
    // Its goroutine, the first the runtime's report lists.
    const goroutine = await waitFor("the report's goroutine", () => /^goroutine (\d+) /m.exec(live.server.output.join('\n'))?.[1], 20_000);
    assert.equal(said, `Signal SIGSEGV: segmentation violation at address ${addr}, PC ${pc}${inC ? ' in C code: C.sensor_sum' : ', main.main'} at ${inC ? 'sensor.c' : 'main.go'}:${where.line} (goroutine ${goroutine}).`);
  }
});

test("a :dump of a service started from its own directory (`./orders`) names its binary by the whole path in the command that opens the core (trial AT: the command failed)", async (t) => {
  const binary = await buildDemo('orders');
  // Started as a service is, from its directory: its command line says `./orders`, which Delve's state repeats.
  const child = execa(`./${path.basename(binary)}`, ['-quiet'], { cwd: path.dirname(binary), reject: false, stdio: 'ignore' });
  t.after(() => child.kill('SIGKILL'));
  const server = await startHeadlessDelve((await ensureDelve()).path, { mode: 'attach', pid: child.pid! });
  t.after(() => server.stop());
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-dump-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const { app, rec } = headlessApp({ address: server.address, label: 'orders', owned: false, version: 'test', warnings: [] });
  await app.start();
  t.after(() => app.close());
  if (app.session.state.status !== 'stopped') await must(app, rec, 'pause');
  await waitFor('halted', () => (app.session.state.status === 'stopped' ? true : undefined));
  const rpc = await DelveRpcClient.connect(server.address);
  assert.equal((await rpc.state(true)).TargetCommandLine.split(' ')[0], './orders');
  rpc.close();
  const core = path.join(dir, 'svc.core');
  const from = rec.console.length;
  await must(app, rec, `dump ${core}`);
  assert.match(consoleSince(rec, from), new RegExp(`Open it with: gotui core ${binary.replace(/[.]/g, '\\.')} ${core.replace(/[.]/g, '\\.')}$`, 'm'));
  // Looking at a parked goroutine (on no thread), the dump says gdb cannot open on it (trial AY expected it to).
  const again = await DelveRpcClient.connect(server.address);
  const parked = ((await again.listGoroutines({ Start: 0, Count: 100 })).Goroutines ?? []).find((g) => !g.threadID && g.id > 0);
  again.close();
  assert.ok(parked, 'a goroutine on no thread');
  await must(app, rec, `goroutine ${parked.id}`);
  const fromParked = rec.console.length;
  await must(app, rec, `dump ${path.join(dir, 'parked.core')}`);
  assert.match(consoleSince(rec, fromParked), new RegExp(`^Goroutine ${parked.id}, looked at, runs on no thread \\(parked\\): gdb, which knows threads only, opens the core on thread \\d+ and cannot show goroutine ${parked.id}'s stack; gotui core can\\.$`, 'm'));
  await must(app, rec, 'quit -resume');
});

const PANICS = `package main

import (
	"fmt"
	"time"
)

func store(m map[string]int, round int) {
	m[fmt.Sprint("round-", round)] = round
}

func main() {
	var m map[string]int
	for round := 1; ; round++ {
		time.Sleep(10 * time.Millisecond)
		if round == 3 {
			store(m, round)
		}
	}
}
`;

test("a core :dump wrote at an unrecovered panic says the panic, as the live stop said it (Delve's exceptionInfo); nothing said of one where no panic was (trial BN)", async (t) => {
  const binary = await buildGoProgram(t, 'panics', PANICS);
  // gotui on the program halted at its entry, and on a core of it: each ended with the test.
  const ended = async (h: ReturnType<typeof headlessApp>) => {
    await h.app.start();
    t.after(() => h.app.close());
    return h;
  };
  const halted = async () => {
    const server = await startHeadlessDelve(await testDelve(), { mode: 'exec', program: binary, args: [] });
    t.after(() => server.stop());
    return ended(headlessApp({ address: server.address, label: 'panics', owned: false, version: 'test', warnings: [] }, { stop: true }));
  };
  const opened = async (core: string) => {
    const conn = await openTarget({ kind: 'core', program: binary, core }, () => {});
    t.after(() => conn.server?.stop());
    return ended(headlessApp(conn));
  };
  const live = await halted();
  await must(live.app, live.rec, 'continue');
  const stop = await waitFor('the panic', () => (live.app.session.state.stop?.reason === 'exception' ? live.app.session.state.stop : undefined), 30_000);
  assert.equal(stop.description, 'panic');
  assert.match(stop.text ?? '', /assignment to entry in nil map/);
  const goroutine = live.app.session.state.selection?.goroutine;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-panic-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const core = path.join(dir, 'panic.core');
  await must(live.app, live.rec, `dump ${core}`);
  // A core of the same program at a breakpoint, before the panic: nothing to say.
  const calm = path.join(dir, 'calm.core');

  const post = await opened(core);
  await waitFor('the status bar says it', () => (post.app.session.state.stop?.reason === 'core file written by Delve at a panic' ? true : undefined));
  await consoleLine(post.rec, new RegExp(`^The core was written at an unrecovered panic: ${stop.text!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(goroutine ${goroutine}\\)\\.$`));

  const before = await halted();
  await must(before.app, before.rec, 'break main.store');
  await runToStop(before.app, before.rec, 'continue');
  await must(before.app, before.rec, `dump ${calm}`);
  const calmApp = await opened(calm);
  await waitFor('the core stop', () => (calmApp.app.session.state.selection?.frame ? true : undefined));
  // Said, when it is, before a command's answer that comes after it on the same connection.
  await must(calmApp.app, calmApp.rec, 'print 1');
  assert.doesNotMatch(consoleSince(calmApp.rec, 0), /The core was written at/);
});

const DEADLOCKS = `package main

import "sync"

func main() {
	var wg sync.WaitGroup
	wg.Add(1)
	wg.Wait()
}
`;

test("a core :dump wrote at a deadlock says the fatal error, which the scheduler threw on a thread running no goroutine, as dlv core reads it there (trial BW: said nothing)", async (t) => {
  const binary = await buildGoProgram(t, 'deadlocks', DEADLOCKS);
  const server = await startHeadlessDelve(await testDelve(), { mode: 'exec', program: binary, args: [] });
  t.after(() => server.stop());
  const live = headlessApp({ address: server.address, label: 'deadlocks', owned: false, version: 'test', warnings: [] }, { stop: true });
  await live.app.start();
  t.after(() => live.app.close());
  await must(live.app, live.rec, 'continue');
  await waitFor('the fatal error', () => (live.app.session.state.stop?.reason === 'exception' ? true : undefined), 30_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-deadlock-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const core = path.join(dir, 'deadlock.core');
  await must(live.app, live.rec, `dump ${core}`);
  // The oracle: dlv core's current thread is in runtime.fatal, its s the runtime's words.
  const cli = await dlvCoreCli(binary, core, ['stack', 'frame 0 args']);
  assert.match(cli, /runtime\.fatal\b/, cli);
  const words = /s = "([^"]+)"/.exec(cli)?.[1];
  assert.equal(words, 'all goroutines are asleep - deadlock!', cli);
  const conn = await openTarget({ kind: 'core', program: binary, core }, () => {});
  t.after(() => conn.server?.stop());
  const post = headlessApp(conn);
  await post.app.start();
  t.after(() => post.app.close());
  await consoleLine(post.rec, new RegExp(`^The core was written at a fatal error: "${words!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"\\.$`));
  await waitFor('the status bar says it', () => (post.app.session.state.stop?.reason === 'core file written by Delve at a fatal error' ? true : undefined));
});

/** The byte at `addr` as gdb reads it in `files` (the binary alone, or the binary and a core). */
const gdbByteAt = async (addr: number, ...files: string[]) => /:\s+(0x[0-9a-f]{2})\s*$/m.exec((await execa('gdb', ['-batch', '-nx', '-ex', `x/1bx ${addr}`, ...files], { reject: false })).stdout)?.[1];

/** Delve's breakpoints as its JSON-RPC lists them: id, addresses, and whether a watchpoint (its addresses are data, with no int3). */
async function delveBreakpoints(address: Parameters<typeof DelveRpcClient.connect>[0]) {
  const rpc = await DelveRpcClient.connect(address);
  try {
    return (await rpc.call<{ Breakpoints: { id: number; addrs: number[] | null; WatchExpr?: string }[] }>('ListBreakpoints', { All: false })).Breakpoints ?? [];
  } finally {
    rpc.close();
  }
}

test("a :dump beside the dlv CLI counts the CLI's breakpoint as another client's, not yours (trial CG: counted as the user's, who had set a watchpoint)", async (t) => {
  const { app, rec, server } = await attachedApp(t, 'orders', [], { stop: true });
  await must(app, rec, 'break main.format');
  await runToStop(app, rec, 'continue');
  await must(app, rec, 'watch -w *main.every');
  // The dlv CLI on the same Delve sets its own: Breakpoint N set at 0x….
  const loop = findMarker('orders', 'gotui:loop');
  const set = /Breakpoint (\d+) set at (0x[0-9a-f]+)/.exec(await dlvCli(server.address, [`break main.go:${loop.line}`]));
  assert.ok(set, 'the CLI set its breakpoint');
  const listed = await delveBreakpoints(server.address);
  const code = listed.filter((b) => !b.WatchExpr);
  const delves = code.filter((b) => b.id < 0).flatMap((b) => b.addrs ?? []).length;
  const yours = code.filter((b) => b.id > 0 && b.id !== Number(set[1])).flatMap((b) => b.addrs ?? []).length;
  assert.ok(delves > 0 && yours === 1 && listed.some((b) => b.WatchExpr), JSON.stringify(listed));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-dump-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const core = path.join(dir, 'svc.core');
  const from = rec.console.length;
  await must(app, rec, `dump ${core}`);
  assert.match(consoleSince(rec, from), new RegExp(`^Put the code's own byte back at ${yours + 1 + delves} breakpoint addresses in the core \\(1 of yours, 1 another client's, ${delves} of Delve's own for panics and fatal errors\\)`, 'm'));
  // gdb reads the CLI's breakpoint's byte in the core as in the binary.
  const binary = await buildDemo('orders');
  const inBinary = await gdbByteAt(Number(set[2]), binary);
  assert.ok(inBinary && inBinary !== '0xcc');
  assert.equal(await gdbByteAt(Number(set[2]), binary, core), inBinary);
});

test("a core the dlv CLI's dump wrote, with Delve's int3 in the code: gotui core says how many places and why, where gdb reads int3 and the binary another byte (trial CG: said nothing)", async (t) => {
  const server = await startDemoServer(t, 'orders');
  const loop = findMarker('orders', 'gotui:loop');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-dump-'));
  t.after(() => fs.rmSync(dir, { recursive: true, force: true }));
  const core = path.join(dir, 'svc.core');
  const cli = await dlvCli(server.address, [`break main.go:${loop.line}`, `dump ${core}`]);
  const at = Number(/Breakpoint \d+ set at (0x[0-9a-f]+)/.exec(cli)?.[1]);
  assert.ok(at && fs.existsSync(core), cli);
  // The oracle: gdb reads int3 in the core where the binary has the code's byte, at each of Delve's breakpoints.
  const addrs = (await delveBreakpoints(server.address)).filter((b) => !b.WatchExpr).flatMap((b) => b.addrs ?? []);
  assert.ok(addrs.includes(at) && addrs.length > 1, JSON.stringify(addrs));
  assert.equal(await gdbByteAt(at, server.binary, core), '0xcc');
  assert.notEqual(await gdbByteAt(at, server.binary), '0xcc');
  const conn = await openTarget({ kind: 'core', program: server.binary, core }, () => {});
  t.after(() => conn.server?.stop());
  // The controller writes the connection's notes to the console as it starts, once.
  const said = (conn.notes ?? []).filter((w) => /^The core holds int3/.test(w));
  assert.deepEqual(said, [`The core holds int3 at ${addrs.length} places in the program's code where orders has other bytes: a debugger's breakpoints were in the process when the core was written, so the Disassembly shows int3 there and misreads what follows, as dlv core and gdb do. gotui's :dump puts the code's own bytes back.`], JSON.stringify(conn.notes));
});
