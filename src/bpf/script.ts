import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import { loadBinary, type GoBinary } from './binary.js';
import { probeConflicts, probeRefusal, probeWarning, type BreakpointSite } from './conflicts.js';
import { syscallName } from './syscalls.js';
import { RATE_MAP, type BpfTarget, type ProbeRequest } from './types.js';

/** Everything needed to run one probe and read its output. */
export interface ProbePlan {
  request: ProbeRequest;
  /** Short title for the pane header, e.g. "calls main.process". */
  title: string;
  script: string;
  /** Positional parameters: $1 = pid, $2 = binary path. */
  args: string[];
  /** Addresses of the target the script puts uprobes on (entry of each probed function). */
  probeAddresses: number[];
  /** Things the user should know before or while it runs (e.g. a user uprobe on a breakpoint). */
  warnings: string[];
  /** How to show map keys, by map name (syscall numbers to names, PCs to functions...). */
  keyLabels: Record<string, (key: string) => string>;
  /** Human titles for maps; maps not listed are shown under their own name. */
  mapTitles: Record<string, string>;
  /** 'events' when the output is mostly lines, 'tables' when it is maps and histograms. */
  primary: 'events' | 'tables';
  /** What a table probe's maps count, plural (`syscalls`): said when it ends, where it printed no events. */
  counts?: string;
  /** A user's script that only fills maps (see UserScriptCheck). */
  mapsOnly?: boolean;
}

const INTERVAL = 'interval:s:1';

export const URETPROBE_REFUSAL = new UserError(
  'uretprobes are refused on Go code: Go moves goroutine stacks, and the return address a uretprobe rewrites makes the runtime die with "unexpected return pc".',
  'Probe the entry instead (calls FUNC), and to see a result stop at the return line with a Delve breakpoint.',
);

/** `calls main.work --ret`, `syscalls`, `run ./x.bt`... into a request; UserError for anything else. */
export function parseProbeCommand(text: string): ProbeRequest {
  const words = text.trim().split(/\s+/).filter(Boolean);
  const [name, ...rest] = words;
  const usage = 'Use: calls FUNC | syscalls | goroutines | gc | malloc | panics | run FILE.';
  switch (name) {
    case 'calls': {
      const ret = rest.includes('--ret');
      const names = rest.filter((w) => w !== '--ret');
      if (names.length !== 1 || names[0]!.startsWith('-')) throw new UserError('calls takes one function name.', 'For example: calls main.process');
      return { template: 'calls', func: names[0]!, ret };
    }
    case 'syscalls':
    case 'goroutines':
    case 'gc':
    case 'malloc':
    case 'panics':
      if (rest.length) throw new UserError(`${name} takes no arguments.`, usage);
      return { template: name };
    case 'run': {
      const file = text.trim().slice(3).trim();
      if (!file) throw new UserError('bpf run takes the path of a bpftrace script.', 'For example: :bpf run ./trace.bt ($1 is the pid, $2 the binary).');
      return { template: 'run', file };
    }
    default:
      throw new UserError(`Unknown probe '${name ?? ''}'.`, usage);
  }
}

/**
 * Builds the script for a request, checking everything user text could smuggle in: function
 * names must be functions of the binary; uretprobes on Go code are refused; a template never
 * probes an address where Delve has a breakpoint.
 */
