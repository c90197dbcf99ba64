// Seeded fuzz run of test/fuzz/targets/features.ts inside npm test (bench/fuzz runs 100,000 cases each).
import { fuzzSuite } from './harness.js';
import { featureProperties } from './targets/features.js';

fuzzSuite(featureProperties);
