// Property-based runs over the whole answer space, generated from the question registry itself, so
// every answer key (today's and tomorrow's) is exercised. Fixed seed in CI; FC_SEED to explore.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, parseAllDocuments } from 'yaml';
import { QUESTIONS, type Question } from '../src/answers/registry.ts';
import { setPath } from '../src/answers/paths.ts';
import type { PartialAnswers } from '../src/answers/types.ts';
import { main } from '../src/cli/main.ts';
import { resolve } from '../src/plan/resolve.ts';
import { AnswersError } from '../src/plan/validation.ts';
import { renderPlan } from '../src/render/render.ts';
import { validateFiles } from '../src/validate/index.ts';
import { validationOptions } from '../src/plan/validate-options.ts';
import { TODAY } from './support/project.ts';
import { scriptedIo } from './support/io.ts';
import { sharedAvailable, validateClusterConfig, validateK8sYaml } from './support/oracles.ts';

const SEED = Number(process.env.FC_SEED ?? 20261128);
// CI runs the full campaign (thousands of valid sets); a local run stays quick.
const RUNS = Number(process.env.FC_RUNS ?? (process.env.CI ? 7000 : 800));

const HOSTILE = ['', ' ', 'a"b', "it's", 'k: v', '# c', 'line\nbreak', '{{x}}', '日本', '-x', 'x'.repeat(300), '\u2028'];
// Printable text that is valid where free text is allowed (tag values): it must come through escaping intact.
const PRINTABLE = ['prod', 'a "quoted" value', "it's", 'k: v # not a comment', '{{ not a template }}', 'ünïcødé 日本 🚀', '- dash', 'x'.repeat(256)];

// Values for free-text keys: good ones (valid alone) and bad ones; other keys use their own choices.
const GOOD: Record<string, string[]> = {
  name: ['my-cluster', 'prod-eu-1', 'a'],
  accountId: ['', '123456789012'],
  'app.name': ['web', 'api', 'a-b-c'],
  'app.namespace': ['web', 'shop'],
  'app.image': ['public.ecr.aws/nginx/nginx-unprivileged:1.30.4-alpine', 'ghcr.io/acme/api:1.2.3', `registry.example.com:5000/team/app@sha256:${'a'.repeat(64)}`],
  publicAccessCidrs: ['203.0.113.0/24', '198.51.100.7/32'],
  instanceTypes: ['m7i.large', 'm6i.xlarge', 'c6i.2xlarge'],
  kmsKeyArn: [''],
  'addon.externalDns.hostedZoneIds': ['Z0123456789ABCDEFGHIJ'],
  'addon.secretsStoreCsiDriverProviderAws.secretName': ['prod/web/db'],
};
const BAD: Record<string, string[]> = {
  name: ['x'.repeat(101), '9lives', 'bad_name', '-lead'],
  accountId: ['12345', 'abc'],
  'app.name': ['Web', '1api'],
  'app.namespace': ['kube-system', 'default', 'UPPER'],
  'app.image': ['nginx:latest', 'nginx', 'UPPER/case:1'],
  publicAccessCidrs: ['0.0.0.0/0', '10.0.0.1/8', 'nope', '2001:db8::/32'],
  instanceTypes: ['bogus', 'm7i'],
  kmsKeyArn: ['not-an-arn', 'arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab'],
};

