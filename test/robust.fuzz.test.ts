// Property-based runs over the whole answer space, generated from the question registry itself, so
// every answer key (today's and tomorrow's) is exercised. Fixed seed in CI; FC_SEED to explore.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, parseAllDocuments } from 'yaml';
import { main } from '../src/cli/main.ts';
import { AnswersFileError, parseAnswersFile } from '../src/answers/file.ts';
import { compareVersions } from '../src/packs/semver.ts';
import { TOOL_VERSION } from '../src/version.ts';
import { resolve } from '../src/plan/resolve.ts';
import { AnswersError } from '../src/plan/answer-rules.ts';
import { renderPlan } from '../src/render/render.ts';
import { validateFiles } from '../src/validate/index.ts';
import { validationOptions } from '../src/plan/validate-options.ts';
import { TODAY, treeOf } from './support/project.ts';
import { scriptedIo } from './support/io.ts';
import { ALWAYS_BAD, answersArb, wrongType } from './support/answers-arb.ts';
import { QUESTION_BY_KEY, QUESTIONS } from '../src/answers/registry.ts';
import { setPath } from '../src/answers/paths.ts';
import { sharedAvailable, skipNote, validateClusterConfig, validateK8sYaml } from './support/oracles.ts';

const SEED = Number(process.env.FC_SEED ?? 20261128);
// CI runs the full campaign (thousands of valid sets); a local run stays quick.
const RUNS = Number(process.env.FC_RUNS ?? (process.env.CI ? 7000 : 800));

let valid = 0;
let invalid = 0;

test('random answers: valid ones render, parse and validate; invalid ones fail with one line naming a field', async () => {
  const t0 = Date.now();
  const checkOracles = sharedAvailable();
  if (!checkOracles) skipNote('eksctl schema and Kubernetes OpenAPI checks of the fuzzed output');
  await fc.assert(
    fc.asyncProperty(answersArb(false), async (answers) => {
      let plan;
      try {
        plan = resolve(answers, TODAY);
      } catch (e) {
        if (!(e instanceof AnswersError)) throw e;
        invalid++;
        const first = e.message.split('\n')[0];
        assert.match(first, /^[a-zA-Z][\w.]*: \S/, `error line names a field: ${first}`);
        return;
      }
      valid++;
      {
        const files = await renderPlan(plan);
        for (const f of files) {
          if (f.path.endsWith('.json')) JSON.parse(f.content);
          if (f.path.endsWith('.yaml')) for (const d of parseAllDocuments(f.content)) assert.equal(d.errors, [], f.path);
        }
        const errors = validateFiles(files, validationOptions(plan)).findings.filter((x) => x.severity === 'error');
        // eksctl's own rules (src/validate/eksctl-rules.ts) first: a config eksctl refuses is a defect.
        assert.equal(
          errors.filter((x) => x.rule.startsWith('eksctl-')),
          [],
          'eksctl rules',
        );
        assert.equal(errors, [], 'own validator');
        if (checkOracles) {
          assert.equal(validateClusterConfig(parse(files.find((f) => f.path === 'eksctl/cluster.yaml')!.content)), [], 'eksctl schema');
          for (const f of files.filter((x) => x.path.startsWith('k8s/'))) {
            assert.equal(validateK8sYaml(f.content, plan.answers.kubernetesVersion), [], f.path);
          }
        }
      }
    }),
    { seed: SEED, numRuns: RUNS, endOnFailure: true },
  );
  console.log(`fuzz: ${valid + invalid} answer sets (${valid} valid, ${invalid} refused) in ${Date.now() - t0} ms, seed ${SEED}`);
  assert.ok(valid > RUNS / 20, `too few valid combinations (${valid}); the generator needs tuning`);
  assert.ok(invalid > RUNS / 20, `too few invalid combinations (${invalid})`);
});

test('hostile answers never crash resolve(): valid, or one error line naming a field', () => {
  let refused = 0;
  const t0 = Date.now();
  fc.assert(
    fc.property(answersArb(true), (answers) => {
      try {
        resolve(answers, TODAY);
      } catch (e) {
        if (!(e instanceof AnswersError)) throw e;
        refused++;
        assert.match(e.message.split('\n')[0], /^[a-zA-Z][\w.]*: \S/);
      }
    }),
    { seed: SEED + 2, numRuns: RUNS * 2 },
  );
  console.log(`fuzz: ${RUNS * 2} hostile answer sets resolved (${refused} refused) in ${Date.now() - t0} ms, seed ${SEED + 2}`);
});

