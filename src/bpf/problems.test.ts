import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../paths.js';
import { explainFailure, interestingStderr } from './problems.js';

// stderr captured from the real bpftrace 0.17 here.
const lines = (name: string) => fs.readFileSync(path.join(repoRoot, 'src/bpf/fixtures', name), 'utf8').split('\n');
const ctx = { exitCode: 1, tracefsMounted: true };

test('script errors keep bpftrace\'s stdin:L:C message verbatim, with its source and marker lines', () => {
  const e = explainFailure(lines('syntax.err'), [], ctx);
  assert.equal(e?.kind, 'script');
  assert.equal(e?.message, 'stdin:1:47-47: ERROR: syntax error, unexpected end of file, expecting }');
  assert.equal(e?.detail[0], 'uprobe:/tmp/gd/gd:main.process { @x = count() ');
  assert.equal(explainFailure(lines('system.err'), [], ctx)?.message, 'stdin:1:9-21: ERROR: system() is an unsafe function being used in safe mode');
  assert.equal(explainFailure(lines('undefvar.err'), [], ctx)?.message, 'stdin:1:24-26: ERROR: Undefined or undeclared variable: $x');
  assert.equal(explainFailure(lines('badfunc.err'), [], ctx)?.message, 'stdin:1:9-12: ERROR: Unknown function: foo');
  assert.match(explainFailure(lines('nobin.err'), [], ctx)!.message, /uprobe target file '\/tmp\/cap\/nonexist' does not exist/);
  // A script from a file (:bpf run FILE) is named as the file, not as bpftrace's stdin.
  assert.equal(explainFailure(lines('badfunc.err'), [], { ...ctx, scriptName: './trace.bt' })?.message, './trace.bt:1:9-12: ERROR: Unknown function: foo');
});

test('tracefs not mounted: a missing tracepoint or kprobe_events becomes the mount command', () => {
  for (const f of ['notrace.err', 'kp.err']) {
    const e = explainFailure(lines(f), [], { exitCode: 1, tracefsMounted: false });
    assert.equal(e?.kind, 'tracefs', f);
    assert.match(e!.hint!, /mount -t tracefs nodev \/sys\/kernel\/tracing/);
  }
  // With tracefs mounted, a missing tracepoint is the script's fault.
  assert.equal(explainFailure(lines('notrace.err'), [], ctx)?.kind, 'script');
});

test('no probes to attach (unknown symbol, stripped binary) comes on stdout', () => {
  const e = explainFailure([], ['No probes to attach'], { ...ctx, binary: '/x/orders' });
  assert.equal(e?.kind, 'no-probes');
  assert.match(e!.message, /\/x\/orders/);
  assert.match(e!.hint!, /stripped/);
});

test('permissions, lockdown, unknown failures', () => {
  assert.equal(explainFailure(['ERROR: bpftrace currently only supports running as the root user.'], [], ctx)?.kind, 'permission');
  assert.match(explainFailure(['ERROR: Missing CAP_BPF capability'], [], { ...ctx, sudoAvailable: true })!.hint!, /sudo -n/);
  assert.equal(explainFailure(['ERROR: failed to create map: Operation not permitted'], [], ctx)?.kind, 'permission');
  assert.equal(explainFailure(['sudo: a password is required'], [], ctx)?.kind, 'permission');
  assert.equal(explainFailure(['ERROR: Kernel lockdown is enabled and set to confidentiality'], [], ctx)?.kind, 'lockdown');
  const e = explainFailure(['something odd'], [], { exitCode: 3, tracefsMounted: true });
  assert.equal(e?.message, 'bpftrace exited with code 3.');
  assert.equal(e?.hint, 'something odd');
  assert.equal(explainFailure(lines('notrace.err').slice(0, 1), [], { exitCode: 0, tracefsMounted: true }), undefined);
});

test('the RLIMIT_MEMLOCK message is noise', () => {
  assert.deepEqual(interestingStderr(lines('notrace.err')).length, 3);
  assert.ok(!interestingStderr(lines('notrace.err')).some((l) => l.includes('RLIMIT')));
});
