import { CURSOR_START, fitCursor, type ListCursor } from '../core/list-cursor.js';
import { CursorStore } from '../core/cursor-store.js';
import type { DelveRpcClient } from '../delve/rpc.js';
import { UserError } from '../errors.js';
import type { FeatureHost } from '../features/types.js';
import { fuzzyFilter, type Match } from './fuzzy.js';

/** Results kept for a query (the pane scrolls through them). */
export const RESULTS = 200;

export interface FinderResult extends Match {
  kind: 'func' | 'file';
}

export interface FinderState {
  query: string;
  results: readonly FinderResult[];
  cursor: ListCursor;
  /** What the finder searches: counts, once loaded. */
  funcs?: number;
  files?: number;
  /** How long the last query took (loading included, the first time). */
  ms?: number;
}

/**
 * The fuzzy finder (Ctrl-P): every function and source file of the target, read once from Delve
 * (JSON-RPC ListFunctions and ListSources, which answer while the target is stopped) and matched
 * here as the user types a query.
 */
export class FinderModel extends CursorStore<FinderState> {
  private index: { funcs: string[]; files: string[] } | undefined;
  private loading: Promise<{ funcs: string[]; files: string[] }> | undefined;

  constructor(private readonly host: FeatureHost) {
    super({ query: '', results: [], cursor: CURSOR_START }, 8);
  }

  rpc(what: string): Promise<DelveRpcClient> {
    return this.host.rpc(what);
  }

  /** Functions and files, read from Delve on first use. */
  private async load(): Promise<{ funcs: string[]; files: string[] }> {
    if (this.index) return this.index;
    if (this.host.session.state.status === 'running') throw new UserError('Delve lists functions and files only while the target is stopped.', 'Pause it once (p); the finder keeps the list after that.');
    this.loading ??= (async () => {
      const rpc = await this.rpc('list functions and files');
      const [funcs, files] = await Promise.all([
        rpc.call<{ Funcs: string[] | null }>('ListFunctions', { Filter: '', FollowCalls: 0 }, { timeoutMs: 60_000 }),
        rpc.call<{ Sources: string[] | null }>('ListSources', { Filter: '' }, { timeoutMs: 60_000 }),
      ]);
      return { funcs: funcs.Funcs ?? [], files: (files.Sources ?? []).filter((f) => !f.startsWith('<')) };
    })().finally(() => (this.loading = undefined));
    this.index = await this.loading;
    return this.index;
  }

  /** Every function and source file of the target (read once). */
  names(): Promise<{ funcs: string[]; files: string[] }> {
    return this.load();
  }

  async find(query: string): Promise<FinderState> {
    const started = performance.now();
    const index = await this.load();
    const q = query.trim();
    const results: FinderResult[] = [
      ...fuzzyFilter(q, index.funcs, RESULTS).map((m) => ({ ...m, kind: 'func' as const })),
      ...fuzzyFilter(q, index.files, RESULTS).map((m) => ({ ...m, kind: 'file' as const })),
    ]
      .sort((a, b) => b.score - a.score)
      .slice(0, RESULTS);
    this.set({ query: q, results, cursor: fitCursor(CURSOR_START, results.length, this.height), funcs: index.funcs.length, files: index.files.length, ms: performance.now() - started });
    return this.state;
  }

  current(): FinderResult | undefined {
    return this.state.results[this.state.cursor.index];
  }

  protected rowCount(): number {
    return this.state.results.length;
  }
}
