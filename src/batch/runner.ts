/**
 * Runs a parsed script against a session: commands go through the command registry (the host's
 * `execute`), expectations look at what the session announced and at the feature models. Run
 * control does not wait: `continue` returns once Delve has it, and the next step that needs a
 * stopped target waits for the stop (bounded), as do `expect stop/exit/output ... within`.
 * `on break` blocks run whenever a stop hits their breakpoint, before the script goes on.
 */
import { mapTails } from '../variables/summary.js';
import { describeError, UserError } from '../errors.js';
import { scriptWords } from './script-words.js';
import { sanitize } from '../core/sanitize.js';
import { describeStopReason } from '../session/breakpoints.js';
import { compilePattern } from '../core/pattern.js';
import { bpfFeature } from '../bpf/feature.js';
import { parseProbeCommand } from '../bpf/script.js';
import { goroutinesFeature } from '../goroutines/feature.js';
import { memoryFeature } from '../memory/feature.js';
import { UNIT_BYTES } from '../memory/examine-grammar.js';
import { formatCell, readLE, type UnitFormat } from '../memory/format.js';
import type { Feature } from '../features/types.js';
import type { Session } from '../session/session.js';
import type { SessionEvents } from '../session/state.js';
import { compareCount, countSettled, delveValue, frameAt, judgePrint, parseGoLiteral, probeCount, seenValue, stopReasonIs, unitMatches } from './compare.js';
import { expectationsOf, type Expectation, type Script, type Step } from './script.js';
import type { StepRecord } from './report.js';

export interface RunnerHost {
  readonly session: Session;
  model<M extends object>(feature: Feature<M>): M;
  /** Runs one command line through the registry; throws what fails. */
  execute(line: string): Promise<void>;
  /** Why the registry would refuse the line now (e.g. "the target is running"), if it would. */
  disabledNow(line: string): string | undefined;
  /** A line of progress (stderr in batch mode, the console in the UI). */
  progress(text: string): void;
  /** A step's output (stdout in batch mode). */
  result?(lines: readonly string[]): void;
}

export interface RunnerOptions {
  /** Epoch ms by which the whole run must be over (--timeout). */
  deadline: number;
  /** What is said when the deadline passes (the same words whichever notices first). */
  deadlineText?: string;
  /** How long `expect stop/exit/output/bpf` wait without `within`. */
  defaultWithinMs?: number;
}

/** The run cannot go on: a command failed, Delve failed, or time ran out. */
export class RunStopped extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
  }
}

interface Verdict {
  ok: boolean;
  expected: string;
  seen: string;
}

/** An attached target writes to its own terminal (or its Delve's): no output reaches gotui to match. */
export function outputNotReadable(): UserError {
  return new UserError("expect output cannot be checked here: an attached target's output goes to its own terminal, not to gotui.", 'expect output reads programs gotui starts (exec, debug, demo, test); here, check what the output reflects (expect print EXPR ...).');
}

const OUTPUT_KEPT = 2_000;
const DEFAULT_WITHIN_MS = 10_000;
/** How long `expect output` on a halted target waits for what its pipe still holds. */
const HALTED_OUTPUT_MS = 300;
/** How long Delve may take to say the exit code after the process is seen gone. */
export const EXIT_CODE_MS = 3_000;

export class ScriptRunner {
  readonly records: StepRecord[] = [];
  /** The debuggee's output, all of it (bounded), for `expect output` and the report. */
  readonly output: string[] = [];
  private outputBase = 0;
  private outputCursor = 0;
  private readonly handlers = new Map<number, Step[]>();
  /** Where each `on break` block was read, by breakpoint number. */
  private readonly handlerLines = new Map<number, number>();
  /** Every breakpoint number the session has had during the run. */
  private readonly numbers = new Set<number>();
  private handledStop: number;
  private inHandler = false;
  private ended: SessionEvents['ended'] | undefined;
  /** When the target ended: after HALTED_OUTPUT_MS more, nothing it did can still arrive. */
  private endedAt = 0;
  private current: StepRecord | undefined;
  private wakers: (() => void)[] = [];
  private stopped: RunStopped | undefined;
  /** The line of an `expect stop` that ended with the target running, and the stop count then. */
  private missedStop: { line: number; count: number } | undefined;
  private readonly ran = new Set<Step>();
  private readonly disposers: (() => void)[] = [];
  private file = '';

