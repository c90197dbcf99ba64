/**
 * bpftrace `-f json` output, one line at a time, into typed messages. Covers 0.17 (captured here)
 * and the 0.24+ changes: top-level "count" for lost_events/attached_probes, integers beyond a
 * double written as strings, runtime_error/errorf/warnf/print_error, tseries. Pure.
 */

/** A bucket of hist()/lhist(): the first (below range) has only max, the last (above) only min. */
export interface HistBucket {
  min?: number;
  max?: number;
  count: number;
}

export interface MapEntry {
  /** Key parts joined "a,b" as bpftrace prints them; '' for a map without keys. */
  key: string;
  value: number | string;
}

export interface StatsEntry {
  key: string;
  count: number;
  average: number;
  total: number;
}

export type BpfMessage =
  | { kind: 'attached'; probes: number }
  | { kind: 'text'; source: 'printf' | 'time' | 'cat' | 'join' | 'syscall' | 'value'; text: string }
  | { kind: 'map'; name: string; entries: MapEntry[] }
  | { kind: 'hist'; name: string; hists: { key: string; buckets: HistBucket[] }[] }
  | { kind: 'stats'; name: string; entries: StatsEntry[] }
  | { kind: 'lost'; events: number }
  | { kind: 'diagnostic'; level: 'error' | 'warning'; message: string; line?: number; col?: number }
  | { kind: 'unknown'; type: string; raw: unknown };

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const PRINTF = '{"type": "printf", "data": ';

/** One stdout line to a message; undefined for blank and non-JSON lines. Never throws. */
export function parseLine(line: string): BpfMessage | undefined {
  const t = line.trim();
  if (!t.startsWith('{')) return undefined;
  // Most lines are printf records: their string alone is parsed (a tenth of an event's cost at 90,000 a second).
  if (t.startsWith(PRINTF) && t.endsWith('"}')) {
    try {
      const data = JSON.parse(t.slice(PRINTF.length, -1)) as Json;
      if (typeof data === 'string') return { kind: 'text', source: 'printf', text: data };
    } catch {
      // Not just a string after all (more fields): the whole record is parsed below.
    }
  }
  let obj: Json;
  try {
    obj = JSON.parse(t) as Json;
  } catch {
    return undefined;
  }
  if (!isObject(obj) || typeof obj.type !== 'string') return undefined;
  try {
    return toMessage(obj.type, obj);
  } catch {
    return { kind: 'unknown', type: obj.type, raw: obj };
  }
}

function toMessage(type: string, obj: { [k: string]: Json }): BpfMessage {
  const data = obj.data;
  switch (type) {
    case 'attached_probes':
      return { kind: 'attached', probes: num(isObject(data) ? data.probes : obj.count) };
    case 'lost_events':
      return { kind: 'lost', events: num(isObject(data) ? data.events : obj.count) };
    case 'printf':
    case 'time':
    case 'cat':
    case 'join':
    case 'syscall':
    case 'value':
      return { kind: 'text', source: type, text: textOf(data) };
    case 'map':
    case 'hist':
    case 'stats':
    case 'tseries':
      return namedData(type, data);
    case 'helper_error': {
      const what = typeof obj.msg === 'string' ? obj.msg : `error ${num(obj.retcode)}`;
      return { kind: 'diagnostic', level: 'warning', message: `${str(obj.helper)} failed: ${what}`, ...position(obj) };
    }
    case 'runtime_error':
    case 'errorf':
    case 'print_error':
    case 'warnf':
      return { kind: 'diagnostic', level: type === 'warnf' ? 'warning' : 'error', message: message(obj), ...position(obj) };
    default:
      return { kind: 'unknown', type, raw: obj };
  }
}

function namedData(type: string, data: Json | undefined): BpfMessage {
  if (!isObject(data)) return { kind: 'unknown', type, raw: data };
  const [name, value] = Object.entries(data)[0] ?? ['', null];
  if (type === 'hist') {
    if (Array.isArray(value)) return { kind: 'hist', name, hists: [{ key: '', buckets: buckets(value) }] };
    if (isObject(value)) return { kind: 'hist', name, hists: Object.entries(value).map(([key, v]) => ({ key, buckets: Array.isArray(v) ? buckets(v) : [] })) };
  }
  if (type === 'stats') {
    if (isObject(value) && 'count' in value) return { kind: 'stats', name, entries: [stats('', value)] };
    // 0.17 prints avg() maps as "stats" with plain values.
    if (isObject(value) && Object.values(value).every((v) => isObject(v))) return { kind: 'stats', name, entries: Object.entries(value).map(([k, v]) => stats(k, v as { [k: string]: Json })) };
  }
  if (type === 'tseries' || !(isObject(value) || isScalar(value))) return { kind: 'unknown', type, raw: data };
  if (isScalar(value)) return { kind: 'map', name, entries: [{ key: '', value: scalar(value) }] };
  return { kind: 'map', name, entries: Object.entries(value).map(([key, v]) => ({ key, value: isScalar(v) ? scalar(v) : JSON.stringify(v) })) };
}

function buckets(list: Json[]): HistBucket[] {
  return list.filter(isObject).map((b) => {
    const out: HistBucket = { count: num(b.count) };
    if (b.min !== undefined) out.min = num(b.min);
    if (b.max !== undefined) out.max = num(b.max);
    return out;
  });
}

function stats(key: string, v: { [k: string]: Json }): StatsEntry {
  return { key, count: num(v.count), average: num(v.average), total: num(v.total) };
}

/** A text message's data as text; `{"type": "time"}` without data is empty, not undefined. */
function textOf(data: Json | undefined): string {
  if (typeof data === 'string') return data;
  return data === undefined ? '' : JSON.stringify(data);
}

function message(obj: { [k: string]: Json }): string {
  if (typeof obj.msg === 'string') return obj.msg;
  if (typeof obj.data === 'string') return obj.data;
  return JSON.stringify(obj.data ?? obj);
}

function position(obj: { [k: string]: Json }): { line?: number; col?: number } {
  return typeof obj.line === 'number' ? { line: obj.line, col: num(obj.col) } : {};
}

function isObject(v: Json | undefined): v is { [k: string]: Json } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isScalar(v: Json | undefined): v is number | string | boolean {
  return typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean';
}

/** Numbers stay numbers; 0.24+ writes integers a double cannot hold as strings: keep them exact. */
function scalar(v: number | string | boolean): number | string {
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && /^-?\d+$/.test(v)) {
    const n = Number(v);
    return Number.isSafeInteger(n) ? n : v;
  }
  return v;
}

/** A count or bound: a number even when 0.24+ wrote it as a string (rounded past 2^53). */
function num(v: Json | undefined): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  return 0;
}

function str(v: Json | undefined): string {
  return typeof v === 'string' ? v : typeof v === 'number' ? `helper ${v}` : 'a helper';
}
