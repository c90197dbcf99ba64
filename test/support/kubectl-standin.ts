import type { TestContext } from 'node:test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { testDelve } from './delve.js';

/**
 * STAND-IN for kubectl: no cluster can run on this machine, so this script plays one pod. It
 * records every argument vector it gets (what gotui asks kubectl), and acts as kubectl would for
 * the pod: `port-forward` listens on the local port and relays to the local Delve that plays the
 * pod's port; `debug` starts a real Delve attached to the process that plays the pod's pid 1;
 * `logs` prints what that Delve said; `get` names the pod's containers; `config get-contexts`
 * lists the contexts. Pods named `missing` do not exist; in pod `noptrace` Delve may not trace (as
 * without SYS_PTRACE); pod `sidecars` has two containers.
 */
export interface KubectlStandIn {
  binDir: string;
  /** Every argv gotui gave kubectl, in order. */
  calls(): string[][];
  /** The local Delve that plays `POD:PORT` in port-forward. */
  mapPort(pod: string, podPort: number, localPort: number): void;
  env: Record<string, string>;
  /** The pid of the running `port-forward` (the latest one). */
  portForwardPid(): number;
  /** The pid of the Delve a `debug` started (it plays the debug container), if one was. */
  debugDelvePid(): number | undefined;
}

const SCRIPT = String.raw`#!/usr/bin/env node
// STAND-IN for kubectl in gotui's tests (see test/support/kubectl-standin.ts).
const fs = require('fs');
const net = require('net');
const path = require('path');
const { spawn } = require('child_process');
const dir = process.env.KUBECTL_STANDIN_DIR;
const argv = process.argv.slice(2);
fs.appendFileSync(path.join(dir, 'calls.jsonl'), JSON.stringify(argv) + '\n');
const args = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--context' || argv[i] === '--namespace') i++;
  else args.push(argv[i]);
}
const ports = () => { try { return JSON.parse(fs.readFileSync(path.join(dir, 'ports.json'), 'utf8')); } catch { return {}; } };
const pod = (args.find((a) => a.startsWith('pod/')) || '').slice(4);
if (args[0] === 'config') {
  process.stdout.write((process.env.KUBECTL_STANDIN_CONTEXTS || '').split(',').join('\n') + '\n');
} else if (pod === 'missing') {
  process.stderr.write('Error from server (NotFound): pods "missing" not found\n');
  process.exit(1);
} else if (args[0] === 'get') {
  // get pod/POD -o jsonpath={.spec.containers[*].name}
  process.stdout.write(pod === 'sidecars' ? 'app envoy' : 'app');
} else if (args[0] === 'port-forward') {
  const [local, remote] = args[args.length - 1].split(':');
  // The pod's port: a Delve the test mapped, or the one a debug container of the pod started (its log says where).
  const target = () => {
    const p = ports()[pod + ':' + remote];
    if (typeof p === 'number') return p;
    if (!p) return undefined;
    const m = /API server listening at: 127\.0\.0\.1:(\d+)/.exec(fs.readFileSync(path.join(dir, 'logs-' + p), 'utf8'));
    return m ? Number(m[1]) : undefined;
  };
  const srv = net.createServer((c) => {
    const to = target();
    if (!to) {
      process.stderr.write('E1201 portforward.go:413] an error occurred forwarding ' + local + ' -> ' + remote + ': error forwarding port ' + remote + ' to pod ' + pod + ': failed to connect to localhost:' + remote + ' inside namespace: connect: connection refused\n');
      c.destroy();
      return;
    }
    const u = net.connect(to, '127.0.0.1');
    c.pipe(u).pipe(c);
    c.on('error', () => u.destroy());
    u.on('error', () => c.destroy());
  });
  srv.listen(Number(local), '127.0.0.1', () => process.stdout.write('Forwarding from 127.0.0.1:' + local + ' -> ' + remote + '\n'));
  fs.writeFileSync(path.join(dir, 'port-forward.pid'), String(process.pid));
  process.on('SIGTERM', () => process.exit(0));
} else if (args[0] === 'debug') {
  // Like kubectl: returns once the ephemeral container exists; what runs in it writes its log.
  const name = args[args.indexOf('--container') + 1];
  const cmd = args.slice(args.indexOf('--') + 1);
  const podPort = /--listen=127\.0\.0\.1:(\d+)/.exec(cmd.join(' '))[1];
  const log = path.join(dir, 'logs-' + name);
  const p = ports();
  p[pod + ':' + podPort] = name;
  fs.writeFileSync(path.join(dir, 'ports.json'), JSON.stringify(p));
  if (pod === 'noptrace') {
    // What Delve says without CAP_SYS_PTRACE (root here can always trace, so this fault is played).
    fs.writeFileSync(log, 'could not attach to pid 1: operation not permitted\n');
    process.exit(0);
  }
  // dlv attach 1 in the pod: pid 1 of the target container is the process that plays it here; Delve
  // listens on a free port here (the pod's loopback port is played by the mapping above).
  const real = cmd.map((a) => (a === '1' ? process.env.KUBECTL_STANDIN_TARGET_PID : a.startsWith('--listen=') ? '--listen=127.0.0.1:0' : a));
  const fd = fs.openSync(log, 'a');
  const dlv = spawn(process.env.KUBECTL_STANDIN_DLV, real.slice(1), { stdio: ['ignore', fd, fd], detached: true });
  fs.writeFileSync(path.join(dir, 'dlv.pid'), String(dlv.pid));
  dlv.unref();
  process.exit(0);
} else if (args[0] === 'logs') {
  const c = args[args.indexOf('-c') + 1];
  try {
    process.stdout.write(fs.readFileSync(path.join(dir, 'logs-' + c), 'utf8'));
  } catch {
    process.stderr.write('Error from server (BadRequest): container "' + c + '" in pod "' + pod + '" is waiting to start: ContainerCreating\n');
    process.exit(1);
  }
} else {
  process.stderr.write('kubectl stand-in: not played: ' + argv.join(' ') + '\n');
  process.exit(1);
}
`;

