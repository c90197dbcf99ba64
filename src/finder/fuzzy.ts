/**
 * Fuzzy matching as editors' Ctrl-P does it: the query's characters appear in order in the
 * candidate (case-insensitive), and matches that run together, start a word (after `.`, `/`, `(`,
 * `*`, `_`), make a whole word of it, or fall in the last element of a name (the function, not its
 * package path) rank first.
 */
export interface Match {
  text: string;
  score: number;
  /** The score but for the name's length: equal for equally good matches of names long and short. */
  quality: number;
  /** Indexes of the matched characters, for highlighting. */
  positions: number[];
}

const BOUNDARY = new Set(['.', '/', '(', ')', '*', '_', '-', ' ']);
/** Starts tried per candidate (each costs a scan of the candidate). */
const MAX_STARTS = 64;

/** The score of `candidate` for `query` (lower-cased already), undefined when it does not match. */
export function fuzzyScore(query: string, candidate: string): Match | undefined {
  if (!query) return { text: candidate, score: 0, quality: 0, positions: [] };
  // Lower-cased character by character where that keeps the length ('İ' lower-cases to two
  // units), so positions index the candidate itself.
  const whole = candidate.toLowerCase();
  const lower = whole.length === candidate.length ? whole : Array.from(candidate, (ch) => (ch.toLowerCase().length === ch.length ? ch.toLowerCase() : ch)).join('');
  // Quick reject: every query character must occur, in order.
  let at = -1;
  for (const ch of query) {
    at = lower.indexOf(ch, at + 1);
    if (at < 0) return undefined;
  }
  // Greedy from the best start: try each occurrence of the first character, keep the best run.
  const tail = Math.max(candidate.lastIndexOf('/'), 0);
  const lastDot = candidate.indexOf('.', tail);
  let best: Match | undefined;
  // Bounded: a long name (a generic instantiation) holding the first letter thousands of times
  // would cost a scan per start; the best runs start among the first ones tried.
  let tries = 0;
  for (let start = lower.indexOf(query[0]!); start >= 0 && tries++ < MAX_STARTS; start = lower.indexOf(query[0]!, start + 1)) {
    const positions: number[] = [];
    let score = 0;
    let i = start;
    let rest = true;
    for (const ch of query) {
      const j = lower.indexOf(ch, i);
      if (j < 0) {
        rest = false;
        break;
      }
      const prev = positions.at(-1);
      if (prev !== undefined && j === prev + 1) score += 15;
      else if (prev !== undefined) score -= Math.min(10, j - prev);
      if (j === 0 || BOUNDARY.has(candidate[j - 1]!)) score += 10;
      // camelCase hump, inside a word: a capital after `.` starts a word, counted above (trial CG: atomic.Store
      // ranked before main.store for `Store`).
      if (candidate[j] !== lower[j] && j > 0 && /\p{Ll}/u.test(candidate[j - 1]!)) score += 5;
      if (j > lastDot) score += 3;
      positions.push(j);
      i = j + 1;
    }
    // Not found after this start: not after any later one either.
    if (!rest) break;
    if (candidate.slice(positions[0]!, positions.at(-1)! + 1).toLowerCase() === query) {
      score += 20;
      // A whole word (`fmt` in fmt.Println, not in time.fmtInt): what a package's or a function's name was typed for.
      const after = candidate[positions.at(-1)! + 1];
      if (after === undefined || BOUNDARY.has(after)) score += 10;
    }
    // Compact matches in short names win: `main.process` before `main.processAll`, and before a
    // generic instantiation's long name that happens to hold the letters here and there.
    const quality = score - (positions.at(-1)! - positions[0]! + 1 - query.length) / 2;
    score = quality - candidate.length / 20;
    if (!best || score > best.score) best = { text: candidate, score, quality, positions };
    if (start > lower.length - query.length) break;
  }
  return best;
}

/** The `limit` best matches of `query` in `candidates`, best first. */
export function fuzzyFilter(query: string, candidates: readonly string[], limit: number): Match[] {
  const q = query.toLowerCase().replace(/\s+/g, '');
  const out: Match[] = [];
  for (const c of candidates) {
    const m = fuzzyScore(q, c);
    if (!m) continue;
    if (out.length < limit) {
      out.push(m);
      if (out.length === limit) out.sort((a, b) => b.score - a.score);
    } else if (m.score > out[limit - 1]!.score) {
      // Keep the best `limit`: insert in order, drop the worst.
      let i = limit - 1;
      while (i > 0 && out[i - 1]!.score < m.score) i--;
      out.splice(i, 0, m);
      out.pop();
    }
  }
  return out.length < limit ? out.sort((a, b) => b.score - a.score) : out;
}
