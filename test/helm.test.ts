// Every Helm release the tool can write, rendered for real: the real helm (v4) renders the pinned
// chart from ../shared/upstream/charts with the generated values, in both identity modes, and
// - for the cluster's Kubernetes version, the objects pass the offline validator;
// - for the API server's version (a project made for 1.32), the run's real kube-apiserver accepts
//   them in a server-side dry run, with the chart's CRDs created for real first;
// - the ServiceAccount the chart renders is the one the IAM binding names (pod identity
//   association, or the IRSA trust and annotation);
// - every image the chart's pods pull is listed in the project's README.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse, parseAllDocuments } from 'yaml';
import { OPTIONAL_ADDONS } from '../generators/addons/index.ts';
import type { PartialAnswers } from '../src/answers/types.ts';
import type { HelmRelease } from '../src/plan/addons.ts';
import { validateFiles } from '../src/validate/index.ts';
import { unschedulable } from '../src/validate/schedule.ts';
import type { K8sDoc } from '../src/validate/types.ts';
import { validationOptions } from '../src/plan/validate-options.ts';
import { applyCrdDocs, ensureNamespaces, kubectl, realApiServer, SERVER_VERSION, skip, type ApiServer } from './support/apiserver.ts';
import { SHARED_UPSTREAM, sharedAvailable } from './support/oracles.ts';
import { renderAnswers, type Rendered } from './support/project.ts';
import { realTools } from './support/tools.ts';

const CHARTS = path.join(SHARED_UPSTREAM, 'charts');
const ACCOUNT = '111122223333';
const IDENTITIES: PartialAnswers[] = [{ identity: 'pod-identity' }, { identity: 'irsa', accountId: ACCOUNT }];
// Answers some add-ons cannot do without.
const REQUIRED: PartialAnswers = {
  addon: {
    externalDns: { hostedZoneIds: ['Z0123456789ABCDEFGHIJ'], domainFilters: ['example.com'] },
    secretsStoreCsiDriverProviderAws: { secretName: 'prod/web/db' },
  },
};
// Two projects that between them hold every Helm release: Karpenter with every Helm add-on that
// runs beside it, and managed nodes with the Cluster Autoscaler.
const PROJECTS: PartialAnswers[] = [
  {
    ...REQUIRED,
    compute: 'karpenter',
    storage: ['ebs'],
    ingress: 'alb',
    addons: [
      'aws-load-balancer-controller',
      'external-dns',
      'aws-ebs-csi-driver',
      'secrets-store-csi-driver',
      'secrets-store-csi-driver-provider-aws',
      'kube-prometheus-stack',
      'aws-for-fluent-bit',
    ],
  },
  { ...REQUIRED, compute: 'managed', addons: ['cluster-autoscaler'] },
];
// What README commands put into the environment before `helm upgrade --install ... --set`.
const STEP_ENV: Record<string, string> = { VPC_ID: 'vpc-0123456789abcdef0' };

const tools = realTools();
const SKIP = !sharedAvailable() ? '../shared/upstream not present' : 'missing' in tools ? tools.missing : undefined;

async function helmTemplate(r: Rendered, rel: HelmRelease, kubeVersion: string): Promise<any[]> {
  const t = tools as { helm: string };
  const dir = mkdtempSync(path.join(os.tmpdir(), 'eks-app-helm-'));
  const values = path.join(dir, 'values.yaml');
  writeFileSync(values, r.files.get(rel.valuesFile)!);
  // The --set flags of the README's own helm command, with its shell variables filled in.
  const step = r.plan.steps.flatMap((s) => s.commands).find((c) => c.startsWith(`helm upgrade --install ${rel.release} `))!;
  assert.ok(step, `README installs ${rel.release}`);
  const sets = [...step.matchAll(/--set (\S+)/g)].map((m) => m[1].replace(/"\$(\w+)"/g, (_, v) => STEP_ENV[v] ?? assert.unreachable(`no value for $${v}`)));
  const chart = path.join(CHARTS, `${rel.chart}-${rel.version}.tgz`);
  const out = await execa(
    t.helm,
    [
      'template',
      rel.release,
      chart,
      '--namespace',
      rel.namespace,
      '--kube-version',
      kubeVersion,
      '--values',
      values,
      ...sets.flatMap((s) => ['--set', s]),
      '--include-crds',
      '--skip-tests',
    ],
    { reject: false, env: { HOME: dir, HELM_CACHE_HOME: dir, HELM_CONFIG_HOME: dir, HELM_DATA_HOME: dir } },
  );
  assert.is(out.exitCode, 0, `helm template ${rel.release} ${rel.chart}-${rel.version}: ${out.stderr}`);
  return parseAllDocuments(out.stdout)
    .map((d) => d.toJS())
    .filter((d) => d && typeof d === 'object');
}

