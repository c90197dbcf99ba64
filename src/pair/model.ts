import os from 'node:os';
import { DelveRpcClient, holdStateForDump } from '../delve/rpc.js';
import { describeError, UserError } from '../errors.js';
import { Store } from '../core/store.js';
import type { Session } from '../session/session.js';
import type { Breakpoint, SessionEvents, StepCut } from '../session/state.js';
import { breakpointName, breakpointPlace, describeStopReason, type Owner, type ServerBreakpoint } from '../session/breakpoints.js';
import type { SourceModel } from '../source/model.js';
import type { HostPort } from '../transport/address.js';
import { delveBreakpoints, sameStop, signaturePid, StopBaseline, TRACE_LASTS_MS, type Observation } from './observe.js';
import { StatePoller, POLL_MS } from './poller.js';
import type { PairEvent, Peer, RunHow } from './protocol.js';
import { privateDir, Rendezvous, socketPath } from './rendezvous.js';
import { remotePlace } from './remote-place.js';
import { ValueWatch } from './values.js';
import type { SshConnection } from '../remote/ssh.js';
import { activityFor, elsewhereWords, followerReason, oneLine, presenceText, resumedWords, stoppedWords, who } from './words.js';
import { clean, shortPlace } from '../core/text.js';

export interface PairOptions {
  /** The Delve this is for, as its host knows it: names the rendezvous. */
  key: string;
  /** Delve was reached through SSH: the rendezvous is on its host, through this connection. */
  ssh?: SshConnection;
  /** Delve's JSON-RPC API (the poller's own connection). */
  address: HostPort;
  /** `gotui attach --follow`: never runs, steps or sets breakpoints. */
  viewer: boolean;
  name?: string;
  host?: string;
  pollMs?: number;
  env?: NodeJS.ProcessEnv;
  /** Whether the target's process `pid` (0: none) is known not to live (killed while halted: Delve still shows it halted). */
  targetGone?: (pid: number) => boolean;
  /** The expressions the Watch pane reads: watched for another client's changes with the frame's values. */
  watched?: () => readonly string[];
}

/** What the front end does for pair debugging: ask the driver a question (keys run commands). */
export interface PairFront {
  ask(question: string, choices: { key: string; label: string; command: string }[], opts?: { unasked?: boolean }): void;
  /** Takes `question` back if it is still asked (the peer who asked has left). */
  withdraw(question: string): void;
}

export interface PairState {
  peers: readonly Peer[];
  /** This gotui's id at the rendezvous ('' when there is none). */
  me: string;
  /** A follower looking around on its own (its view does not mirror the driver's). */
  looking: boolean;
  /** Why there is no rendezvous, if there is none. */
  off?: string;
}

/** Where the driver looks, as it said (applied by followers at the same stop). */
type View = Extract<PairEvent, { k: 'view' }>;

/** How long a move nobody claimed waits for a peer's word before it is another client's. */
const PEER_NEWS_MS = 100;
/** An unclaimed run is looked at again this soon: a Command that runs nothing (a goroutine switch) is over by then. */
const RUN_SEEN_AGAIN_MS = 8;
/** How long a peer's run that shows no move yet waits for the peer's word of its stop. */
const PEER_RUN_MS = 2_000;
/** How long a breakpoint gone from Delve's list waits for a peer to say it cleared it (its word is debounced, then relayed). */
const CLEAR_NEWS_MS = 500;
/** A breakpoint of this gotui's gone this soon after a peer's word of its own list is that list's doing. */
const PEER_LIST_MS = 2_000;
/** After its own stop the poller looks at the values only this much later: Delve is reading them for the panes. */
const STOP_CALM_MS = 100;

/** How long after a peer's call ended its word of a stop is taken as the stop its call made. */
const CALL_STOP_MS = 2_000;
/** A peer's step a breakpoint cut short, said as its driver heard it (trial CN: an ended step read as a continue's stop). */
const CUT_WORDS: Record<StepCut, (name: string) => string> = {
  kept: (name) => `${name}'s step was cut short by this stop's breakpoint: Delve keeps it, and the next continue (anyone's) ends it first; a step from here drops it.`,
  dropped: (name) => `${name} stepped from here: the step the breakpoint cut short is dropped, and no continue ends it now.`,
  ended: (name) => `${name}'s step was ended by this stop's breakpoint, on its way: Delve drops the step there.`,
};

/** How long a peer's word about a stop waits for this gotui to show that stop before it is said anyway. */
const AFTER_STOP_MS = 3_000;

/** Whose move nobody claimed: the dlv CLI's, an editor's. */
const ANOTHER = 'another client';

const RUN_CONTROL_VIEWER = 'read-only viewer (--follow): it never runs, steps or sets breakpoints';
const READ_ONLY_VIEWER = 'read-only viewer (--follow): it never runs the target or changes it (breakpoints, values, memory, flags)';

/**
 * Pair debugging around one Session: polls Delve for what other clients did (and has the session
 * load it, as its own), meets the other gotuis on this Delve at the rendezvous, tells them what
 * this one does, mirrors the driver's view in a follower, and relays a pause to the one client
 * Delve lets pause the target.
 */
export class PairModel extends Store<PairState> {
  /** As the others know it: the hub tells a second `root` it is `root-2`. */
  name: string;
  readonly host: string;
  private rendezvous: Rendezvous | undefined;
  private poller: StatePoller | undefined;
  /** See stopAt. */
  private stopKey = '';
  private values: ValueWatch | undefined;
  private pollRpc: DelveRpcClient | undefined;
  private bpRpc: DelveRpcClient | undefined;
  /** Those two connections, opened from the join on (while DAP attaches). */
  private connecting: Promise<(DelveRpcClient | undefined)[]> | undefined;
  private readonly disposers: (() => void)[] = [];
  private closed = false;
  /** What polling compares a halted state with: the stop the session shows. */
  private readonly baseline = new StopBaseline();
  /** The last stop a peer said it made, numbered by it: shown here, it takes that number when ahead. */
  private peerStop: { n: number; where: string; reason: string; reached?: string } | undefined;
  /** The session's stop count when a peer's "resumed" came: its "stopped" is news while no stop has been shown since. */
  private stopAtResume = -1;
  /**
   * A peer that said it stopped the target while this gotui saw it run (its pause of a run another
   * client began): the next halt is its. (Not matched by place: a poll sees the thread Delve
   * halted, perhaps in the runtime, where the peer names the frame it shows.)
   */
  private stopNews: string | undefined;
  /** A peer said it ends the target and its Delve (`:quit -kill`): the connection's drop is that, not a network fault. */
  killedBy: string | undefined;
  /** Who said last that they resumed the target: the next outside stop is theirs. */
  private lastActor: string | undefined;
  /** How that peer ran it (a restart's new process is its doing; another's is not). */
  private lastHow: RunHow | undefined;
  /** Another client's restart ended the process a peer's run was in: that peer's late word of its stop is no news here. */
  private overtaken = false;
  /** The last peer whose DAP continue ran the target (it may have said it stopped before this gotui saw the stop). */
  private lastRunner: string | undefined;
  /** This gotui halted through JSON-RPC a target another client ran: the stop polling sees next is its own pause. */
  private haltedHere = false;
  /** The rendezvous went away and could not be taken over: met again at the next attach. */
  private lost = false;
  /** Its loss was said (its return is said then too). */
  private lostSaid = false;
  /** The peer whose pause this gotui's run control is making (its DAP continue runs the target): the stop is theirs. */
  private pausingFor: string | undefined;
  /** This gotui asked the peer whose continue runs the target to pause it: that pause is this gotui's stop. */
  private askedPause = false;
  /** Applying the driver's view or a peer's change: not this user's doing. */
  private applying = 0;
  private driverView: View | undefined;
  /** The stop at which the console last said where following the driver's view took the panes. */
  private viewSaidAt = 0;
  private expectedCursor = '';
  private lastBpSync = 0;
  /** The session's restarts at the last look at Delve's list: a watchpoint gone across one is the restart's doing. */
  private restartsAtSync = 0;
  private bpAnnounce: NodeJS.Timeout | undefined;
  private ownBreakpoints = new Map<number, Breakpoint>();
  /** Others' breakpoints as last seen, and those this gotui removed since it last said what it did. */
  private othersSeen = new Map<number, Breakpoint>();
  private othersCleared: Breakpoint[] = [];
  /** Who set the breakpoint at `file:line`, as peers said, and the number they give it. */
  private readonly setBy = new Map<string, Owner>();
  /** Places a peer claimed that Delve's list has not shown its breakpoint at yet (a restart's "set again" comes before Delve has it). */
  private readonly claimsAhead = new Set<string>();
  /** A halt at traces only, and since when the looks have seen it (see onObservation). */
  private tracingSeen: { signature: string; at: number } | undefined;
  /** The last peer that said it changed its breakpoints (Delve took its whole list), and when. */
  private peerList: { by: string; at: number } | undefined;
  /** Breakpoints a peer said it cleared (so the sync does not blame another client). */
  private readonly announcedClear = new Set<string>();
  private viewTimer: NodeJS.Timeout | undefined;
  /** Peers injecting a call now (by id), and when the last one's ended (performance.now()): as Session.ownCalls. */
  private readonly peerCalls = { running: new Set<string>(), lastEnded: 0 };
  /** The end of the last call (this gotui's or a peer's) the baseline knows of. */
  private callsSeen = 0;
  /** When a move nobody claimed was first seen. */
  private unclaimedSince: number | undefined;
  /** The last look saw Delve running, unclaimed: believed if the next look does too. */
  private runningOnce = false;
  /** The last stop said as another client's, and where: a peer's late word (a busy machine) names it. */
  private unnamed: { stop: number; at: string | undefined } | undefined;
  front: PairFront | undefined;
  /** The last request to drive put to the user, and who asked. */
  private driveAsked: { id: string; question: string } | undefined;

