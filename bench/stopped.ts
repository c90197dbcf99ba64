// A bench's target: a demo under its own headless Delve, a session with gotui's models (no side
// channels), stopped at a marker's line. The caller stops the server (it is stopped here if this fails).
import { connectTcp } from '../src/dap/client.js';
import { buildDemo, findMarker } from '../src/demos/build.js';
import { ensureDelve } from '../src/delve/locate.js';
import { startHeadlessDelve, type StartedServer } from '../src/delve/server.js';
import { Models } from '../src/features/host.js';
import { Session } from '../src/session/session.js';

/** `prepare` runs before attaching: models made there see the stop (a model made later waits for the next). */
export async function stoppedAtMarker(demo: string, marker: string, args: string[], prepare?: (models: Models) => void): Promise<{ server: StartedServer; session: Session; models: Models }> {
  const server = await startHeadlessDelve((await ensureDelve()).path, { mode: 'exec', program: await buildDemo(demo), args });
  try {
    const session = new Session('bench');
    const none = () => Promise.reject(new Error('no side channel in this bench'));
    const models = new Models(session, { rpc: none, openRpc: async () => undefined, traceTarget: none });
    prepare?.(models);
    const nextStop = () =>
      new Promise<void>((resolve) => {
        const off = session.events.on('stop', () => (off(), resolve()));
      });
    let stop = nextStop();
    await session.attach(await connectTcp(server.address), { stop: true, version: 'bench', owned: false });
    await stop;
    const at = findMarker(demo, marker);
    await session.addBreakpoint({ kind: 'line', file: at.file, line: at.line });
    stop = nextStop();
    await session.continue();
    await stop;
    return { server, session, models };
  } catch (err) {
    await server.stop();
    throw err;
  }
}
