// EKS Auto Mode: AWS launches, patches and replaces the nodes and runs the core add-ons itself.
import { AUTO_MODE_NODE_POOLS, type Answers } from '../../answers/types.ts';
import { COMPUTE, computeOf, onlyOn } from '../../plan/compute-types.ts';
import { flag, subsetOf, type Problem } from '../../plan/rules.ts';
import { code, join, md } from '../../render/prose.ts';
import type { ComputeModule } from '../contract.ts';

function problems(a: Answers): Problem[] {
  if (!computeOf(a).awsRunsCore) return [];
  const p: Problem[] = [];
  if (a.fargate.namespaces.length > 0)
    p.push({
      field: 'fargate.namespaces',
      message: `EKS Auto Mode runs every pod on its own nodes; drop ${flag('fargate.namespaces')} or use ${flag('compute')} managed`,
    });
  if (!a.autoMode.nodePools.includes('general-purpose')) {
    p.push({
      field: 'autoMode.nodePools',
      message: `the application needs the general-purpose pool (system only runs pods that tolerate CriticalAddonsOnly); give ${flag('autoMode.nodePools')} general-purpose,system`,
    });
  }
  if (a.access === 'aws-auth')
    p.push({ field: 'access', message: `EKS Auto Mode needs access entries for its nodes; use ${flag('access')} access-entries (or both)` });
  return p;
}

export const autoMode: ComputeModule = {
  id: 'auto-mode',
  traits: COMPUTE['auto-mode'],
  hint: 'EKS Auto Mode: AWS runs the nodes and the core add-ons',
  questions: [
    {
      key: 'autoMode.nodePools',
      kind: 'list',
      group: 'compute',
      prompted: true,
      message: 'EKS Auto Mode node pools',
      hint: 'general-purpose runs your pods; system runs pods that tolerate CriticalAddonsOnly',
      choices: () => AUTO_MODE_NODE_POOLS.map((value) => ({ value })),
      when: onlyOn('auto-mode'),
      default: () => ['general-purpose', 'system'],
      rule: subsetOf(AUTO_MODE_NODE_POOLS, true),
    },
  ],
  problems,
  configures: () => 'Auto Mode node pools',
  created: () => 'Auto Mode node pools (with their node role)',
  readme: (p) => [
    md`**EKS Auto Mode** with the node pools ${join(p.compute.autoModeNodePools.map(code), ' and ')}: AWS launches, patches and replaces the nodes, and runs VPC CNI, CoreDNS, kube-proxy, the EBS CSI driver, load balancing and the Pod Identity agent itself, so this project does not install those add-ons.`,
  ],
};
