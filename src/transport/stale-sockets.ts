/*
 * What gotui leaves when it is killed before it can remove it (SIGKILL, a crash): pair hubs'
 * sockets, found by Linux's list of bound sockets (/proc/net/unix), never by connecting (a live
 * hub would take the connection for a peer); SSH connections' folders, by their owner's pid.
 */
import { pidAlive } from '../core/pid.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The paths in /proc/net/unix's text: every unix socket bound now (listening or connected). */
export function boundUnixPaths(text: string): Set<string> {
  const out = new Set<string>();
  for (const line of text.split('\n').slice(1)) {
    // Num RefCount Protocol Flags Type St Inode Path (the path may hold spaces: the rest of the line).
    const m = /^\S+:\s+\S+\s+\S+\s+\S+\s+\S+\s+\S+\s+\S+\s+(\/.*)$/.exec(line);
    if (m) out.add(m[1]!);
  }
  return out;
}

/** Sockets bound now, or undefined where /proc/net/unix cannot be read (not Linux): then nothing is removed. */
function bound(): Set<string> | undefined {
  try {
    return boundUnixPaths(fs.readFileSync('/proc/net/unix', 'utf8'));
  } catch {
    return undefined;
  }
}

/**
 * Removes the pair sockets in `dir` (`pair-*.sock`) nothing is bound to. The list of bound sockets
 * is read after the folder: a socket file that exists was bound before it was listed, so a hub
 * another gotui is starting meanwhile is seen as live.
 */
export function removeStalePairSockets(dir: string): number {
  let names: string[];
  try {
    names = fs.readdirSync(dir).filter((n) => /^pair-.*\.sock$/.test(n));
  } catch {
    return 0;
  }
  const live = names.length ? bound() : undefined;
  if (!live) return 0;
  let removed = 0;
  for (const name of names) {
    const file = path.join(dir, name);
    if (live.has(file) || !isSocket(file)) continue;
    fs.rmSync(file, { force: true });
    removed++;
  }
  return removed;
}

/** The file in an SSH connection folder naming the gotui that made it. */
export const OWNER_FILE = 'pid';

/**
 * Removes this user's SSH connection folders (`$TMPDIR/gotui-ssh-*`) whose gotui is gone (the pid
 * in their OWNER_FILE runs no more): left by a gotui killed mid-session. A folder without one (being
 * made, or from an older gotui) stays; so does every folder of a live gotui, reconnecting or not.
 */
export function removeOrphanSshDirs(tmp = os.tmpdir()): number {
  const uid = process.getuid?.();
  let names: string[];
  try {
    names = fs.readdirSync(tmp).filter((n) => n.startsWith('gotui-ssh-'));
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const dir = path.join(tmp, name);
    try {
      const st = fs.lstatSync(dir);
      if (!st.isDirectory() || st.uid !== uid) continue;
      const pid = Number(fs.readFileSync(path.join(dir, OWNER_FILE), 'utf8'));
      if (!Number.isSafeInteger(pid) || pid <= 0 || pidAlive(pid)) continue;
    } catch {
      continue;
    }
    fs.rmSync(dir, { recursive: true, force: true });
    removed++;
  }
  return removed;
}

function isSocket(file: string): boolean {
  try {
    return fs.lstatSync(file).isSocket();
  } catch {
    return false;
  }
}
