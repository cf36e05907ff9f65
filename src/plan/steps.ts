// The commands a user runs, in order. One list feeds the README and the end-of-run summary.
import type { Plan } from './resolve.ts';
import { sgpFile } from './network.ts';
import { allowIngress, endpointServiceLookup, securityGroup, selfContained } from './shell.ts';
import { gitopsDeployCommands, registerStep } from './gitops.ts';
import { ciSteps, ecrSteps } from './service.ts';
import { describeClusterVpc, efsToken } from './storage.ts';
import { shellWord } from '../render/escape.ts';
import { COMPUTE_MODULES } from '../domains/index.ts';
import { ACCOUNT_EXPORT, CREATOR_EXPORT, clusterConfigCommands, kmsExport, podIdentityCommand } from './cluster-config.ts';

export { clusterConfigCommands, clusterConfigEnv, kmsExport, podIdentityCommand } from './cluster-config.ts';

export interface Step {
  /** The workload a step belongs to, when it is one workload's (add service takes these for a service). */
  workload?: string;
  title: string;
  why: string;
  commands: string[];
}

const sh = shellWord;

/** Creates the secrets key behind its alias unless the alias exists, then exports the key's ARN for envsubst. */
function kmsKeyCommands(plan: Plan): string[] {
  const { name, region } = plan.answers;
  const describe = `aws kms describe-key --region ${sh(region)} --key-id ${sh(plan.kms.alias)}`;
  return [
    `KEY_ID="$(${describe} --query KeyMetadata.KeyId --output text 2>/dev/null)" || KEY_ID="$(aws kms create-key --region ${sh(region)} --description ${sh(`EKS secrets encryption for ${name}`)} --query KeyMetadata.KeyId --output text)"`,
    `${describe} >/dev/null 2>&1 || aws kms create-alias --region ${sh(region)} --alias-name ${sh(plan.kms.alias)} --target-key-id "$KEY_ID"`,
    `aws kms enable-key-rotation --region ${sh(region)} --key-id "$KEY_ID"`,
    kmsExport(plan),
  ];
}

const certificateQuery = (domain: string) => `"CertificateSummaryList[?DomainName=='${domain}'].CertificateArn | [0]"`;

/** The ARN of the issued certificate for the domain, for the envsubst that fills the load balancer's file. */
function issuedCertificateExport(plan: Plan, domain: string): string {
  return `export CERTIFICATE_ARN="$(aws acm list-certificates --region ${sh(plan.answers.region)} --certificate-statuses ISSUED --query ${certificateQuery(domain)} --output text)"`;
}

/** Waits until external-dns has written the name into one of its zones, then fails if it has not. */
function dnsRecordWait(region: string, host: string, zones: string[]): string[] {
  const found = `for Z in ${zones.map(sh).join(' ')}; do aws route53 list-resource-record-sets --region ${sh(region)} --hosted-zone-id "$Z" --query "ResourceRecordSets[?Name=='${host}.'].Name" --output text; done`;
  return [
    `for i in $(seq 60); do [ -n "$(${found})" ] && break; sleep 10; done`,
    `[ -n "$(${found})" ] || { echo "external-dns has not written ${host} yet: kubectl -n external-dns logs deployment/external-dns"; false; }`,
  ];
}

