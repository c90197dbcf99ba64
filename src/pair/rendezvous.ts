/*
 * Where gotui instances on one Delve find each other: a hub on a unix socket in a directory only
 * this user can enter (mode 0700, checked, never followed through a symlink), named after the
 * Delve it is for. The first gotui hosts the hub; when the host leaves, the next one in join order
 * takes it over and everyone says hello again. Nothing listens on a network port.
 */
import { removeStalePairSockets } from '../transport/stale-sockets.js';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Emitter } from '../core/emitter.js';
import { UserError } from '../errors.js';
import { encode, LineReader, readEvent, readHello, type ClientMessage, type Hello, type HubMessage, type PairEvent, type Peer } from './protocol.js';

/** How long a hub's host waits on quitting for its own last words to reach the others. */
const LAST_WORDS_MS = 500;

/**
 * The directory the sockets live in: $GOTUI_PAIR_DIR, else $XDG_RUNTIME_DIR/gotui, else
 * $TMPDIR/gotui-UID; made with mode 0700 and refused unless it is a real directory of this user
 * that nobody else may enter (another user could otherwise plant it and listen in).
 */
export function privateDir(env: NodeJS.ProcessEnv = process.env): string {
  const uid = process.getuid?.() ?? 0;
  const dir = env.GOTUI_PAIR_DIR || (env.XDG_RUNTIME_DIR ? path.join(env.XDG_RUNTIME_DIR, 'gotui') : path.join(os.tmpdir(), `gotui-${uid}`));
  try {
    fs.mkdirSync(dir, { mode: 0o700 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw new UserError(`Cannot make ${dir} for pairing: ${(err as Error).message}.`, 'Set GOTUI_PAIR_DIR to a directory of yours.');
  }
  checkPrivate(dir, uid);
  return dir;
}

/** Throws unless `dir` is a directory (not a symlink) owned by `uid` with no access for group or others. */
export function checkPrivate(dir: string, uid: number): void {
  const st = fs.lstatSync(dir);
  refuseUnlessPrivate(dir, { directory: st.isDirectory(), uid: st.uid, mode: st.mode }, uid);
}

/** The same check on what `lstat` says (here, or `stat` on the Delve host through SSH). */
export function refuseUnlessPrivate(dir: string, st: { directory: boolean; uid: number; mode: number }, uid: number, where = ''): void {
  const why = !st.directory ? 'it is not a directory' : st.uid !== uid ? `it belongs to uid ${st.uid}` : (st.mode & 0o077) !== 0 ? `its mode is ${(st.mode & 0o777).toString(8)}, not 700` : undefined;
  if (why) throw new UserError(`Pairing is off: ${dir}${where} is not private (${why}).`, `Remove it, or set GOTUI_PAIR_DIR to a directory only you can enter (chmod 700).`);
}

/** The socket for one Delve: `pair-127.0.0.1-2345.sock`. */
export function socketPath(dir: string, key: string): string {
  const safe = key.replace(/[^A-Za-z0-9._@-]+/g, '-').slice(0, 60);
  return path.posix.join(dir, `pair-${safe}.sock`);
}

/**
 * Where the hub of one Delve is: a socket to connect to, and how to host the hub there. Here, a
 * unix socket in the private directory; through SSH, one on the Delve host (src/pair/remote-place.ts).
 */
export interface HubPlace {
  /** For messages: the socket's path (and host). */
  readonly label: string;
  /** A connection to the hub that answered; rejects with code NOHUB (or ENOENT, ECONNREFUSED) when none does. */
  connect(): Promise<net.Socket>;
  /** Hosts a hub there, or says (undefined) that another gotui's hub answers there meanwhile. */
  host(takenOver: boolean): Promise<HostedHub | undefined>;
}

export interface HostedHub {
  /** Where this gotui reaches its own hub. */
  readonly path: string;
  /** Removes what others reach it by first (a successor's new socket is never removed), then ends it. */
  close(): Promise<void>;
}

/** The hub on a unix socket here. */
export function localPlace(sockPath: string): HubPlace {
  return {
    label: sockPath,
    connect: () => connectHub(sockPath),
    async host(takenOver) {
      const hub = new RendezvousHub(sockPath, takenOver);
      if (!(await hub.listen())) return undefined;
      // Hubs of gotuis killed before they could remove their sockets.
      removeStalePairSockets(path.dirname(sockPath));
      return { path: sockPath, close: async () => hub.close() };
    },
  };
}

/** Keeps the peers and who drives; relays events. One gotui runs it. */
export class RendezvousHub {
  private readonly server: net.Server;
  private readonly clients = new Map<string, { socket: net.Socket; peer?: Peer }>();
  private nextId = 1;
  private readonly opened = Date.now();
  /** The driver that left, and whom the wheel went to then (see reclaim). */
  private lastDriver: { name: string; host: string; at: number; to: string } | undefined;

  /** `takenOver`: this hub replaces one that went away, so its old driver gets a moment to claim the wheel. */
  constructor(
    readonly path: string,
    private readonly takenOver = false,
  ) {
    this.server = net.createServer((socket) => this.accept(socket));
    // Pairing never keeps gotui alive: its screen (or its batch run) decides when it ends.
    this.server.unref();
  }

  /**
   * Listens; the socket is made owner-only. A socket file there is a live hub's (another gotui hosts:
   * false, it is joined instead) or a dead one's (replaced). Two gotuis hosting at once (both came
   * back to a new Delve) find each other the same way: the second's listen fails, and it joins.
   */
  async listen(): Promise<boolean> {
    for (let tries = 0; ; tries++) {
      try {
        await new Promise<void>((resolve, reject) => {
          this.server.once('error', reject);
          this.server.listen(this.path, () => {
            this.server.off('error', reject);
            resolve();
          });
        });
        break;
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw err;
        const live = tries > 0 || (await connectHub(this.path, 1_000).then((sock) => (sock.destroy(), true), () => false));
        if (live) return false;
        fs.rmSync(this.path, { force: true });
      }
    }
    fs.chmodSync(this.path, 0o600);
    return true;
  }

  /** Removes the socket before the peers notice, so the successor's new one is never removed. */
  close(): void {
    fs.rmSync(this.path, { force: true });
    this.server.close();
    for (const c of this.clients.values()) c.socket.destroy();
  }

  private accept(socket: net.Socket): void {
    socket.unref();
    socket.write(encode({ t: 'hub' }));
    const id = `p${this.nextId++}`;
    this.clients.set(id, { socket });
    const reader = new LineReader((msg) => this.handle(id, msg as ClientMessage));
    socket.on('data', (d) => reader.feed(d));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => this.leave(id));
  }

  private peers(): Peer[] {
    return [...this.clients.values()].flatMap((c) => (c.peer ? [c.peer] : []));
  }

  private driver(): Peer | undefined {
    return this.peers().find((p) => p.role === 'driving');
  }

  private send(id: string, msg: HubMessage): void {
    const c = this.clients.get(id);
    if (c && !c.socket.destroyed) c.socket.write(encode(msg));
  }

  /** Pairing is for one user, so names clash (two "root"s): a second one is `root-2`, or it could not be told apart. */
  private uniqueName(name: string): string {
    const taken = new Set(this.peers().map((p) => p.name));
    if (!taken.has(name)) return name;
    let n = 2;
    while (taken.has(`${name}-${n}`)) n++;
    return `${name}-${n}`;
  }

  private broadcast(why?: string): void {
    const peers = this.peers();
    for (const p of peers) this.send(p.id, { t: 'peers', peers, ...(why ? { why } : {}) });
  }

  private handle(id: string, msg: ClientMessage): void {
    const c = this.clients.get(id);
    if (!c || !msg || typeof msg !== 'object') return;
    if (msg.t === 'hello') {
      const hello = readHello(msg.hello);
      if (!hello || c.peer) return;
      c.peer = { id, name: this.uniqueName(hello.name), host: hello.host, since: hello.since, role: this.roleFor(hello), ...(hello.hub ? { hub: true } : {}) };
      const back = this.reclaim(c.peer, hello);
      this.send(id, { t: 'welcome', id, peers: this.peers() });
      // Just after a takeover the old hub's peers come over: they joined long ago, that is no news.
      const over = this.takenOver && Date.now() - this.opened < REJOIN_QUIET_MS;
      this.broadcast(back ? `${c.peer.name} is back and drives again (${back.name} follows)` : over ? undefined : `${c.peer.name} joined (${c.peer.role})`);
      // A hub just taken over waits for the old driver to say so before handing the wheel to anyone else.
      if (!this.driver()) setTimeout(() => this.promote(), Math.max(0, HANDOVER_GRACE_MS - (Date.now() - this.opened))).unref();
      return;
    }
    const me = c.peer;
    if (!me) return;
    switch (msg.t) {
      case 'update':
        if (typeof msg.runs === 'boolean') me.runs = msg.runs;
        if (typeof msg.looking === 'boolean') me.looking = msg.looking;
        if (msg.away === true) me.away = true;
        else if (msg.away === false) delete me.away;
        this.broadcast();
        return;
      case 'say': {
        const ev = readEvent(msg.ev);
        if (!ev) return;
        const to = typeof msg.to === 'string' ? [msg.to] : this.peers().map((p) => p.id).filter((p) => p !== id);
        for (const t of to) this.send(t, { t: 'event', from: id, ev });
        return;
      }
      case 'drive': {
        if (me.role === 'viewing' || me.role === 'driving') return;
        const driver = this.driver();
        this.lastDriver = undefined;
        if (!driver || driver.away) {
          // A suspended driver cannot answer: the wheel is taken, and it follows when back.
          if (driver) driver.role = 'following';
          me.role = 'driving';
          this.broadcast(driver ? `${me.name} took the wheel: ${driver.name} is suspended (Ctrl-Z)` : `${me.name} drives`);
        } else this.send(driver.id, { t: 'event', from: id, ev: { k: 'drive?' } });
        return;
      }
      case 'give': {
        const to = this.clients.get(String(msg.to))?.peer;
        if (me.role !== 'driving' || !to || to.role === 'viewing' || to === me) return;
        me.role = 'following';
        to.role = 'driving';
        this.lastDriver = undefined;
        this.broadcast(`${me.name} handed the wheel to ${to.name}`);
        return;
      }
    }
  }

  private roleFor(hello: Hello): Peer['role'] {
    if (hello.viewer) return 'viewing';
    const driver = this.driver();
    if (hello.driving && !driver) return 'driving';
    if (!driver && (!this.takenOver || Date.now() - this.opened >= HANDOVER_GRACE_MS)) return 'driving';
    return 'following';
  }

  /** Nobody drives: the first non-viewer (in join order) takes the wheel. Who did, if anyone. */
  private promote(why?: string): Peer | undefined {
    if (this.driver()) return undefined;
    const next = this.peers().find((p) => p.role !== 'viewing');
    if (!next) return undefined;
    next.role = 'driving';
    this.broadcast(`${why ? `${why}; ` : ''}${next.name} drives`);
    return next;
  }

  /**
   * A driver whose link dropped (an SSH master killed) comes back saying it drove: within
   * RECLAIM_MS, while the gotui the hub gave the wheel to still holds it, the wheel goes back
   * (a drop is no hand-over). The one who held it meanwhile, when it did.
   */
  private reclaim(peer: Peer, hello: Hello): Peer | undefined {
    const last = this.lastDriver;
    if (!hello.driving || !last || peer.role !== 'following' || last.name !== peer.name || last.host !== peer.host || Date.now() - last.at > RECLAIM_MS) return undefined;
    const holder = this.clients.get(last.to)?.peer;
    if (holder?.role !== 'driving') return undefined;
    this.lastDriver = undefined;
    holder.role = 'following';
    peer.role = 'driving';
    return holder;
  }

  private leave(id: string): void {
    const c = this.clients.get(id);
    this.clients.delete(id);
    if (!c?.peer) return;
    const next = c.peer.role === 'driving' ? this.promote(`${c.peer.name} left`) : undefined;
    if (next) this.lastDriver = { name: c.peer.name, host: c.peer.host, at: Date.now(), to: next.id };
    else this.broadcast(`${c.peer.name} left`);
  }
}

/** How long a hub taken over waits for the old driver to come back before naming another. */
export const HANDOVER_GRACE_MS = 800;
/** How long after a takeover the old hub's peers arrive (the others retry for two seconds before hosting themselves). */
const REJOIN_QUIET_MS = 2_500;
/** How long a driver that dropped may come back and take the wheel again (an SSH reconnect takes seconds). */
const RECLAIM_MS = 60_000;

export interface RendezvousEvents {
  /** Who is there (and why it changed). */
  peers: { peers: Peer[]; why?: string };
  event: { from: Peer | undefined; ev: PairEvent };
  /** The gotui that hosted the hub left (the hub that took over cannot know it). */
  left: { name: string };
  /** The rendezvous is gone for good (the hub vanished and could not be taken over). */
  lost: { reason: string };
}

/**
 * One gotui's place in the rendezvous: hosts the hub when there is none, says hello, and takes
 * over when the host leaves (the first in join order; the others wait for it, then try themselves).
 */
export class Rendezvous extends Emitter<RendezvousEvents> {
  private socket: net.Socket | undefined;
  private hub: HostedHub | undefined;
  private closed = false;
  id = '';
  peers: Peer[] = [];

  private constructor(
    readonly place: HubPlace,
    private hello: Hello,
  ) {
    super();
  }

  /** Joins the rendezvous at `place` (a socket path here, or a place through SSH), hosting it when nobody does. */
  static async join(place: HubPlace | string, hello: Hello): Promise<Rendezvous> {
    const r = new Rendezvous(typeof place === 'string' ? localPlace(place) : place, hello);
    await r.connectOrHost(false);
    return r;
  }

  get me(): Peer | undefined {
    return this.peers.find((p) => p.id === this.id);
  }

  get hosting(): boolean {
    return !!this.hub;
  }

  send(msg: ClientMessage): void {
    if (this.socket && !this.socket.destroyed) this.socket.write(encode(msg));
  }

  say(ev: PairEvent, to?: string): void {
    this.send({ t: 'say', ev, ...(to ? { to } : {}) });
  }

  async close(): Promise<void> {
    this.closed = true;
    const socket = this.socket;
    // Hosting: the hub, in this process, has yet to read what this gotui said last (the breakpoints
    // its quit removed). Ended, the connection closes once the hub has read and passed that on.
    if (this.hub && socket && !socket.destroyed) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, LAST_WORDS_MS);
        socket.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
        socket.end();
      });
    }
    socket?.destroy();
    await this.hub?.close();
  }

  private async connectOrHost(succeeding: boolean): Promise<void> {
    for (let tries = 0; ; tries++) {
      const sock = await this.place.connect().catch(async (err: NodeJS.ErrnoException) => {
        if (!NO_HUB.has(err.code ?? '')) throw err;
        return undefined;
      });
      if (sock) return this.attach(sock);
      const hub = await this.place.host(succeeding);
      // Another gotui's hub came up meanwhile: join it.
      if (!hub) {
        if (tries < 3) continue;
        throw new UserError(`The pairing rendezvous at ${this.place.label} neither answers nor can be hosted.`);
      }
      this.hub = hub;
      this.hello = { ...this.hello, hub: true };
      return this.attach(await connectHub(hub.path));
    }
  }

  private attach(socket: net.Socket): void {
    this.socket = socket;
    const reader = new LineReader((m) => this.onMessage(m as HubMessage));
    socket.on('data', (d) => reader.feed(d));
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      if (socket === this.socket && !this.closed) void this.takeOver();
    });
    socket.resume();
    this.send({ t: 'hello', hello: this.hello });
  }

  private onMessage(m: HubMessage): void {
    if (!m || typeof m !== 'object') return;
    if (m.t === 'welcome' && typeof m.id === 'string' && Array.isArray(m.peers)) {
      this.id = m.id;
      this.peers = m.peers;
      this.emit('peers', { peers: this.peers });
    } else if (m.t === 'peers' && Array.isArray(m.peers)) {
      this.peers = m.peers;
      this.emit('peers', { peers: m.peers, ...(typeof m.why === 'string' ? { why: m.why } : {}) });
    } else if (m.t === 'event') {
      const ev = readEvent(m.ev);
      if (ev) this.emit('event', { from: this.peers.find((p) => p.id === m.from), ev });
    }
  }

  /** The hub went away: its successor (first in join order) hosts; the others reconnect to it. */
  private async takeOver(): Promise<void> {
    const wasDriving = this.me?.role === 'driving';
    const successor = this.peers.find((p) => !p.hub);
    // The new hub knows nothing of the old one's host: say here that it left.
    const gone = this.peers.find((p) => p.hub && p.id !== this.id);
    this.hub = undefined;
    this.hello = { ...this.hello, hub: false, ...(wasDriving ? { driving: true } : { driving: false }) };
    const deadline = Date.now() + 2_000;
    for (;;) {
      if (this.closed) return;
      const mine = successor?.id === this.id || Date.now() > deadline;
      try {
        if (mine) await this.connectOrHost(true);
        else this.attach(await this.place.connect());
        if (gone) this.emit('left', { name: gone.name });
        return;
      } catch {
        if (Date.now() > deadline + 2_000) {
          this.emit('lost', { reason: 'The pairing rendezvous went away and could not be taken over.' });
          return;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }
}

/** What says that no hub answers at a place (the caller may host one). */
const NO_HUB = new Set(['NOHUB', 'ENOENT', 'ECONNREFUSED']);

/**
 * Connects to the unix socket `p` and waits for the hub's first line: through an SSH forward the
 * connect succeeds even when nothing listens at the far end (the channel then just closes).
 */
export function connectHub(p: string, timeoutMs = 5_000): Promise<net.Socket> {
  return new Promise((resolve, reject) => {
    const s = net.connect(p);
    let got = Buffer.alloc(0);
    const fail = (err: Error) => {
      clearTimeout(timer);
      s.destroy();
      reject(err);
    };
    const noHub = () => fail(Object.assign(new Error(`no pairing hub answers at ${p}`), { code: 'NOHUB' }));
    const timer = setTimeout(noHub, timeoutMs);
    const onData = (d: Buffer) => {
      got = Buffer.concat([got, d]);
      const nl = got.indexOf(10);
      if (nl < 0) return got.length > 100 ? noHub() : undefined;
      clearTimeout(timer);
      s.off('data', onData).off('error', fail).off('close', noHub);
      s.pause();
      if (nl + 1 < got.length) s.unshift(got.subarray(nl + 1));
      s.unref();
      resolve(s);
    };
    s.on('data', onData);
    s.once('error', fail);
    s.once('close', noHub);
  });
}
