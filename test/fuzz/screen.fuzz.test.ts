// Seeded fuzz run of test/fuzz/targets/screen.ts inside npm test (bench/fuzz runs 100,000 cases each).
import { fuzzSuite } from './harness.js';
import { screenProperties } from './targets/screen.js';

fuzzSuite(screenProperties);