test('the CLI refuses invalid answer files with exit 1, one line, no stack trace and no files', async () => {
  let refused = 0;
  await fc.assert(
    fc.asyncProperty(answersArb(true), async (answers) => {
      try {
        resolve(answers, TODAY);
        return; // valid: covered above
      } catch {
        refused++;
      }
      const cwd = mkdtempSync(path.join(os.tmpdir(), 'eks-app-fuzz-cli-'));
      try {
        writeFileSync(path.join(cwd, 'answers.json'), JSON.stringify(answers));
        const s = scriptedIo(['out', '--yes', '--answers', 'answers.json'], cwd, [], false);
        const code = await main(s.io);
        assert.is(code, 1);
        const lines = s.err().split('\n').filter(Boolean);
        assert.is(lines.length, 1, s.err());
        assert.not.match(s.err(), /\n\s+at /);
        assert.equal(readdirSync(cwd), ['answers.json']);
      } finally {
        rmSync(cwd, { recursive: true, force: true });
      }
    }),
    { seed: SEED + 1, numRuns: Math.ceil(RUNS / 4), endOnFailure: true },
  );
  assert.ok(refused > 0);
});

// --- The robustness campaign: aliases and odd scalars in answers files, sizes, obstacles in the
// target, racing runs and version skew. Each generated case ends in a complete result or one line.

test('one hostile field in an otherwise valid answer set: the error names that field', () => {
  const keys = QUESTIONS.map((q) => q.key);
  let checked = 0;
  fc.assert(
    fc.property(answersArb(false), fc.constantFrom(...keys), fc.nat(), (answers, key, pick) => {
      try {
        resolve(answers, TODAY);
      } catch {
        return;
      } // only valid sets are corrupted
      const q = QUESTION_BY_KEY.get(key)!;
      const bad = [...(ALWAYS_BAD[key] ?? []), wrongType(q)];
      const value = bad[pick % bad.length];
      const corrupted = structuredClone(answers);
      setPath(corrupted, key, q.kind === 'list' && typeof value === 'string' && ALWAYS_BAD[key] ? [value] : value);
      checked++;
      try {
        resolve(corrupted, TODAY);
      } catch (e) {
        if (!(e instanceof AnswersError)) throw e;
        const first = e.message.split('\n')[0];
        assert.ok(first.startsWith(`${key}: `) || first.startsWith(`${key.split('.')[0]}: `), `${key}=${JSON.stringify(value)}: ${first}`);
        return;
      }
      assert.unreachable(`${key}=${JSON.stringify(value)} was accepted`);
    }),
    { seed: SEED + 8, numRuns: RUNS },
  );
  assert.ok(checked > RUNS / 10, `only ${checked} valid sets were corrupted`);
});

const SCALARS = ['web', 'shop', '.inf', '-.inf', '.nan', '1e400', '3', '-1', 'null', '~', '""', "'x'", '[a, b]', '{a: b}', 'true', 'yes'];
const KEYS_FOR_TEXT = [
  'name',
  'region',
  'nodeGroup.maxSize',
  'tags',
  'app',
  'app.name',
  'nodeGroup.instanceTypes',
  'fargate.namespaces',
  'nodeGroup.labels',
  'bogus',
];

/** An answers file with anchors, aliases (some to nothing), odd scalars and nested maps. */
const answersTextArb = fc
  .array(
    fc.record({
      key: fc.constantFrom(...KEYS_FOR_TEXT),
      value: fc.constantFrom(...SCALARS),
      anchor: fc.option(fc.constantFrom('a', 'b', 'c'), { nil: undefined }),
      alias: fc.option(fc.constantFrom('a', 'b', 'c', 'nowhere'), { freq: 3, nil: undefined }),
    }),
    { maxLength: 6 },
  )
  .map((lines) =>
    lines
      .map((l) => {
        const [head, tail] = l.key.includes('.') ? l.key.split('.') : [l.key, undefined];
        const value = l.alias ? `*${l.alias}` : `${l.anchor ? `&${l.anchor} ` : ''}${l.value}`;
        return tail ? `${head}:\n  ${tail}: ${value}` : `${head}: ${value}`;
      })
      .join('\n'),
  );

test('answers files with aliases, anchors and odd scalars: answers, or one line naming the file', () => {
  fc.assert(
    fc.property(answersTextArb, (text) => {
      try {
        const a = parseAnswersFile(text, 'a.yaml');
        // Aliases were followed: no value is a stand-in object.
        assert.not.match(JSON.stringify(a), /"source":/);
      } catch (e) {
        if (!(e instanceof AnswersFileError)) throw e;
        assert.match(e.message, /^a\.yaml(:\d+:\d+)?: \S/);
        assert.not.match(e.message, /\n/);
      }
    }),
    { seed: SEED + 3, numRuns: RUNS },
  );
});

test('tags by the thousand and values at the limits: planned, or one line naming tags', () => {
  fc.assert(
    fc.property(fc.constantFrom(0, 1, 50, 51, 5000), fc.constantFrom(0, 256, 257), (count, length) => {
      const tags = Object.fromEntries(Array.from({ length: count }, (_, i) => [`k${i}`, 'v'.repeat(length)]));
      try {
        resolve({ tags }, TODAY);
        assert.ok(count <= 50 && (length <= 256 || count === 0));
      } catch (e) {
        if (!(e instanceof AnswersError)) throw e;
        assert.match(e.message.split('\n')[0], /^tags: /);
      }
    }),
    { seed: SEED + 4, numRuns: 30 },
  );
});

