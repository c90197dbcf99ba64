// gotui's own command line and where it connects: argv, durations, Delve addresses
// (src/cli/args.ts, src/cli/address.ts, src/transport/address.ts).
import assert from 'node:assert/strict';
import net from 'node:net';
import fc from 'fast-check';
import { parseServerAddress } from '../../../src/cli/address.js';
import { parseArgs, parseDurationMs } from '../../../src/cli/args.js';
import { formatHostPort, isLoopback, parseInetAton } from '../../../src/transport/address.js';
import { anyChar, hostile, join } from '../arbitraries.js';
import { property, refusedOr, type FuzzProperty } from '../harness.js';

const ARGV_WORDS = ['attach', 'exec', 'debug', 'demo', 'help', 'version', '--stop', '--pid', '--pid=', '--pid=12', '--handshake-timeout', '--handshake-timeout=3s', '--', '-', '-x', ':2345', 'host:1', 'u@h:2', '[::1]:2345', '12', '0', '-1', '99999999999999999999', '3s', '500ms', '1m', '1e3', 'orders', './bin', ''];

const host4 = fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.'));
const host6 = fc.ipV6();
const hostName = fc.constantFrom('localhost', 'db7', 'db7.internal', 'ip6-localhost', 'a-b.example.com', 'x.localhost');

