// `npm run bench`: prints one `name: median unit` line per figure. Figures, not assertions.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, readdirSync } from 'node:fs';
import os from 'node:os';
import { gzipSync } from 'node:zlib';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'dist', 'cli.js');
const RUNS = Math.max(10, Number(process.env.BENCH_RUNS ?? 10));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return (s[(s.length - 1) >> 1] + s[s.length >> 1]) / 2;
}

/** The largest preset: Karpenter, EBS+EFS, snapshots, network policy, ALB and 12 add-ons. */
export const LARGEST = [
  '--compute',
  'karpenter',
  '--storage',
  'ebs,efs',
  '--volume-snapshots',
  '--network-policy',
  '--ingress',
  'alb',
  '--addons',
  'aws-load-balancer-controller,external-dns,metrics-server,cert-manager,aws-ebs-csi-driver,aws-efs-csi-driver,snapshot-controller,secrets-store-csi-driver,secrets-store-csi-driver-provider-aws,kube-prometheus-stack,hpa,pdb',
  '--addon-external-dns-hosted-zone-ids',
  'Z0123456789ABCDEFGHIJ',
  '--addon-external-dns-domain-filters',
  'example.com',
  '--addon-secrets-store-csi-driver-provider-aws-secret-name',
  'prod/web/db',
];

interface Case {
  name: string;
  argv: string[];
  cwd?: () => string;
  env?: Record<string, string>;
  /** Runs before the timed run, untimed. */
  before?: () => void;
}

function runOnce(c: Case): number {
  const cwd = c.cwd ? c.cwd() : os.tmpdir();
  c.before?.();
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, c.argv, { cwd, env: { ...process.env, CI: 'true', NO_COLOR: '1', ...c.env }, stdio: 'pipe' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0) throw new Error(`${c.argv.join(' ')} failed: ${r.stderr}`);
  if (c.cwd) rmSync(cwd, { recursive: true, force: true });
  return ms;
}

function line(name: string, value: number, unit: string) {
  console.log(`${name}: ${Number.isInteger(value) ? value : value.toFixed(value < 10 ? 2 : 1)} ${unit}`);
}

