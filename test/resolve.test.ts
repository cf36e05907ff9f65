import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolve } from '../src/plan/resolve.ts';
import { AnswersError } from '../src/plan/answer-rules.ts';
import { parseCidr, cidrsOverlap } from '../src/plan/cidr.ts';
import { newestStandardVersion } from '../src/data/versions.ts';
import { TODAY, tempDir } from './support/project.ts';

function problemOf(answers: object): string {
  try {
    resolve(answers as any, TODAY);
  } catch (e) {
    assert.instance(e, AnswersError);
    return (e as Error).message;
  }
  throw new Error('expected resolve() to refuse the answers');
}

test('defaults give a secure, complete plan', () => {
  const plan = resolve({}, TODAY);
  assert.is(plan.answers.identity, 'pod-identity');
  assert.is(plan.answers.endpoint, 'private');
  assert.is(plan.answers.kubernetesVersion, newestStandardVersion(TODAY));
  assert.is(plan.supportType, 'STANDARD');
  assert.equal(plan.logTypes, ['api', 'audit', 'authenticator']);
  assert.ok(plan.addons.some((a) => a.name === 'eks-pod-identity-agent'));
  assert.is(plan.app.role.trust.Statement[0].Principal?.Service, 'pods.eks.amazonaws.com');
});

test('giving public CIDRs makes the endpoint public-private by default', () => {
  const plan = resolve({ publicAccessCidrs: ['203.0.113.0/24'] }, TODAY);
  assert.is(plan.answers.endpoint, 'public-private');
  assert.ok(plan.publicAccess);
});

test('each bad field is refused with its path and a fix', () => {
  assert.match(problemOf({ name: '9lives' }), /^name: "9lives" is not a valid cluster name; use letters/);
  assert.match(problemOf({ name: 'a_b' }), /^name: /);
  assert.match(problemOf({ region: 'mars-north-1' }), /^region: .*us-east-1/);
  assert.match(problemOf({ kubernetesVersion: '1.20' }), /^kubernetesVersion: "1.20" is not a version EKS supports today; choose one of/);
  assert.match(problemOf({ app: { name: 'Web' } }), /^app\.name: /);
  assert.match(problemOf({ app: { namespace: 'kube-system' } }), /^app\.namespace: kube-system is reserved/);
  assert.match(problemOf({ app: { image: 'nginx' } }), /^app\.image: nginx: pin a version tag or digest/);
  assert.match(problemOf({ app: { image: 'nginx:latest' } }), /^app\.image: /);
  assert.match(problemOf({ app: { port: 80 } }), /^app\.port: 80 needs root/);
  assert.match(problemOf({ app: { port: 70000 } }), /^app\.port: must be a whole number from 1 to 65535/);
  assert.match(problemOf({ nodeGroup: { instanceTypes: [] } }), /^nodeGroup.instanceTypes: give at least one/);
  assert.match(problemOf({ accountId: '1234' }), /^accountId: /);
  assert.match(problemOf({ tags: { 'aws:owner': 'x' } }), /^tags: tag key "aws:owner": the aws: prefix is reserved/);
  assert.match(problemOf({ tags: { team: 'a\nb' } }), /^tags: tag "team" value must not contain control characters/);
});

test('endpoint rules: CIDRs must be valid, and 0.0.0.0/0 needs explicit confirmation', () => {
  assert.match(problemOf({ publicAccessCidrs: ['10.0.0.1/8'] }), /^publicAccessCidrs: 10\.0\.0\.1\/8 has host bits set; the network is 10\.0\.0\.0\/8/);
  assert.match(problemOf({ publicAccessCidrs: ['not-a-cidr'] }), /^publicAccessCidrs: "not-a-cidr" is not a CIDR/);
  assert.match(
    problemOf({ publicAccessCidrs: ['0.0.0.0/0'] }),
    /^publicAccessCidrs: 0\.0\.0\.0\/0 opens the Kubernetes API to the whole internet; .*--allow-public-internet/,
  );
  assert.ok(resolve({ publicAccessCidrs: ['0.0.0.0/0'], allowPublicInternet: true }, TODAY).publicAccess);
  assert.match(problemOf({ endpoint: 'public-private' }), /^publicAccessCidrs: required when the endpoint is public-private/);
  assert.match(problemOf({ endpoint: 'private', publicAccessCidrs: ['203.0.113.0/24'] }), /^publicAccessCidrs: only used with a public endpoint/);
});

