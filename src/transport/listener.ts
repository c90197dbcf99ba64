import fs from 'node:fs';

/** The socket inode listening on local TCP `port` in a /proc/net/tcp or tcp6 table, if any. */
export function listeningInode(table: string, port: number): string | undefined {
  for (const line of table.split('\n').slice(1)) {
    const f = line.trim().split(/\s+/);
    // local_address is ADDR:PORT in hex; state 0A is LISTEN; the inode is the tenth field.
    if (f.length < 10 || f[3] !== '0A') continue;
    if (parseInt(f[1]!.split(':')[1] ?? '', 16) === port) return f[9];
  }
  return undefined;
}

/** Name and state of a /proc/PID/stat line: the state follows the last ')' (a name may hold one). */
export function parseStat(stat: string): { name: string; state: string } | undefined {
  const open = stat.indexOf('(');
  const close = stat.lastIndexOf(')');
  if (open < 0 || close < open) return undefined;
  return { name: stat.slice(open + 1, close), state: stat.slice(close + 2, close + 3) };
}

export interface LocalListener {
  pid: number;
  name: string;
  /** Stopped by a signal (SIGSTOP, ^Z) or held by a tracer: it accepts connections and answers none. */
  stopped: boolean;
}

/**
 * The process on this machine listening on TCP `port` (Linux's /proc; undefined elsewhere, or when
 * it is not found or not ours to see). Read only to explain a silent server.
 */
export function localListener(port: number): LocalListener | undefined {
  const read = (p: string) => {
    try {
      return fs.readFileSync(p, 'utf8');
    } catch {
      return '';
    }
  };
  const inode = listeningInode(read('/proc/net/tcp'), port) ?? listeningInode(read('/proc/net/tcp6'), port);
  if (!inode || inode === '0') return undefined;
  const socket = `socket:[${inode}]`;
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    let fds: string[];
    try {
      fds = fs.readdirSync(`/proc/${entry}/fd`);
    } catch {
      continue;
    }
    for (const fd of fds) {
      let link: string;
      try {
        link = fs.readlinkSync(`/proc/${entry}/fd/${fd}`);
      } catch {
        continue;
      }
      if (link !== socket) continue;
      const stat = parseStat(read(`/proc/${entry}/stat`));
      return stat ? { pid: Number(entry), name: stat.name, stopped: stat.state === 'T' || stat.state === 't' } : undefined;
    }
  }
  return undefined;
}