export function planProbe(req: ProbeRequest, target: BpfTarget, breakpoints: readonly BreakpointSite[] = []): ProbePlan {
  const binary = loadBinary(target.symbols ?? target.binary);
  if (!Number.isInteger(target.pid) || target.pid <= 0) throw new UserError(`No process to trace (pid ${target.pid}).`, 'Start or attach to the program first.');
  // The path bpftrace opens is the one on its own host; symbols come from the copy here.
  const args = [String(target.pid), target.symbols ? target.binary : binary.path];
  const base = { request: req, args, warnings: [] as string[], keyLabels: {}, mapTitles: {} };
  const goid = (reg: string) => `*(int64*)(reg("${reg}")+${binary.goidOffset()})`;
  const fn = (name: string) => probeFunction(binary, name, breakpoints);

  switch (req.template) {
    case 'calls': {
      if (req.ret) throw URETPROBE_REFUSAL;
      const f = fn(req.func);
      return {
        ...base,
        title: `calls ${req.func}`,
        script: [
          `uprobe:$2:${f.spec} /pid == $1/ { printf("call\\t%d\\n", ${goid('r14')}); @by_goroutine[${goid('r14')}] = count(); }`,
          `${INTERVAL} { print(@by_goroutine, 20); }`,
        ].join('\n'),
        probeAddresses: [f.address],
        keyLabels: { '@by_goroutine': (k) => `goroutine ${k}` },
        mapTitles: { '@by_goroutine': `calls of ${req.func} by goroutine (top 20)` },
        primary: 'events',
      };
    }
    case 'syscalls':
      return {
        ...base,
        title: 'syscalls',
        script: [
          `tracepoint:raw_syscalls:sys_enter /pid == $1/ { @syscalls[args->id] = count(); ${RATE_MAP} = count(); }`,
          `${INTERVAL} { print(@syscalls); print(${RATE_MAP}); clear(${RATE_MAP}); }`,
        ].join('\n'),
        probeAddresses: [],
        keyLabels: { '@syscalls': (k) => syscallName(Number(k)) },
        mapTitles: { '@syscalls': 'syscalls since start' },
        primary: 'tables',
        counts: 'syscalls',
      };
    case 'goroutines': {
      // newproc1(fn, callergp, callerpc, ...) runs on the system stack (R14 is g0): the creator
      // is callergp in RBX, the go statement's PC is in RCX, fn (a funcval: PC first) in RAX.
      const create = fn('runtime.newproc1');
      const exit = fn('runtime.goexit1');
      return {
        ...base,
        title: 'goroutines',
        script: [
          `uprobe:$2:${create.spec} /pid == $1/ { printf("newproc\\t%d\\t%lld\\t%lld\\n", ${goid('bx')}, *(uint64*)reg("ax"), reg("cx")); @created[*(uint64*)reg("ax")] = count(); }`,
          `uprobe:$2:${exit.spec} /pid == $1/ { printf("goexit\\t%d\\n", ${goid('r14')}); @exited = count(); }`,
          `${INTERVAL} { print(@created, 20); print(@exited); }`,
        ].join('\n'),
        probeAddresses: [create.address, exit.address],
        keyLabels: { '@created': (k) => binary.goroutineFunction(Number(k)) ?? `0x${Number(k).toString(16)}` },
        mapTitles: { '@created': 'goroutines created, by function (top 20)', '@exited': 'goroutines exited' },
        primary: 'events',
      };
    }
    case 'gc': {
      // gcStart(trigger gcTrigger): the struct's fields kind, now, n arrive in RAX, RBX, RCX.
      // gcStart also runs (and returns at once) while a cycle is under way: memstats.numgc, the
      // completed cycles, tells a new cycle from such a call. The time since the last new cycle is
      // taken in the probe (bpftrace hands each CPU's records over in batches: a cycle's can come
      // after the next one's). 64-bit values print with %lld: bpftrace's %d keeps 32 bits, and
      // nsecs wrapped every 4.3 s (trial AC: every fourth cycle said no gap).
      const f = fn('runtime.gcStart');
      const numgc = binary.globalMemberAddress('runtime.memstats', 'runtime.mstats', 'numgc');
      const n = numgc === undefined ? '-1' : `(int64)*(uint32*)uptr(${numgc})`;
      return {
        ...base,
        title: 'gc',
        script: [
          `uprobe:$2:${f.spec} /pid == $1/ {`,
          `  $n = ${n}; $new = @gc_seen == 0 || $n != @gc_num || $n < 0;`,
          `  printf("gc\\t%d\\t%lld\\t%d\\t%d\\t%lld\\n", reg("ax"), nsecs, ${goid('r14')}, $n, $new && @gc_seen != 0 ? (int64)(nsecs - @gc_at) : -1);`,
          `  if ($new) { @gc_at = nsecs; @gc_num = $n; @gc_seen = 1; }`,
          `  @calls = count();`,
          `}`,
          `END { clear(@gc_at); clear(@gc_num); clear(@gc_seen); }`,
        ].join('\n'),
        probeAddresses: [f.address],
        mapTitles: { '@calls': 'gcStart calls' },
        primary: 'events',
      };
    }
    case 'malloc': {
      const f = fn('runtime.mallocgc');
      return {
        ...base,
        title: 'malloc',
        script: [
          `uprobe:$2:${f.spec} /pid == $1/ { @bytes = hist(reg("ax")); ${RATE_MAP} = count(); }`,
          `${INTERVAL} { print(@bytes); print(${RATE_MAP}); clear(${RATE_MAP}); }`,
        ].join('\n'),
        probeAddresses: [f.address],
        mapTitles: { '@bytes': 'allocation sizes (bytes)' },
        primary: 'tables',
        counts: 'allocations',
      };
    }
    case 'panics': {
      const f = fn('runtime.gopanic');
      // The eface's type word is in RAX and its data word in RBX. For a string, and for errors
      // whose first field is a string message, the data word points at a string header.
      const texty = ['string', '*errors.errorString', '*fmt.wrapError', '*fmt.wrapErrors']
        .map((t) => binary.runtimeTypeAddress(t))
        .filter((a): a is number => a !== undefined);
      const isText = texty.map((a) => `reg("ax") == ${a}`).join(' || ');
      const intType = binary.runtimeTypeAddress('int');
      const record = (msg: string, ...vals: string[]) => `printf("panic\\t%d\\t%lld\\t${msg}\\n", ${goid('r14')}, reg("ax")${vals.map((v) => ', ' + v).join('')});`;
      let body = record('');
      if (intType !== undefined) body = `if (reg("ax") == ${intType}) { ${record('%d', '*(int64*)reg("bx")')} } else { ${body} }`;
      if (isText) body = `if (${isText}) { ${record('%s', 'str(*(uint64*)reg("bx"), *(uint64*)(reg("bx")+8))')} } else { ${body} }`;
      return {
        ...base,
        title: 'panics',
        script: [`uprobe:$2:${f.spec} /pid == $1/ { ${body} @panics[reg("ax")] = count(); }`].join('\n'),
        probeAddresses: [f.address],
        keyLabels: { '@panics': (k) => binary.typeName(Number(k)) ?? `type at 0x${Number(k).toString(16)}` },
        mapTitles: { '@panics': 'panics by value type' },
        primary: 'events',
      };
    }
    case 'run': {
      let text: string;
      try {
        text = fs.readFileSync(req.file, 'utf8');
      } catch {
        throw new UserError(`Cannot read ${req.file}.`, 'Give the path of a bpftrace script ($1 is the pid, $2 the binary).');
      }
      const checked = checkUserScript(text, binary, breakpoints);
      return {
        ...base,
        title: `run ${path.basename(req.file)}`,
        script: text,
        probeAddresses: checked.probeAddresses,
        warnings: checked.warnings,
        mapsOnly: checked.mapsOnly,
        primary: 'events',
      };
    }
  }
}

