// The add-on registry: the wizard's multi-select, --addons, --help, the README and the tests all
// read this one array. Adding an add-on means adding its module here and its templates.
import { adot } from './adot.ts';
import { amazonCloudwatchObservability } from './amazon-cloudwatch-observability.ts';
import { awsEbsCsiDriver } from './aws-ebs-csi-driver.ts';
import { awsEfsCsiDriver } from './aws-efs-csi-driver.ts';
import { awsForFluentBit } from './aws-for-fluent-bit.ts';
import { awsFsxCsiDriver } from './aws-fsx-csi-driver.ts';
import { awsLoadBalancerController } from './aws-load-balancer-controller.ts';
import { certManager } from './cert-manager.ts';
import { clusterAutoscaler } from './cluster-autoscaler.ts';
import { coredns, kubeProxy, podIdentityAgent, vpcCni } from './core.ts';
import { externalDns } from './external-dns.ts';
import { hpa } from './hpa.ts';
import { kubePrometheusStack } from './kube-prometheus-stack.ts';
import { metricsServer } from './metrics-server.ts';
import { pdb } from './pdb.ts';
import { secretsStoreCsiDriver } from './secrets-store-csi-driver.ts';
import { secretsStoreCsiDriverProviderAws } from './secrets-store-csi-driver-provider-aws.ts';
import { snapshotController } from './snapshot-controller.ts';
import type { AddonModule } from './types.ts';
import { vpa } from './vpa.ts';

/** Managed by the tool itself whenever they apply; not offered in --addons. */
export const CORE_ADDONS: AddonModule[] = [vpcCni, coredns, kubeProxy, podIdentityAgent];

/** Offered to the user through --addons, in the order the wizard lists them. */
export const OPTIONAL_ADDONS: AddonModule[] = [
  // Traffic and DNS
  awsLoadBalancerController,
  externalDns,
  certManager,
  // Scaling and resilience
  metricsServer,
  hpa,
  vpa,
  pdb,
  clusterAutoscaler,
  // Storage
  awsEbsCsiDriver,
  awsEfsCsiDriver,
  awsFsxCsiDriver,
  snapshotController,
  // Secrets
  secretsStoreCsiDriver,
  secretsStoreCsiDriverProviderAws,
  // Observability and cost
  amazonCloudwatchObservability,
  adot,
  kubePrometheusStack,
  awsForFluentBit,
];

export const ALL_ADDONS: AddonModule[] = [...CORE_ADDONS, ...OPTIONAL_ADDONS];
export const ADDON_BY_ID = new Map(ALL_ADDONS.map((m) => [m.id, m]));
