/**
 * The one gate for text from outside (debuggee output, values, file names, bpftrace and Delve
 * messages, ssh errors) on its way to the terminal. Escape sequences are removed (their effects
 * could retitle the window, write the clipboard, plant links or move the cursor), other control
 * characters are shown in caret notation (`^M`, `^H`), C1 controls as `<9b>`, so a line can
 * neither overwrite another nor hide what it is. SGR colours can be kept apart as styled segments
 * (see `styledSegments`), never as raw escapes.
 */

const ESC = 0x1b;

/** Removes escape sequences and makes every other control character visible. Tabs and newlines stay. */
export function sanitize(text: string): string {
  return styledSegments(text)
    .map((s) => s.text)
    .join('');
}

export interface Segment {
  text: string;
  /** An SGR foreground colour name Ink knows ('red', 'greenBright'...), when the text had one. */
  color?: string;
  bold?: boolean;
}

// U+061C, U+200E-U+200F, U+202A-U+202E, U+2066-U+2069.
const BIDI_CONTROL = /\p{Bidi_Control}/u;

const SGR_COLORS = ['black', 'red', 'green', 'yellow', 'blue', 'magenta', 'cyan', 'white'];

/**
 * Splits text into runs of plain text with the colour and boldness its SGR sequences gave them;
 * every other sequence is dropped and controls are made visible, as in `sanitize`.
 */
export function styledSegments(text: string): Segment[] {
  const out: Segment[] = [];
  let style: { color?: string; bold?: boolean } = {};
  let run = '';
  const flush = () => {
    if (!run) return;
    out.push({ text: run, ...style });
    run = '';
  };
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === ESC || code === 0x9b || code === 0x9d || code === 0x90 || code === 0x98 || code === 0x9e || code === 0x9f) {
      const seq = readSequence(text, i);
      if (seq.sgr !== undefined) {
        flush();
        style = applySgr(style, seq.sgr);
      }
      i = seq.end;
      continue;
    }
    if (code === 0x09 || code === 0x0a) run += text[i];
    else if (code < 0x20 || code === 0x7f) run += `^${String.fromCharCode(code === 0x7f ? 0x3f : code + 0x40)}`;
    else if (code >= 0x80 && code <= 0x9f) run += `<${code.toString(16)}>`;
    else if (code >= 0xd800 && code <= 0xdfff) {
      // A surrogate pair is one character; a lone one would garble the terminal's idea of width.
      const next = text.charCodeAt(i + 1);
      if (code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) {
        run += text.slice(i, i + 2);
        i += 2;
        continue;
      }
      run += '\ufffd';
    } else if (code === 0x2028 || code === 0x2029 || BIDI_CONTROL.test(text[i]!)) {
      // Line separators and every bidi control (overrides, embeddings, isolates, marks): they
      // reorder or break what the terminal shows.
      run += `<u+${code.toString(16)}>`;
    } else run += text[i];
    i++;
  }
  flush();
  return out;
}

/** Where an escape sequence starting at `i` ends, and its SGR parameters if it is one. */
function readSequence(text: string, i: number): { end: number; sgr?: string } {
  const c = text.charCodeAt(i);
  let j = i + 1;
  let kind: 'csi' | 'string' | 'other';
  if (c === 0x9b) kind = 'csi';
  else if (c !== ESC) kind = 'string'; // C1 OSC, DCS, SOS, PM, APC
  else {
    const n = text[j];
    if (n === '[') {
      kind = 'csi';
      j++;
    } else if (n === ']' || n === 'P' || n === 'X' || n === '^' || n === '_') {
      kind = 'string';
      j++;
    } else {
      // ESC plus intermediates and one final character (ESC c, ESC ( B, ESC 7...).
      while (j < text.length && text.charCodeAt(j) >= 0x20 && text.charCodeAt(j) <= 0x2f) j++;
      return { end: Math.min(text.length, j + 1) };
    }
  }
  if (kind === 'csi') {
    const start = j;
    while (j < text.length && text.charCodeAt(j) >= 0x20 && text.charCodeAt(j) <= 0x3f) j++;
    const final = text[j];
    const params = text.slice(start, j);
    if (j >= text.length) return { end: j };
    if (final === 'm' && /^[\d;:]*$/.test(params)) return { end: j + 1, sgr: params };
    return { end: j + 1 };
  }
  // A string sequence ends at BEL, ST (ESC \) or C1 ST; an unterminated one swallows the rest.
  while (j < text.length) {
    const d = text.charCodeAt(j);
    if (d === 0x07 || d === 0x9c) return { end: j + 1 };
    if (d === ESC && text[j + 1] === '\\') return { end: j + 2 };
    j++;
  }
  return { end: j };
}

function applySgr(style: { color?: string; bold?: boolean }, params: string): { color?: string; bold?: boolean } {
  const next = { ...style };
  const codes = params === '' ? [0] : params.split(/[;:]/).map((p) => (p === '' ? 0 : Number(p)));
  for (let k = 0; k < codes.length; k++) {
    const n = codes[k]!;
    if (n === 0) {
      delete next.color;
      delete next.bold;
    } else if (n === 1) next.bold = true;
    else if (n === 22) delete next.bold;
    else if (n >= 30 && n <= 37) next.color = SGR_COLORS[n - 30];
    else if (n >= 90 && n <= 97) next.color = `${SGR_COLORS[n - 90]}Bright`;
    else if (n === 39) delete next.color;
    else if (n === 38 || n === 48) k += codes[k + 1] === 5 ? 2 : codes[k + 1] === 2 ? 4 : 1; // 256/RGB colours: skipped
  }
  return next;
}

/**
 * Bytes from outside as text: valid UTF-8 decodes as usual, every byte of an invalid sequence
 * shows as `\xNN` (never silently as U+FFFD, so what the program wrote stays knowable), or as
 * `invalid` makes it.
 */
export function decodeBytes(bytes: Uint8Array, invalid: (b: number) => string = hexByte): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      out += String.fromCharCode(b);
      i++;
      continue;
    }
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len && i + len <= bytes.length && validSequence(bytes, i, len)) {
      out += Buffer.from(bytes.subarray(i, i + len)).toString('utf8');
      i += len;
      continue;
    }
    out += invalid(b);
    i++;
  }
  return out;
}

const hexByte = (b: number): string => `\\x${b.toString(16).padStart(2, '0')}`;

function validSequence(bytes: Uint8Array, i: number, len: number): boolean {
  for (let k = 1; k < len; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return false;
  const b0 = bytes[i]!;
  const b1 = bytes[i + 1]!;
  if (b0 === 0xe0 && b1 < 0xa0) return false; // overlong
  if (b0 === 0xed && b1 > 0x9f) return false; // surrogates
  if (b0 === 0xf0 && b1 < 0x90) return false; // overlong
  if (b0 === 0xf4 && b1 > 0x8f) return false; // beyond U+10FFFF
  return true;
}
