import path from 'node:path';
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

/** How many of a failed build's errors are shown (go build itself stops at ten per package). */
const BUILD_ERRORS_SHOWN = 10;

/**
 * go build's errors among Delve's lines (`../../cart/cart.go:44:14: undefined: x`), each on its own
 * line as go build prints them, its path made relative to `here` (Delve builds in the package's
 * folder, `builtIn`: trial X got paths relative to cmd/shop, joined on one line); [] when none.
 */
export function buildErrors(lines: readonly string[], builtIn: string, here: string): string[] {
  const out: string[] = [];
  for (const l of lines) {
    const m = /^(\S+\.go):(\d+(?::\d+)?: .*)$/.exec(l.trim());
    if (m) out.push(`${path.relative(here, path.resolve(builtIn, m[1]!)) || m[1]}:${m[2]}`);
  }
  return out.length > BUILD_ERRORS_SHOWN ? [...out.slice(0, BUILD_ERRORS_SHOWN), `… and ${out.length - BUILD_ERRORS_SHOWN} more`] : out;
}

/**
 * Delve's text without the Go stack a panic it recovered from appends (`... (recovered)\ngoroutine
 * 6537 [running]:\nruntime/debug.Stack()...`): the first line says what failed; forty more are no
 * help to the user.
 */
export function withoutGoStack(text: string): string {
  const at = text.search(/\n\s*goroutine \d+ \[/);
  return at < 0 ? text : text.slice(0, at).replace(/\s*\(recovered\)\s*$/, '').trim();
}

/** Delve's DAP words without the prefix it puts before an evaluation's or a set's error ("Unable to evaluate expression: "). */
export function delveMessage(message: string): string {
  return message.replace(/^(Unable to evaluate expression|Unable to set variable|Unable to lookup variable|unable to evaluate):?\s*/i, '').replace(/\.$/, '');
}

/**
 * Delve's words for a package name it cannot find, `package main has no function greeting`, also
 * said of a variable the linker left out (trial CI: `&main.greeting`, an unused string, read as a
 * missing function; the dlv CLI's print says `could not find symbol`). Pure.
 */
export function missingNameWords(message: string): string {
  return message.replace(/^package (\S+) has no function (\w+)$/, 'package $1 has no variable or function $2 (the linker leaves out package variables the program never uses)');
}

/** A number as Delve's DAP writes one (`11`, `0xc000…`, `956397711104 = 0xdeadbeef00`), or undefined. Pure. */
export function readNumber(text: string | undefined): bigint | undefined {
  const m = /^(\d+|0x[0-9a-f]+)(?: = 0x[0-9a-f]+)?$/i.exec(text?.trim() ?? '');
  return m ? BigInt(m[1]!) : undefined;
}
