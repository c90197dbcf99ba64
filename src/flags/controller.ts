/**
 * Drives the flags pane for one session: reads the watched FlagSets and os.Args at each stop (once
 * the pane or a :flags command asked for them), applies edits, keeps the edits that wait for a stop
 * where the target can run a call, and applies those at each later stop. The UI reads `store`.
 */
import { describeError, UserError } from '../errors.js';
import type { Session } from '../session/session.js';
import { atEntry, theTarget, type Breakpoint, type StopInfo } from '../session/state.js';
import { breakpointName } from '../session/breakpoints.js';
import type { ArgsSnapshot, FlagInfo, FlagSetSnapshot, PendingEdit } from './model.js';
import { EditQueue } from './queue.js';
import { readArgs, readFlagSet } from './reader.js';
import { droppedWatchpoints, restartTarget, unplacedBreakpoints } from './restart.js';
import { FlagsStore, type FlagSetEntry } from './store.js';
import { cursorLine, selectableRows } from './view.js';
import { fitCursor, type Movable } from '../core/list-cursor.js';
import { checkFlagValue } from './values.js';
import { shellQuote } from '../core/shell.js';
import { writeFlag, type WriteOutcome } from './writer.js';

/** How long a cut-short Set call's stop is waited for (the session reads it after Delve's answer). */
const CUT_STOP_WAIT_MS = 5_000;

export const DEFAULT_SET = 'flag.CommandLine';

export type EditReport = { status: 'applied'; message: string; flag: FlagInfo } | { status: 'queued'; message: string; pending: PendingEdit } | { status: 'unfinished'; message: string };

export class FlagsController implements Movable {
  readonly store = new FlagsStore();
  private readonly queue = new EditQueue();
  /** Flags this gotui changed in the process, by label, with the value each had before the first change. */
  private readonly changedHere = new Map<string, string>();
  /** Set calls a stop cut short, which Delve may finish when the target runs on: read again at each stop until they have. */
  private unfinished: { setExpr: string; name: string; value: string; before: FlagInfo; ran?: boolean; said?: boolean }[] = [];
  readonly get = this.store.get;
  readonly subscribe = this.store.subscribe;
  private active = false;
  /** Lines the pane shows. */
  private rows = 10;
  private handledStop = -1;
  /** The arguments this gotui last restarted the target with (what Delve reuses for a bare :restart). */
  private restartedWith: string[] | undefined;
  /** A restart whose process has not stopped yet, with its arguments when known (its end then is said with them). */
  private sinceRestart: { args?: string[] } | undefined;
  private chain: Promise<unknown> = Promise.resolve();
  /** The last read was at the program's entry, where nothing can be read yet. */
  private readAtEntry = false;
  /** The program's package FlagSets were looked for (once flag.CommandLine was read empty). */
  private lookedForOwn = false;
  private ownFound: string[] = [];

  constructor(
    readonly session: Session,
    /** `ownSets`: the main package's FlagSet variables (`main.fs`), flag's or pflag's. */
    private readonly opts: { pageSize?: number; pid?: () => number | undefined; ownSets?: () => Promise<string[]>; headless?: boolean } = {},
  ) {
    session.events.on('stop', (e) => {
      this.sinceRestart = undefined;
      this.atStop(e.stop.number);
    });
    // Read at the old number, the stop's values were dropped as another stop's.
    session.events.on('renumbered', (e) => this.atStop(e.to));
    // A program that refuses its new arguments ends before any stop; attached, what it printed went to Delve's terminal.
    session.events.on('ended', (e) => {
      const restart = this.sinceRestart;
      this.sinceRestart = undefined;
      if (restart && e.why !== 'disconnected' && !session.state.owned) {
        this.note(`The program ended before its first stop after the restart${restart.args ? ` with ${quoteArgs(restart.args)}` : ''}, as a program that refuses its arguments does; its own message went to the terminal or log of the Delve gotui attached to, not to gotui.`, 'info', true);
      }
    });
    const stale = () => {
      const st = this.store.get();
      if (!st.stale && (st.args || st.sets.some((e) => e.snapshot))) this.store.update({ stale: true });
    };
    session.events.on('resumed', () => {
      // "halted at its entry" was that stop's: once the program runs, its flags are read at the next.
      if (this.readAtEntry) this.store.update((s) => ({ sets: s.sets.map((e) => ({ ...e, error: undefined })), argsError: undefined }));
      this.readAtEntry = false;
      // A cut-short call can finish only once the target runs: the stop the cut made says nothing of it.
      for (const u of this.unfinished) u.ran = true;
      stale();
    });
    session.events.on('ended', stale);
  }

