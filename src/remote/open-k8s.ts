import { randomBytes } from 'node:crypto';
import type { Connection } from '../app/connect.js';
import { DelveRpcClient } from '../delve/rpc.js';
import type { StartedServer } from '../delve/server.js';
import { UserError } from '../errors.js';
import { containerLogs, DEFAULT_DEBUG_IMAGE, debugState, kubectlContexts, podContainers, startDebugContainer, startPortForward } from './k8s.js';
import { parsePodAddress, type PodAddress } from './pod-address.js';

/** Delve's port in a debug container gotui starts (on the pod's loopback). */
const DEBUG_PORT = 2345;

/**
 * A Delve in a pod, through kubectl: port-forward to the port Delve listens on there, or, without a
 * port, an ephemeral debug container running Delve on the target container's process first.
 */
export async function openPod(text: string, debugImage: string | undefined, onProgress: (line: string) => void): Promise<Connection> {
  const a = parsePodAddress(text, await kubectlContexts());
  const pod = `${a.namespace}/${a.pod}`;
  let server: StartedServer | undefined;
  let container = a.container;
  if (a.port === undefined) {
    container ??= await onlyContainer(a);
    const image = debugImage ?? process.env.GOTUI_DEBUG_IMAGE ?? DEFAULT_DEBUG_IMAGE;
    // Named by gotui, so that its log can be read; ephemeral containers stay in the pod's spec, hence unique.
    const name = `gotui-dlv-${randomBytes(3).toString('hex')}`;
    onProgress(`Starting Delve in debug container ${name} of pod ${pod} (kubectl debug --target ${container}, image ${image})...`);
    await startDebugContainer({ ...a, container }, image, name, DEBUG_PORT);
    // Forwarding before Delve listens would make kubectl port-forward fail: wait for its log to say so.
    await waitForListening(a, name, image);
  }
  onProgress(`Forwarding a loopback port to pod ${pod} (kubectl port-forward)...`);
  const pf = await startPortForward(a, a.port ?? DEBUG_PORT);
  if (a.port === undefined) {
    server = {
      address: pf.local,
      warnings: [],
      dlvPid: 0,
      targetPid: undefined,
      onOutput: () => undefined,
      // Delve in the pod is gotui's: told to go (its target stays, detached, running); the container
      // ends with it. Delve does not answer Detach while the target runs: halt it first.
      async stop() {
        const c = await DelveRpcClient.connect(pf.local).catch(() => undefined);
        await c?.call('Command', { name: 'halt' }, { timeoutMs: 3_000 }).catch(() => undefined);
        await c?.call('Detach', { Kill: false }, { timeoutMs: 3_000 }).catch(() => undefined);
        c?.close();
      },
      exited: Promise.resolve(),
    };
  }
  return {
    address: pf.local,
    label: `k8s ${pod}${container ? `/${container}` : ''}${a.port ? `:${a.port}` : ' (debug container)'}`,
    owned: false,
    version: 'unknown',
    tunnel: { local: pf.local, close: () => pf.close() },
    relink: () => pf.restart(),
    peer: `port ${a.port ?? DEBUG_PORT} in pod ${pod}`,
    warnings: [],
    ...(server ? { server } : {}),
  };
}

/** The pod's one container; with several, the user must name it. */
async function onlyContainer(a: PodAddress): Promise<string> {
  const names = await podContainers(a);
  if (names.length === 1) return names[0]!;
  const pod = `${a.namespace}/${a.pod}`;
  throw new UserError(
    names.length ? `Pod ${pod} has ${names.length} containers (${names.join(', ')}): name the one to debug.` : `kubectl listed no containers in pod ${pod}.`,
    `Write k8s://${pod}/${names[0] ?? 'CONTAINER'}.`,
  );
}

/** Reads the debug container's log until Delve listens or says why it cannot (bounded). */
async function waitForListening(a: PodAddress, name: string, image: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = debugState(await containerLogs(a, name), a, image);
    if (state.kind === 'listening') return;
    if (state.kind === 'failed') throw state.error;
    if (Date.now() > deadline) throw new UserError(`Delve in debug container ${name} of pod ${a.namespace}/${a.pod} did not start listening within ${timeoutMs / 1000}s.`, `kubectl logs pod/${a.pod} -c ${name} -n ${a.namespace} shows what it said; kubectl describe pod shows why it has not started.`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