export async function kubectlStandIn(t: TestContext, opts: { contexts?: string[]; targetPid?: number } = {}): Promise<KubectlStandIn> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gotui-kubectl-'));
  const binDir = path.join(dir, 'bin');
  fs.mkdirSync(binDir);
  fs.writeFileSync(path.join(binDir, 'kubectl'), SCRIPT.replace('/usr/bin/env node', process.execPath), { mode: 0o755 });
  t.after(() => {
    // The Delve a `debug` started, by its pid.
    try {
      process.kill(Number(fs.readFileSync(path.join(dir, 'dlv.pid'), 'utf8')), 'SIGKILL');
    } catch {
      // none, or gone
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });
  return {
    binDir,
    calls: () => {
      try {
        return fs.readFileSync(path.join(dir, 'calls.jsonl'), 'utf8').trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as string[]);
      } catch {
        return [];
      }
    },
    mapPort(pod, podPort, localPort) {
      const file = path.join(dir, 'ports.json');
      const p = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
      p[`${pod}:${podPort}`] = localPort;
      fs.writeFileSync(file, JSON.stringify(p));
    },
    portForwardPid: () => Number(fs.readFileSync(path.join(dir, 'port-forward.pid'), 'utf8')),
    debugDelvePid: () => {
      try {
        return Number(fs.readFileSync(path.join(dir, 'dlv.pid'), 'utf8'));
      } catch {
        return undefined;
      }
    },
    env: {
      KUBECTL_STANDIN_DIR: dir,
      KUBECTL_STANDIN_CONTEXTS: (opts.contexts ?? []).join(','),
      KUBECTL_STANDIN_TARGET_PID: String(opts.targetPid ?? 0),
      KUBECTL_STANDIN_DLV: await testDelve(),
    },
  };
}
