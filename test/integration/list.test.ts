import { test } from 'node:test';
import fs from 'node:fs';
import assert from 'node:assert/strict';
import { findMarker } from '../../src/demos/build.js';
import { sourceFeature } from '../../src/source/feature.js';
import { dlvCli } from '../support/dlv-cli.js';
import { attachedApp, consoleSince, must, runToStop } from '../support/app.js';
import { buildGoProgram } from '../support/go-program.js';
import { headlessApp } from '../support/session.js';
import { startHeadlessDelve } from '../../src/delve/server.js';
import path from 'node:path';
import { execa } from 'execa';
import { findOnPath } from '../../src/delve/locate.js';
import { requireTool, testDelve } from '../support/delve.js';
import { renderPane } from '../support/render-pane.js';

test(':list FILE:LINE finds FILE among the program\'s sources (the path the dlv CLI lists); a name the program lacks is said so', async (t) => {
  const { app, rec, server } = await attachedApp(t, 'inventory', ['-every', '50ms'], { stop: true });
  const restock = findMarker('inventory', 'gotui:restock');
  await must(app, rec, `break main.go:${restock.line}`);
  await runToStop(app, rec, 'continue');
  const stock = /^(\/\S+\/stock\.go)$/m.exec(await dlvCli(server.address, ['sources stock\\.go$']))?.[1];
  assert.ok(stock, 'the dlv CLI lists stock.go');
  await must(app, rec, 'list stock.go:5');
  const source = app.models.model(sourceFeature);
  assert.equal(source.get().file, stock);
  assert.equal(source.cursorLine(), 5);

  const from = rec.console.length;
  assert.equal(await app.run('list nosuch.go:1'), false);
  assert.match(consoleSince(rec, from), /^nosuch\.go is not a file of the program\. :sources RE lists its files\.$/m);
  assert.equal(source.get().file, stock, 'the pane stays where it was');
  // Line numbers :break refuses, :list refuses in the same words.
  assert.equal(await app.run('list stock.go:0'), false);
  assert.equal(await app.run('list stock.go:99999999'), false);
  assert.match(consoleSince(rec, from), /Line 0 does not exist; lines start at 1\./);
  assert.match(consoleSince(rec, from), /Line 99999999 does not exist\. Lines go from 1 to at most 10,000,000\./);
  // Past the file's end: the last line, and said so (as many lines as the file has on disk).
  const lines = fs.readFileSync(stock, 'utf8').replace(/\n$/, '').split('\n').length;
  await must(app, rec, 'list stock.go:99999');
  assert.equal(source.cursorLine(), lines);
  assert.match(consoleSince(rec, from), new RegExp(`stock\\.go has ${lines} lines; the cursor is on the last\\.`));

  // A function, as the dlv CLI's list takes it (trial AK: Tab offered functions, :list refused them): where the CLI shows it.
  const shown = /^Showing (\S+):(\d+) /m.exec(await dlvCli(server.address, ['list main.restock']));
  assert.ok(shown, 'the dlv CLI lists main.restock');
  await must(app, rec, 'list main.restock');
  assert.deepEqual([source.get().file, source.cursorLine()], [shown[1], Number(shown[2])]);
  assert.equal(await app.run('list main.nosuch'), false);
  assert.match(consoleSince(rec, from), /^'main\.nosuch' is not FILE:LINE, LINE, or a function of the program\./m);
});

const TICKS = `package main

import (
	"fmt"
	"time"
)

func tick(i int) int {
	return i * 2
}

func main() {
	for i := 0; ; i++ {
		fmt.Println(tick(i))
		time.Sleep(10 * time.Millisecond)
	}
}
`;

test('a source file changed after the program was built is said once and marked on the pane, where gdb says "Source file is more recent than executable"; a file from before the build is not', async (t) => {
  if (!requireTool(t, !!findOnPath('gdb'), 'gdb')) return;
  const binary = await buildGoProgram(t, 'edited', TICKS);
  const main = path.join(path.dirname(binary), 'main.go');
  // Edited after the build, as gdb's check reads it (whole seconds: a minute later).
  fs.appendFileSync(main, '// edited after the build\n');
  const later = new Date(fs.statSync(binary).mtimeMs + 60_000);
  fs.utimesSync(main, later, later);
  const gdb = async (fn: string) => (await execa('gdb', ['-batch', '-nx', '-iex', 'set auto-load no', '-ex', `list ${fn}`, binary], { all: true })).all;
  assert.match(await gdb('main.tick'), /Source file is more recent than executable/);
  assert.doesNotMatch(await gdb('fmt.Println'), /more recent/);

  const server = await startHeadlessDelve(await testDelve(), { mode: 'exec', program: binary, args: [] });
  t.after(() => server.stop());
  const { app, rec } = headlessApp({ address: server.address, label: 'edited', owned: false, version: 'unknown', warnings: [] }, { stop: true });
  await app.start();
  t.after(() => app.close());
  const source = app.models.model(sourceFeature);
  const from = rec.console.length;
  await must(app, rec, 'break main.tick');
  await runToStop(app, rec, 'continue');
  const said = /^\S*\/main\.go was changed after the program was built \(the file is newer than its binary\): the lines shown may not be the code that runs\.$/;
  assert.equal(rec.console.slice(from).filter((l) => said.test(l.text)).length, 1, consoleSince(rec, from));
  assert.match(renderPane(sourceFeature, source, { width: 100, height: 12 })[0]!, /Source \S*main\.go · 8\/\d+ · newer than the binary/);
  // At 80x24's width the file's name stays, the mark in a word.
  assert.match(renderPane(sourceFeature, source, { width: 46, height: 12 })[0]!, /Source \S*main\.go · 8\/\d+ · newer(?! than)/);
  // Once: the next stop in it says nothing more.
  await runToStop(app, rec, 'continue');
  assert.equal(rec.console.slice(from).filter((l) => said.test(l.text)).length, 1, consoleSince(rec, from));
  // Go's own files, older than the build, as gdb has them.
  await must(app, rec, 'list fmt.Println');
  assert.match(source.get().file!, /\/fmt\/print\.go$/);
  assert.doesNotMatch(renderPane(sourceFeature, source, { width: 100, height: 12 })[0]!, /newer/);
  assert.doesNotMatch(consoleSince(rec, from), /print\.go was changed/);
});
