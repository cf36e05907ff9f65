import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, parseAllDocuments } from 'yaml';
import { ALLOWED_MUSTACHES } from '../src/render/helpers.ts';
import { yamlValue, jsonValue } from '../src/render/escape.ts';
import { renderAnswers } from './support/project.ts';
import { sharedAvailable, skipNote, validateClusterConfig, validateK8sYaml } from './support/oracles.ts';

const TEMPLATES = path.join(path.dirname(new URL(import.meta.url).pathname), '..', 'templates');

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}

const HOSTILE = [
  'plain',
  'with "double" and \'single\' quotes',
  'colon: space',
  '# not a comment',
  'line\nbreak',
  'tab\there',
  '{{ handlebars }}',
  '}}{{',
  'ünïcødé 日本語 🚀',
  '- leading dash',
  '---',
  '...',
  'null',
  'true',
  '0x1F',
  '1e3',
  '\\backslash\\',
  '\u2028sep\u2029',
  '@at',
  '&anchor *alias',
  '!tag',
  '%directive',
  '`backtick`',
  ' leading space',
  'trailing space ',
  'x'.repeat(300),
  '',
];

test('every value in a template goes through an escaping helper', () => {
  for (const file of walk(TEMPLATES)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/\{\{\{?~?\s*([^\s}]+)/g)) {
      const head = m[1];
      if (head.startsWith('!')) continue;
      assert.ok(ALLOWED_MUSTACHES.includes(head), `${path.relative(TEMPLATES, file)}: {{${head} ...}} is not an escaping helper or block`);
    }
    assert.not.ok(text.includes('{{{'), `${file}: triple-stash bypasses escaping`);
  }
});

test('yaml and json helpers round-trip hostile strings exactly', () => {
  for (const s of HOSTILE) {
    assert.equal(parse(`key: ${yamlValue(s)}\n`).key, s, `yaml: ${JSON.stringify(s)}`);
    assert.equal(parse(`${yamlValue(s)}: 1\n`)[s], 1, `yaml key: ${JSON.stringify(s)}`);
    assert.equal(JSON.parse(jsonValue({ s })).s, s);
  }
  const nested = { a: [1, 'two', { 'x: y': HOSTILE }], b: null, c: false };
  assert.equal(parse(`v: ${yamlValue(nested)}\n`).v, nested);
});

test('every rendered file parses back, and tags arrive exactly as given', async () => {
  const tags: Record<string, string> = {};
  // Of the hostile strings, those AWS takes as tag values (YAML and Handlebars still see them as syntax).
  HOSTILE.filter((v) => /^[\p{L}\p{Z}\p{N}_.:/=+\-@]*$/u.test(v) && !/[\n\t\u2028\u2029]/.test(v) && v.length <= 256).forEach((v, i) => {
    tags[`k${i}`] = v;
  });
  tags['team name: core'] = 'a: b - c';
  const { files } = await renderAnswers({ tags, accountId: '123456789012' });
  for (const [p, content] of files) {
    if (p.endsWith('.json')) JSON.parse(content);
    if (p.endsWith('.yaml')) for (const d of parseAllDocuments(content)) assert.equal(d.errors, [], p);
  }
  const cluster = parse(files.get('eksctl/cluster.yaml')!);
  assert.equal(cluster.metadata.tags, tags);
  assert.equal(cluster.managedNodeGroups[0].tags, tags);
});

test('default output: secure cluster settings', async () => {
  const { files } = await renderAnswers({ accountId: '123456789012' });
  const c = parse(files.get('eksctl/cluster.yaml')!);
  assert.is(c.accessConfig.authenticationMode, 'API');
  assert.is(c.accessConfig.bootstrapClusterCreatorAdminPermissions, true);
  assert.is(c.secretsEncryption.keyARN, '${KMS_KEY_ARN}');
  // The IRSA note's command prints the OIDC id itself, not the issuer URL.
  const irsa = (await renderAnswers({ identity: 'irsa', accountId: '123456789012' })).files.get('README.md')!;
  assert.ok(irsa.includes("--query cluster.identity.oidc.issuer --output text | awk -F/ '{print $NF}'"));
  assert.equal(c.cloudWatch.clusterLogging.enableTypes, ['api', 'audit', 'authenticator']);
  // Private in the end; while eksctl builds the cluster only the creator's address reaches the API.
  assert.equal(c.vpc.clusterEndpoints, { privateAccess: true, publicAccess: true });
  assert.equal(c.vpc.publicAccessCIDRs, ['${CREATOR_CIDR}']);
  assert.match(
    files.get('README.md')!,
    /eksctl utils update-cluster-vpc-config --cluster my-cluster --region us-east-1 --private-access=true --public-access=false --approve/,
  );
  const ng = c.managedNodeGroups[0];
  assert.is(ng.disableIMDSv1, true);
  assert.is(ng.privateNetworking, true);
  assert.ok(ng.minSize >= 2, 'at least two nodes, so they spread over two AZs');
  assert.equal(c.iam.podIdentityAssociations[0], {
    namespace: 'web',
    serviceAccountName: 'web',
    roleName: 'my-cluster-web',
    permissionPolicy: JSON.parse(files.get('iam/my-cluster-web-policy.json')!),
  });
  const trust = JSON.parse(files.get('iam/my-cluster-web-trust.json')!);
  assert.equal(trust.Statement[0].Principal, { Service: 'pods.eks.amazonaws.com' });
  assert.equal(trust.Statement[0].Action, ['sts:AssumeRole', 'sts:TagSession']);
});

