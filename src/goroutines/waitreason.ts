/*
 * The runtime's wait reasons by number, per Go version (the runtime renumbered them in 1.20, 1.22,
 * 1.24, 1.25 and 1.26). Copied from Delve v1.27.1 service/api/waitreason.go; the 1.26 order was
 * checked against go1.26.8's runtime/runtime2.go. Index 0 (no reason) is left out: entry i is reason i+1.
 */
const GO_1_18: readonly string[] = ['GC assist marking', 'IO wait', 'chan receive (nil chan)', 'chan send (nil chan)', 'dumping heap', 'garbage collection', 'garbage collection scan', 'panicwait', 'select', 'select (no cases)', 'GC assist wait', 'GC sweep wait', 'GC scavenge wait', 'chan receive', 'chan send', 'finalizer wait', 'force gc (idle)', 'semacquire', 'sleep', 'sync.Cond.Wait', 'timer goroutine (idle)', 'trace reader (blocked)', 'wait for GC cycle', 'GC worker (idle)', 'preempted', 'debug call'];
const GO_1_20: readonly string[] = ['GC assist marking', 'IO wait', 'chan receive (nil chan)', 'chan send (nil chan)', 'dumping heap', 'garbage collection', 'garbage collection scan', 'panicwait', 'select', 'select (no cases)', 'GC assist wait', 'GC sweep wait', 'GC scavenge wait', 'chan receive', 'chan send', 'finalizer wait', 'force gc (idle)', 'semacquire', 'sleep', 'sync.Cond.Wait', 'sync.Mutex.Lock', 'sync.RWMutex.RLock', 'sync.RWMutex.Lock', 'trace reader (blocked)', 'wait for GC cycle', 'GC worker (idle)', 'GC worker (active)', 'preempted', 'debug call', 'GC mark termination', 'stopping the world'];
const GO_1_22: readonly string[] = ['GC assist marking', 'IO wait', 'chan receive (nil chan)', 'chan send (nil chan)', 'dumping heap', 'garbage collection', 'garbage collection scan', 'panicwait', 'select', 'select (no cases)', 'GC assist wait', 'GC sweep wait', 'GC scavenge wait', 'chan receive', 'chan send', 'finalizer wait', 'force gc (idle)', 'semacquire', 'sleep', 'sync.Cond.Wait', 'sync.Mutex.Lock', 'sync.RWMutex.RLock', 'sync.RWMutex.Lock', 'trace reader (blocked)', 'wait for GC cycle', 'GC worker (idle)', 'GC worker (active)', 'preempted', 'debug call', 'GC mark termination', 'stopping the world', 'flushing proc caches', 'trace goroutine status', 'trace proc status', 'page trace flush', 'coroutine'];
const GO_1_24: readonly string[] = ['GC assist marking', 'IO wait', 'chan receive (nil chan)', 'chan send (nil chan)', 'dumping heap', 'garbage collection', 'garbage collection scan', 'panicwait', 'select', 'select (no cases)', 'GC assist wait', 'GC sweep wait', 'GC scavenge wait', 'chan receive', 'chan send', 'finalizer wait', 'force gc (idle)', 'semacquire', 'sleep', 'sync.Cond.Wait', 'sync.Mutex.Lock', 'sync.RWMutex.RLock', 'sync.RWMutex.Lock', 'sync.WaitGroup.Wait', 'trace reader (blocked)', 'wait for GC cycle', 'GC worker (idle)', 'GC worker (active)', 'preempted', 'debug call', 'GC mark termination', 'stopping the world', 'flushing proc caches', 'trace goroutine status', 'trace proc status', 'page trace flush', 'coroutine', 'GC weak to strong wait', 'synctest.Run', 'synctest.Wait', 'chan receive (synctest)', 'chan send (synctest)'];
const GO_1_25: readonly string[] = ['GC assist marking', 'IO wait', 'chan receive (nil chan)', 'chan send (nil chan)', 'dumping heap', 'garbage collection', 'garbage collection scan', 'panicwait', 'select', 'select (no cases)', 'GC assist wait', 'GC sweep wait', 'GC scavenge wait', 'chan receive', 'chan send', 'finalizer wait', 'force gc (idle)', 'GOMAXPROCS updater (idle)', 'semacquire', 'sleep', 'sync.Cond.Wait', 'sync.Mutex.Lock', 'sync.RWMutex.RLock', 'sync.RWMutex.Lock', 'sync.WaitGroup.Wait', 'trace reader (blocked)', 'wait for GC cycle', 'GC worker (idle)', 'GC worker (active)', 'preempted', 'debug call', 'GC mark termination', 'stopping the world', 'flushing proc caches', 'trace goroutine status', 'trace proc status', 'page trace flush', 'coroutine', 'GC weak to strong wait', 'synctest.Run', 'synctest.Wait', 'chan receive (durable)', 'chan send (durable)', 'select (durable)', 'sync.WaitGroup.Wait (durable)', 'cleanup wait'];
const GO_1_26: readonly string[] = ['GC assist marking', 'IO wait', 'dumping heap', 'garbage collection', 'garbage collection scan', 'panicwait', 'GC assist wait', 'GC sweep wait', 'GC scavenge wait', 'finalizer wait', 'force gc (idle)', 'GOMAXPROCS updater (idle)', 'semacquire', 'sleep', 'chan receive (nil chan)', 'chan send (nil chan)', 'select (no cases)', 'select', 'chan receive', 'chan send', 'sync.Cond.Wait', 'sync.Mutex.Lock', 'sync.RWMutex.RLock', 'sync.RWMutex.Lock', 'sync.WaitGroup.Wait', 'trace reader (blocked)', 'wait for GC cycle', 'GC worker (idle)', 'GC worker (active)', 'preempted', 'debug call', 'GC mark termination', 'stopping the world', 'flushing proc caches', 'trace goroutine status', 'trace proc status', 'page trace flush', 'coroutine', 'GC weak to strong wait', 'synctest.Run', 'synctest.Wait', 'chan receive (durable)', 'chan send (durable)', 'select (durable)', 'sync.WaitGroup.Wait (durable)', 'cleanup wait'];

function tableFor(goMinor: number | undefined): readonly string[] | undefined {
  switch (goMinor) {
    case 18:
    case 19:
      return GO_1_18;
    case 20:
    case 21:
      return GO_1_20;
    case 22:
    case 23:
      return GO_1_22;
    case 24:
      return GO_1_24;
    case 25:
      return GO_1_25;
    case 26:
    case 27:
      return GO_1_26;
    default:
      return undefined;
  }
}

/** The runtime's text for a wait reason, as `go tool` tracebacks print it; a number when the Go version is unknown. */
export function waitReasonText(reason: number, goMinor: number | undefined): string {
  if (reason <= 0) return '';
  return tableFor(goMinor)?.[reason - 1] ?? `wait reason ${reason}`;
}

/** The Go minor version from Delve's TargetGoVersion, a DWARF producer like "Go cmd/compile go1.26.8". */
export function goMinorFromProducer(producer: string): number | undefined {
  const m = /\bgo1\.(\d+)/.exec(producer);
  return m ? Number(m[1]) : undefined;
}
