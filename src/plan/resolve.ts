// resolve(): answers in, a typed plan out. Defaults first, then validation, then the facts the
// templates need, all computed here so the templates stay free of logic.
import { upgradeSteps } from './upgrade.ts';
import { selfContained } from './shell.ts';
import { teardownSteps } from './teardown.ts';
import { gitopsFiles, planGitops, type GitopsPlan } from './gitops.ts';
import type { Prose } from '../render/prose.ts';
import { prerequisites, privateEndpointNotes, readmeChoices, serviceReadmeChoices } from './readme.ts';
import type { Answers, PartialAnswers } from '../answers/types.ts';
import { REGION_BY_CODE } from '../data/regions.ts';
import { IMAGES, supportStatus, type AwsPartition } from '../data/versions.ts';
import { planAccess, type AccessPlan } from './access.ts';
import { planAddons, type EksAddonEntry, type HelmRelease, type WildcardNote } from './addons.ts';
import { planCompute, type ComputePlan, type KV } from './compute.ts';
import type { KarpenterPlan } from '../domains/compute/karpenter/index.ts';
import { COMPUTE_MODULES } from '../domains/index.ts';
import { appPlacement, type Placement } from '../domains/node-group.ts';
import { TOOL_VERSION } from '../version.ts';
import { applyDefaults } from './defaults.ts';
import { AnswersError, answerProblems, warningsFor } from './answer-rules.ts';
import type { AwsContext, PolicyDocument, ServiceAccountRef } from './iam.ts';
import { trustFor } from './iam.ts';
import { applySteps, certificateSteps, deployStep, maintenanceSteps, shellDefinitions, type Step } from './steps.ts';
import { karpenterMaxPods, nodeGroupMaxPods, planNetwork, sgpFile, type NetworkPlan } from './network.ts';
import { planStorage, type StoragePlan } from './storage.ts';
import { deliveryFiles, deliveryTeardown, deliveryWildcards, planDelivery, serviceSteps, serviceTeardown, type DeliveryPlan } from './service.ts';
import { clusterOnlyAnswers, issuerHost, s3Place, serviceAnswersOf } from '../domains/service.ts';
import { flag } from './rules.ts';
import { podIdentityFile } from './cluster-config.ts';

export type FileFormat = 'yaml' | 'json' | 'markdown';

export interface PlannedFile {
  path: string;
  template: string;
  purpose: string;
  format: FileFormat;
  /** Extra data merged over the plan when this one file renders. */
  data?: Record<string, unknown>;
  /** ${VARIABLES} the file holds, known only once the cluster exists: its README step exports them and applies it through envsubst. */
  variables?: string[];
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
  /** A role of the user's (app.roleArn): bound, never created or changed. */
  existing?: boolean;
  /** Managed policies attached beside the role's own policy. */
  managedPolicyArns?: string[];
}

/** An IAM role for EC2 nodes that the project creates itself (Karpenter's), outside eksctl. */
export interface NodeRole {
  name: string;
  purpose: string;
  arn: string;
  trust: PolicyDocument;
  managedPolicyArns: string[];
}

export type { KarpenterPlan } from '../domains/compute/karpenter/index.ts';

