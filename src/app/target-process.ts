import fs from 'node:fs';
import { binaryOf } from '../delve/server.js';
import { isLoopback } from '../transport/address.js';
import type { Session } from '../session/session.js';
import type { Connection } from './connect.js';

/**
 * The debugged process on this machine, found without asking Delve (its ProcessPid blocks while
 * the target runs): the Delve gotui started knows it; otherwise the process listening on Delve's
 * port is Delve, and the target is the process it traces.
 */
export function findTargetPid(conn: Connection): number | undefined {
  // Scanning /proc costs 10-15 ms on a busy machine, and start-up asks three times.
  const known = found.get(conn) ?? conn.server?.targetPid;
  if (known !== undefined && processAlive(known)) return known;
  return currentTargetPid(conn);
}

/** The process the Delve of `conn` traces now, looked up afresh (a restart gives the target a new pid). */
function currentTargetPid(conn: Connection): number | undefined {
  const dlv = delvePid(conn);
  const pid = dlv === undefined ? undefined : tracedBy(dlv);
  if (pid !== undefined) found.set(conn, pid);
  return pid;
}

const found = new WeakMap<Connection, number>();

/** The target's pid as last found on this machine, whether or not it lives (its Delve may be gone). */
export function lastTargetPid(conn: Connection): number | undefined {
  return found.get(conn) ?? conn.server?.targetPid;
}

/**
 * The binary the Delve of `conn` debugs on this machine; undefined when not visible. `fresh` looks
 * again rather than at the process found before (a reconnect may find another Delve at the port).
 */
export function targetBinary(conn: Connection, fresh = false): string | undefined {
  const pid = fresh ? currentTargetPid(conn) : findTargetPid(conn);
  return pid === undefined ? undefined : binaryOf(pid);
}

/** The pid of the Delve of `conn` when it runs on this machine (gotui's own, or the one listening on its loopback port). */
export function delvePid(conn: Connection): number | undefined {
  if (conn.server?.dlvPid !== undefined) return conn.server.dlvPid;
  if (conn.tunnel || !isLoopback(conn.address.host)) return undefined;
  const known = delves.get(conn);
  if (known !== undefined && processAlive(known)) return known;
  const pid = listeningPid(conn.address.port);
  if (pid !== undefined) delves.set(conn, pid);
  return pid;
}

const delves = new WeakMap<Connection, number>();

/** Whether the Delve of `conn`, once seen on this machine, is gone (killed, crashed): what it held went with it. */
export function delveGone(conn: Connection): boolean {
  const known = conn.server?.dlvPid ?? delves.get(conn);
  return known !== undefined && !processAlive(known);
}

/** The pid of the process with a TCP socket listening on `port` (any local address). */
export function listeningPid(port: number): number | undefined {
  const inodes = new Set<string>();
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text: string;
    try {
      text = fs.readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const inode of listeningInodes(text, port)) inodes.add(inode);
    // The kernel takes 1.5-2 ms to write each table: IPv6's only when IPv4's has no listener.
    if (inodes.size) break;
  }
  if (!inodes.size) return undefined;
  for (const pid of pids()) {
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let link: string;
      try {
        link = fs.readlinkSync(`/proc/${pid}/fd/${fd}`);
      } catch {
        continue;
      }
      const m = /^socket:\[(\d+)\]$/.exec(link);
      if (m && inodes.has(m[1]!)) return pid;
    }
  }
  return undefined;
}

/** The inodes of the sockets listening on local TCP `port` in a /proc/net/tcp or tcp6 table. */
export function listeningInodes(table: string, port: number): string[] {
  const out: string[] = [];
  for (const line of table.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    // local_address is HEX_IP:HEX_PORT; state 0A is LISTEN; inode is the tenth field.
    if (f.length < 10 || f[3] !== '0A') continue;
    if (parseInt(f[1]!.split(':')[1] ?? '', 16) === port && f[9] !== '0') out.push(f[9]!);
  }
  return out;
}

/** Name and state of a /proc/PID/stat line: the state follows the last ')' (a name may hold one). */
export function parseStat(stat: string): { name: string; state: string } | undefined {
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  return { name: stat.slice(open + 1, close), state: stat.slice(close + 2, close + 3) };
}

/**
 * The process on this machine listening on TCP `port`, and whether it is stopped (SIGSTOP, ^Z, a
 * tracer holding it: it accepts connections and answers none). Read only to explain a silent server.
 */
export function localListener(port: number): { pid: number; name: string; stopped: boolean } | undefined {
  const pid = listeningPid(port);
  if (pid === undefined) return undefined;
  let stat: ReturnType<typeof parseStat>;
  try {
    stat = parseStat(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
  return stat && { pid, name: stat.name, stopped: stat.state === 'T' || stat.state === 't' };
}

/** The process whose tracer (ptrace) is a thread of `tracer`: what a Delve debugs. */
export function tracedBy(tracer: number): number | undefined {
  let tids: Set<string>;
  try {
    tids = new Set(fs.readdirSync(`/proc/${tracer}/task`));
  } catch {
    return undefined;
  }
  for (const pid of pids()) {
    if (pid === tracer) continue;
    try {
      const m = /^TracerPid:\s*(\d+)$/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (m && m[1] !== '0' && tids.has(m[1]!)) return pid;
    } catch {
      continue;
    }
  }
  return undefined;
}

function pids(): number[] {
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(Number);
}

/** Alive, and not a zombie: a SIGKILLed traced process stays a zombie until its tracer waits. */
export function processAlive(pid: number): boolean {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    return state !== 'Z' && state !== 'X';
  } catch {
    return false;
  }
}

/**
 * A restart (gotui's or another client's) kills the old process, then Delve starts and traces the
 * new one: on a busy machine that took over 150 ms. While Delve lives, gotui looks again this long.
 */
const RESTART_GRACE_MS = 2_000;
const LOOK_AGAIN_MS = 150;

/**
 * Delve notices a dead target only when asked to run it: while it is stopped, gotui looks at the
 * process itself (twice a second, on this machine) and ends the session when it is gone.
 */
export function watchTargetProcess(conn: Connection, session: Session, opts: { everyMs?: number; replaced?: (pid: number) => void } = {}): () => void {
  const everyMs = opts.everyMs ?? 500;
  let pid = findTargetPid(conn);
  if (pid === undefined) return () => undefined;
  let again: NodeJS.Timeout | undefined;
  let goneSince: number | undefined;
  const look = () => {
    const s = session.state.status;
    if ((s !== 'stopped' && s !== 'running') || processAlive(pid!)) return;
    // Restarted (by gotui or another client): Delve traces a new process; watch that one.
    const now = currentTargetPid(conn);
    if (now !== undefined && now !== pid && processAlive(now)) {
      pid = now;
      goneSince = undefined;
      opts.replaced?.(now);
      return;
    }
    // A restart may be between its old process and its new one: look again while Delve lives.
    goneSince ??= Date.now();
    const dlv = delvePid(conn);
    if (dlv !== undefined && processAlive(dlv) && Date.now() - goneSince < RESTART_GRACE_MS) {
      clearTimeout(again);
      again = setTimeout(look, LOOK_AGAIN_MS);
      again.unref();
      return;
    }
    clearInterval(timer);
    clearTimeout(again);
    session.end('exited', `The target (pid ${pid}) is gone: it was killed, or died, while ${s === 'stopped' ? 'stopped' : 'running'}.`);
  };
  const timer = setInterval(look, everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
    clearTimeout(again);
  };
}