  constructor(
    private readonly session: Session,
    private readonly source: SourceModel,
    private readonly opts: PairOptions,
  ) {
    super({ peers: [], me: '', looking: false });
    const env = opts.env ?? process.env;
    this.name = opts.name ?? env.GOTUI_NAME ?? os.userInfo().username;
    this.host = opts.host ?? (env.SSH_CLIENT ? `${env.SSH_CLIENT.split(' ')[0]} (ssh)` : os.hostname());
    if (opts.viewer) session.restrict({ runControl: RUN_CONTROL_VIEWER, readOnly: READ_ONLY_VIEWER });
  }

  get viewer(): boolean {
    return this.opts.viewer;
  }

  /** When the target was last seen exited (performance.now()): polls asked before it are not a restart. */
  private exitedAt = 0;
  /**
   * A halted process after the end was taken as another client's restart: its stop is said as one
   * even when no halted state of the old process was ever seen to compare pids with (its stop loaded,
   * then a call ended it, before any poll: CI saw "moved the target").
   */
  private restartAfterExit = false;
  /** This gotui's restarts when the target's process was last seen replaced (see processReplaced). */
  private restartsSeen = 0;
  /** When the session last loaded a stop (performance.now()). */
  private stopLoadedAt = 0;
  /** No look at the values before then (see STOP_CALM_MS). */
  private valuesAfter = 0;

  /** When a client other than a gotui was last seen at work on this Delve (Date.now()); Delve lists no clients. */
  anotherClientAt: number | undefined;

  /** Other gotuis on this Delve (before attaching: a gotui joining others attaches at the next stop). */
  get othersPresent(): boolean {
    return this.others.length > 0;
  }

  /** Other gotuis that could run the target once this one leaves: not read-only viewers (--follow). */
  get othersWhoCanDrive(): Peer[] {
    return this.others.filter((p) => p.role !== 'viewing');
  }

  /** The other gotuis at the rendezvous. */
  get others(): Peer[] {
    return this.state.peers.filter((p) => p.id !== this.state.me);
  }

  get driver(): Peer | undefined {
    return this.state.peers.find((p) => p.role === 'driving');
  }

  get me(): Peer | undefined {
    return this.state.peers.find((p) => p.id === this.state.me);
  }

  /** The status bar's part (empty when there is nothing to say). */
  statusText(): string {
    return presenceText(this.state.peers, this.state.me, { viewer: this.opts.viewer, looking: this.state.looking });
  }

  /** Joins the rendezvous (its failure is said once; pairing is then off, the polling stays). */
  async join(): Promise<void> {
    void this.connections();
    try {
      const place = this.opts.ssh ? await remotePlace(this.opts.ssh, this.opts.key) : socketPath(privateDir(this.opts.env ?? process.env), this.opts.key);
      this.rendezvous = await Rendezvous.join(place, { name: this.name, host: this.host, since: Date.now(), viewer: this.opts.viewer });
    } catch (err) {
      const off = describeError(err);
      this.set({ off });
      this.session.log(`Pair debugging: no rendezvous with other gotuis (${off}). Other clients' stops still show.`, 'warning');
      return;
    }
    const r = this.rendezvous;
    r.on('peers', ({ peers, why }) => this.onPeers(peers, why));
    r.on('left', ({ name }) => this.activity(`${sanitizeName(name)} left`));
    r.on('event', ({ from, ev }) => void this.onEvent(from, ev).catch((err) => this.session.log(describeError(err), 'error')));
    r.on('lost', ({ reason }) => {
      this.lost = true;
      const alone = !this.othersPresent;
      this.set({ off: reason, peers: [] });
      // A link that dropped is being mended already: no :reconnect to type (trial AB). Its return is said too.
      const mending = this.session.state.status === 'disconnected';
      // Alone on a link being mended, the reconnect meets it again unsaid (trial AH: noise in a solo session).
      this.lostSaid = !(alone && mending);
      if (this.lostSaid) this.session.log(`Pair debugging: ${reason} It is met again when gotui ${mending ? 'has reconnected' : 'reconnects'} to Delve${mending ? '' : ' (:reconnect)'}; until then a gotui that joins does not see this one.`, 'warning');
      this.applyPolicy();
    });
    // The welcome (with who is there) follows the hello at once: wait for it, briefly.
    await new Promise<void>((resolve) => {
      const done = () => resolve();
      const off = r.on('peers', () => {
        off();
        done();
      });
      setTimeout(done, 1_000).unref();
    });
  }

  /**
   * Reconnected: to another Delve at the same address (it was started again), whose gotuis meet at
   * another rendezvous, or to the same after the rendezvous was lost (trial L: an SSH link that
   * dropped took it along, and a gotui that came meanwhile took itself for the only one, its q free
   * to let the target run under the first). Leaves the old one (its peers see this gotui go) and
   * joins that.
   */
  async meetAt(key: string): Promise<void> {
    if ((key === this.opts.key && !this.lost) || this.closed) return;
    this.opts.key = key;
    const wasLost = this.lost;
    this.lost = false;
    const old = this.rendezvous;
    this.rendezvous = undefined;
    await old?.close();
    this.set({ peers: [], me: '', off: undefined });
    await this.join();
    if (wasLost && this.lostSaid && this.rendezvous) this.session.log('Pair debugging: the rendezvous with the other gotuis is met again.', 'info');
    this.sayRuns();
    this.applyPolicy();
  }

  /** Starts polling Delve and listening to the session (after attaching). */
  async start(): Promise<void> {
    const s = this.session;
    this.restartsSeen = s.restarts;
    this.disposers.push(
      s.events.on('resuming', (e) => this.onResuming(e)),
      s.events.on('stop', (e) => this.onStop(e)),
      s.events.on('selected', () => this.onSelected()),
      // What this gotui reads from now on is its own view: changes made elsewhere are counted from it.
      s.events.on('stop', () => this.values?.reset()),
      s.events.on('selected', () => this.values?.reset()),
      s.events.on('target-changed', () => this.values?.reset()),
      s.events.on('breakpoints', () => this.onBreakpoints()),
      s.events.on('dumping', (e) => this.rendezvous?.say({ k: 'dumping', on: e.on })),
      s.events.on('returned', (e) => this.rendezvous?.say({ k: 'returned', text: e.text })),
      s.events.on('calling', (e) => this.rendezvous?.say({ k: 'calling', on: e.on })),
      s.events.on('step-cut', (e) => this.rendezvous?.say({ k: 'cut', n: e.stop, how: e.how })),
      // Attached again after a drop: a new process there is the reconnect's finding, not another client's restart.
      s.events.on('connected', () => {
        this.baseline.forget();
        this.restartAfterExit = false;
      }),
      s.events.on('target-changed', (e) => {
        if (!this.applying) this.rendezvous?.say({ k: 'changed', what: e.what, ...(e.detail ? { text: e.detail } : {}) });
      }),
      this.source.subscribe(() => queueMicrotask(() => this.onCursor())),
      // An exited target keeps the pair: Delve serves on, and a restart (:restart, the dlv CLI's) brings
      // the target back, with the others still there to follow.
      s.events.on('ended', (e) => {
        if (e.why === 'exited') this.exitedAt = performance.now();
      }),
    );
    s.pauseElsewhere = () => this.pauseElsewhere();
    s.learnBreakpoints = () => this.syncBreakpoints();
    this.expectCursor();
    if (s.state.stop) {
      this.baseline.loaded(placeOf(s.state.selection?.frame));
      // The halt found on joining: the driver's view of it (said as this gotui joined) is followed (trial BE: a viewer showed another frame).
      this.stopKey = stopKeyOf(s.state.stop.goroutine, s.state.selection?.top);
      if (this.following && this.driverView?.at === this.stopAt()) void this.applyView(this.driverView);
    }
    for (const b of s.state.breakpoints) if (!b.by) this.ownBreakpoints.set(b.id, b);
    [this.pollRpc, this.bpRpc] = await this.connections();
    if (this.pollRpc) {
      this.values = new ValueWatch(this.pollRpc);
      this.poller = new StatePoller(this.pollRpc, (o, askedAt) => this.onObservation(o, askedAt), this.opts.pollMs ?? POLL_MS, (silent, at) => this.session.noteSilence(silent, 'poll', at));
      this.poller.start();
    }
    this.applyPolicy();
    this.sayRuns();
  }