/** How a function is named in a uprobe, and where that probe lands. */
export interface ProbeSite {
  spec: string;
  address: number;
}

/**
 * A probe site for a function of the binary: the symbol quoted for bpftrace, or its address when
 * the quoted name would still glob onto other functions (bpftrace expands '*' even in quotes).
 */
export function probeFunction(binary: GoBinary, name: string, breakpoints: readonly BreakpointSite[] = []): ProbeSite {
  if (/["\\\p{Cc}]/u.test(name)) throw new UserError(`${JSON.stringify(name)} is not a function name.`, 'Function names come from the binary: for example main.process or main.(*T).M.');
  const sym = binary.requireFunction(name);
  const [conflict] = probeConflicts([sym.value], breakpoints);
  if (conflict) throw probeRefusal(name, conflict.site);
  let spec = `"${name}"`;
  if (name.includes('*') && binary.functions.some((f) => f.name !== name && globMatch(name, f.name))) spec = `0x${sym.value.toString(16)}`;
  return { spec, address: sym.value };
}

export interface UserScriptCheck {
  probeAddresses: number[];
  warnings: string[];
  /** It fills maps and prints nothing: bpftrace prints them when it ends. */
  mapsOnly: boolean;
}

const ATTACH = /(?:^|[\s,}])(uretprobe|ur|uprobe|u)\s*:\s*("[^"\n]*"|[^\s:"{,]+)\s*:\s*("[^"\n]*"|[^\s"{,/]+)/g;

/**
 * Checks a user's script against the target: refuses uretprobes on Go binaries (the target,
 * `$2`, or any other Go executable) and warns about uprobes on an address where Delve has a
 * breakpoint. The script itself runs as written, with the pid and binary as $1 and $2.
 */
