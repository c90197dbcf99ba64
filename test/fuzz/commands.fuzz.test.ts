// Seeded fuzz run of test/fuzz/targets/commands.ts inside npm test (bench/fuzz runs 100,000 cases each).
import { fuzzSuite } from './harness.js';
import { commandProperties } from './targets/commands.js';

fuzzSuite(commandProperties);
