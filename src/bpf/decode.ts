import type { GoBinary } from './binary.js';
import type { DecodedEvent, ProbeRequest } from './types.js';

const GC_TRIGGERS = ['heap', 'time', 'runtime.GC'];

/**
 * Turns printf output into events. Template records are tab-separated (`call\tGOID`...), decoded
 * into sentences and fields; a user script's lines stay as written, with `goid=N` picked up.
 * Stateful (the gc record needs the previous cycle's time): one decoder per run.
 */
export function createDecoder(request: ProbeRequest, binary: GoBinary): (printf: string) => DecodedEvent[] {
  let lastNumgc: number | undefined;
  // Cycles seen, by numgc: bpftrace hands each CPU's records over in batches, so a call made while
  // a cycle is under way can come after the next cycle's record.
  const gcSeen = new Set<number>();
  let gcCount = 0;
  const decodeRecord = (f: string[]): DecodedEvent | undefined => {
    // Fields the template printed with %d; anything else is not one of its records.
    if (!f.slice(1, f[0] === 'panic' ? 3 : undefined).every((x) => /^-?\d+$/.test(x))) return undefined;
    const n = (i: number) => Number(f[i]);
    switch (f[0]) {
      case 'call':
        if (request.template !== 'calls') return undefined;
        return { text: `${request.func} on goroutine ${n(1)}`, goid: n(1), func: request.func };
      case 'newproc': {
        const fn = binary.goroutineFunction(n(2)) ?? `0x${n(2).toString(16)}`;
        const at = f[3] ? binary.functionAt(n(3))?.name : undefined;
        // What it runs first: a narrow pane (80x24) cuts the end (trial R).
        return { text: `goroutine created to run ${fn}, by goroutine ${n(1)}${at ? ` in ${at}` : ''}`, goid: n(1), func: fn, created: true };
      }
      case 'goexit':
        return { text: `goroutine ${n(1)} exited`, goid: n(1) };
      case 'gc': {
        const numgc = n(4);
        const trigger = GC_TRIGGERS[n(1)] ?? `kind ${n(1)}`;
        if (numgc >= 0 && (numgc === lastNumgc || gcSeen.has(numgc))) return { text: `gcStart (trigger ${trigger}) while GC cycle ${numgc + 1} is under way`, goid: n(3), func: 'runtime.gcStart' };
        // The gap to the last new cycle, as the probe timed it (-1: the first it saw).
        const since = n(5) >= 0 ? `, ${formatSeconds(n(5) / 1e9)} after the previous` : ', the first since the probe started';
        if (numgc >= 0) {
          gcSeen.add(numgc);
          if (gcSeen.size > 64) gcSeen.delete(gcSeen.values().next().value!);
        }
        lastNumgc = numgc;
        gcCount++;
        const cycle = numgc >= 0 ? `GC cycle ${numgc + 1}` : `GC start #${gcCount}`;
        return { text: `${cycle} (trigger ${trigger})${since}`, goid: n(3), func: 'runtime.gcStart' };
      }
      case 'panic': {
        const type = binary.typeName(n(2)) ?? `type at 0x${n(2).toString(16)}`;
        const value = f.slice(3).join('\t');
        const shown = !value ? '' : type === 'int' ? ` ${value}` : ` ${JSON.stringify(value)}`;
        return { text: `panic(${type}${shown}) on goroutine ${n(1)}`, goid: n(1), func: 'runtime.gopanic' };
      }
      default:
        return undefined;
    }
  };
  return (printf) => {
    // A panic's value is the target's own text and may hold newlines and tabs: it must neither
    // split its record nor make up others (each printf arrives as its own message).
    if (request.template !== 'run' && printf.startsWith('panic\t')) {
      const e = decodeRecord(printf.replace(/\n$/, '').split('\t'));
      if (e) return [e];
    }
    // `call\tGOID\n`, tens of thousands a second: read without splitting.
    if (request.template === 'calls' && printf.startsWith('call\t')) {
      const goid = leadingInt(printf, 5);
      if (goid !== undefined) return [{ text: `${request.func} on goroutine ${goid}`, goid, func: request.func }];
    }
    // One record a printf, as the templates print them: no lines to split.
    const last = printf.indexOf('\n');
    if (last === -1 || last === printf.length - 1) return [decodeLine(last === -1 ? printf : printf.slice(0, last))];
    const lines = printf.split('\n');
    if (lines.at(-1) === '') lines.pop();
    return lines.map(decodeLine);
  };

  function decodeLine(line: string): DecodedEvent {
    if (request.template !== 'run') {
      const e = decodeRecord(line.split('\t'));
      if (e) return e;
    }
    const goid = /\bgoid[=: ](\d+)/.exec(line)?.[1];
    return goid ? { text: line, goid: Number(goid) } : { text: line };
  }
}

/** The decimal number from `from` to the end of `text` (a newline may end it), else undefined. */
function leadingInt(text: string, from: number): number | undefined {
  const end = text.endsWith('\n') ? text.length - 1 : text.length;
  if (end <= from || end - from > 15) return undefined;
  let n = 0;
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return undefined;
    n = n * 10 + c;
  }
  return n;
}

export function formatSeconds(s: number): string {
  if (s < 1) return `${Math.round(s * 1000)}ms`;
  if (s < 120) return `${s.toFixed(s < 10 ? 2 : 1)}s`;
  return `${Math.floor(s / 60)}m${Math.round(s % 60)}s`;
}
