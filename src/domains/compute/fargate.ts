// Fargate: every pod in its own micro-VM. As a compute type it runs the whole cluster; its profiles
// (fargate.namespaces) may also run chosen namespaces beside node groups.
import type { Answers } from '../../answers/types.ts';
import { EKS_FACTS } from '../../data/versions.ts';
import { COMPUTE, computeOf, onlyOn } from '../../plan/compute-types.ts';
import { addonFargateProfiles, lbcOnFargate } from '../../plan/compute.ts';
import { flag, labelMapProblem, type Problem } from '../../plan/rules.ts';
import { code, join, md, type Prose } from '../../render/prose.ts';
import type { ComputeModule, DomainQuestion } from '../contract.ts';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const questions: DomainQuestion[] = [
  {
    key: 'fargate.namespaces',
    kind: 'list',
    group: 'compute',
    prompted: true,
    message: 'Namespaces that run on Fargate',
    hint: 'comma separated; each becomes a Fargate profile selector (five per profile)',
    when: onlyOn('fargate'),
    // A Fargate-only cluster runs the application's namespace on Fargate; other compute types none.
    default: (a) => (computeOf(a).fargate ? [a.app?.namespace ?? a.app?.name ?? 'web'] : []),
    rule: (v) => {
      if (!Array.isArray(v)) return 'must be a list of namespaces';
      const bad = v.find((n) => typeof n !== 'string' || !DNS1123_LABEL.test(n) || n.length > 63);
      if (bad !== undefined) return `${JSON.stringify(bad)} is not a namespace; use lowercase letters, digits and hyphens`;
      if (v.includes('kube-system'))
        return 'kube-system cannot run on Fargate as a whole (its DaemonSets need nodes); CoreDNS gets its own profile with --compute fargate';
      return new Set(v).size === v.length ? undefined : 'lists a namespace twice; give each once';
    },
  },
  {
    key: 'fargate.labels',
    kind: 'map',
    group: 'compute',
    prompted: false,
    message: 'Pod labels for Fargate',
    hint: 'key=value labels a pod must carry to run on Fargate; empty selects whole namespaces',
    default: () => ({}),
    rule: (v) => labelMapProblem(v, EKS_FACTS.fargate.maxLabelPairsPerSelector, false),
  },
];

function problems(a: Answers): Problem[] {
  const p: Problem[] = [];
  const only = computeOf(a).fargate;
  if (only && !a.fargate.namespaces.includes(a.app.namespace)) {
    p.push({
      field: 'fargate.namespaces',
      message: `must include the application's namespace ${a.app.namespace}, because a Fargate-only cluster has no nodes for it; add it to ${flag('fargate.namespaces')}`,
    });
  }
  if (only || a.fargate.namespaces.length > 0) {
    const profiles =
      (only ? 1 : 0) +
      (lbcOnFargate(a) ? 1 : 0) +
      addonFargateProfiles(a).length +
      Math.ceil(a.fargate.namespaces.length / EKS_FACTS.fargate.maxSelectorsPerProfile);
    if (profiles > EKS_FACTS.fargate.maxProfilesPerCluster) {
      p.push({
        field: 'fargate.namespaces',
        message: `needs ${profiles} Fargate profiles (five namespaces each), over the default quota of ${EKS_FACTS.fargate.maxProfilesPerCluster} per cluster; list fewer namespaces or select by ${flag('fargate.labels')}`,
      });
    }
  }
  return p;
}

/** The sentence for Fargate profiles beside node groups or Karpenter. */
export function fargateBesideNodes(p: Parameters<ComputeModule['readme']>[0]): Prose[] {
  const c = p.compute;
  if (c.isFargate || !c.fargateProfiles.length) return [];
  return [
    md`**Fargate for ${join(c.fargateNamespaces.map(code))}**: pods in these namespaces run on Fargate (profile \`workloads\`), everything else on the nodes. Fargate pods cannot use EKS Pod Identity, DaemonSets or EBS volumes; load balancers must use target type \`ip\`; Jobs there should set \`ttlSecondsAfterFinished\`.`,
  ];
}

export const fargate: ComputeModule = {
  id: 'fargate',
  traits: COMPUTE.fargate,
  hint: 'serverless pods, one micro-VM each; no DaemonSets, no privileged pods, no EBS',
  questions,
  problems,
  configures: () => 'Fargate profiles',
  created: () => 'Fargate profiles (with their pod execution role)',
  steps: () => ({
    afterCluster: [
      {
        title: 'Move CoreDNS onto Fargate',
        why: 'The CoreDNS deployment carries the annotation eks.amazonaws.com/compute-type: ec2, which keeps its pods Pending on a cluster without nodes. Removing it lets the coredns Fargate profile take them. Repeat this after updating the coredns add-on.',
        commands: [
          `kubectl patch deployment coredns -n kube-system --type merge -p '{"spec":{"template":{"metadata":{"annotations":{"eks.amazonaws.com/compute-type":null}}}}}'`,
          'kubectl rollout restart -n kube-system deployment coredns',
          'kubectl rollout status -n kube-system deployment coredns',
        ],
      },
    ],
  }),
  readme: (p) => [
    md`**Fargate only**: every pod of ${join(p.compute.fargateNamespaces.map(code))} runs in its own Fargate micro-VM in the private subnets, through the \`workloads\` profile; CoreDNS has its own \`coredns\` profile (and the patch step above). eksctl creates the pod execution role, trusted only for this cluster's profiles. Fargate runs no DaemonSets, no privileged containers and no EBS volumes, and pods cannot use EKS Pod Identity: this project uses IRSA. Load balancers must use target type \`ip\`. Finished Jobs are removed after ${p.compute.jobTtlSecondsAfterFinished} seconds (\`ttlSecondsAfterFinished\`), because Fargate bills each pod until it is deleted.`,
  ],
};
