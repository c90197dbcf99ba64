import { sourceView } from './pane.js';
import fs from 'node:fs';
import path from 'node:path';
import { UserError } from '../errors.js';
import { lineNumber } from '../commands/location.js';
import { cmd, whenBreakpointsChange, whenDriving, whenStopped, type CommandContext, type Feature } from '../features/types.js';
import type { SessionState } from '../session/state.js';
import { SourceModel } from './model.js';
import { splitShellWords } from '../core/shellwords.js';
import { makeRule } from './substitute.js';
import { listingText } from './listing.js';
import { clean, filesNamed, pathShown } from '../core/text.js';

/** The program's source file whose path ends in `name` (Delve's list; it answers while halted). */
async function programFile(ctx: CommandContext, name: string, current?: string): Promise<string> {
  // Delve holds its answer until the target halts (ListSources waits on the running target).
  if (ctx.session.state.status === 'running') throw new UserError(`Delve names the program's files only while the target is stopped, so ${name} cannot be looked up now.`, `Give its path (:list /path/to/${name}:LINE), or pause (p) first.`);
  const rpc = await ctx.rpc('find the file among the program\'s sources');
  const all = (await rpc.call<{ Sources: string[] | null }>('ListSources', { Filter: '' }, { timeoutMs: 10_000 })).Sources ?? [];
  // Typed as the screen shows it, a name with escapes in it (trial CM: :break found it, :list did not).
  const found = filesNamed(all, name, current);
  if (found.length === 1) return found[0]!;
  if (!found.length) throw new UserError(`${name} is not a file of the program.`, ':sources RE lists its files.');
  throw namesFiles(name, found);
}

/** `xy.go names 2 files of the program: …`: the ones it names, each as the screen can tell them apart. */
export function namesFiles(name: string, found: readonly string[]): UserError {
  return new UserError(`${name} names ${found.length} files of the program: ${found.slice(0, 3).map(pathShown).join(', ')}${found.length > 3 ? ', …' : ''}.`, 'Write more of its path (pkg/file.go:LINE), or open the one you mean in the source pane first.');
}

