/** The watches' values as last read in one frame at one stop, by row id (undefined: not readable there). */
export interface Reading {
  stop: number;
  values: ReadonlyMap<number, string | undefined>;
  /** The values read in this frame at an earlier stop: what a mark compares with. */
  before?: ReadonlyMap<number, string | undefined>;
}

/**
 * `values` read at `stop` in a frame last read as `last`. Read again at the same stop (a frame
 * looked at and back, a :set), the baseline stays the earlier stop's, so marks neither vanish nor
 * miss a value set here (at the first stop read, with none earlier, the values first read there
 * are the baseline: trial CC's `e` set a watch unmarked); at a new stop, the last reading is the
 * baseline. Pure.
 */
export function nextReading(last: Reading | undefined, stop: number, values: ReadonlyMap<number, string | undefined>): Reading {
  if (last?.stop === stop) return { stop, values: new Map([...last.values, ...values]), before: last.before ?? last.values };
  return { stop, values: new Map(values), ...(last ? { before: last.values } : {}) };
}

/** Whether row `id`'s value differs from its value at the earlier stop (a row new since then has none to differ from). Pure. */
export function markedChanged(r: Reading, id: number): boolean {
  return !!r.before?.has(id) && r.values.has(id) && r.before.get(id) !== r.values.get(id);
}
