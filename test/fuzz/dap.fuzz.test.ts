// Seeded fuzz run of test/fuzz/targets/dap.ts inside npm test (bench/fuzz runs 100,000 cases each).
import { fuzzSuite } from './harness.js';
import { dapProperties } from './targets/dap.js';

fuzzSuite(dapProperties);
