import type { DebugProtocol as P } from '@vscode/debugprotocol';
import { CURSOR_START, fitCursor, revealChildren, type ListCursor } from '../core/list-cursor.js';
import { CursorStore } from '../core/cursor-store.js';
import { describeError, UserError } from '../errors.js';
import type { Session } from '../session/session.js';
import { isUserFrame, packageOf, type Scope, type Variable } from '../session/state.js';
import { frameTitle } from '../session/frame-names.js';
import { formatCount } from '../core/text.js';
import { cutFloat } from '../core/go-float.js';
import { shownValue, unreadableChildren, unreadablePointer } from './summary.js';

/** One row of the tree: a variable, or the "…more" row of a collection loaded in pages. */
export interface VarNode extends Variable {
  id: number;
  parent?: number;
  depth: number;
  /** Where it sits from its scope's root: `o/Items/[0]`, for keeping nodes open across stops. */
  path: string;
  /** For a "…more" row: elements loaded of the collection's length. */
  more?: { loaded: number; total: number };
  /** The row of the frame's package's variables (its import path), read when opened. */
  globals?: string;
  /** A row of words under it (none listed, how many more), not a variable. */
  note?: boolean;
}

/** Whether Enter opens the node: a value with children, or the package's variables. */
export function opens(n: VarNode): boolean {
  return n.ref > 0 || n.globals !== undefined;
}

/** The names of a package's variables (`cfg` of `main.cfg`), from Delve's JSON-RPC (DelveRpcClient.packageVarNames). */
export type PackageVarNames = (pkg: string) => Promise<string[]>;

export interface VariablesState {
  roots: readonly VarNode[];
  expanded: ReadonlySet<number>;
  /** The tree as shown: roots with the children of each open node inlined. */
  rows: readonly VarNode[];
  cursor: ListCursor;
  /** Whose variables: `main.process (frame 0)`. */
  frame?: string;
  /** The frame's function was compiled with optimizations: values may be unreadable or stale. */
  optimized?: boolean;
  loading: boolean;
  /** Why a load failed or was refused (the node budget). */
  message?: string;
  /** The stop the values were read at. */
  stop?: number;
  /** A newer stop's values are on their way (Delve reads them while its stop line paints): these are the last stop's. */
  pending?: boolean;
}

/** Elements of a collection loaded per page. */
export const ELEMENT_PAGE = 100;
/** Values held at once across the tree: deep or wide values cost at most this. */
export const NODE_BUDGET = 20_000;
/** Characters of a value kept in the tree (y shows it whole). */
export const VALUE_LIMIT = 400;
/** Open nodes re-opened after a stop, at most. */
const REOPEN_LIMIT = 64;
/** A package's variables listed under its row, at most (each is one evaluation). */
export const GLOBALS_LIMIT = 500;

/**
 * The variables pane: locals of the selected frame as a tree loaded on demand. Handles reset at
 * every stop, so nodes are re-read; paths the user opened stay open across stops.
 */
export class VariablesModel extends CursorStore<VariablesState> {
  private nextId = 1;
  private children = new Map<number, VarNode[]>();
  private nodes = new Map<number, VarNode>();
  /**
   * Paths the user opened, by function, re-opened at the next stop in it: a `c` opened in one
   * function is not opened in another that has a `c` of its own (trial AP). With each path, the
   * elements loaded past the first page (`… 200 of 600 shown` stays so at the next stop: trial AX).
   */
  private openedIn = new Map<string, Map<string, number>>();
  private seq = 0;
  /** The optimized build said in the console (once a session). */
  private saidOptimized = false;

  constructor(
    private readonly session: Session,
    private readonly packageVars?: PackageVarNames,
  ) {
    super({ roots: [], expanded: new Set(), rows: [], cursor: CURSOR_START, loading: false }, 10);
    session.readScopesAtStops();
    // Early: marked as the last stop's before the stop line paints (see the compositor's stop listener).
    session.events.on(
      'stop',
      (e) => {
        if (this.state.rows.length) this.set({ pending: true });
        const seq = this.seq;
        // A selection made before the scopes came has loaded its own.
        void e.scopes.then((scopes) => {
          // A stop already over (a step typed ahead ran meanwhile) has no values to show: its read
          // failed or is stale; the last ones stay, dimmed, until the next stop's.
          const over = this.session.state.status !== 'stopped' || this.session.stopCount !== e.stop.number;
          if (seq === this.seq && !over) void this.load(scopes, frameTitle(e.selection.frame), true);
        });
      },
      { early: true },
    );
    session.events.on('selected', (e) => void this.load(e.scopes, frameTitle(e.selection.frame), true));
    // Code ran in the target or a variable was set: read the same frame again, keeping the view.
    session.events.on('target-changed', () => void this.reload());
    // The stop's load was dropped as over (its number changed under it), or tagged with the old number.
    session.events.on('renumbered', () => void this.reload());
  }

