/**
 * `gotui run SCRIPT -- TARGET`: the script's commands and expectations against a session, with no
 * terminal and no Ink. Progress goes to stderr (a line a step, with its time; the program's output
 * after `[program] `, unless --hide-output), what commands print
 * to stdout, reports to --json / --junit. Exit 0: every expectation held; 1: one failed (or a test
 * target's tests did, with no `expect exit N`); 2: the
 * script or the target was wrong (a parse error, a target that would not start, a Delve error,
 * the timeout). A target gotui started is ended; an attached one is left as found.
 */
import fs from 'node:fs';
import { describeError, fsProblem, UserError } from '../errors.js';
import { sanitize } from '../core/sanitize.js';
import { mark } from '../core/timings.js';
import { AppController } from '../app/controller.js';
import { closeConnection, dial, openTarget, targetLabel, type Connection } from '../app/connect.js';
import { disabledNow, executeCommandLine, isCommandLine, nearCommands, splitCommandLine } from '../commands/registry.js';
import { formatHostPort } from '../transport/address.js';
import { parseRunArgs, type RunArgs } from './args.js';
import { counts, exitCodeOf, heldText, jsonReport, junitReport, resultOf, testsFailed, type RunReport } from './report.js';
import { EXIT_CODE_MS, outputNotReadable, RunStopped, ScriptRunner } from './runner.js';
import { breakpointsWhileRunning, expectationsOf, parseScript, ScriptError, type Script, type Step } from './script.js';
import type { Session } from '../session/session.js';
import { ENDING_SIGNALS } from '../cli/signals.js';
import { stopLine } from '../console/model.js';
import { endLeftovers } from '../core/leftovers.js';

const say = (text: string) => {
  try {
    process.stderr.write(`${sanitize(text)}\n`);
  } catch {
    // stderr gone: nothing to say it on
  }
};

/** The session ends itself when the script does: these would end it halfway. */
const SESSION_ENDERS = new Set(['quit', 'q', 'exit', 'detach', 'reconnect']);

/**
 * A reader that goes away (`| head -3`) makes the next write fail with EPIPE, which would end Node
 * at once and leave the Delve and the program gotui started: the run stops instead, and ends
 * what it started as any other ending does.
 */
let readerGone = false;
let onReaderGone: (() => void) | undefined;

/**
 * Ctrl-C or a cancelled CI job (SIGINT, SIGTERM): the Delve gotui starts is detached, out of the
 * terminal's process group, so a signal that ended gotui at once left it and the program running,
 * an attached target with gotui's breakpoints, and no report (trial BY). The run stops as at its
 * deadline instead, and ends what it started; a second signal ends gotui at once.
 */
let interrupted: { signal: NodeJS.Signals; code: number } | undefined;
let onInterrupt: (() => void) | undefined;
const interruption = () => interrupted;
const interruptedText = () => `Interrupted by ${interrupted!.signal}`;

