import path from 'node:path';
import { UserError } from '../errors.js';
import { repoRoot } from '../paths.js';

/** A Go program in demos/, built and debugged by `gotui demo NAME` and by the tests. */
export interface Demo {
  name: string;
  /** Its folder, relative to the repository root. */
  folder: string;
  description: string;
  /** Arguments `gotui demo NAME` passes when the user gives none. */
  defaultArgs: readonly string[];
  /** Built with CGO_ENABLED=1; needs a C compiler. */
  cgo: boolean;
  /** The `// gotui:NAME` marker comments its sources declare, each on exactly one line. */
  markers: readonly string[];
}

export const DEMOS: readonly Demo[] = [
  {
    name: 'orders',
    folder: 'demos/orders',
    description: 'A small service that totals an order every 300ms and prints it: breakpoints, stepping, structs, maps, lazy loading.',
    defaultArgs: [],
    cgo: false,
    markers: ['gotui:new-order', 'gotui:loop', 'gotui:print', 'gotui:item', 'gotui:process', 'gotui:discount', 'gotui:format'],
  },
  {
    name: 'flags-hot-reload',
    folder: 'demos/flags-hot-reload',
    description: 'A service driven by flags (flag.CommandLine, its own debug FlagSet re-read on SIGHUP, and spf13/pflag): edit them live.',
    defaultArgs: ['-log-level', 'debug'],
    cgo: false,
    markers: ['gotui:tick', 'gotui:render', 'gotui:init'],
  },
  {
    name: 'cgo-slice',
    folder: 'demos/cgo-slice',
    description: 'C keeps a pointer into a Go array and writes past it, corrupting a slice header: a SIGSEGV to inspect in memory.',
    defaultArgs: [],
    cgo: true,
    markers: ['gotui:before-scribble', 'gotui:use', 'gotui:scribble', 'gotui:c-fault'],
  },
  {
    name: 'goroutine-leak',
    folder: 'demos/goroutine-leak',
    description: 'A service leaking goroutines blocked on channels at three sites, growing every 200ms; -burst N adds N at start.',
    defaultArgs: ['-burst', '1000'],
    cgo: false,
    markers: ['gotui:tick', 'gotui:leak-receive', 'gotui:leak-send', 'gotui:leak-select', 'gotui:worker'],
  },
  {
    name: 'inventory',
    folder: 'demos/inventory',
    description: 'A warehouse service in two files: step from main.go into stock.go, collections around Delve\'s 64-element limit, a 200-frame recursion, 32 idle workers, a 3 s call, hostile output (-hostile).',
    defaultArgs: [],
    cgo: false,
    markers: ['gotui:round', 'gotui:restock', 'gotui:report', 'gotui:slow', 'gotui:sleep', 'gotui:collections', 'gotui:bottom', 'gotui:restock-body', 'gotui:restock-return'],
  },
  {
    name: 'machine',
    folder: 'demos/machine',
    description: 'The machine level: C strings behind cgo pointers and a C global, floats in SSE registers and the x87 stack, a cut UTF-8 sequence, a buffered channel with waiting senders.',
    defaultArgs: [],
    cgo: true,
    markers: ['gotui:floats', 'gotui:print'],
  },
  {
    name: 'pipeline',
    folder: 'demos/pipeline',
    description: 'Producers fill a buffered channel a slow consumer drains; watchers wait on a channel nobody closes; a counter to watch; tests to debug (gotui test).',
    defaultArgs: [],
    cgo: false,
    markers: ['gotui:take', 'gotui:send', 'gotui:idle', 'gotui:count', 'gotui:test-consume', 'gotui:test-order', 'gotui:job-string'],
  },
];

/** The demo called name; a UserError naming the others if there is none. */
export function getDemo(name: string): Demo {
  const demo = DEMOS.find((d) => d.name === name);
  if (!demo) {
    throw new UserError(`There is no demo called "${name}".`, `Demos: ${DEMOS.map((d) => d.name).join(', ')}.`);
  }
  return demo;
}

/** The demo's folder, absolute. */
export function demoDir(demo: Demo): string {
  return path.join(repoRoot, demo.folder);
}

/** Where buildDemo puts the demo's binary: demos/NAME/bin/NAME. */
export function demoBinary(demo: Demo): string {
  return path.join(demoDir(demo), 'bin', demo.name);
}