  private async reload(): Promise<void> {
    const frame = this.session.currentFrame();
    if (!frame || this.session.state.status !== 'stopped') return;
    const scopes = await this.session.scopes(frame).catch(() => undefined);
    if (scopes) await this.load(scopes, this.state.frame, false);
  }

  /** New roots; paths that were open are opened again (bounded), the cursor kept on the same path. */
  private async load(scopes: Scope[], frame: string | undefined, resetCursor: boolean): Promise<void> {
    const seq = ++this.seq;
    const keepPath = resetCursor ? undefined : this.state.rows[this.state.cursor.index]?.path;
    this.children.clear();
    this.nodes.clear();
    const roots = scopes.flatMap((s) => s.variables.map((v) => this.node(v, undefined, 0, '')));
    // Services keep their state in package variables (trial BB: only :display, one line each): the
    // frame's package's, as a row of its own, read when opened (Delve's DAP lists none).
    const pkg = this.packageVars && packageOf(this.session.currentFrame()?.name ?? '');
    if (pkg) roots.push(this.node({ name: `package ${pkg}`, value: '', type: '', ref: 0 }, undefined, 0, '', pkg));
    // Delve names the scope `Locals (warning: optimized function)` where the dlv CLI warns at the stop.
    const optimized = scopes.some((s) => /optimized/i.test(s.name));
    // Said once, with the way out: the pane's title alone was easy to miss (trial BV: `(unreadab…` values, no word why).
    // Go's own code (runtime.main) is optimized whatever the flags: the build is blamed only for the program's (trial BX).
    const name = this.session.currentFrame()?.name;
    if (optimized && !this.saidOptimized && (!name || isUserFrame(name, this.session.state.mainModule))) {
      this.saidOptimized = true;
      this.session.log(`${name ?? 'This function'} is optimized (the dlv CLI warns "debugging optimized function"): the binary was built without -gcflags=all=-N -l, so some values read unreadable or stale and some lines are skipped. gotui debug builds the package without optimizations.`, 'warning');
    }
    this.set({ roots, expanded: new Set(), rows: roots, cursor: resetCursor ? CURSOR_START : this.state.cursor, frame, optimized, loading: false, message: undefined, stop: this.session.stopCount, pending: false });
    let budget = REOPEN_LIMIT;
    const reopen = async (nodes: readonly VarNode[]) => {
      for (const n of nodes) {
        if (budget <= 0 || seq !== this.seq) return;
        if (opens(n) && this.openPaths().has(n.path)) {
          budget--;
          await this.expand(n, false).catch(() => undefined);
          const loaded = this.openPaths().get(n.path) ?? 0;
          for (let more = this.children.get(n.id)?.at(-1); more?.more && more.more.loaded < loaded && seq === this.seq; ) {
            await this.loadMore(more).catch(() => undefined);
            const next = this.children.get(n.id)?.at(-1);
            if (next === more) break;
            more = next;
          }
          await reopen(this.children.get(n.id) ?? []);
        }
      }
    };
    await reopen(roots);
    if (seq !== this.seq) return;
    await this.mendValues(roots, seq);
    if (seq !== this.seq) return;
    if (keepPath) {
      const i = this.state.rows.findIndex((r) => r.path === keepPath);
      if (i >= 0) this.set({ cursor: fitCursor({ ...this.state.cursor, index: i }, this.state.rows.length, this.height) });
    }
  }

  private node(v: Variable, parent: VarNode | undefined, depth: number, parentPath: string, globals?: string): VarNode {
    const id = this.nextId++;
    const text = shownValue(v.value, v.type);
    const value = text.length > VALUE_LIMIT ? `${text.slice(0, VALUE_LIMIT)}…` : text;
    // Delve names a pointer's pointee '': it is `*p`, as an expression would read it.
    const name = v.name === '' && parent ? `*${parent.name}` : v.name;
    const n: VarNode = { ...v, name, value, id, depth, path: `${parentPath}/${name}`, ...(parent ? { parent: parent.id } : {}), ...(globals !== undefined ? { globals } : {}) };
    this.nodes.set(id, n);
    return n;
  }

  /** The node under the cursor. */
  current(): VarNode | undefined {
    return this.state.rows[this.state.cursor.index];
  }

