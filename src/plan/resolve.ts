// resolve(): answers in, a typed plan out. Defaults first, then validation, then the facts the
// templates need, all computed here so the templates stay free of logic.
import type { Answers, PartialAnswers } from '../answers/types.ts';
import { REGION_BY_CODE } from '../data/regions.ts';
import { IMAGES, supportStatus } from '../data/versions.ts';
import { planAddons, type EksAddonEntry, type HelmRelease } from './addons.ts';
import { TOOL_VERSION } from '../version.ts';
import { applyDefaults } from './defaults.ts';
import { AnswersError, validateAnswers, warningsFor } from './validation.ts';
import type { AwsContext, PolicyDocument, ServiceAccountRef } from './iam.ts';
import { trustFor } from './iam.ts';
import { applySteps, type Step } from './steps.ts';

export type FileFormat = 'yaml' | 'json' | 'markdown';

export interface PlannedFile {
  path: string;
  template: string;
  purpose: string;
  format: FileFormat;
  /** Extra data merged over the plan when this one file renders. */
  data?: Record<string, unknown>;
}

export interface IamRole {
  name: string;
  purpose: string;
  serviceAccount: ServiceAccountRef;
  trust: PolicyDocument;
  policy: PolicyDocument;
  arn: string;
  /** Set when an EKS add-on entry binds the role itself (addons[].podIdentityAssociations). */
  viaEksAddon?: string;
}

export interface Plan {
  toolVersion: string;
  answers: Answers;
  warnings: string[];
  aws: AwsContext;
  accountPlaceholder: boolean;
  kms: { alias: string; arn: string };
  supportType: 'STANDARD' | 'EXTENDED';
  publicAccess: boolean;
  podIdentity: boolean;
  irsa: boolean;
  logTypes: string[];
  nodeGroupName: string;
  addons: EksAddonEntry[];
  helmReleases: HelmRelease[];
  /** Files and steps the add-ons contribute, merged into files and steps. */
  addonFiles: PlannedFile[];
  addonSteps: Step[];
  app: Answers['app'] & { serviceAccount: string; role: IamRole; labels: Record<string, string>; uid: number };
  roles: IamRole[];
  /** Roles bound in the ClusterConfig's iam section: the app's and Helm add-ons'. */
  workloadRoles: IamRole[];
  tagList: { key: string; value: string }[];
  files: PlannedFile[];
  steps: Step[];
}

export function resolve(given: PartialAnswers, today: Date = new Date()): Plan {
  const answers = applyDefaults(given, today);
  const problems = validateAnswers(answers, today);
  if (problems.length > 0) throw new AnswersError(problems);

  const region = REGION_BY_CODE.get(answers.region)!;
  const accountPlaceholder = answers.accountId === '';
  const aws: AwsContext = {
    partition: region.partition,
    region: answers.region,
    account: accountPlaceholder ? '${AWS_ACCOUNT_ID}' : answers.accountId,
    cluster: answers.name,
    identity: answers.identity,
  };
  const podIdentity = answers.identity === 'pod-identity';
  const kmsAlias = `alias/eks/${answers.name}`;

  const appSa: ServiceAccountRef = { namespace: answers.app.namespace, name: answers.app.name };
  const appRoleName = `${answers.name}-${answers.app.name}`;
  const appRole: IamRole = {
    name: appRoleName,
    purpose: `AWS permissions of the ${answers.app.name} application`,
    serviceAccount: appSa,
    trust: trustFor(aws, appSa),
    policy: appPolicy(aws, answers),
    arn: `arn:${aws.partition}:iam::${aws.account}:role/${appRoleName}`,
  };
  const addonPlan = planAddons(answers, aws);
  const roles = [appRole, ...addonPlan.roles];

  const plan: Omit<Plan, 'files' | 'steps'> = {
    toolVersion: TOOL_VERSION,
    answers,
    warnings: warningsFor(answers, today),
    aws,
    accountPlaceholder,
    kms: { alias: kmsAlias, arn: `arn:${aws.partition}:kms:${aws.region}:${aws.account}:${kmsAlias}` },
    supportType: supportStatus(answers.kubernetesVersion, today) === 'extended' ? 'EXTENDED' : 'STANDARD',
    publicAccess: answers.endpoint !== 'private',
    podIdentity,
    irsa: !podIdentity,
    logTypes: ['api', 'audit', 'authenticator'],
    nodeGroupName: 'system',
    addons: addonPlan.eksAddons,
    helmReleases: addonPlan.helmReleases,
    addonFiles: addonPlan.files,
    addonSteps: addonPlan.steps,
    app: {
      ...answers.app,
      serviceAccount: appSa.name,
      // The sample image runs as its own user; other images get a fixed non-root UID.
      uid: answers.app.image === IMAGES.sampleApp.image ? IMAGES.sampleApp.runAsUser : 10001,
      role: appRole,
      labels: { 'app.kubernetes.io/name': answers.app.name, 'app.kubernetes.io/part-of': answers.name },
    },
    roles,
    workloadRoles: roles.filter((r) => !r.viaEksAddon),
    tagList: Object.entries(answers.tags).map(([key, value]) => ({ key, value })),
  };
  const withFiles = { ...plan, files: plannedFiles(plan), steps: [] as Step[] };
  withFiles.steps = applySteps(withFiles);
  return withFiles;
}