/** Requests the certificate once (a second run finds it), writes or prints its DNS validation record, and waits until it is issued. */
function certificateStep(plan: Plan, domain: string, zone: string): Step {
  const region = sh(plan.answers.region);
  const record = (field: string) =>
    `aws acm describe-certificate --region ${region} --certificate-arn "$CERTIFICATE_ARN" --query 'Certificate.DomainValidationOptions[0].ResourceRecord.${field}' --output text`;
  const batch = `"{\\"Changes\\":[{\\"Action\\":\\"UPSERT\\",\\"ResourceRecordSet\\":{\\"Name\\":\\"$RECORD_NAME\\",\\"Type\\":\\"CNAME\\",\\"TTL\\":300,\\"ResourceRecords\\":[{\\"Value\\":\\"$RECORD_VALUE\\"}]}}]}"`;
  return {
    title: `Request the TLS certificate for ${domain}`,
    why: `ACM issues a certificate for ${domain} once a DNS record proves you control the name. ${
      zone
        ? `The record is written to hosted zone ${zone} (UPSERT, so a second run changes nothing).`
        : 'No hosted zone was given, so the step prints the record for you to add in your DNS.'
    } The last command waits until the certificate is issued; a certificate that already exists is reused.`,
    commands: [
      `CERTIFICATE_ARN="$(aws acm list-certificates --region ${region} --certificate-statuses PENDING_VALIDATION ISSUED --query ${certificateQuery(domain)} --output text)"`,
      `[ "$CERTIFICATE_ARN" != None ] || CERTIFICATE_ARN="$(aws acm request-certificate --region ${region} --domain-name ${sh(domain)} --validation-method DNS --query CertificateArn --output text)"`,
      // ACM adds the validation record to the certificate a few seconds after the request.
      `for i in $(seq 30); do RECORD_NAME="$(${record('Name')})"; [ "$RECORD_NAME" != None ] && break; sleep 5; done`,
      `RECORD_VALUE="$(${record('Value')})"`,
      // ACM validates through public DNS: a private zone would leave the certificate pending.
      ...(zone
        ? [
            `[ "$(aws route53 get-hosted-zone --id ${sh(zone)} --query HostedZone.Config.PrivateZone --output text)" = False ] || { echo "Hosted zone ${zone} is private; ACM validates through public DNS: give --tls-hosted-zone-id a public zone"; false; }`,
          ]
        : []),
      zone
        ? `aws route53 change-resource-record-sets --hosted-zone-id ${sh(zone)} --change-batch ${batch}`
        : `echo "Add this CNAME record in the DNS of ${domain}: $RECORD_NAME -> $RECORD_VALUE"`,
      `aws acm wait certificate-validated --region ${region} --certificate-arn "$CERTIFICATE_ARN"`,
    ],
  };
}

/** The commands that set each apply-time variable a step may read without setting it (a new shell). */
export function shellDefinitions(plan: Plan): Record<string, string> {
  const { region } = plan.answers;
  return {
    AWS_ACCOUNT_ID: ACCOUNT_EXPORT(region),
    CREATOR_CIDR: CREATOR_EXPORT,
    KMS_KEY_ARN: kmsExport(plan),
    // An existing cluster's OIDC id, for the IRSA trust of a service project that did not give its issuer.
    OIDC_ID: `ISSUER="$(aws eks describe-cluster --region ${sh(region)} --name ${sh(plan.answers.name)} --query cluster.identity.oidc.issuer --output text)"; export OIDC_ID="\${ISSUER##*/}"`,
    // The file system a README step created, found by its creation token.
    EFS_FILE_SYSTEM_ID: `export EFS_FILE_SYSTEM_ID="$(aws efs describe-file-systems --region ${sh(region)} --creation-token ${sh(efsToken(plan.answers))} --query 'FileSystems[0].FileSystemId' --output text)"`,
  };
}

