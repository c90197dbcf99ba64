import { render } from 'ink-testing-library';
import type { ComponentType } from 'react';
import type { PaneProps } from '../../src/features/types.js';
import { initialState, type SessionState } from '../../src/session/state.js';

const SGR = /\x1b\[[0-9;]*m/g;

/** Renders a pane component with ink-testing-library and returns its frame as plain lines. */
export function renderPane<M>(Pane: ComponentType<PaneProps<M>>, model: M, opts: { width?: number; height?: number; focused?: boolean; session?: Partial<SessionState> } = {}): string[] {
  const rect = { x: 0, y: 0, width: opts.width ?? 60, height: opts.height ?? 10 };
  const session = { ...initialState('test'), status: 'stopped' as const, ...opts.session };
  const r = render(<Pane model={model} rect={rect} focused={opts.focused ?? false} index={1} session={session} />);
  const frame = (r.lastFrame() ?? '').replace(SGR, '');
  r.unmount();
  return frame.split('\n');
}
