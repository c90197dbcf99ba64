import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { parseArgs, parseDurationMs, replayWords } from './args.js';
import { UserError } from '../errors.js';

test('targets', () => {
  assert.deepEqual(parseArgs(['attach', ':2345']), { kind: 'run', target: { kind: 'attach', address: { kind: 'tcp', host: '127.0.0.1', port: 2345 } }, options: { stop: false } });
  assert.deepEqual(parseArgs(['attach', '--stop', 'u@h:1']), { kind: 'run', target: { kind: 'attach', address: { kind: 'ssh', destination: 'u@h', host: '127.0.0.1', port: 1 } }, options: { stop: true } });
  assert.deepEqual(parseArgs(['attach', '--pid', '42']), { kind: 'run', target: { kind: 'pid', pid: 42 }, options: { stop: false } });
  assert.deepEqual(parseArgs(['exec', './svc', '--', '-port', '8080', '--stop']), { kind: 'run', target: { kind: 'exec', program: './svc', args: ['-port', '8080', '--stop'] }, options: { stop: false } });
  assert.deepEqual(parseArgs(['debug']), { kind: 'run', target: { kind: 'debug', pkg: '.', args: [] }, options: { stop: false } });
  assert.deepEqual(parseArgs(['debug', './cmd/x', '--', 'a']), { kind: 'run', target: { kind: 'debug', pkg: './cmd/x', args: ['a'] }, options: { stop: false } });
  assert.deepEqual(parseArgs(['demo']), { kind: 'run', target: { kind: 'demo', name: 'orders', args: [] }, options: { stop: false } });
  assert.deepEqual(parseArgs([':2345']).kind, 'run');
  assert.deepEqual(parseArgs(['--help']), { kind: 'help' });
});

test('post-mortem, tests, and turning saved breakpoints off', () => {
  assert.deepEqual(parseArgs(['core', './svc', 'core.1']), { kind: 'run', target: { kind: 'core', program: './svc', core: 'core.1' }, options: { stop: false } });
  assert.deepEqual(parseArgs(['test']), { kind: 'run', target: { kind: 'test', pkg: '.', args: [] }, options: { stop: false } });
  assert.deepEqual(parseArgs(['test', './pkg', '-run', 'TestX$', '--', '-test.v']), { kind: 'run', target: { kind: 'test', pkg: './pkg', run: 'TestX$', args: ['-test.v'] }, options: { stop: false } });
  assert.deepEqual(parseArgs(['exec', '--no-restore', './svc']), { kind: 'run', target: { kind: 'exec', program: './svc', args: [] }, options: { stop: false, noRestore: true } });
});

test('mistakes are one sentence with a hint', () => {
  for (const argv of [[], ['attach'], ['attach', 'a:1', 'b:2'], ['attach', '--pid', 'x'], ['exec'], ['frobnicate'], ['attach', ':1', '--colour'], ['core', './svc'], ['test', 'a', 'b'], ['exec', './svc', '-run', 'X'], ['test', '-run']]) {
    assert.throws(() => parseArgs(argv), (e: unknown) => e instanceof UserError && !!e.hint, argv.join(' '));
  }
  // A mistyped verb names the one it likely meant.
  assert.throws(() => parseArgs(['atach', ':2345']), (e: unknown) => e instanceof UserError && e.hint === 'Did you mean gotui attach? gotui --help lists the forms.');
  assert.throws(() => parseArgs(['frobnicate']), (e: unknown) => e instanceof UserError && e.hint === 'Run gotui --help for the forms it takes.');
  // So does a mistyped option (trial AG: --stpo said only that it was unknown).
  assert.throws(() => parseArgs(['attach', '--stpo', ':2345']), (e: unknown) => e instanceof UserError && e.message === 'Unknown option --stpo.' && e.hint === 'Did you mean --stop? Run gotui --help for the forms it takes.');
  assert.throws(() => parseArgs(['attach', '--no-restor=1', ':2345']), (e: unknown) => e instanceof UserError && /^Did you mean --no-restore\?/.test(e.hint ?? ''));
});

// Found by the fuzz campaign (test/fuzz/targets/cli.ts).
test('fuzz: a duration of 400 nines is no duration, not Infinity ms', () => {
  assert.equal(parseDurationMs(`${'9'.repeat(400)}s`), undefined);
  assert.equal(parseDurationMs('1.5s'), 1500);
});

test('fuzz: --pid 0 and --pid 99999999999999999999 are not process ids', () => {
  for (const pid of ['0', '99999999999999999999', '2147483648']) assert.throws(() => parseArgs(['attach', '--pid', pid]), UserError, pid);
  assert.deepEqual(parseArgs(['attach', '--pid', '2147483647']), { kind: 'run', target: { kind: 'pid', pid: 2147483647 }, options: { stop: false } });
});