export const cliProperties: FuzzProperty[] = [
  property({
    parser: 'gotui arguments',
    module: 'src/cli/args.ts',
    name: 'any argv is an invocation with a valid pid, timeout and address, or a UserError',
    arb: fc.array(fc.oneof({ weight: 4, arbitrary: fc.constantFrom(...ARGV_WORDS) }, { weight: 1, arbitrary: join(anyChar, 6) }), { maxLength: 6 }),
    check: (argv) => {
      const inv = refusedOr(() => parseArgs(argv));
      if (inv?.kind !== 'run') return;
      const { target, options } = inv;
      if (options.handshakeMs !== undefined) assert.ok(Number.isSafeInteger(options.handshakeMs) && options.handshakeMs > 0 && options.handshakeMs <= 600_000);
      if (target.kind === 'pid') assert.ok(Number.isSafeInteger(target.pid) && target.pid >= 1 && target.pid <= 2 ** 31 - 1, `pid ${target.pid}`);
      if (target.kind === 'attach' && 'port' in target.address) assert.ok(target.address.port >= 1 && target.address.port <= 65535);
    },
    runs: 300,
  }),
  property({
    parser: 'gotui arguments',
    module: 'src/cli/args.ts',
    name: 'a duration is whole milliseconds, finite and not negative, or undefined; N, Nms, Ns and Nm read back',
    arb: fc.oneof(
      hostile(['1', '0', '5', '.', '.5', 'ms', 's', 'm', 'h', 'us', '-', '+', ' ', '9'.repeat(400), 'e3'], { maxTokens: 6 }),
      fc.tuple(fc.nat(1_000_000), fc.constantFrom('', 'ms', 's', 'm')).map(([n, u]) => `${n}${u}`),
    ),
    check: (text) => {
      const ms = parseDurationMs(text);
      if (ms === undefined) return;
      assert.ok(Number.isSafeInteger(ms) && ms >= 0, `${JSON.stringify(text)} -> ${ms}`);
      const m = /^\s*(\d+)(ms|s|m)?\s*$/.exec(text);
      if (m && m[1]!.length < 10) assert.equal(ms, Number(m[1]) * (m[2] === 'ms' ? 1 : m[2] === 'm' ? 60_000 : 1000));
    },
    runs: 200,
  }),
  property({
    parser: 'Delve addresses',
    module: 'src/cli/address.ts',
    name: 'any text is a TCP or SSH address with a port in 1..65535, an SSH host to search, a k8s:// address, or a UserError',
    arb: hostile(['ssh://', '@', 'user', ':', '[', ']', '::1', '127.0.0.1', 'localhost', '2345', '0', '65536', '99999999999999999999', '.', 'host', ' '], { maxTokens: 10 }),
    check: (text) => {
      const a = refusedOr(() => parseServerAddress(text));
      if (!a) return;
      if (a.kind === 'k8s') return assert.ok(a.address.startsWith('k8s://'));
      if (a.kind === 'ssh-find') return assert.ok(a.destination.length > 0 && !a.destination.startsWith('@'));
      assert.ok(Number.isSafeInteger(a.port) && a.port >= 1 && a.port <= 65535);
      if (a.kind === 'ssh') assert.ok(a.destination.length > 0 && !a.destination.startsWith('@'));
      else assert.ok(!a.host.includes('@'));
    },
    runs: 300,
  }),
  property({
    parser: 'Delve addresses',
    module: 'src/cli/address.ts',
    name: 'host:port, [v6]:port and user@host:port read back as written',
    arb: fc.record({ host: fc.oneof(host4, host6, hostName), port: fc.integer({ min: 1, max: 65535 }), user: fc.option(fc.constantFrom('ana', 'root', 'a.b-c')) }),
    check: ({ host, port, user }) => {
      const text = `${user ? `${user}@` : ''}${formatHostPort({ host, port })}`;
      const a = parseServerAddress(text);
      if (user) assert.deepEqual(a, { kind: 'ssh', destination: `${user}@${host}`, host: '127.0.0.1', port });
      else assert.deepEqual(a, { kind: 'tcp', host, port });
    },
    runs: 200,
  }),
  property({
    parser: 'loopback detection',
    module: 'src/transport/address.ts',
    name: 'inet_aton forms (a.b.c.d, a.b.c, a.b, a; decimal, 0x, 0 octal) give the address the C library would',
    arb: fc
      .tuple(fc.integer({ min: 1, max: 4 }), fc.array(fc.nat(), { minLength: 4, maxLength: 4 }), fc.array(fc.constantFrom(8, 10, 16), { minLength: 4, maxLength: 4 }), fc.nat())
      .map(([n, raw, radix, big]) => {
        // Each leading part is a byte; the last fills the rest (or overflows it, now and then).
        const parts = raw.slice(0, n).map((v, i) => (i < n - 1 ? v % 256 : big % 3 === 0 ? v : v % 2 ** (8 * (5 - n))));
        return { parts, radix: radix.slice(0, n) };
      }),
    check: ({ parts, radix }) => {
      const text = parts.map((v, i) => (radix[i] === 16 ? `0x${v.toString(16)}` : radix[i] === 8 ? (v === 0 ? '0' : `0${v.toString(8)}`) : `${v}`)).join('.');
      const last = parts.at(-1)!;
      const room = 2 ** (8 * (5 - parts.length));
      const want = last >= room ? undefined : parts.slice(0, -1).reduce((acc, v, i) => acc + v * 2 ** (8 * (3 - i)), 0) + last;
      assert.equal(parseInetAton(text), want, text);
    },
    runs: 200,
  }),
  property({
    parser: 'loopback detection',
    module: 'src/transport/address.ts',
    name: 'IPv4 and IPv6 literals are loopback exactly when Node\'s BlockList puts them in 127/8 or ::1 (v4-mapped too)',
    arb: fc.oneof(host4, host6, fc.tuple(fc.constant(127), fc.nat(255), fc.nat(255), fc.nat(255)).map((p) => p.join('.')), fc.constantFrom('::1', '::ffff:127.0.0.1', '0:0:0:0:0:0:0:1', '::ffff:7f00:1', '0::1')),
    check: (host) => {
      const loopback = new net.BlockList();
      loopback.addSubnet('127.0.0.0', 8, 'ipv4');
      loopback.addAddress('::1', 'ipv6');
      const family = net.isIPv6(host) ? 'ipv6' : 'ipv4';
      const want = loopback.check(host, family);
      assert.equal(isLoopback(host), want, host);
      assert.equal(isLoopback(`[${host}]`), want, `[${host}]`);
    },
    runs: 200,
  }),
];
