import { Box, Text } from 'ink';
import type { Row } from '../core/text.js';

/** One line of styled runs, as Ink draws it. */
export function Line({ row }: { row: Row }) {
  return (
    <Text wrap="truncate-end">
      {row.map((s, k) => (
        <Text key={k} color={s.color} backgroundColor={s.backgroundColor} bold={s.bold} dimColor={s.dim} inverse={s.inverse}>
          {s.text}
        </Text>
      ))}
    </Text>
  );
}

/** Rows one under the other, each one line high even when nothing of it fits (for the line renderer, component tests and the too-small notice). */
export function Lines({ rows, width }: { rows: readonly Row[]; width: number }) {
  return (
    <Box flexDirection="column" width={width}>
      {rows.map((r, i) => (
        <Box key={i} height={1}>
          <Line row={r} />
        </Box>
      ))}
    </Box>
  );
}
