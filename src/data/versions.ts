// Pinned facts that create-eks-app needs when it plans and validates a project.
// Every block says where its facts come from; docs/facts.md lists the sources and
// which values are estimates. Refresh this file and LAST_CHECKED together.

export const LAST_CHECKED = '2026-11-28';

// ---------------------------------------------------------------------------
// 1. Kubernetes versions on Amazon EKS
// ---------------------------------------------------------------------------

export type SupportStatus = 'standard' | 'extended' | 'unsupported';

export interface KubernetesVersionInfo {
  /** Minor version as EKS and eksctl spell it, e.g. '1.35'. */
  readonly version: string;
  /** Day the version became available on EKS (YYYY-MM-DD, UTC). */
  readonly releasedOnEks: string;
  /** First day of extended support; standard support covers the days before it. */
  readonly endOfStandardSupport: string;
  /** From this day the version is unsupported and new clusters can't use it. */
  readonly endOfExtendedSupport: string;
  /** Fields that are estimates or derived rather than read from an AWS page. */
  readonly estimated: readonly ('releasedOnEks' | 'endOfStandardSupport' | 'endOfExtendedSupport')[];
}

// Source: EKS User Guide "Understand the Kubernetes version lifecycle on EKS" (release calendar);
// 1.35 end dates also in endoflife.date/amazon-eks; 1.36 dates from a third-party write-up, checked
// against the documented 14-month standard + 12-month extended cadence. 1.31 ended extended
// support on 2026-11-26, so it is left out. Oldest first.
export const KUBERNETES_VERSIONS: readonly KubernetesVersionInfo[] = [
  {
    version: '1.32',
    releasedOnEks: '2025-01-23',
    endOfStandardSupport: '2026-03-23',
    endOfExtendedSupport: '2027-03-23',
    estimated: [],
  },
  {
    version: '1.33',
    releasedOnEks: '2025-05-29',
    endOfStandardSupport: '2026-07-29',
    endOfExtendedSupport: '2027-07-29',
    estimated: [],
  },
  {
    version: '1.34',
    releasedOnEks: '2025-10-02',
    endOfStandardSupport: '2026-12-02',
    endOfExtendedSupport: '2027-12-02',
    estimated: [],
  },
  {
    version: '1.35',
    releasedOnEks: '2026-01-27', // estimated: end of standard support minus 14 months; endoflife.date says 2026-01-28
    endOfStandardSupport: '2027-03-27',
    endOfExtendedSupport: '2028-03-27',
    estimated: ['releasedOnEks'],
  },
  {
    version: '1.36',
    releasedOnEks: '2026-06-02', // estimated: third-party source; AWS release notes confirm 1.36 is on EKS
    endOfStandardSupport: '2027-08-02', // estimated: third-party source, matches release + 14 months
    endOfExtendedSupport: '2028-08-02', // estimated: end of standard support + 12 months
    estimated: ['releasedOnEks', 'endOfStandardSupport', 'endOfExtendedSupport'],
  },
];

// Source: Kubernetes 1.37 released upstream 2026-08-26 (aws/containers-roadmap#2864 links the
// announcement); EKS Distro had 1.37 development builds by 2026-09-02. No AWS page we could read
// confirms EKS availability, so it is kept out of KUBERNETES_VERSIONS and never offered or defaulted.
export const UNCONFIRMED_KUBERNETES_VERSIONS: readonly KubernetesVersionInfo[] = [
  {
    version: '1.37',
    releasedOnEks: '2026-10-02', // estimated: upstream release + about 5 weeks, as for 1.33 to 1.36
    endOfStandardSupport: '2027-12-02', // estimated: + 14 months
    endOfExtendedSupport: '2028-12-02', // estimated: + 12 months
    estimated: ['releasedOnEks', 'endOfStandardSupport', 'endOfExtendedSupport'],
  },
];

