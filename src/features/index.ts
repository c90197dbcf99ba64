/**
 * Every pane of gotui, in the order of the digits that focus them. The screen's panes, the keymap,
 * the command registry, help and Tab completion are all built from this list: a new pane is a
 * folder exporting one Feature, and one line here.
 */
import { bpfFeature } from '../bpf/feature.js';
import { breakpointsFeature } from '../breakpoints/feature.js';
import { consoleFeature } from '../console/feature.js';
import { disasmFeature } from '../disasm/feature.js';
import { finderFeature } from '../finder/feature.js';
import { flagsFeature } from '../flags/feature.js';
import { goroutinesFeature } from '../goroutines/feature.js';
import { logpointsFeature } from '../logpoints/feature.js';
import { memoryFeature } from '../memory/feature.js';
import { registersFeature } from '../registers/feature.js';
import { sourceFeature } from '../source/feature.js';
import { stackFeature } from '../stack/feature.js';
import { variablesFeature } from '../variables/feature.js';
import { watchFeature } from '../watch/feature.js';
import type { Feature } from './types.js';

export const FEATURES: readonly Feature[] = [sourceFeature, goroutinesFeature, stackFeature, variablesFeature, consoleFeature, registersFeature, memoryFeature, flagsFeature, bpfFeature, breakpointsFeature, logpointsFeature, watchFeature, finderFeature, disasmFeature] as Feature[];

export function findFeature(id: string): Feature | undefined {
  return FEATURES.find((f) => f.id === id);
}