  /** The pane is on screen (read at every stop) or not (pending edits are still tried). */
  setShown(shown: boolean): void {
    if (shown) void this.activate().catch((err) => this.session.log(describeError(err), 'error'));
    else this.deactivate();
  }

  setViewport(rows: number): void {
    this.rows = Math.max(1, rows);
    this.setCursor(this.store.get().cursor);
  }

  move(delta: number): void {
    const n = selectableRows(this.store.get()).length;
    this.setCursor(delta === Infinity ? n - 1 : delta === -Infinity ? 0 : this.store.get().cursor + delta);
  }

  /** Reads at every stop from now on (the pane opened); starts with flag.CommandLine when nothing is watched. */
  async activate(): Promise<void> {
    this.active = true;
    if (!this.store.get().sets.length) this.addSet(DEFAULT_SET);
    if (this.session.state.status === 'stopped') await this.exclusive(() => this.readAll());
  }

  /**
   * Watches the FlagSet `expr` (shown in the pane and read at each stop) and reads it now. While the
   * target runs, gives the last read (marked stale in the pane), or explains that there is none.
   */
  async watch(expr: string = DEFAULT_SET): Promise<FlagSetSnapshot> {
    this.active = true;
    const known = !!this.entry(expr);
    // The program's own flags come first in the pane, whatever set is asked for first.
    const withDefault = !this.store.get().sets.length && expr !== DEFAULT_SET;
    if (withDefault) this.addSet(DEFAULT_SET);
    this.addSet(expr);
    if (this.session.state.status !== 'stopped') {
      const last = this.entry(expr)?.snapshot;
      if (last) return last;
      throw new UserError(`Cannot read ${expr} while ${theTarget(this.session.state.status)}.`, 'It is read at the next stop; pause the target (:pause) to read it now.');
    }
    try {
      return await this.exclusive(async () => {
        if (withDefault) await this.readSet(DEFAULT_SET, false);
        const snap = await this.readSet(expr, true);
        // flag.CommandLine read empty: the program's own sets are what `:flags` is after (trial BK).
        if (expr === DEFAULT_SET) await this.readOwnSets();
        return snap;
      });
    } catch (err) {
      // A mistyped expression does not stay in the pane; a set read before shows why it failed now.
      if (!known) this.unwatch(expr);
      throw err;
    }
  }

  /** Stops reading at each stop (the pane closed); pending edits are still tried at each stop. */
  deactivate(): void {
    this.active = false;
  }

  /** Stops showing a FlagSet. */
  unwatch(expr: string): boolean {
    const had = this.store.get().sets.some((s) => s.expr === expr);
    this.store.update((s) => ({ sets: s.sets.filter((e) => e.expr !== expr) }));
    return had;
  }

  /** Reads every watched FlagSet and os.Args again. */
  refresh(): Promise<void> {
    return this.exclusive(() => this.readAll());
  }

  /** os.Args now, or the last read while the target runs. */
  async args(): Promise<{ snapshot: ArgsSnapshot; stale: boolean }> {
    if (this.session.state.status !== 'stopped') {
      const last = this.store.get().args;
      if (last) return { snapshot: last, stale: true };
      throw new UserError(`Cannot read os.Args while ${theTarget(this.session.state.status)}.`, 'Pause the target (:pause), then ask again.');
    }
    const snapshot = await this.exclusive(() => readArgs(this.session, this.opts));
    this.store.update({ args: snapshot, argsError: undefined });
    return { snapshot, stale: false };
  }

  pending(): readonly PendingEdit[] {
    return this.queue.list();
  }

