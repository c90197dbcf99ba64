import type net from 'node:net';
import { EventEmitter } from 'node:events';
import type { DebugProtocol as P } from '@vscode/debugprotocol';
import { encodeMessage, FramingError, MessageReader } from './framing.js';
import { UserError } from '../errors.js';
import { formatHostPort, type HostPort } from '../transport/address.js';
import { openTcp } from '../transport/tcp.js';
import { withoutGoStack } from '../delve/said.js';
import { protocolLog } from '../core/timings.js';

/** A DAP request that Delve answered with success=false; `message` is Delve's own text. */
export class DapRequestError extends Error {
  constructor(
    readonly command: string,
    message: string,
  ) {
    super(message);
    this.name = 'DapRequestError';
  }
}

export interface DapClientEvents {
  event: [P.Event];
  /** The connection ended; `reason` is one sentence for the user. */
  close: [reason: string];
  /** A request asked `at` went unanswered past its limit (true), or Delve spoke again `at` after one did (false); performance.now(). */
  silent: [silent: boolean, at: number];
}

interface Pending {
  command: string;
  resolve: (r: P.Response) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

export const DEFAULT_TIMEOUT_MS = 15_000;

const trace = protocolLog(process.env.GOTUI_DAP_LOG);

/** A request Delve did not answer in time (it may still carry it out). */
export class DapTimeoutError extends UserError {
  constructor(
    readonly command: string,
    message: string,
    hint: string,
  ) {
    super(message, hint);
  }
}

/** Requests that run the target: not to be sent again when unanswered. */
const RUNS = new Set(['continue', 'next', 'stepIn', 'stepOut', 'stepBack', 'reverseContinue']);

/** For a port where something other than Delve answers: the port Delve listens on, or a Delve gotui starts. */
const NOT_DELVE_HINT = 'Give the port Delve listens on (its --listen), or let gotui start one: gotui exec ./bin, gotui attach --pid N.';

/** Request/response and events over one DAP byte stream. Knows DAP, not Delve, not React. */
export class DapClient extends EventEmitter<DapClientEvents> {
  private seq = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly reader = new MessageReader();
  /** Requests sent and not answered yet. */
  get inFlight(): number {
    return this.pending.size;
  }
  private closedReason: string | undefined;
  /** The way on from why it closed, where there is one (a server that is not Delve). */
  private closedHint: string | undefined;
  /** A request timed out and nothing has come from Delve since. */
  private silentNow = false;

  get silent(): boolean {
    return this.silentNow;
  }

  constructor(
    private readonly socket: net.Socket,
    readonly peer: string,
    /** Through an SSH tunnel: a close may be the link's, not Delve's doing. */
    tunnelled = false,
  ) {
    super();
    socket.on('data', (chunk: Buffer) => this.onData(chunk));
    const why = tunnelled ? ': the SSH link dropped, or Delve closed it.' : '';
    socket.on('error', (err) => this.shutdown(tunnelled ? `The connection to Delve at ${peer} failed (${err.message})${why}` : `The connection to Delve at ${peer} failed: ${err.message}.`));
    socket.on('close', () => this.shutdown(tunnelled ? `The connection to Delve at ${peer} closed${why}` : `Delve at ${peer} closed the connection.`));
  }

  get closed(): boolean {
    return this.closedReason !== undefined;
  }

  request<R extends P.Response = P.Response>(command: string, args?: unknown, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<R> {
    if (this.closedReason) return Promise.reject(new UserError(this.closedReason, this.closedHint));
    const seq = this.seq++;
    const askedAt = performance.now();
    return new Promise<R>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(seq);
        // A short limit is a probe (a pause on leaving), not Delve taken for stuck.
        if (timeoutMs >= 2_000 && !this.silentNow) {
          this.silentNow = true;
          this.emit('silent', true, askedAt);
        }
        const within = timeoutMs < 1000 ? `${timeoutMs} ms` : `${Math.round(timeoutMs / 1000)}s`;
        // Delve answers at once even while the target runs: no answer is Delve (or the link) stuck,
        // and the request stays queued there. A run sent again would run twice once Delve wakes.
        reject(RUNS.has(command)
          ? new DapTimeoutError(command, `Delve did not answer '${command}' within ${within}: Delve itself is not responding, and may still carry it out when it does.`, 'Wait for the stop rather than sending it again (that would run twice); :quit leaves.')
          : new DapTimeoutError(command, `Delve did not answer '${command}' within ${within}: Delve (or the link to it) is not responding.`, 'Try again in a moment; :quit leaves.'));
      }, timeoutMs);
      this.pending.set(seq, { command, resolve: resolve as (r: P.Response) => void, reject, timer });
      const msg = { seq, type: 'request', command, arguments: args };
      trace?.('>', JSON.stringify(msg));
      this.socket.write(encodeMessage(msg));
    });
  }

  close(): void {
    this.socket.destroy();
    this.shutdown('The connection to Delve was closed.');
  }

  private onData(chunk: Buffer): void {
    if (this.silentNow) {
      this.silentNow = false;
      this.emit('silent', false, performance.now());
    }
    let messages: unknown[];
    try {
      messages = this.reader.push(chunk);
    } catch (err) {
      const what = err instanceof FramingError ? err.message : String(err);
      const greets = err instanceof FramingError ? err.greets : undefined;
      // sshd's port given for Delve's is a likely slip: say how to reach a Delve through it.
      const ssh = greets === 'an SSH server' ? ' To reach a Delve on that host through SSH: gotui attach user@host:DELVEPORT.' : '';
      // Its first line quoted, and the way on apart from the sentence (trial CH: an http.server's page, said with no way on).
      const hint = ssh ? undefined : NOT_DELVE_HINT;
      this.shutdown(greets ? `The server at ${this.peer} is not speaking DAP: it greets as ${greets} (${what.replace(/^not a DAP header: /, '').replace(/\\[rn].*$/, '"')}), not Delve.${ssh}` : `The server at ${this.peer} is not speaking DAP (${what}), so it is not Delve.`, hint);
      this.socket.destroy();
      return;
    }
    for (const m of messages) this.dispatch(m as P.ProtocolMessage);
  }

  private dispatch(msg: P.ProtocolMessage): void {
    trace?.('<', JSON.stringify(msg));
    if (msg.type === 'response') {
      const res = msg as P.Response;
      const p = this.pending.get(res.request_seq);
      if (!p) return;
      this.pending.delete(res.request_seq);
      clearTimeout(p.timer);
      if (res.success) p.resolve(res);
      else p.reject(new DapRequestError(p.command, errorText(res)));
    } else if (msg.type === 'event') {
      this.emit('event', msg as P.Event);
    }
  }

  private shutdown(reason: string, hint?: string): void {
    if (this.closedReason) return;
    this.closedReason = reason;
    this.closedHint = hint;
    for (const [, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(new UserError(reason, hint));
    }
    this.pending.clear();
    this.emit('close', reason);
  }
}

function errorText(res: P.Response): string {
  const body = res.body as { error?: P.Message } | undefined;
  const detail = body?.error?.format;
  // Delve puts the useful part in body.error.format; `message` is often a generic word.
  return withoutGoStack(detail ?? res.message ?? `${res.command} failed`);
}

/** Connects to a DAP server over TCP; `peer` names it in messages (a tunnel's remote end rather than its local port). */
export async function connectTcp(addr: HostPort, timeoutMs = 5_000, peer = formatHostPort(addr), tunnelled = false): Promise<DapClient> {
  return new DapClient(await openTcp(addr, timeoutMs), peer, tunnelled);
}

