// Seeded fuzz run of test/fuzz/targets/delve.ts inside npm test (bench/fuzz runs 100,000 cases each).
import { fuzzSuite } from './harness.js';
import { delveProperties } from './targets/delve.js';

fuzzSuite(delveProperties);