  /**
   * Sets flag `name` of the FlagSet `setExpr` to `text`. The text is checked against the flag's
   * type first (nothing is sent when it is wrong); then the flag is written and read back. When the
   * target cannot run the call the edit needs here (or is running), the edit is queued instead.
   */
  edit(setExpr: string, name: string, given: string | undefined): Promise<EditReport> {
    return this.exclusive(async () => {
      const stopped = this.session.state.status === 'stopped';
      let set = this.entry(setExpr)?.snapshot;
      let flag = set && findFlag(set, name);
      if (!flag && stopped) {
        const known = !!this.entry(setExpr);
        this.addSet(setExpr);
        // A set that cannot be read does not stay in the pane: the failed edit changed nothing.
        set = await this.readSet(setExpr, true).catch((err: unknown) => {
          if (!known) this.unwatch(setExpr);
          throw err;
        });
        flag = findFlag(set, name);
      }
      // An empty flag.CommandLine, the pane never shown: the program's own sets are looked for first (trial BK).
      if (!flag && stopped && setExpr === DEFAULT_SET && set && !set.flags.length) {
        await this.readOwnSets();
        const holder = this.setHolding(name);
        if (holder !== DEFAULT_SET) {
          setExpr = holder;
          set = this.entry(holder)?.snapshot;
          flag = set && findFlag(set, name);
        }
      }
      if (!set) throw new UserError(`Cannot check the value for -${name}: ${setExpr} has not been read and ${theTarget(this.session.state.status)}.`, 'Pause the target (:pause), then edit.');
      if (!flag) throw this.elsewhere(setExpr, name, given) ?? this.noneHas(set, name);
      // The name alone sets a bool, as Go's flag package reads `-verbose`; any other flag needs its value.
      if (given === undefined && flag.type.kind !== 'bool') throw new UserError(`${this.label(setExpr, flag.name)} needs a value: its type is ${flag.type.name}, not bool.`, `Give one: :flag ${flag.name}=VALUE`);
      const text = given ?? 'true';
      const checked = checkFlagValue(flag.type, text, this.label(setExpr, flag.name));
      if (!checked.ok) throw new UserError(checked.message, checked.hint);
      if (!stopped) return this.enqueue(setExpr, flag.name, text, theTarget(this.session.state.status));
      // A read from an earlier stop told the type; the write needs today's value to report against.
      if (set.stop !== this.session.stopCount) {
        set = await this.readSet(setExpr, true);
        flag = findFlag(set, flag.name);
        if (!flag) throw noSuchFlag(set, name);
      }
      const since = this.session.stopCount;
      const outcome = await writeFlag(this.session, set.library, flag, checked.write);
      if (outcome.status === 'deferred') return this.enqueue(setExpr, flag.name, text, outcome.reason);
      if (outcome.status === 'unfinished' && outcome.call === 'String') {
        const e = this.stringCut(setExpr, flag.name, text, since);
        this.note(`${e.message} ${e.hint}`, 'error');
        throw e;
      }
      if (outcome.status === 'unfinished') return this.cutShort(setExpr, flag.name, text, outcome.before, since);
      this.replaceFlag(setExpr, outcome.after);
      // A Set ran in the target (or memory was written): other panes read again; peers hear a refusal as one (trial AG).
      this.session.changed(outcome.status === 'refused' ? 'flag-refused' : 'flag');
      if (outcome.status === 'refused') {
        const e = refusal(outcome);
        this.note(`${e.message} ${e.hint}`, 'error');
        throw e;
      }
      // An older edit of this flag still waiting would overwrite this one at a later stop (trial AV).
      const superseded = this.queue.supersede(setExpr, flag.name);
      if (superseded) this.syncQueue();
      this.noteChange(this.label(setExpr, flag.name), outcome.before, outcome.after);
      // A Set is a call Delve makes in the target, which runs it (trial BD: the goroutines moved, the stop number did not).
      const ran = outcome.delveError ? ` Set ran as a call, after which Delve failed (${outcome.delveError}); the flag reads back changed.` : outcome.interrupted ? " Set ran as a call, which Delve says stopped before it returned (the target stopped elsewhere, or Delve lost the call's goroutine); the flag reads back changed." : checked.write.via === 'set' ? ' Set ran as a call: the program ran meanwhile.' : '';
      const message = `${this.label(setExpr, flag.name)} = ${shown(outcome.after)} (was ${shown(outcome.before)}).${ran}${superseded ? ` Pending edit #${superseded.id} (${superseded.value}) dropped: this one is newer.` : ''}${set.parsed ? '' : ` ${setExpr} is not parsed yet: its Parse will overwrite this if its arguments name -${flag.name}.`}`;
      this.note(message, 'info');
      return { status: 'applied', message, flag: outcome.after };
    });
  }

  /**
   * The set a flag named without -set is in: flag.CommandLine, unless it was read with no flags at
   * all and one other set in the pane has it (a program whose flags are on a FlagSet of its own,
   * trial BG). Beside flags of its own, a name it lacks is refused with the command for the set that has it.
   */
  setHolding(name: string): string {
    const line = this.entry(DEFAULT_SET)?.snapshot;
    const others = this.store.get().sets.filter((e) => e.expr !== DEFAULT_SET && e.snapshot && findFlag(e.snapshot, name));
    return line && !line.flags.length && others.length === 1 ? others[0]!.expr : DEFAULT_SET;
  }

