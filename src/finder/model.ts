import { CURSOR_START, fitCursor, type ListCursor } from '../core/list-cursor.js';
import { CursorStore } from '../core/cursor-store.js';
import type { DelveRpcClient } from '../delve/rpc.js';
import { UserError } from '../errors.js';
import type { FeatureHost } from '../features/types.js';
import { isUserFrame, packageOf } from '../session/state.js';
import { quoteRegExp } from '../core/text.js';
import { fuzzyFilter, type Match } from './fuzzy.js';

/** Results kept for a query (the pane scrolls through them). */
export const RESULTS = 200;

export interface FinderResult extends Match {
  kind: 'func' | 'file' | 'type' | 'var';
}

interface FinderIndex {
  funcs: string[];
  files: string[];
  /** The program's own packages' types and package variables (trial BZ: `Order` found no main.Order). */
  types: string[];
  vars: string[];
}

/** A name of one of the program's own packages (main, the main module's) that code can write: `main.Order`, not `*main.Order` or `[]main.Order`. */
export function ownName(name: string, mainModule: string | undefined): boolean {
  const pkg = packageOf(name);
  return !!pkg && /^[\p{L}_][\p{L}\p{N}_]*$/u.test(name.slice(pkg.length + 1)) && !/[*[\]() ]/.test(pkg) && isUserFrame(name, mainModule);
}

/**
 * Best first; among equally good matches (the same but for the name's length), the program's own
 * (`own`) before the standard library's and the runtime's, then the shorter name (trial CG: `Store`
 * listed 14 sync/atomic functions before main.store). Pure.
 */
export function rankResults<R extends Match>(results: readonly R[], own: (r: R) => boolean): R[] {
  return [...results].sort((a, b) => b.quality - a.quality || Number(own(b)) - Number(own(a)) || b.score - a.score);
}

export interface FinderState {
  query: string;
  results: readonly FinderResult[];
  cursor: ListCursor;
  /** What the finder searches: counts, once loaded. */
  funcs?: number;
  files?: number;
  types?: number;
  vars?: number;
  /** How long the last query took (loading included, the first time). */
  ms?: number;
}

/**
 * The fuzzy finder (Ctrl-P): every function and source file of the target, read once from Delve
 * (JSON-RPC ListFunctions and ListSources, which answer while the target is stopped) and matched
 * here as the user types a query.
 */
export class FinderModel extends CursorStore<FinderState> {
  private index: FinderIndex | undefined;
  private loading: Promise<FinderIndex> | undefined;

  constructor(private readonly host: FeatureHost) {
    super({ query: '', results: [], cursor: CURSOR_START }, 8);
  }

  rpc(what: string): Promise<DelveRpcClient> {
    return this.host.rpc(what);
  }

  /** Functions, files, and the program's own types and package variables, read from Delve on first use. */
  private async load(): Promise<FinderIndex> {
    if (this.index) return this.index;
    if (this.host.session.state.status === 'running') throw new UserError('Delve lists functions and files only while the target is stopped.', 'Pause it once (p); the finder keeps the list after that.');
    this.loading ??= (async () => {
      const rpc = await this.rpc('list functions and files');
      const mainModule = this.host.session.state.mainModule;
      // Only the program's own packages' types and variables are asked for: every package's cost the first results half again (bench/finder).
      const ownFilter = mainModule ? `^(main|${quoteRegExp(mainModule)}(/.*)?)\\.` : '^(main\\.|[^/]*\\.[^/]*/)';
      const [funcs, files, types, vars] = await Promise.all([
        rpc.call<{ Funcs: string[] | null }>('ListFunctions', { Filter: '', FollowCalls: 0 }, { timeoutMs: 60_000 }),
        rpc.call<{ Sources: string[] | null }>('ListSources', { Filter: '' }, { timeoutMs: 60_000 }),
        rpc.call<{ Types: string[] | null }>('ListTypes', { Filter: ownFilter }, { timeoutMs: 60_000 }),
        rpc.packageVarNamesMatching(ownFilter, { timeoutMs: 60_000 }),
      ]);
      const own = (name: string) => ownName(name, mainModule);
      return { funcs: funcs.Funcs ?? [], files: (files.Sources ?? []).filter((f) => !f.startsWith('<')), types: (types.Types ?? []).filter(own), vars: vars.filter(own) };
    })().finally(() => (this.loading = undefined));
    this.index = await this.loading;
    return this.index;
  }

  /** Every function and source file of the target, its own types and package variables (read once). */
  names(): Promise<FinderIndex> {
    return this.load();
  }

  async find(query: string): Promise<FinderState> {
    const started = performance.now();
    const index = await this.load();
    const q = query.trim();
    const results: FinderResult[] = [
      ...fuzzyFilter(q, index.funcs, RESULTS).map((m) => ({ ...m, kind: 'func' as const })),
      ...fuzzyFilter(q, index.files, RESULTS).map((m) => ({ ...m, kind: 'file' as const })),
      ...fuzzyFilter(q, index.types, RESULTS).map((m) => ({ ...m, kind: 'type' as const })),
      ...fuzzyFilter(q, index.vars, RESULTS).map((m) => ({ ...m, kind: 'var' as const })),
    ];
    const mainModule = this.host.session.state.mainModule;
    const ranked = rankResults(results, (r) => r.kind !== 'file' && isUserFrame(r.text, mainModule)).slice(0, RESULTS);
    this.set({ query: q, results: ranked, cursor: fitCursor(CURSOR_START, ranked.length, this.height), funcs: index.funcs.length, files: index.files.length, types: index.types.length, vars: index.vars.length, ms: performance.now() - started });
    return this.state;
  }

  current(): FinderResult | undefined {
    return this.state.results[this.state.cursor.index];
  }

  protected rowCount(): number {
    return this.state.results.length;
  }
}
