// Spawns the built binary (dist/, from `npm run build`) to check exit status, stdout and stderr.
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { QUESTIONS } from '../src/answers/registry.ts';
import { flagName } from '../src/answers/paths.ts';
import { tempDir } from './support/project.ts';

const BIN = fileURLToPath(new URL('../dist/cli.js', import.meta.url));

function cli(args: string[], cwd: string, input?: string) {
  return execa('node', [BIN, ...args], { cwd, reject: false, input: input ?? '', env: { CI: 'true', NO_COLOR: '1' }, extendEnv: true });
}

test('the bundle exists (npm test builds it first)', () => {
  assert.ok(existsSync(fileURLToPath(new URL('../dist/cli.js', import.meta.url))), 'run npm run build');
});

test('output to a pipe its reader closed ends the run quietly, with exit 0', async () => {
  const cwd = tempDir();
  const made = await cli(['p', '--yes'], cwd);
  assert.is(made.exitCode, 0, made.stderr);
  // `validate --json | head -c 0`: the reader is gone before the report is written.
  const { spawn } = await import('node:child_process');
  const child = spawn(process.execPath, [BIN, 'validate', 'p', '--json'], { cwd, env: { ...process.env, CI: 'true' }, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.destroy();
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise((done) => child.on('close', done));
  assert.is(code, 0, stderr);
  assert.is(stderr, '');
});

test('--help: common options first, then examples with the npm create -- form, within 100 columns', async () => {
  const r = await cli(['--help'], tempDir());
  assert.is(r.exitCode, 0);
  assert.is(r.stderr, '');
  const out = r.stdout;
  assert.ok(out.indexOf('Common options:') < out.indexOf('Examples:'), 'options before examples');
  for (const f of ['--yes', '--answers', '--dry-run', '--region', '--compute', '--identity', '--app-image', '--template'])
    assert.ok(out.includes(f), `--help misses ${f}`);
  assert.match(out, /npm create eks-app@latest my-cluster -- --yes/);
  const wide = out.split('\n').filter((l) => l.length > 100);
  assert.equal(wide, [], 'lines over 100 columns');
});

test('--help all lists every answer flag from the registry, grouped, within 100 columns', async () => {
  const r = await cli(['--help', 'all'], tempDir());
  assert.is(r.exitCode, 0, r.stderr);
  for (const q of QUESTIONS) assert.ok(r.stdout.includes(`--${flagName(q.key)}`), `--help all misses --${flagName(q.key)}`);
  for (const f of ['--json', '--strict', '--context', '--require-cluster', '--template', '--overwrite'])
    assert.ok(r.stdout.includes(f), `--help all misses ${f}`);
  assert.match(r.stdout, /one of aws-load-balancer-controller,\s+external-dns,/, 'add-on ids listed');
  assert.equal(
    r.stdout.split('\n').filter((l) => l.length > 100),
    [],
    'lines over 100 columns',
  );
  const topic = await cli(['--help', 'storage'], tempDir());
  assert.ok(topic.stdout.includes('--storage') && !topic.stdout.includes('--compute '), 'a topic lists its own options only');
  const bad = await cli(['--help', 'nope'], tempDir());
  assert.is(bad.exitCode, 1);
  assert.match(bad.stderr, /^error --help nope: no such topic; the topics are all, cluster, /);
});

test('--version prints the package version', async () => {
  const r = await cli(['--version'], tempDir());
  assert.is(r.exitCode, 0);
  const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../package.json', import.meta.url)), 'utf8'));
  assert.is(r.stdout.trim(), pkg.version);
});

test('--yes writes a complete project and prints the next commands', async () => {
  const cwd = tempDir();
  const r = await cli(['my-cluster', '--yes'], cwd);
  assert.is(r.exitCode, 0, r.stderr);
  assert.match(r.stdout, /Created my-cluster/);
  assert.match(r.stdout, /eksctl create cluster/);
  for (const f of ['eksctl/cluster.yaml', 'README.md', '.eks-app.json', 'k8s/web/20-deployment.yaml', 'iam/my-cluster-web-trust.json']) {
    assert.ok(existsSync(path.join(cwd, 'my-cluster', f)), f);
  }
  assert.equal(readdirSync(cwd), ['my-cluster'], 'no staging folder left behind');
});

test('--dry-run lists every file with a purpose and writes nothing', async () => {
  const cwd = tempDir();
  const r = await cli(['preview', '--yes', '--dry-run'], cwd);
  assert.is(r.exitCode, 0, r.stderr);
  assert.match(r.stdout, /eksctl\/cluster\.yaml\s+eksctl ClusterConfig/);
  assert.match(r.stdout, /\.eks-app\.json\s+saved answers/);
  assert.equal(readdirSync(cwd), []);
});

test('no TTY and missing answers: exit 1, list the missing flags, ask nothing', async () => {
  const cwd = tempDir();
  const r = await cli(['ci-cluster', '--region', 'eu-west-1'], cwd);
  assert.is(r.exitCode, 1);
  assert.match(r.stderr, /^error missing answers and no terminal to ask them: --account-id --kubernetes-version --endpoint/);
  assert.not.match(r.stderr, /--region/);
  assert.is(r.stderr.trim().split('\n').length, 1);
  assert.equal(readdirSync(cwd), []);
});

test('a non-empty target is refused with exit 1 and left untouched', async () => {
  const cwd = tempDir();
  mkdirSync(path.join(cwd, 'taken'));
  writeFileSync(path.join(cwd, 'taken', 'keep.txt'), 'x');
  const r = await cli(['taken', '--yes'], cwd);
  assert.is(r.exitCode, 1);
  assert.match(r.stderr, /taken is not empty/);
  assert.equal(readdirSync(path.join(cwd, 'taken')), ['keep.txt']);
});

test('a corrupt answers file gives one error line with its position, exit 1', async () => {
  const cwd = tempDir();
  writeFileSync(path.join(cwd, 'a.json'), '{"region": "eu-west-1",\n "app": {"port": "eighty"}}');
  let r = await cli(['x', '--answers', 'a.json'], cwd);
  assert.is(r.exitCode, 1);
  assert.match(r.stderr, /^error a\.json:2:\d+: app\.port: expected a whole number, got "eighty"$/);
  writeFileSync(path.join(cwd, 'b.json'), '{"region": "eu-west-1", "regoin": "x"}');
  r = await cli(['x', '--answers', 'b.json'], cwd);
  assert.match(r.stderr, /^error b\.json:1:25: regoin: unknown answer key/);
  writeFileSync(path.join(cwd, 'c.json'), '{"region": "eu-');
  r = await cli(['x', '--answers', 'c.json'], cwd);
  assert.is(r.exitCode, 1);
  assert.match(r.stderr, /^error c\.json:1:\d+: not valid JSON or YAML/);
  assert.not.match(r.stderr, /\n\s+at /, 'no stack trace');
  assert.equal(readdirSync(cwd).sort(), ['a.json', 'b.json', 'c.json']);
});

test('an invalid answer exits 1 with one line naming the field', async () => {
  const r = await cli(['x', '--yes', '--app-port', '99999'], tempDir());
  assert.is(r.exitCode, 1);
  assert.is(r.stderr, 'error app.port: must be a whole number from 1 to 65535 (got 99999)');
  const r2 = await cli(['x', '--yes', '--bogus'], tempDir());
  assert.is(r2.exitCode, 1);
  assert.match(r2.stderr, /unknown option --bogus/);
});

test('colour: FORCE_COLOR turns it on without a terminal, NO_COLOR wins', async () => {
  const cwd = tempDir();
  const forced = await execa('node', [BIN, 'a', '--yes'], { cwd, reject: false, env: { CI: 'true', FORCE_COLOR: '1' }, extendEnv: true });
  assert.is(forced.exitCode, 0, forced.stderr);
  assert.match(forced.stdout, /\x1b\[32m✔/);
  const plain = await execa('node', [BIN, 'b', '--yes'], { cwd, reject: false, env: { CI: 'true', FORCE_COLOR: '1', NO_COLOR: '1' }, extendEnv: true });
  assert.is(plain.exitCode, 0, plain.stderr);
  assert.not.match(plain.stdout, /\x1b\[/);
});

test('into an existing folder the files move in one by one: the folder keeps its identity, mode and other files', async () => {
  const cwd = tempDir();
  const dir = path.join(cwd, 'here');
  mkdirSync(dir, { mode: 0o750 });
  writeFileSync(path.join(dir, 'README.md'), 'mine');
  writeFileSync(path.join(dir, 'notes.txt'), 'keep');
  const before = statSync(dir);
  const r = await execa('node', [BIN, '.', '--yes', '--name', 'here', '--overwrite'], { cwd: dir, reject: false, env: { CI: 'true', NO_COLOR: '1' } });
  assert.is(r.exitCode, 0, r.stderr);
  const after = statSync(dir);
  assert.is(after.ino, before.ino, 'same folder, not a swapped copy');
  assert.is(after.mode & 0o777, 0o750);
  assert.is(readFileSync(path.join(dir, 'notes.txt'), 'utf8'), 'keep');
  assert.match(r.stderr, /^replaced README\.md \(it existed before; --overwrite\)$/m);
  assert.ok(existsSync(path.join(dir, 'eksctl', 'cluster.yaml')));
});

test("a new project folder gets the usual permissions, not the staging folder's private ones", async () => {
  const cwd = tempDir();
  assert.is((await cli(['perm', '--yes'], cwd)).exitCode, 0);
  assert.is(statSync(path.join(cwd, 'perm')).mode & 0o777, 0o777 & ~process.umask());
});

test.run();
