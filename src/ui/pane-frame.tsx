import { Box, Text } from 'ink';
import type { Rect } from '../core/rect.js';
import { cellWidth, cut, fitRow, type Row } from './text.js';

export interface FrameProps {
  rect: Rect;
  index?: number;
  title: string;
  /** After the title: `12/120`, `goroutine 1`, `from stop 3`. */
  note?: string;
  focused: boolean;
  /** The rows inside the border (only as many as fit are drawn). */
  rows: readonly Row[];
  /** Data of an earlier stop while the target runs: drawn dimmed. */
  stale?: boolean;
}

/**
 * A bordered pane: its digit and title in the top border, one Ink Text per row. Rows are cut and
 * padded to the width here, so nothing a pane shows can wrap or escape its border.
 */
export function PaneFrame({ rect, index, title, note, focused, rows, stale }: FrameProps) {
  const border = focused ? 'cyan' : 'gray';
  const inner = Math.max(0, rect.width - 2);
  const height = Math.max(0, rect.height - 2);
  const full = ` ${index !== undefined ? `${index} ` : ''}${title}${note ? ` · ${note}` : ''} `;
  const room = Math.max(0, rect.width - 3);
  // A title too long for its border is cut with an ellipsis, like every other text.
  const label = cellWidth(full) > room ? `${cut(full, room - 2)}… ` : full;
  const labelWidth = cellWidth(label);
  const top = (
    <Text color={border}>
      {'┌─'}
      <Text bold={focused} color={focused ? 'cyanBright' : 'white'}>
        {label}
      </Text>
      {'─'.repeat(Math.max(0, rect.width - 3 - labelWidth))}
      {'┐'}
    </Text>
  );
  const body = [];
  for (let i = 0; i < height; i++) {
    const row = fitRow(rows[i] ?? [], inner);
    body.push(
      <Text key={i}>
        <Text color={border}>│</Text>
        {row.map((s, k) => (
          <Text key={k} color={s.color} backgroundColor={s.backgroundColor} bold={s.bold} dimColor={stale || s.dim} inverse={s.inverse}>
            {s.text}
          </Text>
        ))}
        <Text color={border}>│</Text>
      </Text>,
    );
  }
  return (
    <Box flexDirection="column" width={rect.width} height={rect.height}>
      {top}
      {body}
      <Text color={border}>{`└${'─'.repeat(inner)}┘`}</Text>
    </Box>
  );
}
