import type { FlagLibrary, FlagType } from './values.js';

/** One flag of a FlagSet as read from the target at a stop. */
export interface FlagInfo {
  /** The key in the FlagSet's `formal` map (the flag's name). */
  name: string;
  /** Expression that reaches the *Flag (Delve's own, e.g. `((flag.CommandLine).formal)["batch"]`). */
  expr: string;
  type: FlagType;
  /** Dynamic type of the flag.Value as Delve names it (`*flag.intValue`, `*main.modeValue`). */
  goType: string;
  usage: string;
  defValue: string;
  /** The current value, as the Value's String() would show it when `exact`; else Delve's text of it. */
  value: string;
  exact: boolean;
  /**
   * `value` is Delve's text of a custom Value that is no string (`["a","b"]` of a []string), not
   * what its String() says: to read, never to hand back to its Set (trial AM: Enter, Enter made the
   * list `["[\"a\"",…]`).
   */
  delveForm?: boolean;
  /** The current value differs from DefValue. */
  changed: boolean;
  /** Delve did not load the whole value (a very long string). */
  truncated?: boolean;
  /** pflag only: the one-letter name, and whether the command line set it (Flag.Changed). */
  shorthand?: string;
  setOnCommandLine?: boolean;
}

export interface FlagSetSnapshot {
  /** The expression the set was read through: `flag.CommandLine`, `main.debugFlags`. */
  expr: string;
  library: FlagLibrary;
  /** FlagSet.name (the program path for CommandLine). */
  name: string;
  /** false until the program calls Parse: values set now are overwritten when it parses. */
  parsed: boolean;
  /** Sorted by name, as flag.VisitAll and pflag do. */
  flags: FlagInfo[];
  /** session stopCount at the read. */
  stop: number;
}

export interface ArgsSnapshot {
  args: string[];
  stop: number;
}

/** An edit waiting for a stop where Go can run a call in the target. */
export interface PendingEdit {
  id: number;
  setExpr: string;
  name: string;
  value: string;
  /** Why it waits: Delve's words ("call not at safe point", "the target is running"). */
  reason: string;
  attempts: number;
}
