/** A Session stand-in that answers DAP requests from a capture of a real Delve (src/flags/fixtures), for unit tests. */
import fs from 'node:fs';
import path from 'node:path';
import { DapRequestError } from '../dap/client.js';
import { Emitter } from '../core/emitter.js';
import { repoRoot } from '../paths.js';
import type { Session } from '../session/session.js';

export interface CapturedRequest {
  command: string;
  args: Record<string, unknown>;
  body?: unknown;
  error?: string;
}

export interface Capture {
  delve: string;
  args: string[];
  requests: CapturedRequest[];
}

export function loadCapture(name = 'delve-1.27.1.json'): Capture {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, 'src/flags/fixtures', name), 'utf8')) as Capture;
}

/**
 * Replays a capture: each request gets the answer Delve gave to the same request (frameId aside);
 * a request asked several times gets the answers in the order they were captured.
 */
export function replaySession(capture: Capture): Session & { sent: string[]; logged: string[]; callsCut: string[] } {
  const answers = new Map<string, CapturedRequest[]>();
  const key = (command: string, args: object) => JSON.stringify([command, args]);
  for (const r of capture.requests) {
    const k = key(r.command, r.args);
    answers.set(k, [...(answers.get(k) ?? []), r]);
  }
  const frame = { id: 1000, index: 0, name: 'main.main', line: 99 };
  const state = { status: 'stopped', stop: { number: 1, reason: 'breakpoint', goroutine: 1, breakpoints: [] }, selection: { goroutine: 1, frame, top: frame, chosen: false } };
  const sent: string[] = [];
  const logged: string[] = [];
  const callsCut: string[] = [];
  const fake = {
    sent,
    logged,
    callsCut,
    callCutShort: (name: string) => callsCut.push(name),
    state,
    events: new Emitter(),
    stopCount: 1,
    get: () => state,
    subscribe: () => () => undefined,
    log: (text: string) => logged.push(text),
    changed: () => undefined,
    currentFrame: () => frame,
    async request(command: string, args: Record<string, unknown> = {}) {
      const { frameId: _frame, ...rest } = args;
      const k = key(command, rest);
      sent.push(k);
      const queue = answers.get(k);
      const a = queue && queue.length > 1 ? queue.shift() : queue?.[0];
      if (!a) throw new Error(`not in the capture: ${k}`);
      if (a.error !== undefined) throw new DapRequestError(command, a.error);
      return { body: a.body };
    },
  };
  return fake as unknown as Session & { sent: string[]; logged: string[]; callsCut: string[] };
}