  /** Its DAP continue runs the target from the attach on: a stop made there is its own. */
  private sayRuns(): void {
    this.rendezvous?.send({ t: 'update', runs: this.session.runsTarget });
  }

  private connections(): Promise<(DelveRpcClient | undefined)[]> {
    return (this.connecting ??= Promise.all([0, 1].map(() => DelveRpcClient.connect(this.opts.address).catch(() => undefined))));
  }

  /** Polling requests made so far (bench: what following costs Delve). */
  get polls(): number {
    return this.poller?.calls ?? 0;
  }

  /** Stops polling and following, and leaves the rendezvous (a hub hosted here is handed on). */
  async close(): Promise<void> {
    this.quiet();
    await this.leave();
  }

  /** Stops polling and following; still present to the others until leave() (a quit removes its breakpoints in between). */
  quiet(): void {
    if (this.closed) return;
    this.closed = true;
    this.poller?.stop();
    void this.connecting?.then((conns) => conns.forEach((c) => c?.close()));
    clearTimeout(this.viewTimer);
    for (const d of this.disposers.splice(0)) d();
    this.session.pauseElsewhere = undefined;
    this.session.learnBreakpoints = undefined;
  }

  /** Looks at Delve's state now, not at the poll's pace. */
  lookSoon(): void {
    this.poller?.soon();
  }

  /** Said before a quit lets the target run (`:quit -resume`): the others name the run this gotui's. */
  sayLetRun(): void {
    this.rendezvous?.say({ k: 'resumed', how: 'other' });
  }

  /** Tells the others this gotui ends the target and its Delve, before their connections drop. */
  sayKilling(): void {
    this.rendezvous?.say({ k: 'killing' });
  }

  /**
   * Leaves the rendezvous; `clearedBreakpoints`: the quit removed this gotui's breakpoints, said by
   * name first; `halted`: it leaves the target halted by its own run or pause (see left-halted).
   */
  async leave(clearedBreakpoints = false, halted = false): Promise<void> {
    clearTimeout(this.bpAnnounce);
    if (clearedBreakpoints) this.announceBreakpoints(true);
    if (halted) this.rendezvous?.say({ k: 'left-halted', ...(this.session.foundAs ? { found: this.session.foundAs } : {}) });
    await this.rendezvous?.close();
  }

  // ---- what other clients did, from Delve -------------------------------------------------