const POD_KINDS: Record<string, (o: any) => any> = {
  Deployment: (o) => o.spec?.template?.spec,
  DaemonSet: (o) => o.spec?.template?.spec,
  StatefulSet: (o) => o.spec?.template?.spec,
  Job: (o) => o.spec?.template?.spec,
  CronJob: (o) => o.spec?.jobTemplate?.spec?.template?.spec,
  Pod: (o) => o.spec,
};
const podSpecs = (docs: any[]) => docs.flatMap((d) => (POD_KINDS[d.kind] ? [{ doc: d, spec: POD_KINDS[d.kind](d) ?? {} }] : []));

/** The images the release's pods pull, including those an operator starts from the release's objects. */
function imagesOf(docs: any[]): string[] {
  const out = new Set<string>();
  for (const { spec } of podSpecs(docs)) {
    for (const c of [...(spec.initContainers ?? []), ...(spec.containers ?? [])]) {
      out.add(c.image);
      // The Prometheus operator injects its config reloader into the pods it starts.
      for (const a of c.args ?? []) {
        const m = /^--prometheus-config-reloader=(\S+)$/.exec(a);
        if (m) out.add(m[1]);
      }
    }
  }
  for (const d of docs)
    if (/^monitoring\.coreos\.com\//.test(d.apiVersion) && ['Prometheus', 'Alertmanager'].includes(d.kind) && d.spec?.image) out.add(d.spec.image);
  return [...out].sort();
}

/** Namespace/name of the ServiceAccounts the release's workloads run as. */
function workloadServiceAccounts(docs: any[], namespace: string): Set<string> {
  return new Set(podSpecs(docs).map(({ doc, spec }) => `${doc.metadata?.namespace ?? namespace}/${spec.serviceAccountName ?? 'default'}`));
}

/** Every IAM binding of the project outside EKS add-ons and the application: namespace/name → role. */
function helmBindings(r: Rendered): Map<string, { role: string; annotation?: string }> {
  const cfg = parse(r.files.get('eksctl/cluster.yaml')!);
  const out = new Map<string, { role: string; annotation?: string }>();
  const app = `${r.plan.app.namespace}/${r.plan.app.serviceAccount}`;
  if (r.plan.podIdentity) {
    for (const p of cfg.iam?.podIdentityAssociations ?? []) out.set(`${p.namespace}/${p.serviceAccountName}`, { role: p.roleName });
  } else {
    // IRSA: the trust policy's subject of each role; EKS add-ons bind their own roles in cluster.yaml.
    const addonRoles = new Set(r.plan.roles.filter((x) => x.viaEksAddon).map((x) => x.name));
    for (const [p, content] of r.files) {
      const m = /^iam\/(.+)-trust\.json$/.exec(p);
      if (!m || addonRoles.has(m[1])) continue;
      const trust = JSON.parse(content);
      for (const s of trust.Statement) {
        for (const cond of Object.values<any>(s.Condition ?? {})) {
          for (const [k, v] of Object.entries<any>(cond)) {
            if (k.endsWith(':sub') && typeof v === 'string' && v.startsWith('system:serviceaccount:')) {
              const [, , ns, name] = v.split(':');
              out.set(`${ns}/${name}`, {
                role: m[1],
                annotation: r.plan.roles.find((x) => x.name === m[1])?.arn ?? r.plan.workloadRoles.find((x) => x.name === m[1])?.arn,
              });
            }
          }
        }
      }
    }
  }
  out.delete(app);
  return out;
}

/** Secrets the release's README step creates (kubectl create secret), and those its hook Jobs write (--secret-name). */
function madeAtInstall(r: Rendered, rel: HelmRelease, docs: any[]): any[] {
  const step = r.plan.steps.find((s) => s.commands.some((c) => c.startsWith(`helm upgrade --install ${rel.release} `)))!;
  const secrets = step.commands.flatMap((c) => [...c.matchAll(/kubectl -n (\S+) create secret generic (\S+)/g)].map((m) => ({ ns: m[1], name: m[2] })));
  for (const { doc, spec } of podSpecs(docs)) {
    if (!doc.metadata?.annotations?.['helm.sh/hook']) continue;
    for (const c of spec.containers ?? [])
      for (const a of c.args ?? []) {
        const m = /^--secret-name=(\S+)$/.exec(a);
        if (m) secrets.push({ ns: doc.metadata.namespace ?? rel.namespace, name: m[1] });
      }
  }
  return secrets.map(({ ns, name }) => ({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: ns } }));
}

