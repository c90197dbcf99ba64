import { test } from 'node:test';
import assert from 'node:assert/strict';
import { dial, openTarget } from '../../src/app/connect.js';
import { UserError } from '../../src/errors.js';
import { connectTcp } from '../../src/dap/client.js';
import { Session } from '../../src/session/session.js';
import { SshError } from '../../src/remote/ssh-errors.js';
import { freeLoopbackPort } from '../../src/transport/tcp.js';
import { startSshd } from '../support/sshd.js';

/** What `gotui attach DEST` says, through the real ssh to a real sshd configured to fail each way. */
async function attachError(destination: string, port: number): Promise<SshError> {
  try {
    await openTarget({ kind: 'attach', address: { kind: 'ssh', destination, host: '127.0.0.1', port } }, () => {});
  } catch (err) {
    assert.ok(err instanceof SshError, `an SshError, not ${String(err)}`);
    return err;
  }
  throw new Error(`attaching through ${destination} did not fail`);
}

test('each ssh failure is one sentence naming the SSH host or the remote address, never the tunnel\'s local end', async (t) => {
  const sshd = await startSshd(t);
  if (!sshd) return;
  process.env.PATH = sshd.path;
  const port = await freeLoopbackPort();

  const unknown = await attachError(`root@${sshd.failing.unknownKey}`, port);
  assert.equal(unknown.problem, 'host-key');
  assert.equal(unknown.message, `The host key of root@${sshd.failing.unknownKey} is not known here, and gotui never asks (BatchMode).`);

  const changed = await attachError(sshd.failing.changedKey, port);
  assert.equal(changed.problem, 'host-key');
  assert.match(changed.message, /^The host key of gotui-sshtest-changedkey has changed since you last connected/);
  // ssh's own command names the entry as it keys it (the address and port, not the alias): the hint gives that one.
  assert.match(changed.hint ?? '', /remove its old key \(ssh-keygen -f "[^"]+" -R "\[127\.0\.0\.1\]:\d+"\)/, changed.hint);

  const auth = await attachError(sshd.failing.badKey, port);
  assert.equal(auth.problem, 'auth');
  assert.equal(auth.message, 'gotui-sshtest-badkey refused the login: none of your keys (or your agent\'s) is accepted there.');

  const noServer = await attachError(sshd.failing.closedPort, port);
  assert.equal(noServer.problem, 'no-route');
  assert.match(noServer.message, /^No SSH server answers on 127\.0\.0\.1:\d+ \(of gotui-sshtest-closed\): connection refused\.$/);

  // Logged in, but nothing listens on Delve's port there: the remote address is named.
  const closed = await attachError(sshd.host, port);
  assert.equal(closed.problem, 'remote-port');
  assert.equal(closed.message, `Nothing is listening on 127.0.0.1:${port} on ${sshd.host} (the SSH connection is up; the port there is closed).`);
  for (const e of [unknown, changed, auth, noServer, closed]) assert.ok(e.hint, `${e.message} has a hint`);

  // sshd's own port given as Delve's (cleartext): said to be an SSH server, with the way through it.
  const session = new Session('sshd');
  await assert.rejects(session.attach(await connectTcp({ host: '127.0.0.1', port: sshd.port }), { stop: false, version: '?', owned: false }), (e: unknown) =>
    e instanceof UserError && /^The server at 127\.0\.0\.1:\d+ is not speaking DAP: it greets as an SSH server \("SSH-2\.0-OpenSSH/.test(e.message) && e.message.endsWith('To reach a Delve on that host through SSH: gotui attach user@host:DELVEPORT.') && !e.message.includes('\\r'));

  // A Host of the ssh configuration typed without user@ is a cleartext address to gotui; DNS does not
  // know it, ssh does: said so, with the way through SSH (ssh's configuration read, nothing connects).
  const conn = await openTarget({ kind: 'attach', address: { kind: 'tcp', host: sshd.host, port } }, () => {});
  const alias = await dial(conn).then(() => undefined, (e: unknown) => e);
  assert.ok(alias instanceof UserError, String(alias));
  assert.equal(alias.message, `${sshd.host} is not a name DNS knows, but a Host of your ssh configuration (HostName 127.0.0.1).`);
  assert.equal(alias.hint, `Go through SSH: gotui attach ssh://${sshd.host}:${port} (its User, keys and jump hosts apply), or user@${sshd.host}:${port}.`);
});