// Source: eksctl pkg/eks/versions_manager.go (versions come from the EKS DescribeClusterVersions API
// since eksctl 0.202.0, PR #8144), pkg/apis/eksctl.io/v1alpha5/types.go (DefaultVersion) and
// pkg/addons/default/assets/coredns-1.36.json (the newest bundled per-version asset).
export const EKSCTL = {
  /** The release the project targets; its schema is in ../shared/upstream/eksctl/schema.json. */
  release: 'v0.230.0',
  releasedOn: '2026-08-13',
  /**
   * eksctl's hard-coded default when metadata.version is omitted. Read from the source near v0.226;
   * not re-read at the v0.230.0 tag. It is 1.34, whose standard support ends 2026-12-02, so
   * generated configs must always set metadata.version.
   */
  defaultVersion: '1.34',
  /**
   * Newest version we know eksctl v0.230.0 handles: it existed on EKS before that release and eksctl
   * bundles a CoreDNS asset for it. eksctl accepts any version the EKS API lists, but 1.37 has no
   * bundled asset and was released upstream after v0.230.0, so it is not treated as supported.
   */
  maxVerifiedVersion: '1.36',
} as const;

function minorOf(version: string): number {
  const m = /^1\.(\d+)$/.exec(version);
  if (!m) throw new Error(`not a Kubernetes minor version: ${JSON.stringify(version)}`);
  return Number(m[1]);
}

function utcDay(d: Date): string {
  return d.toISOString().slice(0, 10);
}

function statusOf(v: KubernetesVersionInfo, today: Date): SupportStatus {
  const day = utcDay(today);
  if (day < v.releasedOnEks) return 'unsupported';
  if (day < v.endOfStandardSupport) return 'standard';
  if (day < v.endOfExtendedSupport) return 'extended';
  return 'unsupported';
}

/**
 * Support status of a version on a given day (compared in UTC, as EKS bills).
 * The end-of-standard-support day is already extended; the end-of-extended-support day is unsupported.
 * Versions not in KUBERNETES_VERSIONS (including unconfirmed ones such as 1.37) are 'unsupported'.
 */
export function supportStatus(version: string, today: Date): SupportStatus {
  const v = KUBERNETES_VERSIONS.find((k) => k.version === version);
  return v ? statusOf(v, today) : 'unsupported';
}

/**
 * Newest version in standard support on `today` that eksctl v0.230.0 is known to create
 * (capped at EKSCTL.maxVerifiedVersion). Throws if none is, which means this file is stale.
 */
export function newestStandardVersion(today: Date): string {
  const cap = minorOf(EKSCTL.maxVerifiedVersion);
  const candidates = KUBERNETES_VERSIONS.filter((k) => minorOf(k.version) <= cap && statusOf(k, today) === 'standard').sort(
    (a, b) => minorOf(b.version) - minorOf(a.version),
  );
  const newest = candidates[0];
  if (!newest) {
    throw new Error(`no Kubernetes version in standard support on ${utcDay(today)}; update src/data/versions.ts (last checked ${LAST_CHECKED})`);
  }
  return newest.version;
}

// ---------------------------------------------------------------------------
// 2. EKS managed add-on versions
// ---------------------------------------------------------------------------

export type EksAddonName =
  | 'vpc-cni'
  | 'coredns'
  | 'kube-proxy'
  | 'eks-pod-identity-agent'
  | 'aws-ebs-csi-driver'
  | 'aws-efs-csi-driver'
  | 'aws-mountpoint-s3-csi-driver'
  | 'snapshot-controller'
  | 'amazon-cloudwatch-observability'
  | 'metrics-server'
  | 'cert-manager'
  | 'adot'
  | 'aws-fsx-csi-driver'
  | 'external-dns'
  | 'prometheus-node-exporter'
  | 'kube-state-metrics';

// No add-on build is pinned: EKS lists which builds run on which Kubernetes version only through
// DescribeAddonVersions, so a build written here could be one EKS refuses for the chosen version.
// eksctl creates an add-on whose version is left out at the default build EKS lists for the cluster's
// Kubernetes version (docs/facts.md, section 2); the README shows how to look it up.

/** The command that prints the build EKS uses by default for an add-on on a Kubernetes version. */
export function defaultAddonVersionCommand(name: string, kubernetesVersion: string, region: string): string {
  return `aws eks describe-addon-versions --region ${region} --kubernetes-version ${kubernetesVersion} --addon-name ${name} --query 'addons[0].addonVersions[?compatibilities[?defaultVersion]].addonVersion' --output text`;
}

