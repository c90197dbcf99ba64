/*
 * The rendezvous on the Delve host, for a gotui that reached Delve through SSH: the hub's socket is
 * where a gotui running on that host would put it (the same private directory of the same user), so
 * gotuis on other machines and on the host itself meet there. Everything rides on the session's one
 * SSH connection: a unix-socket forward joins a hub there (-L), and a remote forward hosts one
 * (-R: sshd listens there, owner-only, and relays to a hub in this gotui's private directory).
 */
import path from 'node:path';
import { UserError } from '../errors.js';
import type { SshConnection } from '../remote/ssh.js';
import { connectHub, refuseUnlessPrivate, RendezvousHub, socketPath, type HubPlace } from './rendezvous.js';

/**
 * Finds (and makes, mode 0700) the pairing directory on the host by the rules `privateDir` follows
 * here, and prints it, the user's uid, and the directory's owner and raw mode (`stat` does not
 * follow a symlink). Fixed text: nothing of gotui's or the user's is spliced into it.
 */
export const REMOTE_DIR_SCRIPT = [
  'd="${GOTUI_PAIR_DIR:-}"',
  'if [ -z "$d" ]; then if [ -n "${XDG_RUNTIME_DIR:-}" ]; then d="$XDG_RUNTIME_DIR/gotui"; else d="${TMPDIR:-/tmp}"; d="${d%/}/gotui-$(id -u)"; fi; fi',
  'mkdir -m 700 -- "$d" 2>/dev/null',
  'printf "%s\\n" "$d" "$(id -u)"',
  'stat -c "%u %f" -- "$d"',
].join('\n');

/** Paths gotui names on the host: absolute, plain characters, no `..`, short enough for a socket. */
const SAFE_PATH = /^\/[A-Za-z0-9._/-]{1,80}$/;

/** The directory the script found, checked: a safe path, a directory of this user nobody else may enter. Pure. */
export function readRemoteDir(out: string, host: string): string {
  const [dir = '', uid = '', st = ''] = out.split('\n');
  const where = ` on ${host}`;
  if (!SAFE_PATH.test(dir) || dir.split('/').includes('..')) throw new UserError(`Pairing is off: the pairing directory${where} has a name gotui does not use (${JSON.stringify(dir.slice(0, 100))}).`, 'Set GOTUI_PAIR_DIR there (in its shell startup) to a plain path such as /tmp/gotui-pair.');
  const m = /^(\d+) ([0-9a-f]+)$/.exec(st.trim());
  if (!/^\d+$/.test(uid) || !m) throw new UserError(`Pairing is off: gotui could not make or inspect ${dir}${where}.`, 'Check that the directory can be made there, or set GOTUI_PAIR_DIR there.');
  const mode = parseInt(m[2]!, 16);
  refuseUnlessPrivate(dir, { directory: (mode & 0o170000) === 0o040000, uid: Number(m[1]), mode }, Number(uid), where);
  return dir;
}

const readDir = (ssh: SshConnection) => ssh.exec(['sh', '-c', REMOTE_DIR_SCRIPT], { timeoutMs: 10_000, maxBytes: 4_096 });
const early = new WeakMap<SshConnection, ReturnType<typeof readDir>>();

/** Starts reading the pairing directory on the host now: start-up meets the rendezvous later. */
export function readRemoteDirEarly(ssh: SshConnection): void {
  const r = readDir(ssh);
  // Its failure is said when the rendezvous is met.
  r.catch(() => undefined);
  early.set(ssh, r);
}

/** The rendezvous of Delve `key` on the SSH host (its directory made and checked first). */
export async function remotePlace(ssh: SshConnection, key: string): Promise<HubPlace> {
  // Read early once (at start-up); later (a Delve met again) afresh.
  const first = early.get(ssh);
  early.delete(ssh);
  const r = await (first ?? readDir(ssh));
  const remote = socketPath(readRemoteDir(r.stdout.toString('utf8'), ssh.host), key);
  const joinVia = ssh.privatePath('pair.sock');
  // A new local socket each time this gotui hosts: the master keeps (and would not ask sshd again for) a forward it made before.
  let hosted = 0;
  const connect = async () => {
    await ssh.forwardSocket(joinVia, remote);
    return connectHub(joinVia);
  };
  const removeRemote = () => ssh.exec(['rm', '-f', '--', remote], { timeoutMs: 5_000 });
  return {
    label: `${ssh.host}:${remote}`,
    connect,
    async host(takenOver) {
      const here = ssh.privatePath(`pair-hub-${++hosted}.sock`);
      const hub = new RendezvousHub(here, takenOver);
      // A path of this gotui's own: a hub answering there is one it hosted itself (not joined: tried again).
      if (!(await hub.listen())) return undefined;
      for (let i = 0; i < 2; i++) {
        if (await ssh.reverseSocket(remote, here)) {
          // The link dropped: the others cannot reach this hub any more and take it over; so does this gotui.
          const offDown = ssh.onDown(() => hub.close());
          return {
            path: here,
            async close() {
              offDown();
              // The socket there goes first: the successor's new one must not be removed after it binds.
              await removeRemote().catch(() => undefined);
              hub.close();
            },
          };
        }
        // Taken: another gotui's hub, or the socket of one whose SSH connection died (sshd leaves it).
        const live = await connect().then(
          (s) => (s.destroy(), true),
          () => false,
        );
        if (live) {
          hub.close();
          return undefined;
        }
        await removeRemote();
      }
      hub.close();
      throw new UserError(`Pairing is off: sshd on ${ssh.host} does not listen at ${remote} for gotui.`, `Check that ${path.posix.dirname(remote)} there is yours and AllowStreamLocalForwarding is not off in its sshd_config.`);
    },
  };
}
