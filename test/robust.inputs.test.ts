// Inputs that once misled or hung the tool: aliases in answers files, oversized and odd files, odd
// numbers, a broken state file, and documents `validate` judged wrongly.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execa } from 'execa';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { parseAnswersFile } from '../src/answers/file.ts';
import { ensureNamespaces, realApiServer, skip } from './support/apiserver.ts';
import { tempDir } from './support/project.ts';
import { runMain } from './support/io.ts';

const BIN = fileURLToPath(new URL('../dist/cli.js', import.meta.url));
const ENV = { CI: 'true', NO_COLOR: '1', PATH: process.env.PATH!, HOME: '/nonexistent' };
// In this process: the process boundary is not what these tests are about (the one --context test spawns).
const cli = (args: string[], cwd: string) => runMain(args, cwd);
const spawnCli = (args: string[], cwd: string, env: Record<string, string> = {}) =>
  execa('node', [BIN, ...args], { cwd, reject: false, env: { ...ENV, ...env }, extendEnv: false, timeout: 60_000 });

function oneErrorLine(r: { exitCode?: number; stderr: string }, pattern: RegExp, code = 1) {
  assert.is(r.exitCode, code, r.stderr);
  const lines = r.stderr.split('\n').filter((l) => l.startsWith('error'));
  assert.is(lines.length, 1, r.stderr);
  assert.match(lines[0], pattern);
  assert.not.match(r.stderr, /\n\s+at /, 'no stack trace');
}

test('aliases in an answers file stand for their anchor; one that names no anchor is an error', () => {
  const a = parseAnswersFile('app:\n  name: &n shop\n  namespace: *n\nfargateNamespaces: [*n]\ntags: &t\n  team: core\nnodeLabels: *t\n', 'a.yaml');
  assert.equal(a.app, { name: 'shop', namespace: 'shop' });
  assert.equal(a.fargate?.namespaces, ['shop']);
  assert.equal(a.nodeGroup?.labels, { team: 'core' });
  assert.throws(() => parseAnswersFile('tags: *nope\n', 'a.yaml'), /^a\.yaml:1:7: alias \*nope names no anchor \(&nope\) before it; write the value out$/);
  assert.throws(() => parseAnswersFile('app:\n  name: *later\n  namespace: &later web\n', 'a.yaml'), /alias \*later names no anchor/);
  const laughs = [
    'a: &a [x, x, x, x, x, x, x, x, x]',
    ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefg'[i]}`).join(', ')}]`),
    'nodeGroup.instanceTypes: *h',
  ].join('\n');
  assert.throws(() => parseAnswersFile(laughs, 'a.yaml'), /^a\.yaml: its aliases expand too far \(Excessive alias count.*\); write the values out$/);
});

test('odd numbers are shown as written, not as null', () => {
  for (const [v, shown] of [
    ['.inf', 'Infinity'],
    ['.nan', 'NaN'],
    ['1e400', 'Infinity'],
    ['-.inf', '-Infinity'],
  ]) {
    assert.throws(
      () => parseAnswersFile(`nodeGroup:\n  maxSize: ${v}\n`, 'a.yaml'),
      new RegExp(`^a\\.yaml:2:12: nodeGroup\\.maxSize: expected a whole number, got ${shown}$`),
    );
  }
});

test('answers files: empty path, a FIFO, a folder and an oversized file are one line each', async () => {
  const cwd = tempDir();
  oneErrorLine(await cli(['p', '--yes', '--answers', ''], cwd), /^error --answers: give the path of a JSON or YAML answers file$/);
  spawnSync('mkfifo', [path.join(cwd, 'fifo')]);
  oneErrorLine(await cli(['p', '--yes', '--answers', 'fifo'], cwd), /^error fifo: not a regular file/);
  mkdirSync(path.join(cwd, 'dir'));
  oneErrorLine(await cli(['p', '--yes', '--answers', 'dir'], cwd), /^error dir: not a regular file/);
  // 200,000 tags (about 2 MB): refused by size before it is parsed.
  writeFileSync(path.join(cwd, 'huge.yaml'), `tags:\n${Array.from({ length: 200_000 }, (_, i) => `  k${i}: v`).join('\n')}\n`);
  oneErrorLine(await cli(['p', '--yes', '--answers', 'huge.yaml'], cwd), /^error huge\.yaml: \d+ KiB is too large for an answers file \(at most 1024 KiB\)/);
  // 40,000 tags fit the size limit: parsed (in time linear in its size) and refused by AWS's limit.
  writeFileSync(path.join(cwd, 'many.yaml'), `tags:\n${Array.from({ length: 40_000 }, (_, i) => `  k${i}: v`).join('\n')}\n`);
  oneErrorLine(await cli(['p', '--yes', '--answers', 'many.yaml'], cwd), /^error tags: AWS allows at most 50 tags per resource \(got 40000\)/);
});

