import type { PendingEdit } from './model.js';

/** Edits waiting for a stop where the target can run a call; one per flag (a newer edit replaces the older). */
export class EditQueue {
  private items: PendingEdit[] = [];
  private nextId = 1;

  list(): readonly PendingEdit[] {
    return this.items;
  }

  get size(): number {
    return this.items.length;
  }

  add(edit: Omit<PendingEdit, 'id' | 'attempts'>): { edit: PendingEdit; replaced?: PendingEdit } {
    const replaced = this.items.find((e) => e.setExpr === edit.setExpr && e.name === edit.name);
    const added: PendingEdit = { ...edit, id: this.nextId++, attempts: 0 };
    this.items = [...this.items.filter((e) => e !== replaced), added];
    return replaced ? { edit: added, replaced } : { edit: added };
  }

  get(id: number): PendingEdit | undefined {
    return this.items.find((e) => e.id === id);
  }

  /** The edit waiting for flag `name` of `setExpr`, taken out: a newer value was written at once. */
  supersede(setExpr: string, name: string): PendingEdit | undefined {
    const e = this.items.find((x) => x.setExpr === setExpr && x.name === name);
    return e && this.remove(e.id);
  }

  /** Takes an edit out (cancelled, applied or failed for good). */
  remove(id: number): PendingEdit | undefined {
    const e = this.get(id);
    if (e) this.items = this.items.filter((x) => x.id !== id);
    return e;
  }

  /** Another stop where the call could not run: the edit stays, with the latest reason. */
  deferred(id: number, reason: string): void {
    this.items = this.items.map((e) => (e.id === id ? { ...e, reason, attempts: e.attempts + 1 } : e));
  }
}
