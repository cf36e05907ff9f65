// The EKS add-ons every non-Auto-Mode cluster manages explicitly, so their versions are pinned and
// upgrades are deliberate.
import { addonVersionFor, type EksAddonName } from '../../src/data/versions.ts';
import type { AddonModule } from './types.ts';

function coreAddon(id: EksAddonName, title: string, description: string, when: AddonModule['when'] = () => true): AddonModule {
  return {
    id, title, description, when, dependsOn: [], conflictsWith: [], questions: [],
    install: (ctx) => ({ method: 'eks-addon', name: id, version: addonVersionFor(id, ctx.answers.kubernetesVersion) }),
  };
}

export const vpcCni = coreAddon('vpc-cni', 'Amazon VPC CNI', 'pod networking with VPC IP addresses');
export const coredns = coreAddon('coredns', 'CoreDNS', 'cluster DNS');
export const kubeProxy = coreAddon('kube-proxy', 'kube-proxy', 'Service routing on each node');
export const podIdentityAgent = coreAddon('eks-pod-identity-agent', 'EKS Pod Identity Agent', 'hands IAM credentials to pods through Pod Identity',
  (a) => ((a.identity ?? 'pod-identity') === 'pod-identity' ? true : 'only used with identity pod-identity'));