// Source: EKS User Guide "Community add-ons" (names, namespaces) and each add-on's page; these
// add-ons are not installed in kube-system.
export const EKS_ADDON_NAMESPACES: Readonly<Partial<Record<EksAddonName, string>>> = {
  'amazon-cloudwatch-observability': 'amazon-cloudwatch',
  adot: 'opentelemetry-operator-system',
  'cert-manager': 'cert-manager',
  'external-dns': 'external-dns',
  'prometheus-node-exporter': 'prometheus-node-exporter',
  'kube-state-metrics': 'kube-state-metrics',
};

// ---------------------------------------------------------------------------
// 3. Helm charts
// ---------------------------------------------------------------------------

export interface HelmChart {
  /** https:// chart repository URL, or oci:// reference without the chart name. */
  readonly repo: string;
  readonly chart: string;
  readonly version: string;
  readonly appVersion?: string;
  readonly namespace: string;
  /**
   * The images the chart's pods pull with this project's values (an operator's own pods included),
   * as `helm template` of the pinned chart renders them; test/helm.test.ts keeps this list true.
   */
  readonly images: readonly string[];
}

export type HelmChartId =
  | 'aws-load-balancer-controller'
  | 'karpenter'
  | 'cluster-autoscaler'
  | 'external-dns'
  | 'secrets-store-csi-driver'
  | 'secrets-store-csi-driver-provider-aws'
  | 'aws-for-fluent-bit'
  | 'kube-prometheus-stack';

// Source: each chart is packaged in ../shared/upstream/charts at this version (see its SOURCES.tsv);
// version/appVersion of all but kube-prometheus-stack also match ../shared/upstream/helm. Repository
// URLs are the projects' install docs. Images: helm template of that chart (test/helm.test.ts).
export const HELM_CHARTS: Readonly<Record<HelmChartId, HelmChart>> = {
  'aws-load-balancer-controller': {
    repo: 'https://aws.github.io/eks-charts',
    chart: 'aws-load-balancer-controller',
    version: '3.5.0',
    appVersion: 'v3.5.0',
    namespace: 'kube-system',
    images: ['public.ecr.aws/eks/aws-load-balancer-controller:v3.5.0'],
  },
  karpenter: {
    repo: 'oci://public.ecr.aws/karpenter',
    chart: 'karpenter',
    version: '1.14.1',
    appVersion: '1.14.1',
    namespace: 'kube-system',
    images: ['public.ecr.aws/karpenter/controller:1.14.1@sha256:445baefaaa689029cc12ac1f659b916b0b82fb14308ce536f8521fcf079116fa'],
  },
  'cluster-autoscaler': {
    // appVersion 1.35.0: the autoscaler minor is meant to match the cluster minor.
    repo: 'https://kubernetes.github.io/autoscaler',
    chart: 'cluster-autoscaler',
    version: '9.59.0',
    appVersion: '1.35.0',
    namespace: 'kube-system',
    images: ['registry.k8s.io/autoscaling/cluster-autoscaler:v1.35.0'],
  },
  'external-dns': {
    repo: 'https://kubernetes-sigs.github.io/external-dns/',
    chart: 'external-dns',
    version: '1.21.1',
    appVersion: '0.21.0',
    namespace: 'external-dns',
    images: ['registry.k8s.io/external-dns/external-dns:v0.21.0'],
  },
  'secrets-store-csi-driver': {
    repo: 'https://kubernetes-sigs.github.io/secrets-store-csi-driver/charts',
    chart: 'secrets-store-csi-driver',
    version: '1.6.0',
    appVersion: '1.6.0',
    namespace: 'kube-system',
    images: [
      'registry.k8s.io/csi-secrets-store/driver-crds:v1.6.0',
      'registry.k8s.io/csi-secrets-store/driver:v1.6.0',
      'registry.k8s.io/sig-storage/csi-node-driver-registrar:v2.16.0',
      'registry.k8s.io/sig-storage/livenessprobe:v2.18.0',
    ],
  },
  'secrets-store-csi-driver-provider-aws': {
    // Its Chart.yaml has no appVersion (the image tag in values.yaml is 3.1.1).
    repo: 'https://aws.github.io/secrets-store-csi-driver-provider-aws',
    chart: 'secrets-store-csi-driver-provider-aws',
    version: '3.1.1',
    namespace: 'kube-system',
    images: ['public.ecr.aws/aws-secrets-manager/secrets-store-csi-driver-provider-aws:3.1.1'],
  },
  'aws-for-fluent-bit': {
    repo: 'https://aws.github.io/eks-charts',
    chart: 'aws-for-fluent-bit',
    version: '0.2.0',
    appVersion: '3.2.1',
    namespace: 'kube-system',
    images: ['public.ecr.aws/aws-observability/aws-for-fluent-bit:3.2.1'],
  },
  'kube-prometheus-stack': {
    repo: 'https://prometheus-community.github.io/helm-charts',
    chart: 'kube-prometheus-stack',
    version: '88.2.0',
    namespace: 'monitoring',
    images: [
      'docker.io/grafana/grafana:13.1.3',
      'ghcr.io/jkroepke/kube-webhook-certgen:1.8.5',
      'quay.io/kiwigrid/k8s-sidecar:2.10.1',
      'quay.io/prometheus-operator/prometheus-config-reloader:v0.93.0',
      'quay.io/prometheus-operator/prometheus-operator:v0.93.0',
      'quay.io/prometheus/alertmanager:v0.33.1',
      'quay.io/prometheus/node-exporter:v1.12.1-distroless',
      'quay.io/prometheus/prometheus:v3.13.2-distroless',
      'registry.k8s.io/kube-state-metrics/kube-state-metrics:v2.19.1',
    ],
  },
};

