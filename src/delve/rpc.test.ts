import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { UserError } from '../errors.js';
import { DelveRpcClient, DelveRpcError, RpcTimeoutError, holdStateForDump, isAbortError, statesAnswered } from './rpc.js';

interface Req {
  method: string;
  params: unknown[];
  id: number;
}

/** A loopback server that hands each JSON-RPC request to `onRequest`, which answers through `reply`. */
async function fakeServer(t: TestContext, onRequest: (req: Req, reply: (text: string) => void, socket: net.Socket) => void) {
  const sockets: net.Socket[] = [];
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    sockets.push(socket);
    let buf = '';
    socket.on('data', (d) => {
      buf += d.toString();
      for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        if (line.trim()) onRequest(JSON.parse(line) as Req, (text) => socket.write(text), socket);
      }
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  t.after(() => {
    for (const s of sockets) s.destroy();
    server.close();
  });
  const port = (server.address() as net.AddressInfo).port;
  return { address: { host: '127.0.0.1', port }, connections: () => connections };
}

const version = (id: number) => JSON.stringify({ id, result: { DelveVersion: '1.27.1', APIVersion: 2, Backend: 'native', TargetGoVersion: 'Go cmd/compile go1.26.8' }, error: null }) + '\n';

test('sends net/rpc/jsonrpc requests and reassembles answers split across and packed into chunks', async (t) => {
  const seen: Req[] = [];
  const srv = await fakeServer(t, (req, reply) => {
    seen.push(req);
    if (req.method === 'RPCServer.GetVersion') return reply(version(req.id));
    if (seen.length < 3) return;
    const [first, second] = seen.slice(1).map((r) => JSON.stringify({ id: r.id, result: { Pid: 4242 }, error: null }) + '\n');
    // The first answer in two pieces, the second glued to the end of the first.
    reply(first!.slice(0, 7));
    setTimeout(() => reply(first!.slice(7) + second!), 20);
  });
  const rpc = await DelveRpcClient.connect(srv.address);
  t.after(() => rpc.close());
  const [a, b] = await Promise.all([rpc.processPid(), rpc.processPid()]);
  assert.equal(a, 4242);
  assert.equal(b, 4242);
  assert.deepEqual(seen[0], { method: 'RPCServer.GetVersion', params: [{}], id: 1 });
  assert.deepEqual(seen[1]!.params, [{}]);
});

test('a call on an open connection is written at once, before the caller goes on (a stop\'s paint does not hold it)', async (t) => {
  const srv = await fakeServer(t, (req, reply) => {
    if (req.method === 'RPCServer.GetVersion') return reply(version(req.id));
    reply(JSON.stringify({ id: req.id, result: { Pid: 4242 }, error: null }) + '\n');
  });
  const rpc = await DelveRpcClient.connect(srv.address);
  t.after(() => rpc.close());
  const socket = (rpc as unknown as { socket: net.Socket }).socket;
  const written: string[] = [];
  const write = socket.write.bind(socket);
  socket.write = ((chunk: string) => {
    written.push(chunk);
    return write(chunk);
  }) as typeof socket.write;
  const pid = rpc.processPid();
  assert.equal(written.length, 1, 'written in the same tick');
  assert.match(written[0]!, /RPCServer\.ProcessPid/);
  assert.equal(await pid, 4242);
});

test('passes ListGoroutines params with the grouping options at the top level', async (t) => {
  let params: unknown;
  const srv = await fakeServer(t, (req, reply) => {
    if (req.method === 'RPCServer.GetVersion') return reply(version(req.id));
    params = req.params[0];
    reply(JSON.stringify({ id: req.id, result: { Goroutines: null, Nextg: -1, Groups: null, TooManyGroups: false }, error: null }) + '\n');
  });
  const rpc = await DelveRpcClient.connect(srv.address);
  t.after(() => rpc.close());
  const out = await rpc.listGoroutines({ Start: 0, Count: 0, Filters: [{ Kind: 7, Negated: false, Arg: '' }], GroupBy: 2, GroupByKey: '', MaxGroupMembers: 1, MaxGroups: 0 });
  assert.equal(out.Nextg, -1);
  assert.deepEqual(params, { Start: 0, Count: 0, Filters: [{ Kind: 7, Negated: false, Arg: '' }], GroupBy: 2, GroupByKey: '', MaxGroupMembers: 1, MaxGroups: 0 });
});

test("Delve's error text comes back as DelveRpcError", async (t) => {
  const srv = await fakeServer(t, (req, reply) => {
    if (req.method === 'RPCServer.GetVersion') return reply(version(req.id));
    reply(JSON.stringify({ id: req.id, result: null, error: 'unknown method: RPCServer.Nope' }) + '\n');
  });
  const rpc = await DelveRpcClient.connect(srv.address);
  t.after(() => rpc.close());
  await assert.rejects(rpc.call('Nope', {}), (e) => e instanceof DelveRpcError && e.message === 'unknown method: RPCServer.Nope');
});

test('a server that never answers (dlv dap) gives one sentence and a hint', async (t) => {
  const srv = await fakeServer(t, () => {});
  await assert.rejects(DelveRpcClient.connect(srv.address, { probeTimeoutMs: 200 }), (e) => {
    assert.ok(e instanceof UserError);
    assert.match(e.message, /does not answer Delve's JSON-RPC API; it is probably a `dlv dap` server/);
    assert.match(e.hint ?? '', /--accept-multiclient --api-version=2/);
    return true;
  });
});

test('a timed-out call drops the connection and the next call opens a fresh one', async (t) => {
  let hang = true;
  const srv = await fakeServer(t, (req, reply) => {
    if (req.method === 'RPCServer.GetVersion') return reply(version(req.id));
    if (hang) return;
    reply(JSON.stringify({ id: req.id, result: { Pid: 7 }, error: null }) + '\n');
  });
  const rpc = await DelveRpcClient.connect(srv.address);
  t.after(() => rpc.close());
  await assert.rejects(rpc.processPid({ timeoutMs: 100 }), (e) => e instanceof RpcTimeoutError && /did not answer ProcessPid within/.test(e.message));
  assert.equal(rpc.connected, false);
  hang = false;
  assert.equal(await rpc.processPid(), 7);
  assert.equal(srv.connections(), 2);
});

test("FAULT INJECTOR: a State stuck behind a continue (Delve's race) is asked again on the same connection, which sees it running", async (t) => {
  const states: number[] = [];
  const srv = await fakeServer(t, (req, reply) => {
    if (req.method === 'RPCServer.GetVersion') return reply(version(req.id));
    states.push(req.id);
    // The first State waits for the target's lock until the continue ends (here: never); later ones see it running.
    if (states.length > 1) reply(JSON.stringify({ id: req.id, result: { State: { Running: true } }, error: null }) + '\n');
  });
  const rpc = await DelveRpcClient.connect(srv.address);
  t.after(() => rpc.close());
  const st = await rpc.state(true, { timeoutMs: 10_000 });
  assert.equal(st.Running, true);
  assert.equal(states.length, 2);
  assert.equal(srv.connections(), 1, 'the connection stays: State does not hold up the calls behind it');
  assert.equal((await rpc.state()).Running, true);
});

test('FAULT INJECTOR: a dump waits for the States Delve has not answered, one given up on included', async (t) => {
  const held: (() => void)[] = [];
  const srv = await fakeServer(t, (req, reply) => {
    if (req.method === 'RPCServer.GetVersion') return reply(version(req.id));
    const answer = () => reply(JSON.stringify({ id: req.id, result: { State: { Running: true } }, error: null }) + '\n');
    // The first State sits at Delve (as one behind a continue does); the second is answered.
    if (held.length) answer();
    else held.push(answer);
  });
  const rpc = await DelveRpcClient.connect(srv.address);
  t.after(() => rpc.close());
  assert.equal((await rpc.state(true, { timeoutMs: 10_000 })).Running, true);
  let answered = false;
  const waiting = statesAnswered(srv.address, 10_000).then(() => (answered = true));
  await new Promise((r) => setTimeout(r, 100));
  assert.equal(answered, false, 'the State given up on is still at Delve');
  held[0]!();
  await waiting;
  assert.equal(answered, true);
});

test("FAULT INJECTOR: another client's dump under way: no State is sent (Delve would hang), and the state says why", async (t) => {
  const asked: string[] = [];
  const srv = await fakeServer(t, (req, reply) => {
    asked.push(req.method);
    if (req.method === 'RPCServer.GetVersion') return reply(version(req.id));
    if (req.method === 'RPCServer.DumpWait') return reply(JSON.stringify({ id: req.id, result: { State: { Dumping: true } }, error: null }) + '\n');
  });
  const rpc = await DelveRpcClient.connect(srv.address);
  t.after(() => rpc.close());
  await assert.rejects(rpc.pollState(), (e) => e instanceof UserError && /is writing a core file \(another client's dump\)/.test(e.message));
  assert.ok(!asked.includes('RPCServer.State'), asked.join(' '));
});

test('FAULT INJECTOR: a State waiting for a fresh connection when a dump begins is never sent (Delve would hang)', async (t) => {
  const states: Req[] = [];
  const srv = await fakeServer(t, (req, reply) => {
    if (req.method === 'RPCServer.GetVersion') return reply(version(req.id));
    if (req.method === 'RPCServer.State') states.push(req);
    // Anything else sits at "Delve", so cancelling it drops the connection.
  });
  const rpc = await DelveRpcClient.connect(srv.address);
  t.after(() => rpc.close());
  t.after(() => holdStateForDump(srv.address, false));
  const cancel = new AbortController();
  const stuck = rpc.call('ListGoroutines', {}, { signal: cancel.signal }).catch((e: unknown) => e);
  await new Promise((r) => setTimeout(r, 20));
  cancel.abort();
  assert.ok(isAbortError(await stuck));
  // The State now waits for a new connection; the dump's hold begins meanwhile.
  const asked = rpc.call('State', { NonBlocking: true });
  holdStateForDump(srv.address, true);
  await assert.rejects(asked, (e) => e instanceof UserError && /is writing a core file/.test(e.message));
  assert.equal(srv.connections(), 2, 'the State did wait for a fresh connection');
  assert.equal(states.length, 0, 'no State reached the server during the dump');
});

test('the server closing the connection fails pending calls with a sentence', async (t) => {
  const srv = await fakeServer(t, (req, reply, socket) => {
    if (req.method === 'RPCServer.GetVersion') return reply(version(req.id));
    socket.destroy();
  });
  const rpc = await DelveRpcClient.connect(srv.address);
  t.after(() => rpc.close());
  await assert.rejects(rpc.processPid(), (e) => e instanceof UserError && /closed the JSON-RPC connection/.test(e.message));
});

test('an abort rejects at once; a cancelled synchronous call leaves its connection behind', async (t) => {
  let answer = false;
  let received = 0;
  const srv = await fakeServer(t, (req, reply) => {
    if (req.method === 'RPCServer.GetVersion') return reply(version(req.id));
    received++;
    if (answer) reply(JSON.stringify({ id: req.id, result: { Pid: 3 }, error: null }) + '\n');
  });
  const rpc = await DelveRpcClient.connect(srv.address);
  t.after(() => rpc.close());
  const ac = new AbortController();
  const p = rpc.processPid({ signal: ac.signal });
  for (let i = 0; !received && i < 400; i++) await new Promise((r) => setTimeout(r, 5));
  ac.abort();
  await assert.rejects(p, (e) => isAbortError(e));
  await assert.rejects(rpc.processPid({ signal: ac.signal }), (e) => isAbortError(e), 'an aborted signal fails at once');
  answer = true;
  assert.equal(await rpc.processPid(), 3);
  assert.equal(srv.connections(), 2, 'Delve would still be busy with the cancelled ListGoroutines on the first one');
});

test('nothing listening gives one sentence', async () => {
  const probe = net.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
  await assert.rejects(DelveRpcClient.connect({ host: '127.0.0.1', port }), (e) => e instanceof UserError && /Nothing is listening on 127\.0\.0\.1:/.test(e.message));
});

test('garbage instead of JSON is reported as not a headless Delve', async (t) => {
  const srv = await fakeServer(t, (_req, reply) => reply('HTTP/1.1 400 Bad Request\n'));
  await assert.rejects(DelveRpcClient.connect(srv.address), (e) => e instanceof UserError && /not JSON-RPC; it is probably not a headless Delve/.test(e.message));
});

// Found by the fuzz campaign (test/fuzz/targets/delve.ts): reading .id of null threw inside the
// socket's data handler, an uncaught exception that ended gotui.
test('fuzz: reply lines that are JSON but not objects ("null", "1", "[]") are ignored', async (t) => {
  const srv = await fakeServer(t, (req, reply) => reply(`null\n1\n[]\n"x"\n${version(req.id)}`));
  const client = await DelveRpcClient.connect(srv.address);
  assert.equal((await client.getVersion()).DelveVersion, '1.27.1');
  client.close();
});
