/**
 * `:record FILE` and `:source FILE`: scripts in the interactive UI, through the same registry as
 * keys and the prompt. The registry hands in how it runs and checks lines (it imports this file).
 */
import fs from 'node:fs';
import { fsProblem, UserError } from '../errors.js';
import type { Command, CommandContext } from '../features/types.js';
import { ScriptRunner } from './runner.js';
import { parseScript } from './script.js';
import { heldText } from './report.js';

export interface LineRunner {
  execute(ctx: CommandContext, line: string): Promise<void>;
  disabledNow(ctx: CommandContext, line: string): string | undefined;
  isCommand(line: string): boolean;
  nearCommands(name: string): string[];
}

/** How long a sourced script may run in the UI (waits inside it are bounded by their own `within`). */
const SOURCE_LIMIT_MS = 30 * 60_000;

export function scriptCommands(lines: LineRunner): Command[] {
  let running: ScriptRunner | undefined;
  return [
    {
      name: 'record',
      args: 'FILE | stop',
      summary: 'Write the commands of this session (keys as their commands) to FILE as a script, and keep adding to it until :record stop.',
      help: 'Replay it with gotui run FILE -- TARGET, or :source FILE. Add expect lines to make it a regression test.',
      run(ctx, args) {
        const log = ctx.app.commandLog;
        if (!log) throw new UserError('This session keeps no command log to record.');
        const file = args.trim();
        if (!file) throw new UserError('record needs a file to write.', 'Example: :record fix.gotui (then :record stop).');
        if (file === 'stop') {
          const was = log.stop();
          ctx.print(was ? `Stopped recording to ${was}.` : 'Nothing was being recorded.', 'result');
          return;
        }
        log.start(file);
        ctx.print(`Recording to ${file}: ${log.lines.length} command(s) so far, and every one from now on (:record stop ends it).`, 'result');
      },
    },
    {
      name: 'source',
      args: 'FILE',
      summary: 'Run a script of gotui commands and expectations here (the batch language of gotui run).',
      async run(ctx, args) {
        const file = args.trim();
        if (!file) throw new UserError('source needs a script file.', 'Example: :source checks.gotui');
        if (running) throw new UserError('A script is already running.', 'Wait for it to end.');
        let text: string;
        try {
          text = fs.readFileSync(file, 'utf8');
        } catch (err) {
          throw new UserError(`Cannot read ${file}: ${fsProblem(err)}.`);
        }
        const script = parseScript(text, file, { env: process.env, isCommand: lines.isCommand, near: lines.nearCommands });
        const runner = new ScriptRunner(
          {
            session: ctx.session,
            model: (f) => ctx.model(f),
            execute: async (line) => {
              ctx.print(`> ${line}`, 'command');
              const before = ctx.session.stopCount;
              await lines.execute(ctx, line);
              // :record keeps what the script ran, where `source` itself is left out (a replay may lack the file).
              ctx.app.recordLine?.(line, before);
            },
            disabledNow: (line) => lines.disabledNow(ctx, line),
            progress: (text) => ctx.print(text, /FAILED|ERROR/.test(text) ? 'warning' : 'info'),
          },
          { deadline: Date.now() + SOURCE_LIMIT_MS },
        );
        running = runner;
        try {
          const stopped = await runner.run(script);
          const expects = runner.records.filter((r) => r.kind === 'expect');
          const failed = expects.filter((r) => r.status !== 'passed').length;
          const summary = `${file}: ${heldText(expects.length - failed, expects.length)}${failed ? `, ${failed} failed` : ''}${stopped ? `; the script stopped at its line ${stopped.line ?? '?'}: ${stopped.message.replace(/\.$/, '')}` : ''}.`;
          ctx.print(summary, failed || stopped ? 'warning' : 'result');
        } finally {
          running = undefined;
        }
      },
    },
  ];
}
