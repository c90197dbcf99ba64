import { test } from 'node:test';
import assert from 'node:assert/strict';
import { UserError } from '../errors.js';
import { DEFAULT_TIMEOUT_MS, parseRunArgs } from './args.js';

test('gotui run SCRIPT [--json F] [--junit F] [--timeout D] -- TARGET, the target in the interactive forms', () => {
  assert.deepEqual(parseRunArgs(['fix.gotui', '--json', 'r.json', '--junit=r.xml', '--timeout', '90s', '--', 'exec', './svc', '--', '-port', '8080']), {
    script: 'fix.gotui',
    json: 'r.json',
    junit: 'r.xml',
    timeoutMs: 90_000,
    target: { kind: 'exec', program: './svc', args: ['-port', '8080'] },
    options: { stop: false },
  });
  const a = parseRunArgs(['s.gotui', '--', 'attach', 'me@box:2345']);
  assert.equal(a.timeoutMs, DEFAULT_TIMEOUT_MS);
  assert.equal(a.hideOutput, undefined);
  assert.equal(parseRunArgs(['s.gotui', '--hide-output', '--', 'demo']).hideOutput, true);
  assert.deepEqual(a.target, { kind: 'attach', address: { kind: 'ssh', destination: 'me@box', host: '127.0.0.1', port: 2345 } });
  assert.deepEqual(parseRunArgs(['s.gotui', '--', 'demo', 'orders', '--', '-fixed']).target, { kind: 'demo', name: 'orders', args: ['-fixed'] });
  const refuse = (argv: string[], re: RegExp) => assert.throws(() => parseRunArgs(argv), (e) => e instanceof UserError && re.test(e.message));
  refuse(['s.gotui', 'exec', 'x'], /needs the target after --/);
  refuse(['--', 'demo'], /needs a script file/);
  refuse(['s.gotui', '--timeout', 'soon', '--', 'demo'], /--timeout needs a duration/);
  // Trial AJ: nothing given is said as the script missing; 0s is a duration, said as too short.
  refuse([], /^gotui run needs a script and a target: gotui run SCRIPT -- TARGET\.$/);
  refuse(['s.gotui', '--timeout', '0s', '--', 'demo'], /^--timeout needs a duration such as 90s or 10m, more than 0 and at most a day, not '0s'\.$/);
  refuse(['s.gotui', '--frob', '--', 'demo'], /Unknown option --frob/);
  refuse(['s.gotui', '--'], /Say what to debug/);
});
