import { test } from 'node:test';
import assert from 'node:assert/strict';
import { explainMasterEnd, explainSshFailure, remotePortClosed } from './ssh-errors.js';

// What OpenSSH 9.2 printed here for each failure (BatchMode=yes).
const CASES: [string, string, RegExp, string][] = [
  ['No ED25519 host key is known for [127.0.0.1]:42222 and you have requested strict checking.\nHost key verification failed.\n', 'host-key', /host key of h is not known here/, 'ssh h'],
  ['@@@@@@@@@\n@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\n@@@@@@@@@\nIT IS POSSIBLE THAT SOMEONE IS DOING SOMETHING NASTY!\nHost key verification failed.\n', 'host-key', /has changed/, 'ssh-keygen -R HOST'],
  ["@@@@@@@@@\n@    WARNING: REMOTE HOST IDENTIFICATION HAS CHANGED!     @\n@@@@@@@@@\nOffending ED25519 key in /home/ana/.ssh/known_hosts:3\n  remove with:\n  ssh-keygen -f \"/home/ana/my keys/known_hosts\" -R \"[10.1.2.3]:2222\"\nHost key verification failed.\n", 'host-key', /has changed/, 'ssh-keygen -f "/home/ana/my keys/known_hosts" -R "[10.1.2.3]:2222"'],
  ["Warning: Permanently added '[127.0.0.1]:42222' (ED25519) to the list of known hosts.\nroot@127.0.0.1: Permission denied (publickey,keyboard-interactive).\n", 'auth', /refused the login/, 'BatchMode'],
  ['ssh: connect to host 127.0.0.1 port 42299: Connection refused\n', 'no-route', /No SSH server answers on 127\.0\.0\.1:42299 \(of h\)/, 'sshd'],
  ['ssh: connect to host 10.9.9.9 port 22: Network is unreachable\n', 'no-route', /10\.9\.9\.9:22 \(of h\) cannot be reached: network is unreachable\./, 'VPN'],
  ['ssh: connect to host 10.9.9.9 port 22: No route to host\n', 'no-route', /cannot be reached: no route to host\./, 'network'],
  ['ssh: Could not resolve hostname nosuchhost.invalid: Name or service not known\n', 'resolve', /nosuchhost\.invalid \(of h\) could not be resolved/, 'spelling'],
  ['channel 2: open failed: connect failed: Connection refused\nstdio forwarding failed\n', 'remote-port', /could not open the forwarded connection/, 'AllowTcpForwarding'],
  ['Timeout, server 127.0.0.1 not responding.\n', 'link', /dropped/, 'retries'],
  ['something odd\n', 'other', /ssh to h failed: something odd\./, 'BatchMode'],
];

test('each ssh failure is one sentence with a hint, naming the destination', () => {
  for (const [stderr, problem, message, hint] of CASES) {
    const e = explainSshFailure(stderr, 'h', 255);
    assert.equal(e.problem, problem, stderr);
    assert.match(e.message, message, stderr);
    assert.ok(e.hint?.includes(hint), `${e.hint} has ${hint}`);
    assert.equal(e.message.split('\n').length, 1);
  }
  assert.match(explainSshFailure('', 'h', 255).message, /exit code 255/);
  // The destination is the name itself (with or without a user): named once.
  const resolve = 'ssh: Could not resolve hostname nosuchhost: Name or service not known\n';
  assert.equal(explainSshFailure(resolve, 'root@nosuchhost', 255).message, 'The host name nosuchhost could not be resolved.');
  assert.equal(explainSshFailure(resolve, 'nosuchhost', 255).message, 'The host name nosuchhost could not be resolved.');
});

test('a closed remote port names the remote address', () => {
  const e = remotePortClosed('me@box', '127.0.0.1:2345');
  assert.match(e.message, /^Nothing is listening on 127\.0\.0\.1:2345 on me@box/);
  assert.match(e.hint ?? '', /\(or gotui attach me@box lists the Delve servers it finds\)\.$/);
  // A Host alias of the user's ssh configuration is listed through ssh:// (bare, gotui reads it as cleartext).
  assert.match(remotePortClosed('devbox', '127.0.0.1:2345').hint ?? '', /\(or gotui attach ssh:\/\/devbox lists the Delve servers it finds\)\.$/);
});

test("a master killed after a forward's channel failed is said to have dropped, not to have failed that forward", () => {
  // What the master printed here when a pair hub was not there yet, then nothing before it was killed.
  const stderr = 'channel 7: open failed: connect failed: open failed\n';
  assert.equal(explainMasterEnd(stderr, 'h').problem, 'other');
  assert.equal(explainSshFailure(stderr, 'h').problem, 'remote-port', 'a stdio forward (-W) failing so is the failure');
  assert.equal(explainMasterEnd(`${stderr}Connection closed by 127.0.0.1 port 42222\n`, 'h').problem, 'link');
});
