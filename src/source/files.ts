import fs from 'node:fs';
import { Listeners } from '../core/store.js';
import { describeError } from '../errors.js';
import { lexFile, type Token } from './go-lexer.js';
import { toDelve, toLocal, type SubstituteRule } from './substitute.js';

export interface SourceFile {
  /** The path Delve knows the file by (breakpoints and stops use it). */
  path: string;
  /** Where the text was read: a path here, or `host:/path` for a file read over SSH. */
  shownAs: string;
  /** How it was found. */
  origin?: 'local' | 'mapped' | 'remote';
  lines: string[];
  tokens: Token[][];
  /** Why the file cannot be shown (remote target, moved file), when it cannot. */
  missing?: string;
  /** Still being looked for (a guess or a read over SSH in flight). */
  loading?: boolean;
  /** Changed after the program's binary was written (gdb: "Source file is more recent than executable"). */
  newer?: boolean;
}

/** Reads files on the target's host, read-only (over the session's SSH connection). */
export interface RemoteFiles {
  /** The host's name, for titles: `host:/path`. */
  readonly name: string;
  /** The file's text; throws one sentence when it is missing, unreadable or too big. */
  read(path: string): Promise<string>;
}

export interface SourceFinderOptions {
  /** Rules from --substitute-path and the project's config file. */
  rules?: SubstituteRule[];
  /** The target's host, when it is reached through SSH. */
  remote?: RemoteFiles;
  /** Guesses rules from the local module (asked once, when a file is first missing); undefined: cannot ask now. */
  guess?: () => Promise<SubstituteRule[] | undefined>;
  /** When the program's binary was written (ms), when it is on this machine. */
  builtAt?: () => number | undefined;
}

/**
 * Finds the files Delve names, in this order: the user's substitute-path rules; the path as it is;
 * rules guessed from the local module; and for a target reached through SSH, the file on its host.
 * Each file is read and highlighted once. Lookups that take time (a guess, a read over SSH) answer
 * `loading` at once and notify when the file is there.
 */
export class SourceFinder {
  private userRules: SubstituteRule[];
  private guessed: SubstituteRule[] | undefined;
  private guessing: Promise<void> | undefined;
  /** The guess could not be asked (the target was running): try again at the next stop. */
  private guessLater = false;
  private readonly found = new Map<string, SourceFile>();
  private readonly localText = new Map<string, SourceFile>();
  private readonly fetching = new Map<string, Promise<void>>();
  private readonly listeners = new Listeners();
  readonly subscribe = this.listeners.subscribe;
  version = 0;

  constructor(private readonly opts: SourceFinderOptions = {}) {
    this.userRules = [...(opts.rules ?? [])];
  }

  get remote(): RemoteFiles | undefined {
    return this.opts.remote;
  }

  /** The rules in force: the user's first, then the guessed ones. */
  rules(): readonly SubstituteRule[] {
    return [...this.userRules, ...(this.guessed ?? [])];
  }

  addRule(rule: SubstituteRule): void {
    this.userRules = [...this.userRules.filter((r) => r.from !== rule.from), rule];
    this.changed(true);
  }

  /** Drops the user's rules (and the guess, which is made again when a file is missing). */
  clearRules(): number {
    const n = this.userRules.length + (this.guessed?.length ?? 0);
    this.userRules = [];
    this.guessed = undefined;
    this.guessing = undefined;
    this.changed(true);
    return n;
  }

  /** A new process (a restart, a rebuild): files here are read again, and compared with its binary. */
  reread(): void {
    this.found.clear();
    this.localText.clear();
    this.changed(false);
  }

  /** At a stop: a guess that could not be asked before is asked when a file is missing. */
  retryLater(): void {
    if (!this.guessLater) return;
    this.guessLater = false;
    this.found.clear();
  }

  /** The file Delve calls `path`, as found now (maybe `loading`). */
  get(path: string): SourceFile {
    const hit = this.found.get(path);
    if (hit) return hit;
    const file = this.resolve(path);
    if (!file.loading) this.found.set(path, file);
    return file;
  }

  /** Resolves once the file is found or known missing (for commands and tests). */
  async load(path: string): Promise<SourceFile> {
    for (;;) {
      const f = this.get(path);
      if (!f.loading) return f;
      await Promise.all([this.guessing, this.fetching.get(path)]);
    }
  }

