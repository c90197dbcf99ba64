/**
 * A shell script that runs "$@" on the SSH host and ends it when its standard input closes: gotui
 * ends a long-running remote command (bpftrace, a Delve it started) by closing the SSH channel's
 * input (OpenSSH relays no signals without a terminal), and a dropped link closes it too, so
 * nothing gotui starts there outlives the session. SIGTERM, not SIGINT: sh starts a background
 * command with SIGINT ignored (bpftrace prints its maps on either); SIGKILL follows after
 * `graceSeconds` for what ignores SIGTERM (a multi-client Delve keeps serving after it; killed,
 * its tracee is detached by the kernel and goes on).
 */
export function stopOnEofScript(graceSeconds: number): string {
  return [
    // sh gives a background command /dev/null as input: the watcher gets the channel's through fd 3.
    'exec 3<&0',
    '"$@" </dev/null 3<&- &',
    'p=$!',
    `{ while read -r _; do :; done; kill -TERM "$p"; sleep ${graceSeconds}; kill -KILL "$p"; } <&3 >/dev/null 2>&1 &`,
    'w=$!',
    'exec 3<&-',
    'wait "$p"; rc=$?',
    'kill "$w" 2>/dev/null',
    'exit $rc',
  ].join('\n');
}
