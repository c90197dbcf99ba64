import { test } from 'node:test';
import assert from 'node:assert/strict';
import { junitSchemaErrors } from '../../test/support/junit.js';
import { exitCodeOf, jsonReport, junitReport, testsFailed, type RunReport, type StepRecord } from './report.js';

const step = (line: number, status: StepRecord['status'], kind: StepRecord['kind'] = 'expect', more: Partial<StepRecord> = {}): StepRecord => ({ line, text: `step ${line}`, kind, status, durationMs: 3, output: [], ...more });

function report(steps: StepRecord[], more: Partial<RunReport> = {}): RunReport {
  return {
    script: 'checks/fix.gotui',
    target: { label: 'demo orders', address: '127.0.0.1:4000', owned: true, delve: '1.27.1' },
    started: new Date('2026-12-01T10:00:00.123Z'),
    durationMs: 1234,
    result: 'failed',
    exitCode: 1,
    steps,
    notRun: [],
    output: [],
    ...more,
  };
}

test('the first problem decides the exit code', () => {
  assert.equal(exitCodeOf([step(1, 'ok', 'command'), step(2, 'passed')], false), 0);
  assert.equal(exitCodeOf([step(1, 'passed'), step(2, 'failed'), step(3, 'error', 'command')], true), 1);
  assert.equal(exitCodeOf([step(1, 'error', 'command')], true), 2);
  assert.equal(exitCodeOf([step(1, 'passed')], true), 2, 'a timeout with nothing failed is an error');
});

test('JUnit: one testcase per expectation, valid against the Jenkins schema, hostile text escaped', async () => {
  const hostile = 'a <b> & "c" \x1b[31m\x07 \ud800 end';
  const r = report(
    [
      step(3, 'ok', 'command'),
      step(4, 'passed'),
      step(5, 'failed', 'expect', { expected: 'o.ID == 3', seen: `1 ${hostile}`, snapshot: 'goroutine 1\n  #0 main.format', context: 'repeat 2/3' }),
      step(6, 'error', 'command', { error: `Cannot evaluate ${hostile}` }),
    ],
    { notRun: [{ line: 7, text: 'expect running' }], output: [hostile], error: { line: 6, message: 'stopped' } },
  );
  const xml = junitReport(r);
  assert.deepEqual(await junitSchemaErrors(xml), []);
  const cases = [...xml.matchAll(/<testcase name="([^"]*)"/g)].map((m) => m[1]);
  assert.deepEqual(cases, ['checks/fix.gotui:4: step 4', 'checks/fix.gotui:5: step 5 [repeat 2/3]', 'checks/fix.gotui:6: step 6', 'checks/fix.gotui:7: expect running']);
  assert.match(xml, /<testsuite name="checks\/fix\.gotui" tests="4" failures="1" errors="1" skipped="1"/);
  assert.match(xml, /<failure message="expected o\.ID == 3, saw 1 a &lt;b&gt; &amp; &quot;c&quot; \\u001b\[31m\\u0007 \ufffd end" type="expectation">/);
  assert.doesNotMatch(xml, /[\x00-\x08\x1b]/, 'no control character XML cannot carry');
});

test('JUnit: a run ended before any line (timeout while attaching) is an error testcase, still valid', async () => {
  const xml = junitReport(report([], { error: { message: 'The run took longer than --timeout 3s.' }, notRun: [{ line: 2, text: 'expect stop' }] }));
  assert.deepEqual(await junitSchemaErrors(xml), []);
  assert.match(xml, /<testcase name="checks\/fix\.gotui:0: run"[^>]*>\s*<error message="The run took longer than --timeout 3s\."/);
});

test('JUnit: a timeout that cut a step is that step\'s error, counted once (trial Q)', async () => {
  const message = 'The run took longer than --timeout 8s while waiting for the target to stop.';
  const xml = junitReport(report([step(2, 'ok', 'command'), step(3, 'error', 'command', { error: message })], { error: { message } }));
  assert.deepEqual(await junitSchemaErrors(xml), []);
  assert.match(xml, /errors="1"/);
  assert.doesNotMatch(xml, /:0: run/);
});

test('JSON: format, version, counts and every step', () => {
  const r = report([step(3, 'ok', 'command', { output: ['Breakpoint #1'] }), step(4, 'passed'), step(5, 'failed'), step(6, 'error')], { notRun: [{ line: 9, text: 'expect exit' }] });
  const j = JSON.parse(jsonReport(r));
  assert.equal(j.format, 'gotui-batch');
  assert.equal(j.version, 1);
  assert.equal(j.started, '2026-12-01T10:00:00.123Z');
  // An expectation that could not be checked counts as failed, and among the errors.
  assert.deepEqual(j.counts, { expectations: 4, passed: 1, failed: 2, errors: 1, skipped: 1 });
  assert.deepEqual(j.steps[0], { line: 3, text: 'step 3', kind: 'command', status: 'ok', durationMs: 3, output: ['Breakpoint #1'] });
  assert.equal(j.exitCode, 1);
});

test('tests that failed are a failed expectation of the run, naming the exit code and the --- FAIL lines; the JUnit report counts it', () => {
  const rec = testsFailed(1, ['=== RUN   TestMaxFail', '    calc_test.go:6: Max(1, 2) = 1, want 2', '--- FAIL: TestMaxFail (0.00s)', 'FAIL']);
  assert.equal(rec.seen, 'exited with code 1: --- FAIL: TestMaxFail (0.00s)');
  assert.deepEqual(rec.output, ['--- FAIL: TestMaxFail (0.00s)']);
  assert.equal(exitCodeOf([step(1, 'ok', 'command'), rec], false), 1);
  assert.match(junitReport(report([rec])), /tests="1" failures="1"[\s\S]*<testcase name="checks\/fix\.gotui:0: the tests pass"[\s\S]*<failure message="expected the test binary exits with code 0, as go test passes, saw exited with code 1: --- FAIL: TestMaxFail \(0\.00s\)"/);
  assert.equal(testsFailed(2, ['panic: boom']).seen, 'exited with code 2', 'no --- FAIL line: the code alone');
});