/** The sample application reads its own configuration from SSM Parameter Store, and nothing else. */
function appPolicy(aws: AwsContext, a: Answers): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [{
      Sid: 'ReadOwnParameters',
      Effect: 'Allow',
      Action: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'],
      Resource: `arn:${aws.partition}:ssm:${aws.region}:${aws.account}:parameter/${a.name}/${a.app.name}/*`,
    }],
  };
}

function plannedFiles(plan: Omit<Plan, 'files' | 'steps'>): PlannedFile[] {
  const app = plan.app.name;
  const files: PlannedFile[] = [
    { path: 'eksctl/cluster.yaml', template: 'base/eksctl/cluster.yaml.hbs', format: 'yaml', purpose: 'eksctl ClusterConfig: control plane, access, encryption, logging, node group, add-ons' },
  ];
  for (const role of plan.roles) {
    files.push(
      { path: `iam/${role.name}-trust.json`, template: 'base/iam/document.json.hbs', format: 'json', purpose: `trust policy of IAM role ${role.name}`, data: { document: role.trust } },
      { path: `iam/${role.name}-policy.json`, template: 'base/iam/document.json.hbs', format: 'json', purpose: `permissions of IAM role ${role.name}`, data: { document: role.policy } },
    );
  }
  files.push(
    { path: `k8s/${app}/00-namespace.yaml`, template: 'base/k8s/app/namespace.yaml.hbs', format: 'yaml', purpose: `Namespace ${plan.app.namespace}, Pod Security Standards restricted` },
    { path: `k8s/${app}/10-serviceaccount.yaml`, template: 'base/k8s/app/serviceaccount.yaml.hbs', format: 'yaml', purpose: `ServiceAccount ${plan.app.serviceAccount}, bound to IAM role ${plan.app.role.name}` },
    { path: `k8s/${app}/20-deployment.yaml`, template: 'base/k8s/app/deployment.yaml.hbs', format: 'yaml', purpose: `Deployment ${app}: hardened pod with probes, requests and limits` },
    { path: `k8s/${app}/30-service.yaml`, template: 'base/k8s/app/service.yaml.hbs', format: 'yaml', purpose: `Service ${app} (ClusterIP)` },
    ...plan.addonFiles,
    { path: 'README.md', template: 'base/README.md.hbs', format: 'markdown', purpose: 'what was generated and the commands to apply it, in order' },
    { path: '.eks-app.json', template: 'base/eks-app.json.hbs', format: 'json', purpose: 'saved answers, to re-render or update the project later' },
  );
  return files;
}