  constructor(
    private readonly host: RunnerHost,
    private readonly opts: RunnerOptions,
  ) {
    const { session } = host;
    this.handledStop = session.stopCount;
    const wake = () => this.wake();
    this.disposers.push(
      session.events.on('stop', wake),
      session.events.on('resumed', wake),
      session.events.on('ended', (e) => {
        this.ended = e;
        this.endedAt = Date.now();
        wake();
      }),
      session.events.on('output', (e) => {
        for (const line of e.text.split('\n')) this.output.push(sanitize(line));
        if (this.output.length > OUTPUT_KEPT) {
          const drop = this.output.length - OUTPUT_KEPT;
          this.output.splice(0, drop);
          this.outputBase += drop;
        }
        wake();
      }),
      session.events.on('breakpoints', (e) => {
        for (const b of e.breakpoints) this.numbers.add(b.id);
      }),
      session.events.on('message', (e) => {
        if (e.kind !== 'command') this.current?.output.push(...e.text.split('\n').map(sanitize));
      }),
    );
  }

  dispose(): void {
    for (const d of this.disposers.splice(0)) d();
  }

  /** Runs the script; returns what stopped it early (the records say the rest). */
  async run(script: Script): Promise<RunStopped | undefined> {
    this.file = script.file;
    try {
      await this.steps(script.steps);
      return undefined;
    } catch (err) {
      const stop = err instanceof RunStopped ? err : new RunStopped(describeError(err));
      return stop;
    } finally {
      this.dispose();
    }
  }

  /** The line of the step under way (the one --timeout cuts), if any. */
  get currentLine(): number | undefined {
    return this.current?.line;
  }

  /** Ends the run from outside (--timeout): every wait gives up, no further step runs. */
  abort(reason: RunStopped): void {
    this.stopped ??= reason;
    this.wake();
  }

  /** Expectations of the script that never ran. */
  notRun(script: Script): { line: number; text: string }[] {
    return expectationsOf(script.steps)
      .filter((s) => !this.ran.has(s))
      .map((s) => ({ line: s.line, text: s.text }));
  }

  /**
   * `on break N` blocks for a breakpoint number the run never had (a typo, or a count off by one):
   * they could not run, and a script that passes should not hide that.
   */
  handlersForNoBreakpoint(): { line: number; id: number; numbers: number[] }[] {
    for (const b of this.host.session.state.breakpoints) this.numbers.add(b.id);
    const numbers = [...this.numbers].sort((a, b) => a - b);
    return [...this.handlerLines].filter(([id]) => !this.numbers.has(id)).map(([id, line]) => ({ line, id, numbers }));
  }

  private wake(): void {
    for (const w of this.wakers.splice(0)) w();
  }

  private check(): void {
    if (this.stopped) throw this.stopped;
  }

  private async steps(steps: readonly Step[], context?: string): Promise<void> {
    for (const step of steps) {
      this.check();
      await this.dispatchStops();
      await this.step(step, context);
    }
  }

  private async step(step: Step, context?: string): Promise<void> {
    this.ran.add(step);
    switch (step.kind) {
      case 'repeat':
        for (let k = 1; k <= step.count; k++) await this.steps(step.body, context ? `${context}, repeat ${k}/${step.count}` : `repeat ${k}/${step.count}`);
        return;
      case 'on-break':
        this.handlers.set(step.breakpoint, step.body);
        this.handlerLines.set(step.breakpoint, step.line);
        return;
      case 'sleep':
        await this.record(step, 'sleep', context, async () => {
          await this.waitUntil(() => undefined, Date.now() + step.ms);
          return undefined;
        });
        return;
      case 'command':
        await this.record(step, 'command', context, async () => {
          await this.untilAllowed(step.run ?? step.text, step.line);
          await this.host.execute(step.run ?? step.text);
          return undefined;
        });
        return;
      case 'expect':
        await this.record(step, 'expect', context, () => this.expect(step.expect, step.line));
        return;
    }
  }

