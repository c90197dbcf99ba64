import { ElfFile } from './elf.js';

/**
 * The Go version a binary was built with ("go1.26.8"), from its .go.buildinfo section: a 32-byte
 * header, "\xff Go buildinf:", then (Go 1.18+, flag bit 2) the version as a varint-prefixed string.
 */
export function goVersionOfBinary(path: string): string | undefined {
  return buildInfoOfBinary(path)?.goVersion;
}

/** Whether an ELF binary was built by Go (it has Go's build information); undefined when it is no ELF file. */
export function isGoBinary(path: string): boolean | undefined {
  return ElfFile.read(path, (elf) => !!elf.section('.go.buildinfo'));
}

/** The main module's path ("example.com/svc") from a binary's build info: frames of its packages are "your code". */
export function mainModuleOfBinary(path: string): string | undefined {
  return buildInfoOfBinary(path)?.mainModule;
}

/**
 * The Delve release a dlv binary is, from its build info (`go install` of a tagged version): what
 * `dlv version` would print, without starting it (30-60 ms of every start). Undefined for a build
 * of a checkout, a fork, or a pseudo-version: ask dlv then.
 */
export function delveReleaseOfBinary(path: string): string | undefined {
  const info = buildInfoOfBinary(path);
  if (info?.mainModule !== 'github.com/go-delve/delve') return undefined;
  return /^v(\d+\.\d+\.\d+)$/.exec(info.mainVersion ?? '')?.[1];
}

function buildInfoOfBinary(path: string): BuildInfo | undefined {
  return ElfFile.read(path, (elf) => readBuildInfo(elf.sectionData('.go.buildinfo')));
}

export interface BuildInfo {
  goVersion: string;
  mainModule?: string;
  /** The main module's version as built (`v1.27.1` from `go install M@v1.27.1`; `(devel)` from a checkout). */
  mainVersion?: string;
}

export function parseBuildInfo(data: Buffer | undefined): string | undefined {
  return readBuildInfo(data)?.goVersion;
}

/** The Go version, then the module info (`path`, `mod`, `dep` lines), each a varint-prefixed string. */
export function readBuildInfo(data: Buffer | undefined): BuildInfo | undefined {
  if (!data || data.length < 33 || data.subarray(0, 14).toString('latin1') !== '\xff Go buildinf:') return undefined;
  // Older binaries point at the strings instead of inlining them; gotui only needs recent ones.
  if ((data[15]! & 2) === 0) return undefined;
  const readString = (at: number): { text: string; next: number } => {
    let len = 0;
    let shift = 0;
    let i = at;
    for (; i < data.length; i++) {
      len += (data[i]! & 0x7f) * 2 ** shift;
      if ((data[i]! & 0x80) === 0) break;
      shift += 7;
    }
    return { text: data.subarray(i + 1, i + 1 + len).toString('utf8'), next: i + 1 + len };
  };
  const version = readString(32);
  if (!/^go\d/.test(version.text)) return undefined;
  const mod = readString(version.next).text;
  const main = /^mod\t([^\t\n]+)(?:\t([^\t\n]+))?/m.exec(mod);
  return { goVersion: version.text, ...(main ? { mainModule: main[1]! } : {}), ...(main?.[2] ? { mainVersion: main[2] } : {}) };
}

/** Delve 1.N refuses targets built by a Go newer than 1.N (Delve 1.27 supports Go 1.25 to 1.27). */
export function delveTooOldFor(delveVersion: string, goVersion: string): boolean {
  const d = /^v?1\.(\d+)/.exec(delveVersion);
  const g = /^go1\.(\d+)/.exec(goVersion);
  if (!d || !g) return false;
  return Number(g[1]) > Number(d[1]);
}
