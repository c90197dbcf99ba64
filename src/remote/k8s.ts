import { spawn, type ChildProcess } from 'node:child_process';
import { execa } from 'execa';
import { UserError } from '../errors.js';
import { findOnPath } from '../delve/locate.js';
import { freeLoopbackPort } from '../transport/tcp.js';
import type { HostPort } from '../transport/address.js';
import type { PodAddress } from './pod-address.js';
import { endWithGotui } from '../core/leftovers.js';

/** The default image of the debug container: it must have dlv (override with --debug-image or GOTUI_DEBUG_IMAGE). */
export const DEFAULT_DEBUG_IMAGE = 'ghcr.io/go-delve/delve:latest';

/** kubectl's global flags for a pod address. */
function scope(a: PodAddress): string[] {
  return [...(a.context ? ['--context', a.context] : []), '--namespace', a.namespace];
}

/** `kubectl port-forward` of a loopback port here to Delve's port in the pod (bound to 127.0.0.1 only). */
export function portForwardArgs(a: PodAddress, localPort: number, podPort: number): string[] {
  return [...scope(a), 'port-forward', '--address', '127.0.0.1', `pod/${a.pod}`, `${localPort}:${podPort}`];
}

/**
 * `kubectl debug`: an ephemeral container `name` with dlv in the pod, sharing the target
 * container's pid namespace (--target, where its main process is pid 1), with the ptrace
 * capability (--profile general), running Delve attached to that process on the pod's loopback.
 */
export function debugArgs(a: PodAddress & { container: string }, image: string, name: string, podPort: number): string[] {
  return [
    ...scope(a),
    'debug',
    `pod/${a.pod}`,
    '--image',
    image,
    '--container',
    name,
    '--target',
    a.container,
    '--profile',
    'general',
    '--attach=false',
    '--',
    'dlv', 'attach', '1', '--headless', `--listen=127.0.0.1:${podPort}`, '--accept-multiclient', '--api-version=2', '--continue',
  ];
}

/** `kubectl get pod -o jsonpath` for the names of the pod's (non-ephemeral) containers. */
export function containersArgs(a: PodAddress): string[] {
  return [...scope(a), 'get', `pod/${a.pod}`, '-o', 'jsonpath={.spec.containers[*].name}'];
}

/** What the debug container's log says of Delve: listening, refused by the kernel, or not yet. */
export type DebugState = { kind: 'listening' } | { kind: 'failed'; error: UserError } | { kind: 'waiting' };

/** Reads `kubectl logs` of the debug container (both streams: kubectl's own complaint too). */
export function debugState(log: string, a: PodAddress, image: string): DebugState {
  if (/API server listening at:/.test(log)) return { kind: 'listening' };
  if (/could not attach|operation not permitted|ptrace/i.test(log)) return { kind: 'failed', error: explainKubectl(log, a) };
  if (/ErrImagePull|ImagePullBackOff|InvalidImageName|image can't be pulled/i.test(log)) {
    return { kind: 'failed', error: new UserError(`The debug image ${image} cannot be pulled into pod ${a.namespace}/${a.pod}.`, 'Give an image with dlv in it that the cluster can pull: --debug-image IMAGE (or GOTUI_DEBUG_IMAGE).') };
  }
  if (/executable file not found|"dlv": not found|no such file or directory/i.test(log)) {
    return { kind: 'failed', error: new UserError(`The debug image ${image} has no dlv.`, 'Give an image with dlv on its PATH: --debug-image IMAGE (or GOTUI_DEBUG_IMAGE).') };
  }
  return { kind: 'waiting' };
}

/** kubectl's failure in one sentence, naming the pod (and the capability the pod needs, when that is it). */
export function explainKubectl(stderr: string, a: PodAddress): UserError {
  const pod = `${a.namespace}/${a.pod}${a.context ? ` (context ${a.context})` : ''}`;
  const last = stderr.trim().split('\n').filter(Boolean).slice(-1)[0] ?? '';
  if (/operation not permitted|ptrace/i.test(stderr)) return new UserError(`Delve in pod ${pod} may not trace the target: the debug container lacks the SYS_PTRACE capability.`, 'Use kubectl debug --profile=general (kubectl 1.27+), or allow SYS_PTRACE in the pod security policy / admission rules for debug containers.');
  if (/could not attach/i.test(stderr)) return new UserError(`Delve in pod ${pod} could not attach to the target container's main process: ${last.replace(/^.*could not attach to pid \d+: /i, '')}.`, 'kubectl logs POD -c CONTAINER shows all Delve said.');
  if (/pods? "?[^"\s]*"? not found|NotFound/i.test(stderr)) return new UserError(`There is no pod ${pod}.`, 'Check the name and namespace: kubectl get pods -n NAMESPACE.');
  if (/context .* (does not exist|not found)/i.test(stderr)) return new UserError(`kubectl has no context ${a.context}.`, 'kubectl config get-contexts lists them.');
  if (/connection refused/i.test(stderr) && /forward/i.test(stderr)) return new UserError(`Nothing is listening on port ${a.port} in pod ${pod}.`, 'Start Delve there (dlv --headless --listen=127.0.0.1:PORT --accept-multiclient --api-version=2 ...), or leave out :PORT to have gotui start it with kubectl debug.');
  if (/Forbidden|forbidden/.test(stderr)) return new UserError(`kubectl is not allowed to do that on pod ${pod}: ${last}.`, 'Port-forward and ephemeral containers need RBAC rights (pods/portforward, pods/ephemeralcontainers).');
  if (/Unable to connect to the server|no such host|connection refused/i.test(stderr)) return new UserError(`kubectl cannot reach the cluster: ${last}.`, 'Check kubectl config current-context, the VPN, and kubectl get pods.');
  return new UserError(`kubectl failed for pod ${pod}${last ? `: ${last}` : ''}.`, 'Run the same kubectl command by hand to see why.');
}

