import type { Readable } from 'node:stream';

/**
 * Calls `onLine` for each line of a child's output: UTF-8 (a character split across reads is
 * whole), a trailing \r dropped, the last line without a newline at the end too.
 */
export function readLines(stream: Readable | null | undefined, onLine: (line: string) => void): void {
  if (!stream) return;
  stream.setEncoding('utf8');
  let rest = '';
  const emit = (line: string) => onLine(line.endsWith('\r') ? line.slice(0, -1) : line);
  stream.on('data', (chunk: string) => {
    const lines = (rest + chunk).split('\n');
    rest = lines.pop() ?? '';
    for (const line of lines) emit(line);
  });
  stream.on('end', () => rest && emit(rest));
}
