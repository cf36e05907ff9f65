// Tearing the project down, in the order AWS needs: load balancers while their controller still
// runs, volumes while their drivers still run, Karpenter's nodes while Karpenter runs, then what
// the README made inside the VPC, the cluster (and the VPC eksctl made), the stacks, and the key.
// Each command finds what is left, so a second run deletes nothing twice and succeeds.
import { shellWord } from '../render/escape.ts';
import { CREATOR_EXPORT } from './cluster-config.ts';
import { logGroupName } from '../../generators/addons/aws-for-fluent-bit.ts';
import { ARGOCD_NAMESPACE } from './gitops.ts';
import type { Plan } from './resolve.ts';
import { describeClusterVpc, efsToken } from './storage.ts';
import { endpointServiceLookup } from './shell.ts';
import type { Step } from './steps.ts';

const sh = shellWord;

/** The id of the group of that name in the VPC, or None. */
const groupLookup = (variable: string, region: string, name: string) =>
  `${variable}="$(aws ec2 describe-security-groups --region ${sh(region)} --filters Name=vpc-id,Values="$VPC_ID" Name=group-name,Values=${sh(name)} --query 'SecurityGroups[0].GroupId' --output text)"`;

/** A workload of the project: the application, or a service `add service` added. */
export interface Workload {
  name: string;
  namespace: string;
}