// ---------------------------------------------------------------------------
// 4. Images
// ---------------------------------------------------------------------------

// Source: nginx/docker-nginx-unprivileged README (registries, port, pid/temp paths moved to /tmp),
// stable/alpine-slim/Dockerfile (NGINX 1.30.4, UID/GID 101, EXPOSE 8080, USER 101) and
// .github/workflows/alpine-stable.yml (tags pushed to public.ecr.aws/nginx/nginx-unprivileged).
export const IMAGES = {
  sampleApp: {
    /** Full reference, the default for the app.image answer. */
    image: 'public.ecr.aws/nginx/nginx-unprivileged:1.30.4-alpine',
    repository: 'public.ecr.aws/nginx/nginx-unprivileged',
    tag: '1.30.4-alpine',
    /** Same image on Docker Hub (rate limited for anonymous pulls). */
    dockerHub: 'docker.io/nginxinc/nginx-unprivileged:1.30.4-alpine',
    port: 8080,
    runAsUser: 101,
    runAsGroup: 101,
    /** With readOnlyRootFilesystem, mount an emptyDir here: nginx writes its pid and temp files to /tmp. */
    writablePaths: ['/tmp'],
  },
} as const;

// ---------------------------------------------------------------------------
// 5. EKS access policies
// ---------------------------------------------------------------------------

export type AwsPartition = 'aws' | 'aws-cn' | 'aws-us-gov';

export interface AccessPolicyInfo {
  readonly arn: string;
  /** Scope usually given when associating it; 'either' means cluster or namespace both make sense. */
  readonly typicalScope: 'cluster' | 'namespace' | 'either';
  /** False for policies AWS reserves for service-linked roles. */
  readonly userAssignable: boolean;
  /** False when the name came only from a third-party copy of `aws eks list-access-policies`. */
  readonly verifiedInAwsDocs: boolean;
}

const ACCESS_POLICY_PREFIX = 'cluster-access-policy/';

/** ARN of an access policy; the account field is the literal `aws` and the region is empty. */
export function accessPolicyArn(name: string, partition: AwsPartition = 'aws'): string {
  return `arn:${partition}:eks::aws:${ACCESS_POLICY_PREFIX}${name}`;
}

const policy = (
  name: string,
  typicalScope: AccessPolicyInfo['typicalScope'],
  userAssignable: boolean,
  verifiedInAwsDocs = true,
): [string, AccessPolicyInfo] => [name, { arn: accessPolicyArn(name), typicalScope, userAssignable, verifiedInAwsDocs }];