export interface Plan {
  toolVersion: string;
  answers: Answers;
  warnings: string[];
  aws: AwsContext;
  accountPlaceholder: boolean;
  /** The permissions boundary of every role the project creates, when one is required. */
  permissionsBoundary?: string;
  /** The secrets key: the user's own (alias is then its ARN), or alias/eks/<name> created in a README step. */
  kms: { alias: string; arn: string; create: boolean };
  supportType: 'STANDARD' | 'EXTENDED';
  controlPlaneTier: string | undefined;
  /** EXTENDED asked for a version still in standard support. */
  extendedByChoice: boolean;
  publicAccess: boolean;
  podIdentity: boolean;
  irsa: boolean;
  logTypes: string[];
  nodeGroupName: string;
  /** Pods per node; the networking plan sets it when prefix delegation is on, undefined otherwise. */
  maxPodsPerNode?: number;
  compute: ComputePlan;
  /** VPC, endpoint, IP family, VPC CNI modes, load balancing: what the eksctl and network templates write. */
  network: NetworkPlan;
  /** Storage examples and the files and steps they need beyond the drivers' own. */
  storage: StoragePlan;
  access: AccessPlan;
  /** EKS capabilities, and the Argo CD Applications when GitOps is on. */
  gitops: GitopsPlan;
  karpenter?: KarpenterPlan;
  /** Node roles outside eksctl, each with an iam/<role>-trust.json. */
  nodeRoles: NodeRole[];
  addons: EksAddonEntry[];
  /** Every Helm release the README installs, Karpenter's included. */
  helmReleases: HelmRelease[];
  /** Files and steps the add-ons contribute, merged into files and steps. */
  addonFiles: PlannedFile[];
  addonSteps: Step[];
  /** IAM statements that keep "Resource": "*" as upstream does, with the reason (README and write-time lint). */
  wildcardNotes: WildcardNote[];
  app: Answers['app'] & {
    serviceAccount: string;
    role: IamRole;
    labels: Record<string, string>;
    uid: number;
    smokeTest: boolean;
    /** A nodeSelector and tolerations, when the pods must go to particular nodes. */
    placement: Placement | undefined;
    /** Pod template labels: the app's labels, plus the Fargate selector labels when the app runs on Fargate. */
    podLabels: Record<string, string>;
    /** The Service's port: the container port with network policies (the VPC CNI matches on it), else 80. */
    servicePort: number;
    /** Volumes and mounts add-ons add to the pod (the /tmp emptyDir is always there). */
    volumes: Record<string, unknown>[];
    volumeMounts: Record<string, unknown>[];
    /** An HorizontalPodAutoscaler owns the replica count, so the Deployment leaves it out. */
    autoscaled: boolean;
  };
  roles: IamRole[];
  /** Roles bound in the ClusterConfig's iam section: the app's, Helm add-ons' and Karpenter's. */
  workloadRoles: IamRole[];
  tagList: KV[];
  files: PlannedFile[];
  /** Files with ${...} values known only once the cluster exists, applied through envsubst. */
  applyTimeFiles: { path: string; variables: string[] }[];
  steps: Step[];
  /** Later operations (replacing a node group, leaving aws-auth), in the README after the apply steps. */
  maintenance: Step[];
  /** Deleting everything the README made, in the order AWS needs. */
  teardown: Step[];
  /** The runbook from answers.upgradeFrom, after create-eks-app upgrade. */
  upgrade?: { from: string; to: string; steps: Step[] };
  /** The README's sentences, composed in TypeScript; the template places them. */
  readme: { choices: Prose[]; privateEndpoint: Prose[]; prerequisites: Prose[] };
  /** A service project: one workload onto a cluster that exists, no ClusterConfig. */
  service: boolean;
  /** The application's ECR repository and CI workflow. */
  delivery: DeliveryPlan;
}

