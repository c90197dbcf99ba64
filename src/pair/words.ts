/* What pair debugging says: the status bar's part, `:who`, activity lines. Pure. */
import { sanitize } from '../core/sanitize.js';
import type { Peer, RunHow } from './protocol.js';

/** A peer's name as shown (outside text: sanitized, short). */
export function who(p: Pick<Peer, 'name'>): string {
  return oneLine(p.name, 40);
}

/** A peer's text for one line of the console or status bar: cleaned of control sequences, spaces folded, at most `max`. */
export function oneLine(text: string, max: number): string {
  return sanitize(text).replace(/\s+/g, ' ').slice(0, max);
}

/**
 * The status bar's part: who drives and what this gotui does. Empty when alone and free to drive
 * (nothing to say).
 */
export function presenceText(peers: readonly Peer[], me: string | undefined, opts: { viewer: boolean; looking: boolean }): string {
  const self = peers.find((p) => p.id === me);
  const others = peers.filter((p) => p.id !== me);
  const driver = peers.find((p) => p.role === 'driving');
  if (opts.viewer) return `read-only viewer${driver && driver.id !== me ? ` · ${who(driver)} drives` : ''}`;
  if (!self || !others.length) return '';
  if (self.role === 'driving') {
    // "follows", as their status bar and :who say it (a read-only viewer follows too); one looking
    // around on their own sees another stop or frame than yours (trial K: the driver read "follows").
    const say = (names: string[], verb: string) => (names.length > 2 ? `${names.length} ${verb}` : `${names.join(', ')} ${names.length === 1 ? `${verb}s` : verb}`);
    const follow = others.filter((p) => !p.looking).map(who);
    const looking = others.filter((p) => p.looking).map(who);
    return `you drive · ${[...(follow.length ? [say(follow, 'follow')] : []), ...(looking.length ? [`${say(looking, 'look')} around`] : [])].join(' · ')}`;
  }
  const lead = driver ? `${who(driver)} drives` : 'nobody drives (:drive)';
  return opts.looking ? `${lead} · on your own (= rejoins)` : `${lead} · you follow`;
}

/** Why run control does nothing in a follower (the key's "not now" and the command's refusal). */
export function followerReason(driver: Peer | undefined): string {
  return driver ? `${who(driver)} drives; :drive asks for the wheel` : 'nobody drives; :drive takes the wheel';
}

/** `:who`: one line per gotui on this Delve. */
export function whoLines(peers: readonly Peer[], me: string | undefined, now = Date.now()): string[] {
  const lines = peers.map((p) => {
    const since = new Date(p.since);
    const hhmm = `${String(since.getHours()).padStart(2, '0')}:${String(since.getMinutes()).padStart(2, '0')}`;
    const mins = Math.max(0, Math.round((now - p.since) / 60_000));
    const notes = [p.id === me ? 'you' : '', p.runs ? 'its continue/step runs the target' : '', p.looking ? 'looking around' : '', p.away ? 'suspended (Ctrl-Z)' : '', p.hub ? 'hosts the rendezvous' : ''].filter(Boolean);
    return `${who(p).padEnd(10)} ${p.role.padEnd(9)} ${sanitize(p.host).slice(0, 40)}, since ${hhmm} (${mins} min)${notes.length ? `; ${notes.join(', ')}` : ''}`;
  });
  return [...lines, 'Other clients (the dlv CLI, editors) are not listed: Delve does not say who is connected; gotui notices what they do.'];
}

/** "bob continued", "bob restarts the target" (a step's stop line says it, see PairModel's 'resumed'). */
export function resumedWords(name: string, how: Exclude<RunHow, 'step'>): string {
  return how === 'continue' ? `${name} continued` : how === 'restart' ? `${name} restarts the target` : `${name} resumed the target`;
}

/** "bob stepped to main.go:41", "bob paused at …", "bob stopped at a breakpoint at …". */
export function stoppedWords(name: string, reason: string, where: string | undefined): string {
  const at = where ? ` ${where}` : '';
  switch (reason) {
    case 'step':
      return `${name} stepped to${at || ' a new line'}`;
    case 'pause':
      return `${name} paused the target${where ? ` at${at}` : ''}`;
    case 'exception':
      return `${name}'s run stopped on a panic or fatal error${where ? ` at${at}` : ''}`;
    default:
      return /breakpoint/.test(reason) ? `${name} stopped at a breakpoint${where ? ` at${at}` : ''}` : `${name} stopped the target${where ? ` at${at}` : ''}`;
  }
}

/**
 * What another client (the dlv CLI) did, seen by polling: `shown` is the place the panes show,
 * `thread` where Delve's current thread stopped when it runs no goroutine (the CLI's step on a
 * runtime thread: the panes show a goroutine's place instead, trial BE read it as no move).
 */
export function elsewhereWords(o: { restartedPid?: number | undefined; shown?: string | undefined; thread?: string | undefined; goroutine?: number | undefined; what?: string }): string {
  const did = o.restartedPid !== undefined ? `restarted the target (pid ${o.restartedPid})` : 'moved the target';
  const bare = o.thread && o.thread !== o.shown ? `${o.thread}, on a thread that runs no goroutine${o.shown ? ` (the panes show ${o.goroutine ? `goroutine ${o.goroutine}` : 'the program'} at ${o.shown})` : ''}` : undefined;
  const at = bare ?? o.shown;
  return `Another client (the dlv CLI, an editor) ${did}${at ? `: stopped at ${at}${o.what ?? ''}` : ''}.`;
}

/**
 * The hub's words about a change, as this gotui's user reads them: its own join and its own
 * hand-over or taking of the wheel were said by the command (`Handing the wheel to bob.`), and
 * what names it as the one given the wheel says "you".
 */
export function activityFor(why: string, me: string): string | undefined {
  if (why.startsWith(`${me} joined`) || why.startsWith(`${me} handed the wheel`) || why.startsWith(`${me} took the wheel`) || why === `${me} drives`) return undefined;
  // Read after fg: the wheel went while this gotui was stopped.
  const away = `: ${me} is suspended (Ctrl-Z)`;
  if (why.endsWith(away)) return `${why.slice(0, -away.length)} while you were suspended (Ctrl-Z)`;
  if (why.endsWith(` to ${me}`)) return `${why.slice(0, -me.length)}you`;
  // The wheel passed on when its driver left: to this gotui's user, "you drive".
  return why.endsWith(`; ${me} drives`) ? `${why.slice(0, -`${me} drives`.length)}you drive` : why;
}
