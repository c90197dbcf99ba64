import { test } from 'node:test';
import assert from 'node:assert/strict';
import { breakpointRefusal, breakpointSites, foreignConflicts, probeConflicts, probeRefusal, probeWarning } from './conflicts.js';

// Delve's list as JSON-RPC gives it at a stop: Delve's own (negative ids), a DAP client's
// instruction breakpoint (gotui's #3), and the dlv CLI's `break *0x4d4280` (id 5).
const listed = [
  { id: -1, name: 'unrecovered-panic', addrs: [0x4505c4] },
  { id: 2, name: 'instructionBreakpoint 0', addrs: [0x4d4296] },
  { id: 5, name: '', addrs: [0x4d4280] },
];

test('breakpointSites names every client\'s breakpoint as the user knows it', () => {
  const sites = breakpointSites(listed, [{ id: 3, delveId: 2, kind: 'instruction', address: 0x4d4296n }]);
  assert.deepEqual(sites, [
    { address: 0x4505c4, name: "Delve's unrecovered-panic breakpoint" },
    { address: 0x4d4296, name: 'breakpoint #3', clear: ':clear 3' },
    { address: 0x4d4280, name: "another client's breakpoint 5", clear: 'clear 5 in the client that set it' },
  ]);
  // A pair peer's, as gotui shows it.
  assert.equal(breakpointSites(listed, [{ id: 4, delveId: 5, kind: 'line', by: 'alice' }])[2]!.name, "alice's breakpoint 5");
});

test('breakpointSites: gotui\'s instruction breakpoints count before Delve lists them; disabled ones do not', () => {
  const own = [
    { id: 7, kind: 'instruction', address: 0x4d1000n },
    { id: 8, kind: 'instruction', address: 0x4d2000n, disabled: true },
    { id: 9, kind: 'line' },
  ];
  assert.deepEqual(breakpointSites([], own), [{ address: 0x4d1000, name: 'breakpoint #7', clear: ':clear 7' }]);
  // Listed already: once.
  assert.equal(breakpointSites([{ id: 11, name: 'instructionBreakpoint 0', addrs: [0x4d1000] }], [{ ...own[0]!, delveId: 11 }]).length, 1);
});

test('breakpointSites: from the last stop\'s list, a DAP breakpoint the session no longer holds was cleared since', () => {
  const sites = breakpointSites(listed, [], { lastStop: true });
  assert.deepEqual(sites.map((s) => s.address), [0x4505c4, 0x4d4280]);
  assert.equal(breakpointSites(listed, []).length, 3);
});

test('probeConflicts: the probe addresses on a breakpoint, each once', () => {
  const sites = breakpointSites(listed, []);
  assert.deepEqual(probeConflicts([0x4d4280, 0x4d4280n, 0x4d4281], sites), [{ address: 0x4d4280, site: sites[2]! }]);
  assert.deepEqual(probeConflicts([1], []), []);
});

test('refusals and warnings: one sentence naming the breakpoint or probe, a hint saying what to do', () => {
  const [panic, , cli] = breakpointSites(listed, []);
  const r = probeRefusal('main.restock', cli!);
  assert.equal(r.message, "Another client's breakpoint 5 is at the entry of main.restock (0x4d4280); a uprobe there would silence it, and it would stay dead after the probe stops.");
  assert.equal(r.hint, 'Clear it (clear 5 in the client that set it) first, or probe another function.');
  assert.equal(probeRefusal('runtime.fatalpanic', panic!).hint, 'Probe another function.');
  assert.match(probeWarning('main.restock', cli!), /^Another client's breakpoint 5 is at main\.restock \(0x4d4280\): this script's uprobe there silences it/);

  const probes = [{ id: 2, title: 'calls main.restock', addresses: [0x4d4280] }];
  const b = breakpointRefusal([0x4d4280n], probes);
  assert.equal(b?.message, 'Probe #2 (calls main.restock) has a uprobe at 0x4d4280; a breakpoint there would never stop, and clearing it later would leave a stray trap in the program.');
  assert.equal(b?.hint, 'Stop the probe first (:bpf stop 2), or break on a line inside the function.');
  assert.equal(breakpointRefusal([0x4d4296n], probes), undefined);
  assert.equal(breakpointRefusal([0x4d4280], []), undefined);
});

test("another client's breakpoint on a running probe's uprobe is warned about once per breakpoint and address; gotui's own and Delve's are not", () => {
  const probes = [{ id: 2, title: 'calls main.render', addresses: [0x50f680] }];
  const seen = [
    { id: -1, name: 'unrecovered-panic', addrs: [0x50f680] },
    { id: 3, name: '', addrs: [0x50f680], file: '/src/flags-hot-reload/main.go', line: 121 },
    { id: 4, name: '', addrs: [0x50f690] },
    { id: 5, name: 'dapbp', addrs: [0x50f680] },
  ];
  const found = foreignConflicts(seen, [{ id: 1, delveId: 5, kind: 'source' }], probes);
  assert.deepEqual(found.map((f) => f.key), ['3@5305984']);
  assert.equal(found[0]!.text, "Another client's breakpoint 3 (flags-hot-reload/main.go:121) is at 0x50f680, where probe #2 (calls main.render) has its uprobe: it will not stop the program while the probe runs, and cleared after the probe stops it would leave a stray trap in the program. Have it cleared first (the dlv CLI's clear 3), then :bpf stop 2.");
  assert.deepEqual(foreignConflicts(seen, [], []), []);
});

