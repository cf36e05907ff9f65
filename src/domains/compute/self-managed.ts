// Self-managed node groups: EC2 Auto Scaling groups eksctl creates, which you replace to patch.
import { discoveryTags } from '../../../generators/addons/cluster-autoscaler.ts';
import { COMPUTE } from '../../plan/compute-types.ts';
import { kv } from '../../plan/compute.ts';
import { answeredGroups, selfManagedGroup } from '../node-group.ts';
import { addonIdsOf } from '../../plan/implied.ts';
import { clusterConfigCommands, clusterConfigEnv } from '../../plan/cluster-config.ts';
import { code, md, none } from '../../render/prose.ts';
import type { ComputeModule } from '../contract.ts';

export const selfManaged: ComputeModule = {
  id: 'self-managed',
  traits: COMPUTE['self-managed'],
  hint: 'eksctl node groups (Auto Scaling groups) you patch and replace yourself',
  questions: [],
  groups: ({ answers: a, tags, maxPodsPerNode }) => {
    // cluster-autoscaler finds self-managed Auto Scaling groups only by its discovery tags.
    const autoscaled = addonIdsOf(a).includes('cluster-autoscaler');
    const caTags = kv(discoveryTags(a.name));
    const groups = answeredGroups(a, tags, maxPodsPerNode).map(selfManagedGroup);
    return { selfManaged: autoscaled ? groups.map((g) => ({ ...g, tags: [...g.tags, ...caTags], propagateASGTags: true })) : groups };
  },
  configures: (c) => (c.windows ? 'node groups' : 'node group') + (c.fargateProfiles.length > 0 ? ', Fargate profile' : ''),
  created: (c) => (c.windows ? 'node groups' : 'node group') + (c.fargateProfiles.length > 0 ? ', Fargate profile' : ''),
  steps: (plan) => {
    const { cfg } = clusterConfigCommands(plan);
    return {
      maintenance: [
        {
          title: 'Replace a self-managed node group',
          why: 'Self-managed groups are not updated in place: to move to a new AMI or instance type, add a group with a new name, then delete the old one (eksctl drains its nodes first). In eksctl/cluster.yaml, copy the system entry under nodeGroups, rename it system-v2 and change what you need; afterwards remove the old entry.',
          commands: [
            ...clusterConfigEnv(plan),
            `eksctl create nodegroup --config-file ${cfg} --include system-v2`,
            `eksctl delete nodegroup --config-file ${cfg} --include system --approve`,
          ],
        },
      ],
    };
  },
  readme: (p) => {
    const c = p.compute;
    const nodeEntry = p.access.api ? md`an access entry of type \`EC2_LINUX\`` : md`an aws-auth mapping`;
    const spot = c.spot ? md`, Spot with price-capacity-optimized allocation and capacity rebalancing` : none;
    const drain = c.spot
      ? md` Nothing drains a self-managed Spot node before EC2 reclaims it: install the AWS Node Termination Handler, or use managed nodes or Karpenter, which do.`
      : none;
    return [
      md`**Nodes**: a self-managed node group (${c.amiLabel}${spot}), an EC2 Auto Scaling group in private subnets, IMDSv2 required and instance metadata blocked for pods, encrypted gp3 root volumes. eksctl tags it ${code(`kubernetes.io/cluster/${p.answers.name}: owned`)} and gives its instance role ${nodeEntry}. You patch it by replacing it (see "Later").${drain}`,
    ];
  },
};