  /** Runs one step and records it; a failed expectation is recorded, an error stops the run. */
  private async record(step: Step, kind: StepRecord['kind'], context: string | undefined, body: () => Promise<Verdict | undefined>): Promise<void> {
    const rec: StepRecord = { line: step.line, text: step.text, kind, status: 'ok', durationMs: 0, output: [], ...(context ? { context } : {}) };
    this.records.push(rec);
    const outer = this.current;
    this.current = rec;
    const started = performance.now();
    let failure: unknown;
    try {
      const verdict = await body();
      if (verdict) {
        rec.status = verdict.ok ? 'passed' : 'failed';
        rec.expected = verdict.expected;
        rec.seen = verdict.seen;
        if (!verdict.ok) {
          const snapshot = await this.snapshot();
          // A stop with no stack (the entry) says no more than what was seen: not said twice.
          if (snapshot) rec.snapshot = snapshot;
        }
      }
    } catch (err) {
      failure = err;
      rec.status = 'error';
      rec.error = err instanceof RunStopped ? err.message : sanitize(scriptWords(describeError(err)));
    } finally {
      rec.durationMs = Math.round(performance.now() - started);
      this.current = outer;
    }
    this.say(rec);
    // A stop that names no line (the run's own deadline, met in a wait before --timeout's timer fired) is this step's.
    if (failure !== undefined) throw failure instanceof RunStopped && failure.line !== undefined ? failure : new RunStopped(rec.error!, step.line);
  }

  private say(rec: StepRecord): void {
    const ctx = rec.context ? ` [${rec.context}]` : '';
    const word = rec.status === 'ok' ? '' : ` ${rec.status.toUpperCase()}`;
    this.host.progress(`${this.file}:${rec.line}: ${rec.text}${ctx}  (${rec.durationMs} ms)${word}`);
    if (rec.status === 'failed') this.host.progress(`      expected ${rec.expected}\n      seen     ${rec.seen}${rec.snapshot ? `\n${indent(rec.snapshot)}` : ''}`);
    if (rec.status === 'error') this.host.progress(`      ${rec.error}`);
    if (rec.output.length) this.host.result?.(rec.output);
  }

  // ---- waiting -------------------------------------------------------------------------

