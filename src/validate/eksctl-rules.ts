// The rules eksctl v0.230 applies to a ClusterConfig beyond its JSON schema: in its Go validation
// (pkg/apis/eksctl.io/v1alpha5) and in the loader of `eksctl create cluster -f`
// (pkg/ctl/cmdutils/configfile.go). Written here from those rules; each finding names the field,
// quotes eksctl's reason, and says how to fix it. docs/eksctl-rules.md lists them with their source.
import type { Report } from './types.ts';
import { LOG_RETENTION_DAYS } from '../data/versions.ts';

type Cfg = Record<string, any>;
type Say = (path: string, message: string) => void;

export interface EksctlRule {
  id: string;
  /** Where eksctl applies it (file and function in eksctl v0.230.0). */
  source: string;
  /** What it checks, in a line, for docs/eksctl-rules.md. */
  covers: string;
  /** Only for configs that create a cluster (`eksctl create cluster -f`), not for add-on or node group files. */
  createOnly?: boolean;
  check(cfg: Cfg, say: Say): void;
}

const isObj = (v: unknown): v is Record<string, any> => v !== null && typeof v === 'object' && !Array.isArray(v);
const list = (v: unknown): any[] => (Array.isArray(v) ? v : []);
const set = (v: unknown) => v !== undefined && v !== null && v !== '';
const num = (v: unknown) => (typeof v === 'number' ? v : undefined);

// Kubernetes name rules eksctl applies to labels and taints.
const NAME_PART = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
function qualifiedName(key: string): string | undefined {
  const parts = key.split('/');
  if (parts.length > 2) return 'has more than one "/"';
  const name = parts[parts.length - 1];
  if (parts.length === 2 && (parts[0] === '' || parts[0].length > 253 || !DNS_SUBDOMAIN.test(parts[0]))) return 'has a prefix that is not a DNS subdomain';
  if (name === '' || name.length > 63 || !NAME_PART.test(name))
    return 'must be at most 63 letters, digits, "-", "_" or "." and start and end with a letter or digit';
  return undefined;
}
const labelValue = (v: string) => v === '' || (v.length <= 63 && NAME_PART.test(v));

// Label keys kubelet may set itself; other keys under kubernetes.io or k8s.io are reserved.
const KUBELET_LABELS = new Set([
  'kubernetes.io/hostname',
  'kubernetes.io/os',
  'kubernetes.io/arch',
  'beta.kubernetes.io/os',
  'beta.kubernetes.io/arch',
  'beta.kubernetes.io/instance-type',
  'node.kubernetes.io/instance-type',
  'topology.kubernetes.io/zone',
  'topology.kubernetes.io/region',
  'failure-domain.beta.kubernetes.io/zone',
  'failure-domain.beta.kubernetes.io/region',
]);
function reservedLabel(key: string): boolean {
  const slash = key.indexOf('/');
  if (slash < 0) return false;
  const prefix = key.slice(0, slash);
  const reserved = ['kubernetes.io', 'k8s.io'].some((p) => prefix === p || prefix.endsWith(`.${p}`));
  if (!reserved || KUBELET_LABELS.has(key)) return false;
  return !['kubelet.kubernetes.io', 'node.kubernetes.io'].some((p) => prefix === p || prefix.endsWith(`.${p}`));
}

export const AMI_FAMILIES = [
  'AmazonLinux2023',
  'AmazonLinux2',
  'UbuntuPro2604',
  'Ubuntu2604',
  'UbuntuPro2404',
  'Ubuntu2404',
  'UbuntuPro2204',
  'Ubuntu2204',
  'UbuntuPro2004',
  'Ubuntu2004',
  'Bottlerocket',
  'BottlerocketFips',
  'WindowsServer2019CoreContainer',
  'WindowsServer2019FullContainer',
  'WindowsServer2022CoreContainer',
  'WindowsServer2022FullContainer',
  'WindowsServer2025CoreContainer',
  'WindowsServer2025FullContainer',
];
export const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];
export const LOG_TYPES = ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'];
/** The retentions eksctl accepts (cloudwatch.go), a subset of what CloudWatch Logs offers. */
export { LOG_RETENTION_DAYS };
const ACCESS_ENTRY_TYPES = ['STANDARD', 'EC2', 'EC2_LINUX', 'EC2_WINDOWS', 'FARGATE_LINUX', 'HYBRID_LINUX'];
const NODE_ENTRY_TYPES = ['EC2_LINUX', 'EC2_WINDOWS', 'FARGATE_LINUX', 'HYBRID_LINUX'];
const AUTO_MODE_POOLS = ['general-purpose', 'system'];
const ENDPOINT_SERVICES = ['cloudformation', 'autoscaling', 'logs'];
const SPOT_STRATEGIES = ['lowest-price', 'diversified', 'capacity-optimized', 'capacity-optimized-prioritized', 'price-capacity-optimized'];
const ARN_FORM = /^arn:[a-z-]+:[a-z0-9-]+:[a-z0-9-]*:(\d{12})?:.+$/;

interface Group {
  path: string;
  ng: Record<string, any>;
  managed: boolean;
}
function groups(cfg: Cfg): Group[] {
  return [
    ...list(cfg.managedNodeGroups).map((ng, i) => ({ path: `managedNodeGroups[${i}]`, ng, managed: true })),
    ...list(cfg.nodeGroups).map((ng, i) => ({ path: `nodeGroups[${i}]`, ng, managed: false })),
  ].filter((g) => isObj(g.ng));
}

/** Sizes as eksctl fills them in: min from desired (else 2), max from desired (else min, at least 1), desired from min. */
export function effectiveSizes(ng: Record<string, any>): { min: number; max: number; desired: number } {
  const desired0 = num(ng.desiredCapacity);
  const min = num(ng.minSize) ?? desired0 ?? 2;
  let max = num(ng.maxSize) ?? desired0 ?? min;
  if (num(ng.maxSize) === undefined && max === 0) max = 1;
  return { min, max, desired: desired0 ?? min };
}

const autoMode = (cfg: Cfg) => cfg.autoModeConfig?.enabled === true;
const addonNames = (cfg: Cfg) => list(cfg.addons).map((a) => String(a?.name ?? ''));
const ipv6 = (cfg: Cfg) => String(cfg.kubernetesNetworkConfig?.ipFamily ?? '').toLowerCase() === 'ipv6';
const minor = (v: unknown) => (typeof v === 'string' && /^1\.\d+$/.test(v) ? Number(v.split('.')[1]) : undefined);

function semverAtLeast(v: string, min: [number, number, number]): boolean | undefined {
  const m = /^v?(\d+)\.(\d+)(?:\.(\d+))?(-[0-9A-Za-z.-]+)?$/.exec(v);
  if (!m) return undefined;
  const got = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  for (let i = 0; i < 3; i++) if (got[i] !== min[i]) return got[i] > min[i];
  // A pre-release of the minimum (v1.10.0-eksbuild.1) sorts before it.
  return !m[4];
}

