// EKS capabilities as eksctl writes them, and GitOps with the Argo CD capability: an Application per
// Helm release (its pinned chart, with the values file from this project's Git repository) and one
// for the application's manifests, plus the Secret that registers this cluster with Argo CD.
import type { Answers } from '../answers/types.ts';
import { accessPolicyArn, type AwsPartition } from '../data/versions.ts';
import { shellWord } from '../render/escape.ts';
import type { HelmRelease } from './addons.ts';
import type { PlannedFile } from './resolve.ts';
import type { Step } from './steps.ts';

/** The namespace EKS installs Argo CD in (the capability's configuration names it). */
export const ARGOCD_NAMESPACE = 'argocd';
/** The name this cluster is registered under; Applications send to it by name. */
export const LOCAL_CLUSTER = 'local-cluster';
const TYPES = { argocd: 'ARGOCD', ack: 'ACK', kro: 'KRO' } as const;

export interface CapabilityEntry {
  name: string;
  type: (typeof TYPES)[keyof typeof TYPES];
  attachPolicyARNs: string[];
  accessPolicies: { policyARN: string; scopeType: string }[];
  argocd?: { namespace: string; idcInstanceArn: string; idcRegion: string; adminGroupIds: string[] };
}

export interface GitopsPlan {
  /** gitops argocd: Applications replace the README's helm and kubectl apply steps. */
  enabled: boolean;
  repoUrl: string;
  revision: string;
  namespace: string;
  clusterName: string;
  /** The AppProject every Application belongs to: the sources it may read are listed, not "*". */
  project: string;
  capabilities: CapabilityEntry[];
}

export function planGitops(a: Answers, partition: AwsPartition): GitopsPlan {
  const enabled = a.gitops === 'argocd';
  return {
    enabled,
    repoUrl: a.argocd.repoUrl,
    revision: a.argocd.revision,
    namespace: ARGOCD_NAMESPACE,
    clusterName: LOCAL_CLUSTER,
    project: a.name,
    capabilities: a.capabilities.map((c) => ({
      name: c,
      type: TYPES[c],
      attachPolicyARNs: c === 'ack' ? a.ackPolicyArns : [],
      // Argo CD installs the Helm add-ons, whose charts hold cluster-wide objects; without GitOps it has no rights here.
      accessPolicies: c === 'argocd' && enabled ? [{ policyARN: accessPolicyArn('AmazonEKSClusterAdminPolicy', partition), scopeType: 'cluster' }] : [],
      argocd:
        c === 'argocd'
          ? { namespace: ARGOCD_NAMESPACE, idcInstanceArn: a.argocd.idcInstanceArn, idcRegion: a.argocd.idcRegion, adminGroupIds: a.argocd.adminGroupIds }
          : undefined,
    })),
  };
}

const appFile = (release: string) => `argocd/addons/${release}.yaml`;
/** `"$VPC_ID"`, as a --set takes it, is the apply-time variable VPC_ID. */
const variableOf = (shell: string) => /^"\$(\w+)"$/.exec(shell)?.[1];
const OCI = 'oci://';

/** The Helm repositories given as OCI registries, which Argo CD reads only through a repository Secret. */
export function ociRepos(releases: HelmRelease[]): { name: string; url: string }[] {
  const urls = [...new Set(releases.filter((r) => r.repo.startsWith(OCI)).map((r) => r.repo.slice(OCI.length)))];
  return urls.map((url) => ({ name: url.replace(/[^a-z0-9-]/g, '-'), url }));
}

