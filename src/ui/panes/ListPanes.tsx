import { Text } from 'ink';
import type { ConsoleLine, SessionState, VarNode } from '../../session/state.js';
import { fit, Pane } from '../Pane.js';
import { innerHeight, innerWidth, scrollTop, type Rect } from '../layout.js';
import type { UiState } from '../ui-state.js';

interface PaneProps {
  rect: Rect;
  focused: boolean;
  ui: UiState;
  session: SessionState;
}

/** Renders only the rows that fit: lists may hold thousands of entries. */
function Window<T>(props: { items: T[]; cursor: number; height: number; width: number; focused: boolean; render: (item: T, i: number) => { text: string; color?: string; bold?: boolean } }) {
  const top = scrollTop(props.cursor, props.items.length, props.height);
  return (
    <>
      {props.items.slice(top, top + props.height).map((item, k) => {
        const i = top + k;
        const r = props.render(item, i);
        return (
          <Text key={i} wrap="truncate-end" inverse={props.focused && i === props.cursor} color={r.color} bold={r.bold}>
            {fit(r.text, props.width)}
          </Text>
        );
      })}
    </>
  );
}

/** Until the goroutine view is up (it starts once attached). */
export function GoroutinesPlaceholder({ rect, focused, session }: Omit<PaneProps, 'ui'>) {
  return (
    <Pane rect={rect} index={2} title="Goroutines" focused={focused}>
      <Text color="gray">{fit(session.status === 'connecting' ? 'Connecting…' : 'Not available.', innerWidth(rect))}</Text>
    </Pane>
  );
}

export function StackPane({ rect, focused, ui, session }: PaneProps) {
  const width = innerWidth(rect);
  const g = session.selectedThreadId;
  return (
    <Pane rect={rect} index={3} title="Stack" focused={focused} note={g !== undefined && session.frames.length ? `goroutine ${g}` : undefined}>
      <Window
        items={session.frames}
        cursor={ui.cursors.stack}
        height={innerHeight(rect)}
        width={width}
        focused={focused}
        render={(f, i) => ({
          text: `${i === session.selectedFrame ? '▶' : ' '}${String(i).padStart(2)} ${f.name}  ${f.file ? `${f.file.split('/').pop()}:${f.line}` : ''}`,
          color: i === session.selectedFrame ? 'yellow' : f.name.startsWith('runtime.') ? 'gray' : undefined,
        })}
      />
    </Pane>
  );
}

export function VariablesPane({ rect, focused, ui, session, variables }: PaneProps & { variables: VarNode[] }) {
  const width = innerWidth(rect);
  return (
    <Pane rect={rect} index={4} title="Variables" focused={focused}>
      <Window
        items={variables}
        cursor={ui.cursors.variables}
        height={innerHeight(rect)}
        width={width}
        focused={focused}
        render={(v) => {
          const open = v.ref > 0 ? (session.expanded.has(v.key) ? '▾' : '▸') : ' ';
          const type = v.type ? ` ${v.type}` : '';
          return { text: `${'  '.repeat(v.depth)}${open} ${v.name}${type} = ${v.value}`, color: v.name === '…more' ? 'gray' : undefined };
        }}
      />
    </Pane>
  );
}

const KIND_COLOR: Record<ConsoleLine['kind'], string | undefined> = {
  output: undefined,
  stderr: 'yellow',
  command: 'cyan',
  result: 'white',
  error: 'red',
  info: 'gray',
  warning: 'yellow',
};

export function ConsolePane({ rect, focused, ui, session }: PaneProps) {
  const width = innerWidth(rect);
  const height = innerHeight(rect);
  const end = session.console.length - ui.consoleBack;
  const lines = session.console.slice(Math.max(0, end - height), end);
  return (
    <Pane rect={rect} index={5} title="Console" focused={focused} note={ui.consoleBack ? `${ui.consoleBack} lines back` : undefined}>
      {lines.map((l, i) => (
        <Text key={i} wrap="truncate-end" color={KIND_COLOR[l.kind]}>
          {fit(l.text, width)}
        </Text>
      ))}
    </Pane>
  );
}
