import readline from 'node:readline/promises';
import { sanitize } from '../core/sanitize.js';
import { UserError } from '../errors.js';

/** Before the screen opens: lists `choices` on the terminal and reads a number (1-based) until one is valid. */
export async function pickOnTerminal(question: string, choices: readonly string[]): Promise<number> {
  process.stderr.write(`${sanitize(question)}\n${choices.map((c, i) => `  ${i + 1}) ${sanitize(c)}`).join('\n')}\n`);
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr });
  try {
    for (;;) {
      const answer = (await rl.question(`Which one? [1-${choices.length}] `)).trim();
      const n = Number(answer);
      if (/^\d+$/.test(answer) && n >= 1 && n <= choices.length) return n - 1;
      process.stderr.write(`Type a number from 1 to ${choices.length} (Ctrl-C gives up).\n`);
    }
  } catch (err) {
    // Ctrl-C or Ctrl-D at the question (readline's AbortError).
    if ((err as Error)?.name === 'AbortError') throw new UserError('No Delve chosen: gotui stopped at your Ctrl-C (or Ctrl-D).', 'Run the command again and type the number of the Delve to attach to.');
    throw err;
  } finally {
    rl.close();
  }
}