/** One Application per Helm release, the application's, and the cluster registration. */
export function gitopsFiles(g: GitopsPlan, releases: HelmRelease[], app: { name: string; namespace: string }): PlannedFile[] {
  if (!g.enabled) return [];
  const files: PlannedFile[] = [
    {
      path: 'argocd/cluster.yaml.tmpl',
      template: 'gitops/cluster.yaml.hbs',
      format: 'yaml',
      variables: ['CLUSTER_ARN'],
      purpose: `Secret that registers this cluster with Argo CD as ${g.clusterName}; \${CLUSTER_ARN} filled in by envsubst`,
    },
  ];
  files.push({
    path: 'argocd/project.yaml',
    template: 'gitops/project.yaml.hbs',
    format: 'yaml',
    purpose: `Argo CD AppProject ${g.project}: this project's repository and pinned chart repositories only, deployed to ${g.clusterName}`,
    data: { sourceRepos: [g.repoUrl, ...new Set(releases.map((r) => (r.repo.startsWith(OCI) ? r.repo.slice(OCI.length) : r.repo)))] },
  });
  const repos = ociRepos(releases);
  if (repos.length)
    files.push({
      path: 'argocd/repositories.yaml',
      template: 'gitops/repositories.yaml.hbs',
      format: 'yaml',
      purpose: `Argo CD repository Secrets for the OCI Helm registries (${repos.map((r) => r.url).join(', ')})`,
      data: { ociRepos: repos },
    });
  for (const r of releases) {
    const parameters = Object.entries(r.set ?? {}).map(([name, shell]) => {
      const v = variableOf(shell);
      if (!v) throw new Error(`${r.release}: --set ${name}=${shell} has no Argo CD form`);
      return { name, value: `\${${v}}`, variable: v };
    });
    const variables = parameters.map((p) => p.variable);
    files.push({
      path: variables.length ? `${appFile(r.release)}.tmpl` : appFile(r.release),
      template: 'gitops/helm-application.yaml.hbs',
      format: 'yaml',
      ...(variables.length ? { variables } : {}),
      purpose: `Argo CD Application ${r.release}: chart ${r.chart} ${r.version} with ${r.valuesFile}${variables.length ? `; ${variables.map((v) => `\${${v}}`).join(', ')} filled in by envsubst` : ''}`,
      data: {
        application: {
          name: r.release,
          namespace: r.namespace,
          repoURL: r.repo.startsWith(OCI) ? r.repo.slice(OCI.length) : r.repo,
          chart: r.chart,
          version: r.version,
          valueFile: `$values/${r.valuesFile}`,
          parameters,
        },
      },
    });
  }
  files.push({
    path: `argocd/${app.name}.yaml`,
    template: 'gitops/app-application.yaml.hbs',
    format: 'yaml',
    purpose: `Argo CD Application ${app.name}: syncs k8s/${app.name}/ into namespace ${app.namespace}`,
    data: { appPath: `k8s/${app.name}` },
  });
  return files;
}

const sh = shellWord;
const waitHealthy = (name: string) =>
  `kubectl -n ${ARGOCD_NAMESPACE} wait --for=jsonpath='{.status.health.status}'=Healthy application/${sh(name)} --timeout=15m`;
const waitSynced = (name: string) => `kubectl -n ${ARGOCD_NAMESPACE} wait --for=jsonpath='{.status.sync.status}'=Synced application/${sh(name)} --timeout=15m`;

/** Instead of `helm upgrade --install`: its Application, applied, then waited for until Healthy. */
export function gitopsHelmStep(title: string, r: HelmRelease, before: string[], note: string): Step {
  const variables = Object.values(r.set ?? {}).flatMap((s) => variableOf(s) ?? []);
  const file = variables.length ? `${appFile(r.release)}.tmpl` : appFile(r.release);
  return {
    title: `Install ${title} through Argo CD`,
    why: `Argo CD installs chart ${r.chart} ${r.version} with ${r.valuesFile} from the repository, and keeps it as Git says.${note ? ` ${note}` : ''}`,
    commands: [
      ...before,
      ...variables.map((v) => `export ${v}`),
      variables.length ? `envsubst '${variables.map((v) => `\${${v}}`).join(' ')}' < ${file} | kubectl apply -f -` : `kubectl apply -f ${file}`,
      waitHealthy(r.release),
    ],
  };
}

/** Waits for the Argo CD capability, then registers this cluster and the OCI registries with it. */
export function registerStep(g: GitopsPlan, a: Answers, releases: HelmRelease[]): Step {
  const region = sh(a.region);
  const status = `aws eks describe-capability --region ${region} --cluster-name ${sh(a.name)} --capability-name argocd --query capability.status --output text`;
  return {
    title: 'Connect Argo CD to this cluster and its repository',
    why: `eksctl created the Argo CD capability at the end of the cluster's creation; this waits until it is ACTIVE, checks that ${g.repoUrl} has ${g.revision}, and registers this cluster as ${g.clusterName} (Argo CD does not register it by itself). Push this project to the repository first: Argo CD reads every file from there. A private repository also needs its credentials in Argo CD (a repository Secret, or AWS CodeConnections).`,
    commands: [
      `for i in $(seq 60); do [ "$(${status})" = ACTIVE ] && break; sleep 10; done; [ "$(${status})" = ACTIVE ]`,
      `git ls-remote --exit-code ${sh(g.repoUrl)} ${sh(g.revision)}`,
      `export CLUSTER_ARN="$(aws eks describe-cluster --region ${region} --name ${sh(a.name)} --query cluster.arn --output text)"`,
      `envsubst '\${CLUSTER_ARN}' < argocd/cluster.yaml.tmpl | kubectl apply -f -`,
      'kubectl apply -f argocd/project.yaml',
      ...(ociRepos(releases).length ? ['kubectl apply -f argocd/repositories.yaml'] : []),
    ],
  };
}

/** The application through Argo CD: its Application, then the wait for the sync. */
export function gitopsDeployCommands(app: { name: string }): string[] {
  return [`kubectl apply -f argocd/${app.name}.yaml`, waitSynced(app.name)];
}