// Start-up figures: every case runs once per round, rounds alternate the cases, each run follows a
// `node -e 0` run, and each figure is the median over the rounds of the two runs' ratio. Each case runs
// twice over: as every run after the first does, with the launcher's code cache (made by one
// untimed run of each case first, in a cache folder of the bench's own; validate takes what the
// create runs left), and as the first run after an install does: with an empty cache folder, which
// it fills (validate writes none).
{
  const fresh = () => mkdtempSync(path.join(os.tmpdir(), 'bench-'));
  const project = mkdtempSync(path.join(os.tmpdir(), 'bench-validate-'));
  const cacheHome = mkdtempSync(path.join(os.tmpdir(), 'bench-cache-'));
  const emptyCacheHome = mkdtempSync(path.join(os.tmpdir(), 'bench-cache-'));
  spawnSync(process.execPath, [BIN, 'p', '--yes'], { cwd: project, env: { ...process.env, CI: 'true' } });
  const commands: (Case & { goal: number })[] = [
    { name: '--help', argv: [BIN, '--help'], goal: 1.2 },
    { name: '--yes, default answers', argv: [BIN, 'my-cluster', '--yes'], cwd: fresh, goal: 2.5 },
    { name: '--yes, the largest preset', argv: [BIN, 'my-cluster', '--yes', ...LARGEST], cwd: fresh, goal: 3 },
    // No kubeconfig and no kubectl on PATH: the offline checks alone, start-up included.
    {
      name: 'validate of one generated file',
      argv: [BIN, 'validate', path.join(project, 'p', 'k8s', 'web', '20-deployment.yaml')],
      env: { PATH: path.dirname(process.execPath), HOME: project },
      goal: 1.5,
    },
  ];
  const warm = commands.map((c) => ({ ...c, env: { ...c.env, XDG_CACHE_HOME: cacheHome } }));
  const cold = commands.map((c) => ({
    ...c,
    env: { ...c.env, XDG_CACHE_HOME: emptyCacheHome },
    before: () => rmSync(path.join(emptyCacheHome, 'create-eks-app'), { recursive: true, force: true }),
  }));
  for (const c of warm) runOnce(c);
  const nodeOnly: Case = { name: 'node -e 0', argv: ['-e', '0'] };
  const cases: Case[] = [...warm, ...cold];
  // One untimed round first: files that an idle machine let go of (node itself, dist/) are read
  // back before any run is timed, as they are right after an install.
  for (const c of [nodeOnly, ...cases]) runOnce(c);
  // Each run is paired with a `node -e 0` run just before it, and a figure is the median of its
  // pairs' ratios: a machine whose speed drifts (a shared host) moves both halves of a pair alike.
  const nodeSamples: number[] = [];
  const ratios = cases.map(() => [] as number[]);
  const times = cases.map(() => [] as number[]);
  for (let round = 0; round < RUNS; round++)
    cases.forEach((c, i) => {
      const base = runOnce(nodeOnly);
      const ms = runOnce(c);
      nodeSamples.push(base);
      ratios[i].push(ms / base);
      times[i].push(ms);
    });
  rmSync(project, { recursive: true, force: true });
  rmSync(cacheHome, { recursive: true, force: true });
  rmSync(emptyCacheHome, { recursive: true, force: true });
  line(`node startup (node -e 0, median of ${nodeSamples.length})`, median(nodeSamples), 'ms');
  const report = (title: string, offset: number) => {
    console.log(title);
    commands.forEach((c, i) => {
      const r = median(ratios[offset + i]);
      console.log(`  ${c.name}: ${r.toFixed(2)}x node -e 0 (median ${median(times[offset + i]).toFixed(0)} ms; goal <= ${c.goal}x)`);
    });
  };
  report('start-up, every run after the first (with the code cache the first run leaves):', 0);
  report('start-up, the first run after an install (an empty code cache, which the run fills; validate only reads it):', commands.length);
}
// Validation: throughput over a >= 2,000-resource corpus in this process (one core), then a
// whole `validate` run of a generated project, start-up included.
{
  const { makeCorpus } = await import('../src/validate/bench.ts');
  const { validateFiles } = await import('../src/validate/index.ts');
  const corpus = makeCorpus(2000);
  const resources = validateFiles(corpus).resources;
  const rates: number[] = [];
  for (let i = 0; i < Math.max(5, Math.floor(RUNS / 2)); i++) {
    const t0 = process.hrtime.bigint();
    validateFiles(corpus);
    rates.push(resources / (Number(process.hrtime.bigint() - t0) / 1e9));
  }
  line(`validation throughput (${resources} resources)`, Math.round(median(rates)), 'resources/s');
}