  /** Where the file Delve calls `path` is read from here: a local path, or undefined (remote or missing). */
  localPathOf(path: string): string | undefined {
    const f = this.get(path);
    return f.origin === 'local' || f.origin === 'mapped' ? f.shownAs : undefined;
  }

  /** A path typed by the user, in Delve's terms: a mapped local file goes back to the path Delve knows. */
  toDelve(localPath: string): string {
    return toDelve(localPath, this.rules()) ?? localPath;
  }

  /** Where the file Delve calls `path` would be read from, without reading anything (for `:sources`). */
  where(path: string): string {
    const mapped = toLocal(path, this.userRules);
    if (mapped && exists(mapped)) return mapped;
    if (exists(path)) return 'here';
    const guessed = toLocal(path, this.guessed ?? []);
    if (guessed && exists(guessed)) return `${guessed} (guessed)`;
    return this.opts.remote ? `on ${this.opts.remote.name} (read over SSH when shown)` : 'not here';
  }

  private resolve(path: string): SourceFile {
    const mapped = toLocal(path, this.userRules);
    if (mapped && exists(mapped)) return this.readLocal(path, mapped, 'mapped');
    if (exists(path)) return this.readLocal(path, path, 'local');
    if (this.opts.guess && this.guessed === undefined && !this.guessLater) {
      this.guessing ??= this.opts
        .guess()
        .catch(() => [])
        .then((rules) => {
          this.guessing = undefined;
          if (rules) this.guessed = rules;
          else this.guessLater = true;
          this.changed(true);
        });
      return placeholder(path, 'Looking for the source…');
    }
    const guessed = toLocal(path, this.guessed ?? []);
    if (guessed && exists(guessed)) return this.readLocal(path, guessed, 'mapped');
    const remote = this.opts.remote;
    if (remote) {
      const shownAs = `${remote.name}:${path}`;
      if (!this.fetching.has(path)) {
        this.fetching.set(
          path,
          remote.read(path).then(
            (text) => {
              this.found.set(path, { path, shownAs, origin: 'remote', ...lexText(text) });
              this.changed(false);
            },
            (err) => {
              this.found.set(path, { path, shownAs, lines: [], tokens: [], missing: describeError(err) });
              this.changed(false);
            },
          ),
        );
      }
      return placeholder(path, `Reading ${shownAs} over SSH…`, shownAs);
    }
    return {
      path,
      shownAs: path,
      lines: [],
      tokens: [],
      missing: `${path} is not on this machine (the target was built elsewhere). Map it with :substitute-path FROM TO, or attach through SSH (user@host:PORT) to read it from the target's host.`,
    };
  }

  private readLocal(path: string, local: string, origin: 'local' | 'mapped'): SourceFile {
    let text = this.localText.get(local);
    if (!text) {
      try {
        text = { path, shownAs: local, origin, ...lexText(fs.readFileSync(local, 'utf8')), ...(this.newerThanBuild(local) ? { newer: true } : {}) };
      } catch (err) {
        text = { path, shownAs: local, lines: [], tokens: [], missing: `${local} cannot be read (${(err as NodeJS.ErrnoException).code}).` };
      }
      this.localText.set(local, text);
    }
    return { ...text, path, origin: text.missing ? undefined : origin } as SourceFile;
  }

  /** In whole seconds, as gdb compares them: a file saved in the second of the build is not said. */
  private newerThanBuild(local: string): boolean {
    const built = this.opts.builtAt?.();
    return built !== undefined && Math.floor(fs.statSync(local).mtimeMs / 1000) > Math.floor(built / 1000);
  }

  /** Rules changed: every file is looked for again (text read over SSH stays cached by the host). */
  private changed(rulesChanged: boolean): void {
    if (rulesChanged) {
      this.found.clear();
      this.fetching.clear();
    }
    this.version++;
    this.listeners.notify();
  }
}

function placeholder(path: string, why: string, shownAs = path): SourceFile {
  return { path, shownAs, lines: [], tokens: [], loading: true, missing: why };
}

function exists(p: string): boolean {
  try {
    return fs.statSync(p).isFile();
  } catch {
    return false;
  }
}

function lexText(text: string): { lines: string[]; tokens: Token[][] } {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return { lines, tokens: lexFile(lines) };
}
