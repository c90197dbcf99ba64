import { spawn } from 'node:child_process';
import { readLines } from '../core/lines.js';
import { UserError } from '../errors.js';
import { PINNED_DELVE } from '../delve/locate.js';
import type { StartedServer } from '../delve/server.js';
import type { HostPort } from '../transport/address.js';
import type { RemoteDelve } from './remote-proc.js';
import type { SshConnection } from './ssh.js';
import { stopOnEofScript } from './wrapper.js';
import { endWithGotui } from '../core/leftovers.js';

/** Where dlv is on the host: on PATH, in ~/go/bin, or in GOPATH/bin. */
const FIND_DLV = 'command -v dlv || { [ -x "$HOME/go/bin/dlv" ] && echo "$HOME/go/bin/dlv"; } || { g=$(go env GOPATH 2>/dev/null) && [ -x "$g/bin/dlv" ] && echo "$g/bin/dlv"; }';

const LISTENING = /API server listening at:\s*(\S+):(\d+)/;

/**
 * Starts `dlv attach PID --headless` on the SSH host, listening on its loopback (port chosen by
 * Delve), through the session's SSH connection. Ending it (stop) closes the channel's input: the
 * remote Delve gets SIGTERM, then SIGKILL, and the target goes on, detached.
 */
export async function startRemoteDelve(ssh: SshConnection, pid: number, onProgress: (line: string) => void, timeoutMs = 30_000): Promise<{ server: StartedServer; delve: HostPort }> {
  const found = await ssh.exec(['sh', '-c', FIND_DLV]);
  const dlv = found.stdout.toString('utf8').trim().split('\n')[0];
  if (found.exitCode !== 0 || !dlv) {
    throw new UserError(`dlv is not installed on ${ssh.host}, so gotui cannot start Delve there.`, `Install it there: go install github.com/go-delve/delve/cmd/dlv@${PINNED_DELVE} (needs Go), or copy a dlv binary onto its PATH.`);
  }
  onProgress(`Starting Delve on ${ssh.host} (${dlv} attach ${pid})...`);
  const [cmd, args] = ssh.command(['sh', '-c', stopOnEofScript(3), 'sh', dlv, 'attach', String(pid), '--headless', '--listen=127.0.0.1:0', '--accept-multiclient', '--api-version=2']);
  const child = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  const listeners = new Set<(line: string, stream: 'stdout' | 'stderr') => void>();
  const said: string[] = [];
  let found_: HostPort | undefined;
  const forget = endWithGotui(child.pid);
  const exited = new Promise<void>((resolve) => child.on('close', () => resolve()));
  void exited.then(forget);
  const onLine = (stream: 'stdout' | 'stderr') => (line: string) => {
    if (!line.trim()) return;
    const m = LISTENING.exec(line);
    if (m && !found_) found_ = { host: m[1]!, port: Number(m[2]) };
    else {
      if (said.length < 50) said.push(line.trim());
      for (const l of listeners) l(line, stream);
    }
  };
  readLines(child.stdout, onLine('stdout'), { escapeInvalid: true });
  readLines(child.stderr, onLine('stderr'), { escapeInvalid: true });
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  while (!found_) {
    if (gone || Date.now() > deadline) {
      child.kill('SIGKILL');
      const last = said.filter((l) => !/^API server/.test(l)).slice(-1)[0] ?? '';
      throw new UserError(`Delve on ${ssh.host} could not attach to process ${pid}${last ? `: ${last.replace(/^Could not attach to pid \d+: /i, '')}` : ''}.`, attachHint(last));
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  const server: StartedServer = {
    address: found_,
    warnings: [],
    dlvPid: child.pid!,
    // The target is a process there, not here: nothing on this machine may watch it by pid.
    targetPid: undefined,
    onOutput: (l) => void listeners.add(l),
    async stop() {
      child.stdin.end();
      const timer = setTimeout(() => child.kill('SIGKILL'), 6_000);
      await exited;
      clearTimeout(timer);
    },
    exited,
  };
  return { server, delve: found_ };
}

function attachHint(said: string): string {
  if (/operation not permitted/i.test(said)) return 'Attaching needs ptrace rights there: the same user as the process with kernel.yama.ptrace_scope at 0 or 1, or root.';
  if (/no such process/i.test(said)) return 'Check the pid on that host (pgrep -a NAME).';
  return 'Try it there by hand: dlv attach PID --headless --listen=127.0.0.1:0';
}

/** One line per Delve server found there, for the user to pick from. */
export function describeRemoteDelve(d: RemoteDelve): string {
  const target = d.target ? `pid ${d.target.pid} ${d.target.cmdline || d.target.exe}` : `(${d.cmdline})`;
  const where = d.address.includes(':') ? `[${d.address}]:${d.port}` : `${d.address}:${d.port}`;
  return `${where}  ${target}`;
}
