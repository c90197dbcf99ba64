import readline from 'node:readline/promises';
import { sanitize } from '../core/sanitize.js';

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
  } finally {
    rl.close();
  }
}
