import type React from 'react';
import { Box, Text } from 'ink';
import type { Rect } from './layout.js';

/** A bordered pane with its number and title in the top border; the focused one is highlighted. */
export function Pane(props: { rect: Rect; index: number; title: string; focused: boolean; note?: string; children?: React.ReactNode }) {
  const { rect, index, title, focused, note } = props;
  const color = focused ? 'cyan' : 'gray';
  const label = ` ${index} ${title}${note ? ` · ${note}` : ''} `;
  const fill = Math.max(0, rect.width - 3 - label.length);
  return (
    <Box flexDirection="column" width={rect.width} height={rect.height}>
      <Text color={color} wrap="truncate-end">
        {'┌─'}
        <Text bold={focused} color={focused ? 'cyanBright' : 'white'}>
          {label.slice(0, Math.max(0, rect.width - 3))}
        </Text>
        {'─'.repeat(fill)}
        {'┐'}
      </Text>
      <Box borderStyle="single" borderTop={false} borderColor={color} width={rect.width} height={rect.height - 1} flexDirection="column" overflow="hidden">
        {props.children}
      </Box>
    </Box>
  );
}

/** Pads or cuts plain text to exactly `width` columns (tabs as 4 spaces), so rows never wrap. */
export function fit(text: string, width: number): string {
  const t = text.replace(/\t/g, '    ');
  return t.length > width ? t.slice(0, Math.max(0, width - 1)) + '…' : t.padEnd(width);
}
