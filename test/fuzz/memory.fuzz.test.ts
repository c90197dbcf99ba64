// Seeded fuzz run of test/fuzz/targets/memory.ts inside npm test (bench/fuzz runs 100,000 cases each).
import { fuzzSuite } from './harness.js';
import { memoryProperties } from './targets/memory.js';

fuzzSuite(memoryProperties);
