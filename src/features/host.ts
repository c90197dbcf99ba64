import fs from 'node:fs';
import type { DelveRpcClient } from '../delve/rpc.js';
import type { BpfTarget } from '../bpf/types.js';
import type { Session } from '../session/session.js';
import { SourceFinder } from '../source/files.js';
import { FEATURES } from './index.js';
import type { Feature, FeatureHost, Project, StatusPart, TargetFiles } from './types.js';

/**
 * Makes each feature's model once, on first use, for one session. With a screen all models are
 * made at the start (`createAll`), so none misses the first stop. Headless (batch mode), models are
 * made when a command first needs one, and told that no pane shows them.
 */
export class Models implements FeatureHost {
  private readonly made = new Map<Feature, object>();
  readonly sources: SourceFinder;
  /** Parts of the status bar from outside the panes (pair debugging's presence). */
  readonly statusParts: StatusPart[] = [];

  constructor(
    readonly session: Session,
    private readonly services: { rpc(what: string): Promise<DelveRpcClient>; openRpc(): Promise<DelveRpcClient | undefined>; traceTarget(): Promise<BpfTarget>; pid?(): number | undefined; files?: TargetFiles; core?(): string | undefined; project?: () => Project | undefined; restoresSaved?: boolean; sources?: SourceFinder },
    readonly headless = false,
  ) {
    this.sources = services.sources ?? new SourceFinder();
  }

  model<M extends object>(feature: Feature<M>): M {
    let m = this.made.get(feature as unknown as Feature);
    if (!m) {
      m = feature.create(this);
      this.made.set(feature as unknown as Feature, m);
      if (this.headless) (m as { setShown?(shown: boolean): void }).setShown?.(false);
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

  targetPid(): number | undefined {
    return this.services.pid?.();
  }

  targetFiles(): TargetFiles {
    // Without its own (a test's session): the traced process's, read on this machine.
    return this.services.files ?? {
      binary: async () => (await this.traceTarget()).binary,
      symbols: async () => {
        const t = await this.traceTarget();
        return t.symbols ?? t.binary;
      },
      maps: async () => fs.readFileSync(`/proc/${(await this.traceTarget()).pid}/maps`, 'utf8'),
    };
  }

  coreFile(): string | undefined {
    return this.services.core?.();
  }

  project(): Project | undefined {
    return this.services.project?.();
  }

  restoresSaved(): boolean {
    return !!this.services.restoresSaved;
  }
}
