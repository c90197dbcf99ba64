import fs from 'node:fs';
import tty from 'node:tty';
import { AppController } from '../app/controller.js';
import { closeConnection, type Connection } from '../app/connect.js';
import type { DapClient } from '../dap/client.js';
import { describeError } from '../errors.js';
import { mark } from '../core/timings.js';
import type { TerminalApp } from '../ui/terminal-app.js';
import type { Options } from './args.js';
import { sanitize } from '../core/sanitize.js';
import { ENDING_SIGNALS } from './signals.js';

let uiModules: Promise<typeof import('../ui/terminal-app.js')> | undefined;

/** The UI's modules (Ink, React, the panes), evaluated once: a whole block of CPU, put where gotui would wait anyway. */
export function loadUi(): Promise<typeof import('../ui/terminal-app.js')> {
  return (uiModules ??= import('../ui/terminal-app.js'));
}

/**
 * Exits. A terminal that hung up fails Node's own reset of it at exit (an assertion in
 * node::ResetStdio on EIO, Node 20): its descriptors are closed first, which Node skips.
 */
function exit(code: number): never {
  for (const [fd, stream] of [[0, process.stdin], [1, process.stdout], [2, process.stderr]] as const) {
    if (stream.isTTY && !tty.isatty(fd)) {
      try {
        fs.closeSync(fd);
      } catch {
        // already closed
      }
    }
  }
  process.exit(code);
}

/** Writes to stderr that may be a terminal gone away: never throws, never raises 'error'. Names and errors from outside are in it: sanitised. */
function say(text: string): void {
  try {
    process.stderr.write(sanitize(text));
  } catch {
    // nowhere to say it
  }
}

/**
 * The interactive session: the terminal UI over an AppController, and one way out for every exit
 * path (quit, an error, SIGINT/SIGTERM/SIGHUP/SIGQUIT, a crash, the terminal vanishing): the target
 * is left as found or ended if gotui started it, and the terminal is given back.
 */
export async function runInteractive(conn: Connection, client: DapClient, options: Options): Promise<void> {
  process.stderr.on('error', () => undefined);
  process.stdin.on('error', () => undefined);
  let ui: TerminalApp | undefined;
  let quiet = false;
  const controller = new AppController(conn, options, (code, message) => {
    ui?.close();
    if (message && !quiet) say(`gotui: ${message}\n`);
    exit(code);
  });

  let ending = false;
  const end = (code: number) => {
    if (ending) return;
    ending = true;
    // Whatever the server does, gotui is gone within the grace time.
    const timer = setTimeout(() => {
      ui?.close();
      exit(code);
    }, 3_000);
    timer.unref();
    void controller.endUnattended(code).catch(() => {
      ui?.close();
      exit(code);
    });
  };
  for (const [signal, code] of ENDING_SIGNALS) process.on(signal, () => end(code));
  const crash = (err: unknown) => {
    ui?.close();
    say(`gotui: internal error: ${err instanceof Error ? err.stack : String(err)}\n`);
    end(70);
  };
  process.on('uncaughtException', crash);
  process.on('unhandledRejection', crash);
  process.on('exit', () => ui?.close());

  // The UI (Ink, React) loads while Delve answers the handshake, unless it did while Delve started.
  const uiLoading = loadUi();
  uiLoading.catch(() => undefined);
  // Attach before the screen opens: a server that is not Delve, or says nothing, is one line on the plain terminal.
  try {
    await controller.start(client);
  } catch (err) {
    await closeConnection(conn, conn.owned);
    say(`gotui: ${describeError(err)}\n`);
    exit(2);
  }
  mark('attached');
  const { TerminalApp } = await uiLoading;
  mark('ui loaded');
  ui = new TerminalApp(controller);
  // The terminal went away (the SSH link dropped, the tmux session was killed): end as q would, silently.
  ui.screen.onGone(() => {
    quiet = true;
    end(129);
  });
  await ui.start();
  mark('first frame');
}