export function resolve(given: PartialAnswers, today: Date = new Date()): Plan {
  const answers = applyDefaults(given, today);
  if (answers.service === true) {
    // A service project keeps every cluster answer at its default: one given is refused by name.
    const extra = clusterOnlyAnswers(answers, applyDefaults(serviceAnswersOf(answers), today));
    if (extra.length > 0)
      throw new AnswersError(
        extra.map((field) => ({
          field,
          message: `belongs to a new cluster; a service project (${flag('service')}) deploys onto a cluster that exists, so drop ${flag(field)}`,
        })),
      );
  }
  const problems = answerProblems(answers, today);
  if (problems.length > 0) throw new AnswersError(problems);

  const region = REGION_BY_CODE.get(answers.region)!;
  const accountPlaceholder = answers.accountId === '';
  const aws: AwsContext = {
    partition: region.partition,
    region: answers.region,
    account: accountPlaceholder ? '${AWS_ACCOUNT_ID}' : answers.accountId,
    cluster: answers.name,
    identity: answers.identity,
    ...(answers.clusterOidcIssuer ? { oidcIssuerHost: issuerHost(answers.clusterOidcIssuer) } : {}),
  };
  const podIdentity = answers.identity === 'pod-identity';
  const kmsAlias = `alias/eks/${answers.name}`;
  const kmsCreate = answers.kmsKeyArn === '';

  const appSa: ServiceAccountRef = { namespace: answers.app.namespace, name: answers.app.name };
  const existingRole = answers.app.roleArn;
  const appRoleName = existingRole ? existingRole.slice(existingRole.lastIndexOf('/') + 1) : `${answers.name}-${answers.app.name}`;
  const appRole: IamRole = {
    name: appRoleName,
    purpose: `AWS permissions of the ${answers.app.name} application`,
    serviceAccount: appSa,
    trust: trustFor(aws, appSa),
    policy: appPolicy(aws, answers),
    arn: existingRole || `arn:${aws.partition}:iam::${aws.account}:role/${appRoleName}`,
    ...(existingRole ? { existing: true } : {}),
    ...(answers.app.managedPolicyArns.length ? { managedPolicyArns: answers.app.managedPolicyArns } : {}),
  };
  const addonPlan = planAddons(answers, aws);
  // What the selected add-ons need in the application's pod: statements for its role, volumes and mounts.
  appRole.policy.Statement.push(...addonPlan.app.statements);
  const tagList = Object.entries(answers.tags).map(([key, value]) => ({ key, value }));
  // Set to match prefix delegation or custom networking; otherwise EKS and Karpenter compute it.
  const maxPodsPerNode = nodeGroupMaxPods(answers);
  const own = COMPUTE_MODULES[answers.compute];
  const ctx = { answers, aws, tags: tagList, maxPodsPerNode, nodePoolMaxPods: karpenterMaxPods(answers) };
  const compute = planCompute(answers, tagList, own.groups?.(ctx) ?? {});
  const added = own.additions?.(ctx) ?? {};
  const karpenter = added.karpenter;
  const network = planNetwork(answers, { podIdentity, irsa: !podIdentity, partition: aws.partition });
  const storage = planStorage(answers);
  const nodeRoles = added.nodeRoles ?? [];
  const access = planAccess(
    answers,
    aws.partition as AwsPartition,
    nodeRoles.map((r) => ({ arn: r.arn, type: 'EC2_LINUX' as const })),
  );
  const roles = [appRole, ...addonPlan.roles, ...(added.roles ?? [])];

  const appLabels = { 'app.kubernetes.io/name': answers.app.name, 'app.kubernetes.io/part-of': answers.name };
  const plan: Omit<Plan, 'files' | 'applyTimeFiles' | 'steps' | 'maintenance' | 'teardown' | 'upgrade' | 'readme' | 'service' | 'delivery'> = {
    toolVersion: TOOL_VERSION,
    answers,
    warnings: [
      ...warningsFor(answers, today),
      // Said only when asked for: the default already is what eksctl builds.
      ...(given.natGateway !== undefined && answers.ipFamily === 'ipv6' && !answers.vpcId
        ? [
            'natGateway: eksctl builds IPv6 VPCs with one NAT gateway for IPv4 egress and an egress-only internet gateway for IPv6, whatever is asked, and refuses vpc.nat for IPv6; cluster.yaml has no vpc.nat.',
          ]
        : []),
    ],
    aws,
    accountPlaceholder,
    kms: kmsCreate
      ? // EKS stores the key's ARN, not the alias's, and eksctl compares the two as strings on later runs:
        // a README step resolves the alias and envsubst fills in the key ARN.
        { alias: kmsAlias, arn: '${KMS_KEY_ARN}', create: true }
      : { alias: answers.kmsKeyArn, arn: answers.kmsKeyArn, create: false },
    supportType: answers.supportType === 'extended' ? 'EXTENDED' : 'STANDARD',
    // Written only when a provisioned tier is asked for; standard is what EKS does without it.
    controlPlaneTier: answers.controlPlaneTier === 'standard' ? undefined : answers.controlPlaneTier,
    extendedByChoice: answers.supportType === 'extended' && supportStatus(answers.kubernetesVersion, today) !== 'extended',
    publicAccess: answers.endpoint !== 'private',
    podIdentity,
    irsa: !podIdentity,
    ...(answers.permissionsBoundaryArn ? { permissionsBoundary: answers.permissionsBoundaryArn } : {}),
    logTypes: answers.logTypes,
    nodeGroupName: 'system',
    maxPodsPerNode,
    compute,
    network,
    storage,
    access,
    gitops: planGitops(answers, aws.partition as AwsPartition),
    karpenter,
    nodeRoles,
    addons: addonPlan.eksAddons,
    helmReleases: [...(added.helmReleases ?? []), ...addonPlan.helmReleases],
    addonFiles: addonPlan.files,
    addonSteps: addonPlan.steps,
    wildcardNotes: addonPlan.wildcardNotes,
    app: {
      ...answers.app,
      serviceAccount: appSa.name,
      // The sample image runs as its own user; other images get a fixed non-root UID.
      uid: answers.app.image === IMAGES.sampleApp.image ? IMAGES.sampleApp.runAsUser : 10001,
      role: appRole,
      labels: appLabels,
      servicePort: network.service.port,
      podLabels: { ...appLabels, ...(compute.appOnFargate ? answers.fargate.labels : {}) },
      volumes: addonPlan.app.volumes,
      volumeMounts: addonPlan.app.volumeMounts,
      autoscaled: addonPlan.modules.some((m) => m.id === 'hpa'),
      // On Fargate a smoke-test Job proves DNS and the Service work; it needs the sample image's busybox wget.
      smokeTest: compute.appOnFargate && answers.app.image === IMAGES.sampleApp.image,
      placement: appPlacement(answers),
    },
    roles,
    workloadRoles: roles.filter((r) => !r.viaEksAddon),
    tagList,
  };
  const clusterFiles = plannedFiles(plan);
  const delivery = planDelivery(
    answers,
    aws,
    clusterFiles.filter((f) => f.path.startsWith(`k8s/${answers.app.name}/`)),
  );
  plan.wildcardNotes.push(...deliveryWildcards(delivery));
  const files = answers.service
    ? serviceFiles(clusterFiles, delivery, answers.app.name, appRole.name)
    : withDelivery(clusterFiles, deliveryFiles(delivery, answers.app.name));
  const withFiles = {
    ...plan,
    // Only the documents this project writes: a service project's cluster keeps its add-ons' roles.
    wildcardNotes: plan.wildcardNotes.filter((n) => files.some((f) => f.path === n.file)),
    service: answers.service,
    delivery,
    files,
    applyTimeFiles: files.filter((f) => f.variables?.length).map((f) => ({ path: f.path, variables: f.variables!.map((v) => `\${${v}}`) })),
    steps: [] as Step[],
    maintenance: [] as Step[],
    teardown: [] as Step[],
    readme: { choices: [] as Prose[], privateEndpoint: [] as Prose[], prerequisites: [] as Prose[] },
  };
  if (answers.service) {
    const definitions = shellDefinitions(withFiles);
    withFiles.steps = selfContained(serviceSteps(withFiles, delivery, certificateSteps(withFiles), deployStep(withFiles)), definitions);
    withFiles.teardown = selfContained(serviceTeardown(withFiles, delivery), definitions);
  } else {
    withFiles.steps = applySteps(withFiles);
    withFiles.maintenance = maintenanceSteps(withFiles);
    withFiles.teardown = [...teardownSteps(withFiles), ...deliveryTeardown(withFiles, delivery)];
  }
  if (answers.upgradeFrom && !answers.service)
    (withFiles as Plan).upgrade = {
      from: answers.upgradeFrom,
      to: answers.kubernetesVersion,
      steps: selfContained(upgradeSteps(withFiles), shellDefinitions(withFiles)),
    };
  withFiles.readme.prerequisites = prerequisites(withFiles);
  withFiles.readme.choices = answers.service ? serviceReadmeChoices(withFiles) : readmeChoices(withFiles);
  withFiles.readme.privateEndpoint = withFiles.network.privateChecklist ? privateEndpointNotes(withFiles) : [];
  return withFiles;
}

