/**
 * What a Delve that failed said, in one sentence: its last lines that carry the cause. `go build`
 * and `go test` end a failure with `FAIL`, `exit status 1` and `# pkg` headers, which say nothing
 * of why, so those are left out (the `stat …: directory not found` before them is the news).
 */
export function delveSaid(lines: readonly string[]): string {
  const all = lines.map((l) => l.trim()).filter(Boolean);
  const telling = all.filter((l) => !/^(exit status \d+|FAIL(\s.*)?|# \S+|API server listening at: .*)$/.test(l));
  const said = (telling.length ? telling : all).slice(-3).join(' ');
  return !said || /[.!?]$/.test(said) ? said : `${said}.`;
}
