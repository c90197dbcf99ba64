import type { DebugProtocol as P } from '@vscode/debugprotocol';

export type Status = 'connecting' | 'running' | 'stopped' | 'exited' | 'disconnected';

export interface Breakpoint {
  /** gotui's own number, stable across re-sends (Delve's ids change when a file's list is re-sent). */
  id: number;
  kind: 'line' | 'function';
  /** Absolute path for line breakpoints; for function breakpoints the file Delve resolved it to. */
  file?: string;
  line?: number;
  /** The location as the user wrote it (pkg.Func, file.go:LINE) for function breakpoints. */
  spec?: string;
  condition?: string;
  hitCondition?: string;
  verified: boolean;
  message?: string;
}

export interface Frame {
  id: number;
  name: string;
  file?: string;
  line: number;
  pc?: string;
}

/** One node of the variables tree; children load on demand (handles reset at every stop). */
export interface VarNode {
  key: string;
  name: string;
  value: string;
  type: string;
  ref: number;
  evaluateName?: string;
  memoryReference?: string;
  indexed?: number;
  named?: number;
  depth: number;
}

export interface ConsoleLine {
  text: string;
  kind: 'output' | 'stderr' | 'command' | 'result' | 'error' | 'info' | 'warning';
}

export interface SessionState {
  status: Status;
  /** What the status bar names: "demo orders", "127.0.0.1:2345", "pid 1234". */
  targetLabel: string;
  delveVersion: string;
  /** True when gotui started Delve and the debuggee, so quitting ends them. */
  owned: boolean;
  stopReason?: string;
  stopDescription?: string;
  /** Bumped at every stop: panes use it to notice a new stop. */
  stopCount: number;
  threads: P.Thread[];
  selectedThreadId?: number;
  /** The goroutine that caused the last stop. */
  stoppedThreadId?: number;
  frames: Frame[];
  selectedFrame: number;
  variables: VarNode[];
  expanded: ReadonlySet<string>;
  breakpoints: Breakpoint[];
  console: ConsoleLine[];
  /** A question the user must answer before going on (e.g. on quit with a halted target). */
  prompt?: { text: string; choices: { key: string; label: string; command: string }[] };
  capabilities: P.Capabilities;
  lastError?: string;
}

export const CONSOLE_LIMIT = 2000;

export function initialState(targetLabel: string): SessionState {
  return {
    status: 'connecting',
    targetLabel,
    delveVersion: '?',
    owned: false,
    stopCount: 0,
    threads: [],
    frames: [],
    selectedFrame: 0,
    variables: [],
    expanded: new Set(),
    breakpoints: [],
    console: [],
    capabilities: {},
  };
}

export function appendConsole(lines: ConsoleLine[], add: ConsoleLine[]): ConsoleLine[] {
  const next = lines.concat(add);
  return next.length > CONSOLE_LIMIT ? next.slice(next.length - CONSOLE_LIMIT) : next;
}
