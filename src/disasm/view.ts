// The Disassembly pane: the function around the selected frame's pc in gdb's
// syntax, source lines interleaved where the line changes, ▶ at the pc, ● at
// breakpoints, the cursor inverse when focused. Pure.
import type { PaneProps, PaneView } from '../features/types.js';
import { cursorPlace, hex, type Row } from '../core/text.js';
import type { Instruction } from './disassembler.js';
import type { DisasmModel, DisasmState } from './model.js';

export interface DisasmLine {
  /** The instruction this line shows, or the one a source line heads. */
  readonly index: number;
  readonly source?: string;
}

/** Instructions with a source line before each change of file:line. */
export function disasmLines(instructions: readonly Instruction[], sourceText: (file: string, line: number) => string | undefined): DisasmLine[] {
  const out: DisasmLine[] = [];
  let last = '';
  instructions.forEach((ins, index) => {
    const where = ins.file && ins.line ? `${ins.file}:${ins.line}` : '';
    if (where && where !== last) {
      const text = sourceText(ins.file!, ins.line!);
      out.push({ index, source: `${ins.file!.split('/').pop()}:${ins.line}${text !== undefined ? `  ${text.trim()}` : ''}` });
    }
    last = where;
    out.push({ index });
  });
  return out;
}

export function disasmView(props: PaneProps<DisasmModel>): PaneView {
  const { model, rect, focused } = props;
  const s: DisasmState = model.get();
  const height = Math.max(0, rect.height - 2);
  const first = s.instructions[0];
  const fn = first?.function;
  // The function's name gives way on a narrow pane; the cursor's place among the instructions stays.
  const note = [fn ? { text: fn, cut: 'end' as const } : undefined, cursorPlace(s.cursor, s.instructions.length) || undefined, s.syntax === 'go' ? 'Go syntax' : s.syntax, s.loading ? 'reading' : undefined, s.running ? 'running' : undefined].filter((p) => p !== undefined);
  if (s.instructions.length === 0) {
    const why = s.message ?? (s.running ? 'The target is running: instructions are read at the next stop.' : 'Nothing to disassemble yet.');
    return { title: 'Disassembly', note, rows: [[{ text: why, color: s.message ? 'red' : 'gray' }]] };
  }
  const lines = disasmLines(s.instructions, (file, line) => model.sourceLine(file, line));
  const cursorLine = lines.findIndex((l) => l.index === s.cursor && l.source === undefined);
  const top = Math.max(0, Math.min(cursorLine - Math.floor(height / 3), lines.length - height));
  const entry = first && s.instructions.every((i) => i.function === fn) ? first.address : undefined;
  // Offsets padded to the longest, so the instructions line up (gdb's tab after `<+98>:` does the same).
  const offWidth = entry !== undefined ? String(s.instructions.at(-1)!.address - entry).length : 0;
  const rows: Row[] = lines.slice(top, top + height).map((l) => {
    if (l.source !== undefined) return [{ text: l.source, color: 'cyan' }];
    const ins = s.instructions[l.index]!;
    const atPc = ins.address === s.pc;
    const bp = ins.breakpoint || s.breakpoints.has(ins.address);
    const inverse = focused && l.index === s.cursor;
    const off = entry !== undefined ? ` <+${ins.address - entry}>:`.padEnd(offWidth + 5) : ':';
    return [
      { text: bp ? '●' : ' ', color: 'red', inverse },
      { text: atPc ? '▶' : ' ', color: 'yellow', bold: true, dim: atPc && props.stale, inverse },
      { text: ` ${hex(ins.address)}${off} `, color: atPc ? 'yellow' : 'gray', inverse },
      { text: ins.text, ...(atPc && !props.stale ? { bold: true } : {}), inverse },
    ];
  });
  return { title: 'Disassembly', note, rows, stale: props.stale, loading: s.loading };
}
