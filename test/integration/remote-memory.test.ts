import { test } from 'node:test';
import assert from 'node:assert/strict';
import { memoryFeature } from '../../src/memory/feature.js';
import { dlvCli } from '../support/dlv-cli.js';
import { waitFor } from '../support/delve.js';
import { consoleSince } from '../support/app.js';
import { attachOverSsh, startRemoteDemo } from '../support/remote-host.js';
import { inNamespace } from '../support/sshd.js';
import { waitForStop } from '../support/session.js';
import { DelveRpcClient } from '../../src/delve/rpc.js';

// Trial CB: over SSH the first x waited 8-25 s for a copy of the binary (its symbols) and said nothing;
// the symbols were then read from the remote path on this machine (absent: none), and :vmmap read
// this machine's /proc/PID/maps for the remote pid (another process's, or none).
test('over SSH, x answers before the copy of the binary comes; names come with it, from the copy; :vmmap reads the mappings there', async (t) => {
  const remote = await startRemoteDemo(t, 'orders', [], { ownPids: true });
  if (!remote) return;
  const { app, rec, conn } = await attachOverSsh(t, remote);
  const host = conn.remote!;
  // A slow link stood in for: the copy is held back until the test lets it go.
  const fetch = host.fetchBinary.bind(host);
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  let asked = 0;
  host.fetchBinary = async (pid, exe) => (asked++, await held, fetch(pid, exe));
  // The mappings' read there too (trial CE: the first x waited for it as well).
  const run = host.run.bind(host);
  let releaseMaps!: () => void;
  const mapsHeld = new Promise<void>((resolve) => (releaseMaps = resolve));
  host.run = async (argv) => (argv[0] === 'cat' && /\/maps$/.test(argv[1] ?? '') && (await mapsHeld), run(argv));
  // The pane is shown as soon as the view is there, before the console has x's text (trial CE: 5-8 s of nothing).
  const focus = app.focus.bind(app);
  const focused: { pane: string; console: number }[] = [];
  app.focus = (pane) => (focused.push({ pane, console: rec.console.length }), focus(pane));

  // Let go on any end (a failed assertion too): held, gotui's quit waits on them and leaves Delve and ssh running.
  try {
    const at = remote.marker('gotui:process');
    assert.ok(await app.run(`break ${at.file}:${at.line}`));
    assert.ok(await app.run('continue'));
    await waitForStop(app.session, 1);
    const store = app.models.model(memoryFeature);

    const examine = async (expr: string): Promise<string[]> => {
      const from = rec.console.length;
      const answered = app.run(`x/2xg ${expr}`);
      const bound = new Promise<'waited'>((resolve) => setTimeout(() => resolve('waited'), 20_000).unref());
      assert.equal(await Promise.race([answered, bound]), true, 'x answers without waiting for the copy');
      return consoleSince(rec, from).split('\n').filter((l) => /^0x[0-9a-f]+/.test(l));
    };
    const from = rec.console.length;
    const rows = await examine('&runtime.firstmoduledata');
    assert.equal(rows.length, 1, rows.join('\n'));
    const answer = rec.console.findIndex((l, i) => i >= from && /^0x[0-9a-f]+/.test(l.text));
    assert.ok(focused.some((f) => f.pane === 'memory' && f.console <= answer), `the pane was shown before the answer: ${JSON.stringify(focused)} ${answer}`);
    // Asked for once the process there is found (an SSH session of its own, slower than x on a busy machine).
    await waitFor('the copy asked for', () => asked > 0 || undefined);
    // The dlv CLI's examinemem on the same server: the same two words.
    const address = /^0x[0-9a-f]+/.exec(rows[0]!)![0];
    const cli = await dlvCli(remote.server.address, [`examinemem -count 2 -size 8 -x ${address}`]);
    const words = (text: string) => [...text.matchAll(/0x[0-9a-f]{16}/g)].map((m) => BigInt(m[0]));
    assert.deepEqual(words(rows[0]!.slice(address.length)), words(cli.split('\n').find((l) => l.startsWith(address)) ?? ''), cli);
    assert.doesNotMatch(rows[0]!, /</, 'no name before the symbols are read');
    assert.match(store.get().status?.text ?? '', /^Reading the program's symbols \(over SSH its binary is copied here first\)/);

    // The copy comes: the pane is named, its note gone; x names the address as the binary there does (nm's symbol).
    release();
    await waitFor('the symbols', () => store.target.symbols() !== undefined || undefined, 120_000);
    await waitFor('the note to go', () => store.get().status === undefined || undefined);
    const named = await examine('&runtime.firstmoduledata');
    const nm = (await inNamespace(remote.sshd, ['nm', remote.binary])).stdout;
    const symbol = new RegExp(`^0*${address.slice(2)} \\w (\\S+)$`, 'm').exec(nm)?.[1];
    assert.equal(symbol, 'runtime.firstmoduledata', 'nm names the address');
    assert.match(named[0]!, new RegExp(`^${address} <runtime\\.firstmoduledata>:\\s`), named.join('\n'));

    // :vmmap: the process's mappings as /proc there has them, the binary named by its path there.
    releaseMaps();
    const mapAt = rec.console.length;
    assert.ok(await app.run('vmmap'));
    const vm = consoleSince(rec, mapAt).split('\n').filter((l) => /^. 0x/.test(l));
    // The pid there, in its own pid namespace, as Delve knows it.
    const rpc = await DelveRpcClient.connect(remote.server.address);
    const pid = await rpc.processPid().finally(() => rpc.close());
    const there = (await inNamespace(remote.sshd, ['cat', `/proc/${pid}/maps`])).stdout.trim().split('\n');
    const ranges = (lines: string[], re: RegExp) => lines.flatMap((l) => {
      const m = re.exec(l);
      return m ? [`${BigInt(`0x${m[1]}`)}-${BigInt(`0x${m[2]}`)}`] : [];
    });
    assert.deepEqual(ranges(vm, /^. 0x([0-9a-f]+)-0x([0-9a-f]+)/), ranges(there, /^([0-9a-f]+)-([0-9a-f]+)/), vm.join('\n'));
    assert.ok(vm.some((l) => /r-xp binary text/.test(l) && l.endsWith('/orders')), vm.join('\n'));
  } finally {
    release();
    releaseMaps();
  }
});