export function teardownSteps(plan: Plan, workloads: Workload[] = [plan.app]): Step[] {
  const { name, region } = plan.answers;
  const r = sh(region);
  const steps: Step[] = [];
  const namespaces = [...new Set(workloads.map((w) => w.namespace))];
  const lbs = plan.network.ingress !== undefined || plan.network.service.type === 'LoadBalancer';
  const vpc = plan.network.vpc;
  if (vpc.creatorOnly && !plan.network.fullyPrivate)
    steps.push({
      title: 'Let your address reach the API again',
      why: 'The endpoint is private, and the steps below need the Kubernetes API: this opens it to your own address alone, as during creation. From a host inside the VPC, skip it.',
      commands: [
        CREATOR_EXPORT,
        `eksctl utils update-cluster-vpc-config --cluster ${sh(name)} --region ${r} --private-access=true --public-access=true --public-access-cidrs "$CREATOR_CIDR" --approve`,
      ],
    });

  if (plan.gitops.enabled)
    steps.push({
      title: 'Stop Argo CD from restoring what the next steps delete',
      why: 'The Applications have no deletion finalizer, so deleting them leaves the workloads in place for the steps below to remove in order.',
      commands: [`kubectl -n ${ARGOCD_NAMESPACE} delete applications.argoproj.io --all --ignore-not-found --wait`],
    });
  if (lbs)
    steps.push({
      title: 'Delete the load balancers',
      why: 'The AWS Load Balancer Controller deletes each load balancer when its Ingress or Service goes, and holds the object until it has; it must still run, and a load balancer left behind would keep the VPC from being deleted.',
      commands: [
        'kubectl delete ingress --all-namespaces --all --ignore-not-found --wait --timeout=10m',
        `kubectl get services --all-namespaces -o jsonpath='{range .items[?(@.spec.type=="LoadBalancer")]}{.metadata.namespace}{" "}{.metadata.name}{"\\n"}{end}' | while read -r NS SVC; do kubectl -n "$NS" delete service "$SVC" --wait --timeout=10m; done`,
      ],
    });
  steps.push(...edgeTeardown(plan));
  steps.push({
    title: `Delete the workloads and their volumes`,
    why: `Deleting ${namespaces.length > 1 ? 'the namespaces' : 'the namespace'} deletes the claims; the CSI drivers then delete the EBS volumes and EFS access points behind them, while they still run. The last command waits until they have.`,
    commands: [...namespaces.map((ns) => `kubectl delete namespace ${sh(ns)} --ignore-not-found --wait --timeout=10m`), volumesGone(namespaces)],
  });
  const releases = plan.helmReleases.filter((h) => h.id !== 'karpenter').reverse();
  if (releases.length && !plan.gitops.enabled)
    steps.push({
      title: 'Uninstall the Helm releases',
      why: 'In the reverse order of their installation.',
      commands: releases.map(
        (h) =>
          `! helm status ${sh(h.release)} --namespace ${sh(h.namespace)} >/dev/null 2>&1 || helm uninstall ${sh(h.release)} --namespace ${sh(h.namespace)} --wait`,
      ),
    });
  // Claims a release's StatefulSets made outlive helm uninstall (and Argo CD's pruning); deleting
  // their namespaces, which the README created, lets the EBS driver delete the volumes while it runs.
  const claimed = [...new Set(plan.helmReleases.filter((h) => h.keepsClaims).map((h) => h.namespace))];
  if (claimed.length)
    steps.push({
      title: 'Delete the volumes the Helm releases kept',
      why: `${claimed.length > 1 ? 'Their namespaces hold' : `Namespace ${claimed[0]} holds`} volume claims that outlive their release; deleting ${claimed.length > 1 ? 'them' : 'it'} deletes the claims, and the EBS CSI driver then deletes the volumes. The last command waits until it has.`,
      commands: [...claimed.map((ns) => `kubectl delete namespace ${sh(ns)} --ignore-not-found --wait --timeout=10m`), volumesGone(claimed)],
    });
  if (plan.karpenter) {
    const k = plan.karpenter;
    steps.push({
      title: "Remove Karpenter's nodes, then Karpenter",
      why: `Karpenter terminates its instances when their NodePools go, and removes its instance profiles with the EC2NodeClasses; uninstalled first, it would leave them behind. The disruption budgets go first: a pod that can run only on Karpenter's nodes has nowhere to go once they drain, and its budget would hold the drain forever.${plan.gitops.enabled ? ' Karpenter itself goes with the cluster: Argo CD no longer manages it.' : ''}`,
      commands: [
        'kubectl delete poddisruptionbudgets --all-namespaces --all --ignore-not-found',
        'kubectl delete nodepools.karpenter.sh --all --ignore-not-found --wait --timeout=15m',
        'kubectl wait --for=delete nodes -l karpenter.sh/nodepool --timeout=15m',
        // Its finalizer removes the instance profiles Karpenter made for the node role; left behind,
        // they keep the node role's CloudFormation stack from being deleted.
        'kubectl delete ec2nodeclasses.karpenter.k8s.aws --all --ignore-not-found --wait --timeout=10m',
        ...(plan.gitops.enabled
          ? []
          : [
              `! helm status ${sh(k.release)} --namespace ${sh(k.namespace)} >/dev/null 2>&1 || helm uninstall ${sh(k.release)} --namespace ${sh(k.namespace)} --wait`,
            ]),
      ],
    });
  }
  const vpcCommands: string[] = [];
  if (plan.network.securityGroupPolicy) {
    vpcCommands.push(
      `CLUSTER_SECURITY_GROUP_ID="$(aws eks describe-cluster --region ${r} --name ${sh(name)} --query cluster.resourcesVpcConfig.clusterSecurityGroupId --output text)" || CLUSTER_SECURITY_GROUP_ID=None`,
    );
    // Each workload's pods have a group of their own, which the cluster group lets in on port 53.
    for (const w of workloads) {
      vpcCommands.push(
        groupLookup('POD_SECURITY_GROUP_ID', region, `${name}-${w.name}-pods`),
        ...(['udp', 'tcp'] as const).map(
          (p) =>
            `[ "$POD_SECURITY_GROUP_ID" = None ] || [ "$CLUSTER_SECURITY_GROUP_ID" = None ] || ! aws ec2 describe-security-groups --region ${r} --group-ids "$CLUSTER_SECURITY_GROUP_ID" --filters Name=ip-permission.group-id,Values="$POD_SECURITY_GROUP_ID" Name=ip-permission.protocol,Values=${p} --query 'SecurityGroups[0].GroupId' --output text | grep -q sg- || aws ec2 revoke-security-group-ingress --region ${r} --group-id "$CLUSTER_SECURITY_GROUP_ID" --protocol ${p} --port 53 --source-group "$POD_SECURITY_GROUP_ID" >/dev/null`,
        ),
        // The VPC resource controller deletes the pods' network interfaces a minute or so after the pods.
        interfacesGone('POD_SECURITY_GROUP_ID', region, 30),
        `[ "$POD_SECURITY_GROUP_ID" = None ] || aws ec2 delete-security-group --region ${r} --group-id "$POD_SECURITY_GROUP_ID"`,
      );
    }
  }
  if (plan.steps.some((s) => s.commands.some((c) => c.includes('aws efs create-file-system')))) {
    const token = sh(efsToken(plan.answers));
    vpcCommands.push(
      `EFS_FILE_SYSTEM_ID="$(aws efs describe-file-systems --region ${r} --creation-token ${token} --query 'FileSystems[0].FileSystemId' --output text)"`,
      `[ "$EFS_FILE_SYSTEM_ID" = None ] || for MT in $(aws efs describe-mount-targets --region ${r} --file-system-id "$EFS_FILE_SYSTEM_ID" --query 'MountTargets[].MountTargetId' --output text); do aws efs delete-mount-target --region ${r} --mount-target-id "$MT"; done`,
      `[ "$EFS_FILE_SYSTEM_ID" = None ] || until [ "$(aws efs describe-mount-targets --region ${r} --file-system-id "$EFS_FILE_SYSTEM_ID" --query 'length(MountTargets)' --output text)" = 0 ]; do sleep 10; done`,
      `[ "$EFS_FILE_SYSTEM_ID" = None ] || aws efs delete-file-system --region ${r} --file-system-id "$EFS_FILE_SYSTEM_ID"`,
      groupLookup('EFS_SECURITY_GROUP_ID', region, `${name}-efs`),
      `[ "$EFS_SECURITY_GROUP_ID" = None ] || aws ec2 delete-security-group --region ${r} --group-id "$EFS_SECURITY_GROUP_ID"`,
    );
  }
  if (plan.addonFiles.some((f) => f.path.includes('aws-fsx-csi-driver/')))
    vpcCommands.push(
      groupLookup('FSX_SECURITY_GROUP_ID', region, `${name}-fsx-lustre`),
      // The CSI driver asks for the file system's deletion and returns; it keeps its interfaces in the group for minutes.
      interfacesGone('FSX_SECURITY_GROUP_ID', region, 120),
      `[ "$FSX_SECURITY_GROUP_ID" = None ] || aws ec2 delete-security-group --region ${r} --group-id "$FSX_SECURITY_GROUP_ID"`,
    );
  // The endpoints the README created for a fully private cluster (eksctl deletes its own with the VPC).
  const ownEndpoints = plan.network.fullyPrivate ? (plan.network.privateChecklist?.endpoints ?? []).filter((e) => !e.eksctl) : [];
  if (ownEndpoints.length) {
    for (const e of ownEndpoints)
      vpcCommands.push(
        `[ "$VPC_ID" = None ] || for E in $(aws ec2 describe-vpc-endpoints --region ${r} --filters Name=vpc-id,Values="$VPC_ID" Name=service-name,Values="$(${endpointServiceLookup(region, e.service)})" --query 'VpcEndpoints[].VpcEndpointId' --output text); do aws ec2 delete-vpc-endpoints --region ${r} --vpc-endpoint-ids "$E" >/dev/null; done`,
      );
    vpcCommands.push(
      `[ "$VPC_ID" = None ] || for i in $(seq 60); do [ "$(aws ec2 describe-vpc-endpoints --region ${r} --filters Name=vpc-id,Values="$VPC_ID" Name=vpc-endpoint-state,Values=deleting --query 'length(VpcEndpoints)' --output text)" = 0 ] && break; sleep 10; done`,
    );
  }
  if (vpcCommands.length)
    steps.push({
      title: 'Delete what the README made in the VPC',
      why: `Security groups${ownEndpoints.length ? ', VPC endpoints' : ''} and file systems the README created; a VPC that eksctl made cannot be deleted while they are in it. Where AWS finishes a deletion in the background, the step waits until it has.${ownEndpoints.length ? ' The Session Manager tunnel to the API needs the ssm endpoints: run this once every step before it has finished.' : ''}`,
      // While the cluster exists, it names the VPC; on a second run, after it is gone, there is nothing left here to find.
      commands: [`${describeClusterVpc({ region, name })} || VPC_ID=None`, ...vpcCommands],
    });
  steps.push({
    title: 'Delete the cluster',
    why: `eksctl drains and deletes the node groups, the add-ons' and workloads' IAM roles${plan.gitops.capabilities.length ? ', the capabilities' : ''}, the control plane${plan.network.vpc.existing ? '' : ' and the VPC it made'}, and waits until they are gone.${logGroupsKept(plan)}`,
    commands: [`! eksctl get cluster --region ${r} --name ${sh(name)} >/dev/null 2>&1 || eksctl delete cluster --region ${r} --name ${sh(name)} --wait`],
  });
  if (plan.karpenter)
    steps.push({
      title: 'Delete the CloudFormation stacks the README created',
      why: `${plan.karpenter.names.stack}: the Karpenter node role and interruption queue.`,
      commands: [
        `aws cloudformation delete-stack --region ${r} --stack-name ${sh(plan.karpenter.names.stack)}`,
        `aws cloudformation wait stack-delete-complete --region ${r} --stack-name ${sh(plan.karpenter.names.stack)}`,
      ],
    });
  if (plan.kms.create)
    steps.push({
      title: 'Schedule the KMS key for deletion',
      why: `Last, and only if nothing else uses it: once deleted, anything encrypted with the key (the cluster's Secrets, snapshots of them) can never be decrypted. AWS deletes it after 30 days; until then aws kms cancel-key-deletion keeps it. The alias ${plan.kms.alias} goes now.`,
      commands: [
        // Each half is checked on its own, so a run stopped between them finishes on the next.
        `if KEY_ID="$(aws kms describe-key --region ${r} --key-id ${sh(plan.kms.alias)} --query KeyMetadata.KeyId --output text 2>/dev/null)"; then [ "$(aws kms describe-key --region ${r} --key-id "$KEY_ID" --query KeyMetadata.KeyState --output text)" = PendingDeletion ] || aws kms schedule-key-deletion --region ${r} --key-id "$KEY_ID" --pending-window-in-days 30; aws kms delete-alias --region ${r} --alias-name ${sh(plan.kms.alias)}; fi`,
      ],
    });
  return steps;
}

