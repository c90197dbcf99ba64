/**
 * :record: the command lines of an interactive session, written as a script `gotui run` and
 * `:source` replay. Keys arrive as the commands they run, so the script is what happened.
 */
import fs from 'node:fs';
import { fsProblem, UserError } from '../errors.js';
import type { CommandLog } from '../features/types.js';

/** Commands about gotui itself, not the target: a replay must not run them. */
const LEFT_OUT = new Set(['record', 'source', 'help', 'h', 'quit', 'q', 'exit', 'detach', 'reconnect']);

/**
 * A line as a script replays it, or undefined when it has no place there. A script reads
 * `set NAME = VALUE` as a script variable, so the target's `set n = 3` is written `set var n = 3`.
 */
export function scriptLine(line: string): string | undefined {
  const text = line.trim().replace(/^:\s*/, '');
  const name = /^\S+/.exec(text)?.[0];
  if (!name || LEFT_OUT.has(name)) return undefined;
  if (name === 'set' && !/^set\s+var\s/.test(text)) return text.replace(/^set\s+/, 'set var ');
  return text;
}

export class CommandRecorder implements CommandLog {
  readonly lines: string[] = [];
  private file: string | undefined;

  /** A command line that ran (and did not fail). */
  note(line: string): void {
    const text = scriptLine(line);
    if (text === undefined) return;
    this.lines.push(text);
    if (this.file) this.write(() => fs.appendFileSync(this.file!, `${text}\n`));
  }

  start(file: string): void {
    const header = `# Recorded by gotui on ${new Date().toISOString()}; replay it with: gotui run ${file} -- TARGET\n`;
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
      this.file = undefined;
      throw new UserError(`Cannot write ${file}: ${fsProblem(err)}.`, 'Give a path in a folder you can write to.');
    }
  }
}
