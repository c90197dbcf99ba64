import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TargetMap } from './target-map.js';
import { UserError } from '../errors.js';
import type { Session } from '../session/session.js';
import type { MemoryReader } from './reader.js';

// Trial CB: over SSH the symbols come from a copy of the binary, late or never; x does not wait for them.
test('the symbols are waited for a while, said when read, and why when they cannot be', async () => {
  const said: (string | undefined)[] = [];
  let release!: (file: string) => void;
  const late = new TargetMap({} as Session, {} as MemoryReader, () => new Promise<string>((resolve) => (release = resolve)), (e) => said.push(e));
  assert.equal(await late.symbolsWithin(20), false, 'not read within the wait');
  assert.deepEqual(said, []);
  release('/nonexistent/orders');
  assert.equal(await late.symbolsWithin(1_000), true);
  assert.deepEqual(said, ['/nonexistent/orders has no symbol table gotui can read']);

  const failed: (string | undefined)[] = [];
  const refused = new TargetMap({} as Session, {} as MemoryReader, async () => {
    throw new UserError('Could not read the binary of process 7 on db7: cat: /proc/7/exe: Permission denied.');
  }, (e) => failed.push(e));
  await refused.loadBinary();
  assert.deepEqual(failed, ['Could not read the binary of process 7 on db7: cat: /proc/7/exe: Permission denied.']);
  assert.equal(refused.symbols(), undefined);

  // A read begun for the target before a reset is not this one's.
  const gone: (string | undefined)[] = [];
  let finish!: (file: string) => void;
  const reset = new TargetMap({} as Session, {} as MemoryReader, () => new Promise<string>((resolve) => (finish = resolve)), (e) => gone.push(e));
  const first = reset.loadBinary();
  reset.reset();
  finish('/proc/self/exe');
  await first;
  assert.deepEqual(gone, []);
});