  /** Refusing a name: an empty flag.CommandLine beside a set of the program's own is refused with that set's flags. */
  private noneHas(set: FlagSetSnapshot, name: string): UserError {
    const own = set.expr === DEFAULT_SET && !set.flags.length ? this.ownSnapshots()[0] : undefined;
    if (!own) return noSuchFlag(set, name);
    const e = noSuchFlag(own, name);
    return new UserError(e.message.replace(/\.$/, ` (${DEFAULT_SET} defines none).`), e.hint);
  }

  /** The program's own FlagSets read beside an empty flag.CommandLine (see readOwnSets). */
  ownSnapshots(): FlagSetSnapshot[] {
    return this.ownFound.flatMap((expr) => this.entry(expr)?.snapshot ?? []);
  }

  /** A flag the set lacks but another set in the pane has (`:flag sample=0.5` meant an added set's): the command for it. */
  private elsewhere(setExpr: string, name: string, given: string | undefined): UserError | undefined {
    const other = this.store.get().sets.find((e) => e.expr !== setExpr && e.snapshot && findFlag(e.snapshot, name));
    if (!other) return undefined;
    return new UserError(`${setExpr} has no flag -${name}; ${other.expr} has.`, `Edit it there: :flag -set ${other.expr} ${name}${given !== undefined ? `=${given}` : ''}`);
  }