// Source: EKS User Guide "Review access policy permissions" (ARNs, which policies are reserved for
// service-linked roles); entries marked verifiedInAwsDocs: false only appear in a third-party copy of
// the `aws eks list-access-policies` output. ARNs use partition `aws`; call accessPolicyArn() for others.
export const EKS_ACCESS_POLICIES: Readonly<Record<string, AccessPolicyInfo>> = Object.fromEntries([
  policy('AmazonEKSClusterAdminPolicy', 'cluster', true),
  policy('AmazonEKSAdminPolicy', 'namespace', true),
  policy('AmazonEKSAdminViewPolicy', 'either', true),
  policy('AmazonEKSEditPolicy', 'namespace', true),
  policy('AmazonEKSViewPolicy', 'either', true),
  policy('AmazonEKSSecretReaderPolicy', 'namespace', true),
  policy('AmazonEKSAutoNodePolicy', 'cluster', true),
  policy('AmazonEKSLoadBalancingPolicy', 'cluster', true),
  policy('AmazonEKSNetworkingPolicy', 'cluster', true),
  policy('AmazonEKSLoadBalancingClusterPolicy', 'cluster', true),
  policy('AmazonEKSNetworkingClusterPolicy', 'cluster', true),
  policy('AmazonEKSBlockStoragePolicy', 'cluster', false),
  policy('AmazonEKSBlockStorageClusterPolicy', 'cluster', false),
  policy('AmazonEKSComputePolicy', 'cluster', false),
  policy('AmazonEKSComputeClusterPolicy', 'cluster', false),
  policy('AmazonEKSHybridPolicy', 'cluster', false),
  policy('AmazonEKSClusterInsightsPolicy', 'cluster', false),
  policy('AmazonAIOpsAssistantPolicy', 'cluster', true),
  policy('AmazonARCRegionSwitchScalingPolicy', 'cluster', true),
  policy('AmazonEKSSecretAdminPolicy', 'namespace', true, false),
  policy('AmazonEKSArgoCDClusterPolicy', 'cluster', true, false),
  policy('AmazonEKSArgoCDPolicy', 'namespace', true, false),
  policy('AmazonEKSACKPolicy', 'cluster', true, false),
  policy('AmazonEKSKROPolicy', 'cluster', true, false),
  policy('AWSBackupFullAccessPolicyForBackup', 'cluster', true, false),
  policy('AWSBackupFullAccessPolicyForRestore', 'cluster', true, false),
]);

// ---------------------------------------------------------------------------
// 6. Small facts for validation
// ---------------------------------------------------------------------------

export interface EksRegionInfo {
  readonly code: string;
  readonly name: string;
}

// Source: see each field.
// The retentions CloudWatch Logs and eksctl accept for control-plane logs (eksctl v0.230.0 validation).
export const LOG_RETENTION_DAYS = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1827, 3653];

