import type { DebugProtocol } from '@vscode/debugprotocol';
import { BpfService } from '../bpf/service.js';
import { flagsFor, type FlagsController } from '../flags/controller.js';
import { registersFor } from '../registers/store.js';
import { rowCommand, selectableRows } from '../flags/view.js';
import { GoroutinesController, type GoroutineSource } from '../goroutines/controller.js';
import type { Options } from '../cli/args.js';
import { DelveRpcClient } from '../delve/rpc.js';
import { parseDelveVersion } from '../delve/locate.js';
import { runCommandLine } from '../commands/registry.js';
import type { AppControl, CommandContext } from '../commands/types.js';
import { describeError, UserError } from '../errors.js';
import { Session } from '../session/session.js';
import type { Store } from '../session/store.js';
import { KeyHandler } from '../ui/input.js';
import { computeLayout, innerHeight } from '../ui/layout.js';
import { createUiStore, focusPane, isBottomPane, PANES, type UiState } from '../ui/ui-state.js';
import { closeConnection, dial, type Connection } from './connect.js';
import type { DapClient } from '../dap/client.js';
import { traceTarget } from './trace-target.js';

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
  readonly bpf: BpfService;
  readonly flags: FlagsController;
  /** Delve's JSON-RPC API on the same port, for what DAP lacks; absent on a `dlv dap` server. */
  rpc: DelveRpcClient | undefined;
  private ending = false;

  constructor(
    readonly conn: Connection,
    private readonly options: Options,
    /** Leaves the process: unmounts the UI, restores the terminal, exits with the code. */
    private readonly exit: (code: number, message?: string) => void,
  ) {
    this.session = new Session(conn.label);
    this.bpf = new BpfService(() => traceTarget(conn, () => this.requireRpc('find the target process').then((r) => r.processPid())));
    this.flags = flagsFor(this.session);
    // Registers are read from the first stop on, so the first change marks have something to compare with.
    registersFor(this.session);
    this.ctx = { session: this.session, app: this, tools: { bpf: this.bpf, flags: this.flags }, print: (text, kind = 'result') => this.session.log(text, kind), run: (line) => this.run(line) };
    const bpf = this.bpf;
    const tools = this.ctx.tools;
    const features = {
      get bpfEvent() {
        return bpf.selectedEvent();
      },
      get bpfProbes() {
        return bpf.streams().map((s) => s.id);
      },
      get bpfShown() {
        return bpf.current()?.id;
      },
      get flagRow() {
        return flagRowCommand(tools.flags);
      },
      get groupOpen() {
        return !!tools.goroutines?.store.get().expanded;
      },
      get groupMember() {
        return tools.goroutines?.store.selectedMember()?.id;
      },
    };
    this.keys = new KeyHandler(this.ui, this.session, {
      run: (line, opts) => this.run(line, opts),
      pageSize: (pane) => {
        const layout = computeLayout(process.stdout.columns || 80, process.stdout.rows || 24, isBottomPane(pane) && pane !== 'console');
        if (layout.kind !== 'panes') return 10;
        const slot = isBottomPane(pane) ? layout.panes.bottom : layout.panes[pane as Exclude<typeof pane, 'console' | 'registers' | 'memory' | 'flags' | 'bpf'>];
        return Math.max(1, innerHeight(slot) - 1);
      },
      move: (pane, delta) => {
        const g = tools.goroutines;
        if (pane === 'bpf') this.bpf.move(delta);
        else if (pane === 'flags') this.flags.moveCursor(delta);
        else if (pane === 'goroutines' && g) {
          if (g.store.get().expanded) void g.moveMember(delta);
          else g.moveGroup(delta);
        } else return false;
        return true;
      },
      features,
    });
    this.followStops();
    this.flagsWhileShown();
    for (const w of conn.warnings) this.session.log(w, 'warning');
    conn.server?.onOutput((line, stream) => this.session.log(line, stream === 'stderr' ? 'stderr' : 'output'));
  }

  run(line: string, opts?: { echo?: boolean }): Promise<boolean> {
    return runCommandLine(this.ctx, line, opts);
  }

  /** Attaches over `client` (dialled here when not given: main dials first, so that "nothing listening" ends gotui before its screen opens). */
  async start(client?: DapClient): Promise<void> {
    try {
      client ??= await dial(this.conn);
      await this.session.attach(client, { stop: this.options.stop, version: this.conn.version, owned: this.conn.owned, probe: () => this.probe() });
      this.session.log(`Attached to ${this.conn.label} (Delve ${this.session.state.delveVersion}). ? shows the keys; : opens the command prompt.`, 'info');
      await this.startGoroutines();
    } catch (err) {
      this.session.store.update({ status: 'disconnected' });
      this.session.log(describeError(err), 'error');
    }
  }

  /** Opens the JSON-RPC side channel (once DAP is up) and asks it what DAP cannot tell before attach. */
  private async probe(): Promise<{ halted?: boolean; version?: string }> {
    try {
      this.rpc = await DelveRpcClient.connect(this.conn.address);
    } catch (err) {
      this.session.log(`${describeError(err)}`, 'info');
      return {};
    }
    const [version, state] = await Promise.all([this.rpc.getVersion().catch(() => undefined), this.rpc.state(true).catch(() => undefined)]);
    return {
      version: version ? parseDelveVersion(version.DelveVersion) ?? version.DelveVersion.trim() : undefined,
      // A Delve gotui started halts the target itself (at entry, or on attach --pid): not a user's halt to preserve.
      halted: !this.conn.server && state ? !state.Running && !state.exited : undefined,
    };
  }

  /**
   * The goroutines pane reads groups through its own JSON-RPC connection (a long ListGoroutines
   * blocks the connection it runs on), or DAP threads where the server has no JSON-RPC.
   */
  private async startGoroutines(): Promise<void> {
    let source: GoroutineSource;
    const rpc = this.rpc ? await DelveRpcClient.connect(this.conn.address).catch(() => undefined) : undefined;
    if (rpc) source = { kind: 'rpc', rpc };
    else source = { kind: 'dap', threads: async () => (await this.session.request<DebugProtocol.ThreadsResponse>('threads')).body.threads, reason: 'no JSON-RPC' };
    const g = new GoroutinesController(source);
    this.ctx.tools.goroutines = g;
    let stop = this.session.state.stopCount;
    this.session.store.subscribe(() => {
      const s = this.session.state;
      if (s.status === 'running' || s.status === 'exited') g.targetResumed();
      else if (s.status === 'stopped' && s.stopCount !== stop) {
        stop = s.stopCount;
        void g.refresh({ newStop: true });
      }
    });
    if (this.session.state.status === 'stopped') void g.refresh({ newStop: true });
    else g.targetResumed();
  }

  async requireRpc(what: string): Promise<DelveRpcClient> {
    if (!this.rpc) throw new UserError(`Cannot ${what}: this Delve server has no JSON-RPC side channel (a dlv dap server?).`, 'Start Delve headless with --accept-multiclient --api-version=2.');
    return this.rpc;
  }

  /** The flags pane reads the target at every stop only while it is on screen (a few requests per flag). */
  private flagsWhileShown(): void {
    let shown = false;
    this.ui.subscribe(() => {
      const now = this.ui.get().bottom === 'flags';
      if (now === shown) return;
      shown = now;
      if (now) void this.flags.activate().catch((err) => this.session.log(describeError(err), 'error'));
      else this.flags.deactivate();
    });
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
      const u = this.ui.get();
      this.ui.update({
        ...(frame.file ? { sourceFile: frame.file, sourceCursor: frame.line } : {}),
        cursors: { ...u.cursors, stack: s.selectedFrame, variables: 0 },
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
    if (p) this.ui.update(focusPane(p.id));
  }

  /** Ends the session on any path (quit, signal, crash): owned targets are ended, others left as they are. */
  async end(how: 'kill' | 'resume' | 'leave', code = 0): Promise<void> {
    if (this.ending) return;
    this.ending = true;
    // Probes first: bpftrace runs in its own process group and outlives gotui otherwise.
    await this.bpf.stopAll().catch(() => undefined);
    this.rpc?.close();
    this.ctx.tools.goroutines?.close();
    this.flags.dispose();
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

/** What Enter on the flags pane's cursor row types at the prompt (an edit with the current value, or a cancel). */
function flagRowCommand(flags: FlagsController): string | undefined {
  const state = flags.store.get();
  const row = selectableRows(state)[state.cursor];
  return row ? rowCommand(state, row) : undefined;
}
