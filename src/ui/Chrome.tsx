import { Box, Text } from 'ink';
import type { SessionState } from '../session/state.js';
import { commandHelpLines } from '../commands/registry.js';
import { KEYMAP, keymapHelpLines } from './keymap.js';
import { fit } from './Pane.js';
import type { Rect } from './layout.js';
import type { UiState } from './ui-state.js';

const STATUS_COLOR: Record<SessionState['status'], string> = {
  connecting: 'yellow',
  running: 'green',
  stopped: 'red',
  exited: 'gray',
  disconnected: 'redBright',
};

export function StatusBar({ rect, session, ui }: { rect: Rect; session: SessionState; ui: UiState }) {
  const state = session.status === 'stopped' && session.stopReason ? `stopped (${session.stopReason})` : session.status;
  const where = session.status === 'stopped' && session.selectedThreadId !== undefined ? ` │ goroutine ${session.selectedThreadId}` : '';
  const left = ` ${state} │ ${session.targetLabel} │ Delve ${session.delveVersion}${where} │ `;
  const hints = ui.flash ?? KEYMAP.filter((b) => b.hint).map((b) => b.hint).join('  ');
  return (
    <Box width={rect.width} height={1}>
      <Text wrap="truncate-end">
        <Text backgroundColor={STATUS_COLOR[session.status]} color="black" bold>
          {left}
        </Text>
        <Text color={ui.flash ? 'yellow' : 'gray'}>{fit(hints, Math.max(0, rect.width - left.length))}</Text>
      </Text>
    </Box>
  );
}

export function CommandLine({ rect, session, ui }: { rect: Rect; session: SessionState; ui: UiState }) {
  if (session.prompt) {
    const choices = session.prompt.choices.map((c) => `[${c.key}] ${c.label}`).join('  ');
    return (
      <Text wrap="truncate-end" color="yellowBright">
        {fit(`${session.prompt.text} ${choices}  [Esc] cancel`, rect.width)}
      </Text>
    );
  }
  if (ui.mode === 'command') {
    return (
      <Text wrap="truncate-end">
        {':'}
        {ui.commandText}
        <Text inverse> </Text>
      </Text>
    );
  }
  return (
    <Text wrap="truncate-end" color="red">
      {fit(session.lastError ?? '', rect.width)}
    </Text>
  );
}

/** The `?` screen: generated from the keymap and the command registry, so it cannot drift. */
export function HelpScreen({ rect, ui }: { rect: Rect; ui: UiState }) {
  const lines = ['gotui keys (Esc closes, ↑/↓ scroll)', '', ...keymapHelpLines(), 'Commands (type : first)', ...commandHelpLines().map((l) => `  ${l}`)];
  const top = Math.min(ui.helpTop, Math.max(0, lines.length - rect.height + 2));
  return (
    <Box flexDirection="column" width={rect.width} height={rect.height} borderStyle="double" borderColor="cyan">
      {lines.slice(top, top + rect.height - 2).map((l, i) => (
        <Text key={i} wrap="truncate-end">
          {fit(l, rect.width - 2)}
        </Text>
      ))}
    </Box>
  );
}
