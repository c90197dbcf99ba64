import type { DebugProtocol as P } from '@vscode/debugprotocol';

/** What this Delve can do, from its initialize response and version; never from a version alone where the response says it. */
export interface DelveFeatures {
  version: string;
  readMemory: boolean;
  writeMemory: boolean;
  disassemble: boolean;
  /** `dlv x` through evaluate (v1.26.2+): any address, as text. */
  examineCommand: boolean;
  restartWithArgs: boolean;
  functionBreakpoints: boolean;
  conditionalBreakpoints: boolean;
  hitConditionalBreakpoints: boolean;
  setVariable: boolean;
  exceptionFilters: string[];
}

export function detectFeatures(caps: P.Capabilities, version: string): DelveFeatures {
  return {
    version,
    readMemory: !!caps.supportsReadMemoryRequest,
    writeMemory: !!caps.supportsWriteMemoryRequest,
    disassemble: !!caps.supportsDisassembleRequest,
    // Not advertised in capabilities: only the version tells.
    examineCommand: versionAtLeast(version, '1.26.2'),
    restartWithArgs: versionAtLeast(version, '1.25.1') && !!caps.supportsRestartRequest,
    functionBreakpoints: !!caps.supportsFunctionBreakpoints,
    conditionalBreakpoints: !!caps.supportsConditionalBreakpoints,
    hitConditionalBreakpoints: !!caps.supportsHitConditionalBreakpoints,
    setVariable: !!caps.supportsSetVariable,
    exceptionFilters: (caps.exceptionBreakpointFilters ?? []).map((f) => f.filter),
  };
}

/** Compares dotted versions ("1.27.1"); an unknown version counts as old. */
export function versionAtLeast(version: string, want: string): boolean {
  const a = version.split('.').map((n) => parseInt(n, 10));
  const b = want.split('.').map(Number);
  if (a.some(Number.isNaN)) return false;
  for (let i = 0; i < b.length; i++) {
    const x = a[i] ?? 0;
    if (x !== b[i]) return x > b[i]!;
  }
  return true;
}
