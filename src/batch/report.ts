/**
 * What a batch run reports (pure): the record of every step, the JSON report and the JUnit XML
 * (one testcase per expectation). Both formats are stable and carry a version; README's "Batch
 * mode and CI" documents them.
 */
import os from 'node:os';

export type StepStatus = 'ok' | 'error' | 'passed' | 'failed' | 'skipped';

export interface StepRecord {
  line: number;
  text: string;
  kind: 'command' | 'expect' | 'sleep' | 'block';
  status: StepStatus;
  durationMs: number;
  /** What the step printed (gotui's words, sanitized). */
  output: string[];
  /** Where it ran when not in the script's main flow: `on break 1 (stop 4)`, `repeat 2/3`. */
  context?: string;
  expected?: string;
  seen?: string;
  /** The error's sentence, for status error. */
  error?: string;
  /** At a failure: the selected goroutine's stack and the arguments and locals of its frame. */
  snapshot?: string;
}

export type RunResult = 'passed' | 'failed' | 'error';

export interface RunReport {
  script: string;
  target: { label: string; address: string; owned: boolean; delve: string };
  started: Date;
  durationMs: number;
  result: RunResult;
  /** 0, 1 or 2; interrupted by a signal, the shell's code for it (130 for SIGINT). */
  exitCode: number;
  /** What ended the run early: a script error, a Delve error, the timeout. */
  error?: { line?: number; message: string };
  steps: StepRecord[];
  /** Expectations that never ran (the run ended before their line). */
  notRun: { line: number; text: string }[];
  /** The debuggee's output (the last lines, when it printed many). */
  output: string[];
}

export const REPORT_VERSION = 1;

/** 0 when every expectation held, 1 when one failed, 2 when the script or target was wrong: the first problem decides. */
export function exitCodeOf(steps: readonly StepRecord[], error: boolean): 0 | 1 | 2 {
  const first = steps.find((s) => s.status === 'failed' || s.status === 'error');
  if (first) return first.status === 'failed' ? 1 : 2;
  return error ? 2 : 0;
}

/**
 * A test target's binary that exited non-zero, in a script with no `expect exit N`, fails the run as
 * it fails `go test` (a new user's trial: `--- FAIL` printed, and the run passed with exit 0): a
 * failed expectation of the run (line 0, as the run's own error), naming the code and the `--- FAIL` lines.
 */
export function testsFailed(exitCode: number, output: readonly string[]): StepRecord {
  const fails = output.map((l) => l.trim()).filter((l) => l.startsWith('--- FAIL: '));
  return {
    line: 0,
    text: 'the tests pass',
    kind: 'expect',
    status: 'failed',
    durationMs: 0,
    output: fails,
    expected: 'the test binary exits with code 0, as go test passes',
    seen: `exited with code ${exitCode}${fails.length ? `: ${fails.join('; ')}` : ''}`,
  };
}

export function resultOf(code: 0 | 1 | 2): RunResult {
  return code === 0 ? 'passed' : code === 1 ? 'failed' : 'error';
}

/** `failed` counts both kinds (as since version 1); `errors` those that could not be checked at all. */
/** `2 of 3 expectation(s) held`, or `no expectations` for a script without any. */
export function heldText(passed: number, expectations: number): string {
  return expectations ? `${passed} of ${expectations} expectation(s) held` : 'no expectations';
}

export function counts(report: RunReport): { expectations: number; passed: number; failed: number; errors: number; skipped: number } {
  const expects = report.steps.filter((s) => s.kind === 'expect');
  const errors = expects.filter((s) => s.status === 'error').length;
  const failed = expects.filter((s) => s.status === 'failed').length + errors;
  return { expectations: expects.length + report.notRun.length, passed: expects.filter((s) => s.status === 'passed').length, failed, errors, skipped: report.notRun.length };
}

export function jsonReport(report: RunReport): string {
  const { started, ...rest } = report;
  return `${JSON.stringify({ format: 'gotui-batch', version: REPORT_VERSION, ...rest, started: started.toISOString(), counts: counts(report) }, null, 2)}\n`;
}

