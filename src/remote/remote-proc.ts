/**
 * What gotui needs to know about processes on the SSH host, read from its /proc by one small POSIX
 * shell script run over the SSH connection (no helper installed there): the sockets listening
 * there and who owns them, and for each Delve among them the process it debugs.
 */

/**
 * Prints, tab-separated:
 *   L PORT ADDRHEX PID      a listening TCP socket and the process owning it (PID - when unknown)
 *   D PID CMDLINE           a listener whose program is dlv
 *   T PID TRACER EXE CMDLINE  a process traced by a thread of a dlv listed above
 * Processes of other users are invisible to a non-root login: they are left out, not guessed.
 */
export const PROC_SCRIPT = String.raw`
export LC_ALL=C
[ -r /proc/net/tcp ] || { echo 'E no-proc'; exit 0; }
t=$(mktemp) || exit 1
trap 'rm -f "$t" "$t.l"' EXIT
awk 'FNR>1 && $4=="0A" { split($2,a,":"); print a[2], a[1], $10 }' /proc/net/tcp /proc/net/tcp6 2>/dev/null >"$t"
ls -l /proc/[0-9]*/fd 2>/dev/null | awk -v socks="$t" '
  function hex(s,  n,i) { n=0; for (i=1;i<=length(s);i++) n=n*16+index("0123456789ABCDEF",toupper(substr(s,i,1)))-1; return n }
  BEGIN { while ((getline l < socks) > 0) { split(l,f," "); port[f[3]]=hex(f[1]); addr[f[3]]=f[2] } }
  /^\/proc\/[0-9]+\/fd:$/ { split($0,p,"/"); pid=p[3]; next }
  /-> socket:\[/ { m=$0; sub(/.*socket:\[/,"",m); sub(/\].*/,"",m); if (m in port && !(m in owner)) owner[m]=pid }
  END { for (m in port) printf "L\t%d\t%s\t%s\n", port[m], addr[m], (m in owner) ? owner[m] : "-" }' >"$t.l"
cat "$t.l"
dlvs=
for pid in $(awk -F'\t' '$4!="-" {print $4}' "$t.l" | sort -u); do
  exe=$(readlink "/proc/$pid/exe" 2>/dev/null) || continue
  case "$(basename "$exe")" in dlv*) ;; *) continue ;; esac
  printf 'D\t%s\t%s\n' "$pid" "$(tr '\0' ' ' <"/proc/$pid/cmdline")"
  dlvs="$dlvs $pid"
done
[ -n "$dlvs" ] || exit 0
grep -H '^TracerPid:' /proc/[0-9]*/status 2>/dev/null | awk -F'[:\t ]+' '$3!=0 { split($1,p,"/"); print p[3], $3 }' | while read -r p tp; do
  for d in $dlvs; do
    [ -e "/proc/$d/task/$tp" ] || continue
    printf 'T\t%s\t%s\t%s\t%s\n' "$p" "$d" "$(readlink "/proc/$p/exe" 2>/dev/null)" "$(tr '\0' ' ' <"/proc/$p/cmdline" 2>/dev/null)"
  done
done
`;

export interface Listener {
  port: number;
  /** 127.0.0.1, ::1, 0.0.0.0, :: or another address the socket is bound to. */
  address: string;
  pid?: number;
}

export interface RemoteDelve {
  pid: number;
  port: number;
  address: string;
  cmdline: string;
  target?: { pid: number; exe: string; cmdline: string };
}

/** /proc/net/tcp's little-endian hex address in the usual spelling. */
export function decodeProcAddress(hex: string): string {
  if (hex.length === 8) {
    const b = hex.match(/../g)!.map((x) => parseInt(x, 16)).reverse();
    return b.join('.');
  }
  if (hex.length === 32) {
    // Four 32-bit words, each little-endian.
    const words = hex.match(/.{8}/g)!.map((w) => w.match(/../g)!.reverse().join(''));
    const groups = words.join('').match(/.{4}/g)!.map((g) => g.replace(/^0+(?=.)/, '').toLowerCase());
    const full = groups.join(':');
    if (full === '0:0:0:0:0:0:0:0') return '::';
    if (full === '0:0:0:0:0:0:0:1') return '::1';
    const v4 = /^0:0:0:0:0:ffff:([0-9a-f]+):([0-9a-f]+)$/.exec(full);
    if (v4) {
      const n = (parseInt(v4[1]!, 16) << 16) | parseInt(v4[2]!, 16);
      return `::ffff:${[n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.')}`;
    }
    return full;
  }
  return hex;
}

export interface ProcReport {
  /** The host has no /proc (not Linux): nothing can be found this way. */
  noProc: boolean;
  listeners: Listener[];
  delves: RemoteDelve[];
}

/** Parses what PROC_SCRIPT printed. */
export function parseProcReport(text: string): ProcReport {
  const listeners: Listener[] = [];
  const dlvCmd = new Map<number, string>();
  const targets = new Map<number, { pid: number; exe: string; cmdline: string }>();
  let noProc = false;
  for (const line of text.split('\n')) {
    const f = line.split('\t');
    if (f[0] === 'E no-proc' || line.trim() === 'E no-proc') noProc = true;
    else if (f[0] === 'L' && f.length >= 4) {
      const pid = /^\d+$/.test(f[3]!) ? Number(f[3]) : undefined;
      listeners.push({ port: Number(f[1]), address: decodeProcAddress(f[2]!), ...(pid ? { pid } : {}) });
    } else if (f[0] === 'D' && f.length >= 3) dlvCmd.set(Number(f[1]), f.slice(2).join('\t').trim());
    else if (f[0] === 'T' && f.length >= 5) targets.set(Number(f[2]), { pid: Number(f[1]), exe: f[3]!.replace(/ \(deleted\)$/, ''), cmdline: f.slice(4).join('\t').trim() });
  }
  const delves: RemoteDelve[] = [];
  for (const l of listeners) {
    if (l.pid === undefined || !dlvCmd.has(l.pid)) continue;
    const target = targets.get(l.pid);
    delves.push({ pid: l.pid, port: l.port, address: l.address, cmdline: dlvCmd.get(l.pid)!, ...(target ? { target } : {}) });
  }
  delves.sort((a, b) => a.port - b.port);
  return { noProc, listeners, delves };
}
