/**
 * Terminal input to key names: 'a', 'G', ':', 'enter', 'esc', 'tab', 'S-tab', 'backspace',
 * 'up', 'down', 'left', 'right', 'pgup', 'pgdn', 'home', 'end', 'delete', 'F1'..'F12',
 * 'S-F11', 'C-c', 'M-x'. Ink hands us one escape sequence per event, but plain characters typed
 * in a burst ("jj") arrive together, so one event may be several keys.
 */
const CSI_TILDE: Record<string, string> = {
  '1': 'home', '2': 'insert', '3': 'delete', '4': 'end', '5': 'pgup', '6': 'pgdn', '7': 'home', '8': 'end',
  '11': 'F1', '12': 'F2', '13': 'F3', '14': 'F4', '15': 'F5', '17': 'F6', '18': 'F7', '19': 'F8',
  '20': 'F9', '21': 'F10', '23': 'F11', '24': 'F12',
};
const CSI_FINAL: Record<string, string> = { A: 'up', B: 'down', C: 'right', D: 'left', H: 'home', F: 'end', P: 'F1', Q: 'F2', R: 'F3', S: 'F4', Z: 'S-tab' };

export function decodeKeys(data: string): string[] {
  return splitSequences(data).map((seq) => (seq.startsWith('\x1b') ? decodeEscape(seq) : decodeChar(seq)));
}

/**
 * Splits terminal input into one sequence per key: CSI (`ESC [ ... final`), SS3 (`ESC O x`), Alt
 * (`ESC x`), a lone ESC, or one character. Several keys often arrive in one read ("jj",
 * arrow keys held down).
 */
export function splitSequences(data: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < data.length) {
    if (data[i] !== '\x1b') {
      const cp = data.codePointAt(i)!;
      const ch = String.fromCodePoint(cp);
      out.push(ch);
      i += ch.length;
      continue;
    }
    const end = escapeEnd(data, i);
    out.push(data.slice(i, end));
    i = end;
  }
  return out;
}

/** Where the escape sequence starting at `i` ends (exclusive). */
function escapeEnd(data: string, i: number): number {
  const next = data[i + 1];
  if (next === undefined) return i + 1;
  if (next === '[') {
    let j = i + 2;
    if (data[j] === '[') return j + 1 < data.length && between(data, j + 1, 0x40, 0x7e) ? j + 2 : j + 1; // linux console F1..F5: ESC [ [ A
    // ECMA-48: parameter bytes 0x30-0x3f, intermediate bytes 0x20-0x2f, one final byte 0x40-0x7e.
    // Anything else ends the sequence before it, so it cannot swallow the next key (or ESC).
    while (j < data.length && between(data, j, 0x30, 0x3f)) j++;
    while (j < data.length && between(data, j, 0x20, 0x2f)) j++;
    return j < data.length && between(data, j, 0x40, 0x7e) ? j + 1 : j;
  }
  if (next === 'O') return i + 2 < data.length && between(data, i + 2, 0x20, 0x7e) ? i + 3 : i + 2;
  if (next === '\x1b') return i + 1;
  // Alt-key: ESC then one character.
  return i + 1 + String.fromCodePoint(data.codePointAt(i + 1)!).length;
}

function between(data: string, at: number, lo: number, hi: number): boolean {
  const c = data.charCodeAt(at);
  return c >= lo && c <= hi;
}

/** True when `data` ends inside an escape sequence (the rest may come in the next read, over SSH). */
export function endsMidSequence(data: string): boolean {
  const last = data.lastIndexOf('\x1b');
  if (last < 0) return false;
  const tail = data.slice(last);
  if (tail === '\x1b') return true;
  if (tail === '\x1b[' || tail === '\x1bO' || tail === '\x1b[[') return true;
  return /^\x1b\[[\x30-\x3f]*[\x20-\x2f]*$/.test(tail);
}

/**
 * Turns reads from a raw terminal into keys. A read that ends inside an escape sequence waits up
 * to `holdMs` for the rest (over SSH, ESC and "[B" can arrive apart); a lone ESC then counts as Esc.
 */
export class KeyReader {
  private pending = '';
  private timer: NodeJS.Timeout | undefined;

  constructor(
    /** `alone`: the key came by itself, not among others in one read (a paste, a burst). */
    private readonly onKey: (key: string, alone: boolean) => void,
    private readonly holdMs = 25,
  ) {}

  feed(chunk: string): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    const data = this.pending + chunk;
    this.pending = '';
    if (endsMidSequence(data)) {
      const cut = data.lastIndexOf('\x1b');
      this.emit(data.slice(0, cut));
      this.pending = data.slice(cut);
      this.timer = setTimeout(() => this.flush(), this.holdMs);
      return;
    }
    this.emit(data);
  }

  private flush(): void {
    const data = this.pending;
    this.pending = '';
    this.timer = undefined;
    this.emit(data);
  }

  private emit(data: string): void {
    const keys = decodeKeys(data);
    for (const k of keys) this.onKey(k, keys.length === 1);
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
  }
}

function decodeChar(ch: string): string {
  const code = ch.codePointAt(0)!;
  if (ch === '\r' || ch === '\n') return 'enter';
  if (ch === '\t') return 'tab';
  if (code === 0x7f || code === 0x08) return 'backspace';
  if (code === 0x1b) return 'esc';
  if (code === 0) return 'C-space';
  if (code < 0x20) return `C-${String.fromCharCode(code + 0x60)}`;
  return ch;
}

function decodeEscape(seq: string): string {
  if (seq === '\x1b') return 'esc';
  if (seq === '\x1b\x1b') return 'esc';
  const csi = /^\x1b\[(\[?)([\d;]*)([~A-Za-z])$/.exec(seq);
  if (csi) {
    const [, , params, final] = csi;
    const parts = (params ?? '').split(';');
    const mod = modifierPrefix(Number(parts[1] ?? 1));
    if (final === '~') {
      const name = CSI_TILDE[parts[0] ?? ''];
      return name ? mod + name : `unknown:${JSON.stringify(seq)}`;
    }
    // Legacy linux console: ESC[[A..E are F1..F5.
    if (csi[1] === '[') {
      const f = ({ A: 'F1', B: 'F2', C: 'F3', D: 'F4', E: 'F5' } as Record<string, string>)[final!];
      return f ? mod + f : `unknown:${JSON.stringify(seq)}`;
    }
    const name = CSI_FINAL[final!];
    return name ? (name.startsWith('S-') ? name : mod + name) : `unknown:${JSON.stringify(seq)}`;
  }
  const ss3 = /^\x1bO([A-Z])$/.exec(seq);
  if (ss3) return CSI_FINAL[ss3[1]!] ?? `unknown:${JSON.stringify(seq)}`;
  // ESC followed by a character: Alt/Meta.
  if (seq.length === 2) return `M-${decodeChar(seq[1]!)}`;
  return `unknown:${JSON.stringify(seq)}`;
}

// xterm modifier parameter: 1 + (shift 1, alt 2, ctrl 4).
function modifierPrefix(n: number): string {
  if (!n || n <= 1) return '';
  const bits = n - 1;
  return `${bits & 4 ? 'C-' : ''}${bits & 2 ? 'M-' : ''}${bits & 1 ? 'S-' : ''}`;
}
