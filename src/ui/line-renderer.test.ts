// The line renderer draws a line that fits run by run, in a box as narrow as it can be: a terminal
// (xterm) must show exactly what Ink shows for the whole line at the pane's width, cell by cell,
// character and style.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import xterm from '@xterm/headless';
import { clean, type Row } from '../core/text.js';

// Colours as on a terminal (chalk reads this when Ink loads): without them there is no style to compare.
process.env.FORCE_COLOR = '3';
const { createElement } = await import('react');
const { render } = await import('ink-testing-library');
const { Lines } = await import('./line.js');
const { LineRenderer } = await import('./line-renderer.js');

/** Each cell of `line` as a terminal of `width` columns shows it. */
async function cells(line: string, width: number): Promise<string[]> {
  const term = new xterm.Terminal({ cols: width, rows: 2, allowProposedApi: true });
  await new Promise<void>((resolve) => term.write(`${line}\x1b[0m`, resolve));
  const row = term.buffer.active.getLine(0)!;
  const out: string[] = [];
  for (let x = 0; x < width; x++) {
    const c = row.getCell(x)!;
    // A cell never written and a space written with no style look the same.
    const ch = c.getChars() || ' ';
    const style = [c.getFgColorMode(), c.getFgColor(), c.getBgColorMode(), c.getBgColor(), c.isBold(), c.isDim(), c.isInverse()].join(',');
    out.push(`${ch}|${c.getWidth()}|${ch === ' ' && !c.getBgColorMode() && !c.isInverse() ? '' : style}`);
  }
  term.dispose();
  return out;
}

/** The whole row, made safe as the renderer makes it (tested apart), as Ink draws it at the pane's width. */
function inkWhole(row: Row, width: number): string {
  const safe = row.map((s) => ({ ...s, text: clean(s.text).replace(/\n/g, '^J') }));
  const r = render(createElement(Lines, { rows: [safe], width }));
  const frame = r.lastFrame() ?? '';
  r.unmount();
  return frame.split('\n')[0] ?? '';
}

const ROWS: Row[] = [
  [{ text: '   41  ', color: 'gray' }, { text: '▶', color: 'yellow', bold: true }, { text: ' fmt.Println(report(w, moved)) // gotui:report', color: 'cyan' }],
  [{ text: ' stopped: breakpoint │ stop 7 │ goroutine 1 │ demo orders │ Delve 1.27.1 │ ', backgroundColor: 'yellow', color: 'black', bold: true }, { text: 'c cont  n next  s step  ? help', color: 'gray' }],
  [{ text: 'trailing plain   ' }, { text: 'then red   ', color: 'red' }, { text: '   ' }],
  [{ text: '   ', inverse: true }, { text: '  ' }, { text: '  ', backgroundColor: 'blue' }, { text: 'x' }],
  [{ text: '日本語テキスト 😀 é', backgroundColor: 'blue' }, { text: ' dim ', dim: true }, { text: 'bold+dim', bold: true, dim: true }],
  [{ text: 'tab\there and \x1b[31mescape', color: 'green' }, { text: 'a\nb' }],
  [{ text: 'x'.repeat(120), color: 'red' }, { text: 'cut' }],
  [{ text: '👍🏽🇩🇪1️⃣👨‍👩‍👧 wide at the end 日本', color: 'magenta' }],
  [{ text: '', color: 'red' }, { text: ' ' }, { text: 'after empties', inverse: true }],
  // Runs with no style are their text: wide, joined, marked and tabbed characters among them.
  [{ text: '日本 😀 é e\u0301 👨‍👩‍👧 1️⃣ a\tb ' }, { text: 'x', color: 'red' }, { text: ' 👍🏽 end 日' }],
  // Numbers are drawn digit by digit: next to wide text, inverse, a keycap, at the line's end.
  [{ text: ' stop 1234 │ 0xc000012345 ', color: 'black', backgroundColor: 'yellow' }, { text: '  61', color: 'gray' }, { text: '7日2', inverse: true }, { text: '#️⃣ 1️⃣2 99', bold: true }, { text: '42' }],
];

test('a line drawn run by run shows on a terminal as Ink draws it whole: characters, widths, styles, at every width', async () => {
  const lines = new LineRenderer();
  try {
    for (const width of [7, 20, 40, 80, 200]) {
      for (const row of ROWS) {
        const ours = lines.lines([row], width)[0]!;
        assert.deepEqual(await cells(ours, width), await cells(inkWhole(row, width), width), `width ${width}: ${JSON.stringify(row)}`);
      }
      // All at once, and again from the cache, the same.
      const all = lines.lines(ROWS, width);
      for (const [i, row] of ROWS.entries()) assert.deepEqual(await cells(all[i]!, width), await cells(inkWhole(row, width), width), `width ${width}, together: ${JSON.stringify(row)}`);
    }
  } finally {
    lines.dispose();
  }
});

test('a digit is drawn with the nine others in its style: the next number there needs no render', () => {
  const lines = new LineRenderer();
  try {
    const status = (n: number): Row => [{ text: ` stopped │ stop ${n} │ line ${n * 7}`, color: 'black', backgroundColor: 'red', bold: true }];
    lines.lines([status(4)], 80);
    const renders = lines.renderTimes.length;
    for (const n of [5, 9, 10, 63, 1208]) assert.match(lines.lines([status(n)], 80)[0]!, new RegExp(`stop .*${[...String(n)].join('.*')}`));
    assert.equal(lines.renderTimes.length, renders, 'no render after the first');
  } finally {
    lines.dispose();
  }
});

test('a row given again is its line as drawn before, at the width asked: another width draws it for that width', () => {
  const lines = new LineRenderer();
  try {
    const row: Row = [{ text: '│', color: 'gray' }, { text: 'func report() {', color: 'magenta' }, { text: ' ', backgroundColor: 'blackBright' }];
    const at40 = lines.lines([row], 40)[0]!;
    assert.equal(lines.lines([row], 40)[0], at40);
    // The same text in another row object: the same line.
    assert.equal(lines.lines([row.map((s) => ({ ...s }))], 40)[0], at40);
    const at8 = lines.lines([row], 8)[0]!;
    assert.match(at8.replace(/\x1b\[[0-9;]*m/g, ''), /^│func r…$/);
    assert.equal(lines.lines([row], 40)[0], at40);
  } finally {
    lines.dispose();
  }
});