  /** Enter: open or close the node under the cursor; on a "…more" row, load the next page. */
  async toggle(): Promise<void> {
    const n = this.current();
    if (!n) return;
    if (n.more) return this.loadMore(n);
    if (!opens(n)) return;
    if (this.state.expanded.has(n.id)) return this.collapse(n);
    this.session.requireStopped('open a value');
    await this.expand(n, true);
  }

  /** Closes the node under the cursor, or its parent (moving the cursor there). */
  collapseCurrent(): void {
    const n = this.current();
    if (!n) return;
    if (this.state.expanded.has(n.id)) return this.collapse(n);
    if (n.parent !== undefined) {
      const p = this.nodes.get(n.parent);
      if (p) {
        this.collapse(p);
        const i = this.state.rows.findIndex((r) => r.id === p.id);
        this.set({ cursor: fitCursor({ ...this.state.cursor, index: i }, this.state.rows.length, this.height) });
      }
    }
  }

  private collapse(n: VarNode): void {
    const expanded = new Set(this.state.expanded);
    expanded.delete(n.id);
    this.openPaths().delete(n.path);
    // What is hidden is forgotten: the budget is for what is on screen.
    this.forget(n.id);
    this.children.delete(n.id);
    this.publish(expanded);
  }

  /** The open paths of the selected frame's function, each with the elements loaded (the last few dozen functions remembered). */
  private openPaths(): Map<string, number> {
    const fn = this.session.currentFrame()?.name ?? '';
    let open = this.openedIn.get(fn);
    if (!open) {
      this.openedIn.set(fn, (open = new Map()));
      if (this.openedIn.size > 64) this.openedIn.delete(this.openedIn.keys().next().value!);
    }
    return open;
  }

  private forget(id: number): void {
    for (const c of this.children.get(id) ?? []) {
      this.forget(c.id);
      this.children.delete(c.id);
      this.nodes.delete(c.id);
    }
  }

  private async expand(n: VarNode, byUser: boolean): Promise<void> {
    if (this.nodes.size >= NODE_BUDGET) throw new UserError(`The variables pane holds ${formatCount(NODE_BUDGET)} values at most.`, 'Close some open values (h), or print one with y.');
    const seq = this.seq;
    this.set({ loading: true });
    try {
      const kids = await this.fetchChildren(n, 0);
      if (seq !== this.seq) return;
      this.children.set(n.id, kids);
      const expanded = new Set(this.state.expanded);
      expanded.add(n.id);
      if (byUser) this.openPaths().set(n.path, 0);
      this.publish(expanded, { loading: false, message: undefined });
      if (byUser && this.state.rows[this.state.cursor.index] === n) this.set({ cursor: revealChildren(this.state.cursor, kids.length, this.state.rows.length, this.height) });
      await this.mendValues(kids, seq);
    } catch (err) {
      const said = unreadableChildren(n, err);
      if (seq === this.seq) this.set({ loading: false, message: describeError(said) });
      throw said;
    }
  }

  /** The children of a node from `start`: a page of elements for collections, else everything. */
  private async fetchChildren(n: VarNode, start: number): Promise<VarNode[]> {
    if (n.globals !== undefined) return this.fetchGlobals(n, n.globals);
    const total = n.indexed ?? 0;
    let vars: Variable[];
    if (total > 0) {
      const count = Math.min(ELEMENT_PAGE, total - start);
      const named = start === 0 && (n.named ?? 0) > 0 ? await this.session.namedVariables(n.ref) : [];
      vars = [...named, ...(count > 0 ? await this.session.variables(n.ref, { start, count }) : [])];
    } else {
      vars = await this.session.variables(n.ref);
    }
    const kids = vars.map((v) => this.node(v, n, n.depth + 1, n.path));
    const loaded = Math.min(total, start + ELEMENT_PAGE);
    if (total > 0 && loaded < total) kids.push(this.moreRow(n, loaded, total));
    return kids;
  }

