/* Reading what gotui's screen claims (tmux captures), for end-to-end tests. */

/** What the source pane claims: its file (title), the ▶ line and the cursor line (the title's N/M). */
export function sourcePane(screen: string): { file?: string; cursor?: number; stop?: number } {
  const lines = screen.split('\n');
  const title = /^┌─ 1 Source (\S+) · (\d+)\/\d+/.exec(lines[0] ?? '');
  let stop: number | undefined;
  for (const l of lines) {
    const m = /^│.▶\s*(\d+) /.exec(l);
    if (m) stop = Number(m[1]);
  }
  return { ...(title ? { file: title[1], cursor: Number(title[2]) } : {}), ...(stop !== undefined ? { stop } : {}) };
}

/** The stack pane's selected frame (▶ N func file:line) from the right column. */
export function stackSelection(screen: string): { index: number; func: string; line: number } | undefined {
  for (const l of screen.split('\n')) {
    const right = l.slice(l.lastIndexOf('││') + 2);
    const m = /^▶\s*(\d+) (\S+)\s+\S+?:(\d+)/.exec(right);
    if (m) return { index: Number(m[1]), func: m[2]!, line: Number(m[3]) };
  }
  return undefined;
}