/**
 * external-dns runs with policy upsert-only, so it never deletes a record: the app's name (and the TXT
 * records that mark it as external-dns's) would point at a deleted load balancer. A certificate the
 * README requested goes too, once no load balancer uses it.
 */
export function edgeTeardown(plan: Pick<Plan, 'answers' | 'network'>): Step[] {
  const edge = plan.network.edge;
  if (!edge) return [];
  const r = sh(plan.answers.region);
  const commands: string[] = [];
  const notes: string[] = [];
  if (edge.hostname && edge.externalDns && edge.dnsZones.length) {
    const host = `${edge.hostname}.`;
    // The name itself, and the TXT registry records external-dns writes beside it (a-, aaaa-, cname- prefixed).
    const match = ['', 'a-', 'aaaa-', 'cname-'].map((p) => `Name=='${p}${host}'`).join(' || ');
    commands.push(
      `for Z in ${edge.dnsZones.map(sh).join(' ')}; do [ "$(aws route53 list-resource-record-sets --region ${r} --hosted-zone-id "$Z" --query "length(ResourceRecordSets[?${match}])" --output text)" = 0 ] || { CHANGE_BATCH="$(aws route53 list-resource-record-sets --region ${r} --hosted-zone-id "$Z" --query "{Changes: ResourceRecordSets[?${match}].{Action: 'DELETE', ResourceRecordSet: @}}" --output json)"; aws route53 change-resource-record-sets --region ${r} --hosted-zone-id "$Z" --change-batch "$CHANGE_BATCH"; }; done`,
    );
    notes.push(`the records for ${edge.hostname} that external-dns wrote (it runs with upsert-only, so it never deletes them)`);
  }
  const domain = edge.tls?.requested;
  if (domain) {
    commands.push(
      `CERTIFICATE_ARN="$(aws acm list-certificates --region ${r} --certificate-statuses PENDING_VALIDATION ISSUED --query "CertificateSummaryList[?DomainName=='${domain}'].CertificateArn | [0]" --output text)"`,
      // ACM refuses while a load balancer still uses the certificate; the deleted ones let go within a minute or two.
      `[ "$CERTIFICATE_ARN" = None ] || for i in $(seq 30); do aws acm delete-certificate --region ${r} --certificate-arn "$CERTIFICATE_ARN" 2>/dev/null && break; sleep 10; done`,
      `[ "$CERTIFICATE_ARN" = None ] || ! aws acm describe-certificate --region ${r} --certificate-arn "$CERTIFICATE_ARN" >/dev/null 2>&1 || { echo "The certificate for ${domain} is still in use: aws acm describe-certificate --region ${plan.answers.region} --certificate-arn $CERTIFICATE_ARN --query Certificate.InUseBy" >&2; false; }`,
    );
    notes.push(
      `the certificate requested for ${domain} (its DNS validation record stays: ACM gives every certificate for ${domain} in the account the same one)`,
    );
  }
  return commands.length
    ? [{ title: 'Delete the DNS records and the certificate', why: `Now that the load balancers are gone: ${notes.join('; and ')}.`, commands }]
    : [];
}