  /** A package's variables, each read as the frame reads it (a tree like any local), by its name without the package. */
  private async fetchGlobals(n: VarNode, pkg: string): Promise<VarNode[]> {
    const names = await this.packageVars!(pkg);
    const kids: VarNode[] = [];
    for (const name of names.slice(0, GLOBALS_LIMIT)) {
      const whole = `${pkg}.${name}`;
      const got: P.EvaluateResponse['body'] = await this.session.evaluate(whole, 'variables').catch((err: unknown) => ({ result: `(unreadable: ${describeError(err)})`, variablesReference: 0 }));
      kids.push(this.node({ name, value: got.result, type: got.type ?? '', ref: got.variablesReference, evaluateName: whole, ...(got.indexedVariables ? { indexed: got.indexedVariables } : {}), ...(got.namedVariables ? { named: got.namedVariables } : {}), ...(got.memoryReference ? { memoryReference: got.memoryReference } : {}) }, n, n.depth + 1, n.path));
    }
    const note = (name: string) => kids.push(Object.assign(this.node({ name, value: '', type: '', ref: 0 }, n, n.depth + 1, n.path), { note: true }));
    if (names.length > GLOBALS_LIMIT) note(`… ${formatCount(names.length - GLOBALS_LIMIT)} more (:print ${pkg}.NAME reads one)`);
    if (!names.length) note('(no package variables)');
    return kids;
  }

  private moreRow(parent: VarNode, loaded: number, total: number): VarNode {
    const id = this.nextId++;
    const n: VarNode = { id, parent: parent.id, depth: parent.depth + 1, path: `${parent.path}/…more`, name: '…more', value: '', type: '', ref: 0, more: { loaded, total } };
    this.nodes.set(id, n);
    return n;
  }

  private async loadMore(more: VarNode): Promise<void> {
    const parent = more.parent !== undefined ? this.nodes.get(more.parent) : undefined;
    const kids = parent ? this.children.get(parent.id) : undefined;
    if (!parent || !kids || !more.more) return;
    this.session.requireStopped('load more elements');
    if (this.nodes.size >= NODE_BUDGET) throw new UserError(`The variables pane holds ${formatCount(NODE_BUDGET)} values at most.`, 'Close some open values (h), or print one with :print EXPR[START:END].');
    const seq = this.seq;
    const page = await this.fetchChildren(parent, more.more.loaded);
    if (seq !== this.seq) return;
    this.nodes.delete(more.id);
    this.children.set(parent.id, [...kids.filter((k) => k.id !== more.id), ...page]);
    const open = this.openPaths();
    if (open.has(parent.path)) open.set(parent.path, Math.min(more.more.total, more.more.loaded + ELEMENT_PAGE));
    this.publish(this.state.expanded);
    // The next page's row under the cursor, so Enter again loads it (trial BB: the cursor sat on [100], where Enter does nothing).
    const next = page.find((k) => k.more);
    const at = next ? this.state.rows.indexOf(next) : -1;
    if (at >= 0) this.set({ cursor: fitCursor({ ...this.state.cursor, index: at }, this.state.rows.length, this.height) });
  }

  /**
   * Values Delve's summary leaves wrong, asked for again. Delve cuts the summary of a value with
   * children at 256 characters: a float it writes in full decimal (1e-310 inside a complex, a
   * struct, a slice) is cut in its zeros and reads as 0; such a value is asked for whole (uncut in
   * `clipboard`) and shown as Go prints its floats. A pointer whose pointee cannot be read is
   * written without its address (`*(unreadable …)`): it is asked for (trial AL: 0xdeadbeef00 only through y).
   */
  private async mendValues(nodes: readonly VarNode[], seq: number): Promise<void> {
    for (const n of nodes) {
      const unreadable = /^\*+\(unreadable [^)]*\)$/.test(n.value);
      if (!n.evaluateName || !(unreadable || cutFloat(n.value))) continue;
      const whole = await this.session.evaluate(unreadable ? `uintptr(${n.evaluateName})` : n.evaluateName, 'clipboard').catch(() => undefined);
      if (seq !== this.seq) return;
      if (!whole) continue;
      const text = unreadable ? unreadablePointer(n.type, whole.result, n.value) : shownValue(whole.result, n.type);
      if (text === undefined) continue;
      n.value = text.length > VALUE_LIMIT ? `${text.slice(0, VALUE_LIMIT)}…` : text;
      this.publish(this.state.expanded);
    }
  }

  private publish(expanded: ReadonlySet<number>, extra: Partial<VariablesState> = {}): void {
    const rows: VarNode[] = [];
    const walk = (nodes: readonly VarNode[]) => {
      for (const n of nodes) {
        rows.push(n);
        if (expanded.has(n.id)) walk(this.children.get(n.id) ?? []);
      }
    };
    walk(this.state.roots);
    this.set({ expanded, rows, cursor: fitCursor(this.state.cursor, rows.length, this.height), ...extra });
  }

  /** Values held now (for the budget, and its test). */
  heldNodes(): number {
    return this.nodes.size;
  }

  protected rowCount(): number {
    return this.state.rows.length;
  }
}

