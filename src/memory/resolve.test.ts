import { test } from 'node:test';
import assert from 'node:assert/strict';
import { notAnAddressHint } from './resolve.js';

test("a slice given to x is pointed at its elements in their own unit (a []byte's in bytes: trial BI was offered x/Nxg)", () => {
  assert.equal(notAnAddressHint('buf', '[]uint8'), 'Its elements start at &buf[0] (x/Nxb &buf[0], or x/Nc as text); its header (data, len, cap) is at &buf.');
  assert.match(notAnAddressHint('r', '[]int32'), /\(x\/Nxw &r\[0\]\)/);
  assert.match(notAnAddressHint('h', '[]uint16'), /\(x\/Nxh &h\[0\]\)/);
  assert.match(notAnAddressHint('o.Items', '[]main.Item'), /\(x\/Nxg &o\.Items\[0\]\)/);
  assert.match(notAnAddressHint('s', 'string'), /x\/Nc there/);
  // Its length known, the count is given where one unit is one element (trial BJ).
  assert.equal(notAnAddressHint('buf', '[]uint8', 22), 'Its elements start at &buf[0] (x/22xb &buf[0], or x/22c as text); its header (data, len, cap) is at &buf.');
  assert.match(notAnAddressHint('ns', '[]int', 5), /\(x\/5xg &ns\[0\]\)/);
  assert.match(notAnAddressHint('o.Items', '[]main.Item', 3), /\(x\/Nxg &o\.Items\[0\]\)/, 'a struct is more than one unit');
  assert.match(notAnAddressHint('big', '[]uint8', 4096), /x\/Nxb/);
});