  /**
   * Resolves with what `check` returns once it is defined (re-checked at every session event and
   * at least each second), or undefined at `until`. On-break handlers run meanwhile; the run's
   * deadline and abort end the wait with RunStopped.
   */
  private async waitUntil<T>(check: () => T | undefined, until: number, what?: string, line?: number): Promise<T | undefined> {
    for (;;) {
      this.check();
      await this.dispatchStops();
      const v = check();
      if (v !== undefined) return v;
      const now = Date.now();
      if (now >= this.opts.deadline && until > this.opts.deadline) {
        throw new RunStopped(`${this.opts.deadlineText ?? "The run's --timeout ran out"}${what ? ` while waiting ${what}` : ''}.`, line);
      }
      const end = Math.min(until, this.opts.deadline);
      if (now >= end) return undefined;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(done, Math.min(end - now, 1_000));
        function done() {
          clearTimeout(timer);
          resolve();
        }
        this.wakers.push(done);
      });
    }
  }

  private within(ms: number | undefined): number {
    return Date.now() + (ms ?? this.opts.defaultWithinMs ?? DEFAULT_WITHIN_MS);
  }

  /** A command the registry refuses while the target runs waits for the next stop (or the end). */
  private async untilAllowed(line: string, n: number): Promise<void> {
    if (this.host.session.state.status !== 'running' || !this.host.disabledNow(line)) return;
    this.noStopComing(`'${line}'`, n);
    await this.waitUntil(() => (this.host.session.state.status !== 'running' ? true : undefined), Infinity, `for the target to stop before '${line}' (it runs; add pause before it?)`, n);
  }

  /** Expectations that read a stopped target wait for a stop the same way. */
  private async stoppedFor(what: string, n: number, verb = what): Promise<void> {
    if (this.host.session.state.status === 'running') this.noStopComing(what, n);
    await this.waitUntil(() => (this.host.session.state.status !== 'running' ? true : undefined), Infinity, `for the target to stop before ${what} (it runs; add pause before it?)`, n);
    // `Cannot count goroutines: the target has exited.` (trial AN: "Cannot counting goroutines").
    this.host.session.requireStopped(verb);
  }

  /** The target ended a moment ago or more (trial AN: an expect waited out its whole `within` after the exit). */
  private gone(): boolean {
    return this.host.session.state.status === 'exited' && !!this.endedAt && Date.now() - this.endedAt >= HALTED_OUTPUT_MS;
  }

  /** After an `expect stop` that timed out with the target still running (and no stop since), `what` fails at once. */
  private noStopComing(what: string, n: number): void {
    const m = this.missedStop;
    if (!m || this.host.session.stopCount !== m.count) return;
    throw new RunStopped(`${what} needs the target stopped, and the stop line ${m.line} expected did not come: it still runs (add pause before it, or a breakpoint it reaches).`, n);
  }

  /** Runs the `on break` block of every new stop that hit a breakpoint with one. */
  private async dispatchStops(): Promise<void> {
    if (this.inHandler) return;
    const { session } = this.host;
    while (session.state.status === 'stopped' && session.stopCount > this.handledStop) {
      const stop = session.state.stop!;
      this.handledStop = stop.number;
      for (const id of stop.breakpoints) {
        const body = this.handlers.get(id);
        if (!body) continue;
        this.inHandler = true;
        try {
          await this.steps(body, `on break ${id}, stop ${stop.number}`);
        } finally {
          this.inHandler = false;
        }
      }
    }
  }

  // ---- expectations ----------------------------------------------------------------------

  private async expect(e: Expectation, n: number): Promise<Verdict> {
    const { session } = this.host;
    switch (e.kind) {
      case 'stop': {
        const expected = ['stopped', e.at && `at ${e.at}`, e.reason && `(${e.reason})`].filter(Boolean).join(' ');
        await this.waitUntil(() => (session.state.status !== 'running' ? true : undefined), this.within(e.withinMs));
        const st = session.state;
        const frames = [st.selection?.top, st.selection?.frame].filter((f) => f !== undefined);
        // A function by its package's path: Delve's frames name the path's last element only, so
        // Delve finds the function, whose file the frame must be in (trial CA: any path passed).
        const pathed = e.at && e.at.includes('/') && !/:\d+$/.test(e.at) && st.status === 'stopped' ? await session.locate?.(e.at).catch(() => undefined) : undefined;
        const inPath = (f: { file?: string }) => !e.at?.includes('/') || /:\d+$/.test(e.at) || (!!pathed && f.file === pathed.file);
        const ok = st.status === 'stopped' && (!e.at || frames.some((f) => frameAt(f, e.at!) && inPath(f))) && (!e.reason || stopReasonIs(st.stop!, e.reason));
        // Known now: a command that needs the stop would only wait out the run's timeout (trial Q).
        this.missedStop = st.status === 'running' ? { line: n, count: session.stopCount } : undefined;
        return { ok, expected, seen: this.describeState() };
      }
      case 'running':
        return { ok: session.state.status === 'running', expected: 'running', seen: this.describeState() };
      case 'exit': {
        const expected = `the target exited${e.code !== undefined ? ` with code ${e.code}` : ''}`;
        const until = this.within(e.withinMs);
        await this.waitUntil(() => (session.state.status !== 'running' ? true : undefined), until);
        // gotui can see the process gone before Delve says how it exited: wait (briefly) for the code.
        if (e.code !== undefined && session.state.status === 'exited') await this.waitUntil(() => (this.ended?.exitCode !== undefined ? true : undefined), Math.min(until, Date.now() + EXIT_CODE_MS));
        const ok = session.state.status === 'exited' && (e.code === undefined || this.ended?.exitCode === e.code);
        return { ok, expected, seen: this.describeState() };
      }
      case 'output': {
        // An attached target writes to its own terminal (or its Delve's): no output reaches gotui to match.
        if (!session.state.owned) throw outputNotReadable();
        const pattern = compilePattern(e.pattern, { caseSensitive: true });
        // A halted target writes nothing: only what its pipe still holds can come, so no long wait.
        const halted = session.state.status === 'stopped';
        const found = await this.waitUntil(() => {
          for (let k = Math.max(this.outputCursor, this.outputBase); k < this.outputBase + this.output.length; k++) {
            if (pattern.test(this.output[k - this.outputBase]!)) return k;
          }
          return this.gone() ? -1 : undefined;
        }, halted ? Math.min(this.within(e.withinMs), Date.now() + HALTED_OUTPUT_MS) : this.within(e.withinMs)).then((k) => (k === -1 ? undefined : k));
        if (found !== undefined) this.outputCursor = found + 1;
        const recent = this.output.slice(-3);
        const still = found === undefined && halted && session.state.status === 'stopped' ? '; the target is halted: it writes nothing until it runs (continue first)' : '';
        return {
          ok: found !== undefined,
          expected: `output matching /${e.pattern}/`,
          seen: found !== undefined ? this.output[found - this.outputBase]! : `${recent.length ? `no match; the last lines: ${recent.join(' | ')}` : 'no output'}${still}`,
        };
      }
      case 'print': {
        await this.stoppedFor('print', n);
        const r = await session.evaluate(e.expr, 'clipboard');
        const expected = `${e.expr} ${e.op} ${e.op === '~' ? `/${e.value}/` : e.value}`;
        if (e.elements) return { ok: await this.sameElements(e.expr, e.elements, e.op === '=='), expected, seen: sanitize(seenValue(r.result, r.type)) };
        // A VALUE that is no literal, an expression of the program (`a == b`), is compared by Delve, as the
        // dlv CLI's print a == b is (trial BY: "Go would not compile it"); a value Delve prints as text
        // (a struct) against a VALUE Delve cannot evaluate is that text.
        if (e.op !== '~' && parseGoLiteral(e.value).kind === 'text') {
          const asText = delveValue(r.result, r.type ?? '').kind === 'text';
          const right = await session.evaluate(e.value, 'clipboard').catch((err: unknown) => {
            if (asText) return undefined;
            throw err;
          });
          if (right) {
            const both = await session.evaluate(`(${e.expr}) ${e.op} (${e.value})`, 'clipboard');
            return { ok: both.result === 'true', expected, seen: sanitize(`${e.expr} = ${seenValue(r.result, r.type)}, ${e.value} = ${seenValue(right.result, right.type)}`) };
          }
        }
        const v = judgePrint(r.result, r.type ?? '', e.op, e.value);
        return { ok: v.ok, expected, seen: sanitize(v.seen) };
      }
      case 'goroutines':
        return this.expectGoroutines(e, n);
      case 'bpf':
        return this.expectBpf(e);
      case 'memory':
        return this.expectMemory(e, n);
      case 'decode': {
        await this.stoppedFor('decode', n);
        const mem = this.host.model(memoryFeature);
        await mem.examine(`x/${e.as === 'slice' ? 3 : 2}xg ${e.expr}`);
        const report = await mem.decode(e.as);
        // Each problem is a sentence: joined as clauses, without its full stop before the next.
        const text = [...report.lines, ...report.problems].map((l) => sanitize(l).replace(/\.$/, '')).join('; ');
        return { ok: report.problems.length === 0, expected: `a sane ${e.as} header at ${e.expr}`, seen: text };
      }
    }
  }

  /** `EXPR == []T{...}`: as long as the literal, and each element equal to its literal (`equal`: else, not so). */
  private async sameElements(expr: string, elements: readonly string[], equal: boolean): Promise<boolean> {
    const { session } = this.host;
    let same = Number((await session.evaluate(`len(${expr})`, 'clipboard')).result) === elements.length;
    for (let k = 0; same && k < elements.length; k++) {
      const el = await session.evaluate(`(${expr})[${k}]`, 'clipboard');
      same = judgePrint(el.result, el.type ?? '', '==', elements[k]!).ok;
    }
    return equal ? same : !same;
  }

  private async expectGoroutines(e: Extract<Expectation, { kind: 'goroutines' }>, n: number): Promise<Verdict> {
    await this.stoppedFor('counting goroutines', n, 'count goroutines');
    const g = this.host.model(goroutinesFeature);
    await g.openSource();
    await g.command(e.args);
    const state = g.store.get();
    if (state.status === 'error' || state.status === 'running' || !state.snapshot) throw new UserError(`Cannot count goroutines: ${(state.message ?? 'no snapshot').replace(/\.$/, '')}.`);
    const snap = state.snapshot;
    const what = `goroutines${e.args ? ` ${e.args}` : ''}`;
    if (e.group) {
      const groups = snap.groups.filter((gr) => gr.name.includes(e.group!));
      const total = groups.reduce((k, gr) => k + gr.total, 0);
      return { ok: compareCount(total, e.op, e.count), expected: `${what} in groups matching '${e.group}': count ${e.op} ${e.count}`, seen: `${total} in ${groups.length} group(s)` };
    }
    if (/-group\b/.test(e.args)) {
      const bad = snap.groups.filter((gr) => !compareCount(gr.total, e.op, e.count));
      const worst = [...snap.groups].sort((a, b) => b.total - a.total)[0];
      return {
        ok: bad.length === 0,
        expected: `every group of ${what}: count ${e.op} ${e.count}`,
        seen: bad.length ? `${bad.length} group(s) not so, e.g. ${sanitize(bad[0]!.name)}: ${bad[0]!.total}` : `${snap.groups.length} groups, the largest ${worst ? `${sanitize(worst.name)}: ${worst.total}` : 'none'}`,
      };
    }
    return { ok: compareCount(snap.total, e.op, e.count), expected: `${what}: count ${e.op} ${e.count}`, seen: `${snap.total} goroutines` };
  }

  private async expectBpf(e: Extract<Expectation, { kind: 'bpf' }>): Promise<Verdict> {
    const bpf = this.host.model(bpfFeature);
    const template = parseProbeCommand(e.probe).template;
    // A probe the script started already (`bpf panics` before `continue`) counts from its start.
    const title = e.probe.trim().split(/\s+/).join(' ');
    const mine = bpf.streams().filter((s) => s.title === title);
    // After the program ended, the probe it had ended with it: what it counted stands.
    const stream = mine.find((s) => s.status === 'running' || s.status === 'starting') ?? (this.host.session.state.status === 'exited' ? mine.at(-1) : undefined) ?? (await bpf.start(e.probe));
    const unsubscribe = stream.subscribe(() => this.wake());
    try {
      // An ended program fires no more probes: decided once the last events are in (trial AN: 10 s waited).
      await this.waitUntil(() => (countSettled(probeCount(template, stream), e.op, e.count) || this.gone() ? true : undefined), this.within(e.withinMs));
    } finally {
      unsubscribe();
      // Stopping prints the final tables: counts from maps are complete only then.
      await bpf.stop(stream.id);
    }
    if (stream.status === 'failed' && stream.error) throw stream.error;
    const count = probeCount(template, stream);
    const last = stream.visibleEvents(1).events[0];
    return { ok: compareCount(count, e.op, e.count), expected: `bpf ${e.probe}: count ${e.op} ${e.count}`, seen: `${count}${last ? `, the last: ${sanitize(last.text)}` : ''}` };
  }

  private async expectMemory(e: Extract<Expectation, { kind: 'memory' }>, n: number): Promise<Verdict> {
    await this.stoppedFor('reading memory', n, 'read memory');
    const mem = this.host.model(memoryFeature);
    await mem.examine(e.examine);
    const v = mem.get().view;
    const size = UNIT_BYTES[v.unit];
    const got = mem.get().cache.get(v.address, v.count * size);
    const cells: string[] = [];
    let same = e.words.length === v.count;
    for (let k = 0; k < v.count; k++) {
      const readable = got.readable.subarray(k * size, (k + 1) * size).every((b) => b === 1);
      const text = formatCell(v.format as UnitFormat, size, got.bytes, k * size, got.readable);
      cells.push(text);
      const word = e.words[k];
      if (!readable || word === undefined || !unitMatches(v.format, size, readLE(got.bytes, k * size, size), text, word)) same = false;
    }
    return { ok: e.op === '==' ? same : !same, expected: `${e.examine} ${e.op} ${e.words.join(' ')}`, seen: cells.join(' ') };
  }

  // ---- what a report shows -------------------------------------------------------------

  private describeState(): string {
    const st = this.host.session.state;
    if (st.status === 'stopped') {
      const f = st.selection?.frame ?? st.selection?.top;
      // Halted at the entry, before Go's runtime has a goroutine: there is no frame to name.
      const where = f ? ` at ${f.name} (${f.file ?? '?'}:${f.line})` : st.stop?.reason === 'entry' || st.stop?.found ? " at the program's entry (no goroutine yet)" : '';
      // As the status bar says it (`breakpoint #1`, not DAP's `function breakpoint` for a FILE:LINE set by its spec).
      const why = st.stop ? `, reason ${describeStopReason(st.stop, st.breakpoints)}` : '';
      return sanitize(`stopped${where}${why}`);
    }
    if (st.status === 'exited') return this.ended?.exitCode !== undefined ? `exited with code ${this.ended.exitCode}` : sanitize(this.ended?.message ?? 'exited');
    return st.status;
  }

  /** The selected goroutine's stack and the viewed frame's arguments and locals, or why there are none. */
  private async snapshot(): Promise<string | undefined> {
    const { session } = this.host;
    const st = session.state;
    if (st.status === 'stopped' && !st.selection?.top) return undefined;
    if (st.status !== 'stopped' || !st.selection) return `target ${this.describeState()}`;
    const lines = [`goroutine ${st.selection.goroutine}, ${this.describeState()}`];
    try {
      const page = await session.frames(st.selection.goroutine, 0, 20);
      for (const f of page.frames) lines.push(`  #${f.index} ${f.name} ${f.file ?? '?'}:${f.line}`);
      if (!page.complete) lines.push('  ...');
      const frame = st.selection.frame;
      if (frame) {
        const scopes = await session.scopes(frame);
        // Unnamed results (~r0) hold whatever the stack held until the function returns: noise here.
        const vars = scopes.flatMap((s) => s.variables).filter((v) => !/^~r\d+$/.test(v.name));
        // Delve's Locals scope holds the arguments too, first: said so, as the dlv CLI keeps `args` and `locals` apart.
        lines.push(`arguments and locals of #${frame.index} ${frame.name}:`);
        // Delve's one-line maps end `, ]`: mended as the variables pane mends them.
        for (const v of vars) lines.push(`  ${v.name} = ${clip(mapTails(v.value))}${v.type ? ` (${v.type})` : ''}`);
      }
    } catch (err) {
      lines.push(`  (${describeError(err)})`);
    }
    return lines.map(sanitize).join('\n');
  }
}

const clip = (s: string) => (s.length > 200 ? `${s.slice(0, 200)}…` : s);
const indent = (s: string) =>
  s
    .split('\n')
    .map((l) => `      ${l}`)
    .join('\n');
