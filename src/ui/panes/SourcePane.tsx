import type React from 'react';
import { Text } from 'ink';
import { loadSource } from '../../source/files.js';
import type { TokenKind } from '../../source/go-lexer.js';
import type { SessionState } from '../../session/state.js';
import { fit, Pane } from '../Pane.js';
import { innerHeight, innerWidth, scrollTop, type Rect } from '../layout.js';
import type { UiState } from '../ui-state.js';

const COLORS: Record<TokenKind, string | undefined> = {
  keyword: 'magenta',
  type: 'cyan',
  builtin: 'blue',
  string: 'green',
  number: 'yellow',
  comment: 'gray',
  plain: undefined,
};

export function SourcePane({ rect, focused, ui, session }: { rect: Rect; focused: boolean; ui: UiState; session: SessionState }) {
  const height = innerHeight(rect);
  const width = innerWidth(rect);
  if (!ui.sourceFile) {
    const why = session.status === 'running' ? 'The target is running: p pauses it, or set a breakpoint with :break.' : 'No source yet.';
    return (
      <Pane rect={rect} index={1} title="Source" focused={focused}>
        <Text color="gray">{fit(why, width)}</Text>
      </Pane>
    );
  }
  const file = loadSource(ui.sourceFile);
  const frame = session.frames[session.selectedFrame];
  const stopLine = session.status === 'stopped' && frame?.file === ui.sourceFile ? frame.line : -1;
  const bpLines = new Map(session.breakpoints.filter((b) => b.file === ui.sourceFile && b.line).map((b) => [b.line!, b]));
  const title = `Source ${shortName(ui.sourceFile)}`;
  if (file.missing) {
    return (
      <Pane rect={rect} index={1} title={title} focused={focused}>
        <Text color="yellow">{fit(file.missing, width)}</Text>
        {frame ? <Text>{fit(`Stopped at line ${frame.line} of ${frame.name}.`, width)}</Text> : null}
      </Pane>
    );
  }
  const total = file.lines.length;
  const top = scrollTop(ui.sourceCursor - 1, total, height);
  const numberWidth = String(total).length;
  const codeWidth = Math.max(0, width - numberWidth - 3);
  const rows: React.ReactNode[] = [];
  for (let i = top; i < Math.min(total, top + height); i++) {
    const line = i + 1;
    const bp = bpLines.get(line);
    const isStop = line === stopLine;
    const isCursor = line === ui.sourceCursor && focused;
    const gutter = bp ? '●' : ' ';
    const arrow = isStop ? '▶' : ' ';
    rows.push(
      <Text key={line} wrap="truncate-end" inverse={isCursor} backgroundColor={isStop && !isCursor ? 'blackBright' : undefined}>
        <Text color={bp?.verified === false ? 'gray' : 'red'}>{gutter}</Text>
        <Text color="yellow" bold>{arrow}</Text>
        <Text color={isStop ? 'yellow' : 'gray'}>{String(line).padStart(numberWidth)} </Text>
        {renderTokens(file.tokens[i] ?? [], codeWidth)}
      </Text>,
    );
  }
  return (
    <Pane rect={rect} index={1} title={title} focused={focused} note={`${ui.sourceCursor}/${total}`}>
      {rows}
    </Pane>
  );
}

function renderTokens(tokens: { kind: TokenKind; text: string }[], width: number): React.ReactNode[] {
  const out: React.ReactNode[] = [];
  let used = 0;
  tokens.forEach((t, i) => {
    if (used >= width) return;
    let text = t.text.replace(/\t/g, '    ');
    if (used + text.length > width) text = text.slice(0, width - used);
    used += text.length;
    out.push(
      <Text key={i} color={COLORS[t.kind]}>
        {text}
      </Text>,
    );
  });
  if (used < width) out.push(<Text key="pad">{' '.repeat(width - used)}</Text>);
  return out;
}

function shortName(p: string): string {
  return p.split('/').slice(-2).join('/');
}
