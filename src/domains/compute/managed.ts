// Managed node groups: EKS launches, patches and replaces the nodes within updateConfig.
import { COMPUTE } from '../../plan/compute-types.ts';
import { answeredGroups } from '../node-group.ts';
import { md, none } from '../../render/prose.ts';
import type { ComputeModule } from '../contract.ts';

export const managed: ComputeModule = {
  id: 'managed',
  traits: COMPUTE.managed,
  hint: 'managed node groups across at least two AZs, patched and replaced by EKS',
  questions: [],
  groups: ({ answers, tags, maxPodsPerNode }) => ({ managed: answeredGroups(answers, tags, maxPodsPerNode) }),
  configures: (c) => (c.windows ? 'node groups' : 'node group') + (c.fargateProfiles.length > 0 ? ', Fargate profile' : ''),
  created: (c) => (c.windows ? 'node groups' : 'node group') + (c.fargateProfiles.length > 0 ? ', Fargate profile' : ''),
  readme: (p) => [
    md`**Nodes**: a managed node group (${p.compute.amiLabel}${p.compute.spot ? md`, Spot` : none}) in private subnets across the cluster's availability zones, IMDSv2 required and instance metadata blocked for pods, encrypted gp3 root volumes. EKS replaces nodes during updates within \`updateConfig\`.`,
  ],
};
