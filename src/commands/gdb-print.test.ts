import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fromGdbPrint } from './gdb-print.js';

test("print takes gdb's spelling: /x as %#x, $rsp and $pc as Delve's register names, literals left alone", () => {
  assert.equal(fromGdbPrint('$rsp'), '%#x RSP');
  assert.equal(fromGdbPrint('$rsp + 8'), 'RSP + 8');
  assert.equal(fromGdbPrint('/x $sp'), '%#x RSP', "gdb's /x writes 0x");
  assert.equal(fromGdbPrint('$pc'), '%#x RIP', 'an address register alone prints as an address, as in gdb');
  assert.equal(fromGdbPrint('$rax'), 'RAX', 'others in decimal, as gdb prints them');
  assert.equal(fromGdbPrint('/o n'), '%#o n');
  assert.equal(fromGdbPrint('/t flags'), '%b flags');
  assert.equal(fromGdbPrint('$pc - 4'), 'RIP - 4');
  assert.equal(fromGdbPrint('m["$rsp"] + len(`$pc`)'), 'm["$rsp"] + len(`$pc`)');
  assert.equal(fromGdbPrint("'$'"), "'$'");
  assert.equal(fromGdbPrint('%x n'), '%x n');
  assert.equal(fromGdbPrint('o.Items[0]'), 'o.Items[0]');
  // gdb's formats without a Go verb are left for Delve to refuse.
  assert.equal(fromGdbPrint('/s name'), '/s name');
  assert.throws(() => fromGdbPrint('$nosuch'), /There is no register \$nosuch\./);
});