/** The sample application reads its own configuration from SSM Parameter Store, and nothing else. */
function appPolicy(aws: AwsContext, a: Answers): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'ReadOwnParameters',
        Effect: 'Allow',
        Action: ['ssm:GetParameter', 'ssm:GetParameters', 'ssm:GetParametersByPath'],
        Resource: `arn:${aws.partition}:ssm:${aws.region}:${aws.account}:parameter/${a.name}/${a.app.name}/*`,
      },
      ...resourceStatements(aws, a.app),
    ],
  };
}

/** The AWS resources the answers name for the workload: exactly those, and nothing else of their kind. */
function resourceStatements(aws: AwsContext, app: Answers['app']): PolicyDocument['Statement'] {
  const arn = (service: string, rest: string) => `arn:${aws.partition}:${service}:${aws.region}:${aws.account}:${rest}`;
  const out: PolicyDocument['Statement'] = [];
  if (app.secrets.length)
    out.push({
      Sid: 'ReadOwnSecrets',
      Effect: 'Allow',
      Action: ['secretsmanager:DescribeSecret', 'secretsmanager:GetSecretValue'],
      // Secrets Manager ends each secret's ARN with a hyphen and six random characters.
      Resource: app.secrets.map((n) => arn('secretsmanager', `secret:${n}-??????`)),
    });
  app.s3Prefixes.forEach((place, i) => {
    const { bucket, prefix } = s3Place(place) as { bucket: string; prefix: string };
    out.push(
      {
        Sid: `ListOwnPrefix${i + 1}`,
        Effect: 'Allow',
        Action: 's3:ListBucket',
        Resource: `arn:${aws.partition}:s3:::${bucket}`,
        Condition: { StringLike: { 's3:prefix': [prefix, `${prefix}/*`] } },
      },
      {
        Sid: `ReadWriteOwnObjects${i + 1}`,
        Effect: 'Allow',
        Action: ['s3:DeleteObject', 's3:GetObject', 's3:PutObject'],
        Resource: `arn:${aws.partition}:s3:::${bucket}/${prefix}/*`,
      },
    );
  });
  if (app.dynamodbTables.length)
    out.push({
      Sid: 'ReadWriteOwnTables',
      Effect: 'Allow',
      Action: [
        'dynamodb:BatchGetItem',
        'dynamodb:BatchWriteItem',
        'dynamodb:ConditionCheckItem',
        'dynamodb:DeleteItem',
        'dynamodb:DescribeTable',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:Query',
        'dynamodb:Scan',
        'dynamodb:UpdateItem',
      ],
      Resource: app.dynamodbTables.flatMap((t) => [arn('dynamodb', `table/${t}`), arn('dynamodb', `table/${t}/index/*`)]),
    });
  return out;
}