export async function runBatch(argv: string[]): Promise<void> {
  mark('batch: loaded');
  for (const [signal, code] of ENDING_SIGNALS) {
    process.on(signal, () => {
      if (interrupted) {
        endLeftovers();
        process.exit(interrupted.code);
      }
      interrupted = { signal, code };
      onInterrupt?.();
    });
  }
  for (const out of [process.stdout, process.stderr]) {
    out.on('error', () => {
      readerGone = true;
      onReaderGone?.();
    });
  }
  let args: RunArgs;
  let script: Script;
  const started = new Date();
  try {
    args = parseRunArgs(argv);
    // A report CI expects and cannot get is found before the run, not after it.
    for (const file of [args.json, args.junit]) if (file) reportWritable(file);
  } catch (err) {
    say(`gotui: ${describeError(err)}`);
    process.exit(2);
  }
  try {
    script = loadScript(args.script, args.target.kind === 'attach');
  } catch (err) {
    say(`gotui: ${describeError(err)}`);
    writeErrorReports(args, started, err);
    process.exit(2);
  }
  mark('batch: script read');
  for (const s of breakpointsWhileRunning(script.steps)) say(`gotui: ${args.script}:${s.line}: '${s.text}' runs while the target runs, at once: gotui's continue does not wait for the stop as the dlv CLI's does. To run it at the stop, put expect stop before it.`);
  const deadline = started.getTime() + args.timeoutMs;
  const timeoutText = `The run took longer than --timeout ${args.timeoutMs / 1000}s`;
  // Whatever hangs, gotui is gone soon after the deadline, and what it started with it.
  let conn: Connection | undefined;
  const watchdog = setTimeout(() => {
    say(`gotui: ${timeoutText}, and ending the session hung too.`);
    void (conn ? closeConnection(conn, conn.owned) : Promise.resolve()).finally(() => process.exit(2));
  }, args.timeoutMs + 15_000);
  watchdog.unref();

  let controller: AppController;
  let farewell: string | undefined;
  try {
    const opening = openTarget(args.target, (line) => say(`gotui: ${line}`), undefined, args.options);
    conn = await beforeDeadline(opening, deadline, `${timeoutText} while starting the target.`, (late) => void closeConnection(late, late.owned));
    // Interrupted while the target started (a build, Delve loading it): not attached to, ended.
    if (interrupted) throw new UserError(`${interruptedText()} while starting the target.`, 'Nothing of the script ran.');
    const c = conn;
    // A target gotui starts waits at its entry for the script, which sets breakpoints and continues.
    // A script neither sets nor changes the breakpoints saved for the program: what it proves must
    // not depend on what a developer saved, nor leave its own there.
    controller = new AppController(c, { ...args.options, stop: args.options.stop || c.owned, noRestore: true }, (_code, message) => (farewell = message), true);
    const client = await dial(c);
    await beforeDeadline(controller.start(client), deadline, `${timeoutText} while attaching.`);
  } catch (err) {
    say(`gotui: ${describeError(err)}`);
    writeErrorReports(args, started, err, conn);
    if (conn) await closeConnection(conn, conn.owned);
    process.exit(interruption()?.code ?? 2);
  }

  mark('batch: attached');
  const target = conn!;
  const { session } = controller;
  const foundRunning = session.state.status === 'running';
  const runner = new ScriptRunner(
    {
      session,
      model: (f) => controller.models.model(f),
      execute: (line) => executeCommandLine(controller.ctx, line),
      disabledNow: (line) => disabledNow(controller.ctx, line),
      progress: say,
      result: (lines) => process.stdout.write(`${lines.join('\n')}\n`),
    },
    { deadline, deadlineText: timeoutText },
  );
  // The program's output as the dlv CLI shows it, among the progress lines (trial X: none was shown).
  if (!args.hideOutput) {
    session.events.on('output', (e) => {
      for (const line of e.text.replace(/\r?\n$/, '').split('\n')) say(`[program] ${line}`);
    });
  }
  // Where each stop landed, as the console says it and the dlv CLI prints it after a run: a CI log
  // follows the run's path without an expect stop or a bt after every step (trial BY).
  session.events.on('stop', (e) => say(`· ${stopLine(e.stop, e.selection, session.state.breakpoints)}`));
  // And its end, as the dlv CLI prints `Process N has exited with status 0` (trial CA); a drop stops the run (below).
  session.events.on('ended', (e) => e.why !== 'disconnected' && say(`· ${e.exitCode !== undefined ? `The target exited with code ${e.exitCode}.` : e.message}`));
  let timer: NodeJS.Timeout | undefined;
  let cut: RunStopped | undefined;
  const timedOut = new Promise<RunStopped>((resolve) => {
    const stop = (why: string) => {
      if (cut) return;
      // The report names the step it cut, as a command's error names its line (trial AN: only the message).
      cut = new RunStopped(why, runner.currentLine);
      runner.abort(cut);
      resolve(cut);
    };
    timer = setTimeout(() => stop(`${timeoutText}.`), Math.max(0, deadline - Date.now()));
    onReaderGone = () => stop('The output was closed (its reader ended).');
    if (readerGone) onReaderGone();
    onInterrupt = () => stop(`${interruptedText()}.`);
    if (interrupted) onInterrupt();
    // Delve gone mid-run (killed, crashed, its link dropped): the run stops there, one sentence and
    // exit 2 whatever step it was in (trial BY: exit 1 or 2 by timing, and a reconnect's words).
    session.events.on('ended', (e) => e.why === 'disconnected' && stop(`${e.message.replace(/\.$/, '')}: the run cannot go on without Delve.`));
  });
  const running = runner.run(script);
  let stopped = await Promise.race([running, timedOut]);
  clearTimeout(timer);
  // Cut short by the deadline: the step it cut says so (its line) before the summary, within a second.
  if (stopped && stopped === cut) await Promise.race([running.catch(() => undefined), new Promise((r) => setTimeout(r, 1_000).unref())]);
  mark('batch: script done');
  for (const h of runner.handlersForNoBreakpoint()) {
    say(`gotui: ${args.script}:${h.line}: on break ${h.id} never ran: the run had no breakpoint #${h.id} (${h.numbers.length ? `it had ${h.numbers.map((n) => `#${n}`).join(', ')}` : 'it set none'}).`);
  }

  // A test target is judged as go test judges it, unless the script expects an exit code of its own.
  const judged = target.tests && !expectationsOf(script.steps).some((s) => s.expect.kind === 'exit' && s.expect.code !== undefined);
  // A script that ends while the tests run (its last line a continue) waits for them to end, as go
  // test does, within --timeout (trial CA: the binary was ended mid-run and the run passed).
  if (judged && !stopped && session.state.status === 'running') {
    say('gotui: The script has ended while the tests run: waiting for them to end (--timeout bounds it).');
    await until(deadline - Date.now(), (done) => [session.events.on('stop', done), session.events.on('ended', done)]);
    if (session.state.status === 'running') stopped = new RunStopped(`${timeoutText} while the tests ran.`);
  }
  const testsCode = judged ? await exitCodeOnceSaid(session) : undefined;
  if (testsCode) {
    const failed = testsFailed(testsCode, runner.output);
    runner.records.push(failed);
    say(`gotui: The tests failed: the test binary exited with code ${testsCode}${failed.output.length ? ` (${failed.output.join('; ')})` : ''}. Add expect exit ${testsCode} to the script if that is what it proves.`);
  }
  // Interrupted, the exit code is the one a shell gives a process the signal ended (130 for Ctrl-C).
  const verdict = exitCodeOf(runner.records, !!stopped);
  const signal = interruption();
  let code: number = stopped && signal ? signal.code : verdict;
  const report: RunReport = {
    script: args.script,
    target: { label: target.label, address: formatHostPort(target.address), owned: target.owned, delve: session.state.delveVersion },
    started,
    durationMs: Date.now() - started.getTime(),
    result: resultOf(verdict),
    exitCode: code,
    ...(stopped ? { error: { message: stopped.message, ...(stopped.line !== undefined ? { line: stopped.line } : {}) } } : {}),
    steps: runner.records,
    notRun: runner.notRun(script),
    output: runner.output.slice(-500),
  };
  if (!writeReports(args, report) && !signal) code = 2;
  const c = counts(report);
  say(`gotui: ${args.script}: ${heldText(c.passed, c.expectations)}${c.failed - c.errors ? `, ${c.failed - c.errors} failed` : ''}${c.errors ? `, ${c.errors} could not be checked` : ''}${c.skipped ? `, ${c.skipped} not run` : ''}${stopped ? `; ${stopped.line !== undefined ? `the script stopped at its line ${stopped.line}: ` : ''}${stopped.message.replace(/\.$/, '')}` : ''}. Exit ${code}.`);

  // Owned: ended. Attached: gotui's breakpoints removed, and running again if it was found running.
  await controller.end(target.owned ? 'kill' : foundRunning ? 'resume' : 'leave', code).catch((err) => say(`gotui: ${describeError(err)}`));
  mark('batch: ended');
  if (farewell) say(`gotui: ${farewell}`);
  process.exit(code);
}

