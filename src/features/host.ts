import type { DelveRpcClient } from '../delve/rpc.js';
import type { BpfTarget } from '../bpf/types.js';
import type { Session } from '../session/session.js';
import { SourceFinder } from '../source/files.js';
import { FEATURES } from './index.js';
import type { Feature, FeatureHost } from './types.js';

/**
 * Makes each feature's model once, on first use, for one session. All models are made at the
 * start (`createAll`), so none misses the first stop.
 */
export class Models implements FeatureHost {
  private readonly made = new Map<Feature, object>();
  readonly sources: SourceFinder;

  constructor(
    readonly session: Session,
    private readonly services: { rpc(what: string): Promise<DelveRpcClient>; openRpc(): Promise<DelveRpcClient | undefined>; traceTarget(): Promise<BpfTarget>; sources?: SourceFinder },
  ) {
    this.sources = services.sources ?? new SourceFinder();
  }

  model<M extends object>(feature: Feature<M>): M {
    let m = this.made.get(feature as unknown as Feature);
    if (!m) {
      m = feature.create(this);
      this.made.set(feature as unknown as Feature, m);
    }
    return m as M;
  }

  createAll(): void {
    for (const f of FEATURES) this.model(f);
  }

  rpc(what: string): Promise<DelveRpcClient> {
    return this.services.rpc(what);
  }

  openRpc(): Promise<DelveRpcClient | undefined> {
    return this.services.openRpc();
  }

  traceTarget(): Promise<BpfTarget> {
    return this.services.traceTarget();
  }
}