export const EKSCTL_RULES: EksctlRule[] = [
  {
    id: 'eksctl-metadata',
    source: 'configfile.go Load; validation.go ValidateClusterConfig; create/cluster.go doCreateCluster',
    covers: 'metadata, metadata.name (its pattern) and metadata.region are set',
    check(cfg, say) {
      if (!isObj(cfg.metadata)) return say('metadata', 'eksctl: "metadata must be set"');
      if (!set(cfg.metadata.name)) say('metadata.name', 'eksctl: "metadata.name must be set"');
      else if (!/^[a-zA-Z][-a-zA-Z0-9]*$/.test(String(cfg.metadata.name)))
        say('metadata.name', `eksctl: "name must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*"; use letters, digits and hyphens`);
      if (!set(cfg.metadata.region)) say('metadata.region', 'eksctl: "metadata.region must be set"');
    },
  },
  {
    id: 'eksctl-nodegroup-name',
    source: 'validation.go ValidateClusterConfig, ValidateNodeGroup (IsInvalidNameArg)',
    covers: 'every node group has a name, unique across managed and self-managed groups; self-managed names follow the name pattern',
    check(cfg, say) {
      const seen = new Set<string>();
      for (const g of groups(cfg)) {
        const name = g.ng.name;
        if (!set(name)) {
          say(`${g.path}.name`, `eksctl: "${g.path}.name must be set"`);
          continue;
        }
        if (seen.has(name))
          say(`${g.path}.name`, `eksctl: "${g.path}.name ${JSON.stringify(name)} is not unique"; managed and self-managed node groups share one name space`);
        seen.add(name);
        if (!g.managed && !/^[a-zA-Z][-a-zA-Z0-9]*$/.test(String(name)))
          say(`${g.path}.name`, `eksctl: "name must satisfy regular expression pattern: [a-zA-Z][-a-zA-Z0-9]*"`);
      }
    },
  },
  {
    id: 'eksctl-nodegroup-sizes',
    source: 'validation.go ValidateManagedNodeGroup; cfn/builder/nodegroup.go (self-managed)',
    covers: 'desiredCapacity lies between minSize and maxSize, with sizes filled in as eksctl fills them',
    createOnly: true,
    check(cfg, say) {
      for (const g of groups(cfg)) {
        const { min, max, desired } = effectiveSizes(g.ng);
        if (desired < min)
          say(
            `${g.path}.desiredCapacity`,
            `eksctl: "cannot use --nodes-min=${min} and --nodes=${desired} at the same time"; desiredCapacity must be at least minSize`,
          );
        if (desired > max)
          say(
            `${g.path}.desiredCapacity`,
            `eksctl: "cannot use --nodes-max=${max} and --nodes=${desired} at the same time"; desiredCapacity must be at most maxSize`,
          );
        if (max < min)
          say(`${g.path}.maxSize`, `eksctl: "cannot use --nodes-min=${min} and --nodes-max=${max} at the same time"; maxSize must be at least minSize`);
      }
    },
  },
  {
    id: 'eksctl-update-config',
    source: 'validation.go ValidateManagedNodeGroup',
    covers: 'updateConfig has exactly one of maxUnavailable and maxUnavailablePercentage; maxUnavailable is at most maxSize',
    check(cfg, say) {
      for (const g of groups(cfg).filter((x) => x.managed && x.ng.updateConfig !== undefined)) {
        const u = g.ng.updateConfig ?? {};
        const count = set(u.maxUnavailable),
          pct = set(u.maxUnavailablePercentage);
        if (!count && !pct) say(`${g.path}.updateConfig`, 'eksctl: "maxUnavailable or maxUnavailablePercentage must be defined"');
        if (count && pct)
          say(
            `${g.path}.updateConfig`,
            `eksctl: "cannot use maxUnavailable=${u.maxUnavailable} and maxUnavailablePercentage=${u.maxUnavailablePercentage} at the same time"; keep one`,
          );
        const { max } = effectiveSizes(g.ng);
        if (count && typeof u.maxUnavailable === 'number' && u.maxUnavailable > max)
          say(
            `${g.path}.updateConfig.maxUnavailable`,
            `eksctl: "maxUnavailable=${u.maxUnavailable} cannot be greater than maxSize=${max}"; lower it, or raise maxSize`,
          );
      }
    },
  },
  {
    id: 'eksctl-taints',
    source: 'pkg/utils/taints/taints.go Validate',
    covers: 'taint keys, values and effects (list form, and the map form of self-managed groups)',
    check(cfg, say) {
      for (const g of groups(cfg)) {
        const t = g.ng.taints;
        // Self-managed groups also take the map form {key: "value:Effect"}.
        const entries: { at: string; key: string; value: string; effect: unknown }[] =
          isObj(t) && !g.managed
            ? Object.entries(t).map(([key, v]) => {
                const s = String(v);
                const c = s.lastIndexOf(':');
                return { at: `${g.path}.taints.${key}`, key, value: c >= 0 ? s.slice(0, c) : s, effect: c >= 0 ? s.slice(c + 1) : '' };
              })
            : list(t).map((x, i) => ({ at: `${g.path}.taints[${i}]`, key: String(x?.key ?? ''), value: String(x?.value ?? ''), effect: x?.effect }));
        for (const e of entries) {
          if (e.key === '') say(`${e.at}.key`, 'eksctl: "taint key must be non-empty"');
          else if (qualifiedName(e.key)) say(`${e.at}.key`, `eksctl: "invalid taint key": ${JSON.stringify(e.key)} ${qualifiedName(e.key)}`);
          if (!labelValue(e.value))
            say(`${e.at}.value`, `eksctl: "invalid taint value": ${JSON.stringify(e.value)} must be at most 63 letters, digits, "-", "_" or "."`);
          if (!TAINT_EFFECTS.includes(String(e.effect)))
            say(
              `${e.at}.effect`,
              `eksctl: "invalid taint effect: ${e.effect ?? ''}, unsupported taint effect. Valid taint effects are: NoSchedule, NoExecute and PreferNoSchedule"`,
            );
        }
      }
    },
  },
  {
    id: 'eksctl-labels',
    source: 'validation.go validateLabels',
    covers: 'label keys and values are valid; no kubernetes.io/ or k8s.io/ keys except those kubelet may set',
    check(cfg, say) {
      for (const g of groups(cfg)) {
        if (!isObj(g.ng.labels)) continue;
        const reserved: string[] = [];
        for (const [k, v] of Object.entries(g.ng.labels)) {
          const bad = qualifiedName(k);
          if (bad) say(`${g.path}.labels.${k}`, `eksctl: "label ${JSON.stringify(k)} is invalid": the key ${bad}`);
          else if (!labelValue(String(v)))
            say(
              `${g.path}.labels.${k}`,
              `eksctl: "label ${JSON.stringify(k)} has invalid value ${JSON.stringify(v)}"; at most 63 letters, digits, "-", "_" or "."`,
            );
          if (reservedLabel(k)) reserved.push(k);
        }
        if (reserved.length)
          say(
            `${g.path}.labels`,
            `eksctl: "the following nodegroup labels are disallowed as they have reserved prefixes [kubernetes.io/, k8s.io/]: [${reserved.join(' ')}]"; use a key of your own domain`,
          );
      }
    },
  },
  {
    id: 'eksctl-ami-family',
    source: 'validation.go validateNodeGroupBase; defaults.go SetNodeGroupDefaults (AmazonLinux2 end of life)',
    covers: 'amiFamily is one eksctl knows; AmazonLinux2 is refused from Kubernetes 1.33',
    check(cfg, say) {
      const v = minor(cfg.metadata?.version);
      for (const g of groups(cfg)) {
        const f = g.ng.amiFamily;
        if (f === undefined) continue;
        const canonical = AMI_FAMILIES.find((x) => x.toLowerCase() === String(f).toLowerCase());
        if (!canonical) say(`${g.path}.amiFamily`, `eksctl: "AMI Family ${f} is not supported - use one of: ${AMI_FAMILIES.join(', ')}"`);
        else if (canonical === 'AmazonLinux2' && (v === undefined || v >= 33) && !(g.managed && set(g.ng.ami)))
          say(
            `${g.path}.amiFamily`,
            `eksctl: "AmazonLinux2 is not supported for Kubernetes version ${cfg.metadata?.version ?? '1.34 (the default)'}"; use AmazonLinux2023 or Bottlerocket`,
          );
      }
    },
  },
  {
    id: 'eksctl-custom-ami',
    source: 'validation.go validateNodeGroupBase, ValidateManagedNodeGroup (custom AMI, overrideBootstrapCommand)',
    covers:
      'a custom AMI names its amiFamily; families other than AL2023, Bottlerocket and Windows need overrideBootstrapCommand; managed groups: an ami- ID, no maxPodsPerNode with it, and overrideBootstrapCommand only with a custom AMI or on AL2023',
    check(cfg, say) {
      for (const g of groups(cfg)) {
        const ng = g.ng;
        const family = String(ng.amiFamily ?? '');
        const ownBootstrap = family === 'AmazonLinux2023' || family.startsWith('Bottlerocket') || family.startsWith('Windows');
        if (set(ng.ami) && !set(ng.amiFamily))
          say(`${g.path}.amiFamily`, 'eksctl: "when using a custom AMI, amiFamily needs to be explicitly set via config file or via --node-ami-family flag"');
        else if (set(ng.ami) && !set(ng.overrideBootstrapCommand) && !ownBootstrap)
          say(
            `${g.path}.overrideBootstrapCommand`,
            `eksctl: "${g.path}.overrideBootstrapCommand is required when using a custom AMI based on ${family} (${g.path}.ami)"`,
          );
        if (!g.managed) continue;
        if (set(ng.ami) && !String(ng.ami).startsWith('ami-')) say(`${g.path}.ami`, `eksctl: "invalid AMI ${JSON.stringify(ng.ami)} (${g.path}.ami)"`);
        else if (set(ng.ami) && num(ng.maxPodsPerNode))
          say(`${g.path}.maxPodsPerNode`, `eksctl: "${g.path}.maxPodsPerNode is not supported when using a custom AMI (${g.path}.ami)"`);
        if (!set(ng.ami) && set(ng.overrideBootstrapCommand) && set(ng.amiFamily) && family !== 'AmazonLinux2023')
          say(
            `${g.path}.overrideBootstrapCommand`,
            `eksctl: "${g.path}.overrideBootstrapCommand can only be set when a custom AMI (${g.path}.ami) is specified"`,
          );
      }
    },
  },
  {
    id: 'eksctl-bootstrap-settings',
    source: 'validation.go validateNodeGroupBase, validateNodeGroupKubeletExtraConfig, checkBottlerocketSettings',
    covers:
      'kubeletExtraConfig leaves the fields eksctl needs; Bottlerocket and Windows groups take no kubeletExtraConfig, Bottlerocket none of the bootstrap commands; bottlerocket settings only on Bottlerocket and without the labels, taints and max pods the group sets',
    check(cfg, say) {
      const critical = ['kind', 'apiVersion', 'address', 'clusterDomain', 'authentication', 'authorization', 'serverTLSBootstrap'];
      for (const g of groups(cfg)) {
        const ng = g.ng;
        const family = String(ng.amiFamily ?? '');
        const bottlerocket = family.startsWith('Bottlerocket');
        const unsupported = (f: string) =>
          say(`${g.path}.${f}`, `eksctl: "${f} is not supported for ${bottlerocket ? 'Bottlerocket' : 'Windows'} nodegroups (path=${g.path}.${f})"`);
        if (isObj(ng.kubeletExtraConfig) && (bottlerocket || family.startsWith('Windows'))) unsupported('kubeletExtraConfig');
        else if (isObj(ng.kubeletExtraConfig))
          for (const k of Object.keys(ng.kubeletExtraConfig).filter((x) => critical.includes(x)))
            say(`${g.path}.kubeletExtraConfig.${k}`, `eksctl: "cannot override "${k}" in kubelet config, as it's critical to eksctl functionality"`);
        if (bottlerocket && ng.preBootstrapCommands !== undefined) unsupported('preBootstrapCommands');
        if (bottlerocket && set(ng.overrideBootstrapCommand)) unsupported('overrideBootstrapCommand');
        if (ng.bottlerocket !== undefined && !bottlerocket)
          say(
            `${g.path}.bottlerocket`,
            `eksctl: "bottlerocket config can only be used with amiFamily "Bottlerocket" or "BottlerocketFips" but found "${family}" (path=${g.path}.bottlerocket)"`,
          );
        const kube = ng.bottlerocket?.settings?.kubernetes;
        if (bottlerocket && isObj(kube))
          for (const [key, field] of [
            ['node-labels', 'labels'],
            ['node-taints', 'taints'],
            ['max-pods', 'maxPodsPerNode'],
          ])
            if (key in kube)
              say(
                `${g.path}.bottlerocket.settings.kubernetes.${key}`,
                `eksctl: "invalid Bottlerocket setting: use ${g.path}.${field} instead (path=${g.path}.bottlerocket.settings.kubernetes.${key})"`,
              );
      }
    },
  },
  {
    id: 'eksctl-capacity-reservation',
    source: 'validation.go validateNodeGroupBase (capacityReservation, instanceMarketOptions); cfn/builder/managed_nodegroup.go (capacity block)',
    covers:
      'capacityReservation has a preference (open or none) or a target, not both; a target names a reservation or a group, not both; instanceMarketOptions needs capacityReservation and takes capacity-block; a managed Capacity Block group has one instance type',
    check(cfg, say) {
      for (const g of groups(cfg)) {
        const cr = g.ng.capacityReservation;
        const market = g.ng.instanceMarketOptions;
        if (isObj(cr)) {
          const pref = cr.capacityReservationPreference;
          if (pref !== undefined && cr.capacityReservationTarget !== undefined)
            say(`${g.path}.capacityReservation`, 'eksctl: "only one of CapacityReservationPreference or CapacityReservationTarget may be specified at a time"');
          else if (pref !== undefined && pref !== 'open' && pref !== 'none')
            say(`${g.path}.capacityReservation.capacityReservationPreference`, `eksctl: "accepted values include "open" and "none"; got "${pref}""`);
          const t = cr.capacityReservationTarget;
          if (isObj(t) && set(t.capacityReservationID) && set(t.capacityReservationResourceGroupARN))
            say(
              `${g.path}.capacityReservation.capacityReservationTarget`,
              'eksctl: "only one of CapacityReservationID or CapacityReservationResourceGroupARN may be specified at a time"',
            );
          if (isObj(market) && market.marketType !== undefined && market.marketType !== 'capacity-block')
            say(`${g.path}.instanceMarketOptions.marketType`, `eksctl: "only accepted value is "capacity-block"; got "${market.marketType}""`);
          const types = [...list(g.ng.instanceTypes), ...(set(g.ng.instanceType) ? [g.ng.instanceType] : [])];
          if (g.managed && market?.marketType === 'capacity-block' && types.length > 1)
            say(`${g.path}.instanceTypes`, 'eksctl: "cannot specify multiple instance types when using capacity block"');
        } else if (market !== undefined) say(`${g.path}.instanceMarketOptions`, 'eksctl: "instanceMarketOptions cannot be set without capacityReservation"');
      }
    },
  },
  {
    id: 'eksctl-identity-providers',
    source: 'validation.go validateIdentityProviders, validateIdentityProvider',
    covers: 'an OIDC identity provider has a name, a clientID and an issuerURL',
    check(cfg, say) {
      for (const [k, idp] of list(cfg.identityProviders).entries()) {
        if (!isObj(idp) || String(idp.type ?? '').toLowerCase() !== 'oidc') continue;
        for (const field of ['name', 'clientID', 'issuerURL'])
          if (!set(idp[field])) say(`identityProviders[${k}].${field}`, `eksctl: "identityProviders[${k}] is invalid: ${field} must be set and non-empty"`);
      }
    },
  },
  {
    id: 'eksctl-capabilities',
    source: 'capability.go Capability.Validate; the EKS API CreateCapability (one of each type, RETAIN required)',
    covers:
      'a capability has a name and a type; ARGOCD needs configuration.argocd.awsIdc; one capability of each type and each name; deletePropagationPolicy is set',
    check(cfg, say) {
      const names = new Set<string>();
      const types = new Set<string>();
      for (const [k, c] of list(cfg.capabilities).entries()) {
        if (!isObj(c)) continue;
        const at = `capabilities[${k}]`;
        if (!set(c.name)) say(`${at}.name`, 'eksctl: "capability name is required"');
        if (!set(c.type)) say(`${at}.type`, 'eksctl: "capability type is required"');
        if (c.type === 'ARGOCD') {
          const conf = isObj(c.configuration) ? c.configuration : undefined;
          if (!conf) say(`${at}.configuration`, 'eksctl: "configuration is required for ARGOCD capability"');
          else if (!isObj(conf.argocd)) say(`${at}.configuration.argocd`, 'eksctl: "argocd configuration is required for ARGOCD capability"');
          else if (!isObj(conf.argocd.awsIdc)) say(`${at}.configuration.argocd.awsIdc`, 'eksctl: "awsIdc configuration is required for ARGOCD capability"');
        }
        if (set(c.name) && names.has(c.name)) say(`${at}.name`, `eksctl passes it to EKS, which keeps one capability named ${c.name} per cluster`);
        if (set(c.type) && types.has(c.type)) say(`${at}.type`, `eksctl passes it to EKS, which runs one capability of type ${c.type} per cluster`);
        names.add(c.name);
        types.add(c.type);
        if (!set(c.deletePropagationPolicy))
          say(
            `${at}.deletePropagationPolicy`,
            'eksctl leaves it out when empty, and CloudFormation requires it (AWS::EKS::Capability DeletePropagationPolicy); set RETAIN',
          );
      }
    },
  },
  {
    id: 'eksctl-volumes',
    source: 'validation.go validateNodeGroupBase, validateVolumeOpts',
    covers: 'volume fields need volumeSize (self-managed); volumeKmsKeyID needs volumeEncrypted; IOPS and throughput by volume type and range',
    check(cfg, say) {
      for (const g of groups(cfg)) {
        const ng = g.ng;
        // Managed groups get volumeSize 80 before they are validated; self-managed ones are validated first.
        if (!g.managed && !set(ng.volumeSize)) {
          for (const f of ['volumeName', 'volumeEncrypted', 'volumeKmsKeyID'] as const) {
            if (ng[f] === true || (f !== 'volumeEncrypted' && set(ng[f])))
              say(`${g.path}.${f}`, `eksctl: "${g.path}.${f} cannot be set without ${g.path}.volumeSize"; set volumeSize`);
          }
        }
        if (set(ng.volumeKmsKeyID) && ng.volumeEncrypted !== true)
          say(`${g.path}.volumeKmsKeyID`, `eksctl: "volumeKmsKeyID can not be set without ${g.path}.volumeEncrypted enabled explicitly"`);
        const type = ng.volumeType;
        if (set(ng.volumeIOPS)) {
          if (set(type) && !['io1', 'io2', 'gp3'].includes(type))
            say(`${g.path}.volumeIOPS`, 'eksctl: "volumeIOPS is only supported for io1, io2 and gp3 volume types"');
          else {
            const [lo, hi] = type === 'io1' ? [100, 64000] : type === 'io2' ? [100, 256000] : [3000, 16000];
            if (ng.volumeIOPS < lo || ng.volumeIOPS > hi)
              say(`${g.path}.volumeIOPS`, `eksctl: "value for ${g.path}.volumeIOPS must be within range ${lo}-${hi}"`);
          }
        }
        if (set(ng.volumeThroughput)) {
          if (set(type) && type !== 'gp3') say(`${g.path}.volumeThroughput`, 'eksctl: "volumeThroughput is only supported for gp3 volume type"');
          else if (ng.volumeThroughput < 125 || ng.volumeThroughput > 1000)
            say(`${g.path}.volumeThroughput`, `eksctl: "value for ${g.path}.volumeThroughput must be within range 125-1000"`);
        }
      }
    },
  },
  {
    id: 'eksctl-instance-types',
    source: 'validation.go ValidateManagedNodeGroup, validateInstancesDistribution',
    covers:
      'instanceType and instanceTypes are exclusive; the instances distribution of self-managed groups (types, base capacity, percentage, spot strategy and pools)',
    check(cfg, say) {
      for (const g of groups(cfg)) {
        const ng = g.ng;
        if (g.managed && set(ng.instanceType) && list(ng.instanceTypes).length > 0)
          say(`${g.path}.instanceTypes`, 'eksctl: "only one of instanceType or instanceTypes can be specified"');
        const d = ng.instancesDistribution;
        if (g.managed || !isObj(d)) continue;
        if (set(ng.instanceType) && ng.instanceType !== 'mixed')
          say(`${g.path}.instanceType`, 'eksctl: "instanceType should be "mixed" or unset when using the instances distribution feature"');
        const types = list(d.instanceTypes);
        if (types.length === 0 && !isObj(ng.instanceSelector))
          say(`${g.path}.instancesDistribution.instanceTypes`, 'eksctl: "at least two instance types have to be specified for mixed nodegroups"');
        if (new Set(types).size > 20) say(`${g.path}.instancesDistribution.instanceTypes`, 'eksctl: "instance types can be a maximum of 20"');
        if (typeof d.onDemandBaseCapacity === 'number' && d.onDemandBaseCapacity < 0)
          say(`${g.path}.instancesDistribution.onDemandBaseCapacity`, 'eksctl: "onDemandBaseCapacity should be greater than or equal to 0"');
        const pct = d.onDemandPercentageAboveBaseCapacity;
        if (typeof pct === 'number' && (pct < 0 || pct > 100))
          say(`${g.path}.instancesDistribution.onDemandPercentageAboveBaseCapacity`, 'eksctl: "percentageAboveBase should be between 0 and 100"');
        if (set(d.spotAllocationStrategy) && !SPOT_STRATEGIES.includes(d.spotAllocationStrategy))
          say(`${g.path}.instancesDistribution.spotAllocationStrategy`, `eksctl: "spotAllocationStrategy should be one of: [${SPOT_STRATEGIES.join(' ')}]"`);
        if (set(d.spotInstancePools)) {
          if (d.spotInstancePools < 1 || d.spotInstancePools > 20)
            say(`${g.path}.instancesDistribution.spotInstancePools`, 'eksctl: "spotInstancePools should be between 1 and 20"');
          if (String(d.spotAllocationStrategy ?? '').startsWith('capacity-optimized'))
            say(
              `${g.path}.instancesDistribution.spotInstancePools`,
              'eksctl: "spotInstancePools cannot be specified when also specifying spotAllocationStrategy: capacity-optimized"',
            );
        }
      }
    },
  },
  {
    id: 'eksctl-pod-imds',
    source: 'validation.go validateNodeGroupBase',
    covers: 'disablePodIMDS is not combined with withAddonPolicies',
    check(cfg, say) {
      for (const g of groups(cfg)) {
        const policies = g.ng.iam?.withAddonPolicies;
        if (g.ng.disablePodIMDS === true && isObj(policies) && Object.values(policies).some((v) => v === true))
          say(
            `${g.path}.iam.withAddonPolicies`,
            `eksctl: "disablePodIMDS and ${g.path}.iam.withAddonPolicies cannot be set at the same time"; give the pods their own roles`,
          );
      }
    },
  },
  {
    id: 'eksctl-private-cluster',
    source: 'validation.go ValidateClusterConfig, ValidatePrivateCluster; configfile.go (endpoints); endpoint_service.go',
    covers:
      'a fully private cluster has private networking on every group, no clusterEndpoints, private subnets for an existing VPC, supported additional endpoint services and no local zones',
    check(cfg, say) {
      const pc = cfg.privateCluster;
      if (!isObj(pc) || pc.enabled !== true) return;
      for (const g of groups(cfg))
        if (g.ng.privateNetworking !== true)
          say(`${g.path}.privateNetworking`, `eksctl: "${g.path}.privateNetworking must be enabled for a fully-private cluster"`);
      const ep = cfg.vpc?.clusterEndpoints;
      if (isObj(ep) && (set(ep.publicAccess) || set(ep.privateAccess)))
        say(
          'vpc.clusterEndpoints',
          'eksctl: "vpc.clusterEndpoints cannot be set for a fully-private cluster (privateCluster.enabled) as the endpoint access defaults to private-only"; remove it',
        );
      if (set(cfg.vpc?.id) && list(Object.values(cfg.vpc?.subnets?.private ?? {})).length === 0)
        say('vpc.subnets.private', 'eksctl: "vpc.subnets.private must be specified in a fully-private cluster when a pre-existing VPC is supplied"');
      const extra = list(pc.additionalEndpointServices);
      if (extra.length && pc.skipEndpointCreation === true)
        say(
          'privateCluster.additionalEndpointServices',
          'eksctl: "privateCluster.additionalEndpointServices cannot be set when privateCluster.skipEndpointCreation is true"',
        );
      extra.forEach((s, i) => {
        if (!ENDPOINT_SERVICES.includes(s))
          say(
            `privateCluster.additionalEndpointServices[${i}]`,
            `eksctl: "unsupported endpoint service ${JSON.stringify(s)}"; eksctl adds only ${ENDPOINT_SERVICES.join(', ')} (create others yourself)`,
          );
        else if (extra.indexOf(s) !== i) say(`privateCluster.additionalEndpointServices[${i}]`, `eksctl: "found duplicate endpoint service: ${s}"`);
      });
      if (list(cfg.localZones).length) say('localZones', 'eksctl: "localZones cannot be used in a fully-private cluster"');
    },
  },
  {
    id: 'eksctl-endpoints',
    source: 'validation.go ValidateClusterEndpointConfig (after SetClusterEndpointAccessDefaults)',
    covers: 'the API endpoint is not both public-off and private-off',
    check(cfg, say) {
      const ep = cfg.vpc?.clusterEndpoints;
      if (!isObj(ep) || cfg.privateCluster?.enabled === true) return;
      const pub = ep.publicAccess ?? true,
        priv = ep.privateAccess ?? false;
      if (pub === false && priv === false)
        say('vpc.clusterEndpoints', 'eksctl: "Kubernetes API access must have one of public or private clusterEndpoints enabled"');
    },
  },
  {
    id: 'eksctl-vpc',
    source: 'validation.go ValidateVPCConfig, validateAvailabilityZones; configfile.go; vpc.go HasSufficientSubnets; cfn/builder/vpc_ipv4.go',
    covers:
      'at least 2 zones; subnets and availabilityZones are exclusive; CIDR forms; shared node security group rules; one control plane security group setting; NAT mode; at least 2 subnets of a kind in an existing VPC',
    check(cfg, say) {
      const vpc = cfg.vpc;
      const azs = list(cfg.availabilityZones);
      if (azs.length === 1) say('availabilityZones', `eksctl: "only 1 zone(s) specified [${azs[0]}], 2 are required (can be non-unique)"`);
      if (!isObj(vpc)) return;
      if (azs.length && isObj(vpc.subnets) && Object.keys(vpc.subnets).length)
        say('availabilityZones', 'eksctl: "vpc.subnets and availabilityZones cannot be set at the same time"; keep the subnets');
      list(vpc.publicAccessCIDRs).forEach((c, i) => {
        if (!/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$|^[0-9a-fA-F:]+\/\d{1,3}$/.test(String(c)))
          say(`vpc.publicAccessCIDRs[${i}]`, `eksctl: "invalid CIDR address: ${c}"`);
      });
      list(vpc.extraCIDRs).forEach((c, i) => {
        if (!/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/.test(String(c))) say(`vpc.extraCIDRs[${i}]`, `eksctl: "invalid CIDR address: ${c}"`);
      });
      if (vpc.manageSharedNodeSecurityGroupRules === false && !set(vpc.sharedNodeSecurityGroup))
        say(
          'vpc.manageSharedNodeSecurityGroupRules',
          'eksctl: "vpc.manageSharedNodeSecurityGroupRules must be enabled when using eksctl-managed security groups"',
        );
      if (set(vpc.securityGroup) && list(vpc.controlPlaneSecurityGroupIDs).length)
        say('vpc.controlPlaneSecurityGroupIDs', 'eksctl: "only one of vpc.securityGroup and vpc.controlPlaneSecurityGroupIDs can be specified"');
      const nat = vpc.nat?.gateway;
      if (set(nat) && !['HighlyAvailable', 'Single', 'Disable'].includes(nat)) say('vpc.nat.gateway', `eksctl: "${nat} is not a valid NAT gateway mode"`);
      for (const kind of ['public', 'private'] as const) {
        const subnets = vpc.subnets?.[kind];
        const n = Array.isArray(subnets) ? subnets.length : isObj(subnets) ? Object.keys(subnets).length : 0;
        if (set(vpc.id) && n === 1)
          say(`vpc.subnets.${kind}`, 'eksctl: "insufficient number of subnets, at least 2x public and/or 2x private subnets are required"');
      }
    },
  },
  {
    id: 'eksctl-oidc',
    source: 'validation.go ValidateClusterConfig (iam.serviceAccounts); karpenter validation',
    covers: 'iam.serviceAccounts and Karpenter need iam.withOIDC',
    check(cfg, say) {
      const withOIDC = cfg.iam?.withOIDC === true;
      if (list(cfg.iam?.serviceAccounts).length && !withOIDC)
        say('iam.withOIDC', 'eksctl: "iam.withOIDC must be enabled explicitly for iam.serviceAccounts to be created"; set iam.withOIDC: true');
      if (isObj(cfg.karpenter) && !withOIDC) say('iam.withOIDC', 'eksctl: "failed to validate Karpenter config: iam.withOIDC must be enabled with Karpenter"');
    },
  },
  {
    id: 'eksctl-service-accounts',
    source: 'validation.go ValidateClusterConfig',
    covers: 'IRSA service accounts have a name, a unique namespace/name and a policy or role',
    check(cfg, say) {
      const seen = new Set<string>();
      list(cfg.iam?.serviceAccounts).forEach((sa, i) => {
        const at = `iam.serviceAccounts[${i}]`;
        const name = sa?.metadata?.name;
        if (!set(name)) say(`${at}.metadata.name`, `eksctl: "${at}.name must be set"`);
        const id = `${sa?.metadata?.namespace ?? 'default'}/${name}`;
        if (seen.has(id)) say(at, `eksctl: "<namespace>/<name> of ${at} ${JSON.stringify(id)} is not unique"`);
        seen.add(id);
        const wkp = isObj(sa?.wellKnownPolicies) && Object.values(sa.wellKnownPolicies).some((v) => v === true);
        if (!wkp && !list(sa?.attachPolicyARNs).length && !set(sa?.attachPolicy) && !set(sa?.attachRoleARN)) {
          say(at, `eksctl: "${at}.wellKnownPolicies, ${at}.attachPolicyARNs,${at}.attachRoleARN or ${at}.attachPolicy must be set"`);
        }
      });
    },
  },
  {
    id: 'eksctl-pod-identity',
    source: 'cmdutils/pod_identity_association.go validatePodIdentityAssociations; validation.go validatePermissionPolicyName',
    covers: 'pod identity associations have a namespace, a service account, a role or a policy (not both), and a policy for a policy name',
    check(cfg, say) {
      list(cfg.iam?.podIdentityAssociations).forEach((p, i) => {
        const at = `iam.podIdentityAssociations[${i}]`;
        if (!set(p?.namespace)) say(`${at}.namespace`, `eksctl: "${at}.namespace must be set"`);
        if (!set(p?.serviceAccountName)) say(`${at}.serviceAccountName`, `eksctl: "${at}.serviceAccountName must be set"`);
        const wkp = isObj(p?.wellKnownPolicies) && Object.values(p.wellKnownPolicies).some((v) => v === true);
        const policies = set(p?.permissionPolicy) || list(p?.permissionPolicyARNs).length > 0 || wkp;
        if (!set(p?.roleARN) && !policies)
          say(
            at,
            `eksctl: "at least one of the following must be specified: ${at}.roleARN, ${at}.permissionPolicy, ${at}.permissionPolicyARNs, ${at}.wellKnownPolicies"; roleName alone does not say what the role may do`,
          );
        if (set(p?.roleARN) && policies)
          say(`${at}.roleARN`, `eksctl: "${at}.permissionPolicy cannot be specified when ${at}.roleARN is set"; a given role brings its own permissions`);
        if (set(p?.permissionPolicyName) && !set(p?.permissionPolicy))
          say(`${at}.permissionPolicyName`, `eksctl: "${at}: permissionPolicyName requires permissionPolicy to be set"`);
      });
    },
  },
  {
    id: 'eksctl-pod-identity-agent',
    source: 'configfile.go NewCreateClusterLoader',
    covers: 'pod identity associations need the eks-pod-identity-agent add-on (except on Auto Mode)',
    createOnly: true,
    check(cfg, say) {
      if (autoMode(cfg) || addonNames(cfg).includes('eks-pod-identity-agent')) return;
      const autoApply = cfg.addonsConfig?.autoApplyPodIdentityAssociations === true;
      const wants =
        list(cfg.iam?.podIdentityAssociations).length > 0 ||
        list(cfg.addons).some((a) => autoApply || a?.useDefaultPodIdentityAssociations === true || list(a?.podIdentityAssociations).length > 0);
      if (wants)
        say(
          'addons',
          'eksctl: "the "eks-pod-identity-agent" addon must be installed to create pod identity associations; please add "eks-pod-identity-agent" addon to the config file"',
        );
    },
  },
  {
    id: 'eksctl-bare-cluster',
    source: 'cmdutils/configfile.go validateBareCluster',
    covers: 'with addonsConfig.disableDefaultAddons and no vpc-cni add-on (and Auto Mode off), no nodes, Fargate, Karpenter or workload roles at creation',
    createOnly: true,
    check(cfg, say) {
      if (cfg.addonsConfig?.disableDefaultAddons !== true || autoMode(cfg)) return;
      if (list(cfg.addons).some((a) => isObj(a) && a.name === 'vpc-cni')) return;
      const iam = isObj(cfg.iam) ? cfg.iam : {};
      const needing = [
        ['nodeGroups', list(cfg.nodeGroups).length],
        ['managedNodeGroups', list(cfg.managedNodeGroups).length],
        ['fargateProfiles', list(cfg.fargateProfiles).length],
        ['karpenter', isObj(cfg.karpenter) ? 1 : 0],
        ['iam.serviceAccounts', list(iam.serviceAccounts).length],
        ['iam.podIdentityAssociations', list(iam.podIdentityAssociations).length],
      ].filter(([, n]) => Number(n) > 0);
      if (needing.length)
        say(
          'addonsConfig.disableDefaultAddons',
          `eksctl: "fields ${needing.map(([k]) => k).join(', ')} are not supported during cluster creation in a cluster without VPC CNI if Auto Mode is disabled"; add the vpc-cni add-on to addons, or remove disableDefaultAddons`,
        );
    },
  },
  {
    id: 'eksctl-addons',
    source: 'addon.go Addon.Validate; validation.go validateAddonPodIdentityAssociations',
    covers: 'add-on names, configurationValues as JSON or YAML, IRSA and pod identity settings not mixed, add-on pod identity associations complete',
    check(cfg, say) {
      list(cfg.addons).forEach((a, i) => {
        const at = `addons[${i}]`;
        if (!isObj(a) || !set(a.name)) return say(`${at}.name`, 'eksctl: "invalid configuration for "" addon: name is required"');
        if (a.name !== String(a.name).toLowerCase())
          say(`${at}.name`, `eksctl matches some add-on names exactly; write ${JSON.stringify(String(a.name).toLowerCase())}`);
        const cv = a.configurationValues;
        if (set(cv) && !validConfigurationValues(String(cv)))
          say(
            `${at}.configurationValues`,
            `eksctl: "configurationValues: ${JSON.stringify(String(cv).slice(0, 40))} is not valid, supported format(s) are: JSON and YAML"`,
          );
        const pias = list(a.podIdentityAssociations);
        const irsa = ['serviceAccountRoleARN', 'attachPolicyARNs', 'attachPolicy', 'wellKnownPolicies'].filter((k) =>
          Array.isArray(a[k]) ? a[k].length > 0 : isObj(a[k]) ? Object.values(a[k]).some((v) => v === true) || k === 'attachPolicy' : set(a[k]),
        );
        if (irsa.length && pias.length)
          say(`${at}.podIdentityAssociations`, `eksctl: "cannot set IRSA config (${irsa.join(', ')}) and pod identity associations at the same time"`);
        if (irsa.length > 1) say(at, 'eksctl: "at most one of wellKnownPolicies, serviceAccountRoleARN, attachPolicyARNs and attachPolicy can be specified"');
        if (a.useDefaultPodIdentityAssociations === true) {
          if (pias.length)
            say(
              `${at}.useDefaultPodIdentityAssociations`,
              'eksctl: "cannot specify both addon.useDefaultPodIdentityAssociations and addon.podIdentityAssociations"',
            );
          if (irsa.length)
            say(
              `${at}.useDefaultPodIdentityAssociations`,
              'eksctl: "cannot specify serviceAccountRoleARN, wellKnownPolicies, attachPolicy or attachPolicyARNs when addon.useDefaultPodIdentityAssociations is set"',
            );
        }
        if (String(a.name).toLowerCase() === 'eks-pod-identity-agent' && pias.length)
          say(`${at}.podIdentityAssociations`, 'eksctl: "cannot set pod identity associations for "eks-pod-identity-agent" addon"');
        pias.forEach((p, j) => {
          const pat = `${at}.podIdentityAssociations[${j}]`;
          if (!set(p?.namespace)) say(`${pat}.namespace`, `eksctl: "podIdentityAssociations[${j}].namespace must be set"`);
          if (!set(p?.serviceAccountName)) say(`${pat}.serviceAccountName`, `eksctl: "podIdentityAssociations[${j}].serviceAccountName must be set"`);
          if (isObj(p?.wellKnownPolicies) && Object.values(p.wellKnownPolicies).some((v) => v === true))
            say(
              `${pat}.wellKnownPolicies`,
              `eksctl: "wellKnownPolicies is not supported for addon.podIdentityAssociations; use addon.useDefaultPodIdentityAssociations instead (addon: ${a.name})"`,
            );
          if (p && 'tags' in p) say(`${pat}.tags`, `eksctl: "tags is not supported for addon.podIdentityAssociations (addon: ${a.name})"`);
          const policies = set(p?.permissionPolicy) || list(p?.permissionPolicyARNs).length > 0;
          if (!set(p?.roleARN) && !policies)
            say(
              pat,
              `eksctl: "at least one of the following must be specified: podIdentityAssociations[${j}].roleARN, podIdentityAssociations[${j}].permissionPolicy, podIdentityAssociations[${j}].permissionPolicyARNs"`,
            );
          if (set(p?.roleARN) && policies)
            say(
              `${pat}.roleARN`,
              `eksctl: "podIdentityAssociations[${j}].permissionPolicy cannot be specified when podIdentityAssociations[${j}].roleARN is set"`,
            );
        });
      });
    },
  },
  {
    id: 'eksctl-ipv6',
    source: 'validation.go validateKubernetesNetworkConfig, ValidateVPCConfig; cfn/builder/nodegroup.go',
    covers:
      'IPv6: the ipFamily value; coredns and an IPv6 identity for vpc-cni (OIDC, or pod identity set on the add-on) unless Auto Mode; vpc-cni 1.10 or later; Kubernetes 1.21 or later; no service IPv4 CIDR, NAT setting, autoAllocateIPv6, self-managed groups or local zones',
    createOnly: true,
    check(cfg, say) {
      const family = cfg.kubernetesNetworkConfig?.ipFamily;
      if (set(family) && !['ipv4', 'ipv6'].includes(String(family).toLowerCase()))
        return say('kubernetesNetworkConfig.ipFamily', `eksctl: "invalid value ${JSON.stringify(family)} for ipFamily; allowed are IPv4 and IPv6"`);
      const svc = cfg.kubernetesNetworkConfig?.serviceIPv4CIDR;
      if (!ipv6(cfg)) {
        if (set(svc) && !/^(\d{1,3}\.){3}\d{1,3}\/\d{1,2}$/.test(String(svc)))
          say('kubernetesNetworkConfig.serviceIPv4CIDR', 'eksctl: "invalid IPv4 CIDR for kubernetesNetworkConfig.serviceIPv4CIDR"');
        return;
      }
      const names = addonNames(cfg).map((n) => n.toLowerCase());
      if (!autoMode(cfg)) {
        if (!names.includes('coredns'))
          say('addons', 'eksctl: "the default core addons must be defined for IPv6; missing addon(s): coredns; either define them or use EKS Auto Mode"');
        const at = list(cfg.addons).findIndex((a) => a?.name === 'vpc-cni');
        const cni = list(cfg.addons)[at];
        if (cni) {
          if (!names.includes('eks-pod-identity-agent')) {
            if (cfg.iam?.withOIDC !== true)
              say('iam.withOIDC', 'eksctl: "either pod identity or oidc needs to be enabled if IPv6 is set; set either one or use EKS Auto Mode"');
          } else if (
            cfg.addonsConfig?.autoApplyPodIdentityAssociations !== true &&
            cni.useDefaultPodIdentityAssociations !== true &&
            !list(cni.podIdentityAssociations).length
          ) {
            say(
              `addons[${at}]`,
              'eksctl: "Set one of: addonsConfig.autoApplyPodIdentityAssociations, useDefaultPodIdentityAssociations on the vpc-cni addon, apply a custom pod identity on the vpc-cni addon"',
            );
          }
        }
      }
      const at = list(cfg.addons).findIndex((a) => a?.name === 'vpc-cni');
      const cni = list(cfg.addons)[at];
      if (cni && set(cni.version) && cni.version !== 'latest') {
        const ok = semverAtLeast(String(cni.version), [1, 10, 0]);
        if (ok === undefined) say(`addons[${at}].version`, `eksctl: "failed to parse version ${JSON.stringify(cni.version)}"`);
        else if (!ok) say(`addons[${at}].version`, 'eksctl: "vpc-cni version must be at least version 1.10.0 for IPv6"');
      }
      const v = minor(cfg.metadata?.version);
      if (v !== undefined && v < 21) say('metadata.version', 'eksctl: "cluster version must be >= 1.21" for IPv6');
      if (set(svc)) say('kubernetesNetworkConfig.serviceIPv4CIDR', 'eksctl: "service IPv4 CIDR is not supported with IPv6"');
      if (cfg.vpc && 'nat' in cfg.vpc) say('vpc.nat', 'eksctl: "setting NAT is not supported with IPv6"; IPv6 egress uses the egress-only internet gateway');
      if (cfg.vpc?.autoAllocateIPv6 === true) say('vpc.autoAllocateIPv6', 'eksctl: "auto allocate ipv6 is not supported with IPv6"');
      list(cfg.nodeGroups).forEach((_, i) =>
        say(`nodeGroups[${i}]`, 'eksctl: "unmanaged nodegroups are not supported with IPv6 clusters"; use managedNodeGroups'),
      );
      if (list(cfg.localZones).length) say('localZones', 'eksctl: "localZones are not supported with IPv6"');
    },
  },
  {
    id: 'eksctl-access-entries',
    source: 'access_entry.go validateAccessEntries; validation.go ValidateClusterConfig',
    covers:
      'access entries need an authenticationMode with API; principal ARNs valid and unique; known types; no groups, username or policies on node types; cluster-access-policy ARNs; scopes with namespaces only for namespace scope',
    check(cfg, say) {
      const ac = cfg.accessConfig;
      const entries = list(ac?.accessEntries);
      if (entries.length && ac?.authenticationMode === 'CONFIG_MAP')
        say(
          'accessConfig.authenticationMode',
          'eksctl: "accessConfig.authenticationMode must be set to either API_AND_CONFIG_MAP or API to use access entries"',
        );
      const seen = new Set<string>();
      entries.forEach((e, i) => {
        const at = `accessConfig.accessEntries[${i}]`;
        if (!set(e?.principalARN)) say(`${at}.principalARN`, `eksctl: "accessEntries[${i}].principalARN must be set to a valid AWS ARN"`);
        else if (!ARN_FORM.test(String(e.principalARN)) && !/\$\{/.test(String(e.principalARN)))
          say(`${at}.principalARN`, `eksctl: "invalid ARN ${JSON.stringify(e.principalARN)}"`);
        if (seen.has(e?.principalARN))
          say(`${at}.principalARN`, `eksctl: "duplicate access entry accessEntries[${i}] with principal ARN ${JSON.stringify(e.principalARN)}"`);
        seen.add(e?.principalARN);
        const type = e?.type;
        if (set(type) && !ACCESS_ENTRY_TYPES.includes(type))
          say(`${at}.type`, `eksctl: "invalid access entry type ${JSON.stringify(type)} for accessEntries[${i}]"; one of ${ACCESS_ENTRY_TYPES.join(', ')}`);
        if (NODE_ENTRY_TYPES.includes(type)) {
          if (list(e.kubernetesGroups).length || set(e.kubernetesUsername))
            say(at, `eksctl: "cannot specify accessEntries[${i}].kubernetesGroups nor accessEntries[${i}].kubernetesUsername when type is set to ${type}"`);
          if (list(e.accessPolicies).length)
            say(`${at}.accessPolicies`, `eksctl: "cannot specify accessEntries[${i}].accessPolicies when type is set to ${type}"`);
        }
        list(e?.accessPolicies).forEach((p, j) => {
          const pat = `${at}.accessPolicies[${j}]`;
          if (!set(p?.policyARN)) say(`${pat}.policyARN`, `eksctl: "accessEntries[${i}].policyARN must be set to a valid AWS ARN"`);
          else if (!/^arn:[a-z-]+:eks::aws:cluster-access-policy\/[A-Za-z0-9]+$/.test(String(p.policyARN)))
            say(`${pat}.policyARN`, `eksctl: "accessEntries[${i}].policyARN must be a cluster-access-policy resource"`);
          const scope = p?.accessScope?.type;
          if (!set(scope)) say(`${pat}.accessScope.type`, `eksctl: "accessEntries[${i}].accessScope.type must be set to either "namespace" or "cluster""`);
          else if (scope !== 'cluster' && scope !== 'namespace') say(`${pat}.accessScope.type`, `eksctl: "invalid access scope type ${JSON.stringify(scope)}"`);
          const ns = list(p?.accessScope?.namespaces);
          if (scope === 'cluster' && ns.length)
            say(`${pat}.accessScope.namespaces`, `eksctl: "cannot specify accessEntries[${i}].accessScope.namespaces when accessScope is set to cluster"`);
          if (scope === 'namespace' && !ns.length)
            say(
              `${pat}.accessScope.namespaces`,
              `eksctl: "at least one namespace must be specified when accessScope is set to namespace: (accessEntries[${i}])"`,
            );
        });
      });
    },
  },
  {
    id: 'eksctl-self-managed-access',
    source: 'pkg/accessentry/service.go ValidateAPIServerAccess',
    covers: 'self-managed node groups without creator admin permissions need access entries and an authenticationMode other than CONFIG_MAP',
    createOnly: true,
    check(cfg, say) {
      const ac = cfg.accessConfig;
      if (!list(cfg.nodeGroups).length || ac?.bootstrapClusterCreatorAdminPermissions !== false) return;
      if (ac.authenticationMode === 'CONFIG_MAP')
        say(
          'accessConfig.bootstrapClusterCreatorAdminPermissions',
          'eksctl: "cannot create self-managed nodegroups when authenticationMode is CONFIG_MAP and bootstrapClusterCreatorAdminPermissions is false"',
        );
      else if (!list(ac.accessEntries).length)
        say(
          'accessConfig.bootstrapClusterCreatorAdminPermissions',
          'eksctl: "cannot create self-managed nodegroups when bootstrapClusterCreatorAdminPermissions is false and no access entries are configured"',
        );
    },
  },
  {
    id: 'eksctl-cloudwatch',
    source: 'validation.go validateCloudWatchLogging; cloudwatch.go',
    covers: "log types are known; a retention needs enabled log types and is one eksctl accepts (not all of CloudWatch's)",
    check(cfg, say) {
      const cl = cfg.cloudWatch?.clusterLogging;
      if (!isObj(cl)) return;
      const types = list(cl.enableTypes);
      types.forEach((t, i) => {
        if (!LOG_TYPES.includes(t) && t !== 'all' && t !== '*')
          say(
            `cloudWatch.clusterLogging.enableTypes[${i}]`,
            `eksctl: "log type ${JSON.stringify(t)} (cloudWatch.clusterLogging.enableTypes[${i}]) is unknown"`,
          );
      });
      const days = cl.logRetentionInDays;
      if (set(days) && days !== 0) {
        if (!types.length)
          say('cloudWatch.clusterLogging.logRetentionInDays', 'eksctl: "cannot set cloudWatch.clusterLogging.logRetentionInDays without enabling log types"');
        if (!LOG_RETENTION_DAYS.includes(days))
          say(
            'cloudWatch.clusterLogging.logRetentionInDays',
            `eksctl: "invalid value ${days} for logRetentionInDays; supported values are [${LOG_RETENTION_DAYS.join(' ')}]"`,
          );
      }
    },
  },
  {
    id: 'eksctl-secrets-encryption',
    source: 'validation.go ValidateClusterConfig (secretsEncryption)',
    covers: 'secretsEncryption has a valid KMS key ARN',
    check(cfg, say) {
      if (!('secretsEncryption' in cfg) || cfg.secretsEncryption === null) return;
      const arn = cfg.secretsEncryption?.keyARN;
      if (!set(arn)) say('secretsEncryption.keyARN', 'eksctl: "field secretsEncryption.keyARN is required for enabling secrets encryption"');
      else if (!ARN_FORM.test(String(arn))) say('secretsEncryption.keyARN', `eksctl: "invalid ARN in secretsEncryption.keyARN: ${JSON.stringify(arn)}"`);
    },
  },
  {
    id: 'eksctl-upgrade-policy',
    source: 'validation.go ValidateClusterConfig (upgradePolicy)',
    covers: 'upgradePolicy.supportType is STANDARD or EXTENDED',
    check(cfg, say) {
      const t = cfg.upgradePolicy?.supportType;
      if (set(t) && t !== 'STANDARD' && t !== 'EXTENDED')
        say('upgradePolicy.supportType', 'eksctl: "upgradePolicy.supportType must be either "STANDARD" or "EXTENDED""');
    },
  },
  {
    id: 'eksctl-auto-mode',
    source: 'auto_mode.go ValidateAutoModeConfig; configfile.go (create-time rules)',
    covers:
      'Auto Mode settings only when it is enabled; node pools are general-purpose or system, without duplicates; nodeRoleARN needs node pools and excludes a permissions boundary',
    check(cfg, say) {
      const am = cfg.autoModeConfig;
      if (!isObj(am)) return;
      const pools = am.nodePools;
      if (am.enabled !== true) {
        if (set(am.nodeRoleARN) || set(am.permissionsBoundaryARN) || list(pools).length)
          say(
            'autoModeConfig',
            'eksctl: "cannot set autoModeConfig.nodeRoleARN, autoModeConfig.permissionBoundaryARN, or autoModeConfig.nodePools when Auto Mode is disabled"',
          );
        return;
      }
      list(pools).forEach((p, i) => {
        if (!AUTO_MODE_POOLS.includes(p))
          say(`autoModeConfig.nodePools[${i}]`, `eksctl: "invalid NodePool ${JSON.stringify(p)}"; use general-purpose or system`);
        else if (list(pools).indexOf(p) !== i) say(`autoModeConfig.nodePools[${i}]`, `eksctl: "found duplicate node pool: ${p}"`);
      });
      if (Array.isArray(pools) && pools.length === 0 && set(am.nodeRoleARN))
        say('autoModeConfig.nodeRoleARN', 'eksctl: "cannot specify autoModeConfig.nodeRoleARN when autoModeConfig.nodePools is empty"');
      if (set(am.nodeRoleARN) && set(am.permissionsBoundaryARN))
        say('autoModeConfig.permissionsBoundaryARN', 'eksctl: "cannot specify autoModeConfig.permissionBoundaryARN when autoModeConfig.nodeRoleARN is set"');
    },
  },
  {
    id: 'eksctl-auto-mode-create',
    source: 'configfile.go NewCreateClusterLoader (Auto Mode)',
    covers:
      'Auto Mode at creation: no managed or self-managed node groups, and no vpc-cni, kube-proxy or coredns add-ons (unless Fargate or hybrid nodes need them)',
    createOnly: true,
    check(cfg, say) {
      if (!autoMode(cfg)) return;
      for (const g of groups(cfg))
        say(
          g.path,
          'eksctl: "creation of managed or self-managed nodegroups is not supported during cluster creation when Auto Mode is enabled"; add node groups after the cluster exists',
        );
      if (list(cfg.fargateProfiles).length || isObj(cfg.remoteNetworkConfig)) return;
      list(cfg.addons).forEach((a, i) => {
        if (['vpc-cni', 'kube-proxy', 'coredns'].includes(a?.name))
          say(`addons[${i}]`, `eksctl: "core networking addons are not required on a cluster using Auto Mode"; remove ${a.name}`);
      });
    },
  },
  {
    id: 'eksctl-fargate',
    source: 'validation.go FargateProfile.Validate (eksctl runs it for create fargateprofile; EKS refuses the same at create cluster)',
    covers: 'Fargate profiles have a name not starting with eks-, and selectors that each name a namespace',
    check(cfg, say) {
      list(cfg.fargateProfiles).forEach((p, i) => {
        const at = `fargateProfiles[${i}]`;
        if (!set(p?.name)) say(`${at}.name`, 'eksctl: "invalid Fargate profile: empty name"');
        else if (String(p.name).startsWith('eks-'))
          say(`${at}.name`, `eksctl: "invalid Fargate profile ${JSON.stringify(p.name)}: name should NOT start with "eks-""`);
        const sel = list(p?.selectors);
        if (!sel.length) say(`${at}.selectors`, `eksctl: "invalid Fargate profile ${JSON.stringify(p?.name ?? '')}: no profile selector"`);
        sel.forEach((s, j) => {
          if (!set(s?.namespace)) say(`${at}.selectors[${j}].namespace`, `eksctl: "invalid profile selector at index #${j}: empty namespace"`);
        });
      });
    },
  },
  {
    id: 'eksctl-identity-mappings',
    source: 'identitymapping.go Validate',
    covers: 'iamIdentityMappings: account alone, serviceName and namespace together, not arn, username and groups with serviceName',
    check(cfg, say) {
      list(cfg.iamIdentityMappings).forEach((m, i) => {
        const at = `iamIdentityMappings[${i}]`;
        if (set(m?.account) && Object.keys(m).some((k) => k !== 'account')) say(at, 'eksctl: "account cannot be configured with any other options"');
        if (set(m?.serviceName) && !set(m?.namespace)) say(`${at}.namespace`, 'eksctl: "namespace is required when using serviceName"');
        if (set(m?.namespace) && !set(m?.serviceName)) say(`${at}.serviceName`, 'eksctl: "serviceName is required when using namespace"');
        if (set(m?.serviceName) && set(m?.arn) && set(m?.username) && list(m?.groups).length)
          say(at, 'eksctl: "cannot use arn, username, and groups with serviceName"');
      });
    },
  },
];

/** eksctl takes configurationValues as JSON or as a YAML mapping; a plain sentence is refused. */
function validConfigurationValues(v: string): boolean {
  try {
    JSON.parse(v);
    return true;
  } catch {
    // A YAML mapping has a "key:" line; anything else (prose, a broken flow collection) is not one.
    const t = v.trim();
    return /^[^\s:{}[\]#][^:\n]*:(\s|$)/m.test(t) && !/^["'{[]/.test(t);
  }
}

/** Whether a ClusterConfig creates a cluster (cluster.yaml), or only adds to one (eksctl/addons/*.yaml, eksctl/pod-identity/). */
export function createsCluster(cfg: Cfg): boolean {
  const iam = isObj(cfg.iam) ? Object.keys(cfg.iam) : [];
  return (
    set(cfg.metadata?.version) ||
    iam.some((k) => k !== 'podIdentityAssociations') ||
    ['vpc', 'managedNodeGroups', 'nodeGroups', 'fargateProfiles', 'autoModeConfig', 'secretsEncryption', 'kubernetesNetworkConfig'].some((k) => k in cfg)
  );
}

/** Every eksctl rule over one ClusterConfig. */
export function checkEksctlRules(cfg: Cfg, report: Report): void {
  const create = createsCluster(cfg);
  for (const rule of EKSCTL_RULES) {
    if (rule.createOnly && !create) continue;
    rule.check(cfg, (path, message) => report(rule.id, path, message));
  }
}