export const EKS_FACTS = {
  // EKS API LogType / eksctl schema ClusterCloudWatchLogging.enableTypes (eksctl also takes 'all' and '*').
  controlPlaneLogTypes: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'],
  eksctlLogTypeWildcards: ['all', '*'],

  // EKS API AuthenticationMode (eksctl accessConfig.authenticationMode uses the SDK type).
  authenticationModes: ['API', 'API_AND_CONFIG_MAP', 'CONFIG_MAP'],

  // EKS API CreateAccessEntry `type` (SDK reference and EKS User Guide "Create access entries").
  accessEntryTypes: ['STANDARD', 'EC2_LINUX', 'EC2_WINDOWS', 'FARGATE_LINUX', 'EC2', 'HYBRID_LINUX', 'HYPERPOD_LINUX'],
  // eksctl v0.230.0 schema documents only these for accessEntries[].type (the field is a free string).
  eksctlDocumentedAccessEntryTypes: ['STANDARD', 'EC2_LINUX', 'EC2_WINDOWS', 'FARGATE_LINUX'],
  // Only STANDARD entries take kubernetesGroups or access policies (EKS User Guide, CDK docs).
  accessEntryTypesWithPolicies: ['STANDARD'],
  // Access scope types for an associated policy (eksctl access_entry.go validation).
  accessScopeTypes: ['cluster', 'namespace'],

  // eksctl v0.230.0 schema UpgradePolicy.supportType; eksctl defaults to EXTENDED.
  upgradePolicySupportTypes: ['STANDARD', 'EXTENDED'],
  defaultSupportType: 'EXTENDED',

  defaultAmiFamily: 'AmazonLinux2023',
  // eksctl source (~v0.226) no longer lists the 20.04 families in SupportedAMIFamilies(), so its
  // validation may reject them although the v0.230.0 schema still lists them: never generate them.
  amiFamiliesToAvoid: ['UbuntuPro2004', 'Ubuntu2004'],
  // eksctl types.go AmazonLinux2EOLVersion: no EKS-optimized AL2 AMI from Kubernetes 1.33 on.
  amazonLinux2LastKubernetesVersion: '1.32',

  // EKS API CreateFargateProfile ("up to five selectors") and EKS service quotas (defaults, adjustable).
  fargate: {
    maxSelectorsPerProfile: 5,
    maxLabelPairsPerSelector: 5,
    maxProfilesPerCluster: 10,
    /** eksctl rejects profile names with this prefix (reserved for AWS). */
    reservedProfileNamePrefix: 'eks-',
  },

  // eksctl SupportedRegions() (source near v0.226) cross-checked with src/data/regions.ts; names as
  // in the AWS console. Commercial partition only; GovCloud and China are listed separately.
  commercialRegions: [
    { code: 'us-east-1', name: 'US East (N. Virginia)' },
    { code: 'us-east-2', name: 'US East (Ohio)' },
    { code: 'us-west-1', name: 'US West (N. California)' },
    { code: 'us-west-2', name: 'US West (Oregon)' },
    { code: 'af-south-1', name: 'Africa (Cape Town)' },
    { code: 'ap-east-1', name: 'Asia Pacific (Hong Kong)' },
    { code: 'ap-east-2', name: 'Asia Pacific (Taipei)' },
    { code: 'ap-south-1', name: 'Asia Pacific (Mumbai)' },
    { code: 'ap-south-2', name: 'Asia Pacific (Hyderabad)' },
    { code: 'ap-northeast-1', name: 'Asia Pacific (Tokyo)' },
    { code: 'ap-northeast-2', name: 'Asia Pacific (Seoul)' },
    { code: 'ap-northeast-3', name: 'Asia Pacific (Osaka)' },
    { code: 'ap-southeast-1', name: 'Asia Pacific (Singapore)' },
    { code: 'ap-southeast-2', name: 'Asia Pacific (Sydney)' },
    { code: 'ap-southeast-3', name: 'Asia Pacific (Jakarta)' },
    { code: 'ap-southeast-4', name: 'Asia Pacific (Melbourne)' },
    { code: 'ap-southeast-5', name: 'Asia Pacific (Malaysia)' },
    { code: 'ap-southeast-6', name: 'Asia Pacific (New Zealand)' },
    { code: 'ap-southeast-7', name: 'Asia Pacific (Thailand)' },
    { code: 'ca-central-1', name: 'Canada (Central)' },
    { code: 'ca-west-1', name: 'Canada West (Calgary)' },
    { code: 'eu-central-1', name: 'Europe (Frankfurt)' },
    { code: 'eu-central-2', name: 'Europe (Zurich)' },
    { code: 'eu-west-1', name: 'Europe (Ireland)' },
    { code: 'eu-west-2', name: 'Europe (London)' },
    { code: 'eu-west-3', name: 'Europe (Paris)' },
    { code: 'eu-south-1', name: 'Europe (Milan)' },
    { code: 'eu-south-2', name: 'Europe (Spain)' },
    { code: 'eu-north-1', name: 'Europe (Stockholm)' },
    { code: 'il-central-1', name: 'Israel (Tel Aviv)' },
    { code: 'me-south-1', name: 'Middle East (Bahrain)' },
    { code: 'me-central-1', name: 'Middle East (UAE)' },
    { code: 'mx-central-1', name: 'Mexico (Central)' },
    { code: 'sa-east-1', name: 'South America (Sao Paulo)' },
  ] satisfies readonly EksRegionInfo[],
  otherPartitionRegions: {
    'aws-us-gov': ['us-gov-west-1', 'us-gov-east-1'],
    'aws-cn': ['cn-north-1', 'cn-northwest-1'],
  },

  // EKS User Guide "EKS Pod Identity restrictions": limits are by compute, not by region.
  podIdentity: {
    regionalExceptionsDocumented: false,
    notAvailableOn: ['Fargate pods', 'Windows EC2 nodes', 'AWS Outposts', 'EKS Anywhere', 'self-managed Kubernetes on EC2'],
    /** Auto Mode clusters don't need the eks-pod-identity-agent add-on. */
    agentBuiltIntoAutoMode: true,
  },
  // EKS User Guide "Automate cluster infrastructure with EKS Auto Mode": no region list found in the
  // pages we read; check `aws eks create-cluster` in the target region before relying on it.
  autoMode: {
    regionalExceptionsDocumented: false,
    verifiedEverywhere: false,
  },
} as const;
