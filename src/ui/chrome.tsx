import { Box, Text } from 'ink';
import type { Rect } from '../core/rect.js';
import { describeStopReason } from '../session/breakpoints.js';
import type { SessionState, Status } from '../session/state.js';
import { PaneFrame } from './pane-frame.js';
import { cellWidth, fit, wrap, type Row } from './text.js';
import type { Pager, UiState } from './ui-state.js';
import { MIN_COLUMNS, MIN_ROWS } from './layout.js';

const STATUS_COLOR: Record<Status, string> = {
  connecting: 'yellow',
  running: 'green',
  stopped: 'red',
  exited: 'gray',
  disconnected: 'redBright',
};

/** `stopped at breakpoint #1`, `running`, `stopped: panic: boom` */
export function stateWords(s: SessionState): string {
  if (s.status !== 'stopped' || !s.stop) return s.status;
  const why = describeStopReason(s.stop, s.breakpoints);
  return s.stop.reason === 'exception' ? `stopped: ${why}` : `stopped (${why})`;
}

export function StatusBar({ rect, session, ui, hints }: { rect: Rect; session: SessionState; ui: UiState; hints: string }) {
  const where = session.status === 'stopped' && session.selection ? ` │ goroutine ${session.selection.goroutine}` : '';
  // The stop's number: panes showing data of an earlier stop say which.
  const stop = session.status === 'stopped' && session.stop ? ` │ stop ${session.stop.number}` : '';
  const left = fit(` ${stateWords(session)}${stop} │ ${session.targetLabel} │ Delve ${session.delveVersion}${where} │ `, Math.min(rect.width, Math.max(20, Math.floor(rect.width * 0.7))));
  const leftText = left.trimEnd() + ' ';
  const rest = Math.max(0, rect.width - cellWidth(leftText));
  return (
    <Box width={rect.width} height={1}>
      <Text>
        <Text backgroundColor={STATUS_COLOR[session.status]} color="black" bold>
          {leftText}
        </Text>
        <Text color={ui.flash ? 'yellow' : 'gray'}>{fit(ui.flash ?? hints, rest)}</Text>
      </Text>
    </Box>
  );
}

export function CommandLine({ rect, ui, lastError }: { rect: Rect; ui: UiState; lastError?: string }) {
  if (ui.question) {
    const choices = ui.question.choices.map((c) => `[${c.key}] ${c.label}`).join('  ');
    return <Text color="yellowBright">{fit(`${ui.question.text} ${choices}  [Esc] cancel`, rect.width)}</Text>;
  }
  if (ui.mode === 'command') {
    // The end of a long line stays in view, as a shell's does.
    const room = Math.max(1, rect.width - 2);
    const text = ui.commandText.length > room ? `…${ui.commandText.slice(-(room - 1))}` : ui.commandText;
    return (
      <Text>
        {':'}
        {fit(text, cellWidth(text))}
        <Text inverse> </Text>
        {' '.repeat(Math.max(0, rect.width - 2 - cellWidth(text)))}
      </Text>
    );
  }
  if (ui.mode === 'pager') return <Text color="gray">{fit('j/k ↑/↓ scroll · Space/PgDn page · g/G ends · Esc or q closes', rect.width)}</Text>;
  return <Text color="red">{fit(lastError ?? '', rect.width)}</Text>;
}

/** Wrapped rows of the pager's text at a width. */
export function pagerRows(pager: Pager, width: number): string[] {
  return pager.lines.flatMap((l) => wrap(l, width));
}

/** Long text (help, a value, a stack) in a scrollable window over the panes; lines wrap, nothing is cut. */
export function PagerPane({ rect, pager }: { rect: Rect; pager: Pager }) {
  const width = Math.max(1, rect.width - 2);
  const height = Math.max(1, rect.height - 2);
  const all = pagerRows(pager, width);
  const top = Math.min(pager.top, Math.max(0, all.length - height));
  const rows: Row[] = all.slice(top, top + height).map((t) => [{ text: t }]);
  const note = all.length > height ? `${top + 1}-${Math.min(all.length, top + height)} of ${all.length} · Esc closes` : 'Esc closes';
  return <PaneFrame rect={rect} title={pager.title} note={note} focused rows={rows} />;
}

export function TooSmall({ rect }: { rect: Rect }) {
  return (
    <Box flexDirection="column" width={rect.width} height={rect.height}>
      <Text color="yellow">{fit(`Terminal too small: ${rect.width}x${rect.height}.`, rect.width)}</Text>
      <Text>{fit(`gotui needs at least ${MIN_COLUMNS}x${MIN_ROWS}. Enlarge the window (q quits).`, rect.width)}</Text>
    </Box>
  );
}