/** Images listed in the README's section on what the Helm charts pull. */
function readmeImages(readme: string): Set<string> {
  const at = readme.indexOf('## Images the Helm charts pull');
  if (at < 0) return new Set();
  const end = readme.indexOf('\n## ', at + 3);
  const section = readme.slice(at, end < 0 ? undefined : end);
  return new Set([...section.matchAll(/`([^`\s]+[:@][^`\s]+)`/g)].map((m) => m[1]));
}

test('the two projects hold every Helm release the tool can write', async () => {
  const all = new Set<string>();
  for (const compute of ['managed', 'karpenter'] as const) {
    for (const m of OPTIONAL_ADDONS) {
      try {
        const r = await renderAnswers({ ...REQUIRED, compute, addons: [m.id, ...m.dependsOn] });
        for (const rel of r.plan.helmReleases) all.add(rel.release);
      } catch {
        /* not available with this compute type */
      }
    }
  }
  const covered = new Set<string>();
  for (const answers of PROJECTS) for (const rel of (await renderAnswers(answers)).plan.helmReleases) covered.add(rel.release);
  assert.equal([...covered].sort(), [...all].sort());
  assert.ok(all.size >= 8, [...all].join(', '));
});

for (const identity of IDENTITIES) {
  for (const answers of PROJECTS) {
    const label = `${identity.identity}, ${answers.compute}`;

    test(`helm template with the real charts, for the cluster's version: offline validator, IAM binding, images in the README (${label})`, async () => {
      if (SKIP) return skip('helm template of the pinned charts', SKIP);
      const r = await renderAnswers({ ...answers, ...identity });
      const bindings = helmBindings(r);
      const bound = new Set<string>();
      const listed = readmeImages(r.files.get('README.md')!);
      const pulled = new Set<string>();
      for (const rel of r.plan.helmReleases) {
        const docs = await helmTemplate(r, rel, r.plan.answers.kubernetesVersion);
        // The offline validator on what the chart renders (CRDs themselves are the chart's business).
        // What exists before the chart's pods start without being rendered by it: the release's namespace
        // (helm --create-namespace), Secrets the README's step creates, and Secrets a hook Job writes.
        const objects = [
          { apiVersion: 'v1', kind: 'Namespace', metadata: { name: rel.namespace } },
          ...madeAtInstall(r, rel, docs),
          ...docs.filter((d) => d.kind !== 'CustomResourceDefinition'),
        ];
        const errors = validateFiles(
          [{ path: `rendered/${rel.release}.yaml`, content: objects.map((d) => JSON.stringify(d)).join('\n---\n') }],
          validationOptions(r.plan),
        )
          .findings.filter((f) => f.severity === 'error')
          .map((f) => `${f.rule} ${f.path}: ${f.message}`);
        assert.equal(errors, [], `${rel.release}: offline validator`);
        // Every workload the chart renders fits a node pool of the project: its node groups, Fargate
        // profiles or Karpenter NodePool, whose taints it tolerates and whose labels it selects.
        const pools = [...r.files].filter(([p]) => p.startsWith('k8s/karpenter/')).flatMap(([, text]) => parseAllDocuments(text).map((d) => d.toJS()));
        const asDocs: K8sDoc[] = [...docs, ...pools].map((d, i) => ({
          file: `rendered/${rel.release}.yaml`,
          doc: i,
          obj: d,
          apiVersion: d.apiVersion,
          kind: d.kind,
          name: d.metadata?.name ?? '',
          namespace: d.metadata?.namespace ?? rel.namespace,
        }));
        assert.equal(
          unschedulable(asDocs, parse(r.files.get('eksctl/cluster.yaml')!)).map((u) => u.message),
          [],
          `${rel.release}: every workload it renders fits a node pool`,
        );

        // The chart's ServiceAccount is the bound one, and a workload of the release runs as it.
        const used = workloadServiceAccounts(docs, rel.namespace);
        const mine = [...bindings.keys()].filter((k) => used.has(k));
        for (const key of mine) {
          bound.add(key);
          const [ns, name] = key.split('/');
          const sa = docs.find((d) => d.kind === 'ServiceAccount' && d.metadata?.name === name && (d.metadata?.namespace ?? rel.namespace) === ns);
          assert.ok(sa, `${rel.release}: the chart renders ServiceAccount ${key}, which the IAM binding names`);
          const annotation = sa.metadata?.annotations?.['eks.amazonaws.com/role-arn'];
          if (r.plan.irsa) assert.is(annotation, bindings.get(key)!.annotation, `${rel.release}: IRSA annotation on ${key}`);
          else assert.is(annotation, undefined, `${rel.release}: no IRSA annotation under Pod Identity`);
        }
        for (const img of imagesOf(docs)) {
          pulled.add(img);
          assert.ok(listed.has(img), `${rel.release}: image ${img} is not listed in the README`);
        }
      }
      // Every binding meant for a Helm release reached one, and the README lists nothing that is not pulled.
      assert.ok(bindings.size >= 1, 'the project binds at least one Helm release to an IAM role');
      assert.equal(
        [...bindings.keys()].filter((k) => !bound.has(k)),
        [],
        'IAM bindings no chart workload uses',
      );
      assert.equal(
        [...listed].filter((i) => !pulled.has(i)),
        [],
        'README images no chart pulls',
      );
    });

    test(`helm template for the API server's version, dry-run by the real kube-apiserver (${label})`, async () => {
      if (SKIP) return skip('helm template and server dry run of the pinned charts', SKIP);
      const api = await realApiServer();
      if ('missing' in api) return skip('server dry run of the pinned charts', api.missing);
      const r = await renderAnswers({ ...answers, ...identity, kubernetesVersion: SERVER_VERSION });
      for (const rel of r.plan.helmReleases) {
        const docs = await helmTemplate(r, rel, SERVER_VERSION);
        await applyCrdDocs(api, docs);
        const objects = docs.filter((d) => d.kind !== 'CustomResourceDefinition');
        await ensureNamespaces(api, [rel.namespace, ...objects.map((d) => d.metadata?.namespace).filter(Boolean)]);
        const res = await dryRun(api, objects, rel.namespace);
        assert.is(res.exitCode, 0, `${rel.release}: ${res.stderr}`);
        assert.is(
          res.stdout.split('\n').filter(Boolean).length,
          objects.length + objects.filter((d) => d.kind === 'List').reduce((n, d) => n + (d.items?.length ?? 0) - 1, 0),
          `${rel.release}: every object accepted\n${res.stdout}`,
        );
      }
    });
  }
}

/** kubectl apply --dry-run=server, one call per namespace the objects name (Helm puts the others in the release's). */
async function dryRun(api: ApiServer, objects: any[], namespace: string) {
  const byNs = new Map<string, any[]>();
  for (const d of objects) {
    const ns = d.metadata?.namespace ?? namespace;
    byNs.set(ns, [...(byNs.get(ns) ?? []), d]);
  }
  let stdout = '',
    stderr = '',
    exitCode = 0;
  for (const [ns, docs] of byNs) {
    const r = await kubectl(
      api,
      ['apply', '--dry-run=server', '--validate=strict', '--namespace', ns, '-f', '-'],
      docs.map((d) => JSON.stringify(d)).join('\n---\n'),
    );
    stdout += `${r.stdout}\n`;
    stderr += r.stderr;
    exitCode ||= r.exitCode ?? 1;
  }
  return { stdout, stderr, exitCode };
}

test.run();
