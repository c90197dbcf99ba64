import path from 'node:path';
import { UserError } from '../errors.js';
import { MAX_LINE } from '../session/session.js';
import { formatCount } from '../core/text.js';

/** Where a breakpoint goes: a line of a file we know by path, or a spec Delve resolves itself. */
export type Location = { kind: 'line'; file: string; line: number } | { kind: 'function'; spec: string };

export interface BreakArgs {
  location: Location;
  condition?: string;
  hitCondition?: string;
}

const HINT = 'Write file.go:LINE, LINE (in the current file) or pkg.Func, e.g. :break main.go:42 if n > 3.';

/** Parses `LOC [if COND] [hit N]`; `currentFile` resolves a bare LINE. */
export function parseBreakArgs(text: string, currentFile: string | undefined, instruction = false): BreakArgs {
  let rest = text.trim();
  if (!rest) throw new UserError('break needs a location.', HINT);
  let hitCondition: string | undefined;
  // One whitespace character before the keyword, not \s+: that would retry every start in a long
  // run of spaces (quadratic time).
  const hit = /\shit\s+(\S+)\s*$/.exec(rest);
  if (hit) {
    hitCondition = normaliseHit(hit[1]!);
    rest = rest.slice(0, hit.index);
  }
  let condition: string | undefined;
  const cond = /\sif(?:\s|$)/.exec(rest);
  if (cond) {
    condition = rest.slice(cond.index + cond[0].length).trim();
    rest = rest.slice(0, cond.index).trim();
    if (!condition) throw new UserError('The condition after "if" is empty.', HINT);
  }
  // An instruction address is an expression (`$pc + 4`): it goes on as written.
  const location: Location = instruction ? { kind: 'function', spec: rest.replace(/^instruction\s*/, '') } : parseLocation(rest, currentFile);
  return { location, ...(condition ? { condition } : {}), ...(hitCondition ? { hitCondition } : {}) };
}

export function parseLocation(text: string, currentFile: string | undefined): Location {
  const loc = text.trim();
  if (/\s/.test(loc)) throw new UserError(`'${loc}' is not a location.`, HINT);
  if (/^\d+$/.test(loc)) {
    if (!currentFile) throw new UserError(`Line ${loc} of which file? There is no current file yet.`, 'Write file.go:LINE.');
    return { kind: 'line', file: currentFile, line: lineNumber(loc) };
  }
  const fileLine = /^(.+\.go):(\d+)$/.exec(loc);
  if (fileLine) {
    const [, file, line] = fileLine;
    const n = lineNumber(line!);
    // An absolute path is exact; a relative one Delve matches against the binary's files.
    if (path.isAbsolute(file!)) return { kind: 'line', file: file!, line: n };
    return { kind: 'function', spec: `${file}:${line}` };
  }
  if (/^[\w./()*-]+$/.test(loc) && /[A-Za-z_]/.test(loc)) return { kind: 'function', spec: loc };
  throw new UserError(`'${loc}' is not a location.`, HINT);
}

/** A line number Delve can take: Delve drops the connection on absurd ones (2^64). */
export function lineNumber(text: string): number {
  const n = Number(text);
  if (n < 1) throw new UserError(`Line ${text} does not exist; lines start at 1.`, HINT);
  if (text.length > 8 || n > MAX_LINE) throw new UserError(`Line ${text} does not exist.`, `Lines go from 1 to at most ${formatCount(MAX_LINE)}.`);
  return n;
}

// gdb users write `hit 3`; DAP wants an expression Delve understands (`>= 3`, `% 2`).
export function normaliseHit(text: string): string {
  const count = /^(==|>=|<=|>|<|%)?\s*(\d+)$/.exec(text);
  if (count && (count[2]!.length > 9 || (count[1] === '%' && Number(count[2]) === 0))) throw new UserError(`'hit ${text}' is not a hit count.`, 'Counts go up to 999,999,999; % needs a number above 0.');
  if (/^\d+$/.test(text)) return `== ${text}`;
  if (/^(==|>=|<=|>|<|%)\s*\d+$/.test(text)) return text;
  throw new UserError(`'hit ${text}' is not a hit count.`, 'Write hit N, hit >=N or hit %N.');
}