function valueArb(q: Question, hostile: boolean): fc.Arbitrary<unknown> | undefined {
  const choices = q.choices?.({}, TODAY).map((c) => c.value) ?? [];
  const pool = hostile ? [...(GOOD[q.key] ?? choices), ...(BAD[q.key] ?? HOSTILE)] : GOOD[q.key] ?? choices;
  switch (q.kind) {
    case 'boolean': return hostile ? fc.boolean() : fc.constantFrom(false, false, false, true);
    case 'integer': return hostile ? fc.integer({ min: -5, max: 70000 }) : undefined;
    case 'list': return pool.length ? fc.subarray(pool, { minLength: hostile ? 0 : 1, maxLength: Math.min(3, pool.length) }) : undefined;
    case 'map': {
      // Tags take free text; Kubernetes labels only label-safe text.
      const free = q.key === 'tags';
      const keys = free ? ['team', 'env', 'cost center', 'a/b'] : ['team', 'env', 'example.com/tier'];
      const values = free ? PRINTABLE : ['a', 'prod', 'blue-1', ''];
      return fc.dictionary(fc.constantFrom(...keys, ...(hostile ? ['aws:x', '', 'kubernetes.io/x'] : [])), fc.constantFrom(...values, ...(hostile ? HOSTILE : [])), { maxKeys: 3 });
    }
    default: return pool.length ? fc.constantFrom(...pool) : hostile ? fc.constantFrom(...HOSTILE) : undefined;
  }
}

/** Repairs the few pairings that are always refused, so the valid-leaning generator mostly yields valid sets. */
function cohere(a: PartialAnswers): PartialAnswers {
  if (a.endpoint === 'private') delete a.publicAccessCidrs;
  if ((a.endpoint === 'public' || a.endpoint === 'public-private') && !a.publicAccessCidrs?.length) a.publicAccessCidrs = ['203.0.113.0/24'];
  if (a.publicAccessCidrs?.length && a.endpoint === undefined) a.endpoint = 'public-private';
  if (a.ipFamily === 'ipv6') delete a.natGateway;
  // No NAT means a fully private cluster with images from private ECR: covered by test/network.test.ts.
  if (a.natGateway === 'Disable') delete a.natGateway;
  if (a.ipFamily === 'ipv6') { delete a.prefixDelegation; delete a.externalSnat; if (a.compute === 'auto-mode') delete a.ipFamily; }
  if (a.volumeSnapshots && !a.storage?.includes('ebs')) a.volumeSnapshots = false;
  if (a.windowsNodes && a.compute !== undefined && a.compute !== 'managed' && a.compute !== 'self-managed') a.windowsNodes = false;
  if (a.ipFamily === 'ipv6' && (a.compute === 'self-managed' || a.windowsNodes)) delete a.ipFamily;
  if (a.compute === 'fargate' || a.windowsNodes) a.identity = 'irsa';
  delete a.customNetworking; // needs an existing VPC with a secondary CIDR: covered by test/network.test.ts
  if (a.autoModeNodePools && !a.autoModeNodePools.includes('general-purpose')) a.autoModeNodePools = ['general-purpose', ...a.autoModeNodePools];
  if (a.identity === 'irsa' && !a.accountId) a.accountId = '123456789012';
  return a;
}

/** Each question is given with some probability, otherwise left to its default. */
function answersArb(hostile: boolean): fc.Arbitrary<PartialAnswers> {
  const keyed = QUESTIONS.map((q) => [q.key, valueArb(q, hostile)] as const).filter((x): x is readonly [string, fc.Arbitrary<unknown>] => x[1] !== undefined);
  return fc
    .tuple(...keyed.map(([, arb]) => fc.option(arb, { freq: hostile ? 2 : 6, nil: undefined })))
    .map((values) => {
      const a: PartialAnswers = {};
      values.forEach((v, i) => { if (v !== undefined) setPath(a, keyed[i][0], v); });
      return hostile ? a : cohere(a);
    });
}

let valid = 0;
let invalid = 0;

test('random answers: valid ones render, parse and validate; invalid ones fail with one line naming a field', async () => {
  const t0 = Date.now();
  const checkOracles = sharedAvailable();
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
            // ../shared has no CRD for these two kinds; our own validator covers them.
            const problems = validateK8sYaml(f.content, plan.answers.kubernetesVersion).filter((p) => !/unknown kind (snapshot\.storage\.k8s\.io|autoscaling\.k8s\.io)\//.test(p));
            assert.equal(problems, [], f.path);
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
