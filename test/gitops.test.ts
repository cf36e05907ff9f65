// EKS capabilities (eksctl examples 47 and 48) and GitOps with the Argo CD capability: cluster.yaml
// as eksctl takes it, every Application accepted by Argo CD's own Application CRD (the oracle is
// @kubernetes-models/argo-cd, validators generated from application-crd.yaml of Argo CD v2.14.11),
// and a README that installs nothing with helm.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Application } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/Application';
import { AppProject } from '@kubernetes-models/argo-cd/argoproj.io/v1alpha1/AppProject';
import { parse, parseAllDocuments } from 'yaml';
import { ensureNamespaces, realApiServer, serverVerdict, skip } from './support/apiserver.ts';
import type { PartialAnswers } from '../src/answers/types.ts';
import { HELM_CHARTS } from '../src/data/versions.ts';
import { checkEksctlRules } from '../src/validate/eksctl-rules.ts';
import { APPLY_TIME_SAMPLES, validatePath } from '../src/validate/index.ts';
import { ACCOUNT, checkProject, clusterOf, oneProblem } from './compute.helpers.ts';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { main } from '../src/cli/main.ts';
import { scriptedIo } from './support/io.ts';
import { renderAnswers, tempDir, validatorErrors } from './support/project.ts';

const IDC = 'arn:aws:sso:::instance/ssoins-0123456789abcdef';
const GROUP = '9067c4a2-10b1-70a1-1234-0123456789ab';
const REPO = 'https://github.com/acme/platform.git';
const ACK_POLICY = `arn:aws:iam::${ACCOUNT}:policy/ack-s3-buckets`;
const GITOPS: PartialAnswers = {
  gitops: 'argocd',
  compute: 'karpenter',
  ingress: 'alb',
  addons: ['external-dns', 'metrics-server'],
  addon: { externalDns: { hostedZoneIds: ['Z0123456789ABCDEFGHIJ'] } },
  argocd: { idcInstanceArn: IDC, adminGroupIds: [GROUP], repoUrl: REPO },
};
const fill = (text: string) => text.replace(/\$\{(\w+)\}/g, (m, v: string) => APPLY_TIME_SAMPLES[v] ?? m);

