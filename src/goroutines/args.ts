import { UserError } from '../errors.js';
import { nearestNames } from '../core/text.js';
import type { GoroutineFieldName, GoroutineFilter, Grouping, ShownLocation } from './model.js';

/** What `goroutines ...` asks for, in the dlv CLI's own spelling (pkg/terminal/command.go, service/api/command.go). */
export interface GoroutinesArgs {
  /** Omitted when the command names no -group: the pane keeps grouping by its current key. */
  grouping?: Grouping;
  filters: GoroutineFilter[];
  show?: ShownLocation;
}

const FIELDS: readonly GoroutineFieldName[] = ['userloc', 'curloc', 'goloc', 'startloc', 'label', 'running', 'user'];
const SHOW: Record<string, ShownLocation> = { '-u': 'user', '-r': 'current', '-g': 'go', '-s': 'start' };
const USAGE = 'Use goroutines [-group KEY] [-with FILTER] [-without FILTER] [-u|-r|-g|-s].';
const KEY_HINT = 'KEY is userloc, curloc, goloc, startloc, running, user, label NAME, or chan (the channel each waits on).';
const FILTER_HINT =
  'FILTER is userloc|curloc|goloc|startloc TEXT (a substring of "file:line in function"), label KEY or label KEY=VALUE, running, or user.';

/**
 * Parses the arguments of dlv's `goroutines` command (the leading `goroutines`/`grs` is optional).
 * Like dlv, words are split on spaces, so a location text cannot contain one, and a later -group wins.
 */
export function parseGoroutinesArgs(text: string): GoroutinesArgs {
  const words = text.trim().split(/\s+/).filter(Boolean);
  if (words[0] === 'goroutines' || words[0] === 'grs') words.shift();
  const out: GoroutinesArgs = { filters: [] };
  for (let i = 0; i < words.length; i++) {
    const w = words[i]!;
    if (w in SHOW) {
      out.show = SHOW[w]!;
      continue;
    }
    switch (w) {
      case '-group': {
        // gotui's own key: the channel each goroutine waits on.
        if (words[i + 1] === 'chan') {
          out.grouping = { by: 'chan' };
          i++;
          break;
        }
        const by = field(words[i + 1], '-group', KEY_HINT);
        i++;
        if (by === 'label') {
          const key = words[i + 1];
          if (!key) throw new UserError('-group label needs the label key to group by.', 'For example: goroutines -group label worker');
          i++;
          out.grouping = { by, labelKey: key };
        } else {
          out.grouping = { by };
        }
        break;
      }
      case '-w':
      case '-with':
      case '-wo':
      case '-without': {
        const negated = w === '-wo' || w === '-without';
        const f = field(words[i + 1], w, FILTER_HINT);
        i++;
        if (f === 'running' || f === 'user') {
          out.filters.push({ field: f, arg: '', negated });
          break;
        }
        const arg = words[i + 1];
        if (!arg) {
          throw new UserError(
            `${w} ${f} needs ${f === 'label' ? 'a label key or key=value' : 'a text to look for'}.`,
            f === 'label' ? 'For example: -with label worker=recv' : 'Locations match as substrings of "file:line in function", e.g. -with userloc main.go:42',
          );
        }
        i++;
        out.filters.push({ field: f, arg, negated });
        break;
      }
      case '-t':
      case '-l':
      case '-exec':
      case '-chan':
        throw new UserError(`${w} is a dlv CLI option that the goroutines pane does not take.`, 'Open a group, then a goroutine, to see its stack and labels.');
      default:
        throw new UserError(`'${w}' is not an option of goroutines.`, USAGE);
    }
  }
  return out;
}

function field(word: string | undefined, after: string, hint: string): GoroutineFieldName {
  if (!word) throw new UserError(`${after} needs an argument.`, hint);
  if (!(FIELDS as readonly string[]).includes(word)) {
    // A typo of a key gets the key (trial AQ: `-group usrloc` had only the list).
    const near = nearestNames(word, after === '-group' ? [...FIELDS, 'chan'] : FIELDS, 1)[0];
    throw new UserError(`'${word}' after ${after} is not something goroutines know${near ? `: did you mean ${near}?` : '.'}`, hint);
  }
  return word as GoroutineFieldName;
}

/** The query back in dlv's spelling (for the status line, and to run the same thing in the dlv CLI). */
export function formatGoroutinesArgs(a: { grouping?: Grouping; filters: GoroutineFilter[] }): string {
  const parts: string[] = [];
  if (a.grouping) parts.push(`-group ${a.grouping.by}${a.grouping.by === 'label' ? ` ${a.grouping.labelKey ?? ''}` : ''}`);
  for (const f of a.filters) parts.push(`${f.negated ? '-without' : '-with'} ${f.field}${f.arg ? ` ${f.arg}` : ''}`);
  return parts.join(' ');
}