export function checkUserScript(text: string, binary: GoBinary, breakpoints: readonly BreakpointSite[] = []): UserScriptCheck {
  const code = stripComments(text);
  const probeAddresses: number[] = [];
  const warnings: string[] = [];
  const strings = stringSpans(code);
  for (const m of code.matchAll(ATTACH)) {
    if (strings.some(([a, b]) => m.index > a && m.index < b)) continue;
    const kind = m[1]!;
    const file = unquote(m[2]!);
    const fnSpec = unquote(m[3]!);
    const onTarget = file === '$2' || samePath(file, binary.path);
    const goCode = onTarget || isGoBinary(file);
    if ((kind === 'uretprobe' || kind === 'ur') && goCode) throw URETPROBE_REFUSAL;
    if (!onTarget) continue;
    for (const { name, address } of resolveSpec(binary, fnSpec)) {
      probeAddresses.push(address);
      const [conflict] = probeConflicts([address], breakpoints);
      if (conflict) warnings.push(probeWarning(name, conflict.site));
    }
  }
  // Maps only: bpftrace prints them when it ends, so the lane would wait for events that never come (trial BK).
  const outside = (re: RegExp) => [...code.matchAll(re)].some((m) => !strings.some(([a, b]) => m.index > a && m.index < b));
  const mapsOnly = outside(/@\w*/g) && !outside(/\b(?:print|printf|time|join|cat|system|zero|clear)\s*\(/g);
  return { probeAddresses, warnings, mapsOnly };
}

function resolveSpec(binary: GoBinary, spec: string): { name: string; address: number }[] {
  const plus = /^(.*)\+(\d+|0x[0-9a-f]+)$/i.exec(spec);
  const name = plus ? plus[1]! : spec;
  const offset = plus ? Number(plus[2]) : 0;
  if (/^(0x[0-9a-f]+|\d+)$/i.test(name)) {
    const addr = Number(name);
    return [{ name: binary.functionAt(addr)?.name ?? name, address: addr }];
  }
  if (name.includes('*')) return binary.functions.filter((f) => globMatch(name, f.name)).map((f) => ({ name: f.name, address: f.value + offset }));
  const sym = binary.symbol(name);
  return sym ? [{ name, address: sym.value + offset }] : [];
}

/**
 * bpftrace's wildcard: `*` matches any run of characters. Greedy with one backtracking point, so
 * time is at most name × glob; the regular expression `^a.*a.*…b$` it replaces was exponential in
 * the stars (`uprobe:$2:a*a*a*a*a*a*a*a*a*a*b` froze gotui).
 */
export function globMatch(glob: string, name: string): boolean {
  let g = 0;
  let n = 0;
  let star = -1;
  let mark = 0;
  while (n < name.length) {
    if (g < glob.length && glob[g] === '*') {
      star = g++;
      mark = n;
    } else if (g < glob.length && glob[g] === name[n]) {
      g++;
      n++;
    } else if (star >= 0) {
      g = star + 1;
      n = ++mark;
    } else return false;
  }
  while (glob[g] === '*') g++;
  return g === glob.length;
}

function unquote(s: string): string {
  return s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s;
}

function samePath(a: string, b: string): boolean {
  try {
    return fs.realpathSync(a) === fs.realpathSync(b);
  } catch {
    return path.resolve(a) === path.resolve(b);
  }
}

function isGoBinary(file: string): boolean {
  try {
    return loadBinary(file).isGo;
  } catch {
    return false;
  }
}

/** Removes // and /* *\/ comments outside string literals, keeping line structure. */
export function stripComments(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '"') {
      const end = stringEnd(text, i);
      out += text.slice(i, end);
      i = end - 1;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? text.length : end + 2;
      out += text.slice(i, stop).replace(/[^\n]/g, ' ');
      i = stop - 1;
    } else out += c;
  }
  return out;
}

function stringSpans(text: string): [number, number][] {
  const spans: [number, number][] = [];
  for (let i = text.indexOf('"'); i >= 0; i = text.indexOf('"', i)) {
    const end = stringEnd(text, i);
    spans.push([i, end]);
    i = end;
  }
  return spans;
}

function stringEnd(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++;
    else if (text[i] === '"' || text[i] === '\n') return i + 1;
  }
  return text.length;
}