export function applySteps(plan: Plan): Step[] {
  const { name, region } = plan.answers;
  const steps: Step[] = [];
  const { cfg, create: createCommand } = clusterConfigCommands(plan);
  const creatorOnly = plan.network.vpc.creatorOnly !== undefined;
  const fullyPrivate = plan.network.fullyPrivate;
  const c = plan.compute;
  if (plan.accountPlaceholder) {
    steps.push({
      title: 'Set the AWS account',
      why: 'The generated ARNs leave the account id as a variable; the commands below fill it in with envsubst.',
      // With --region: the global STS endpoint does not serve the China and GovCloud partitions.
      commands: [ACCOUNT_EXPORT(region)],
    });
  }
  if (plan.kms.create) {
    steps.push({
      title: 'Create the KMS key for secrets encryption',
      why: `eksctl needs the key to exist; it is found through the alias ${plan.kms.alias}, and created only if the alias does not exist yet. eksctl/cluster.yaml names the key by its ARN (KMS_KEY_ARN), as EKS stores it. Deleting this key makes every Secret in the cluster unrecoverable.`,
      commands: kmsKeyCommands(plan),
    });
  }
  const own = COMPUTE_MODULES[c.type].steps?.(plan) ?? {};
  steps.push(...(own.beforeCluster ?? []));
  const net = plan.network;
  if (net.subnetTagCommands.length > 0) {
    steps.push({
      title: 'Tag the subnets for load balancers',
      why: `eksctl does not tag the subnets of a VPC it did not create. The AWS Load Balancer Controller puts internet-facing load balancers in subnets tagged kubernetes.io/role/elb and internal ones in subnets tagged kubernetes.io/role/internal-elb${plan.karpenter ? '; Karpenter launches nodes in the subnets tagged karpenter.sh/discovery' : ''}.`,
      commands: net.subnetTagCommands,
    });
  }
  const deferNodes = net.eniConfigs.length > 0;
  if (creatorOnly) {
    steps.push({
      title: 'Let only your address reach the API while the cluster is created',
      why: fullyPrivate
        ? 'The endpoint ends up private, but eksctl needs the Kubernetes API while it adds nodes and add-ons; this is the one public address allowed until eksctl turns public access off at the end of creation.'
        : 'The endpoint ends up private, but eksctl needs the Kubernetes API while it adds nodes and add-ons; this is the one public address allowed until the last cluster step.',
      commands: [CREATOR_EXPORT],
    });
  }
  const vpcWhat = net.vpc.existing
    ? `Uses your VPC ${net.vpc.id} and creates the control plane`
    : net.fullyPrivate
      ? 'Creates the VPC (with no NAT gateways, and the VPC endpoints eksctl manages), control plane'
      : 'Creates the VPC, control plane';
  steps.push({
    title: 'Create the cluster',
    why: deferNodes
      ? `${vpcWhat}, access entries, add-ons and the workload IAM roles, but no nodes yet: with custom networking the ENIConfigs must exist before nodes start (15 to 20 minutes).`
      : `${vpcWhat}, access entries, add-ons, ${COMPUTE_MODULES[c.type].created(c)} and the workload IAM roles (15 to 25 minutes). If a creation stopped part way, running the step again makes only what is missing.`,
    commands: [
      `eksctl get cluster --region ${sh(region)} --name ${sh(name)} >/dev/null 2>&1 || ${deferNodes ? `${createCommand} --without-nodegroup` : createCommand}`,
      // After a creation that stopped part way, a second run makes what the first did not: eksctl skips
      // the node groups, add-ons and service accounts that exist; each association is created only
      // when missing. Node groups and service accounts need the Kubernetes API, which a fully private
      // cluster does not answer from here.
      ...(c.hasNodeGroups && !deferNodes && !fullyPrivate ? [`eksctl create nodegroup --config-file ${cfg}`] : []),
      ...(plan.addons.length ? [`eksctl create addon --config-file ${cfg}`] : []),
      ...(plan.podIdentity ? plan.workloadRoles.map((r) => podIdentityCommand(plan, r)) : []),
      ...(plan.workloadRoles.length && !plan.podIdentity && !fullyPrivate ? [`eksctl create iamserviceaccount --config-file ${cfg} --approve`] : []),
    ],
  });
  if (fullyPrivate && net.privateChecklist) {
    // AWS APIs stay public: these run from your own machine, as everything before them did.
    const missing = net.privateChecklist.endpoints.filter((e) => !e.eksctl);
    steps.push({
      title: 'Create the VPC endpoints eksctl does not create',
      why: `The nodes have no internet access. eksctl created the endpoints they need to join; these serve ${missing.map((e) => e.service).join(', ')} (see "Private API endpoint" below). Each is an interface endpoint with private DNS in the private subnets, open to the cluster security group; an endpoint that exists already is left alone.`,
      commands: [
        describeClusterVpc({ region, name }),
        `CLUSTER_SECURITY_GROUP_ID="$(aws eks describe-cluster --region ${sh(region)} --name ${sh(name)} --query cluster.resourcesVpcConfig.clusterSecurityGroupId --output text)"`,
        `PRIVATE_SUBNETS="$(aws ec2 describe-subnets --region ${sh(region)} --filters Name=vpc-id,Values="$VPC_ID" Name=tag:kubernetes.io/role/internal-elb,Values=1 --query 'Subnets[].SubnetId' --output text)"`,
        ...missing.map((e) => endpointCommand(region, e.service)),
      ],
    });
    steps.push({
      title: 'Reach the private API endpoint through a node',
      why: "The API endpoint is private now. A Session Manager session to one of the nodes forwards local port 8443 to it (the nodes reach it already), and kubectl talks to that port with the endpoint's own name for TLS. Needs the Session Manager plugin for the AWS CLI. Leave the session running while you work; run this step again in a new shell.",
      commands: [
        `aws eks update-kubeconfig --region ${sh(region)} --name ${sh(name)}`,
        `ENDPOINT_HOST="$(aws eks describe-cluster --region ${sh(region)} --name ${sh(name)} --query cluster.endpoint --output text)"; ENDPOINT_HOST="\${ENDPOINT_HOST#https://}"`,
        `NODE_ID="$(aws ec2 describe-instances --region ${sh(region)} --filters ${sh(`Name=tag:kubernetes.io/cluster/${name},Values=owned`)} Name=instance-state-name,Values=running --query 'Reservations[0].Instances[0].InstanceId' --output text)"`,
        `aws ssm start-session --region ${sh(region)} --target "$NODE_ID" --document-name AWS-StartPortForwardingSessionToRemoteHost --parameters "host=$ENDPOINT_HOST,portNumber=443,localPortNumber=8443" >/dev/null &`,
        `kubectl config set-cluster "$(kubectl config view --minify -o jsonpath='{.clusters[0].name}')" --server=https://127.0.0.1:8443 --tls-server-name="$ENDPOINT_HOST"`,
        "timeout 120 sh -c 'until kubectl get --raw /readyz >/dev/null 2>&1; do sleep 2; done'",
      ],
    });
  } else {
    steps.push({
      title: 'Point kubectl at the cluster',
      why: creatorOnly
        ? 'Until the endpoint is made private (the last cluster step), the public endpoint answers only CREATOR_CIDR; afterwards use a host inside the VPC (a bastion, SSM session or VPN).'
        : 'The public endpoint answers only the CIDRs in publicAccessCidrs.',
      commands: [`aws eks update-kubeconfig --region ${sh(region)} --name ${sh(name)}`],
    });
  }
  const idp = plan.access.identityProvider;
  if (idp) {
    steps.push({
      title: 'Associate the OIDC identity provider',
      why: `eksctl associates it as it creates the cluster; this finds that association, or makes it after a creation that stopped part way (--wait returns once it is active). EKS then accepts ID tokens from ${idp.issuerURL} issued for client ${idp.clientID}; the last command shows its status, which is ACTIVE a few minutes after creation.`,
      commands: [
        // A second run finds the association and leaves it.
        `aws eks describe-identity-provider-config --region ${sh(region)} --cluster-name ${sh(name)} --identity-provider-config type=oidc,name=${sh(idp.name)} >/dev/null 2>&1 || eksctl associate identityprovider --config-file ${cfg} --wait`,
        `eksctl get identityprovider --cluster ${sh(name)} --region ${sh(region)}`,
      ],
    });
  }
  if (deferNodes) {
    steps.push({
      title: 'Create the ENIConfigs',
      why: `Custom networking: each node takes its pods' addresses from the ENIConfig named after its availability zone (${net.eniConfigs.map((e) => `${e.name}: ${e.subnet}`).join(', ')}). The vpc-cni add-on brings the ENIConfig kind.`,
      commands: [
        `aws eks wait addon-active --region ${sh(region)} --cluster-name ${sh(name)} --addon-name vpc-cni`,
        'kubectl apply -f k8s/network/eniconfigs.yaml',
      ],
    });
    steps.push({
      title: 'Create the node groups',
      why: `Now the nodes start with custom networking in place${plan.maxPodsPerNode ? `, each taking at most ${plan.maxPodsPerNode} pods (maxPodsPerNode)` : ''}.`,
      commands: [`eksctl create nodegroup --config-file ${cfg}`],
    });
  }
  if (plan.gitops.enabled) steps.push(registerStep(plan.gitops, plan.answers, plan.helmReleases));
  steps.push(...(own.afterCluster ?? []));
  steps.push(...plan.addonSteps);
  const app = plan.app;
  const sgp = net.securityGroupPolicy;
  if (sgp) {
    const vars = sgp.variables.map((v) => `\${${v}}`).join(' ');
    const ipv6 = net.ipv6;
    steps.push({
      title: `Give the ${app.name} pods their security group`,
      why: `A security group of their own for ${app.name}'s pods, open on port ${app.port} to the VPC (the load balancer and the kubelet's probes); CoreDNS, in the cluster security group, lets it in on port 53. The SecurityGroupPolicy must exist before the pods start. To use a group you already have, export POD_SECURITY_GROUP_ID=sg-... instead of creating one.`,
      commands: [
        describeClusterVpc({ region, name }),
        ipv6
          ? `VPC_IPV6_CIDR="$(aws ec2 describe-vpcs --region ${sh(region)} --vpc-ids "$VPC_ID" --query 'Vpcs[0].Ipv6CidrBlockAssociationSet[0].Ipv6CidrBlock' --output text)"`
          : `VPC_CIDR="$(aws ec2 describe-vpcs --region ${sh(region)} --vpc-ids "$VPC_ID" --query 'Vpcs[0].CidrBlock' --output text)"`,
        `export CLUSTER_SECURITY_GROUP_ID="$(aws eks describe-cluster --region ${sh(region)} --name ${sh(name)} --query cluster.resourcesVpcConfig.clusterSecurityGroupId --output text)"`,
        ...securityGroup({
          variable: 'POD_SECURITY_GROUP_ID',
          exported: true,
          region,
          name: `${name}-${app.name}-pods`,
          description: `Pods of ${app.name} in EKS cluster ${name}`,
        }),
        allowIngress({
          region,
          group: '"$POD_SECURITY_GROUP_ID"',
          protocol: 'tcp',
          port: String(app.port),
          from: ipv6 ? { ipv6: '"$VPC_IPV6_CIDR"' } : { cidr: '"$VPC_CIDR"' },
        }),
        ...(['udp', 'tcp'] as const).map((protocol) =>
          allowIngress({ region, group: '"$CLUSTER_SECURITY_GROUP_ID"', protocol, port: '53', from: { group: '"$POD_SECURITY_GROUP_ID"' } }),
        ),
        `kubectl apply -f k8s/${app.name}/00-namespace.yaml`,
        `envsubst '${vars}' < ${sgpFile(app.name)} | kubectl apply -f -`,
      ],
    });
  }
  steps.push(...certificateSteps(plan), ...ecrSteps(plan, plan.delivery), ...ciSteps(plan, plan.delivery, plan.app.namespace), deployStep(plan));
  steps.push(...plan.storage.steps);
  // A fully private cluster: eksctl turned public access off itself at the end of creation.
  if (creatorOnly && !fullyPrivate) {
    steps.push({
      title: 'Make the API endpoint private',
      why: 'The cluster is built; from now on only hosts inside the VPC (or connected to it) reach the Kubernetes API, as the answers asked.',
      commands: [`eksctl utils update-cluster-vpc-config --cluster ${sh(name)} --region ${sh(region)} --private-access=true --public-access=false --approve`],
    });
  }
  return selfContained(steps, shellDefinitions(plan));
}

