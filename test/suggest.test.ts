// A mistyped flag, choice or add-on id is answered with the nearest real one, in the one error line.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { runMain } from './support/io.ts';
import { tempDir } from './support/project.ts';

const errorOf = async (...argv: string[]) => {
  const r = await runMain(['x', '--yes', ...argv], tempDir());
  assert.is(r.exitCode, 1, r.stdout);
  assert.is(r.stderr.trim().split('\n').length, 1, r.stderr);
  return r.stderr.trim();
};

test('an unknown flag names the nearest one', async () => {
  assert.is(await errorOf('--node-grop', 'a'), 'error unknown option --node-grop; did you mean --node-group? (see --help for the list)');
  assert.is(await errorOf('--regoin', 'eu-west-1'), 'error unknown option --regoin; did you mean --region? (see --help for the list)');
  assert.is(await errorOf('--zzzzzzzz', 'a'), 'error unknown option --zzzzzzzz (see --help for the list)');
});

test('a mistyped choice or add-on id names the nearest one; a value far from all does not', async () => {
  assert.match(await errorOf('--compute', 'karpentr'), /^error compute: must be one of .* \(got "karpentr"; did you mean karpenter\?\)$/);
  assert.match(await errorOf('--addons', 'metric-server'), /^error addons: "metric-server" is not an add-on \(did you mean metrics-server\?\); choose from /);
  assert.match(
    await errorOf('--karpenter-capacity-types', 'spt'),
    /^error karpenter\.capacityTypes: "spt" is not one of on-demand, spot; did you mean spot\?$/,
  );
  assert.match(await errorOf('--compute', 'zzzzzzzz'), /\(got "zzzzzzzz"\)$/);
});

test.run();
