import { isUtf8 } from 'node:buffer';
import type { Readable } from 'node:stream';
import { decodeBytes } from './sanitize.js';

/**
 * Calls `onLine` for each line of a child's output: UTF-8 (a character split across reads is
 * whole), a trailing \r dropped, the last line without a newline at the end too. `escapeInvalid`:
 * bytes that are not UTF-8 come as `\xff`, as a program wrote them (its output), not as U+FFFD
 * (what a JSON reader such as bpftrace's needs).
 */
export function readLines(stream: Readable | null | undefined, onLine: (line: string) => void, opts: { escapeInvalid?: boolean } = {}): void {
  if (!stream) return;
  let rest: Buffer = Buffer.alloc(0);
  const emit = (line: string) => onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
  // Whole lines are decoded at once (one check, one decode a read: bpftrace writes 30,000 a second).
  const decode = (b: Buffer) => (!opts.escapeInvalid || isUtf8(b) ? b.toString('utf8') : decodeBytes(b));
  stream.on('data', (chunk: Buffer | string) => {
    // A read is a Buffer (no encoding is set): copied only when a line is cut across reads.
    const data = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    const buf = rest.length ? Buffer.concat([rest, data]) : data;
    const end = buf.lastIndexOf(0x0a);
    if (end < 0) {
      rest = buf;
      return;
    }
    rest = buf.subarray(end + 1);
    for (const line of decode(buf.subarray(0, end)).split('\n')) emit(line);
  });
  stream.on('end', () => rest.length && emit(decode(rest)));
}