test('default output: hardened sample application', async () => {
  const { files } = await renderAnswers({});
  const ns = parse(files.get('k8s/web/00-namespace.yaml')!);
  assert.is(ns.metadata.labels['pod-security.kubernetes.io/enforce'], 'restricted');
  const dep = parse(files.get('k8s/web/20-deployment.yaml')!);
  const pod = dep.spec.template.spec;
  const ctr = pod.containers[0];
  assert.is(pod.securityContext.runAsNonRoot, true);
  assert.is(pod.securityContext.seccompProfile.type, 'RuntimeDefault');
  assert.is(ctr.securityContext.readOnlyRootFilesystem, true);
  assert.is(ctr.securityContext.allowPrivilegeEscalation, false);
  assert.equal(ctr.securityContext.capabilities.drop, ['ALL']);
  assert.ok(ctr.resources.requests.cpu && ctr.resources.limits.memory);
  assert.ok(ctr.readinessProbe && ctr.livenessProbe);
  assert.not.match(ctr.image, /:latest$/);
  assert.equal(dep.spec.selector.matchLabels, { 'app.kubernetes.io/name': 'web' });
  assert.is(dep.spec.template.metadata.labels['app.kubernetes.io/name'], 'web');
  const svc = parse(files.get('k8s/web/30-service.yaml')!);
  assert.equal(svc.spec.selector, dep.spec.selector.matchLabels);
  assert.is(pod.serviceAccountName, parse(files.get('k8s/web/10-serviceaccount.yaml')!).metadata.name);
});

test('IRSA output: OIDC, exact subject and audience, annotated ServiceAccount', async () => {
  const { files } = await renderAnswers({ identity: 'irsa', accountId: '123456789012' });
  const c = parse(files.get('eksctl/cluster.yaml')!);
  assert.is(c.iam.withOIDC, true);
  assert.is(c.iam.podIdentityAssociations, undefined);
  assert.equal(c.iam.serviceAccounts[0].metadata, { name: 'web', namespace: 'web' });
  assert.is(c.iam.serviceAccounts[0].roleOnly, true);
  assert.not.ok(c.addons.some((a: any) => a.name === 'eks-pod-identity-agent'));
  const sa = parse(files.get('k8s/web/10-serviceaccount.yaml')!);
  assert.is(sa.metadata.annotations['eks.amazonaws.com/role-arn'], 'arn:aws:iam::123456789012:role/my-cluster-web');
  const trust = JSON.parse(files.get('iam/my-cluster-web-trust.json')!);
  const cond = trust.Statement[0].Condition.StringEquals;
  const sub = Object.keys(cond).find((k) => k.endsWith(':sub'))!;
  assert.is(cond[sub], 'system:serviceaccount:web:web');
  assert.is(cond[sub.replace(/:sub$/, ':aud')], 'sts.amazonaws.com');
  assert.is(trust.Statement[0].Action, 'sts:AssumeRoleWithWebIdentity');
});

test('upstream oracles accept the output of both identity modes', async () => {
  if (!sharedAvailable()) return skipNote('eksctl schema and Kubernetes OpenAPI checks of rendered output');
  for (const answers of [{}, { identity: 'irsa' as const, accountId: '123456789012' }, { publicAccessCidrs: ['203.0.113.0/24'], tags: { team: 'a b: c-d' } }]) {
    const { plan, files } = await renderAnswers(answers);
    assert.equal(validateClusterConfig(parse(files.get('eksctl/cluster.yaml')!)), [], `eksctl schema, ${JSON.stringify(answers)}`);
    for (const [p, content] of files) {
      if (p.startsWith('k8s/')) assert.equal(validateK8sYaml(content, plan.answers.kubernetesVersion), [], p);
    }
  }
});

test('README sentences composed in TypeScript escape their values; the template takes nothing else', async () => {
  const { md, code, join } = await import('../src/render/prose.ts');
  const { TEMPLATE_HELPERS } = await import('../src/render/helpers.ts');
  const hostile = '*x* `y` [z](http://e) <b> | # h';
  const p = md`**A** ${hostile} ${code('a```b')} ${join([md`${'_1_'}`, md`2`], ', ', ' and ')}`;
  assert.is(p.markdown, '**A** \\*x\\* \\`y\\` \\[z\\](http://e) \\<b\\> \\| # h `a`\u200b`\u200b`b` \\_1\\_ and 2');
  assert.is(String(TEMPLATE_HELPERS.prose(p)), p.markdown);
  assert.throws(() => TEMPLATE_HELPERS.prose('**raw**'), /prose: expected text composed with md/);
  // A user's value in a choice stays inert: the app name cannot start a list or a heading.
  const { files } = await renderAnswers({ cni: { networkPolicy: true }, app: { name: 'web' } });
  assert.match(files.get('README.md')!, /^- \*\*Network policies\*\* \(`enableNetworkPolicy` on the vpc-cni add-on\)/m);
});

test.run();
