import type { Movable } from '../core/list-cursor.js';
import { ProbeStream } from '../bpf/stream.js';
import type { ProbeEvent } from '../bpf/types.js';
import type { Session } from '../session/session.js';

/**
 * Every logpoint hit as a stream, like an eBPF probe's: bounded, filterable, pausable, with a
 * rate per second. Lines arrive with Delve's DAP output events; the rate rolls on a timer only
 * while the pane is on screen (so a quiet second shows as 0/s).
 */
export class LogpointsModel implements Movable {
  readonly stream = new ProbeStream({ id: 1, title: 'logpoints', primary: 'events' });
  /** Matching events scrolled back from the newest (0 = following). */
  scroll = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(session: Session) {
    this.stream.setStatus('running');
    session.events.on('logpoint', (e) => {
      const bp = session.state.breakpoints.find((b) => b.logMessage && b.file === e.file && b.line === e.line);
      const name = e.file.split('/').pop();
      this.stream.push([{ text: `${bp ? `#${bp.id} ` : ''}${name}:${e.line} [Go ${e.goroutine}] ${e.text}`, goid: e.goroutine, file: e.file, line: e.line }]);
    });
  }

  readonly subscribe = (listener: () => void): (() => void) => this.stream.subscribe(listener);

  setShown(shown: boolean): void {
    clearInterval(this.timer);
    this.timer = undefined;
    if (!shown) return;
    this.timer = setInterval(() => this.stream.roll(Date.now()), 1_000);
    this.timer.unref();
  }

  /** Up is older. */
  move(delta: number): void {
    this.scroll = this.stream.moveCursor(this.scroll, delta);
    this.stream.roll(Date.now());
  }

  setViewport(): void {
    // The pane shows the newest matching lines up to its height.
  }

  /** The line under the cursor: the newest one shown. */
  selected(): ProbeEvent | undefined {
    return this.stream.visibleEvents(1, this.scroll).events[0];
  }
}
