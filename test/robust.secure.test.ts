// Secure by default, asserted: the default output of every compute type passes the project's own
// lint with no findings at all, and carries each hardened setting the brief names.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, parseAllDocuments } from 'yaml';
import { COMPUTE_TYPES, type PartialAnswers } from '../src/answers/types.ts';
import { validateFiles } from '../src/validate/index.ts';
import { validationOptions } from '../src/plan/validate-options.ts';
import { renderAnswers } from './support/project.ts';

/** The least each compute type needs beyond the defaults (Fargate runs IRSA, which needs the account). */
const MINIMAL: Record<string, PartialAnswers> = { fargate: { identity: 'irsa', accountId: '123456789012' } };

const docs = (files: Map<string, string>, prefix: string) =>
  [...files].filter(([p]) => p.startsWith(prefix) && p.endsWith('.yaml')).flatMap(([, c]) => parseAllDocuments(c).map((d) => d.toJSON()));

for (const compute of COMPUTE_TYPES) {
  test(`${compute}: default output has no lint findings and is hardened`, async () => {
    const { plan, files } = await renderAnswers({ compute, ...MINIMAL[compute] });
    const findings = validateFiles(
      [...files].map(([path, content]) => ({ path, content })),
      { ...validationOptions(plan), strict: true },
    ).findings;
    assert.equal(
      findings.filter((f) => f.severity !== 'unchecked'),
      [],
      'own lint, strict',
    );

    const cluster = parse(files.get('eksctl/cluster.yaml')!);
    assert.is(cluster.accessConfig.authenticationMode, 'API', 'access entries, not aws-auth');
    assert.is(cluster.secretsEncryption.keyARN, '${KMS_KEY_ARN}', 'the created key, by the ARN a README step resolves');
    assert.ok(cluster.cloudWatch.clusterLogging.enableTypes.includes('audit'), 'audit logging');
    // Private by default: public only to the creator's address during creation, then closed by a README step.
    assert.equal(cluster.vpc.publicAccessCIDRs, ['${CREATOR_CIDR}'], 'public only to the creator while eksctl works');
    const readme = files.get('README.md')!;
    assert.ok(readme.indexOf('--public-access=false') > readme.indexOf('eksctl create cluster'), 'the endpoint is made private after creation');
    for (const ng of [...(cluster.managedNodeGroups ?? []), ...(cluster.nodeGroups ?? [])]) {
      assert.is(ng.disableIMDSv1, true, `${ng.name}: IMDSv2 required`);
      if (plan.podIdentity) assert.is(ng.disablePodIMDS, true, `${ng.name}: pods cannot reach node credentials`);
    }
    for (const nc of docs(files, 'k8s/').filter((o) => o?.kind === 'EC2NodeClass')) {
      assert.is(nc.spec.metadataOptions.httpTokens, 'required');
      assert.is(nc.spec.metadataOptions.httpPutResponseHopLimit, 1);
    }

    const objects = docs(files, 'k8s/');
    for (const ns of objects.filter((o) => o?.kind === 'Namespace')) {
      assert.is(ns.metadata.labels?.['pod-security.kubernetes.io/enforce'], 'restricted', `${ns.metadata.name}: PSS restricted`);
    }
    for (const w of objects.filter((o) => ['Deployment', 'StatefulSet', 'Job'].includes(o?.kind))) {
      const pod = w.spec.template.spec;
      assert.is(pod.securityContext?.runAsNonRoot, true, `${w.metadata.name}: non-root`);
      assert.is(pod.securityContext?.seccompProfile?.type, 'RuntimeDefault', `${w.metadata.name}: seccomp`);
      for (const c of pod.containers) {
        assert.is(c.securityContext?.readOnlyRootFilesystem, true, `${c.name}: read-only root`);
        assert.is(c.securityContext?.allowPrivilegeEscalation, false, `${c.name}: no escalation`);
        assert.equal(c.securityContext?.capabilities?.drop, ['ALL'], `${c.name}: capabilities dropped`);
        assert.ok(c.resources?.requests && c.resources?.limits, `${c.name}: requests and limits`);
        assert.not.match(c.image, /:latest$|^[^:@]+$/, `${c.name}: pinned image`);
        if (w.kind !== 'Job') assert.ok(c.readinessProbe && c.livenessProbe, `${c.name}: probes`);
      }
    }
    for (const [p, content] of files) {
      if (!p.startsWith('iam/')) continue;
      const doc = JSON.parse(content);
      for (const s of doc.Statement) {
        const actions = [s.Action ?? []].flat();
        assert.not.ok(
          actions.some((a: string) => a === '*' || /^(iam|kms|sts|s3|secretsmanager|ec2|eks):\*$/.test(a)),
          `${p}: no wildcard action on a sensitive service`,
        );
        if (p.endsWith('-trust.json') && s.Principal?.Federated) {
          const cond = s.Condition?.StringEquals ?? {};
          assert.ok(
            Object.keys(cond).some((k) => k.endsWith(':sub')) && Object.keys(cond).some((k) => k.endsWith(':aud')),
            `${p}: IRSA trust scoped to subject and audience`,
          );
          assert.not.ok(
            Object.values(cond).some((v) => String(v).includes('*')),
            `${p}: exact subject`,
          );
        }
      }
    }
  });
}

test('the API endpoint opens to 0.0.0.0/0 only with explicit confirmation, recorded in the README', async () => {
  const { files } = await renderAnswers({ publicAccessCidrs: ['0.0.0.0/0'], allowPublicInternet: true });
  assert.equal(parse(files.get('eksctl/cluster.yaml')!).vpc.publicAccessCIDRs, ['0.0.0.0/0']);
  assert.match(files.get('README.md')!, /whole internet/);
});

test.run();
