import React from 'react';
import { render } from 'ink';
import { parseArgs, USAGE } from './args.js';
import { describeError, UserError } from '../errors.js';
import { closeConnection, dial, openTarget } from '../app/connect.js';
import { AppController } from '../app/controller.js';
import { enterAltScreen, onEveryExit, restoreTerminal } from '../app/terminal.js';
import { App, type ToolPanes } from '../ui/App.js';
import { BpfPane } from '../ui/panes/BpfPane.js';
import { FlagsPane } from '../ui/panes/FlagsPane.js';
import { MemoryPane } from '../ui/panes/MemoryPane.js';
import { RegistersPane } from '../ui/panes/RegistersPane.js';
import { memoryFor } from '../memory/store.js';
import { registersFor } from '../registers/store.js';
import { GoroutinesPane } from '../ui/panes/GoroutinesPane.js';

export async function main(argv: string[]): Promise<void> {
  try {
    const inv = parseArgs(argv);
    if (inv.kind === 'help') return void console.log(USAGE);
    if (inv.kind === 'version') return void console.log(`gotui ${await packageVersion()}`);
    if (!process.stdout.isTTY || !process.stdin.isTTY) {
      throw new UserError('gotui needs a terminal: its standard input and output are not a TTY.', 'Run it in a terminal (over ssh: ssh -t host gotui ...).');
    }
    const conn = await openTarget(inv.target, (line) => process.stderr.write(`${line}\n`));
    const client = await dial(conn).catch(async (err) => {
      await closeConnection(conn, conn.owned);
      throw err;
    });
    let unmount = () => {};
    let farewell: string | undefined;
    const controller = new AppController(conn, inv.options, (code, message) => {
      farewell = message;
      unmount();
      restoreTerminal();
      if (farewell) process.stderr.write(`gotui: ${farewell}\n`);
      process.exit(code);
    });
    onEveryExit((reason, code) => controller.end(conn.owned ? 'kill' : 'leave', code).then(() => void reason));
    enterAltScreen();
    const tools: ToolPanes = {
      bpf: (rect, focused) => React.createElement(BpfPane, { rect, focused, bpf: controller.bpf }),
      registers: (rect, focused) => React.createElement(RegistersPane, { rect, focused, store: registersFor(controller.session) }),
      memory: (rect, focused) => React.createElement(MemoryPane, { rect, focused, store: memoryFor(controller.session) }),
      flags: (rect, focused) => React.createElement(FlagsPane, { rect, focused, flags: controller.flags }),
      goroutines: (rect, focused) => (controller.ctx.tools.goroutines ? React.createElement(GoroutinesPane, { rect, focused, goroutines: controller.ctx.tools.goroutines }) : null),
    };
    const ink = render(React.createElement(App, { session: controller.session, ui: controller.ui, keys: controller.keys, tools }), {
      exitOnCtrlC: false,
      patchConsole: false,
      maxFps: 20,
      incrementalRendering: false,
    } as Parameters<typeof render>[1]);
    unmount = () => ink.unmount();
    await controller.start(client);
  } catch (err) {
    restoreTerminal();
    process.stderr.write(`gotui: ${describeError(err)}\n`);
    if (!(err instanceof UserError)) process.stderr.write(`${(err as Error)?.stack ?? ''}\n`);
    process.exitCode = 2;
  }
}

async function packageVersion(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const { repoRoot } = await import('../paths.js');
  return JSON.parse(await readFile(`${repoRoot}/package.json`, 'utf8')).version;
}
