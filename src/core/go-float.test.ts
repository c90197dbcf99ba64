import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cutFloat, goFloat } from './go-float.js';

// Each line: bits, Delve's text (strconv 'f', -1), what gotui shows: Go's %v past 24 characters,
// as Go 1.26 printed them (fmt.Printf("64 %s %v\n", strconv.FormatFloat(f, 'f', -1, 64), f)).
const GO = `64 ${'0.' + '0'.repeat(309) + '692608774584347'} 6.92608774584347e-310
64 -${'0.' + '0'.repeat(323) + '5'} -5e-324
64 179769313486231570${'0'.repeat(291)} 1.7976931348623157e+308
64 123456789012345690000000 123456789012345690000000
64 -0.000000000000000000000000001 -1e-27
64 22.409999999999997 22.409999999999997
64 0.00001 0.00001
64 12345678901234567000 12345678901234567000
32 0.000000000000000000000000000000000000011754944 1.1754944e-38
32 340000000000000000000000000000000000000 3.4e+38
32 ${'0.' + '0'.repeat(44) + '1'} 1e-45
32 0.1 0.1`;

test('a float Delve writes out in hundreds of digits reads as Go prints it; an ordinary one stays as Delve and the dlv CLI write it', () => {
  for (const line of GO.split('\n')) {
    const [bits, delve, want] = line.split(' ') as [string, string, string];
    assert.equal(goFloat(delve, `float${bits}`), want, line.slice(0, 80));
  }
  // Not a float, or not a number Delve wrote in decimal: untouched.
  const long = '1'.repeat(40);
  assert.equal(goFloat(long, 'int'), long);
  assert.equal(goFloat('+Inf', 'float64'), '+Inf');
  assert.equal(goFloat('NaN', 'float32'), 'NaN');
  assert.equal(goFloat(`0.${'0'.repeat(40)}`, 'float64'), `0.${'0'.repeat(40)}`);
});

test('floats inside a complex, a struct or a slice summary read as Go prints them; quoted text and short numbers stay', () => {
  const tiny = `0.${'0'.repeat(309)}1`;
  const huge = `-25${'0'.repeat(299)}`;
  assert.equal(goFloat(`(${tiny} + ${huge}i)`, 'complex128'), '(1e-310 + -2.5e+300i)');
  assert.equal(goFloat(`main.P {X: ${tiny}, Y: 2.5, Name: "${tiny}"}`, 'main.P'), `main.P {X: 1e-310, Y: 2.5, Name: "${tiny}"}`);
  assert.equal(goFloat(`[]float64 len: 2, cap: 2, [${tiny},0.1]`, '[]float64'), '[]float64 len: 2, cap: 2, [1e-310,0.1]');
  assert.equal(goFloat(`main.T {ID: 12345678901234567890, Note: "x"} padded to be long`, 'main.T'), 'main.T {ID: 12345678901234567890, Note: "x"} padded to be long', 'a uint64 is no float');
});

test("a summary Delve cut in a float's digits is told from one cut elsewhere", () => {
  assert.equal(cutFloat(`(0.${'0'.repeat(250)}...`), true);
  assert.equal(cutFloat(`main.P {Name: "${'x'.repeat(250)}...`), false);
  assert.equal(cutFloat(`0.${'0'.repeat(30)}1`), false, 'not cut');
});
