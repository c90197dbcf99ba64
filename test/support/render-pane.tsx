import { render } from 'ink-testing-library';
import type { Feature, PaneProps } from '../../src/features/types.js';
import { initialState, type SessionState } from '../../src/session/state.js';
import { frameRows } from '../../src/ui/frame.js';
import { Lines } from '../../src/ui/line.js';

const SGR = /\x1b\[[0-9;]*m/g;

/** Draws a feature's pane with Ink (ink-testing-library) and returns its frame as plain lines. */
export function renderPane<M extends object>(feature: Pick<Feature<M>, 'view' | 'title'>, model: M, opts: { width?: number; height?: number; focused?: boolean; session?: Partial<SessionState> } = {}): string[] {
  const rect = { x: 0, y: 0, width: opts.width ?? 60, height: opts.height ?? 10 };
  const session = { ...initialState('test'), status: 'stopped' as const, ...opts.session };
  const props: PaneProps<M> = { model, rect, focused: opts.focused ?? false, session, stale: session.status === 'running' };
  const rows = frameRows(feature.view(props), rect, { title: feature.title, focused: props.focused, index: 1 });
  const r = render(<Lines rows={rows} width={rect.width} />);
  const frame = (r.lastFrame() ?? '').replace(SGR, '');
  r.unmount();
  return frame.split('\n');
}