/** Argo CD's own verdict on an AppProject. */
function argoProjectProblems(obj: unknown): string | undefined {
  try {
    new AppProject(obj as never).validate();
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

/** Argo CD's own verdict on an Application; the message names the path. */
function argoProblems(obj: unknown): string | undefined {
  try {
    new Application(obj as never).validate();
    return undefined;
  } catch (e) {
    return (e as Error).message;
  }
}

test('the Argo CD CRD oracle refuses what Argo CD refuses', () => {
  const app = { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: 'x' }, spec: { project: 'default', destination: {} } };
  assert.is(argoProblems(app), undefined);
  assert.match(argoProblems({ ...app, spec: { destination: {} } })!, /project/);
  assert.match(argoProblems({ ...app, spec: { ...app.spec, source: { path: 'k8s' } } })!, /repoURL/);
});

test('gitops argocd: the Argo CD capability with Identity Center admins and cluster rights, one Application per Helm release and one for the app', async () => {
  const r = await renderAnswers(GITOPS);
  const cfg = clusterOf(r);
  assert.equal(cfg.capabilities, [
    {
      name: 'argocd',
      type: 'ARGOCD',
      deletePropagationPolicy: 'RETAIN',
      accessPolicies: [{ policyARN: 'arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy', accessScope: { type: 'cluster' } }],
      configuration: {
        argocd: { namespace: 'argocd', awsIdc: { idcInstanceArn: IDC }, rbacRoleMappings: [{ role: 'ADMIN', identities: [{ id: GROUP, type: 'SSO_GROUP' }] }] },
      },
    },
  ]);
  const rules: string[] = [];
  checkEksctlRules(parse(fill(r.files.get('eksctl/cluster.yaml')!)), (rule, path, message) => rules.push(`${rule} ${path}: ${message}`));
  assert.equal(rules, []);
  checkProject(r, 'gitops argocd');
  assert.equal(await validatorErrors(r), []);

  // Every Application passes Argo CD's CRD; apply-time files as the README fills them.
  const apps = [...r.files].filter(([p]) => p.startsWith('argocd/') && parse(fill(r.files.get(p)!))?.kind === 'Application');
  for (const [p, content] of apps) assert.is(argoProblems(parse(fill(content))), undefined, p);
  // Each Helm release, Karpenter's included, is an Application with its pinned chart and this repository's values.
  assert.equal(r.plan.helmReleases.map((h) => h.release).sort(), ['aws-load-balancer-controller', 'external-dns', 'karpenter']);
  for (const h of r.plan.helmReleases) {
    const path = [...r.files.keys()].find((p) => p.startsWith(`argocd/addons/${h.release}.yaml`))!;
    const app = parse(fill(r.files.get(path)!));
    const [chart, values] = app.spec.sources;
    assert.is(chart.chart, h.chart);
    assert.is(chart.targetRevision, HELM_CHARTS[h.id as keyof typeof HELM_CHARTS].version);
    assert.equal(chart.helm.valueFiles, [`$values/${h.valuesFile}`]);
    assert.ok(r.files.has(h.valuesFile), `${h.valuesFile} is in the repository`);
    assert.equal(values, { repoURL: REPO, targetRevision: 'main', ref: 'values' });
    assert.is(app.spec.destination.name, 'local-cluster');
  }
  // Karpenter's chart is in an OCI registry: Argo CD reads it through a repository Secret.
  const karpenter = parse(r.files.get('argocd/addons/karpenter.yaml')!);
  assert.is(karpenter.spec.sources[0].repoURL, 'public.ecr.aws/karpenter');
  const repo = parse(r.files.get('argocd/repositories.yaml')!);
  assert.equal(repo.stringData, { type: 'helm', name: 'public-ecr-aws-karpenter', url: 'public.ecr.aws/karpenter', enableOCI: 'true' });
  // The VPC id reaches the load balancer controller as a parameter filled in at apply time.
  const lbc = parse(r.files.get('argocd/addons/aws-load-balancer-controller.yaml.tmpl')!);
  assert.equal(lbc.spec.sources[0].helm.parameters, [{ name: 'vpcId', value: '${VPC_ID}' }]);
  // The application's Application syncs its folder.
  const web = parse(r.files.get('argocd/web.yaml')!);
  assert.equal(web.spec.source, { repoURL: REPO, targetRevision: 'main', path: 'k8s/web' });
  assert.is(web.spec.destination.namespace, 'web');
  // Every Application is in the project's own AppProject, which reads only this repository and the pinned charts.
  for (const [p, content] of apps) assert.is(parse(fill(content)).spec.project, 'my-cluster', p);
  const project = parse(r.files.get('argocd/project.yaml')!);
  assert.is(argoProjectProblems(project), undefined);
  assert.equal(project.spec.sourceRepos.sort(), [
    'https://aws.github.io/eks-charts',
    REPO,
    'https://kubernetes-sigs.github.io/external-dns/',
    'public.ecr.aws/karpenter',
  ]);
  assert.equal(project.spec.destinations, [{ name: 'local-cluster', namespace: '*' }]);
  // The cluster is registered by its ARN, which the README reads.
  const secret = parse(fill(r.files.get('argocd/cluster.yaml.tmpl')!));
  assert.equal(secret.metadata.labels, { 'argocd.argoproj.io/secret-type': 'cluster' });
  assert.is(secret.stringData.server, APPLY_TIME_SAMPLES.CLUSTER_ARN);
});

test('gitops argocd: the README registers the cluster, installs through Argo CD and waits; it runs no helm and no kubectl apply of the app folder', async () => {
  const r = await renderAnswers(GITOPS);
  const readme = r.files.get('README.md')!;
  assert.not.match(readme, /helm upgrade/);
  assert.not.match(readme, /kubectl apply -f k8s\/web\//);
  const titles = r.plan.steps.map((s) => s.title);
  const register = titles.indexOf('Connect Argo CD to this cluster and its repository');
  assert.ok(register > titles.indexOf('Create the cluster') && register < titles.indexOf('Install Karpenter through Argo CD'));
  assert.ok(titles.indexOf('Install Karpenter through Argo CD') < titles.indexOf('Create the NodePool and EC2NodeClass'));
  const reg = r.plan.steps[register].commands;
  assert.match(reg[0], /aws eks describe-capability .*--capability-name argocd --query capability\.status .*= ACTIVE/);
  assert.ok(reg.includes(`git ls-remote --exit-code ${REPO} main`));
  assert.ok(reg.includes(`envsubst '\${CLUSTER_ARN}' < argocd/cluster.yaml.tmpl | kubectl apply -f -`));
  assert.ok(reg.indexOf('kubectl apply -f argocd/project.yaml') > 0, 'the AppProject exists before any Application');
  const lbc = r.plan.steps.find((s) => s.title === 'Install AWS Load Balancer Controller through Argo CD')!.commands;
  assert.equal(lbc.slice(-3), [
    'export VPC_ID',
    `envsubst '\${VPC_ID}' < argocd/addons/aws-load-balancer-controller.yaml.tmpl | kubectl apply -f -`,
    `kubectl -n argocd wait --for=jsonpath='{.status.health.status}'=Healthy application/aws-load-balancer-controller --timeout=15m`,
  ]);
  const deploy = r.plan.steps.find((s) => s.title === 'Deploy web')!.commands;
  assert.equal(deploy.slice(0, 3), [
    'kubectl apply -f argocd/web.yaml',
    `kubectl -n argocd wait --for=jsonpath='{.status.sync.status}'=Synced application/web --timeout=15m`,
    'kubectl -n web rollout status deployment/web',
  ]);
  assert.match(readme, /\*\*GitOps with Argo CD\*\*: `https:\/\/github\.com\/acme\/platform\.git` at `main` holds this project at its root/);
});

test('capabilities without GitOps (examples 47 and 48): ACK with its policies, KRO, and Argo CD with no rights in the cluster', async () => {
  const r = await renderAnswers({
    capabilities: ['argocd', 'ack', 'kro'],
    argocd: { idcInstanceArn: IDC, idcRegion: 'us-west-2' },
    ackPolicyArns: [ACK_POLICY],
  });
  const caps = clusterOf(r).capabilities;
  assert.equal(
    caps.map((c: any) => [c.name, c.type, c.deletePropagationPolicy]),
    [
      ['argocd', 'ARGOCD', 'RETAIN'],
      ['ack', 'ACK', 'RETAIN'],
      ['kro', 'KRO', 'RETAIN'],
    ],
  );
  assert.is(caps[0].accessPolicies, undefined, 'without GitOps Argo CD gets no rights here');
  assert.equal(caps[0].configuration.argocd.awsIdc, { idcInstanceArn: IDC, idcRegion: 'us-west-2' });
  assert.equal(caps[1].attachPolicyARNs, [ACK_POLICY]);
  checkProject(r, 'capabilities');
  assert.not.ok([...r.files.keys()].some((p) => p.startsWith('argocd/')));
  const readme = r.files.get('README.md')!;
  assert.match(readme, /helm upgrade|kubectl apply -f k8s\/web\//);
  assert.match(readme, /\*\*ACK\*\* creates and changes AWS resources with its role's policies only/);
  assert.match(readme, /It has no rights in this cluster yet/);
});

test('wrong capability and GitOps answers are one line naming the field', () => {
  oneProblem({ gitops: 'argocd', argocd: { idcInstanceArn: IDC } }, /^argocd\.repoUrl: gitops argocd reads this project from Git; give --argocd-repo-url /);
  oneProblem(
    { gitops: 'argocd', capabilities: [], argocd: { repoUrl: REPO } },
    /^capabilities: gitops argocd needs the Argo CD capability; add argocd: --capabilities argocd$/,
  );
  oneProblem({ capabilities: ['argocd'] }, /^argocd\.idcInstanceArn: EKS's Argo CD signs people in through IAM Identity Center only/);
  oneProblem({ capabilities: ['ack'] }, /^ackPolicyArns: ACK changes AWS resources with its role's permissions, and the role would have none/);
  oneProblem(
    { capabilities: ['ack'], ackPolicyArns: ['arn:aws:iam::aws:policy/AdministratorAccess'] },
    /^ackPolicyArns: .*AdministratorAccess would let anyone who may create Kubernetes objects change the whole account/,
  );
  oneProblem({ capabilities: ['kro', 'kro'] }, /^capabilities: lists a capability twice/);
  oneProblem({ capabilities: ['flux' as never] }, /^capabilities: must be one of argocd, ack, kro \(got "flux"/);
  oneProblem({ argocd: { repoUrl: REPO } }, /^argocd\.repoUrl: applies to the Argo CD capability, which is not chosen/);
  oneProblem(
    { capabilities: ['kro'], permissionsBoundaryArn: `arn:aws:iam::${ACCOUNT}:policy/boundary` },
    /^capabilities: eksctl creates capability roles without a permissions boundary/,
  );
  oneProblem({ capabilities: ['kro'], access: 'aws-auth' }, /^capabilities: EKS gives each capability an access entry/);
  oneProblem(
    { capabilities: ['argocd'], argocd: { idcInstanceArn: 'arn:aws:sso:::instance/x' } },
    /^argocd\.idcInstanceArn: "arn:aws:sso:::instance\/x" is not an IAM Identity Center instance ARN/,
  );
  oneProblem(
    { capabilities: ['argocd'], argocd: { idcInstanceArn: IDC, adminGroupIds: ['admins'] } },
    /^argocd\.adminGroupIds: "admins" is not an Identity Center group id/,
  );
  oneProblem(
    { ...GITOPS, tls: { domain: 'web.example.com' } },
    /^tls\.domain: Argo CD applies the files as they are in Git, and a requested certificate's ARN is known only at apply time/,
  );
});

test('the Secrets that register the cluster and the OCI registry with Argo CD pass the real API server', async () => {
  const api = await realApiServer();
  if ('missing' in api) return skip('the Argo CD Secrets on the API server', api.missing);
  const r = await renderAnswers(GITOPS);
  const secrets = ['argocd/cluster.yaml.tmpl', 'argocd/repositories.yaml'].flatMap((p) => parseAllDocuments(fill(r.files.get(p)!)).map((d) => d.toJS()));
  assert.equal(
    secrets.map((o) => o.kind),
    ['Secret', 'Secret'],
  );
  await ensureNamespaces(api, ['argocd']);
  for (const o of secrets) assert.equal(await serverVerdict(api, o, 'argocd'), { accepted: true }, o.metadata.name);
});

test('add service in a GitOps project: the service gets its own Application, and the next step applies it', async () => {
  const cwd = tempDir();
  const flags = ['--gitops', 'argocd', '--argocd-repo-url', REPO, '--argocd-idc-instance-arn', IDC];
  const run = async (argv: string[]) => {
    const s = scriptedIo(argv, cwd, [], false);
    const code = await main(s.io);
    return { code, out: s.out(), err: s.err() };
  };
  assert.is((await run(['shop', '--yes', ...flags])).code, 0);
  const r = await run(['add', 'service', 'api', '--project', 'shop']);
  assert.is(r.code, 0, r.err);
  assert.match(r.out, /kubectl apply -f argocd\/api\.yaml/);
  const app = parse(readFileSync(path.join(cwd, 'shop/argocd/api.yaml'), 'utf8'));
  assert.equal(app.spec.source, { repoURL: REPO, targetRevision: 'main', path: 'k8s/api' });
  assert.is(argoProblems(app), undefined);
  assert.match(readFileSync(path.join(cwd, 'shop/README.md'), 'utf8'), /kubectl apply -f argocd\/api\.yaml/);
  assert.equal(
    (await validatePath(path.join(cwd, 'shop'))).findings.filter((f) => f.severity === 'error'),
    [],
  );
});

test.run();
