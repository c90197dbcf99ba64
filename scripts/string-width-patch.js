// string-width builds its `\p{RGI_Emoji}` pattern when it loads (about 20 ms: thousands of
// sequences) and runs it on every non-ASCII cluster (the borders and ▶ of every frame). A single
// code point without Emoji_Presentation is never an RGI emoji (UTS #51: basic emoji have that
// property; every other RGI emoji is a sequence), so the bundle asks that cheap question first and
// builds the big pattern only when an emoji may be there. And Ink measures every text of every
// frame again (render-node-to-output's widestLine), though a frame mostly repeats the last: the
// bundle remembers the widths of recent texts, and text of characters one cell wide that never
// join into clusters (src/core/narrow.ts: ASCII, box drawing...) is measured by its length. Its Intl.Segmenter (ICU's break data, ~10 ms) is
// made when first needed: text that is all ASCII never needs it. test/integration/bundle.test.ts checks the patched
// module measures like the original.

const RGI = 'const rgiEmojiRegex = /^\\p{RGI_Emoji}$/v;';
const USE = 'if (rgiEmojiRegex.test(segment) ||';
const EXPORT = 'export default function stringWidth(input, options = {}) {';
const SEGMENTER = 'const segmenter = new Intl.Segmenter();';
const SEGMENT = 'for (const {segment} of segmenter.segment(string)) {';

/**
 * string-width's index.js, patched (unchanged when it builds no RGI pattern, as version 7 does);
 * `narrowModule` is the path of src/core/narrow's compiled or source module.
 * throws when it builds one in a way the patch was not written for.
 */
export function patchStringWidth(source, narrowModule) {
  if (!/=\s*\/\^?\\p\{RGI_Emoji\}/.test(source)) return source;
  if (![RGI, USE, EXPORT, SEGMENTER, SEGMENT].every((anchor) => source.includes(anchor))) {
    throw new Error('string-width changed: scripts/string-width-patch.js no longer applies (drop it, or write it again for the new version).');
  }
  const lazy = `let rgiEmojiRegex;
const emojiPresentationRegex = /\\p{Emoji_Presentation}/u;
function isRgiEmoji(segment) {
	const single = segment.length === 1 || (segment.length === 2 && segment.codePointAt(0) > 0xffff);
	if (single && !emojiPresentationRegex.test(segment)) return false;
	rgiEmojiRegex ??= new RegExp('^\\\\p{RGI_Emoji}$', 'v');
	return rgiEmojiRegex.test(segment);
}`;
  // Functions as replacements: the pattern's `$` must not be read as a replacement token.
  const memo = `import { NARROW } from ${JSON.stringify(narrowModule)};
const widths = new Map();
export default function stringWidth(input, options) {
	if (options !== undefined || typeof input !== 'string') return measure(input, options);
	if (NARROW.test(input)) return input.length;
	if (input.length > 1024) return measure(input);
	let width = widths.get(input);
	if (width === undefined) {
		width = measure(input);
		if (widths.size >= 4096) widths.clear();
		widths.set(input, width);
	}
	return width;
}

function measure(input, options = {}) {`;
  return source
    .replace(RGI, () => lazy)
    .replace(USE, () => 'if (isRgiEmoji(segment) ||')
    .replace(EXPORT, () => memo)
    .replace(SEGMENTER, () => 'let segmenter;')
    .replace(SEGMENT, () => `segmenter ??= new Intl.Segmenter();\n\t${SEGMENT}`);
}
