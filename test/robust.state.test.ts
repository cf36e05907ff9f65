// A corrupt .eks-app.json (truncated, wrong types, unknown keys) stops update and check with one
// error line giving the position, and changes nothing in the project.
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readTree } from '../src/project/state.ts';
import { tempDir } from './support/project.ts';

const BIN = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const cli = (args: string[], cwd: string) => execa('node', [BIN, ...args], { cwd, reject: false, env: { CI: 'true', NO_COLOR: '1' } });

const CORRUPTIONS: [string, (text: string) => string, RegExp][] = [
  ['truncated', (t) => t.slice(0, Math.floor(t.length / 2)), /\.eks-app\.json:\d+:\d+: not valid JSON/],
  ['wrong type', (t) => t.replace('"minSize": 2', '"minSize": "two"'), /\.eks-app\.json:\d+:\d+: nodeGroup\.minSize: expected a whole number, got "two"/],
  ['unknown key', (t) => t.replace('"identity":', '"identiti": "irsa",\n    "identity":'), /\.eks-app\.json:\d+:\d+: identiti: unknown answer key/],
  ['unknown top-level key', (t) => t.replace('"answers":', '"extraTop": 1,\n  "answers":'), /\.eks-app\.json:\d+:\d+: extraTop: unknown key/],
  [
    'service without its image',
    (t) => t.replace(/\n}\s*$/, ',\n  "services": [{"name": "api", "namespace": "api", "port": 8080, "replicas": 2}]\n}\n'),
    /\.eks-app\.json:\d+:\d+: services\[0\]: missing image: expected text/,
  ],
];

for (const [what, corrupt, expected] of CORRUPTIONS) {
  test(`a ${what} .eks-app.json: update and check refuse it with its position and touch nothing`, async () => {
    const cwd = tempDir();
    assert.is((await cli(['p', '--yes'], cwd)).exitCode, 0);
    const state = path.join(cwd, 'p', '.eks-app.json');
    const corrupted = corrupt(readFileSync(state, 'utf8'));
    writeFileSync(state, corrupted);
    const before = readTree(path.join(cwd, 'p'));
    for (const cmd of ['update', 'check']) {
      const r = await cli([cmd, 'p'], cwd);
      assert.is(r.exitCode, 1, `${cmd}: ${r.stderr}`);
      const lines = r.stderr.split('\n').filter(Boolean);
      assert.is(lines.length, 1, r.stderr);
      assert.match(lines[0], expected);
      assert.not.match(r.stderr, /\n\s+at /);
    }
    assert.equal(readTree(path.join(cwd, 'p')), before, 'nothing changed');
  });
}

test.run();
