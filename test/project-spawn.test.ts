// The built binary as CI runs it: a pack whose add-on module is loaded from the bundle, `check` as a
// gate, and `update --dry-run`. Needs dist/ (npm test builds it first).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readTree } from '../src/project/state.ts';
import { tempDir } from './support/project.ts';

const BIN = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../examples/acme-eks-pack', import.meta.url));
const built = existsSync(fileURLToPath(new URL('../dist/cli.js', import.meta.url)));
const cli = (args: string[], cwd: string) => execa('node', [BIN, ...args], { cwd, reject: false, env: { CI: 'true', NO_COLOR: '1' }, extendEnv: true });

test('binary: a pack project, check as a CI gate, update --dry-run', async () => {
  if (!built) {
    console.log('  (skipped: no dist/; run npm run build)');
    return;
  }
  const cwd = tempDir();
  let r = await cli(['shop', '--yes', '--template', EXAMPLE, '--pack-cost-center', 'cc-4242'], cwd);
  assert.is(r.exitCode, 0, r.stderr);
  assert.ok(existsSync(path.join(cwd, 'shop/k8s/acme/priority-classes.yaml')), 'the pack add-on (.mjs) loaded from the bundle');
  r = await cli(['check'], path.join(cwd, 'shop'));
  assert.is(r.exitCode, 0, r.stdout + r.stderr);
  const svc = path.join(cwd, 'shop/k8s/web/30-service.yaml');
  const pristine = readFileSync(svc, 'utf8');
  // An edit update keeps is not drift; leftover conflict markers are named with their line.
  writeFileSync(svc, pristine.replace('port: 80', 'port: 8080'));
  r = await cli(['check', 'shop'], cwd);
  assert.is(r.exitCode, 0, r.stdout);
  writeFileSync(svc, `${pristine}<<<<<<< yours\n`);
  r = await cli(['check', 'shop'], cwd);
  assert.is(r.exitCode, 1);
  assert.match(r.stdout, /^✖ conflict markers: k8s\/web\/30-service\.yaml line \d+ still holds <<<<<<< \/ >>>>>>> from an update/);
  writeFileSync(svc, pristine.replace('port: 80', 'port: 8080'));
  const before = readTree(cwd);
  r = await cli(['update', 'shop', '--dry-run', '--answer', 'pack.team=payments'], cwd);
  assert.is(r.exitCode, 0, r.stderr);
  assert.match(r.stdout, /^- {4}acme\.example\.com\/team: "platform"\n\+ {4}acme\.example\.com\/team: "payments"$/m);
  assert.equal(readTree(cwd), before, 'nothing written');
  assert.equal(readdirSync(cwd), ['shop']);
});

test.run();