// Fuzzing: random answer sets per second through resolve, render and the project's own validation.
{
  const fc = (await import('fast-check')).default;
  const { QUESTIONS } = await import('../src/answers/registry.ts');
  const { setPath } = await import('../src/answers/paths.ts');
  const { resolve } = await import('../src/plan/resolve.ts');
  const { renderPlan } = await import('../src/render/render.ts');
  const { validateFiles } = await import('../src/validate/index.ts');
  const { validationOptions } = await import('../src/plan/validate-options.ts');
  const today = new Date();
  const arb = fc.tuple(...QUESTIONS.map((q) => fc.option(fc.constantFrom(...(q.choices?.({}, today).map((c) => c.value) ?? [undefined])), { nil: undefined })));
  const samples = fc.sample(arb, { seed: 1, numRuns: 200 });
  let rendered = 0;
  const t0 = process.hrtime.bigint();
  for (const values of samples) {
    const a: Record<string, unknown> = {};
    values.forEach((v, i) => {
      if (v !== undefined && QUESTIONS[i].kind !== 'list') setPath(a, QUESTIONS[i].key, v);
    });
    try {
      const plan = resolve(a as never, today);
      validateFiles(await renderPlan(plan), validationOptions(plan));
      rendered++;
    } catch (e) {
      // Refused sets are part of the campaign too; anything else is a bug the tests would catch.
      if ((e as Error).constructor.name !== 'AnswersError') throw e;
    }
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  line(`fuzzed combinations (${samples.length} sets, ${rendered} rendered and validated)`, Math.round(samples.length / seconds), 'per second');
}

// The offline validator against a real kube-apiserver (../shared/tools/kube-apiserver): seeded
// mutations of real manifests, each judged by both (test/support/differential.ts).
{
  const { realApiServer, SERVER_VERSION } = await import('../test/support/apiserver.ts');
  const { runDifferential, summarize } = await import('../test/support/differential.ts');
  const api = await realApiServer();
  const mutations = Number(process.env.DIFF_MUTATIONS ?? 5000);
  if ('missing' in api) console.log(`validator agreement with a real API server: skipped (${api.missing})`);
  else {
    const seed = Number(process.env.DIFF_SEED ?? 7);
    const { judged } = await runDifferential(api, mutations, seed, SERVER_VERSION);
    const s = summarize(judged);
    const documented =
      Object.entries(s.documented)
        .map(([k, n]) => `${n} ${k}`)
        .join(', ') || 'none';
    console.log(
      `validator agreement with kube-apiserver ${api.server}: ${((100 * s.agreed) / s.judged).toFixed(2)}% of ${s.judged} verdicts (${mutations} mutations, seed ${seed}); documented differences: ${documented}; undocumented: ${s.defects.length}`,
    );
  }
}

const packDir = mkdtempSync(path.join(os.tmpdir(), 'bench-pack-'));
const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', packDir], { cwd: ROOT, encoding: 'utf8' }))[0];
line('npm pack size', Math.round(statSync(path.join(packDir, readdirSync(packDir)[0])).size / 1024), 'KiB');
line('npm pack unpacked size', Math.round(packed.unpackedSize / 1024), 'KiB');
// Where the packed bytes come from: each chunk's gzip size shared among its inputs by their bytes.
{
  const meta = JSON.parse(readFileSync(path.join(ROOT, '.tmp', 'meta.json'), 'utf8')) as {
    outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
  };
  const parts = new Map<string, number>();
  for (const [out, o] of Object.entries(meta.outputs)) {
    if (!out.endsWith('.js')) continue;
    const gz = gzipSync(readFileSync(path.join(ROOT, out)), { level: 9 }).length;
    const total = Object.values(o.inputs).reduce((n, i) => n + i.bytesInOutput, 0) || 1;
    for (const [input, i] of Object.entries(o.inputs)) {
      const lib = /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1];
      const key = lib ?? (input.startsWith('src/render/builtin-templates') ? 'our templates (precompiled)' : 'our code');
      parts.set(key, (parts.get(key) ?? 0) + (gz * i.bytesInOutput) / total);
    }
  }
  parts.set('the Kubernetes schema map (JSON)', gzipSync(readFileSync(path.join(ROOT, 'dist', 'k8s-schema.json')), { level: 9 }).length);
  const kb = (n: number) => `${Math.round(n / 1000)} kB`;
  const sorted = [...parts].sort((a, b) => b[1] - a[1]);
  const own = new Set(['our code', 'our templates (precompiled)', 'the Kubernetes schema map (JSON)']);
  const ours = sorted.filter(([k]) => own.has(k));
  const libs = sorted.filter(([k]) => !own.has(k));
  console.log(
    `packed bytes by part (gzip): ${ours.map(([k, n]) => `${k} ${kb(n)}`).join(', ')}; libraries ${kb(libs.reduce((n, [, b]) => n + b, 0))} (${libs
      .slice(0, 6)
      .map(([k, n]) => `${k} ${kb(n)}`)
      .join(', ')}, ...)`,
  );
}
rmSync(packDir, { recursive: true, force: true });
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
line('runtime dependencies', Object.keys(pkg.dependencies ?? {}).length, 'packages');