function plannedFiles(
  plan: Omit<Plan, 'files' | 'applyTimeFiles' | 'steps' | 'maintenance' | 'teardown' | 'upgrade' | 'readme' | 'service' | 'delivery'>,
): PlannedFile[] {
  const app = plan.app.name;
  const json = 'base/iam/document.json.hbs';
  const files: PlannedFile[] = [
    {
      path: 'eksctl/cluster.yaml',
      template: 'base/eksctl/cluster.yaml.hbs',
      format: 'yaml',
      purpose: `eksctl ClusterConfig: control plane, VPC, access, encryption, logging, ${COMPUTE_MODULES[plan.compute.type].configures(plan.compute)}, add-ons`,
    },
  ];
  // Each association on its own too, for creating it on a running cluster (the README's create step, add service, add addon).
  if (plan.podIdentity)
    for (const role of plan.workloadRoles)
      files.push({
        path: podIdentityFile(role),
        template: 'base/eksctl/pod-identity.yaml.hbs',
        format: 'yaml',
        purpose: `eksctl ClusterConfig with only the Pod Identity association of ${role.serviceAccount.namespace}/${role.serviceAccount.name} and its IAM role ${role.name}, for creating it on a running cluster`,
        data: { associations: [role] },
      });
  const computeFiles = COMPUTE_MODULES[plan.compute.type].files?.(plan) ?? [];
  // Its CloudFormation first, as the README deploys it before the cluster.
  files.push(...computeFiles.filter((f) => f.path.startsWith('cloudformation/')));
  for (const role of plan.roles) {
    files.push(
      { path: `iam/${role.name}-trust.json`, template: json, format: 'json', purpose: `trust policy of IAM role ${role.name}`, data: { document: role.trust } },
      {
        path: `iam/${role.name}-policy.json`,
        template: json,
        format: 'json',
        purpose: `permissions of IAM role ${role.name}`,
        data: { document: role.policy },
      },
    );
  }
  for (const role of plan.nodeRoles) {
    files.push({
      path: `iam/${role.name}-trust.json`,
      template: json,
      format: 'json',
      purpose: `trust policy of IAM role ${role.name} (its permissions are the AWS managed policies listed in the README)`,
      data: { document: role.trust },
    });
  }
  const net = plan.network;
  if (net.eniConfigs.length > 0) {
    files.push({
      path: 'k8s/network/eniconfigs.yaml',
      template: 'network/eniconfigs.yaml.hbs',
      format: 'yaml',
      purpose: `ENIConfigs ${net.eniConfigs.map((e) => e.name).join(', ')}: the pod subnet of each availability zone (custom networking)`,
    });
  }
  files.push({
    path: `k8s/${app}/00-namespace.yaml`,
    template: 'base/k8s/app/namespace.yaml.hbs',
    format: 'yaml',
    purpose: `Namespace ${plan.app.namespace}, Pod Security Standards restricted`,
  });
  if (net.networkPolicy) {
    files.push({
      path: `k8s/${app}/05-networkpolicy.yaml`,
      template: 'network/networkpolicy.yaml.hbs',
      format: 'yaml',
      purpose: `NetworkPolicies: default deny in ${plan.app.namespace}, DNS to kube-dns, and ${app}'s own traffic`,
    });
    if (net.lbPolicyFile)
      files.push({
        path: net.lbPolicyFile,
        template: 'network/networkpolicy-lb.yaml.hbs',
        format: 'yaml',
        variables: [net.lbPolicyVariable!],
        purpose: `NetworkPolicy: ${app} accepts its load balancer from the VPC's ${net.ipv6 ? 'IPv6 ' : ''}range; \${${net.lbPolicyVariable}} filled in by envsubst`,
        data: { lbCidr: `\${${net.lbPolicyVariable}}` },
      });
  }
  files.push({
    path: `k8s/${app}/10-serviceaccount.yaml`,
    template: 'base/k8s/app/serviceaccount.yaml.hbs',
    format: 'yaml',
    purpose: `ServiceAccount ${plan.app.serviceAccount}, bound to IAM role ${plan.app.role.name}`,
  });
  if (net.securityGroupPolicy) {
    files.push({
      path: sgpFile(app),
      template: 'network/securitygrouppolicy.yaml.hbs',
      format: 'yaml',
      variables: net.securityGroupPolicy.variables,
      purpose: `SecurityGroupPolicy ${app}: the pods' own security group${net.securityGroupPolicy.groupIds.length > 1 ? 's' : ''}; ${net.securityGroupPolicy.groupIds.join(', ')} filled in by envsubst`,
    });
  }
  const serviceFile = `k8s/${app}/30-service.yaml`;
  const serviceTmpl = net.edge?.templateFile === `${serviceFile}.tmpl`;
  files.push(
    {
      path: `k8s/${app}/20-deployment.yaml`,
      template: 'base/k8s/app/deployment.yaml.hbs',
      format: 'yaml',
      purpose: `Deployment ${app}: hardened pod with probes, requests and limits`,
    },
    {
      path: serviceTmpl ? `${serviceFile}.tmpl` : serviceFile,
      ...(serviceTmpl ? { variables: ['CERTIFICATE_ARN'] } : {}),
      template: 'base/k8s/app/service.yaml.hbs',
      format: 'yaml',
      purpose:
        net.service.type === 'LoadBalancer'
          ? `Service ${app} (LoadBalancer: an ${net.lbScheme} Network Load Balancer, target type ip${net.edge?.tls ? ', TLS on 443' : ''}${serviceTmpl ? '; ${CERTIFICATE_ARN} filled in by envsubst' : ''})`
          : `Service ${app} (ClusterIP)`,
    },
  );
  if (net.ingress) {
    const file = `k8s/${app}/35-ingress.yaml`;
    const tmpl = net.edge?.templateFile === `${file}.tmpl`;
    files.push({
      path: tmpl ? `${file}.tmpl` : file,
      ...(tmpl ? { variables: ['CERTIFICATE_ARN'] } : {}),
      template: 'network/ingress.yaml.hbs',
      format: 'yaml',
      purpose: `Ingress ${app}: an ${net.ingress.scheme} Application Load Balancer, target type ip${net.edge?.tls ? ', HTTPS on 443' : ''}${tmpl ? '; ${CERTIFICATE_ARN} filled in by envsubst' : ''}`,
    });
  }
  if (plan.app.smokeTest) {
    files.push({
      path: `k8s/${app}/40-smoke-test.yaml`,
      template: 'compute/fargate/smoke-test-job.yaml.hbs',
      format: 'yaml',
      purpose: `Job that calls Service ${app} once from Fargate, removed ${plan.compute.jobTtlSecondsAfterFinished}s after it finishes`,
      data: {
        smokeTestName: `${app}-smoke-test`,
        smokeTestUrl: `http://${app}.${plan.app.namespace}.svc.cluster.local${plan.app.servicePort === 80 ? '' : `:${plan.app.servicePort}`}/`,
        // The pod's own name, and the labels a Fargate profile selects on.
        smokeTestLabels: { ...plan.app.podLabels, 'app.kubernetes.io/name': `${app}-smoke-test` },
      },
    });
  }
  files.push(...computeFiles.filter((f) => !f.path.startsWith('cloudformation/')));
  files.push(
    ...plan.addonFiles,
    ...gitopsFiles(plan.gitops, plan.helmReleases, plan.app),
    ...plan.storage.files,
    { path: 'README.md', template: 'base/README.md.hbs', format: 'markdown', purpose: 'what was generated and the commands to apply it, in order' },
    { path: '.eks-app.json', template: 'base/eks-app.json.hbs', format: 'json', purpose: 'saved answers, to re-render or update the project later' },
  );
  return files;
}

/** The delivery files after the application's manifests. */
function withDelivery(files: PlannedFile[], delivery: PlannedFile[]): PlannedFile[] {
  const at = files.findIndex((f) => f.path === 'README.md');
  return [...files.slice(0, at), ...delivery, ...files.slice(at)];
}

/** A service project's files: the application's role, its manifests, its delivery, the README and the state. */
function serviceFiles(files: PlannedFile[], delivery: DeliveryPlan, app: string, role: string): PlannedFile[] {
  // The role's documents too when the role is the user's: they say what it must trust and allow.
  const own = files.filter((f) => f.path.startsWith(`k8s/${app}/`) || f.path === `iam/${role}-trust.json` || f.path === `iam/${role}-policy.json`);
  return [
    ...own.filter((f) => f.path.startsWith('iam/')),
    ...own.filter((f) => !f.path.startsWith('iam/')),
    ...deliveryFiles(delivery, app),
    {
      path: 'README.md',
      template: 'service/README.md.hbs',
      format: 'markdown',
      purpose: 'what the service needs from the cluster, what was generated, and the commands to apply it, in order',
    },
    files.find((f) => f.path === '.eks-app.json')!,
  ];
}