/** A running kubectl port-forward: its local end, and how to end it. */
export interface PodTunnel {
  local: HostPort;
  close(): Promise<void>;
  /** Starts the port-forward again after it dropped (kubectl exits when the pod or API server goes). */
  restart(): Promise<void>;
}

/** Runs `kubectl port-forward` (started and ended by gotui) and waits for its "Forwarding from" line. */
export async function startPortForward(a: PodAddress, podPort: number, timeoutMs = 30_000): Promise<PodTunnel> {
  requireKubectl();
  const localPort = await freeLoopbackPort();
  let child: ChildProcess | undefined;
  const start = async () => {
    const c = spawn('kubectl', portForwardArgs(a, localPort, podPort), { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    child = c;
    c.on('close', endWithGotui(c.pid));
    let err = '';
    let out = '';
    c.stderr!.on('data', (d: Buffer) => (err = (err + d.toString()).slice(-4_000)));
    c.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    let exited = false;
    c.on('close', () => (exited = true));
    const deadline = Date.now() + timeoutMs;
    while (!/Forwarding from 127\.0\.0\.1:/.test(out)) {
      if (exited || Date.now() > deadline) {
        c.kill('SIGKILL');
        throw explainKubectl(err || (exited ? 'kubectl port-forward exited' : `no answer within ${timeoutMs / 1000}s`), a);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  await start();
  return {
    local: { host: '127.0.0.1', port: localPort },
    async close() {
      if (child && child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child!.once('close', r));
      }
    },
    async restart() {
      if (child && child.exitCode === null && child.signalCode === null) return;
      await start();
    },
  };
}

/** Starts Delve in the ephemeral debug container `name` of the pod (kubectl returns once it is created). */
export async function startDebugContainer(a: PodAddress & { container: string }, image: string, name: string, podPort: number): Promise<void> {
  requireKubectl();
  const r = await execa('kubectl', debugArgs(a, image, name, podPort), { reject: false, timeout: 120_000, stdin: 'ignore' });
  if (r.exitCode !== 0) throw explainKubectl(String(r.stderr), a);
}

/** The pod's containers (to find the one to debug when the address names none). */
export async function podContainers(a: PodAddress): Promise<string[]> {
  requireKubectl();
  const r = await execa('kubectl', containersArgs(a), { reject: false, timeout: 30_000, stdin: 'ignore' });
  if (r.exitCode !== 0) throw explainKubectl(String(r.stderr), a);
  return String(r.stdout).split(/\s+/).filter(Boolean);
}

/** What a container of the pod printed, and kubectl's complaint when it has not started. */
export async function containerLogs(a: PodAddress, container: string): Promise<string> {
  const r = await execa('kubectl', [...scope(a), 'logs', `pod/${a.pod}`, '-c', container], { reject: false, timeout: 10_000, stdin: 'ignore' });
  return `${r.stdout}\n${r.stderr}`;
}

/** kubectl's contexts, to tell CONTEXT/NAMESPACE/POD from NAMESPACE/POD/CONTAINER. */
export async function kubectlContexts(): Promise<string[]> {
  requireKubectl();
  const r = await execa('kubectl', ['config', 'get-contexts', '-o', 'name'], { reject: false, timeout: 10_000, stdin: 'ignore' });
  return r.exitCode === 0 ? String(r.stdout).split('\n').map((l) => l.trim()).filter(Boolean) : [];
}

function requireKubectl(): void {
  if (!findOnPath('kubectl')) throw new UserError('kubectl is not installed here.', 'Install kubectl (apt-get install kubectl, or from kubernetes.io) and check kubectl get pods works.');
}
