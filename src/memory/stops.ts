import type { Session } from '../session/session.js';

export interface FrameChange {
  /** The first change after a new stop (memory is re-read only then). */
  readonly newStop: boolean;
  readonly stop: number;
}

/**
 * Calls `listener` when the selected frame's context is ready to be read:
 * after each stop once the session has loaded that stop's frames (frame ids
 * from before a stop are stale), and after the user selects another goroutine
 * or frame. Run as a microtask: after the session's next request is on its way, without waiting
 * for its answer (a memory re-read costs Delve well under a millisecond).
 */
export function onFrameChange(session: Session, listener: (change: FrameChange) => void): () => void {
  let stop = session.state.stopCount;
  let framesAtStop = session.state.frames;
  let newStop = false;
  let last = { frames: session.state.frames, selected: session.state.selectedFrame };
  return session.store.subscribe(() => {
    const s = session.state;
    if (s.stopCount !== stop) {
      stop = s.stopCount;
      framesAtStop = s.frames;
      newStop = true;
    }
    if (s.status !== 'stopped' || (newStop && s.frames === framesAtStop)) return;
    if (!newStop && s.frames === last.frames && s.selectedFrame === last.selected) return;
    last = { frames: s.frames, selected: s.selectedFrame };
    const change = { newStop, stop };
    newStop = false;
    queueMicrotask(() => listener(change));
  });
}
