// Seeded fuzz run of test/fuzz/targets/bpf.ts inside npm test (bench/fuzz runs 100,000 cases each).
import { fuzzSuite } from './harness.js';
import { bpfProperties } from './targets/bpf.js';

fuzzSuite(bpfProperties);