test('IRSA needs the account id, because the ServiceAccount annotation names the role ARN', () => {
  assert.match(problemOf({ identity: 'irsa' }), /^accountId: required with identity irsa/);
  const plan = resolve({ identity: 'irsa', accountId: '123456789012' }, TODAY);
  const cond = plan.app.role.trust.Statement[0].Condition!.StringEquals;
  assert.equal(Object.values(cond).sort(), ['sts.amazonaws.com', 'system:serviceaccount:web:web']);
  assert.is(plan.app.role.arn, 'arn:aws:iam::123456789012:role/my-cluster-web');
});

test('node counts must be ordered min <= desired <= max', () => {
  assert.match(
    problemOf({ nodeGroup: { minSize: 3, desiredCapacity: 2, maxSize: 4 } }),
    /^nodeGroup\.desiredCapacity: must lie between nodeGroup\.minSize and nodeGroup\.maxSize/,
  );
});

test('extended-support versions warn and set supportType EXTENDED', async () => {
  const { KUBERNETES_VERSIONS, supportStatus } = await import('../src/data/versions.ts');
  const ext = KUBERNETES_VERSIONS.find((v) => supportStatus(v.version, TODAY) === 'extended');
  assert.ok(ext, 'on the test date some version is in extended support (1.32 and 1.33 are)');
  const plan = resolve({ kubernetesVersion: ext!.version }, TODAY);
  assert.is(plan.supportType, 'EXTENDED');
  assert.ok(plan.warnings.some((w) => w.includes('extended support')));
});

test('partition follows the region, so ARNs work in China and GovCloud', () => {
  const plan = resolve({ region: 'cn-north-1', accountId: '123456789012' }, TODAY);
  assert.is(plan.aws.partition, 'aws-cn');
  assert.ok(plan.roles.every((r) => r.arn.startsWith('arn:aws-cn:iam::123456789012:role/')));
  assert.is(
    resolve(
      { region: 'cn-north-1', accountId: '123456789012', kmsKeyArn: 'arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab' },
      TODAY,
    ).kms.arn,
    'arn:aws-cn:kms:cn-north-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab',
  );
});

test('CIDR parsing and overlap, IPv4 and IPv6', () => {
  const a = parseCidr('10.0.0.0/16');
  const b = parseCidr('10.0.128.0/17');
  const c = parseCidr('10.1.0.0/16');
  assert.ok(typeof a !== 'string' && typeof b !== 'string' && typeof c !== 'string');
  assert.ok(cidrsOverlap(a as any, b as any));
  assert.not.ok(cidrsOverlap(a as any, c as any));
  const v6 = parseCidr('2001:db8::/32');
  assert.is(typeof v6 !== 'string' && v6.canonical, '2001:db8::/32');
  assert.type(parseCidr('256.0.0.0/8'), 'string');
  assert.type(parseCidr('10.0.0.0/33'), 'string');
});