const OBSTACLE_PATHS = [
  'k8s',
  'k8s/web',
  'k8s/web/20-deployment.yaml',
  'README.md',
  'eksctl',
  'eksctl/cluster.yaml',
  '.eks-app',
  '.eks-app/base',
  'iam',
  'notes.txt',
];

test('--overwrite with obstacles in the target: a complete project, or one line and the target as it was', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.record({ at: fc.constantFrom(...OBSTACLE_PATHS), kind: fc.constantFrom('file', 'dir', 'link') }), { minLength: 1, maxLength: 3 }),
      async (obstacles) => {
        const cwd = mkdtempSync(path.join(os.tmpdir(), 'eks-app-fuzz-obstacle-'));
        const outside = mkdtempSync(path.join(os.tmpdir(), 'eks-app-fuzz-outside-'));
        try {
          const t = path.join(cwd, 't');
          mkdirSync(t);
          for (const o of obstacles) {
            const p = path.join(t, o.at);
            if (existsSync(p) || !existsSync(path.dirname(p)) || !statSync(path.dirname(p)).isDirectory()) continue;
            if (o.kind === 'file') writeFileSync(p, 'mine');
            else if (o.kind === 'dir') mkdirSync(p);
            else symlinkSync(outside, p);
          }
          const before = treeOf(cwd);
          const s = scriptedIo(['t', '--yes', '--overwrite'], cwd, [], false);
          const code = await main(s.io);
          assert.equal(readdirSync(outside), [], 'nothing written through a link');
          assert.not.match(s.err(), /\n\s+at /);
          if (code === 0) {
            assert.ok(statSync(path.join(t, 'eksctl', 'cluster.yaml')).isFile());
            assert.ok(statSync(path.join(t, '.eks-app.json')).isFile());
          } else {
            assert.is(code, 1);
            assert.is(
              s
                .err()
                .split('\n')
                .filter((l) => l.startsWith('error')).length,
              1,
              s.err(),
            );
            assert.equal(treeOf(cwd), before, 'the target is as it was');
          }
        } finally {
          rmSync(cwd, { recursive: true, force: true });
          rmSync(outside, { recursive: true, force: true });
        }
      },
    ),
    { seed: SEED + 5, numRuns: process.env.CI ? 100 : 25 },
  );
});

test('two runs racing into one target inside one process: one project, one line', async () => {
  await fc.assert(
    fc.asyncProperty(fc.boolean(), async (existing) => {
      const cwd = mkdtempSync(path.join(os.tmpdir(), 'eks-app-fuzz-race-'));
      try {
        if (existing) mkdirSync(path.join(cwd, 't'));
        const a = scriptedIo(['t', '--yes', '--app-name', 'alpha'], cwd, [], false);
        const b = scriptedIo(['t', '--yes', '--app-name', 'beta'], cwd, [], false);
        const codes = await Promise.all([main(a.io), main(b.io)]);
        assert.equal(codes.slice().sort(), [0, 1], a.err() + b.err());
        assert.is(readdirSync(path.join(cwd, 't', 'k8s')).length, 1);
        assert.equal(readdirSync(cwd), ['t']);
      } finally {
        rmSync(cwd, { recursive: true, force: true });
      }
    }),
    { seed: SEED + 6, numRuns: process.env.CI ? 50 : 10 },
  );
});

test('version skew in the state file: newer is refused untouched, odd versions are one line', async () => {
  const cwd = mkdtempSync(path.join(os.tmpdir(), 'eks-app-fuzz-skew-'));
  try {
    assert.is(await main(scriptedIo(['p', '--yes'], cwd, [], false).io), 0);
    const file = path.join(cwd, 'p', '.eks-app.json');
    const state = JSON.parse(readFileSync(file, 'utf8'));
    const versionArb = fc.oneof(
      fc.tuple(fc.nat(120), fc.nat(20), fc.nat(20)).map(([a, b, c]) => `${a}.${b}.${c}`),
      fc.constantFrom('banana', '0.1', '', '1.0.0-rc.1', '99.0.0+build', 'v1.2.3', '0.1.0'),
    );
    await fc.assert(
      fc.asyncProperty(versionArb, fc.constantFrom('update', 'check'), async (version, command) => {
        writeFileSync(file, JSON.stringify({ ...state, tool: { ...state.tool, version } }, null, 2));
        const before = treeOf(cwd);
        const s = scriptedIo([command, 'p'], cwd, [], false);
        const code = await main(s.io);
        assert.not.match(s.err(), /\n\s+at /);
        if (code !== 0)
          assert.ok(
            s
              .err()
              .split('\n')
              .filter((l) => l.startsWith('error')).length <= 1,
            s.err(),
          );
        const newer = /^\d+\.\d+\.\d+/.test(version) && compareVersions(version, TOOL_VERSION) > 0;
        if (newer && command === 'update') {
          assert.is(code, 1);
          assert.equal(treeOf(cwd), before, 'a newer project is not downgraded');
        }
      }),
      { seed: SEED + 7, numRuns: 40 },
    );
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
});

test.run();
