/**
 * Text of characters one cell wide each that never join a neighbour into one grapheme cluster:
 * printable ASCII, Latin letters, punctuation, arrows, box drawing and the shapes gotui draws with
 * (but not the soft hyphen, zero cells, nor ◽ ◾, emoji two cells wide). Such text is as wide as
 * it is long. Shared by text.ts and the bundle's string-width (scripts/string-width-patch.js).
 */
export const NARROW = /^[\x20-\x7e\u00a0-\u00ac\u00ae-\u02ff\u2010-\u2027\u2030-\u205e\u2190-\u21ff\u2500-\u25fc\u25ff]*$/;

/** A character outside NARROW, in Go's regexp syntax (Delve's filters): a path with one may show otherwise than it is named. */
export const NOT_NARROW_GO = '[^\\x20-\\x7e\\x{a0}-\\x{ac}\\x{ae}-\\x{2ff}\\x{2010}-\\x{2027}\\x{2030}-\\x{205e}\\x{2190}-\\x{21ff}\\x{2500}-\\x{25fc}\\x{25ff}]';