  private async onObservation(look: Observation, askedAt: number): Promise<void> {
    const s = this.session;
    // A halt at traces only is a moment of a client's continue, which prints them (a return's values
    // read) and runs on, as the dlv CLI's does; unless it lasts (trial CO: every hit of the CLI's trace was a stop).
    // (Not where the stop shown is such a halt itself, one that lasted: its looks would make it flicker.)
    const tracing = look.kind === 'halted' && look.tracing && !this.stopAtTrace() ? look.signature : undefined;
    if (tracing === undefined || !this.tracingSeen || !sameStop(this.tracingSeen.signature, tracing)) this.tracingSeen = tracing === undefined ? undefined : { signature: tracing, at: performance.now() };
    const lasting = !!this.tracingSeen && performance.now() - this.tracingSeen.at >= TRACE_LASTS_MS;
    const o: Observation = tracing !== undefined && !lasting ? { kind: 'running' } : look;
    // While the link is down (or being made again) what answers may be another Delve: the session's attach looks first.
    if (s.state.status === 'disconnected' || s.state.status === 'connecting') return;
    // Asked for and not answered: the old process may still be there, the new one is this gotui's own.
    if (s.restarting) return;
    if (o.kind === 'exited') {
      // Delve takes breakpoints after the end (the dlv CLI's, suspended until a restart): looked at now
      // and then, as while stopped (trial BX: unseen until a stop after the restart).
      if (s.state.status === 'exited') {
        if (Date.now() - this.lastBpSync > 1_000) await this.syncBreakpoints();
      } else if (!o.refused) s.end('exited', `The target exited with code ${o.status}.`, o.status);
      return;
    }
    // Killed while halted, the target still shows halted to Delve (its pid, or none), its threads gone:
    // no other client moved or restarted it, and its stack cannot be read. The process watcher says it is gone.
    if (o.kind === 'halted' && this.opts.targetGone?.(signaturePid(o.signature) ?? 0)) return;
    // After the end, a halted process other than the last one seen is another client's restart (the
    // dlv CLI's): its stop is said below with the new pid. (A target killed while halted still shows
    // halted to Delve, with its old pid; a running one after the end tells no pid, and waits for a halt.)
    if (s.state.status === 'exited' && askedAt > this.exitedAt && o.kind === 'halted' && signaturePid(o.signature) !== this.baseline.pid) {
      s.restartedElsewhere();
      this.restartAfterExit = true;
      // Calls made before the end (the :call os.Exit that ended it) left no threads to rebase on.
      this.callsSeen = Math.max(s.ownCalls.lastEnded, this.peerCalls.lastEnded);
    }
    // A call this gotui or a peer injects (:call, a flag's Set) runs the target and leaves its threads
    // elsewhere: a state asked before it ended is no news, and the first halted one after it is the stop's baseline.
    const own = s.ownCalls;
    const lastEnded = Math.max(own.lastEnded, this.peerCalls.lastEnded);
    if (own.running || this.peerCalls.running.size || askedAt <= lastEnded) return;
    if (lastEnded !== this.callsSeen && o.kind === 'halted' && s.state.status === 'stopped' && !this.stopNews) {
      this.callsSeen = lastEnded;
      this.baseline.reset(s.stopCount, o.signature, s.restarts);
      return;
    }
    if (o.kind === 'running') {
      // Asked before this gotui's last stop loaded (its answer late on a busy machine), it is the run that
      // stop ended: the next look says whether the target runs again.
      if (askedAt < this.stopLoadedAt) return;
      // Delve says Running while it carries out any Command, one that runs nothing too (the dlv CLI's
      // `goroutine N` is a switchGoroutine Command, a millisecond; trial AM was told another client
      // resumed the target): a run no one claimed is believed when a look soon after sees it too.
      if (!this.lastActor && s.state.status === 'stopped' && !this.runningOnce) {
        this.runningOnce = true;
        this.poller?.lookAgainIn(RUN_SEEN_AGAIN_MS);
        return;
      }
      this.runningOnce = false;
      this.baseline.running();
      // A peer's call can show before its word does, as its run can (below).
      if (!this.lastActor && s.state.status === 'stopped' && this.waitForPeerNews()) return;
      this.unclaimedSince = undefined;
      const was = s.state.status;
      await s.observe({ running: true, ...(this.lastActor ? { by: this.lastActor } : {}) });
      if (was === 'stopped' && s.state.status === 'running' && !this.lastActor) this.anotherClient('Another client (the dlv CLI, an editor) resumed the target.');
      return;
    }
    this.runningOnce = false;
    const stop = s.stopCount;
    // This gotui's own restart's new process, found before its stop loads (Delve answers a rebuild before
    // its build, which takes seconds: CI run 109 said it another client's restart): the session says it.
    if (o.kind === 'halted' && s.state.status === 'running' && this.baseline.ownRestart(o.signature, s.restarts)) return;
    const seen = this.baseline.halted(stop, o.signature, s.state.status === 'stopped', s.restarts);
    const { moved, echo, same } = seen;
    const restarted = seen.restarted || this.restartAfterExit;
    if (echo) return;
    const news = this.stopNews;
    // A new process no peer's :restart made is another client's restart (the dlv CLI's waits for the
    // halt of whatever run is on, a peer's pause or this gotui's own), whoever ran the old one.
    const foreign = restarted && this.lastHow !== 'restart';
    const claimed = !foreign && (this.haltedHere || !!this.lastActor || !!news || (!moved && !!this.lastRunner));
    // A peer's run can stop before its "resumed" arrives (through SSH it crosses two connections;
    // on a busy machine the poll's answer can come first): give it a moment before saying another
    // client moved the target.
    // A peer's run waits the same moment for its "stopped", which carries the number it gave the stop.
    const unnumbered = !!this.lastActor && !this.haltedHere && !s.waitingToJoin && o.kind === 'halted' && this.peerStop?.where !== o.where;
    // Found where its run began, the peer's run is between the two commands of its step, late in a
    // busy Delve: its word says where it stopped (the same place too), so it is waited for longer.
    if ((!claimed || unnumbered) && (moved || s.state.status === 'running' || s.waitingToJoin) && this.waitForPeerNews(unnumbered && same ? PEER_RUN_MS : PEER_NEWS_MS)) return;
    this.unclaimedSince = undefined;
    if (s.state.status === 'running' || moved || s.waitingToJoin) {
      // Whose stop: this gotui's halt, else who said last they resumed it, else the gotui whose DAP
      // continue ran it (a breakpoint or its pause).
      const own = this.haltedHere && !foreign;
      const actor = own || foreign ? undefined : this.lastActor ?? news ?? (!moved ? this.lastRunner : undefined);
      const by = own ? undefined : actor ?? ANOTHER;
      // Only for the stop the peer said it made: a poll asked before its next step can be read after its word.
      const peer = actor && this.peerStop && (this.peerStop.where === o.where || actor === news) ? this.peerStop : undefined;
      const number = peer?.n ?? 0;
      // Its maker's word names it, as Delve told the maker: a step that lands on a breakpoint's line
      // is a step there, where a poll sees the breakpoint's address.
      const reason = peer?.reason ?? o.reason;
      // A function breakpoint's stop is a breakpoint's to a poll: the same kind of stop, its hits stand.
      const atBreakpoint = (r: string) => /breakpoint/.test(r) && r !== 'data breakpoint';
      const hits = reason === o.reason || (atBreakpoint(reason) && atBreakpoint(o.reason)) ? o.hitBreakpointIds : undefined;
      // A breakpoint set a moment before the run (the dlv CLI's `break` then `continue`, a peer's) is
      // learned first, so the stop's line names it (trial BP: `Stop 1 (breakpoint by root)` beside `root#1`);
      // read though the session still has the target running (CI: unnamed when its run was seen); not
      // by one yet to join, whose join sends its list to Delve (CI: a follower so held both from the stop).
      if (hits?.some((id) => !s.state.breakpoints.some((b) => b.delveId === id))) await this.syncBreakpoints(!s.waitingToJoin);
      await s.observe({ running: false, moved, reason, ...(by ? { by } : {}), ...(number ? { number } : {}), ...(peer?.reached ? { reached: peer.reached } : {}), ...(o.goroutine ? { goroutine: o.goroutine } : {}), ...(o.description && reason === o.reason ? { description: o.description } : {}), ...(hits ? { hitBreakpointIds: hits } : {}) });
      if (s.stopCount !== stop) {
        // Numbered above what its maker said (the maker joined later): the maker numbers its next above it.
        // (Not for a stop no peer made: every gotui numbers that one, and a word could come before another's count.)
        if (number && s.stopCount > number) this.rendezvous?.say({ k: 'numbered', n: s.stopCount });
        this.baseline.reset(s.stopCount, o.signature, s.restarts);
        const at = placeOf(s.state.selection?.frame) ?? o.where;
        // A peer's late word may name a stop shown as nobody's; never another client's restart.
        this.unnamed = by === ANOTHER && !foreign ? { stop: s.stopCount, at: placeOf(s.state.selection?.frame) } : undefined;
        if (!actor && !own) {
          // What stopped it, where that is news (trial R: a breakpoint of gotui's went unnamed).
          const stopped = s.state.stop && !restarted ? describeStopReason({ ...s.state.stop, by: undefined }, s.state.breakpoints) : '';
          const what = /breakpoint|panic|fatal|exception/.test(stopped) ? ` (${stopped})` : '';
          const thread = !o.goroutine ? o.where : undefined;
          // The console's stop line says a plain move (`Stop 7 (step by another client): …`): said twice,
          // it took five lines at 80 columns (trials BJ, BL). A restart, a panic and a bare thread are news beyond it.
          if (restarted || thread || s.state.stop?.reason === 'exception') this.anotherClient(elsewhereWords({ restartedPid: restarted ? signaturePid(o.signature) : undefined, shown: at, thread, goroutine: s.state.selection?.goroutine, what }));
          else this.anotherClientAt = Date.now();
        }
        this.overtaken = foreign && !!this.lastActor;
        this.lastActor = undefined;
        this.lastHow = undefined;
        this.lastRunner = undefined;
        this.haltedHere = false;
        this.restartAfterExit = false;
        if (restarted) await this.setOwnAgain(by);
        await this.syncBreakpoints();
      }
    } else if (s.state.status === 'stopped' && performance.now() >= this.valuesAfter) {
      await this.watchValues();
      // The dlv CLI's `break` and `clear` tell nobody: look at Delve's list now and then while stopped.
      if (Date.now() - this.lastBpSync > 1_000) await this.syncBreakpoints();
    }
  }

  /**
   * The target's process was replaced (a restart), seen on this machine while the target runs: Delve's
   * state tells no pid then, so polling cannot. This gotui's own restart and a peer's are theirs; any
   * other is another client's, made while this gotui's continue ran (the dlv CLI's restart waits for
   * that run to halt at a breakpoint, and Delve's DAP then continues in the new process): said, and
   * the breakpoints Delve dropped set again before the new process passes them.
   */
  processReplaced(pid: number): void {
    const s = this.session;
    const own = s.restarts !== this.restartsSeen;
    this.restartsSeen = s.restarts;
    if (own || this.closed || !s.runsTarget || this.lastHow === 'restart') return;
    // Its halt would be news again to the next look: that look starts afresh. Delve's DAP runs the
    // new process on (its stop then comes as the continue's), or leaves it halted at its entry (CI saw
    // both): a halt polling finds is the stop.
    this.baseline.forget();
    // Sent while the session still runs the target (the request leaves at once): Delve halts it to set
    // them and its DAP runs on. After lostRun the session refuses, as it does while another client runs it.
    void this.setOwnAgain(ANOTHER);
    s.lostRun();
    this.anotherClient(`Another client (the dlv CLI, an editor) restarted the target (pid ${pid}) while your continue ran.`);
    this.poller?.soon();
  }