  /** Drops a pending edit. */
  cancel(id: number): PendingEdit {
    const e = this.queue.remove(id);
    if (!e) throw new UserError(`There is no pending edit #${id}.`, this.queue.size ? `Pending: ${this.queue.list().map((p) => `#${p.id}`).join(', ')}.` : 'No edits are pending.');
    this.syncQueue();
    this.note(`Cancelled edit #${id} (${this.label(e.setExpr, e.name)}=${e.value}).`, 'info');
    return e;
  }

  /**
   * Restarts the target with new arguments (or the same ones); pending edits were for the old process
   * and are dropped. `to`: where a breakpoint set for it stops the new process (:start's main.main).
   */
  async restart(args: string[] | undefined, to?: string, rebuild = false): Promise<string> {
    // Delve's "same arguments" are the last restart's, not the first process's.
    const given = args ?? this.restartedWith;
    const known = given ?? this.store.get().args?.args.slice(1);
    this.sinceRestart = known ? { args: known } : {};
    let watchpoints: Breakpoint[];
    try {
      // A script's restart leaves the new process halted at its entry, as the dlv CLI's does: its next
      // continue runs to the first breakpoint (trial CC: run on to it, a ported script checked the next one).
      watchpoints = await restartTarget(this.session, args, { rebuild, ...(this.opts.headless && !to ? { stopOnEntry: true } : {}) });
      // A new process has its own values, and no call of the old one's.
      this.changedHere.clear();
      this.unfinished = [];
    } catch (err) {
      this.sinceRestart = undefined;
      throw err;
    }
    this.restartedWith = given;
    const dropped = this.queue.list().length;
    for (const e of [...this.queue.list()]) this.queue.remove(e.id);
    this.syncQueue();
    // The os.Args line shows what the new process was given (read again at its next stop): Enter offers those, as :restart reuses them.
    const old = this.store.get().args;
    this.store.update({ stale: true, ...(given && old ? { args: { ...old, args: [old.args[0] ?? '', ...given] } } : {}) });
    // The dlv CLI's restart names the new process: Delve has started it by now (the restart's configuration waited for it).
    const pid = this.opts.pid?.();
    const lost = [droppedWatchpoints(watchpoints), unplacedBreakpoints(this.session.state.breakpoints)].filter(Boolean).join(' ');
    const runs = to ? `it runs to ${to}` : this.opts.headless ? 'it is halted at its entry, as the dlv CLI\'s restart leaves it (continue runs it)' : 'it runs (p pauses)';
    const message = `${rebuild ? 'Built again from its source and restarted' : 'Restarted'} ${args ? `with: ${quoteArgs(args)}` : given ? `with the last restart's arguments: ${quoteArgs(given)}` : 'with the same arguments'}${pid === undefined ? '' : ` (pid ${pid})`}; breakpoints kept, and ${runs}.${dropped ? ` ${dropped} pending edit${dropped === 1 ? ' was' : 's were'} dropped.` : ''}${lost ? ` ${lost}` : ''}`;
    this.note(message, 'info');
    return message;
  }

  moveCursor(delta: number): void {
    this.setCursor(this.store.get().cursor + delta);
  }

  setCursor(index: number): void {
    const state = this.store.get();
    const cursor = Math.max(0, Math.min(selectableRows(state).length - 1, index));
    // The window moves only as far as the cursor's line needs, as in every list pane.
    const at = cursorLine({ ...state, cursor });
    const top = fitCursor({ index: at.index, top: state.top }, at.total, this.rows).top;
    if (cursor !== state.cursor || top !== state.top) this.store.update({ cursor, top });
  }

  // ---- at each stop ------------------------------------------------------------------------

  private atStop(stop: number): void {
    if (this.handledStop === stop || this.session.stopCount !== stop || this.session.state.status !== 'stopped') return;
    this.handledStop = stop;
    if (!this.active && !this.queue.size && !this.unfinished.length) return;
    void this.exclusive(async () => {
      if (this.session.stopCount !== stop) return;
      if (this.active) await this.readAll();
      await this.finishedCalls(stop);
      await this.applyPending(stop);
    }).catch((err) => this.session.log(describeError(err), 'error'));
  }

  private async readAll(): Promise<void> {
    const stop = this.session.stopCount;
    if (atEntry(this.session.state)) this.readAtEntry = true;
    this.store.update({ reading: true });
    try {
      const [, args] = await Promise.all([Promise.all(this.store.get().sets.map((e) => this.readSet(e.expr, false))), readArgs(this.session, this.opts).then((a) => ({ a }), (err: unknown) => ({ err }))]);
      if (this.session.stopCount !== stop) return;
      this.store.update('a' in args ? { args: args.a, argsError: undefined, stale: false } : { argsError: describeError(args.err), stale: false });
      await this.readOwnSets();
    } finally {
      this.store.update({ reading: false });
    }
  }

  /**
   * A program whose flags are all on FlagSets of its own (flag.CommandLine read empty, nothing else
   * watched): its package's FlagSets are read too, once (trial BF: the pane showed none of them).
   */
  private async readOwnSets(): Promise<void> {
    const line = this.entry(DEFAULT_SET)?.snapshot;
    if (this.lookedForOwn || !this.opts.ownSets || !line || line.flags.length || this.store.get().sets.length > 1) return;
    this.lookedForOwn = true;
    const found = await this.opts.ownSets().catch((): string[] => []);
    this.ownFound = found;
    for (const expr of found) {
      this.addSet(expr);
      await this.readSet(expr, false);
    }
    if (found.length) this.note(`flag.CommandLine has no flags: the program's own FlagSet${found.length === 1 ? '' : 's'} ${found.join(', ')} ${found.length === 1 ? 'is' : 'are'} read too.`, 'info', true);
  }

  /** Reads one set into the store; with `raise`, a failure is thrown as well as shown. */
  private async readSet(expr: string, raise: true): Promise<FlagSetSnapshot>;
  private async readSet(expr: string, raise: false): Promise<FlagSetSnapshot | undefined>;
  private async readSet(expr: string, raise: boolean): Promise<FlagSetSnapshot | undefined> {
    const stop = this.session.stopCount;
    if (atEntry(this.session.state)) this.readAtEntry = true;
    try {
      const snapshot = await readFlagSet(this.session, expr, this.opts);
      if (this.session.stopCount === stop) {
        this.setEntry(expr, { snapshot, error: undefined });
        this.store.update({ stale: false });
      }
      return snapshot;
    } catch (err) {
      if (this.session.stopCount === stop) this.setEntry(expr, { error: describeError(err) });
      if (raise) throw err;
      return undefined;
    }
  }

  private async applyPending(stop: number): Promise<void> {
    // No FlagSet exists before the program's init: the edits wait for a stop after it.
    if (atEntry(this.session.state)) return;
    // Another client's stop (a script's, the dlv CLI's): the Set call would run the target in the middle of their run (trial CD).
    const other = this.session.state.stop?.by;
    if (other) return this.waitForOwnStop(other);
    for (const e of [...this.queue.list()]) {
      if (this.session.stopCount !== stop || this.session.state.status !== 'stopped') return;
      let outcome: WriteOutcome;
      try {
        const set = this.entry(e.setExpr)?.snapshot?.stop === stop ? this.entry(e.setExpr)!.snapshot! : await this.readSet(e.setExpr, true);
        const flag = findFlag(set, e.name);
        if (!flag) throw noSuchFlag(set, e.name);
        const checked = checkFlagValue(flag.type, e.value, this.label(e.setExpr, e.name));
        if (!checked.ok) throw new UserError(checked.message, checked.hint);
        outcome = await writeFlag(this.session, set.library, flag, checked.write);
      } catch (err) {
        this.queue.remove(e.id);
        this.syncQueue();
        this.note(`Pending edit #${e.id} (${this.label(e.setExpr, e.name)}=${e.value}) failed: ${describeError(err)}`, 'error', true);
        continue;
      }
      if (outcome.status === 'unfinished') {
        this.queue.remove(e.id);
        this.syncQueue();
        if (outcome.call === 'String') this.note(`Pending edit #${e.id} (${this.label(e.setExpr, e.name)}=${e.value}) failed: ${describeError(this.stringCut(e.setExpr, e.name, e.value, stop, e.id))}`, 'error', true);
        else this.cutShort(e.setExpr, e.name, e.value, outcome.before, stop, e.id);
        continue;
      }
      if (outcome.status === 'deferred') {
        this.queue.deferred(e.id, outcome.reason);
        this.syncQueue();
        // Said at every stop it waits through: a user who typed it sees it was tried, and why not.
        this.note(`Pending edit #${e.id} (${this.label(e.setExpr, e.name)}=${e.value}) still waits: ${outcome.reason} at this stop; applied at the next stop where it can (${wayToCall(outcome.reason)}). :flag -cancel ${e.id} drops it.`, 'info', true);
        continue;
      }
      this.queue.remove(e.id);
      this.syncQueue();
      this.replaceFlag(e.setExpr, outcome.after);
      this.session.changed(outcome.status === 'refused' ? 'flag-refused' : 'flag');
      if (outcome.status === 'refused') this.note(`Pending edit #${e.id}: ${describeError(refusal(outcome))}`, 'error', true);
      else {
        this.noteChange(this.label(e.setExpr, e.name), outcome.before, outcome.after);
        this.note(`Applied pending edit #${e.id}: ${this.label(e.setExpr, e.name)} = ${shown(outcome.after)} (was ${shown(outcome.before)}).`, 'info', true);
      }
    }
  }

  /** Pending edits at a stop another client brought: each waits for one of this gotui's, said once (its reason then says it). */
  private waitForOwnStop(other: string): void {
    const reason = `${other}'s stop, not this gotui's`;
    for (const e of this.queue.list()) {
      if (e.reason === reason) continue;
      this.queue.deferred(e.id, reason);
      this.syncQueue();
      this.note(`Pending edit #${e.id} (${this.label(e.setExpr, e.name)}=${e.value}) waits for a stop of this gotui's: this one is ${other}'s, and applying it would change the program in the middle of their run (a Set call runs the target). Continue or step here (c, n) to apply it at the next stop; :flag -cancel ${e.id} drops it.`, 'info', true);
    }
  }

  /**
   * A Set call the stop cut short: said (logged for a queued edit, `edit`, which no command prints),
   * and watched at the next stops (see finishedCalls); the stop its end makes is named for it.
   */
  private cutShort(setExpr: string, name: string, value: string, before: FlagInfo, since: number, edit?: number): EditReport {
    const label = this.label(setExpr, name);
    const log = edit !== undefined;
    this.unfinished = [...this.unfinished.filter((u) => u.setExpr !== setExpr || u.name !== name), { setExpr, name, value, before }];
    this.callCut('Set', label, value, since, edit);
    // The stop came while the call ran: the Set has not run, and Delve keeps it for the next run.
    // Delve finishes such a call at a later continue only sometimes (trial BQ: never, its worker parked in a debug call).
    const message = `${label} is not set yet: a breakpoint stopped the target while its Set call ran (on this goroutine or another), before the Set did its work. Delve may finish the call when the target runs on (c); gotui says at the next stop whether ${label} reads ${value}.`;
    this.note(message, 'warning', log);
    return { status: 'unfinished', message };
  }

  /**
   * A custom Value's String call, made before its Set to keep the text a refusal puts back, cut short
   * by a stop: the Set never ran, so nothing is watched; the call's end, if Delve finishes it, is named.
   */
  private stringCut(setExpr: string, name: string, value: string, since: number, edit?: number): UserError {
    const label = this.label(setExpr, name);
    this.callCut('String', label, value, since, edit);
    return new UserError(
      `${label} is not set: a breakpoint stopped the target while gotui read the flag's text through its String method (read before Set, to put it back if Set refuses); Set did not run.`,
      `:flag ${name}=${value} tries again; if the stop is inside that String call, c first (Delve may finish the call when the target runs on).`,
    );
  }

  /** An edit's call a stop cut short: named for the stop its end makes (`the Set call of edit #1`), and a logpoint's hit that cut it said. */
  private callCut(method: 'Set' | 'String', label: string, value: string, since: number, edit?: number): void {
    const call = `the ${method} call of ${edit !== undefined ? `edit #${edit}` : `${label}=${value}`}`;
    this.session.callCutShort(call);
    void this.cutByLogpoint(since, call);
  }

  /**
   * Delve stops an injected call at any breakpoint, a logpoint's too, and leaves the target halted
   * there (trial CD: a logpoint's hit, read as the logpoint halting the service). Said as such; the
   * target stays halted: continuing for the user let it run on for good where Delve lost the call
   * (trial CF, a logpoint hit 150 times a second).
   */
  private async cutByLogpoint(since: number, call: string): Promise<void> {
    const stop = await new Promise<StopInfo | undefined>((resolve) => {
      const now = this.session.state.stop;
      if (this.session.stopCount > since && now) return resolve(now);
      const timer = setTimeout(() => (off(), resolve(undefined)), CUT_STOP_WAIT_MS);
      const off = this.session.events.on('stop', (e) => (clearTimeout(timer), off(), resolve(e.stop)));
    });
    const hit = stop?.breakpoints.map((id) => this.session.state.breakpoints.find((b) => b.id === id));
    if (!stop || !hit?.length || !hit.every((b) => b?.logMessage !== undefined) || this.session.stopCount !== stop.number) return;
    const names = hit.map((b) => `logpoint ${breakpointName(b!)}`).join(', ');
    this.note(`${names[0]!.toUpperCase()}${names.slice(1)} was hit while ${call} ran, and Delve stopped the target there: it stops an injected call at any breakpoint, a logpoint's too, and does not log that hit. The target stays halted, goroutine ${stop.goroutine}; c runs it on (Delve may finish the call then).`, 'warning', true);
  }

  /** Set calls cut short that have finished since (the flag reads the value asked for): said, and kept for the farewell. */
  private async finishedCalls(stop: number): Promise<void> {
    for (const u of [...this.unfinished]) {
      if (this.session.stopCount !== stop) return;
      const set = this.entry(u.setExpr)?.snapshot?.stop === stop ? this.entry(u.setExpr)!.snapshot! : await this.readSet(u.setExpr, false);
      const now = set && findFlag(set, u.name);
      if (now && now.value === u.before.value && u.ran && !u.said) {
        u.said = true;
        this.note(`${this.label(u.setExpr, u.name)} still reads ${shown(now)}: its Set call a breakpoint cut short has not finished, and may never (a goroutine waiting on it stays parked in a debug call). :flag ${u.name}=${u.value} sets it again.`, 'warning', true);
      }
      if (!now || now.value === u.before.value) continue;
      this.unfinished = this.unfinished.filter((x) => x !== u);
      this.replaceFlag(u.setExpr, now);
      this.noteChange(this.label(u.setExpr, u.name), u.before, now);
      this.note(`The Set call cut short at an earlier stop has finished: ${this.label(u.setExpr, u.name)} = ${shown(now)} (was ${shown(u.before)}).`, 'info', true);
    }
  }

  /** A change written into the process, kept until set back to the value it had first. */
  private noteChange(label: string, before: FlagInfo, after: FlagInfo): void {
    const first = this.changedHere.get(label) ?? shown(before);
    if (shown(after) === first) this.changedHere.delete(label);
    else this.changedHere.set(label, first);
  }

  /** Edits whose Set call a breakpoint cut short and that had not taken when last read (`-name=beta`): the farewell names them. */
  unfinishedEdits(): string[] {
    return this.unfinished.map((u) => `${this.label(u.setExpr, u.name)}=${u.value}`);
  }

  /** Flags this gotui changed that the process still holds (`-workers (was 5)`): quitting leaves them so, and says it. */
  changedFlags(): string[] {
    return [...this.changedHere].map(([label, was]) => `${label} (was ${was})`);
  }

  /** A flag of the set `setExpr` as messages name it (flagLabel, with the set's library once read). */
  label(setExpr: string, name: string): string {
    return flagLabel(setExpr, name, this.entry(setExpr)?.snapshot?.library);
  }

  // ---- store -------------------------------------------------------------------------------

  private enqueue(setExpr: string, name: string, value: string, reason: string): EditReport {
    const { edit, replaced } = this.queue.add({ setExpr, name, value, reason });
    this.syncQueue();
    // By the status the status bar shows: Delve's reasons can say "running" of a goroutine in a stopped target.
    const status = this.session.state.status;
    // A parked goroutine looked at (trial BA: from the goroutines pane) is the reason, not the stop: the stop's goroutine can run the call.
    const stopped = this.session.state.stop?.goroutine;
    const elsewhere = stopped && this.session.state.selection?.goroutine !== stopped ? stopped : undefined;
    // Running, the way to that stop is said (trial BD: a service with no breakpoint never applied it).
    const why = status !== 'stopped' ? `The target is ${status}: queued as edit #${edit.id}, applied at the next stop${status === 'running' ? ' (p stops it now)' : ''}` : `${this.label(setExpr, name)}'s Set cannot run where the target stopped (${reason}): queued as edit #${edit.id}, applied at the next stop where it can (${wayToCall(reason, elsewhere)})`;
    const message = `${why}.${replaced ? ` It replaces #${replaced.id}.` : ''} :flag -cancel ${edit.id} drops it.`;
    this.note(message, 'info');
    return { status: 'queued', message, pending: edit };
  }

  private note(text: string, kind: 'info' | 'warning' | 'error', log = false): void {
    this.store.update({ note: { text, kind } });
    if (log) this.session.log(text, kind);
  }

  private syncQueue(): void {
    this.store.update({ pending: this.queue.list() });
    this.setCursor(this.store.get().cursor);
  }

  private addSet(expr: string): void {
    if (!this.entry(expr)) this.store.update((s) => ({ sets: [...s.sets, { expr }] }));
  }

  private entry(expr: string): FlagSetEntry | undefined {
    return this.store.get().sets.find((s) => s.expr === expr);
  }

  private setEntry(expr: string, patch: Partial<FlagSetEntry>): void {
    this.store.update((s) => ({ sets: s.sets.map((e) => (e.expr === expr ? { ...e, ...patch } : e)) }));
  }

  private replaceFlag(expr: string, flag: FlagInfo): void {
    const snap = this.entry(expr)?.snapshot;
    if (snap) this.setEntry(expr, { snapshot: { ...snap, flags: snap.flags.map((f) => (f.name === flag.name ? flag : f)) } });
  }

  /** One piece of target work at a time: reads, edits and queued edits must not interleave their calls. */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.chain.then(fn, fn);
    this.chain = run.catch(() => undefined);
    return run;
  }
}