/** Waits (up to 15 minutes) until the volumes the CSI drivers delete (reclaim policy Delete) of these namespaces' claims are gone. */
function volumesGone(namespaces: string[]): string {
  return `for i in $(seq 90); do [ -z "$(kubectl get pv -o jsonpath='{range .items[*]}{.spec.claimRef.namespace} {.spec.persistentVolumeReclaimPolicy}{"\\n"}{end}' | grep -E '^(${namespaces.join('|')}) Delete$')" ] && break; sleep 10; done`;
}

/** Waits (up to `minutes`) until no network interface is in the security group the variable names. */
function interfacesGone(variable: string, region: string, minutes: number): string {
  return `[ "$${variable}" = None ] || for i in $(seq ${minutes * 4}); do [ "$(aws ec2 describe-network-interfaces --region ${sh(region)} --filters Name=group-id,Values="$${variable}" --query 'length(NetworkInterfaces)' --output text)" = 0 ] && break; sleep 15; done`;
}

/** The log groups the teardown keeps, said once: audit logs often have to outlive the cluster. */
function logGroupsKept(plan: Plan): string {
  const groups = [
    ...(plan.logTypes.length ? [`/aws/eks/${plan.answers.name}/cluster`] : []),
    ...(plan.answers.addons.includes('aws-for-fluent-bit') ? [logGroupName(plan.answers.name)] : []),
  ];
  if (!groups.length) return '';
  const list = groups.join(' and ');
  const many = groups.length > 1;
  return ` The log group${many ? 's' : ''} ${list} stay${many ? '' : 's'}, with ${many ? 'their' : 'its'} retention, as audit logs often must; aws logs delete-log-group deletes ${many ? 'one' : 'it'} once ${many ? 'its' : 'the'} logs are no longer needed.`;
}