/** Until `listen`'s listeners call `done`, or `ms` have passed. */
function until(ms: number, listen: (done: () => void) => (() => void)[]): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      offs.forEach((off) => off());
      resolve();
    };
    const timer = setTimeout(done, Math.max(0, ms));
    const offs = listen(done);
  });
}

/** The exit code of a target that has exited, once Delve says it (a moment after the exit is seen); undefined for one that has not. */
async function exitCodeOnceSaid(session: Session): Promise<number | undefined> {
  if (session.state.status === 'exited' && session.targetExitCode === undefined) await until(EXIT_CODE_MS, (done) => [session.events.on('ended', (e) => e.exitCode !== undefined && done())]);
  return session.targetExitCode;
}

/** `attached`: the target is one gotui attaches to, whose output it never sees. */
function loadScript(file: string, attached: boolean): Script {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (err) {
    throw new UserError(`Cannot read the script ${file}: ${fsProblem(err)}.`, 'Give the path of a script file.');
  }
  const script = parseScript(text, file, { env: process.env, isCommand: isCommandLine, near: nearCommands });
  const ender = findStep(script.steps, (s) => s.kind === 'command' && SESSION_ENDERS.has(splitCommandLine(s.text).name));
  if (ender) throw new ScriptError(file, ender.line, `'${ender.text}' would end the session in the middle of the run.`, 'gotui run ends it when the script ends: a target it started is ended, an attached one is left as found.');
  // Found before the run touches the target, not when the run reaches it.
  const output = attached ? findStep(script.steps, (s) => s.kind === 'expect' && s.expect.kind === 'output') : undefined;
  if (output) {
    const why = outputNotReadable();
    throw new ScriptError(file, output.line, why.message, why.hint);
  }
  return script;
}

