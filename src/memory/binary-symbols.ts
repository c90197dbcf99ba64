// The debugged binary's symbols, read from the file on this machine (the ELF
// .symtab, Go and C), once per file and kept while the file is unchanged.
import fs from 'node:fs';
import { ElfFile } from '../binary/elf.js';
import { SymbolTable } from './symbols.js';

const cache = new Map<string, { mtimeMs: number; table: SymbolTable }>();

/** The symbol table of `binary`, or undefined when it is not a readable ELF file. */
export function binarySymbols(binary: string): SymbolTable | undefined {
  let mtimeMs: number;
  try {
    mtimeMs = fs.statSync(binary).mtimeMs;
  } catch {
    return undefined;
  }
  const hit = cache.get(binary);
  if (hit?.mtimeMs === mtimeMs) return hit.table;
  return ElfFile.read(binary, (elf) => {
    const table = SymbolTable.fromElf(elf);
    cache.set(binary, { mtimeMs, table });
    return table;
  });
}
