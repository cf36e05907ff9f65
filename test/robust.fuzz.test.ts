// Property-based runs over the whole answer space, generated from the question registry itself, so
// every answer key (today's and tomorrow's) is exercised. Fixed seed in CI; FC_SEED to explore.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, parseAllDocuments } from 'yaml';
import { main } from '../src/cli/main.ts';
import { resolve } from '../src/plan/resolve.ts';
import { AnswersError } from '../src/plan/validation.ts';
import { renderPlan } from '../src/render/render.ts';
import { validateFiles } from '../src/validate/index.ts';
import { validationOptions } from '../src/plan/validate-options.ts';
import { TODAY } from './support/project.ts';
import { scriptedIo } from './support/io.ts';
import { answersArb } from './support/answers-arb.ts';
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
        assert.equal(errors.filter((x) => x.rule.startsWith('eksctl-')), [], 'eksctl rules');
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

test.run();
