/**
 * :record: the command lines of an interactive session, written as a script `gotui run` and
 * `:source` replay. Keys arrive as the commands they run, so the script is what happened.
 */
import fs from 'node:fs';
import { fsProblem, UserError } from '../errors.js';
import { shellQuote } from '../core/shell.js';
import type { CommandLog } from '../features/types.js';

/** Commands about gotui itself, not the target: a replay must not run them. */
const LEFT_OUT = new Set(['record', 'source', 'help', 'h', 'quit', 'q', 'exit', 'detach', 'reconnect']);

/** Where the session stood around a command: stop counts before and after it, whether the target ran after it, and whether the command brings a stop of its own (Command.ownStop). */
export interface Around {
  before: number;
  after: number;
  running: boolean;
  ownStop: boolean;
}

/** A stop a replay must run to: the target reached it by itself (it was running when the command before was typed). */
export const RAN_TO_STOP = ['# The target was running and stopped by itself here: a replay runs to its next stop (an earlier hit, if the breakpoint was set late).', 'continue'];

/**
 * A line as a script replays it, or undefined when it has no place there. A script reads
 * `set NAME = VALUE` as a script variable, so the target's `set n = 3` is written `set var n = 3`;
 * its `args` is the dlv CLI's, so the UI's `:args` (os.Args) is written `osargs`.
 */
export function scriptLine(line: string): string | undefined {
  const text = line.trim().replace(/^:\s*/, '');
  const name = /^\S+/.exec(text)?.[0];
  if (!name || LEFT_OUT.has(name)) return undefined;
  if (name === 'set' && !/^set\s+var\s/.test(text)) return text.replace(/^set\s+/, 'set var ');
  // A script's args is the dlv CLI's (the frame's arguments): the UI's os.Args is osargs there.
  if (name === 'args') return text.replace(/^args/, 'osargs');
  // The answer to a restart's question: a script's restart is asked nothing.
  if (name === 'restart' || name === 'start' || name === 'rebuild') return text.replace(/^(\S+)\s+-yes(?=\s|$)/, '$1');
  return text;
}

export class CommandRecorder implements CommandLog {
  readonly lines: string[] = [];
  /** The TARGET words that reach this session's target again (see replayWords), for the header. */
  target: string | undefined;
  private file: string | undefined;
  /** Stops a written line accounts for (a run command's, or a `continue` written for one). */
  private accounted = 0;
  /** A written command whose stop has not come yet (a continue, a restart, a pause). */
  private runPending = false;

  /** Attached with `stops` stops made: a stop found on attaching is where a replay starts too, not one to run to. */
  attached(stops: number): void {
    this.accounted = stops;
  }

  /**
   * A command line that ran (and did not fail). `around` places it among the target's stops: a
   * stop that came while the target ran of its own accord (as a demo runs from its start, or an
   * attached service) is written as a `continue` before it, since a replay's target is halted until
   * a command runs it (trial Q: `break F` then `print x` replayed at the program's entry).
   */
  note(line: string, around?: Around): void {
    const text = scriptLine(line);
    if (text === undefined) return;
    const out: string[] = [];
    if (around) {
      if (around.before > this.accounted) {
        if (!this.runPending) out.push(...RAN_TO_STOP);
        this.runPending = false;
        this.accounted = around.before;
      }
      if (around.ownStop) {
        this.accounted = around.after;
        this.runPending = around.running;
      }
    }
    out.push(text);
    this.lines.push(...out);
    if (this.file) this.write(() => fs.appendFileSync(this.file!, out.map((l) => `${l}\n`).join('')));
  }

  start(file: string): void {
    const header = `# Recorded by gotui on ${new Date().toISOString()}; replay it with: gotui run ${shellQuote(file)} -- ${this.target ?? 'TARGET'}\n`;
    this.write(() => fs.writeFileSync(file, header + this.lines.map((l) => `${l}\n`).join('')), file);
    this.file = file;
  }

  stop(): string | undefined {
    const file = this.file;
    this.file = undefined;
    return file;
  }

  private write(act: () => void, file = this.file): void {
    try {
      act();
    } catch (err) {
      // Another file that cannot be written leaves the recording going on (trial BY: it ended, unsaid).
      const still = this.file && file !== this.file ? ` Still recording to ${this.file}.` : '';
      if (!still) this.file = undefined;
      throw new UserError(`Cannot write ${file}: ${fsProblem(err)}.${still}`, 'Give a path in a folder you can write to.');
    }
  }
}
