// Workload identity: Pod Identity and IRSA for the app and for Karpenter's controller; the Karpenter
// controller policy follows Karpenter's split policies; Pod Identity is refused on Fargate and Windows
// with the flag that fixes it, and the wizard steers away from it there.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { podIdentityBlocker, QUESTION_BY_KEY } from '../src/answers/registry.ts';
import type { PartialAnswers } from '../src/answers/types.ts';
import { main } from '../src/cli/main.ts';
import type { Prompter } from '../src/cli/prompter.ts';
import { runWizard } from '../src/cli/wizard.ts';
import type { PolicyDocument, Statement } from '../src/plan/iam.ts';
import { resolve } from '../src/plan/resolve.ts';
import { ACCOUNT, clusterOf, oneProblem } from './compute.helpers.ts';
import { scriptedIo } from './support/io.ts';
import { renderAnswers, tempDir, TODAY } from './support/project.ts';
import { actionsGranted, sharedAvailable, skipNote, upstreamIamActions, SHARED_UPSTREAM } from './support/oracles.ts';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const list = <T>(v: T | T[] | undefined): T[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

test('Pod Identity: agent add-on, associations, trust for pods.eks.amazonaws.com; node roles can call eks-auth', async () => {
  for (const compute of ['managed', 'self-managed', 'karpenter'] as const) {
    const r = await renderAnswers({ compute });
    const c = clusterOf(r);
    assert.ok(
      c.addons.some((a: any) => a.name === 'eks-pod-identity-agent'),
      `${compute}: agent add-on`,
    );
    assert.is(c.iam.withOIDC, false);
    assert.match(r.files.get('README.md')!, /The node roles carry AmazonEKSWorkerNodePolicy, which grants the agent `eks-auth:AssumeRoleForPodIdentity`/);
  }
  const k = await renderAnswers({ compute: 'karpenter' });
  const cfn = JSON.parse(k.files.get('cloudformation/karpenter.json')!);
  assert.ok(
    cfn.Resources.KarpenterNodeRole.Properties.ManagedPolicyArns.includes('arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy'),
    'Karpenter nodes run the agent too',
  );
  // Auto Mode runs the agent itself.
  const auto = clusterOf(await renderAnswers({ compute: 'auto-mode' }));
  assert.not.ok((auto.addons ?? []).some((a: any) => a.name === 'eks-pod-identity-agent'));
  assert.ok(auto.iam.podIdentityAssociations.length > 0);
});

test('IRSA: OIDC provider, roleOnly service accounts with exact subjects, annotated ServiceAccounts', async () => {
  const r = await renderAnswers({ compute: 'karpenter', identity: 'irsa', accountId: ACCOUNT });
  const c = clusterOf(r);
  assert.is(c.iam.withOIDC, true);
  assert.is(c.iam.podIdentityAssociations, undefined);
  assert.not.ok(c.addons.some((a: any) => a.name === 'eks-pod-identity-agent'));
  const sas = c.iam.serviceAccounts.map((s: any) => `${s.metadata.namespace}/${s.metadata.name}=${s.roleName}`);
  assert.equal(sas, ['web/web=my-cluster-web', 'kube-system/karpenter=my-cluster-karpenter']);
  const trust = JSON.parse(r.files.get('iam/my-cluster-karpenter-trust.json')!);
  const cond = trust.Statement[0].Condition.StringEquals;
  assert.equal(Object.values(cond).sort(), ['sts.amazonaws.com', 'system:serviceaccount:kube-system:karpenter']);
  assert.is(
    parse(r.files.get('k8s/web/10-serviceaccount.yaml')!).metadata.annotations['eks.amazonaws.com/role-arn'],
    `arn:aws:iam::${ACCOUNT}:role/my-cluster-web`,
  );
});

test('Pod Identity is refused on Fargate and Windows, naming the flag that fixes it', async () => {
  oneProblem(
    { compute: 'fargate', identity: 'pod-identity' },
    /^identity: EKS Pod Identity does not run on Fargate pods; use --identity irsa \(with --account-id\) or use --compute managed$/,
  );
  oneProblem(
    { windowsNodes: true, identity: 'pod-identity' },
    /^identity: EKS Pod Identity does not run on Windows nodes; use --identity irsa \(with --account-id\) or drop --windows-nodes$/,
  );
  oneProblem(
    { fargate: { namespaces: ['web'] }, identity: 'pod-identity' },
    /^identity: namespace web runs on Fargate, where EKS Pod Identity does not run; use --identity irsa/,
  );
  // Non-interactive run: exit 1, and the first error line says why and which flag fixes it.
  const s = scriptedIo(['p', '--yes', '--compute', 'fargate', '--identity', 'pod-identity'], tempDir(), [], false);
  assert.is(await main(s.io), 1);
  assert.match(s.err(), /^error identity: EKS Pod Identity does not run on Fargate pods; use --identity irsa/);
  // Where nothing blocks it, Pod Identity stays the default; where something does, IRSA is.
  assert.is(resolve({}, TODAY).answers.identity, 'pod-identity');
  assert.is(resolve({ windowsNodes: true, accountId: ACCOUNT }, TODAY).answers.identity, 'irsa');
  assert.is(resolve({ fargate: { namespaces: ['web'] }, accountId: ACCOUNT }, TODAY).answers.identity, 'irsa');
  assert.is(resolve({ fargate: { namespaces: ['batch'] } }, TODAY).answers.identity, 'pod-identity');
});

/** A prompter that records what it was offered and answers from a script keyed by message. */
function recordingPrompter(answers: Record<string, unknown>) {
  const offered: Record<string, string[]> = {};
  const hints: Record<string, string> = {};
  const asked: string[] = [];
  const reply = (message: string, def: unknown) => {
    asked.push(message);
    const key = Object.keys(answers).find((k) => message.startsWith(k));
    return key === undefined ? def : answers[key];
  };
  const p: Prompter = {
    async input(q) {
      return String(reply(q.message, q.default ?? ''));
    },
    async select(q) {
      offered[q.message] = q.choices.map((c) => c.value);
      hints[q.message] = q.choices.map((c) => c.description).join(' | ');
      return String(reply(q.message, q.default));
    },
    async checkbox(q) {
      offered[q.message] = q.choices.map((c) => c.value);
      return reply(q.message, q.default) as string[];
    },
    async confirm(q) {
      return Boolean(reply(q.message, q.default));
    },
  };
  return { p, offered, hints, asked };
}

test('wizard: on Fargate or with Windows nodes IRSA is the only option, so it is not asked: a note says why', async () => {
  for (const given of [{ compute: 'fargate' }, { windowsNodes: true }] as PartialAnswers[]) {
    const w = recordingPrompter({ 'AWS account ID': ACCOUNT });
    const notes: string[] = [];
    const a = await runWizard({ ...given, addons: [] }, w.p, TODAY, { note: (n) => notes.push(n) });
    assert.not.ok(w.asked.includes('How pods get AWS credentials'), JSON.stringify(given));
    assert.ok(
      notes.some((n) =>
        /^How pods get AWS credentials: irsa, the only option here \(.*EKS Pod Identity does not run on (Fargate pods|Windows nodes)\)$/.test(n),
      ),
      notes.join('\n'),
    );
    assert.is(a.identity, 'irsa');
    resolve(a, TODAY);
  }
  const managed = recordingPrompter({});
  await runWizard({ compute: 'managed', addons: [] }, managed.p, TODAY);
  assert.equal(managed.offered['How pods get AWS credentials'], ['pod-identity', 'irsa']);
  assert.equal(
    QUESTION_BY_KEY.get('identity')!.choices!({ compute: 'fargate' }, TODAY).map((c) => c.value),
    ['irsa'],
  );
  assert.is(podIdentityBlocker({ compute: 'karpenter' }), undefined);
});

test('wizard: pod-identity given as a flag on Fargate is explained and IRSA offered, then the account id asked', async () => {
  const w = recordingPrompter({ 'EKS Pod Identity does not run on Fargate pods. Use IRSA': true, 'AWS account ID': ACCOUNT });
  const a = await runWizard({ compute: 'fargate', identity: 'pod-identity', accountId: '', addons: [] }, w.p, TODAY);
  assert.ok(w.asked.includes('EKS Pod Identity does not run on Fargate pods. Use IRSA (IAM roles for service accounts) instead?'), w.asked.join('\n'));
  assert.is(a.identity, 'irsa');
  assert.is(a.accountId, ACCOUNT);
  assert.is(resolve(a, TODAY).irsa, true);
  // Declining keeps the answer, and resolve() then names the fix.
  const no = recordingPrompter({ 'EKS Pod Identity does not run on Fargate pods. Use IRSA': false });
  const kept = await runWizard({ compute: 'fargate', identity: 'pod-identity', addons: [] }, no.p, TODAY);
  assert.is(kept.identity, 'pod-identity');
});

test('wizard: each compute type asks its own questions, in order', async () => {
  const karpenter = recordingPrompter({});
  const a = await runWizard({ compute: 'karpenter', addons: [] }, karpenter.p, TODAY);
  for (const q of [
    'Node operating system',
    'Instance types for the node group',
    'CPU architectures Karpenter may launch',
    'Capacity types Karpenter may launch',
  ])
    assert.ok(karpenter.asked.includes(q), q);
  assert.not.ok(karpenter.asked.includes('Namespaces that run on Fargate'));
  resolve(a, TODAY);
  const fargate = recordingPrompter({ 'AWS account ID': ACCOUNT });
  await runWizard({ compute: 'fargate', addons: [] }, fargate.p, TODAY);
  assert.not.ok(fargate.asked.includes('Instance types for the node group'), 'Fargate has no instance types');
  assert.ok(
    fargate.asked.indexOf('Namespaces that run on Fargate') > fargate.asked.indexOf('Namespace for the application'),
    'Fargate namespaces default to the app namespace, so they come after it',
  );
  const auto = recordingPrompter({});
  await runWizard({ compute: 'auto-mode', addons: [] }, auto.p, TODAY);
  assert.equal(auto.offered['EKS Auto Mode node pools'], ['general-purpose', 'system']);
  const selfManaged = recordingPrompter({});
  await runWizard({ compute: 'self-managed', addons: [] }, selfManaged.p, TODAY);
  assert.equal(selfManaged.offered['Capacity type of the node group'], ['on-demand', 'spot']);
  // An empty checkbox selection is refused inside the prompt, with the reason; the prompt keeps the selection.
  const refusals: (string | true | undefined)[] = [];
  const empty = recordingPrompter({});
  empty.p.checkbox = async (q) => {
    refusals.push(q.validate?.([]));
    return q.default;
  };
  await runWizard({ compute: 'karpenter', addons: [], karpenter: { capacityTypes: ['spot'] }, storage: [] }, empty.p, TODAY);
  assert.ok(
    refusals.some((r) => typeof r === 'string' && /give at least one of amd64, arm64/.test(r)),
    JSON.stringify(refusals),
  );
});

test("Karpenter controller policy: the upstream split policies' actions and Sids, scoped tighter, inline-sized", async () => {
  const r = await renderAnswers({ compute: 'karpenter', accountId: ACCOUNT });
  const doc: PolicyDocument = JSON.parse(r.files.get('iam/my-cluster-karpenter-policy.json')!);
  assert.equal(clusterOf(r).iam.podIdentityAssociations.find((p: any) => p.roleName === 'my-cluster-karpenter').permissionPolicy, doc);
  // eksctl attaches permissionPolicy inline; IAM allows 10,240 characters of inline policy per role (whitespace excluded).
  assert.ok(JSON.stringify(doc).length < 10240, `policy is ${JSON.stringify(doc).length} characters`);
  for (const s of doc.Statement) {
    for (const res of list(s.Resource)) {
      if (res === '*') continue;
      assert.not.match(res, /:\*:/, `${s.Sid}: account is pinned in ${res}`);
      assert.ok(
        res.includes(`:${ACCOUNT}:`) || /::(image|snapshot|parameter)|role\/|instance-profile|cluster\//.test(res) || res.startsWith('arn:aws:ssm:'),
        `${s.Sid}: ${res}`,
      );
    }
  }
  // The only unscoped resources are the ones upstream leaves unscoped too, and each is read-only or conditioned.
  const star = doc.Statement.filter((s) => list(s.Resource).includes('*')).map((s) => s.Sid);
  assert.equal(star, ['AllowZonalShiftStatusReadOnly', 'AllowRegionalReadActions', 'AllowPricingReadActions', 'AllowUnscopedInstanceProfileListAction']);
  // PassRole is limited to the node role and to EC2.
  const pass = doc.Statement.find((s) => s.Sid === 'AllowPassingInstanceRole')!;
  assert.is(pass.Resource, `arn:aws:iam::${ACCOUNT}:role/my-cluster-karpenter-node`);
  if (!sharedAvailable()) return skipNote("comparison with Karpenter's upstream controller policies");
  const upstream: Record<string, PolicyDocument> = JSON.parse(
    readFileSync(path.join(SHARED_UPSTREAM, 'iam/karpenter/karpenter-controller-policies.extracted.json'), 'utf8'),
  );
  const ours = actionsGranted(doc);
  const theirs = upstreamIamActions('karpenter/karpenter-controller-policies.extracted.json');
  assert.equal([...ours].sort(), [...theirs].sort(), "exactly the actions Karpenter's split policies grant");
  const upstreamSids = Object.values(upstream).flatMap((p) => (p.Statement as Statement[]).map((s) => s.Sid));
  assert.equal(
    doc.Statement.map((s) => s.Sid),
    upstreamSids,
    'same statements, same order',
  );
  // Statement by statement: the same actions and condition keys as upstream.
  const bySid = new Map(Object.values(upstream).flatMap((p) => (p.Statement as Statement[]).map((s) => [s.Sid, s] as const)));
  for (const s of doc.Statement) {
    const u = bySid.get(s.Sid)!;
    assert.equal(list(s.Action).sort(), list(u.Action).sort(), s.Sid);
    const keys = (x: Statement) =>
      Object.entries(x.Condition ?? {})
        .flatMap(([op, m]) => Object.keys(m).map((k) => `${op}:${k.replace(/\$\{ClusterName\}|my-cluster/, 'C')}`))
        .sort();
    assert.equal(keys(s), keys(u), `${s.Sid} conditions`);
  }
});

test.run();
