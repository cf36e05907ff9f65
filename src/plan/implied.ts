// Add-ons that other answers imply: a load balancer needs the AWS Load Balancer Controller, each kind
// of storage its CSI driver, snapshots the snapshot controller, and a replicated application a
// PodDisruptionBudget. They join the user's own `addons` in the plan (never in the answers), so the
// saved answers stay what the user chose and `--addons` validation sees only the user's list.
import type { PartialAnswers } from '../answers/types.ts';
import { computeOf } from './compute-types.ts';

export interface ImpliedAddon {
  id: string;
  /** The answer that implies it, for error messages. */
  field: string;
  why: string;
}

export function impliedAddons(a: PartialAnswers): ImpliedAddon[] {
  const out: ImpliedAddon[] = [];
  const compute = computeOf(a);
  const storage = a.storage ?? [];
  if (a.ingress === 'alb' || a.ingress === 'nlb') {
    out.push({ id: 'aws-load-balancer-controller', field: 'ingress', why: `ingress ${a.ingress} is served by the AWS Load Balancer Controller` });
  }
  // EKS Auto Mode has block storage built in; Fargate mounts EFS itself.
  if (storage.includes('ebs') && !compute.awsRunsCore) out.push({ id: 'aws-ebs-csi-driver', field: 'storage', why: 'storage ebs needs the EBS CSI driver' });
  if (storage.includes('efs') && !compute.fargate) out.push({ id: 'aws-efs-csi-driver', field: 'storage', why: 'storage efs needs the EFS CSI driver' });
  if (storage.includes('fsx-lustre')) out.push({ id: 'aws-fsx-csi-driver', field: 'storage', why: 'storage fsx-lustre needs the FSx for Lustre CSI driver' });
  if (a.volumeSnapshots === true) out.push({ id: 'snapshot-controller', field: 'volumeSnapshots', why: 'volume snapshots need the snapshot controller' });
  // The project's own lint asks for a budget on every replicated or autoscaled workload.
  const replicas = a.app?.replicas ?? 2;
  if (replicas > 1 || (a.addons ?? []).includes('hpa'))
    out.push({ id: 'pdb', field: 'app.replicas', why: 'node drains must keep a replicated application available' });
  return out.filter((x) => !(a.addons ?? []).includes(x.id));
}

/** Ids of the user's add-ons and the implied ones. */
export function addonIdsOf(a: PartialAnswers): string[] {
  return [...(a.addons ?? []), ...impliedAddons(a).map((x) => x.id)];
}
