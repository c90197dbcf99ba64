/**
 * Source lines as the dlv CLI's `list` prints them (pure): five lines either side of `line`, each
 * `=>` (the stop line) or two spaces, the number right-aligned in four columns, `:` and a tab. A
 * `gotui run` script prints them, where no source pane shows the file (a new user's trial: list printed nothing in gotui run).
 */
export const LIST_CONTEXT = 5;

export function listingText(lines: readonly string[], line: number, arrow: boolean): string {
  const from = Math.max(1, line - LIST_CONTEXT);
  const to = Math.min(lines.length, line + LIST_CONTEXT);
  const out: string[] = [];
  for (let n = from; n <= to; n++) out.push(`${arrow && n === line ? '=>' : '  '}${String(n).padStart(4)}:\t${lines[n - 1]}`);
  return out.join('\n');
}
