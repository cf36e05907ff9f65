// The EKS add-ons every non-Auto-Mode cluster manages explicitly, so their versions are pinned and
// upgrades are deliberate. Auto Mode runs its own networking, DNS and Pod Identity agent.
import type { EksAddonName } from '../../src/data/versions.ts';
import { eksAddon, notOn } from './helpers.ts';
import type { AddonModule } from './types.ts';

const builtIntoAutoMode = notOn({ 'auto-mode': 'EKS Auto Mode runs it as part of the cluster' });

function coreAddon(id: EksAddonName, title: string, description: string, when: AddonModule['when'] = builtIntoAutoMode): AddonModule {
  return {
    id, title, description, when, dependsOn: [], conflictsWith: [], questions: [],
    install: (ctx) => eksAddon(id, ctx),
  };
}

export const vpcCni = coreAddon('vpc-cni', 'Amazon VPC CNI', 'pod networking with VPC IP addresses');
export const coredns = coreAddon('coredns', 'CoreDNS', 'cluster DNS');
export const kubeProxy = coreAddon('kube-proxy', 'kube-proxy', 'Service routing on each node');
export const podIdentityAgent = coreAddon('eks-pod-identity-agent', 'EKS Pod Identity Agent', 'hands IAM credentials to pods through Pod Identity',
  (a) => ((a.identity ?? 'pod-identity') !== 'pod-identity' ? 'only used with identity pod-identity' : builtIntoAutoMode(a)));