/** The TLS certificate the answers request, before anything uses it. */
export function certificateSteps(plan: Plan): Step[] {
  const edge = plan.network.edge;
  return edge?.tls?.requested ? [certificateStep(plan, edge.tls.requested, edge.tls.hostedZoneId)] : [];
}

/** Applies the application's manifests, waits for the rollout, and for its load balancer and DNS name. */
export function deployStep(plan: Plan): Step {
  const { region, name } = plan.answers;
  const net = plan.network;
  const app = plan.app;
  const edge = net.edge;
  const parts = ['the ServiceAccount', 'Deployment', 'Service'];
  if (net.networkPolicy) parts.unshift('its NetworkPolicies');
  if (net.ingress) parts.push('Ingress');
  // In the order of the files' numbers: 40 the smoke test, 50 the budget.
  if (app.smokeTest) parts.push('a smoke-test Job that calls the Service once');
  if (plan.addonFiles.some((f) => f.path.endsWith('-pdb.yaml'))) parts.push('PodDisruptionBudget');
  const list = parts.length > 1 ? `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}` : parts[0];
  const lb = net.ingress ? `ingress/${app.name}` : net.service.type === 'LoadBalancer' ? `service/${app.name}` : undefined;
  return {
    workload: app.name,
    title: `Deploy ${app.name}`,
    why:
      (plan.gitops.enabled
        ? `Argo CD syncs k8s/${app.name}/ from ${plan.gitops.repoUrl}: the Namespace, then ${list}.`
        : `Namespace first, then ${list} (the files are numbered in that order).`) +
      (app.smokeTest ? ' Fargate starts each pod in its own micro-VM, so the first rollout takes a minute or two.' : '') +
      (lb ? ` The load balancer (${net.lbScheme}) takes a few minutes; the step waits for its name, then shows it.` : ''),
    commands: [
      ...(edge?.templateFile
        ? [
            issuedCertificateExport(plan, edge.tls!.requested!),
            `[ "$CERTIFICATE_ARN" != None ] || { echo "No issued certificate for ${edge.tls!.requested!} yet: run the certificate step first"; false; }`,
          ]
        : []),
      ...(net.lbPolicyFile
        ? [
            describeClusterVpc({ region, name }),
            net.lbPolicyVariable === 'VPC_CIDR'
              ? `export VPC_CIDR="$(aws ec2 describe-vpcs --region ${sh(region)} --vpc-ids "$VPC_ID" --query 'Vpcs[0].CidrBlock' --output text)"`
              : `export VPC_IPV6_CIDR="$(aws ec2 describe-vpcs --region ${sh(region)} --vpc-ids "$VPC_ID" --query 'Vpcs[0].Ipv6CidrBlockAssociationSet[0].Ipv6CidrBlock' --output text)"`,
          ]
        : []),
      ...(plan.gitops.enabled ? gitopsDeployCommands(app) : [`kubectl apply -f k8s/${app.name}/`]),
      ...(net.lbPolicyFile ? [`envsubst '\${${net.lbPolicyVariable}}' < ${net.lbPolicyFile} | kubectl apply -f -`] : []),
      ...(edge?.templateFile ? [`envsubst '\${CERTIFICATE_ARN}' < ${edge.templateFile} | kubectl apply -f -`] : []),
      `kubectl -n ${sh(app.namespace)} rollout status deployment/${sh(app.name)}`,
      ...(app.smokeTest ? [`kubectl -n ${sh(app.namespace)} wait --for=condition=complete job/${sh(`${app.name}-smoke-test`)} --timeout=180s`] : []),
      // The controller writes the load balancer's name once it exists: wait for it, then show it.
      ...(lb
        ? [
            `for i in $(seq 60); do [ -n "$(kubectl -n ${sh(app.namespace)} get ${lb} -o jsonpath='{.status.loadBalancer.ingress[0].hostname}')" ] && break; sleep 10; done`,
            `kubectl -n ${sh(app.namespace)} get ${lb}`,
          ]
        : []),
      // external-dns writes the record once the load balancer has its name. Route 53 itself is asked,
      // not a resolver: a resolver caches "no such name" longer than the wait, and a private zone answers inside the VPC only.
      ...(edge?.hostname && edge.externalDns ? dnsRecordWait(region, edge.hostname, edge.dnsZones) : []),
    ],
  };
}

