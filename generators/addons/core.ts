// The EKS add-ons every non-Auto-Mode cluster manages explicitly, so their versions are pinned and
// upgrades are deliberate. Auto Mode runs its own networking, DNS and Pod Identity agent.
// vpc-cni carries the VPC CNI modes (prefix delegation, security groups for pods, custom networking,
// network policy, external SNAT) and coredns its replicas or autoscaling, both in configurationValues
// computed by src/plan/network.ts.
import type { PartialAnswers } from '../../src/answers/types.ts';
import type { EksAddonName } from '../../src/data/versions.ts';
import { corednsConfiguration, subnetListProblem, vpcCniConfiguration } from '../../src/plan/network.ts';
import { eksAddon, notOn, optionKey } from './helpers.ts';
import type { AddonContext, AddonModule } from './types.ts';

const builtIntoAutoMode = notOn({ 'auto-mode': 'EKS Auto Mode runs it as part of the cluster' });

function coreAddon(
  id: EksAddonName,
  title: string,
  description: string,
  when: AddonModule['when'] = builtIntoAutoMode,
  configure?: (ctx: AddonContext) => Record<string, unknown> | undefined,
): AddonModule {
  return {
    id,
    title,
    description,
    when,
    dependsOn: [],
    conflictsWith: [],
    questions: [],
    install: (ctx) => {
      const configurationValues = configure?.(ctx);
      return eksAddon(id, ctx, configurationValues ? { configurationValues } : {});
    },
  };
}

const POD_SUBNETS = optionKey('vpc-cni', 'podSubnets');

const vpcCniBase = coreAddon('vpc-cni', 'Amazon VPC CNI', 'pod networking with VPC IP addresses', builtIntoAutoMode, (ctx) => vpcCniConfiguration(ctx.answers));

/**
 * IPv6 pods need the CNI to assign IPv6 addresses, which the node role's AmazonEKS_CNI_Policy does
 * not allow: with Pod Identity, eksctl gives the add-on a role with the IPv6 policy through its
 * default association (with IRSA it does the same through the OIDC provider).
 */
export const vpcCniDefaultAssociation = (a: PartialAnswers): boolean =>
  (a.identity ?? 'pod-identity') === 'pod-identity' && a.ipFamily === 'ipv6' && builtIntoAutoMode(a) === true;

export const vpcCni: AddonModule = {
  ...vpcCniBase,
  install: (ctx) => ({
    ...vpcCniBase.install(ctx),
    ...(vpcCniDefaultAssociation(ctx.answers) ? { useDefaultPodIdentityAssociations: true } : {}),
  }),
  questions: [
    {
      key: POD_SUBNETS,
      kind: 'list',
      group: 'network',
      prompted: true,
      message: 'Pod subnets for custom networking',
      hint: 'az:subnet-id:cidr from a secondary VPC CIDR, one per AZ of the node subnets, e.g. us-east-1a:subnet-0123456789abcdef0:100.64.0.0/19',
      when: (a) => a.cni?.customNetworking === true,
    },
  ],
  defaults: { [POD_SUBNETS]: () => [] },
  rules: {
    [POD_SUBNETS]: (v, a) => (a.cni?.customNetworking === true ? subnetListProblem(v, a) : undefined),
  },
};
export const coredns = coreAddon('coredns', 'CoreDNS', 'cluster DNS', builtIntoAutoMode, (ctx) => corednsConfiguration(ctx.answers));
export const kubeProxy = coreAddon('kube-proxy', 'kube-proxy', 'Service routing on each node');
export const podIdentityAgent = coreAddon('eks-pod-identity-agent', 'EKS Pod Identity Agent', 'hands IAM credentials to pods through Pod Identity', (a) =>
  (a.identity ?? 'pod-identity') !== 'pod-identity' ? 'only used with identity pod-identity' : builtIntoAutoMode(a),
);