test('--substitute-path FROM=TO, repeatable', () => {
  const inv = parseArgs(['attach', '--substitute-path', '/build/a=/here/a', '--substitute-path=/build/b=/here/b', 'u@h:1']);
  assert.equal(inv.kind, 'run');
  assert.deepEqual(inv.kind === 'run' && inv.options.substitutePath, [{ from: '/build/a', to: '/here/a', origin: 'flag' }, { from: '/build/b', to: '/here/b', origin: 'flag' }]);
  assert.throws(() => parseArgs(['attach', '--substitute-path', 'nope', ':1']), /FROM=TO/);
});

test('attach user@host --pid N starts Delve on that host', () => {
  assert.deepEqual(parseArgs(['attach', 'ana@db7', '--pid', '42']), { kind: 'run', target: { kind: 'pid', pid: 42, destination: 'ana@db7' }, options: { stop: false } });
  assert.throws(() => parseArgs(['attach', 'ana@db7:2345', '--pid', '42']), /without a port/);
  assert.throws(() => parseArgs(['attach', ':2345', '--pid', '42']), /without a port/);
});

test('attach k8s://… with --debug-image', () => {
  assert.deepEqual(parseArgs(['attach', '--debug-image', 'reg/dlv:1', 'k8s://shop/api']), { kind: 'run', target: { kind: 'attach', address: { kind: 'k8s', address: 'k8s://shop/api' } }, options: { stop: false, debugImage: 'reg/dlv:1' } });
  assert.throws(() => parseArgs(['attach', 'k8s://shop/Api_1:2345']), /not a Kubernetes name/);
  assert.throws(() => parseArgs(['attach', '--debug-image', '', 'k8s://shop/api']), /needs an image name/);
});

test("a recording's replay words reach the same target: the shell splits them, the parser reads them back", () => {
  const targets = [
    ['attach', ':2345'],
    ['attach', 'ana@db7:2345'],
    ['attach', '[::1]:40000'],
    ['attach', 'k8s://prod/api-7d9/app:2345'],
    ['attach', '--pid', '42'],
    ['attach', 'ana@db7', '--pid', '42'],
    ['exec', './my svc', '--', '-name', "O'Brien", '$HOME', ''],
    ['debug', './cmd/x', '--', '-v'],
    ['demo', 'pipeline', '--', '-slow', '600ms'],
    ['test', './pkg', '-run', 'TestParse$|TestX', '--', '-test.v'],
  ];
  for (const argv of targets) {
    const inv = parseArgs(argv);
    assert.equal(inv.kind, 'run');
    if (inv.kind !== 'run') continue;
    const words = replayWords(inv.target);
    assert.ok(words, argv.join(' '));
    const split = execFileSync('sh', ['-c', `printf '%s\\0' ${words}`], { encoding: 'utf8' }).split('\0').slice(0, -1);
    const again = parseArgs(split);
    assert.deepEqual(again.kind === 'run' ? again.target : again, inv.target, words);
  }
  // What a script cannot reach again: a core (gotui run takes none), a Delve picked from a host's list.
  assert.equal(replayWords({ kind: 'core', program: './svc', core: 'core.1' }), undefined);
  assert.equal(replayWords({ kind: 'attach', address: { kind: 'ssh-find', destination: 'ana@db7' } }), undefined);
});

test('--listen PORT: the loopback port of the Delve gotui starts, and only that; any other address is refused, Delve asking no password', () => {
  for (const given of ['2345', ':2345', '127.0.0.1:2345', 'localhost:2345']) {
    assert.deepEqual(parseArgs(['demo', '--listen', given]), { kind: 'run', target: { kind: 'demo', name: 'orders', args: [] }, options: { stop: false, listenPort: 2345 } }, given);
  }
  assert.equal((parseArgs(['exec', './svc', '--listen=2345']) as { options: { listenPort?: number } }).options.listenPort, 2345);
  for (const host of ['0.0.0.0', '192.168.1.5', '[::]']) {
    assert.throws(() => parseArgs(['demo', '--listen', `${host}:2345`]), (e: unknown) => e instanceof UserError && e.message === `--listen takes a port on this machine's loopback, not ${host}: Delve asks no password, so gotui listens nowhere else.` && /gotui attach user@host:2345/.test(e.hint ?? ''), host);
  }
  for (const bad of ['0', '65536', 'abc', '127.0.0.1:0']) assert.throws(() => parseArgs(['demo', '--listen', bad]), (e: unknown) => e instanceof UserError && e.message === `--listen needs a port from 1 to 65535, not '${bad}'.`, bad);
  assert.throws(() => parseArgs(['demo', '--listen']), UserError);
  // Not for a Delve gotui does not start.
  assert.throws(() => parseArgs(['attach', ':2345', '--listen', '2346']), (e: unknown) => e instanceof UserError && /^--listen sets the port of the Delve gotui starts on this machine/.test(e.message));
  assert.throws(() => parseArgs(['core', 'bin', 'core', '--listen', '2346']), UserError);
});
