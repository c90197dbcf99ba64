import type { TestContext } from 'node:test';
import { connectTcp } from '../../src/dap/client.js';
import { AppController } from '../../src/app/controller.js';
import type { Connection } from '../../src/app/connect.js';
import { Session } from '../../src/session/session.js';
import { startDemoServer, waitFor } from './delve.js';

/** A Session attached over DAP to demo NAME under a real headless Delve. */
export async function attachedDemo(t: TestContext, name: string, args: string[] = [], stop = false) {
  const server = await startDemoServer(t, name, args);
  const client = await connectTcp(server.address);
  const session = new Session(`demo ${name}`);
  t.after(() => session.dispose());
  await session.attach(client, { stop, version: 'test', owned: false });
  return { server, session };
}

/** Waits for the next stop after `since` (a stopCount) with its stack loaded. */
export function waitForStop(session: Session, since: number, timeoutMs = 20_000) {
  return waitFor(
    `a stop after #${since}`,
    () => (session.state.status === 'stopped' && session.state.stopCount > since && session.state.frames.length > 0 ? session.state : undefined),
    timeoutMs,
  );
}

/** An AppController without a screen: `ended` records how gotui would have ended. */
export function headlessApp(conn: Connection) {
  const ended: { code?: number; message?: string } = {};
  const app = new AppController(conn, { stop: false }, (code, message) => Object.assign(ended, { code, message }));
  return { app, ended };
}
