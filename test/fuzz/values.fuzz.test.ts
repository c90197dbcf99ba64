// Seeded fuzz run of test/fuzz/targets/values.ts inside npm test (bench/fuzz runs 100,000 cases each).
import { fuzzSuite } from './harness.js';
import { valueProperties } from './targets/values.js';

fuzzSuite(valueProperties);