export const sourceFeature: Feature<SourceModel> = {
  id: 'source',
  title: 'Source',
  slot: 'source',
  create: (host) => new SourceModel(host.session, host.sources),
  view: sourceView,
  bindings: [
    {
      keys: ['b', 'F9'],
      description: 'Toggle a breakpoint on the cursor line',
      hint: 'b break',
      changes: true,
      command: (ctx) => {
        const m = ctx.model(sourceFeature);
        return `toggle-break ${m.get().file}:${m.cursorLine()}`;
      },
      disabledReason: (ctx) => whenBreakpointsChange(ctx) ?? (ctx.model(sourceFeature).get().file ? undefined : 'no source file is shown'),
    },
    { keys: ['.'], description: 'Back to the stop line of the selected frame', hint: '. stop line', command: cmd('list'), silent: true, disabledReason: (ctx) => noStopLine(ctx.session) },
    {
      keys: ['r'],
      description: 'Run to the cursor line (a temporary breakpoint, removed at the next stop whatever it is)',
      hint: 'r run to',
      changes: true,
      command: (ctx) => {
        const m = ctx.model(sourceFeature);
        return `continue ${m.get().file}:${m.cursorLine()}`;
      },
      disabledReason: (ctx) => whenDriving(ctx) ?? (ctx.model(sourceFeature).get().file ? undefined : 'no source file is shown'),
    },
  ],
  commands: [
    {
      name: 'list',
      completes: 'location',
      readsStop: true,
      aliases: ['l'],
      args: '[FILE:LINE | LINE | FUNC]',
      summary: 'Show a line (or a function, as the dlv CLI\'s list) in the source pane; alone, go back to the stop line of the selected frame.',
      async run(ctx, args) {
        const m = ctx.model(sourceFeature);
        const a = args.trim();
        ctx.app.focus('source');
        if (!a) {
          const why = noStopLine(ctx.session.state);
          // The session's frame, not the model's: in gotui run the model is made at its first command, after the stop it would have followed.
          const sel = ctx.session.state.selection;
          const frame = sel?.frame;
          // A script has no stack pane: it selects a frame by its number (a new user's trial: "pick a frame ... in the stack pane" in gotui run).
          if (why || !frame?.file) throw new UserError(`There is no stop line to go back to: ${why ?? 'the selected frame has no source'}.`, ctx.app.headless ? 'Set a breakpoint (break main.main) and continue, or select a frame with source (frame N).' : 'Set a breakpoint (:break main.main) and c, or pick a frame with source in the stack pane.');
          m.showFrame(frame);
          // The dlv CLI's `frame N list` header.
          if (ctx.app.headless) await printListing(ctx, `Goroutine ${sel!.goroutine} frame ${frame.index} at ${frame.file}:${frame.line}${frame.pc ? ` (PC: ${frame.pc})` : ''}`, frame.file, frame.line, true);
          return;
        }
        const at = /^(?:(.+):)?(\d+)$/.exec(a);
        if (!at) {
          // A function, as the dlv CLI's list takes it (trial AK: Tab offered functions :list refused). Delve
          // finds it only while the target is stopped (FindLocation waits for a running one).
          const stopped = ctx.session.state.status === 'stopped';
          const fn = stopped ? await ctx.session.locate?.(a).catch(() => undefined) : undefined;
          if (!fn) throw new UserError(`'${a}' is not FILE:LINE, LINE${stopped ? ', or a function of the program' : ''}.`, stopped ? 'Example: :list main.go:42, :list main.main' : 'Example: :list main.go:42 (a function is found while the target is stopped)');
          m.open(fn.file, fn.line);
          if (ctx.app.headless) await printListing(ctx, `Showing ${fn.file}:${fn.line}`, fn.file, fn.line, false);
          return;
        }
        const line = lineNumber(at[2]!);
        const current = m.get().file;
        let file = at[1] ?? current;
        if (!file) throw new UserError(`Line ${line} of which file? No file is shown yet.`, 'Write FILE:LINE.');
        // The file on screen by the name its title shows (one with escapes in its real name too).
        if (!path.isAbsolute(file) && current && clean(path.basename(current)) === path.basename(file)) file = current;
        // A path here (maybe a mapped checkout) is shown under the name Delve knows it by; a name
        // that is not here is one of the program's files.
        if (!path.isAbsolute(file)) file = fs.existsSync(file) ? path.resolve(file) : await programFile(ctx, file, current);
        m.open(m.finder.toDelve(file), line);
        if (ctx.app.headless) return printListing(ctx, `Showing ${m.get().file}:${line}`, m.get().file!, line, false);
        const { lines, pending } = m.get();
        // Past the end the cursor stops at the last line: said, not left to be noticed.
        if (pending === undefined && lines > 0 && line > lines) ctx.print(`${path.basename(file)} has ${lines} lines; the cursor is on the last.`, 'warning');
      },
    },
    {
      name: 'substitute-path',
      args: '[FROM TO | -clear]',
      summary: "Map the target's source directory FROM (as it was built) to TO here; alone, list the rules.",
      help: 'Rules also come from --substitute-path FROM=TO and from .gotui.json ({"substitutePath": [{"from": ..., "to": ...}]}). Without a rule gotui guesses from the Go module you run it in, and reads files over SSH for a user@host target.',
      run(ctx, args) {
        const finder = ctx.model(sourceFeature).finder;
        const split = splitShellWords(args);
        if (!split.ok) throw new UserError(split.message, 'Quote paths with spaces.');
        const words = split.words;
        if (words.length === 1 && words[0] === '-clear') {
          const n = finder.clearRules();
          ctx.print(n ? `Cleared ${n} substitute-path rule${n === 1 ? '' : 's'}.` : 'There were no substitute-path rules.', 'result');
          return;
        }
        if (words.length === 0) {
          const rules = finder.rules();
          ctx.print(rules.length ? rules.map((r) => `${r.from} → ${r.to}  (${r.origin})`).join('\n') : 'No substitute-path rules. Add one: :substitute-path FROM TO', 'result');
          return;
        }
        if (words.length !== 2) throw new UserError('substitute-path takes FROM and TO, or -clear.', 'Example: :substitute-path /build/src/orders ~/src/orders');
        const rule = makeRule(words[0]!, words[1]!, 'command');
        finder.addRule(rule);
        ctx.print(`Files under ${rule.from} are read from ${rule.to}.`, 'result');
      },
    },
  ],
};

/**
 * Without a screen (gotui run) list prints the lines as the dlv CLI's list does, under its header
 * (a new user's trial: `list main.go:10` printed nothing).
 */
async function printListing(ctx: CommandContext, header: string, file: string, line: number, arrow: boolean): Promise<void> {
  const found = await ctx.model(sourceFeature).finder.load(file);
  if (found.missing) throw new UserError(`Cannot list ${file}: ${found.missing.replace(/\.$/, '')}.`);
  if (line > found.lines.length) throw new UserError(`${path.basename(file)} has ${found.lines.length} lines: there is no line ${line}.`, `Give a line from 1 to ${found.lines.length}.`);
  ctx.app.page('Source', `${header}\n${listingText(found.lines, line, arrow)}`);
}

/** Why the selected frame has no stop line to go back to, if it has none. */
function noStopLine(s: SessionState): string | undefined {
  const notStopped = whenStopped({ session: s });
  if (notStopped) return notStopped;
  const frame = s.selection?.frame;
  if (!frame) return 'no goroutine has a stack yet (the program is at its entry, before the Go runtime starts)';
  return frame.file ? undefined : `${frame.name} has no source (assembly or generated code)`;
}
