import type { BpfService } from '../bpf/service.js';
import type { FlagsController } from '../flags/controller.js';
import type { GoroutinesController } from '../goroutines/controller.js';
import type { Session } from '../session/session.js';
import type { ConsoleLine } from '../session/state.js';

/** What the app around a session does that the session cannot: ending, reconnecting, moving focus. */
export interface AppControl {
  /** `leave` keeps an attached target as it is, `resume` lets it run first; owned targets are ended either way. */
  quit(how: 'ask' | 'leave' | 'resume' | 'kill'): Promise<void>;
  detach(resume: boolean): Promise<void>;
  reconnect(): Promise<void>;
  /** Focus a pane by name (UI only; a no-op in batch mode). */
  focus(pane: string): void;
}

/** The services beside the session that feature commands drive. */
export interface Tools {
  bpf: BpfService;
  flags: FlagsController;
  /** Exists once attached: groups from Delve's JSON-RPC side channel, or DAP threads. */
  goroutines?: GoroutinesController;
}

export interface CommandContext {
  session: Session;
  app: AppControl;
  tools: Tools;
  print(text: string, kind?: ConsoleLine['kind']): void;
  /** Runs another command line (echoed), for commands built on others. */
  run(line: string): Promise<boolean>;
}

export interface Command {
  name: string;
  aliases?: string[];
  /** Argument synopsis, e.g. `LOC [if COND] [hit N]`. */
  args?: string;
  summary: string;
  /** Longer help: examples, what the arguments mean. */
  help?: string;
  /** Why the command cannot run now, if it cannot (shown in help and the status line instead of a failed request). */
  disabledReason?(ctx: CommandContext): string | undefined;
  run(ctx: CommandContext, args: string): Promise<void>;
}