test('a broken state file: a folder, a null answers, an impossible version; one line in check, update and add', async () => {
  const cwd = tempDir();
  assert.is((await cli(['p', '--yes'], cwd)).exitCode, 0);
  const file = path.join(cwd, 'p', '.eks-app.json');
  const good = readFileSync(file, 'utf8');
  writeFileSync(file, JSON.stringify({ ...JSON.parse(good), answers: null }));
  for (const args of [
    ['check', 'p'],
    ['update', 'p'],
    ['add', 'service', 'api', '--project', 'p'],
  ])
    oneErrorLine(await cli(args, cwd), /\.eks-app\.json: answers: (expected a map of answers|missing)/);
  const { rmSync } = await import('node:fs');
  rmSync(file);
  mkdirSync(file);
  for (const args of [
    ['check', 'p'],
    ['update', 'p'],
    ['add', 'service', 'api', '--project', 'p'],
  ])
    oneErrorLine(await cli(args, cwd), /\.eks-app\.json: not a regular file/);
});

const VALIDATE_CASES: [string, string, RegExp][] = [
  [
    'statefulset.yaml',
    'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  replicas: -1\n  serviceName: db\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec:\n      containers: [{name: db, image: "postgres:16"}]\n',
    /spec\.replicas: Invalid value: -1: must be greater than or equal to 0/,
  ],
  [
    'deployment.yaml',
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec:\n      restartPolicy: Never\n      containers: [{name: web, image: "nginx:1.27"}]\n',
    /restartPolicy: Unsupported value: "Never": supported values: "Always"/,
  ],
  ['kinds.yaml', 'apiVersion: 1\nkind: 7\nmetadata: {name: x}\n', /apiVersion: Invalid value: 1: must be a string/],
];

test('validate rejects what the API server rejects, and judges a lone Ingress by itself', async () => {
  const cwd = tempDir();
  for (const [file, text, pattern] of VALIDATE_CASES) {
    writeFileSync(path.join(cwd, file), text);
    const r = await cli(['validate', file], cwd);
    assert.is(r.exitCode, 1, `${file}: ${r.stdout}`);
    assert.match(r.stdout, pattern);
  }
  const data: Record<string, string> = {};
  for (let i = 0; i < 1100; i++) data[`k${i}`] = 'x'.repeat(1000);
  writeFileSync(path.join(cwd, 'big.json'), JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big' }, data }));
  const big = await cli(['validate', 'big.json'], cwd);
  assert.is(big.exitCode, 1);
  assert.match(big.stdout, /data: Too long: must have at most 1048576 bytes of data/);
  writeFileSync(
    path.join(cwd, 'ingress.yaml'),
    'apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web, namespace: web}\nspec:\n  ingressClassName: alb\n  rules:\n    - http:\n        paths:\n          - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}\n',
  );
  const ing = await cli(['validate', 'ingress.yaml'], cwd);
  assert.is(ing.exitCode, 0, ing.stdout);
  assert.match(ing.stdout, /Service "web" does not exist .*\(not checked: validate the folder that holds it\) \[xref-ingress-backend\]/);
});

test('validate: aliases that explode, name nothing or cross documents are one finding each, no stack trace', async () => {
  const cwd = tempDir();
  const laughs = [
    'a: &a [x, x, x, x, x, x, x, x, x]',
    ...'bcdefgh'.split('').map((c, i) => `${c}: &${c} [${Array(9).fill(`*${'abcdefg'[i]}`).join(', ')}]`),
  ].join('\n');
  for (const [file, text, pattern] of [
    ['laughs.yaml', laughs, /aliases expand to more than 2,000,000 values/],
    ['undefined.yaml', 'a: *nope\n', /unidentified alias "nope"/],
    ['cross.yaml', 'a: &x 1\n---\nb: *x\n', /unidentified alias "x"/],
  ] as const) {
    writeFileSync(path.join(cwd, file), text);
    const r = await cli(['validate', file], cwd);
    assert.is(r.exitCode, 1, r.stderr);
    assert.match(r.stdout, pattern);
    assert.not.match(r.stdout + r.stderr, /\n\s+at /);
  }
});

test('validate --context on a file with 150 ordinary aliases: the real API server judges it, no stack trace', async () => {
  const api = await realApiServer();
  if ('missing' in api) return skip('validate --context against a real API server', api.missing);
  await ensureNamespaces(api, ['aliases']);
  const cwd = tempDir();
  const labels = Array.from({ length: 150 }, (_, i) => `    l${i}: *v`).join('\n');
  writeFileSync(
    path.join(cwd, 'cm.yaml'),
    `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: aliased\n  namespace: aliases\n  annotations:\n    base: &v shared\n  labels:\n${labels}\ndata:\n  a: *v\n`,
  );
  assert.is(Object.keys(parse(readFileSync(path.join(cwd, 'cm.yaml'), 'utf8'), { maxAliasCount: -1 }).metadata.labels).length, 150);
  const r = await spawnCli(['validate', 'cm.yaml', '--context', 'local'], cwd, api.env);
  assert.is(r.exitCode, 0, r.stdout + r.stderr);
  assert.match(r.stdout, /1 of 1 objects accepted by kubectl apply --dry-run=server/);
  assert.not.match(r.stdout + r.stderr, /\n\s+at /);
});

test.run();
