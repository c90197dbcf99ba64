import { useSyncExternalStore } from 'react';
import { Text } from 'ink';
import type { FlagsController } from '../../flags/controller.js';
import { renderFlagLines, type SpanRole } from '../../flags/view.js';
import { fit, Pane } from '../Pane.js';
import { innerHeight, innerWidth, type Rect } from '../layout.js';

const COLOR: Partial<Record<SpanRole, string>> = { marker: 'yellow', name: 'cyan', type: 'magenta', default: 'gray', usage: 'gray', title: 'cyanBright', note: 'yellow', error: 'red', dim: 'gray' };

/** The live program's flags: every FlagSet watched, os.Args, pending edits; values re-read at each stop. */
export function FlagsPane({ rect, focused, flags }: { rect: Rect; focused: boolean; flags: FlagsController }) {
  const state = useSyncExternalStore(flags.store.subscribe, flags.store.get);
  const width = innerWidth(rect);
  const lines = renderFlagLines(state, width, innerHeight(rect));
  return (
    <Pane rect={rect} index={8} title="Flags" focused={focused} note="Enter edits, x cancels a pending edit">
      {lines.map((l, i) => (
        <Text key={i} wrap="truncate-end" inverse={focused && l.cursor} dimColor={l.stale} bold={l.changed}>
          {l.spans.map((s, k) => (
            <Text key={k} color={COLOR[s.role]}>
              {s.text}
            </Text>
          ))}
          {fit('', Math.max(0, width - l.text.length))}
        </Text>
      ))}
    </Pane>
  );
}