/** XML 1.0 text: markup escaped, and characters XML cannot carry at all (most C0 controls) shown as \uXXXX. */
export function xmlText(text: string): string {
  return text
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

const seconds = (ms: number) => (ms / 1000).toFixed(3);

/**
 * JUnit XML as Jenkins, GitLab and GitHub read it: one testsuite for the script, one testcase per
 * expectation run (a failed one with <failure>, an expectation that hit an error with <error>),
 * one per expectation that never ran (<skipped>), and the command that ended the run early as a
 * testcase with <error>.
 */
export function junitReport(report: RunReport): string {
  const name = report.script;
  const classname = name.replace(/\.[^./]*$/, '').replace(/[/\\]/g, '.');
  const cases: string[] = [];
  const attr = (v: string | number) => `"${xmlText(String(v))}"`;
  const testcase = (line: number, text: string, ms: number, inner = '') =>
    `    <testcase name=${attr(`${name}:${line}: ${text}`)} classname=${attr(classname)} time=${attr(seconds(ms))}${inner ? `>\n${inner}\n    </testcase>` : '/>'}`;
  const detail = (s: StepRecord) => [s.expected && `expected: ${s.expected}`, s.seen && `seen: ${s.seen}`, s.error, s.output.length && s.output.join('\n'), s.snapshot].filter(Boolean).join('\n');
  let failures = 0;
  let errors = 0;
  for (const s of report.steps) {
    const label = s.context ? `${s.text} [${s.context}]` : s.text;
    if (s.kind === 'expect') {
      if (s.status === 'failed') {
        failures++;
        cases.push(testcase(s.line, label, s.durationMs, `      <failure message=${attr(`expected ${s.expected ?? ''}, saw ${s.seen ?? ''}`)} type="expectation">${xmlText(detail(s))}</failure>`));
      } else if (s.status === 'error') {
        errors++;
        cases.push(testcase(s.line, label, s.durationMs, `      <error message=${attr(s.error ?? 'error')} type="error">${xmlText(detail(s))}</error>`));
      } else cases.push(testcase(s.line, label, s.durationMs));
    } else if (s.status === 'error') {
      errors++;
      cases.push(testcase(s.line, label, s.durationMs, `      <error message=${attr(s.error ?? 'error')} type="error">${xmlText(detail(s))}</error>`));
    }
  }
  // An error no step carries (the script's own mistake, found before the run): a case of its own, at its line.
  // The --timeout cuts the run from outside, lineless: the step it cut carries it (trial Q: counted twice).
  const err = report.error;
  if (err && !report.steps.some((s) => s.status === 'error' && (s.line === err.line || (err.line === undefined && s.error === err.message)))) {
    errors++;
    cases.push(testcase(err.line ?? 0, 'run', report.durationMs, `      <error message=${attr(err.message)} type="error"/>`));
  }
  for (const n of report.notRun) cases.push(testcase(n.line, n.text, 0, '      <skipped/>'));
  const tests = cases.length;
  const skipped = report.notRun.length;
  const time = seconds(report.durationMs);
  const stamp = report.started.toISOString().replace(/\.\d+Z$/, '');
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="gotui" tests="${tests}" failures="${failures}" errors="${errors}" time="${time}">`,
    `  <testsuite name=${attr(name)} tests="${tests}" failures="${failures}" errors="${errors}" skipped="${skipped}" time="${time}" timestamp="${stamp}" hostname=${attr(os.hostname())} id="0" package=${attr(classname)}>`,
    '    <properties>',
    `      <property name="gotui.report.version" value="${REPORT_VERSION}"/>`,
    `      <property name="target" value=${attr(report.target.label)}/>`,
    `      <property name="delve" value=${attr(report.target.delve)}/>`,
    '    </properties>',
    ...cases,
    `    <system-out>${xmlText(report.output.join('\n'))}</system-out>`,
    `    <system-err>${xmlText(report.error ? report.error.message : '')}</system-err>`,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}
