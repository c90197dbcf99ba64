import { useSyncExternalStore } from 'react';
import { Text } from 'ink';
import type { GoroutinesController } from '../../goroutines/controller.js';
import { renderGroupLines, renderMemberLines, type LineMark } from '../../goroutines/view.js';
import { fit, Pane } from '../Pane.js';
import { innerHeight, innerWidth, type Rect } from '../layout.js';

const COLOR: Partial<Record<LineMark, string>> = { header: 'cyan', note: 'yellow', error: 'red', loading: 'gray', new: 'greenBright', grew: 'yellow', shrank: 'green', vanished: 'gray' };

/** Goroutines grouped (Delve's JSON-RPC side channel, or DAP threads when the server has none); Enter opens a group. */
export function GoroutinesPane({ rect, focused, goroutines }: { rect: Rect; focused: boolean; goroutines: GoroutinesController }) {
  const state = useSyncExternalStore(goroutines.store.subscribe, goroutines.store.get);
  const width = innerWidth(rect);
  const height = innerHeight(rect);
  const lines = state.expanded ? renderMemberLines(state, width, height) : renderGroupLines(state, width, height);
  return (
    <Pane rect={rect} index={2} title="Goroutines" focused={focused} note={state.expanded ? 'Esc: back to groups' : undefined}>
      {lines.map((l, i) => (
        <Text key={i} wrap="truncate-end" inverse={focused && l.selected} color={l.mark ? COLOR[l.mark] : undefined} bold={l.selected}>
          {fit(l.text, width)}
        </Text>
      ))}
    </Pane>
  );
}
