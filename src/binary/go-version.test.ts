import { test } from 'node:test';
import assert from 'node:assert/strict';
import { delveReleaseOfBinary, delveTooOldFor, goVersionOfBinary, isGoBinary, mainModuleOfBinary, parseBuildInfo } from './go-version.js';
import { ensureDelve, parseDelveVersion } from '../delve/locate.js';
import { buildDemo } from '../demos/build.js';
import { execa } from 'execa';

test('the Go version of a real binary matches what `go version` says of it', async () => {
  const bin = await buildDemo('orders');
  const want = /: (go[\d.]+)/.exec((await execa('go', ['version', bin])).stdout)![1];
  assert.equal(goVersionOfBinary(bin), want);
});

test('the main module of a real binary is what `go version -m` says of it', async () => {
  const bin = await buildDemo('orders');
  const want = /^\tmod\t(\S+)/m.exec((await execa('go', ['version', '-m', bin])).stdout)![1];
  assert.equal(mainModuleOfBinary(bin), want);
});

test('the Delve release read from a dlv binary is what its `dlv version` prints; a demo is no Delve', async () => {
  const dlv = await ensureDelve();
  const said = parseDelveVersion((await execa(dlv.path, ['version'])).stdout);
  assert.ok(said, 'dlv version prints a version');
  assert.equal(delveReleaseOfBinary(dlv.path), said);
  assert.equal(dlv.version, said);
  assert.equal(delveReleaseOfBinary(await buildDemo('orders')), undefined);
});

test('not a Go binary, or no build info', () => {
  assert.equal(parseBuildInfo(undefined), undefined);
  assert.equal(parseBuildInfo(Buffer.from('garbage'.repeat(10))), undefined);
  assert.equal(goVersionOfBinary('/bin/sh'), undefined);
  assert.equal(goVersionOfBinary('/nonexistent'), undefined);
});

test('which Delve is too old for which Go', () => {
  assert.equal(delveTooOldFor('1.25.2', 'go1.26.8'), true);
  assert.equal(delveTooOldFor('1.26.1', 'go1.26.8'), false);
  assert.equal(delveTooOldFor('1.27.1', 'go1.26.8'), false);
  assert.equal(delveTooOldFor('1.20.2', 'go1.19.8'), false);
  assert.equal(delveTooOldFor('unknown', 'go1.26.8'), false);
});

test('a Go binary is one, a C program (the node binary running this test) is not, and a script is no ELF file', async () => {
  assert.equal(isGoBinary(await buildDemo('orders')), true);
  assert.equal(isGoBinary(process.execPath), false);
  assert.equal(isGoBinary(new URL(import.meta.url).pathname), undefined);
});
