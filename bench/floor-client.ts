// bench/floor-client: the floor under gotui, measured rather than reckoned: a Node program with
// gotui's own protocol layer (its DAP client and Session) and no UI. It attaches to a headless
// Delve at 127.0.0.1:PORT, prints where the target stopped (with FILE:LINE, runs to a breakpoint
// there first and clears it), and on `n` steps and prints the new stop line as one line of text,
// then the goroutine groups' count as gotui's goroutines pane asks Delve for them, then a line once
// everything else gotui's panes read at a stop is in (the frame's variables, its registers, the
// breakpoints' list with hit counts); `q` detaches.
// `exec DLV BIN` starts BIN under a headless Delve as `gotui exec` does (gotui's own
// startHeadlessDelve) and attaches to it. bench/startup and bench/step-latency run it, as a
// CommonJS bundle loaded through the code cache the way bin/gotui.js loads gotui, in the same
// terminal as gotui and the dlv CLI: what gotui takes beyond it is its UI's (Ink, the panes).
import path from 'node:path';
import { connectTcp } from '../src/dap/client.js';
import { DelveRpcClient } from '../src/delve/rpc.js';
import { startHeadlessDelve } from '../src/delve/server.js';
import { loadSnapshot } from '../src/goroutines/loader.js';
import { readRegisters } from '../src/registers/read.js';
import { DEFAULT_QUERY } from '../src/goroutines/model.js';
import { Session } from '../src/session/session.js';

export async function main(argv: string[]): Promise<void> {
  if (argv[0] === 'exec') {
    const server = await startHeadlessDelve(argv[1]!, { mode: 'exec', program: argv[2]!, args: [] });
    argv = [`127.0.0.1:${server.address.port}`];
  }
  const port = Number(/^127\.0\.0\.1:(\d+)$/.exec(argv[0] ?? '')?.[1]);
  if (!port) throw new Error('usage: floor-client 127.0.0.1:PORT [FILE:LINE] | exec DLV BIN');
  const session = new Session(argv[0]!);
  // As in gotui: the frame's scopes and variables are asked for at every stop, read while the line prints.
  session.readScopesAtStops();
  const where = (f = session.state.selection?.frame) => (f ? `▶ 0 ${f.name}  ${path.basename(f.file ?? '?')}:${f.line}` : '(no goroutine)');
  await session.attach(await connectTcp({ host: '127.0.0.1', port }), { stop: true, version: '?', owned: false });
  const to = /^(.+):(\d+)$/.exec(argv[1] ?? '');
  if (to) {
    const bp = await session.addBreakpoint({ kind: 'line', file: to[1]!, line: Number(to[2]) });
    const there = new Promise<void>((resolve) => {
      const off = session.events.on('stop', () => (off(), resolve()));
    });
    await session.continue();
    await there;
    await session.removeBreakpoint(bp.id);
  }
  const rpc = await DelveRpcClient.connect({ host: '127.0.0.1', port });
  session.events.on('stop', (e) => {
    process.stdout.write(`stop ${e.stop.number} ${where(e.selection.frame)}\r\n`);
    const groups = loadSnapshot(rpc, DEFAULT_QUERY, { seq: e.stop.number, pipelined: true }).then((s) =>
      process.stdout.write(`stop ${e.stop.number}: ${s.total} goroutines in ${s.groups.length} groups\r\n`),
    );
    void Promise.all([groups, e.scopes, readRegisters(session), rpc.listBreakpoints()]).then(
      ([, scopes, regs, bps]) => process.stdout.write(`stop ${e.stop.number}: all read (${scopes.length} scopes, ${regs.length} registers, ${bps.length} breakpoints)\r\n`),
      () => undefined,
    );
  });
  // Raw before the line the bench waits for: a key sent right after it was echoed by the terminal
  // (`nstop 3`) when it came before raw mode.
  process.stdin.setRawMode?.(true);
  process.stdout.write(`${session.state.status === 'stopped' ? `stop ${session.stopCount}` : session.state.status} (floor) at ${where()}\r\n`);
  process.stdin.on('data', (key: Buffer) => {
    if (key.toString() === 'n') void session.step('next').catch(() => undefined);
    else if (key.toString() === 'q') void session.detach({ resume: false }).finally(() => process.exit(0));
  });
}
