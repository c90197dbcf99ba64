import { UserError } from '../errors.js';

/** `k8s://[CONTEXT/]NAMESPACE/POD[/CONTAINER][:PORT]`, before kubectl says which first part is a context. */
export interface PodAddress {
  context?: string;
  namespace: string;
  pod: string;
  container?: string;
  /** Delve's port in the pod; absent: gotui starts Delve in an ephemeral debug container. */
  port?: number;
}

const HINT = 'Write k8s://NAMESPACE/POD:PORT (Delve listening in the pod), k8s://CONTEXT/NAMESPACE/POD/CONTAINER, or without :PORT to start Delve with kubectl debug.';

/**
 * Parses what follows `k8s://`. Three parts are CONTEXT/NAMESPACE/POD when the first is one of
 * `contexts` (kubectl's), else NAMESPACE/POD/CONTAINER.
 */
export function parsePodAddress(text: string, contexts: readonly string[] = []): PodAddress {
  let rest = text.replace(/^k8s:\/\//, '');
  let port: number | undefined;
  const p = /:(\d+)$/.exec(rest);
  if (p) {
    port = Number(p[1]);
    if (port < 1 || port > 65535) throw new UserError(`Port ${port} is out of range (1-65535).`, HINT);
    rest = rest.slice(0, p.index);
  }
  const parts = rest.split('/');
  if (parts.some((x) => !x) || parts.length < 2 || parts.length > 4) throw new UserError(`'${text}' is not a pod address.`, HINT);
  for (const x of parts.slice(-3)) if (!/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(x) && x !== parts[0]) throw new UserError(`'${x}' in '${text}' is not a Kubernetes name.`, HINT);
  let context: string | undefined;
  if (parts.length === 4 || (parts.length === 3 && contexts.includes(parts[0]!))) context = parts.shift();
  const [namespace, pod, container] = parts as [string, string, string?];
  return { namespace, pod, ...(context ? { context } : {}), ...(container ? { container } : {}), ...(port ? { port } : {}) };
}
