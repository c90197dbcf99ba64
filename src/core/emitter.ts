/**
 * A typed event emitter: `on('stop', (e) => ...)` with e typed by the event map. Listeners run
 * synchronously in the order they subscribed, those subscribed `early` first; one that throws
 * does not stop the others.
 */
export class Emitter<Events extends { [K in keyof Events]: unknown }> {
  private readonly handlers = new Map<keyof Events, { early: Set<(payload: never) => void>; rest: Set<(payload: never) => void> }>();

  /** `early`: what the user sees first (a stop's line and its paint) comes before the rest's work. */
  on<K extends keyof Events>(event: K, handler: (payload: Events[K]) => void, opts: { early?: boolean } = {}): () => void {
    let sets = this.handlers.get(event);
    if (!sets) this.handlers.set(event, (sets = { early: new Set(), rest: new Set() }));
    const set = opts.early ? sets.early : sets.rest;
    set.add(handler as (payload: never) => void);
    return () => set.delete(handler as (payload: never) => void);
  }

  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    const sets = this.handlers.get(event);
    if (!sets) return;
    for (const h of [...sets.early, ...sets.rest]) {
      try {
        (h as (p: Events[K]) => void)(payload);
      } catch (err) {
        this.onListenerError(err, String(event));
      }
    }
  }

  /** Where a failing listener's error goes (the console, by default stderr). */
  onListenerError: (err: unknown, event: string) => void = (err, event) => {
    process.stderr.write(`gotui: a handler of '${event}' failed: ${err instanceof Error ? err.message : String(err)}\n`);
  };

  clear(): void {
    this.handlers.clear();
  }
}
