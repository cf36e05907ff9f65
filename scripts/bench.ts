// `npm run bench`: prints one `name: median unit` line per figure. Figures, not assertions.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'create-eks-app.js');
const RUNS = Number(process.env.BENCH_RUNS ?? 15);

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeCommand(args: string[], opts: { cwd?: string; setup?: () => string; env?: Record<string, string> } = {}): number {
  const samples: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const cwd = opts.setup ? opts.setup() : opts.cwd ?? os.tmpdir();
    const t0 = process.hrtime.bigint();
    const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, CI: 'true', NO_COLOR: '1', ...opts.env }, stdio: 'pipe' });
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
    if (r.status !== 0 && !args.includes('--first-prompt')) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
    if (opts.setup) rmSync(cwd, { recursive: true, force: true });
  }
  return median(samples);
}

function line(name: string, value: number, unit: string) {
  console.log(`${name}: ${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`);
}

line('node startup (node -e 0)', (() => {
  const s: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = process.hrtime.bigint();
    spawnSync(process.execPath, ['-e', '0']);
    s.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(s);
})(), 'ms');
line('time to --help', timeCommand(['--help']), 'ms');
// The real first prompt needs a terminal: a pseudo-terminal from python3's pty module stands in for one.
const FIRST_PROMPT_PY = `
import os, pty, sys, time, select
t0 = time.perf_counter()
pid, fd = pty.fork()
if pid == 0:
    os.environ.pop('CI', None)
    os.execvp(sys.argv[1], [sys.argv[1], sys.argv[2], 'probe'])
buf = b''
while True:
    r, _, _ = select.select([fd], [], [], 10)
    if not r: break
    try: chunk = os.read(fd, 4096)
    except OSError: break
    if not chunk: break
    buf += chunk
    if b'region' in buf:
        print((time.perf_counter() - t0) * 1000); break
os.kill(pid, 9); os.waitpid(pid, 0)
`;
{
  const s: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const cwd = mkdtempSync(path.join(os.tmpdir(), 'bench-prompt-'));
    const r = spawnSync('python3', ['-c', FIRST_PROMPT_PY, process.execPath, BIN], { cwd, encoding: 'utf8' });
    rmSync(cwd, { recursive: true, force: true });
    if (r.status === 0 && r.stdout.trim()) s.push(Number(r.stdout.trim()));
  }
  if (s.length > 0) line('time to first prompt (pty)', median(s), 'ms');
  else console.log('time to first prompt (pty): not measured (python3 pty unavailable)');
}
line('full --yes generation', timeCommand(['my-cluster', '--yes'], { setup: () => mkdtempSync(path.join(os.tmpdir(), 'bench-')) }), 'ms');

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
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-validate-'));
  spawnSync(process.execPath, [BIN, 'p', '--yes'], { cwd: dir, env: { ...process.env, CI: 'true' } });
  line('validate one generated project (with start-up, no cluster)', timeCommand(['validate', 'p'], { cwd: dir, env: { PATH: path.dirname(process.execPath) } }), 'ms');
  rmSync(dir, { recursive: true, force: true });
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
    values.forEach((v, i) => { if (v !== undefined && QUESTIONS[i].kind !== 'list') setPath(a, QUESTIONS[i].key, v); });
    try {
      const plan = resolve(a as never, today);
      const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-fuzz-'));
      validateFiles(await renderPlan(plan, dir), validationOptions(plan));
      rmSync(dir, { recursive: true, force: true });
      rendered++;
    } catch (e) {
      // Refused sets are part of the campaign too; anything else is a bug the tests would catch.
      if ((e as Error).constructor.name !== 'AnswersError') throw e;
    }
  }
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  line(`fuzzed combinations (${samples.length} sets, ${rendered} rendered and validated)`, Math.round(samples.length / seconds), 'per second');
}

const packDir = mkdtempSync(path.join(os.tmpdir(), 'bench-pack-'));
const packed = JSON.parse(execFileSync('npm', ['pack', '--json', '--pack-destination', packDir], { cwd: ROOT, encoding: 'utf8' }))[0];
line('npm pack size', Math.round(statSync(path.join(packDir, readdirSync(packDir)[0])).size / 1024), 'KiB');
line('npm pack unpacked size', Math.round(packed.unpackedSize / 1024), 'KiB');
rmSync(packDir, { recursive: true, force: true });
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
line('runtime dependencies', Object.keys(pkg.dependencies ?? {}).length, 'packages');
