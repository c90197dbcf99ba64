import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildGoProgram } from '../support/go-program.js';
import { variablesFeature } from '../../src/variables/feature.js';
import { renderPane } from '../support/render-pane.js';
import { waitFor } from '../support/delve.js';
import { dlvCli } from '../support/dlv-cli.js';
import { modelsOf, stoppedInFunction } from '../support/session.js';

// Garbage in a float register or an extreme value: Delve writes it in full decimal, hundreds of digits.
const PROGRAM = `package main

import (
	"fmt"
	"math"
)

type P struct {
	X    float64
	Name string
}

//go:noinline
func show(tiny, huge, small float64, f32 float32, c complex128, p P, fs []float64) {
	fmt.Println(tiny, huge, small, f32, c, p, fs)
}

func main() {
	tiny := math.Float64frombits(0x7f7f7f7f7f7f)
	show(tiny, 1.5e300, 0.00001, 1e-7, complex(tiny, 1.5e300), P{X: tiny, Name: "n"}, []float64{tiny, 0.5})
}
`;

test('a float Delve writes in hundreds of digits shows as Go prints it, the same number as the dlv CLI\'s; ordinary ones as the CLI writes them', async (t) => {
  const binary = await buildGoProgram(t, 'floats', PROGRAM);
  const { server, session } = await stoppedInFunction(t, binary, 'main.show', [], (m) => m.model(variablesFeature));
  const vars = modelsOf(session).model(variablesFeature);
  await waitFor('the arguments', () => (vars.get().rows.some((r) => r.name === 'f32') ? true : undefined));

  const cli = new Map([...(await dlvCli(server.address, ['args'])).matchAll(/^(\w+) = (\S+)$/gm)].map((m) => [m[1]!, m[2]!]));
  const shown = new Map(vars.get().rows.map((r) => [r.name, r.value]));
  assert.equal(shown.get('tiny'), '6.92608774584347e-310');
  assert.equal(shown.get('huge'), '1.5e+300');
  for (const name of ['tiny', 'huge']) {
    assert.ok(cli.get(name)!.length > 300, `the CLI writes ${name} out: ${cli.get(name)?.slice(0, 40)}…`);
    assert.equal(Number(shown.get(name)), Number(cli.get(name)), `${name}: the same float`);
  }
  for (const name of ['small', 'f32']) assert.equal(shown.get(name), cli.get(name), `${name} as the CLI writes it`);
  // On screen at 80 columns: the exponent is there, not a run of zeros cut at the edge.
  const pane = renderPane(variablesFeature, vars, { width: 80, height: 8 }).join('\n');
  assert.match(pane, /tiny float64 = 6\.92608774584347e-310/);
  assert.doesNotMatch(pane, /= 0\.0000000000/);

  // Inside a complex, a struct and a slice too, the same numbers as the CLI's long ones.
  // Delve's DAP cuts such summaries at 256 characters, in the float's zeros: gotui asks for them whole.
  const value = (name: string) => vars.get().rows.find((r) => r.name === name)?.value ?? '';
  await waitFor('the summaries whole', () => (['c', 'p'].every((n) => !/\d{21}/.test(value(n))) ? true : undefined));
  const args = await dlvCli(server.address, ['args']);
  const numbers = (text: string) => [...text.replace(/"[^"]*"/g, '').matchAll(/-?\d[\d.]*(?:e[-+]\d+)?/g)].map((m) => Number(m[0]));
  for (const name of ['c', 'p']) {
    const theirs = new RegExp(`^${name} = (.*)$`, 'm').exec(args)?.[1] ?? '';
    const ours = value(name);
    assert.ok(theirs.length > 300 && ours.length < 80, `${name}: ${ours} (the CLI's ${theirs.length} characters)`);
    assert.deepEqual(numbers(ours), numbers(theirs), `${name}: the CLI's numbers`);
  }
  // The CLI's args do not open the slice (`[...]`); its elements, opened, are the same floats.
  assert.deepEqual(numbers(value('fs').replace(/^.*\[/, '')), [Number(cli.get('tiny')), 0.5], value('fs'));
  assert.doesNotMatch(renderPane(variablesFeature, vars, { width: 80, height: 12 }).join('\n'), /0\.0000000000/);
});