/** An interface endpoint for a service, created only if the VPC has none; its name is looked up, as China prefixes some. */
function endpointCommand(region: string, service: string): string {
  const lookup = endpointServiceLookup(region, service);
  const exists = `aws ec2 describe-vpc-endpoints --region ${sh(region)} --filters Name=vpc-id,Values="$VPC_ID" Name=service-name,Values="$SERVICE" --query 'VpcEndpoints[0].VpcEndpointId' --output text | grep -q vpce-`;
  return `SERVICE="$(${lookup})"; ${exists} || aws ec2 create-vpc-endpoint --region ${sh(region)} --vpc-id "$VPC_ID" --vpc-endpoint-type Interface --service-name "$SERVICE" --subnet-ids $PRIVATE_SUBNETS --security-group-ids "$CLUSTER_SECURITY_GROUP_ID" --private-dns-enabled`;
}

/** Operations for later, written after the apply steps. */
export function maintenanceSteps(plan: Plan): Step[] {
  const { name, region } = plan.answers;
  const out: Step[] = [];
  out.push(...(COMPUTE_MODULES[plan.compute.type].steps?.(plan).maintenance ?? []));
  if (plan.access.configMap) {
    out.push({
      title: 'Move from the aws-auth ConfigMap to access entries',
      why: 'EKS has deprecated the aws-auth ConfigMap. This creates an access entry for every role and user mapped in aws-auth, then switches the cluster to access entries only (authenticationMode API); set access: access-entries in .eks-app.json afterwards.',
      commands: [`eksctl utils migrate-to-access-entry --cluster ${sh(name)} --region ${sh(region)} --target-authentication-mode API --approve`],
    });
  }
  return selfContained(out, shellDefinitions(plan));
}
