import { readFile } from 'node:fs/promises';
import { lookup } from 'node:dns/promises';
import { parseArgs, USAGE } from './args.js';
import { describeError, UserError } from '../errors.js';
import { mark } from '../core/timings.js';
import { sanitize } from '../core/sanitize.js';
import { cancelBuilds, endLeftovers } from '../core/leftovers.js';
import { ENDING_SIGNALS } from './signals.js';

/** The exit code of the signal that cancelled a build: gotui ends with it once the cancel is said. */
let cancelledBy: number | undefined;

/**
 * Until the session has its own (runInteractive): a signal ends what gotui started, then gotui. A
 * build under way is cancelled instead and its start fails saying so (trial CA); a second signal ends gotui at once.
 */
const endEarly = (signal: NodeJS.Signals) => {
  const code = ENDING_SIGNALS.find(([s]) => s === signal)?.[1] ?? 1;
  if (cancelledBy === undefined && cancelBuilds()) return void (cancelledBy = code);
  endLeftovers();
  process.exit(code);
};

/**
 * `gotui ...`: help and errors print without loading the UI; a session loads it (and Ink) only
 * once the target is reachable, so "nothing listening" is one line on a plain terminal.
 */
export async function main(argv: string[]): Promise<void> {
  mark('cli');
  try {
    const inv = parseArgs(argv);
    if (inv.kind === 'help') return void process.stdout.write(`${USAGE}\n`);
    if (inv.kind === 'version') return void process.stdout.write(`gotui ${await packageVersion()}\n`);
    const { openTarget, dial, closeConnection, checkLocalTarget } = await import('../app/connect.js');
    // A missing program or a wrong core is the first thing to hear, terminal or not.
    if (!process.stdout.isTTY || !process.stdin.isTTY) {
      checkLocalTarget(inv.target);
      throw new UserError('gotui needs a terminal: its standard input and output are not a TTY.', 'Run it in a terminal (over ssh: ssh -t host gotui ...).');
    }
    mark('main');
    for (const [signal] of ENDING_SIGNALS) process.on(signal, endEarly);
    // The project's rules, after the command line's (a broken .gotui.json is one sentence here).
    const { loadConfigRules } = await import('../source/substitute.js');
    inv.options.substitutePath = [...(inv.options.substitutePath ?? []), ...loadConfigRules().rules];
    const { pickOnTerminal } = await import('./pick.js');
    // While a build or Delve's start keeps this process idle, the UI's modules load (about 60 ms of CPU).
    const loadUi = () => void import('./interactive.js').then((m) => m.loadUi()).catch(() => undefined);
    const conn = await openTarget(inv.target, (line) => process.stderr.write(`${line}\n`), pickOnTerminal, inv.options, loadUi);
    // Said before the connection is made (a cleartext link to another host), on the plain terminal; the console repeats them.
    // Not for a name DNS does not know: no connection is made, and dial says why (and the way through SSH; trial T).
    if (conn.warnings.length && (await resolves(conn.address.host))) for (const w of conn.warnings) process.stderr.write(sanitize(`gotui: ${w}\n`));
    const client = await dial(conn).catch(async (err) => {
      await closeConnection(conn, conn.owned);
      throw err;
    });
    mark('dialled');
    const { runInteractive } = await import('./interactive.js');
    for (const [signal] of ENDING_SIGNALS) process.off(signal, endEarly);
    await runInteractive(conn, client, inv.options);
  } catch (err) {
    process.stderr.write(sanitize(`gotui: ${describeError(err)}\n`));
    if (!(err instanceof UserError)) process.stderr.write(sanitize(`${(err as Error)?.stack ?? ''}\n`));
    process.exitCode = cancelledBy ?? 2;
  }
}

async function packageVersion(): Promise<string> {
  const { repoRoot } = await import('../paths.js');
  return JSON.parse(await readFile(`${repoRoot}/package.json`, 'utf8')).version;
}

/** Whether DNS (or /etc/hosts) knows `host` (an address always does); a resolver slow to say counts as yes. */
async function resolves(host: string): Promise<boolean> {
  const known = lookup(host).then(
    () => true,
    () => false,
  );
  return Promise.race([known, new Promise<boolean>((r) => setTimeout(() => r(true), 2_000).unref())]);
}
