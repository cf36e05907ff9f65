// Shared checks for the compute, identity and access suites: a rendered project must satisfy the
// upstream oracles (eksctl schema, Kubernetes OpenAPI and CRDs), the project's own validator, and
// the IAM rules (parses, no "Action": "*", trust scoped to the exact service account).
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import type { PartialAnswers } from '../src/answers/types.ts';
import { resolve } from '../src/plan/resolve.ts';
import { AnswersError } from '../src/plan/answer-rules.ts';
import { validateFiles } from '../src/validate/index.ts';
import type { Rendered } from './support/project.ts';
import { TODAY } from './support/project.ts';
import { sharedAvailable, validateClusterConfig, validateK8sYaml } from './support/oracles.ts';

export const ACCOUNT = '111122223333';

/** Every action string anywhere in a JSON-like value (policy documents nest them under Statement). */
function actionsIn(v: unknown, out: string[] = []): string[] {
  if (Array.isArray(v)) v.forEach((x) => actionsIn(x, out));
  else if (v && typeof v === 'object') {
    for (const [k, x] of Object.entries(v)) {
      if (k === 'Action' || k === 'NotAction') out.push(...[x].flat().map(String));
      else actionsIn(x, out);
    }
  }
  return out;
}

export function clusterOf(r: Rendered): any {
  return parse(r.files.get('eksctl/cluster.yaml')!);
}

/** The checks every project must pass; `label` names the combination in failure messages. */
export function checkProject(r: Rendered, label: string): void {
  const cfg = clusterOf(r);
  if (sharedAvailable()) {
    assert.equal(validateClusterConfig(cfg), [], `${label}: eksctl schema`);
    for (const [p, content] of r.files) {
      if (p.startsWith('k8s/')) assert.equal(validateK8sYaml(content, r.plan.answers.kubernetesVersion), [], `${label}: ${p}`);
    }
  }
  // The project's own offline validator reports no errors either.
  const res = validateFiles(
    [...r.files].map(([path, content]) => ({ path, content })),
    { kubernetesVersion: r.plan.answers.kubernetesVersion },
  );
  assert.equal(
    res.findings.filter((f) => f.severity === 'error'),
    [],
    `${label}: create-eks-app validate`,
  );

  const documents: unknown[] = [cfg];
  for (const [p, content] of r.files) if (p.endsWith('.json')) documents.push(JSON.parse(content));
  for (const doc of documents) {
    const wild = actionsIn(doc).filter((a) => a === '*' || a === '*:*' || /^(iam|sts):\*$/.test(a));
    assert.equal(wild, [], `${label}: no wildcard actions`);
  }
  for (const role of r.plan.roles) {
    const trust = JSON.parse(r.files.get(`iam/${role.name}-trust.json`)!);
    const s = trust.Statement[0];
    if (r.plan.irsa) {
      const cond = s.Condition.StringEquals;
      const sub = Object.keys(cond).find((k) => k.endsWith(':sub'))!;
      assert.is(
        cond[sub],
        `system:serviceaccount:${role.serviceAccount.namespace}:${role.serviceAccount.name}`,
        `${label}: ${role.name} trust names the exact subject`,
      );
      assert.is(cond[sub.replace(/:sub$/, ':aud')], 'sts.amazonaws.com', `${label}: ${role.name} trust names the STS audience`);
      assert.is(s.Action, 'sts:AssumeRoleWithWebIdentity');
    } else {
      assert.equal(s.Principal, { Service: 'pods.eks.amazonaws.com' }, `${label}: ${role.name} trusts EKS Pod Identity`);
      assert.equal(s.Action, ['sts:AssumeRole', 'sts:TagSession']);
    }
  }
  // Each workload role is bound in the ClusterConfig the way the identity mode needs.
  for (const role of r.plan.workloadRoles) {
    if (role.existing) {
      // The user's own role: bound by ARN under Pod Identity, and not created under IRSA.
      if (r.plan.podIdentity)
        assert.ok(
          cfg.iam.podIdentityAssociations.some((x: any) => x.roleARN === role.arn && x.roleName === undefined),
          `${label}: ${role.name} bound by ARN`,
        );
      else
        assert.not.ok(
          cfg.iam.serviceAccounts?.some((x: any) => x.roleName === role.name),
          `${label}: ${role.name} not created`,
        );
    } else if (r.plan.irsa) {
      assert.ok(cfg.iam.withOIDC === true, `${label}: IRSA needs withOIDC`);
      assert.ok(
        cfg.iam.serviceAccounts.some(
          (x: any) => x.roleName === role.name && x.metadata.namespace === role.serviceAccount.namespace && x.metadata.name === role.serviceAccount.name,
        ),
        `${label}: ${role.name} in iam.serviceAccounts`,
      );
    } else {
      assert.ok(
        cfg.iam.podIdentityAssociations.some(
          (x: any) => x.roleName === role.name && x.namespace === role.serviceAccount.namespace && x.serviceAccountName === role.serviceAccount.name,
        ),
        `${label}: ${role.name} in iam.podIdentityAssociations`,
      );
    }
  }
}

/** The error lines resolve() gives for these answers (fails the test when it accepts them). */
export function problemsOf(answers: PartialAnswers): string[] {
  try {
    resolve(answers, TODAY);
  } catch (e) {
    assert.instance(e, AnswersError);
    return (e as Error).message.split('\n');
  }
  throw new Error(`expected resolve() to refuse ${JSON.stringify(answers)}`);
}

/** Exactly one problem, and it matches. */
export function oneProblem(answers: PartialAnswers, re: RegExp): void {
  const lines = problemsOf(answers);
  assert.is(lines.length, 1, `one error for ${JSON.stringify(answers)}, got:\n${lines.join('\n')}`);
  assert.match(lines[0], re);
}
