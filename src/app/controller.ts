import type { Options } from '../cli/args.js';
import { runCommandLine } from '../commands/registry.js';
import type { AppControl, CommandContext } from '../commands/types.js';
import { describeError } from '../errors.js';
import { Session } from '../session/session.js';
import type { Store } from '../session/store.js';
import { KeyHandler } from '../ui/input.js';
import { computeLayout, innerHeight } from '../ui/layout.js';
import { createUiStore, PANES, type UiState } from '../ui/ui-state.js';
import { closeConnection, dial, type Connection } from './connect.js';

/**
 * Owns one debugging session and what surrounds it: the connection (and the Delve or tunnel
 * gotui started), the screen's state, and how gotui ends. Keys and the prompt reach the session
 * only through `run`, i.e. through the command registry.
 */
export class AppController implements AppControl {
  readonly session: Session;
  readonly ui: Store<UiState> = createUiStore();
  readonly keys: KeyHandler;
  readonly ctx: CommandContext;
  private ending = false;

  constructor(
    readonly conn: Connection,
    private readonly options: Options,
    /** Leaves the process: unmounts the UI, restores the terminal, exits with the code. */
    private readonly exit: (code: number, message?: string) => void,
  ) {
    this.session = new Session(conn.label);
    this.ctx = { session: this.session, app: this, print: (text, kind = 'result') => this.session.log(text, kind) };
    this.keys = new KeyHandler(this.ui, this.session, {
      run: (line) => this.run(line),
      pageSize: (pane) => {
        const layout = computeLayout(process.stdout.columns || 80, process.stdout.rows || 24);
        return layout.kind === 'panes' ? Math.max(1, innerHeight(layout.panes[pane]) - 1) : 10;
      },
    });
    this.followStops();
    for (const w of conn.warnings) this.session.log(w, 'warning');
    conn.server?.onOutput((line, stream) => this.session.log(line, stream === 'stderr' ? 'stderr' : 'output'));
  }

  run(line: string): Promise<boolean> {
    return runCommandLine(this.ctx, line);
  }

  async start(): Promise<void> {
    try {
      const client = await dial(this.conn);
      await this.session.attach(client, { stop: this.options.stop, version: this.conn.version, owned: this.conn.owned });
      this.session.log(`Attached to ${this.conn.label} (Delve ${this.conn.version}). ? shows the keys; : opens the command prompt.`, 'info');
    } catch (err) {
      this.session.store.update({ status: 'disconnected' });
      this.session.log(describeError(err), 'error');
    }
  }

  /** The source pane and list cursors follow each new stop and each frame the user selects. */
  private followStops(): void {
    let seen = { stop: -1, frame: -1, thread: -1 as number | undefined };
    this.session.store.subscribe(() => {
      const s = this.session.state;
      const frame = s.frames[s.selectedFrame];
      if (!frame) return;
      const key = { stop: s.stopCount, frame: frame.id, thread: s.selectedThreadId };
      if (key.stop === seen.stop && key.frame === seen.frame && key.thread === seen.thread) return;
      seen = key;
      const threadRow = s.threads.findIndex((t) => t.id === s.selectedThreadId);
      const u = this.ui.get();
      this.ui.update({
        ...(frame.file ? { sourceFile: frame.file, sourceCursor: frame.line } : {}),
        followedStop: s.stopCount,
        cursors: { ...u.cursors, goroutines: Math.max(0, threadRow), stack: s.selectedFrame, variables: 0 },
      });
    });
  }

  // ---- AppControl ------------------------------------------------------------------------

  async quit(how: 'ask' | 'leave' | 'resume' | 'kill'): Promise<void> {
    const s = this.session.state;
    if (how === 'ask' && !this.conn.owned && s.status === 'stopped' && this.session.connected) {
      this.session.store.update({
        prompt: {
          text: 'The target is halted. Leave it halted, or let it run?',
          choices: [
            { key: 'r', label: 'let it run', command: 'quit -resume' },
            { key: 'h', label: 'leave it halted', command: 'quit -leave' },
          ],
        },
      });
      return;
    }
    await this.end(this.conn.owned || how === 'kill' ? 'kill' : how === 'resume' ? 'resume' : 'leave');
  }

  async detach(resume: boolean): Promise<void> {
    await this.session.detach(resume);
    // A Delve gotui started keeps serving after detach: say where, so the user can come back.
    const msg = this.conn.server
      ? `Detached. Delve keeps serving the target on ${this.conn.address.host}:${this.conn.address.port} (gotui attach ${this.conn.address.host}:${this.conn.address.port}).`
      : `Detached from ${this.conn.label}; the target is ${resume ? 'running' : 'as it was'}.`;
    await closeConnection(this.conn, false);
    this.finish(0, msg);
  }

  async reconnect(): Promise<void> {
    const client = await dial(this.conn);
    await this.session.reconnect(client, { stop: false, version: this.conn.version, owned: this.conn.owned });
    this.session.log(`Reconnected to ${this.conn.label}.`, 'info');
  }

  focus(pane: string): void {
    const p = PANES.find((x) => x.id === pane);
    if (p) this.ui.update({ focus: p.id });
  }

  /** Ends the session on any path (quit, signal, crash): owned targets are ended, others left as they are. */
  async end(how: 'kill' | 'resume' | 'leave', code = 0): Promise<void> {
    if (this.ending) return;
    this.ending = true;
    let message: string;
    if (how === 'kill') {
      await this.session.terminate();
      message = this.conn.owned ? `Ended ${this.conn.label} and its Delve.` : `Killed ${this.conn.label}.`;
    } else {
      await this.session.detach(how === 'resume');
      message = `Left ${this.conn.label} ${how === 'resume' ? 'running' : this.session.state.status === 'stopped' ? 'halted' : 'as it was'}.`;
    }
    // A Delve gotui started for `attach --pid` detaches (without killing) when told to stop.
    await closeConnection(this.conn, !!this.conn.server);
    this.finish(code, message);
  }

  private finish(code: number, message: string): void {
    this.exit(code, message);
  }
}