test('"Create the cluster" run again after a creation that stopped part way makes what is missing', () => {
  const cmds = (answers: Parameters<typeof resolve>[0]) =>
    resolve(answers, TODAY)
      .steps.find((s) => s.title === 'Create the cluster')!
      .commands.join('\n');
  const podIdentity = cmds({});
  assert.match(podIdentity, /^eksctl get cluster .* \|\| .*eksctl create cluster -f -$/m);
  for (const re of [/^eksctl create nodegroup --config-file /m, /^eksctl create addon --config-file /m]) assert.match(podIdentity, re);
  // eksctl would make an association's role stack again and fail: each is created alone, when missing.
  assert.match(
    podIdentity,
    // A lookup that fails (an AWS CLI without the command, no permission) stops the step instead of reading as "none".
    /^ASSOCIATION="\$\(aws eks list-pod-identity-associations --region us-east-1 --cluster-name my-cluster --namespace web --service-account web --query 'associations\[0\]\.associationId' --output text\)" && \{ \[ "\$ASSOCIATION" != None \] \|\| .* eksctl create podidentityassociation --config-file <\(envsubst '[^']*' < eksctl\/pod-identity\/web\/web\.yaml\); \}; \}$/m,
  );
  assert.not.match(podIdentity, /podidentityassociation --config-file <\(envsubst '[^']*' < eksctl\/cluster\.yaml\)/);
  assert.match(cmds({ identity: 'irsa', accountId: '111122223333' }), /^eksctl create iamserviceaccount --config-file .* --approve$/m);
  // A fully private cluster's API does not answer from outside the VPC: only what needs no Kubernetes API.
  const private_ = cmds({ natGateway: 'Disable', app: { image: '111122223333.dkr.ecr.us-east-1.amazonaws.com/web:1.0.0', port: 8080 } });
  assert.not.match(private_, /eksctl create nodegroup|eksctl create iamserviceaccount/);
  assert.match(private_, /^eksctl create addon /m);
});

// Stand-ins for aws and eksctl (no AWS account here): aws answers the lookup and says whether the
// role's stack exists, as told; eksctl records that it ran.
test('the association guard creates only when the lookup says none and no stranded stack is left; a failed lookup stops the step', () => {
  const line = resolve({}, TODAY)
    .steps.find((s) => s.title === 'Create the cluster')!
    .commands.find((c) => c.includes('list-pod-identity-associations'))!;
  const bin = tempDir();
  writeFileSync(
    path.join(bin, 'aws'),
    [
      '#!/bin/sh',
      'case "$*" in *describe-stacks*) [ "$STACK" = yes ] && exit 0; echo "Stack does not exist" >&2; exit 254;; esac',
      '[ "$AWS_ANSWER" = fail ] && { echo "aws: error" >&2; exit 255; }',
      'echo "$AWS_ANSWER"',
      '',
    ].join('\n'),
    { mode: 0o755 },
  );
  writeFileSync(path.join(bin, 'eksctl'), '#!/bin/sh\necho ran >> "$EKSCTL_LOG"\n', { mode: 0o755 });
  writeFileSync(path.join(bin, 'envsubst'), '#!/bin/sh\ncat\n', { mode: 0o755 });
  const run = (answer: string, stack = 'no') => {
    const log = path.join(tempDir(), 'eksctl.log');
    const r = spawnSync('bash', ['-c', line], {
      cwd: tempDir(),
      env: { PATH: `${bin}:${process.env.PATH}`, AWS_ANSWER: answer, STACK: stack, EKSCTL_LOG: log },
      encoding: 'utf8',
    });
    return { code: r.status, created: existsSync(log), err: r.stderr };
  };
  const none = run('None');
  assert.equal([none.code, none.created], [0, true], 'none yet: created');
  const there = run('a-0123456789abcdef0');
  assert.equal([there.code, there.created], [0, false], 'there: left alone');
  const failed = run('fail');
  assert.is(failed.created, false, 'a failed lookup creates nothing');
  assert.is.not(failed.code, 0, 'and the step fails');
  const stranded = run('None', 'yes');
  assert.is(stranded.created, false, 'eksctl would fail on the stack: not run');
  assert.is.not(stranded.code, 0);
  assert.match(
    stranded.err,
    /Stack eksctl-my-cluster-podidentityrole-web-web exists without its association .*aws cloudformation delete-stack --region us-east-1 --stack-name eksctl-my-cluster-podidentityrole-web-web/,
  );
});

test.run();