/** A flag as its set's library spells it (pflag's `--region`), after the set unless it is flag.CommandLine. */
/** Arguments as a shell would need them typed. */
function quoteArgs(args: readonly string[]): string {
  return args.map(shellQuote).join(' ') || '(no arguments)';
}

function flagLabel(setExpr: string, name: string, library: 'flag' | 'pflag' = 'flag'): string {
  const flag = `${library === 'pflag' ? '--' : '-'}${name}`;
  return setExpr === DEFAULT_SET ? flag : `${setExpr} ${flag}`;
}

/** Where a call the target refused at this stop can run: the way there that fits Delve's reason. */
/** Where a call can run, and the command that gets there (a pause mostly lands in the runtime, or on a parked goroutine). */
/** `stopped`: the goroutine the stop is on, where another one is looked at (a parked one: no call runs on it). */
function wayToCall(reason: string, stopped?: number): string {
  if (stopped && /selected goroutine not running/.test(reason)) return `or now, from the goroutine that stopped: :goroutine ${stopped}, then edit again`;
  if (/not at safe point/.test(reason)) return 'a statement line: :next gets there';
  if (/within the Go runtime/.test(reason)) return "the program's own code: o steps out to it";
  return 'a breakpoint on a statement line of the program: :break FILE:LINE, then c';
}

