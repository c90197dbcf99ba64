/**
 * A typed event emitter: `on('stop', (e) => ...)` with e typed by the event map. Listeners run
 * synchronously in the order they subscribed; one that throws does not stop the others.
 */
export class Emitter<Events extends { [K in keyof Events]: unknown }> {
  private readonly handlers = new Map<keyof Events, Set<(payload: never) => void>>();

  on<K extends keyof Events>(event: K, handler: (payload: Events[K]) => void): () => void {
    let set = this.handlers.get(event);
    if (!set) this.handlers.set(event, (set = new Set()));
    set.add(handler as (payload: never) => void);
    return () => set.delete(handler as (payload: never) => void);
  }

  emit<K extends keyof Events>(event: K, payload: Events[K]): void {
    const set = this.handlers.get(event);
    if (!set) return;
    for (const h of [...set]) {
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