function findStep(steps: readonly Step[], pred: (s: Step) => boolean): Step | undefined {
  for (const s of steps) {
    if (pred(s)) return s;
    if (s.kind === 'repeat' || s.kind === 'on-break') {
      const inner = findStep(s.body, pred);
      if (inner) return inner;
    }
  }
  return undefined;
}

/** False when a report could not be written (said on stderr): the run then exits 2, as with a wrong path given. */
function writeReports(args: RunArgs, report: RunReport): boolean {
  const write = (file: string | undefined, text: string) => {
    if (!file) return true;
    try {
      fs.writeFileSync(file, text);
      return true;
    } catch (err) {
      say(`gotui: ${describeError(cannotWrite(file, err))}`);
      return false;
    }
  };
  return [write(args.json, jsonReport(report)), write(args.junit, junitReport(report))].every(Boolean);
}

/** Ended before the script ran (the script or the target was wrong): the reports say so, and no earlier run's stays behind. */
function writeErrorReports(args: RunArgs, started: Date, err: unknown, conn?: Connection): void {
  writeReports(args, {
    script: args.script,
    target: { label: conn?.label ?? (args.target.kind === 'attach' ? 'attach' : targetLabel(args.target)), address: conn ? formatHostPort(conn.address) : '', owned: conn?.owned ?? false, delve: conn?.version ?? '' },
    started,
    durationMs: Date.now() - started.getTime(),
    result: 'error',
    exitCode: interruption()?.code ?? 2,
    // A script's mistake names its line, as an error in the run does.
    error: { message: describeError(err), ...(err instanceof ScriptError ? { line: err.line } : {}) },
    steps: [],
    notRun: [],
    output: [],
  });
}

/** Opens a report file for writing and leaves it as it was (a new one removed), or says why it cannot be. */
function reportWritable(file: string): void {
  try {
    const existed = fs.existsSync(file);
    fs.closeSync(fs.openSync(file, 'a'));
    if (!existed) fs.rmSync(file);
  } catch (err) {
    throw cannotWrite(file, err);
  }
}

function cannotWrite(file: string, err: unknown): UserError {
  return new UserError(`Cannot write the report ${file}: ${fsProblem(err)}.`, 'Give --json and --junit a path in a folder you can write (mkdir -p it first).');
}

/** `work`, or a UserError at the deadline; what `work` gives after that is handed to `late` to undo. */
async function beforeDeadline<T>(work: Promise<T>, deadline: number, message: string, late?: (value: T) => void): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let expired = false;
  const expiry = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      expired = true;
      reject(new UserError(message, 'Give it more time with --timeout DUR.'));
    }, Math.max(0, deadline - Date.now()));
  });
  try {
    return await Promise.race([work, expiry]);
  } finally {
    clearTimeout(timer);
    if (expired && late) void work.then(late, () => undefined);
  }
}
