import path from 'node:path';
import { repoRoot } from '../../src/paths.js';

/** An older Delve the tests run gotui against: no readMemory (1.26.0), no `dlv x` (1.26.2), older than Go 1.26. */
export const OLD_DELVE = 'v1.25.2';
export const oldDelvePath = path.join(repoRoot, '.tools', 'old', 'dlv');