function shown(f: FlagInfo): string {
  return f.type.kind === 'string' || f.value === '' ? JSON.stringify(f.value) : f.value;
}

function refusal(o: Extract<WriteOutcome, { status: 'refused' }>): UserError {
  const who = o.after.type.kind === 'custom' ? o.after.type.name : `-${o.after.name}`;
  const now = o.restored ? `-${o.after.name} was put back to ${shown(o.after)}.` : `-${o.after.name} stays ${shown(o.after)}.`;
  return new UserError(`${who} refused ${JSON.stringify(o.attempted)}: ${o.message.replace(/\.$/, '')}.`, now);
}

/** A flag by name, or by its pflag shorthand. */
function findFlag(set: FlagSetSnapshot, name: string): FlagInfo | undefined {
  return set.flags.find((f) => f.name === name) ?? set.flags.find((f) => f.shorthand === name);
}

function noSuchFlag(set: FlagSetSnapshot, name: string): UserError {
  const names = set.flags.map((f) => f.name);
  const near = names.filter((n) => n.includes(name) || name.includes(n)).slice(0, 5);
  return new UserError(`${set.expr} has no flag -${name}.`, names.length ? `${near.length ? 'Did you mean' : 'Its flags are'} ${(near.length ? near : names.slice(0, 12)).map((n) => `-${n}`).join(', ')}${near.length ? '?' : '.'}` : `${set.expr} defines no flags.`);
}
