// Defects a review against eksctl v0.230 and AWS found in what the tool wrote: each case here failed
// before its fix.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import { oneProblem } from './compute.helpers.ts';
import type { PartialAnswers } from '../src/answers/types.ts';
import { renderAnswers } from './support/project.ts';

const ACCOUNT = '111122223333';

test('IRSA trust in China names the issuer host under amazonaws.com.cn', async () => {
  const cn = await renderAnswers({ region: 'cn-north-1', identity: 'irsa', accountId: ACCOUNT });
  const trust = JSON.parse(cn.files.get('iam/my-cluster-web-trust.json')!);
  const federated: string = trust.Statement[0].Principal.Federated;
  assert.is(federated, `arn:aws-cn:iam::${ACCOUNT}:oidc-provider/oidc.eks.cn-north-1.amazonaws.com.cn/id/\${OIDC_ID}`);
  assert.ok(Object.keys(trust.Statement[0].Condition.StringEquals).every((k) => k.startsWith('oidc.eks.cn-north-1.amazonaws.com.cn/')));
  const commercial = await renderAnswers({ identity: 'irsa', accountId: ACCOUNT });
  assert.match(
    JSON.parse(commercial.files.get('iam/my-cluster-web-trust.json')!).Statement[0].Principal.Federated,
    /oidc-provider\/oidc\.eks\.us-east-1\.amazonaws\.com\/id\//,
  );
});

test('China endpoint names: cn. prefix only where eksctl uses it (not s3 or logs)', async () => {
  const cn = await renderAnswers({ region: 'cn-north-1', identity: 'irsa', accountId: ACCOUNT });
  const readme = cn.files.get('README.md')!;
  assert.ok(readme.includes('`cn.com.amazonaws.cn-north-1.ecr.api`'));
  assert.ok(readme.includes('`com.amazonaws.cn-north-1.s3`'), 's3 has no cn. prefix');
  assert.ok(readme.includes('`com.amazonaws.cn-north-1.logs`'), 'logs has no cn. prefix');
  assert.not.ok(readme.includes('cn.com.amazonaws.cn-north-1.s3'));
});

test('AWS CLI calls name the region (STS and the OIDC id), as China and GovCloud need', async () => {
  for (const region of ['cn-north-1', 'us-gov-west-1']) {
    const sts = (await renderAnswers({ region, identity: 'pod-identity', accountId: '' })).files.get('README.md')!;
    assert.match(sts, new RegExp(`aws sts get-caller-identity --region ${region} `));
    assert.not.match(sts, /aws sts get-caller-identity --query/);
    const oidc = (await renderAnswers({ region, identity: 'irsa', accountId: ACCOUNT })).files.get('README.md')!;
    assert.match(oidc, new RegExp(`aws eks describe-cluster --region ${region} --name my-cluster --query cluster\\.identity\\.oidc\\.issuer`));
  }
});

test('--nat-gateway under IPv6 is not dropped without a word', async () => {
  const r = await renderAnswers({ ipFamily: 'ipv6', natGateway: 'Single' });
  assert.ok(
    r.plan.warnings.some((w) => w.startsWith('natGateway: eksctl builds IPv6 VPCs with one NAT gateway')),
    r.plan.warnings.join('\n'),
  );
  assert.equal(parse(r.files.get('eksctl/cluster.yaml')!).vpc.nat, undefined);
  // Left to its default, nothing is said.
  assert.not.ok((await renderAnswers({ ipFamily: 'ipv6' })).plan.warnings.some((w) => w.startsWith('natGateway:')));
});

test('vpa says that the VPA itself is not installed', async () => {
  const r = await renderAnswers({ addons: ['metrics-server', 'vpa'] });
  assert.ok(r.plan.warnings.some((w) => /^vpa: this project writes the VerticalPodAutoscaler object only; install the VPA itself/.test(w)));
});

test('the FSx for Lustre driver add-on is refused under IPv6, as fsx-lustre storage is', () => {
  oneProblem(
    { ipFamily: 'ipv6', addons: ['aws-fsx-csi-driver'] },
    /^addons: aws-fsx-csi-driver is not available here: FSx for Lustre does not work in IPv6 clusters$/,
  );
});

test('kube-prometheus-stack on EKS: no control-plane or kube-proxy scraping, data on an encrypted EBS volume', async () => {
  const r = await renderAnswers({ addons: ['aws-ebs-csi-driver', 'kube-prometheus-stack'] });
  const v = parse(r.files.get('helm/kube-prometheus-stack.values.yaml')!);
  for (const k of ['kubeControllerManager', 'kubeScheduler', 'kubeEtcd', 'kubeProxy']) assert.equal(v[k], { enabled: false }, k);
  const storage = v.prometheus.prometheusSpec.storageSpec.volumeClaimTemplate.spec;
  assert.is(storage.storageClassName, 'gp3');
  assert.equal(storage.resources.requests, { storage: '50Gi' });
  // Without the EBS CSI driver, the driver comes with it (as add addon brings it).
  const alone = await renderAnswers({ addons: ['kube-prometheus-stack'] });
  assert.ok(
    parse(alone.files.get('eksctl/cluster.yaml')!).addons.some((a: any) => a.name === 'aws-ebs-csi-driver'),
    'kube-prometheus-stack brings the EBS CSI driver its volume needs',
  );
});

test('EKS add-ons are not taken for Helm charts: cert-manager and metrics-server work without NAT', async () => {
  const image = '111122223333.dkr.ecr.us-east-1.amazonaws.com/web:1.0.0';
  const r = await renderAnswers({ natGateway: 'Disable', addons: ['cert-manager', 'metrics-server'], app: { image } } as PartialAnswers);
  const readme = r.files.get('README.md')!;
  assert.not.match(readme, /helm upgrade --install/);
  assert.equal(
    parse(r.files.get('eksctl/cluster.yaml')!)
      .addons.map((a: any) => a.name)
      .filter((n: string) => ['cert-manager', 'metrics-server'].includes(n)),
    ['cert-manager', 'metrics-server'],
  );
  assert.match(readme, /aws eks wait addon-active .* --addon-name cert-manager/);
  // Helm add-ons are still refused there: their images come from public registries.
  oneProblem(
    { natGateway: 'Disable', addons: ['external-dns'], addon: { externalDns: { hostedZoneIds: ['Z0123456789ABCDEFGHIJ'] } }, app: { image } } as PartialAnswers,
    /^addons: external-dns installs from a Helm chart/,
  );
});

test('tag values AWS refuses are refused here, so no value can turn into an envsubst variable', () => {
  for (const value of ['${AWS_ACCOUNT_ID}', '$HOME', 'a {b}', 'say "hi"', 'rocket 🚀']) {
    oneProblem(
      { tags: { team: value } },
      /^tags: tag "team" value may contain only letters, digits, spaces and _ \. : \/ = \+ - @ \(AWS refuses other characters\)$/,
    );
  }
});

test('a later section exports what cluster.yaml needs, so it works in a new shell', async () => {
  const r = await renderAnswers({ compute: 'self-managed' });
  const step = r.plan.maintenance.find((s) => s.title === 'Replace a self-managed node group')!;
  const envsubstAt = step.commands.findIndex((c) => c.includes('envsubst'));
  for (const v of ['AWS_ACCOUNT_ID', 'CREATOR_CIDR', 'KMS_KEY_ARN']) {
    const at = step.commands.findIndex((c) => c.startsWith(`export ${v}=`));
    assert.ok(at >= 0 && at < envsubstAt, `${v} is exported before envsubst reads cluster.yaml`);
  }
});

test.run();
