import type React from 'react';
import { useEffect, useSyncExternalStore } from 'react';
import { Text } from 'ink';
import { memoryPaneModel } from '../../memory/pane-model.js';
import type { RegionKind } from '../../memory/regions.js';
import type { MemoryStore } from '../../memory/store.js';
import type { RowSegment } from '../../memory/view-rows.js';
import { Pane } from '../Pane.js';
import { innerHeight, innerWidth, type Rect } from '../layout.js';

export const KIND_COLOR: Record<RegionKind, string> = {
  stack: 'green',
  heap: 'blue',
  text: 'magenta',
  data: 'cyan',
  other: 'white',
};

/**
 * gdb's `x` as a pane: rows of cells with an ASCII column, pointers coloured by what they point
 * into, cells changed since the previous stop in yellow, the cursor inverse when focused.
 * Its data lives in the MemoryStore; only the rows on screen are built.
 */
export function MemoryPane({ rect, focused, store, index = 7 }: { rect: Rect; focused: boolean; store: MemoryStore; index?: number }) {
  const snap = useSyncExternalStore(store.subscribe, store.get);
  const width = innerWidth(rect);
  const height = innerHeight(rect);
  const model = memoryPaneModel(
    snap,
    { view: store.viewSource(), watch: (w) => store.watchSource(w), annotate: (v) => store.target.annotate(v), symbolize: store.target.symbolize },
    width,
    height,
  );
  useEffect(() => store.layout(model.perRow, model.viewRows), [store, model.perRow, model.viewRows]);
  return (
    <Pane rect={rect} index={index} title="Memory" focused={focused} note={model.note}>
      {model.lines.slice(0, height).map((line, i) => (
        <Text key={i} wrap="truncate-end">
          {renderSegments(line.segments, width, focused)}
        </Text>
      ))}
    </Pane>
  );
}

function segmentStyle(seg: RowSegment, focused: boolean): { color?: string; bold?: boolean; inverse?: boolean; dimColor?: boolean } {
  if (seg.role === 'text') return seg.tone === 'error' ? { color: 'red' } : seg.tone === 'heading' ? { color: 'cyan', bold: true } : seg.tone === 'info' ? { color: 'gray' } : {};
  if (seg.role === 'address') return { color: 'gray' };
  if (seg.role === 'ascii') return { color: 'gray' };
  if (seg.role === 'note') return { color: seg.kind ? KIND_COLOR[seg.kind] : 'gray', dimColor: true };
  if (seg.role === 'cell') {
    return {
      ...(seg.unreadable ? { color: 'red' } : seg.changed ? { color: 'yellow' } : seg.kind ? { color: KIND_COLOR[seg.kind] } : {}),
      ...(seg.changed ? { bold: true } : {}),
      ...(seg.cursor && focused ? { inverse: true } : seg.cursor ? { bold: true } : {}),
    };
  }
  return {};
}

/** Segments cut to exactly `width` columns, so rows never wrap. */
function renderSegments(segments: readonly RowSegment[], width: number, focused: boolean): React.ReactNode[] {
  const out: React.ReactNode[] = [];
  let used = 0;
  segments.forEach((seg, i) => {
    if (used >= width) return;
    let t = seg.text;
    if (used + t.length > width) t = `${t.slice(0, Math.max(0, width - used - 1))}…`;
    used += t.length;
    out.push(
      <Text key={i} {...segmentStyle(seg, focused)}>
        {t}
      </Text>,
    );
  });
  if (used < width) out.push(<Text key="pad">{' '.repeat(width - used)}</Text>);
  return out;
}