  /** A restart made elsewhere dropped this gotui's breakpoints set by function or FILE:LINE: set again, and said. */
  private async setOwnAgain(by: string | undefined): Promise<void> {
    // Said before Delve has them: a peer's next look at Delve's list then knows whose they are.
    const dropped = this.session.droppedAtRestart();
    if (dropped.length) {
      const what = dropped.length === 1 ? `the breakpoint at ${breakpointPlace(dropped[0]!)}` : `${dropped.length} breakpoints (${dropped.map(breakpointPlace).join(', ')})`;
      this.rendezvous?.say({ k: 'breakpoints', text: `set again ${what} that Delve dropped at the restart`, set: dropped.map(lineKey), ids: dropped.map((b) => b.id) });
    }
    const n = await this.session.setAgainAfterRestart().catch((err) => {
      this.session.log(`Breakpoints Delve dropped at the restart were not set again: ${describeError(err)}`, 'warning');
      return 0;
    });
    // Said above: not news again as "set a breakpoint" (Delve numbered them anew).
    clearTimeout(this.bpAnnounce);
    this.ownBreakpoints = this.ownNow();
    // `main.go:114` is a source line to the user: the sentence says which kind Delve keeps instead.
    const yours = dropped.length === 1 ? `your breakpoint at ${breakpointPlace(dropped[0]!)}` : `${n} of your breakpoints`;
    if (n && by) this.activity(`Delve dropped ${yours} at ${by === ANOTHER ? "another client's" : `${sanitizeName(by)}'s`} restart (a restart keeps only the line breakpoints an editor sets, not those :break sets by location); gotui set ${n === 1 ? 'it' : 'them'} again.`);
  }

  /** One of this gotui's breakpoints that `peer`'s list, sent at the same moment, took out of Delve: set again, and said. */
  private async reinstate(b: Breakpoint, peer: string): Promise<void> {
    try {
      await this.session.reinstateBreakpoint(b);
      this.activity(`${peer} changed breakpoints as you did, and Delve took ${peer}'s list (one list for every client), without your ${thingAt(b, 'the').slice('the '.length)}: gotui set it again.`);
    } catch (err) {
      this.session.log(`${peer}'s breakpoints, changed as you changed yours, took out your ${thingAt(b, 'the').slice('the '.length)}, and gotui could not set it again: ${describeError(err)}`, 'warning');
    }
  }

  /** True while a move nobody claimed waits for a peer's word (only when there are peers to say it). */
  private waitForPeerNews(ms = PEER_NEWS_MS): boolean {
    if (!this.othersPresent) return false;
    this.unclaimedSince ??= Date.now();
    return Date.now() - this.unclaimedSince < ms;
  }

  /** A value set by another client (the dlv CLI's `set`) in the frame this gotui shows: read the values again. */
  private async watchValues(): Promise<void> {
    const sel = this.session.state.selection;
    if (!this.values || !sel?.frame || this.applying) return;
    const exprs = this.opts.watched?.() ?? [];
    // Another list of watches is another view: its first look is the baseline.
    const at = `${this.session.stopCount}:${sel.goroutine}:${sel.frame.index}:${exprs.join('\0')}`;
    const changed = await this.values.check({ at, scope: { GoroutineID: sel.goroutine, Frame: sel.frame.index }, exprs }).catch(() => false as const);
    if (!changed) return;
    if (changed === 'frames') {
      // A stop another client made where every pc is as it was: the next look takes it as a move.
      this.baseline.movedUnseen();
      this.poller?.soon();
      return;
    }
    const where = placeOf(sel.frame);
    this.anotherClient(`Another client (the dlv CLI, an editor) changed a value${where ? ` in ${where}` : ''}; values are read again.`);
    this.readAgain('set');
  }

  /** The target was changed elsewhere: the panes read again (and the peers are not told: it is not this gotui's doing). */
  private readAgain(what: SessionEvents['target-changed']['what']): void {
    this.applying++;
    try {
      this.session.changed(what);
    } finally {
      this.applying--;
    }
  }

  /** Names who set these of Delve's breakpoints (Delve's ids), where nobody said: the user's kept ones (see breakpoints/orphans.ts). */
  async nameOwner(delveIds: readonly number[], by: string): Promise<void> {
    for (const b of this.session.state.breakpoints) if (b.delveId !== undefined && delveIds.includes(b.delveId)) this.setBy.set(lineKey(b), { by });
    await this.syncBreakpoints();
  }

  /** Delve's breakpoints (every client's) into the session. Only while halted or exited: the list waits for a running target. */
  private async syncBreakpoints(haltedSeen = false): Promise<void> {
    // The first look finds what was there before this gotui came: nobody's news.
    const first = this.lastBpSync === 0;
    this.lastBpSync = Date.now();
    const restarts = this.session.restarts;
    const read = this.bpRpc && (await delveBreakpoints(this.session, this.bpRpc, haltedSeen));
    if (!read) return;
    const restarted = restarts !== this.restartsAtSync;
    this.restartsAtSync = restarts;
    this.applying++;
    try {
      const { added, removed } = this.session.syncBreakpoints(read.list, read.epoch, (b: ServerBreakpoint) => this.setBy.get(lineKey(b)) ?? { by: ANOTHER });
      // What peers did they said themselves; the rest is another client's (the dlv CLI's).
      if (first) return;
      // A peer says what it set once Delve has it, so a look in between finds it unclaimed: with peers
      // present, wait for their word before naming nobody (a peer's :break main.process was said twice).
      const unclaimed = added.filter((b) => b.by === ANOTHER);
      const sayUnclaimed = (list: Breakpoint[]) => {
        for (const b of list) {
          const now = this.session.state.breakpoints.find((x) => x.delveId === b.delveId);
          if (!this.closed && now?.by === ANOTHER) this.anotherClient(`Another client set ${thingAt(b, 'a')}.`);
        }
      };
      // No gotui sets one outside DAP: such a one (the dlv CLI's) is said at once, before the stop
      // it may have made (trial CK: after that stop's line where peers were present).
      const claimable = unclaimed.filter((b) => !b.outside);
      sayUnclaimed(unclaimed.filter((b) => b.outside));
      if (claimable.length && this.othersPresent) setTimeout(() => sayUnclaimed(claimable), CLEAR_NEWS_MS).unref();
      else sayUnclaimed(claimable);
      // A peer says what it cleared once Delve has it (and a moment later): wait for that before naming nobody.
      // Delve clears a watchpoint on a local itself when its frame returns: this gotui's own say so at that stop.
      // One gone and one new at the same place in one look: the same breakpoint, numbered anew (a restart drops and a client sets it again).
      const back = new Set(added.map(lineKey));
      const unsaid = removed.filter((b) => !(b.kind === 'data' && !b.by) && !back.has(lineKey(b)) && !this.announcedClear.delete(lineKey(b)));
      if (unsaid.length) {
        setTimeout(() => {
          // Not news if it is back by now: Delve dropped it at a restart and its setter set it again
          // (or said so and Delve's list read here has not shown it yet: a peer's claim ahead of the list).
          const now = new Set(this.session.state.breakpoints.map(lineKey));
          for (const b of unsaid) {
            if (this.announcedClear.delete(lineKey(b)) || this.closed || now.has(lineKey(b)) || this.claimsAhead.has(lineKey(b))) continue;
            // A peer's list sent as this gotui sent its own lacked it (trial U: "cleared" by nobody): set again.
            const peer = this.peerList && Date.now() - this.peerList.at < PEER_LIST_MS ? this.peerList.by : undefined;
            if (peer && !b.by) void this.reinstate(b, peer);
            // Delve clears another client's watchpoint on the stack itself as its function returns (trial CG: said cleared by a client).
            // A restart drops every watchpoint (trial CI: a package variable's said to be a local's).
            else if (b.kind === 'data' && restarted) this.anotherClient(`Another client's watchpoint on ${breakpointPlace(b)} is gone: the restart dropped it (Delve sets no watchpoint again in a new process).`);
            else if (b.kind === 'data') this.anotherClient(`Another client's watchpoint on ${breakpointPlace(b)} is gone: Delve clears a watchpoint on a local when its function returns (or another client cleared it).`);
            // This gotui's own said as its own, by its number (trial CK: the dlv CLI's clear of #4 read as anyone's).
            else if (b.by === undefined) this.anotherClient(`Another client cleared your ${b.logMessage ? 'logpoint' : 'breakpoint'} ${breakpointName(b)} at ${breakpointPlace(b)}.`);
            else this.anotherClient(`Another client cleared ${thingAt(b, 'the')}.`);
          }
        }, CLEAR_NEWS_MS).unref();
      }
    } finally {
      this.applying--;
    }
  }

  // ---- what this gotui does, told to the others -------------------------------------------

  /** Said before the request goes to Delve: a peer's poller may see the stop of a short step before any message. */
  private onResuming(e: SessionEvents['resuming']): void {
    this.poller?.quiet();
    // A breakpoint set just before is said before the run (its debounce would say it after, and the
    // peers' stop line would name it another client's: `breakpoint other#1`).
    if (this.bpAnnounce !== undefined) {
      clearTimeout(this.bpAnnounce);
      this.bpAnnounce = undefined;
      this.announceBreakpoints();
    }
    this.rendezvous?.say({ k: 'resumed', how: e.by });
    this.rendezvous?.send({ t: 'update', runs: true });
  }

  private onStop(e: SessionEvents['stop']): void {
    // Whatever the stop, a peer's word from before it is spent.
    this.stopNews = undefined;
    this.stopKey = stopKeyOf(e.stop.goroutine, e.selection.top);
    const where = placeOf(e.selection.frame);
    this.stopLoadedAt = performance.now();
    // Its own stop's panes are being read; another client's next move is looked for as ever.
    if (!e.stop.by) this.poller?.quiet();
    this.baseline.loaded(where);
    const pausedFor = e.stop.reason === 'pause' ? this.pausingFor : undefined;
    this.pausingFor = undefined;
    // The pause this gotui asked for, seen by its poll as the runner's (or any peer's): its own.
    if (this.askedPause && e.stop.reason === 'pause' && e.stop.by) this.session.nameStopMaker(e.stop.number, e.stop.by, undefined);
    this.askedPause = false;
    if (!e.stop.by) {
      // This gotui's own stop: the values are read by its panes now, and looked at again later.
      if (!e.stop.found) this.valuesAfter = performance.now() + STOP_CALM_MS;
      // A stop found on attaching (or reconnecting) is nobody's step or pause: the others hear nothing.
      if (!e.stop.found) this.rendezvous?.say({ k: 'stopped', reason: e.stop.reason, ...(where ? { where } : {}), n: e.stop.number, ...(pausedFor ? { for: pausedFor } : {}), ...(e.stop.reached ? { reached: e.stop.reached } : {}) });
      // Made here for the driver who asked: said as theirs in this gotui too.
      if (pausedFor) this.session.nameStopMaker(e.stop.number, undefined, sanitizeName(pausedFor));
      if (this.me?.runs) this.rendezvous?.send({ t: 'update', runs: false });
    }
    this.expectCursor();
    // The driver's view at this very stop (it may have come before this gotui loaded the stop).
    if (this.following && this.driverView && this.driverView.at === this.stopAt()) void this.applyView(this.driverView);
    else this.sendView();
  }

  private onSelected(): void {
    this.expectCursor();
    if (this.applying) return;
    if (this.following) this.lookAround();
    else this.sendView();
  }

  /** The source cursor moved: the driver says where; a follower that moved it looks around. */
  private onCursor(): void {
    if (this.applying) return;
    const now = this.cursorKey();
    if (now === this.expectedCursor) return;
    this.expectedCursor = now;
    // The pane itself putting the cursor on the stop line (its file read after the stop, over SSH
    // later than the stop) is no looking around (the SSH pair test's driver read `bob looks around`).
    const s = this.source.get();
    if (this.following && s.stop && s.file === s.stop.file && s.cursor.index + 1 === s.stop.line) return;
    if (this.following) this.lookAround();
    else this.sendView();
  }

  private onBreakpoints(): void {
    // Others' breakpoints gone by this gotui's doing (clearall takes everyone's) are said by it too.
    const others = new Map(this.session.state.breakpoints.filter((b) => b.by).map((b) => [b.id, b]));
    for (const b of others.values()) this.claimsAhead.delete(lineKey(b));
    for (const [id, b] of this.othersSeen) {
      if (others.has(id)) continue;
      // Unless a peer has claimed the place since (its word that it sets it again came first).
      if (this.setBy.get(lineKey(b))?.by === b.by && !this.claimsAhead.has(lineKey(b))) this.setBy.delete(lineKey(b));
      if (!this.applying) this.othersCleared.push(b);
    }
    this.othersSeen = others;
    if (this.applying) {
      // Ours that another client took out (its :clearall): gone, and not this gotui's news to tell.
      const present = new Set(this.session.state.breakpoints.map((b) => b.id));
      for (const id of [...this.ownBreakpoints.keys()]) if (!present.has(id)) this.ownBreakpoints.delete(id);
      return;
    }
    // Debounced: one change makes several events (sent, then verified by Delve).
    clearTimeout(this.bpAnnounce);
    this.bpAnnounce = setTimeout(() => this.announceBreakpoints(), 30);
  }

  /** Says what this gotui changed in the breakpoints; `leaving`: its quit has removed all of its own. */
  private announceBreakpoints(leaving = false): void {
    const now = leaving ? new Map<number, Breakpoint>() : this.ownNow();
    const added = [...now.values()].filter((b) => !this.ownBreakpoints.has(b.id));
    const gone = [...[...this.ownBreakpoints].filter(([id]) => !now.has(id)).map(([, b]) => b), ...this.othersCleared.splice(0)];
    // Disabled, it is out of Delve as a cleared one is, but kept here: said as what the user did.
    const disabled = new Set(leaving ? [] : this.session.state.breakpoints.filter((b) => b.disabled && !b.by).map((b) => b.id));
    const said = [...added.map((b) => `set ${thingAt(b, 'a')}`), ...gone.map((b) => `${disabled.has(b.id) ? 'disabled' : 'cleared'} ${thingAt(b, 'the')}`)];
    this.ownBreakpoints = now;
    if (said.length) this.rendezvous?.say({ k: 'breakpoints', text: said.join('; '), set: added.map(lineKey), ids: added.map((b) => b.id), ...(gone.length ? { cleared: gone.map(lineKey) } : {}) });
  }

  /** This gotui's breakpoints Delve has, by id. */
  private ownNow(): Map<number, Breakpoint> {
    return new Map(this.session.state.breakpoints.filter((b) => !b.by && b.verified).map((b) => [b.id, b]));
  }

  // ---- what the others say ------------------------------------------------------------------

  /** A peer's word that the breakpoints at `keys` are its own, numbered `ids` by it. */
  private claim(name: string, keys: readonly string[], ids: readonly number[] | undefined): void {
    keys.forEach((k, i) => {
      this.setBy.set(k, { by: name, ...(ids ? { number: ids[i] } : {}) });
      this.claimsAhead.add(k);
    });
    this.session.renameOthers((b) => (b.by === ANOTHER && keys.includes(lineKey(b)) ? this.setBy.get(lineKey(b)) : undefined));
  }

  private async onEvent(from: Peer | undefined, ev: PairEvent): Promise<void> {
    const name = from ? who(from) : 'a gotui';
    switch (ev.k) {
      case 'resumed':
        this.lastActor = name;
        this.lastHow = ev.how;
        this.overtaken = false;
        this.stopAtResume = this.session.stopCount;
        // Its last stop's word is over: a poll that sees this run's stop at the same place waits for the new word.
        this.peerStop = undefined;
        // A step's stop follows at once, and its stop line names who made it (trial BP: three lines a step at 80x24).
        if (ev.how !== 'step') this.activity(resumedWords(name, ev.how));
        this.poller?.soon(true);
        return;
      case 'numbered':
        this.session.peerNumberedStop(ev.n, !!ev.shown);
        return;
      case 'stopped': {
        if (ev.n) this.session.peerNumberedStop(ev.n);
        // A pause this peer made for the one who asked (see 'pause'): the asker's stop, made through the peer.
        const asker = ev.for !== undefined ? sanitizeName(ev.for) : undefined;
        const mine = ev.for !== undefined && ev.for === this.name;
        // The console's stop line says a peer's own stop (`Stop 5 (step by alice): …`); said once (trial BP).
        // A pause made for someone, and a panic (its stop line is the panic's own words), are more.
        if (mine) this.activity(`${name}'s gotui paused the target for you${ev.where ? ` at ${ev.where}` : ''}`);
        else if (asker) this.activity(`${stoppedWords(asker, ev.reason, ev.where)} (through ${name}'s gotui)`);
        else if (ev.reason === 'exception') this.activity(stoppedWords(name, ev.reason, ev.where));
        // Another's pause made through this peer (this gotui's own is named at its stop: see askedPause):
        // its word after the stop was shown as the runner's (a busy machine) renames it, else it names it.
        if (asker !== undefined && !mine && !(this.session.state.status === 'stopped' && this.session.nameStopMaker(this.session.stopCount, name, asker))) this.lastActor = asker;
        if (this.overtaken) return;
        if (ev.n && ev.where) this.peerStop = { n: ev.n, where: ev.where, reason: ev.reason, ...(ev.reached ? { reached: clean(ev.reached) } : {}) };
        // Its word came after this gotui had shown the stop as nobody's: it is this peer's, and so
        // was the run its late "resumed" named (not the next one). Only the word for that stop: a
        // step that stays on its line (si) after another client's stop is a new one (trial BI).
        if (this.unnamed && this.unnamed.at === ev.where && (!ev.n || ev.n === this.unnamed.stop) && this.session.nameStopMaker(this.unnamed.stop, ANOTHER, name)) {
          this.unnamed = undefined;
          this.lastActor = undefined;
          this.lastHow = undefined;
          return;
        }
        // A stop this gotui has not shown since the peer's run began is news even at the same place (the
        // loop back at a breakpoint where a step stopped); one it has shown (its poll was first) is this word's.
        // (Peers number stops apart: a joiner's stop 2 can be the driver's 5.)
        if (this.session.state.status === 'stopped') this.baseline.peerStopped(ev.where, !!ev.n && this.session.stopCount === this.stopAtResume);
        else this.stopNews = asker ?? name;
        // A stop its call made (a breakpoint cut the call short), with no run said before it: the peer's too (trial BQ: another client's, one ahead).
        // (No call yet ended: lastEnded is 0, and a gotui's first seconds are not "just after" one; CI saw the dlv CLI's next said as alice's.)
        if (from && (this.peerCalls.running.has(from.id) || (this.peerCalls.lastEnded > 0 && performance.now() - this.peerCalls.lastEnded < CALL_STOP_MS))) this.stopNews = name;
        this.poller?.soon();
        return;
      }
      case 'returned':
        this.activity(`${name}'s step out: ${ev.text}`);
        return;
      // Delve tells only the client whose step it was (trial BT: the follower then held the wheel over a step it never heard of).
      case 'cut': {
        // Said as its driver said it (trial CM: the follower heard "Delve keeps it" of a step the driver's next had dropped).
        const say = () => this.activity(CUT_WORDS[ev.how ?? 'kept'](name));
        // Its word can come before this gotui shows the stop it speaks of (trial CM: said above that stop's line).
        if (ev.n !== undefined && this.session.stopCount < ev.n && this.session.connected) this.afterStop(ev.n, say);
        else say();
        return;
      }
      case 'view':
        if (from?.role !== 'driving') return;
        this.driverView = ev;
        if (this.following && !this.state.looking && this.driverView.at === this.stopAt()) await this.applyView(this.driverView);
        return;
      case 'breakpoints': {
        this.peerList = { by: name, at: Date.now() };
        // One of this gotui's own among those cleared: said as the user's.
        const mine = this.session.state.breakpoints.filter((b) => !b.by && (ev.cleared ?? []).includes(lineKey(b)));
        this.activity(`${name} ${mine.reduce((text, b) => text.replace(thingAt(b, 'the'), `your ${thingAt(b, 'the').slice('the '.length)}`), ev.text)}`);
        this.claim(name, ev.set, ev.ids);
        for (const k of ev.cleared ?? []) {
          this.announcedClear.add(k);
          // A later breakpoint at that line is whoever sets it then (the dlv CLI's, say), not this peer's.
          this.setBy.delete(k);
          this.claimsAhead.delete(k);
        }
        // Said once removed; Delve's list cannot be read while the target runs (a peer's quit often lets it run).
        if (ev.cleared?.length) {
          const gone = new Set(ev.cleared);
          this.applying++;
          try {
            this.session.forgetOthers((b) => gone.has(lineKey(b)));
          } finally {
            this.applying--;
          }
        }
        await this.syncBreakpoints();
        return;
      }
      case 'own':
        this.claim(name, ev.set, ev.ids);
        await this.syncBreakpoints();
        return;
      case 'changed':
        // What was set, as its peer typed it (trial BT: `alice set a variable` named none).
        this.activity(`${name} ${ev.what === 'call' ? 'ran a function call in the target' : ev.what === 'set' ? (ev.text ? `set ${ev.text}` : 'set a variable') : ev.what === 'flag' ? 'changed a flag' : ev.what === 'flag-refused' ? 'tried a flag value the program refused (the old one is back)' : 'wrote memory'}; values are read again.`);
        this.readAgain(ev.what);
        return;
      case 'calling':
        if (from) this.peerCalling(from.id, ev.on);
        return;
      case 'dumping':
        holdStateForDump(this.opts.address, ev.on);
        this.activity(ev.on ? `${name} is writing a core file of the target.` : `${name} finished writing a core file.`);
        return;
      case 'killing':
        this.killedBy = name;
        this.activity(`${name} is ending the program and its Delve (:quit -kill).`);
        return;
      case 'pause':
        this.pausingFor = ev.by;
        this.activity(`${sanitizeName(ev.by)} asked to pause the target, which this gotui's run control runs.`);
        await this.session.halt(2_000);
        return;
      case 'drive?':
        if (!from) return;
        this.activity(`${name} asks to drive.`);
        {
          // The answer is echoed and recorded as a command: the name says who (the hub keeps names one of a kind) where it is plain.
          const whom = /^[\w.@-]{1,32}$/.test(from.name) ? from.name : from.id;
          this.driveAsked = { id: from.id, question: `${name} asks to drive.` };
          this.front?.ask(
            this.driveAsked.question,
            [
              { key: 'y', label: 'hand over', command: `drive give ${whom}` },
              { key: 'n', label: 'keep it', command: `drive keep ${whom}` },
            ],
            { unasked: true },
          );
        }
        return;
      case 'kept':
        this.activity(`${name} keeps the wheel.`);
        return;
      case 'left-halted':
        this.session.adoptHalt(ev.found);
        return;
    }
  }

  private peerCalling(id: string, on: boolean): void {
    if (on) this.peerCalls.running.add(id);
    else if (this.peerCalls.running.delete(id)) this.peerCalls.lastEnded = performance.now();
  }

  private onPeers(peers: Peer[], why: string | undefined): void {
    const me = this.rendezvous?.id ?? '';
    // A peer gone while its request to drive waits for an answer: the question goes with it.
    if (this.driveAsked && !peers.some((p) => p.id === this.driveAsked!.id)) {
      this.front?.withdraw(this.driveAsked.question);
      this.driveAsked = undefined;
    }
    // A peer gone in the middle of a call never says it ended.
    for (const id of this.peerCalls.running) if (!peers.some((p) => p.id === id)) this.peerCalling(id, false);
    const before = this.me?.role;
    // One who joined later cannot tell from Delve's list which breakpoints are whose.
    const own = [...this.ownNow().values()];
    const known = new Set(this.state.peers.map((p) => p.id));
    const joined = known.size ? peers.filter((p) => !known.has(p.id) && p.id !== me) : [];
    for (const p of joined) {
      if (own.length) this.rendezvous?.say({ k: 'own', set: own.map(lineKey), ids: own.map((b) => b.id) }, p.id);
      // Its count starts at 1: its own stops are numbered above this gotui's from the first.
      if (this.session.stopCount) this.rendezvous?.say({ k: 'numbered', n: this.session.stopCount, ...(this.session.state.status === 'stopped' ? { shown: true } : {}) }, p.id);
    }
    const runner = peers.find((p) => p.runs && p.id !== me);
    if (runner) this.lastRunner = who(runner);
    this.name = peers.find((p) => p.id === me)?.name ?? this.name;
    this.set({ peers, me });
    // One who joined at this stop follows the driver's view of it from the start.
    if (joined.length) this.sendView();
    // One who ends the program and its Delve leaves no wheel to take (trial AG: `alice left; you drive`).
    const said = why && (this.killedBy ? activityFor(why, this.name)?.replace(/; you drive$/, '') : activityFor(why, this.name));
    // A sentence of the hub's, whose names are the peers' own: cleaned, not cut as a name is.
    if (said) this.activity(oneLine(said, 300));
    this.applyPolicy();
    if (before !== 'driving' && this.me?.role === 'driving') {
      // The last driver's view is not this gotui's to follow any more (its next stop may be at the same place).
      this.driverView = undefined;
      this.set({ looking: false });
      this.sendView();
    }
  }

  /** Followers may not run the target; a viewer may change nothing. */
  private applyPolicy(): void {
    if (this.opts.viewer) return;
    const role = this.me?.role;
    // The peer whose run control runs the target: a refusal names it, not "another client".
    const runner = this.state.peers.find((p) => p.runs && p.id !== this.state.me);
    this.session.restrict({ ...(role === 'following' ? { runControl: followerReason(this.driver) } : {}), ...(runner ? { runner: who(runner) } : {}) });
  }

  // ---- driving and following ----------------------------------------------------------------

  private get following(): boolean {
    const role = this.me?.role;
    return role === 'following' || role === 'viewing' || (this.opts.viewer && !this.rendezvous);
  }

  /** This gotui is suspended (Ctrl-Z) or back (fg): while away, a peer's :drive takes the wheel at once. */
  away(on: boolean): void {
    this.rendezvous?.send({ t: 'update', away: on });
  }

  /** Asks for the wheel (taken at once when nobody drives, or while the driver is suspended). */
  requestDrive(): string {
    if (this.opts.viewer) throw new UserError('A --follow viewer never drives.', 'Attach without --follow to drive.');
    const r = this.requireRendezvous();
    const me = this.me;
    if (me?.role === 'driving') return 'You drive already.';
    r.send({ t: 'drive' });
    const driver = this.driver;
    if (driver?.away) return `Taking the wheel: ${who(driver)} is suspended (Ctrl-Z) and cannot answer.`;
    return driver ? `Asked ${who(driver)} for the wheel.` : 'Taking the wheel: nobody drives.';
  }

  /** The driver hands over to a peer (by id or name). */
  give(to: string): string {
    const r = this.requireRendezvous();
    if (this.me?.role !== 'driving') throw new UserError('Only the driver hands the wheel over.', this.driver ? `${who(this.driver)} drives.` : ':drive takes it: nobody drives.');
    const peer = this.findPeer(to);
    if (peer.role === 'viewing') throw new UserError(`${who(peer)} is a read-only viewer and cannot drive.`);
    r.send({ t: 'give', to: peer.id });
    return `Handing the wheel to ${who(peer)}.`;
  }

  keep(to: string): string {
    const peer = this.findPeer(to);
    this.requireRendezvous().say({ k: 'kept' }, peer.id);
    return `You keep the wheel; ${who(peer)} is told.`;
  }

  /** Back to the driver's view. */
  rejoin(): string {
    if (!this.following) throw new UserError('You are not following anyone.', this.me?.role === 'driving' ? 'You drive.' : ':who shows who is here.');
    this.set({ looking: false });
    this.rendezvous?.send({ t: 'update', looking: false });
    const v = this.driverView;
    if (v && v.at === this.stopAt()) void this.applyView(v);
    else if (this.session.state.status === 'stopped') this.source.toStop();
    const d = this.driver;
    return d ? `Following ${who(d)} again.` : 'Following the stops again.';
  }

  private lookAround(): void {
    if (this.state.looking) return;
    this.set({ looking: true });
    this.rendezvous?.send({ t: 'update', looking: true });
  }

  private findPeer(text: string): Peer {
    const t = text.trim();
    const peer = this.state.peers.find((p) => p.id === t) ?? this.state.peers.find((p) => p.name === t && p.id !== this.state.me);
    if (!peer || peer.id === this.state.me) throw new UserError(`There is no other gotui called '${t}' here.`, `:who lists them: ${this.others.map(who).join(', ') || 'nobody else'}.`);
    return peer;
  }

  private requireRendezvous(): Rendezvous {
    if (!this.rendezvous) throw new UserError(`Pair debugging is off${this.state.off ? `: ${this.state.off}` : ''}.`);
    return this.rendezvous;
  }

  /** The driver tells where it looks (goroutine, frame, source cursor), once things settle. */
  private sendView(): void {
    if (this.me?.role !== 'driving' || !this.othersPresent) return;
    clearTimeout(this.viewTimer);
    this.viewTimer = setTimeout(() => {
      const sel = this.session.state.selection;
      if (!sel || this.session.state.status !== 'stopped') return;
      const src = this.source.get();
      const ev = { k: 'view' as const, at: this.stopAt(), goroutine: sel.goroutine, frame: sel.frame?.index ?? 0, ...(src.file ? { file: src.file, line: src.cursor.index + 1 } : {}) };
      this.rendezvous?.say(ev);
    }, 20);
    this.viewTimer.unref();
  }

  private async applyView(v: View): Promise<void> {
    if (this.state.looking || this.session.state.status !== 'stopped') return;
    this.applying++;
    try {
      const sel = this.session.state.selection;
      if (sel && sel.goroutine !== v.goroutine) await this.session.selectGoroutine(v.goroutine);
      if ((this.session.state.selection?.frame?.index ?? 0) !== v.frame) await this.session.selectFrame(v.frame);
      if (v.file && v.line) this.source.open(v.file, v.line);
      // The stop's console line named the frame it showed then: once a stop, say where the driver's view took the panes (trial BM).
      const now = this.session.state.selection;
      if (now !== sel && now?.frame && this.viewSaidAt !== this.session.stopCount) {
        this.viewSaidAt = this.session.stopCount;
        const place = now.frame.file ? ` ${shortPlace(now.frame.file, now.frame.line)}` : '';
        this.activity(`Following ${this.driver ? who(this.driver) : 'the driver'}'s view: goroutine ${now.goroutine}, frame ${now.frame.index} ${now.frame.name}${place}.`);
      }
    } catch {
      // The driver's goroutine or frame is gone at this stop: stay where the stop put us.
    } finally {
      this.expectCursor();
      this.applying--;
    }
  }

  /**
   * The stop a view belongs to: the stopped goroutine's innermost line, the same in every gotui.
   * Taken at the stop: the selection's innermost frame is another goroutine's once one is looked at.
   */
  private stopAt(): string {
    return this.session.state.status === 'stopped' ? this.stopKey : '';
  }

  private cursorKey(): string {
    const s = this.source.get();
    return `${s.file ?? ''}:${s.cursor.index}`;
  }

  private expectCursor(): void {
    this.expectedCursor = this.cursorKey();
  }

  /** The driver does not run the target now: the one whose DAP continue does is asked, or Delve halts it. */
  private async pauseElsewhere(): Promise<void> {
    const runner = this.state.peers.find((p) => p.runs && p.id !== this.state.me);
    if (runner && this.rendezvous) {
      this.rendezvous.say({ k: 'pause', by: this.name }, runner.id);
      this.askedPause = true;
      this.activity(`Asked ${who(runner)}'s gotui to pause (its DAP continue runs the target, and Delve lets only that client stop it).`);
      return;
    }
    // A JSON-RPC client runs it (the dlv CLI's continue): Delve halts it for anyone.
    const rpc = await DelveRpcClient.connect(this.opts.address);
    try {
      await rpc.call('Command', { name: 'halt' }, { timeoutMs: 2_000 });
    } catch (err) {
      throw new UserError(
        `Delve did not stop the target: ${describeError(err)}`,
        'Another client (an editor?) runs it with a DAP continue, and Delve lets only that client pause it. Pause it there.',
      );
    } finally {
      rpc.close();
    }
    this.haltedHere = true;
    this.poller?.soon();
  }

  /** The stop shown is a halt at traces only (one that lasted, found so on attaching, or a call's stop at a logpoint of gotui's). */
  private stopAtTrace(): boolean {
    const s = this.session.state;
    const ids = s.status === 'stopped' ? (s.stop?.delveBreakpoints ?? []) : [];
    return ids.length > 0 && ids.every((id) => s.breakpoints.some((b) => b.delveId === id && (b.tracepoint || b.logMessage !== undefined)));
  }

  /** Runs `say` once this gotui shows stop `n` (or a later one), or after a few seconds whatever it shows. */
  private afterStop(n: number, say: () => void): void {
    const done = () => {
      off();
      clearTimeout(timer);
      say();
    };
    const off = this.session.events.on('stop', (e) => void (e.stop.number >= n && done()));
    const timer = setTimeout(done, AFTER_STOP_MS);
    timer.unref();
  }

  private activity(text: string): void {
    this.session.log(`» ${text}`, 'info');
  }

  /** What a client other than a gotui did (the dlv CLI, an editor): said, and remembered for quitting. */
  private anotherClient(text: string): void {
    this.anotherClientAt = Date.now();
    this.activity(text);
  }
}

/** `main.go:41`: a breakpoint's place the same in every gotui (a function breakpoint by where Delve put it). */
function lineKey(b: { file?: string; line?: number; spec?: string }): string {
  return b.file && b.line ? `${b.file.split('/').pop()}:${b.line}` : b.spec ?? '?';
}

/** A stop as the driver's view names it: its goroutine and innermost place. */
function stopKeyOf(goroutine: number, top: { file?: string; line: number } | undefined): string {
  return top ? `${goroutine}@${top.file}:${top.line}` : '';
}

/** `orders/main.go:41` */
function placeOf(frame: { file?: string; line: number } | undefined): string | undefined {
  return frame?.file ? shortPlace(frame.file, frame.line) : undefined;
}

function sanitizeName(text: string): string {
  return who({ name: text });
}

/** `a breakpoint at main.go:74 (if i == 2)`, `a logpoint at main.go:80`, `a watchpoint on [n]` (no line). */
function thingAt(b: Breakpoint, article: 'a' | 'the'): string {
  // Set, it is told whole (trial AG: a peer's conditional breakpoint and logpoint read as plain ones).
  const cond = article === 'a' && b.condition ? ` (if ${b.condition})` : '';
  if (b.kind === 'data') return `${article} watchpoint on ${breakpointPlace(b)}${cond}`;
  // The name the dlv CLI gave it is what its stops and :clear go by (trial BJ: `clibp` said nowhere until its stop).
  const named = b.delveName ? ` ${clean(b.delveName)}` : '';
  // In which function, as the dlv CLI says when it sets one (trial BN: `for main.helper() ./work.go:25`).
  const fn = b.kind === 'line' && b.inFunction ? ` (${clean(b.inFunction)})` : '';
  return `${article} ${b.logMessage ? 'logpoint' : 'breakpoint'}${named} at ${breakpointPlace(b)}${fn}${cond}`;
}
