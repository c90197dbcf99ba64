// Seeded fuzz run of test/fuzz/targets/cli.ts inside npm test (bench/fuzz runs 100,000 cases each).
import { fuzzSuite } from './harness.js';
import { cliProperties } from './targets/cli.js';

fuzzSuite(cliProperties);
