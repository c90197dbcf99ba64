// Every fuzz property, for bench/fuzz.
import type { FuzzProperty } from '../harness.js';
import { bpfProperties } from './bpf.js';
import { cliProperties } from './cli.js';
import { commandProperties } from './commands.js';
import { dapProperties } from './dap.js';
import { featureProperties } from './features.js';
import { delveProperties } from './delve.js';
import { memoryProperties } from './memory.js';
import { screenProperties } from './screen.js';
import { valueProperties } from './values.js';

export const ALL_PROPERTIES: readonly FuzzProperty[] = [...dapProperties, ...delveProperties, ...bpfProperties, ...memoryProperties, ...commandProperties, ...cliProperties, ...valueProperties, ...screenProperties, ...featureProperties];
