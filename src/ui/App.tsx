import { useEffect, useState, useSyncExternalStore, type ReactNode } from 'react';
import { Box, Text, useStdin, useStdout } from 'ink';
import type { Store } from '../session/store.js';
import type { Session } from '../session/session.js';
import { decodeKeys } from './keys.js';
import type { KeyHandler } from './input.js';
import { computeLayout, MIN_COLUMNS, MIN_ROWS, type Rect } from './layout.js';
import type { PaneId, UiState } from './ui-state.js';
import { SourcePane } from './panes/SourcePane.js';
import { ConsolePane, GoroutinesPlaceholder, StackPane, VariablesPane } from './panes/ListPanes.js';
import { CommandLine, HelpScreen, StatusBar } from './Chrome.js';

/** Panes of the bottom slot beyond the console, each drawn from its own store. */
export type ToolPanes = Partial<Record<PaneId, (rect: Rect, focused: boolean) => ReactNode>>;

export function App({ session, ui, keys, tools }: { session: Session; ui: Store<UiState>; keys: KeyHandler; tools: ToolPanes }) {
  const s = useSyncExternalStore(session.store.subscribe, session.store.get);
  const u = useSyncExternalStore(ui.subscribe, ui.get);
  const size = useTerminalSize();
  const { internal_eventEmitter } = useStdin() as ReturnType<typeof useStdin> & { internal_eventEmitter?: NodeJS.EventEmitter };
  const { setRawMode } = useStdin();

  // Ink's useInput drops function-key names; read its split input events and decode them ourselves.
  useEffect(() => {
    setRawMode(true);
    const onInput = (data: string) => {
      for (const k of decodeKeys(data)) keys.handle(k);
    };
    internal_eventEmitter?.on('input', onInput);
    return () => {
      internal_eventEmitter?.off('input', onInput);
      setRawMode(false);
    };
  }, [internal_eventEmitter, keys, setRawMode]);

  const layout = computeLayout(size.columns, size.rows, u.bottom !== 'console');
  if (layout.kind === 'too-small') {
    return (
      <Box flexDirection="column" width={size.columns} height={Math.max(1, size.rows - 1)}>
        <Text color="yellow">Terminal too small: {layout.columns}x{layout.rows}.</Text>
        <Text>gotui needs at least {MIN_COLUMNS}x{MIN_ROWS}. Enlarge the window (q quits).</Text>
      </Box>
    );
  }
  const variables = session.visibleVariables();
  const p = layout.panes;
  return (
    <Box flexDirection="column" width={size.columns} height={size.rows - 1}>
      {u.mode === 'help' ? (
        <HelpScreen rect={layout.main} ui={u} />
      ) : (
        <Box flexDirection="row" height={layout.main.height}>
          <Box flexDirection="column" width={p.source.width}>
            <SourcePane rect={p.source} focused={u.focus === 'source'} ui={u} session={s} />
            {u.bottom === 'console' || !tools[u.bottom] ? (
              <ConsolePane rect={p.bottom} focused={u.focus === 'console'} ui={u} session={s} />
            ) : (
              tools[u.bottom]!(p.bottom, u.focus === u.bottom)
            )}
          </Box>
          <Box flexDirection="column" width={p.goroutines.width}>
            {tools.goroutines?.(p.goroutines, u.focus === 'goroutines') ?? <GoroutinesPlaceholder rect={p.goroutines} focused={u.focus === 'goroutines'} session={s} />}
            <StackPane rect={p.stack} focused={u.focus === 'stack'} ui={u} session={s} />
            <VariablesPane rect={p.variables} focused={u.focus === 'variables'} ui={u} session={s} variables={variables} />
          </Box>
        </Box>
      )}
      <StatusBar rect={layout.status} session={s} ui={u} />
      <CommandLine rect={layout.commandLine} session={s} ui={u} />
    </Box>
  );
}

function useTerminalSize(): { columns: number; rows: number } {
  const { stdout } = useStdout();
  const read = () => ({ columns: stdout.columns || 80, rows: stdout.rows || 24 });
  const [size, setSize] = useState(read);
  useEffect(() => {
    const on = () => setSize(read());
    stdout.on('resize', on);
    return () => {
      stdout.off('resize', on);
    };
  }, [stdout]);
  return size;
}
