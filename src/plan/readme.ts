// The README's "Choices made for you, and why": each domain module composes its sentences from the
// plan, so the template only places them. Values are escaped by `md` and `code` (src/render/prose.ts).
import { EKSCTL } from '../data/versions.ts';
import { code, md, type Prose } from '../render/prose.ts';
import type { ReadmePlan } from '../domains/contract.ts';
import { COMPUTE_MODULES, README_ORDER, nodeGroup } from '../domains/index.ts';
import { fargateBesideNodes } from '../domains/compute/fargate.ts';

/** The "Private API endpoint" checklist, for a cluster whose API answers inside the VPC only. */
export function privateEndpointNotes(p: ReadmePlan): Prose[] {
  const full = p.network.fullyPrivate;
  const c = p.compute;
  return [
    full
      ? md`**Where to run the tools**: the AWS CLI and eksctl's AWS calls work from anywhere; kubectl and helm reach the API through the Session Manager tunnel of the step "Reach the private API endpoint through a node", or run on a host inside the VPC.`
      : md`**Where to run the tools**: kubectl, helm and eksctl must run from a host inside the VPC, or from a network connected to it (VPN, Direct Connect, a peered VPC) whose DNS resolves the endpoint.`,
    c.hasNodeGroups
      ? md`**How nodes join**: nodes reach the API server through the private endpoint; eksctl writes the endpoint and certificate authority into each node's bootstrap configuration (nodeadm \`NodeConfig\`), so nothing is to do unless you bring your own AMI.`
      : md`**How nodes join**: ${c.isFargate ? md`Fargate pods` : md`Auto Mode nodes`} reach the API server through the private endpoint; nothing is to do.`,
    full
      ? md`**Images**: nodes have no internet access, so every image must come from Amazon ECR in ${p.answers.region} (an ECR pull-through cache rule can mirror ECR Public, Quay or Docker Hub). EKS add-ons already do, which is why this project installs no Helm chart.`
      : md`**Images**: images from public registries need the NAT gateway; in subnets without one, pull from Amazon ECR in ${p.answers.region}.`,
    full
      ? md`**VPC endpoints**: the nodes have no internet route, so these must exist. eksctl creates those marked so; a README step creates the others.`
      : md`**VPC endpoints**: needed only if the private subnets have no route to the internet (no NAT gateway); with one, nodes reach these services through it. All interface endpoints need private DNS, and a security group that lets the nodes in on 443.`,
  ];
}

/** A service project's choices: its workload, identity, edge and delivery; the cluster's are its owner's. */
export function serviceReadmeChoices(p: ReadmePlan): Prose[] {
  const role = p.app.role;
  const identity = p.podIdentity
    ? md`**Workload identity: EKS Pod Identity.** A README step binds ServiceAccount ${code(`${p.app.namespace}/${p.app.serviceAccount}`)} to role ${code(role.name)} with a Pod Identity association; the role trusts \`pods.eks.amazonaws.com\`.`
    : md`**Workload identity: IRSA.** Role ${code(role.name)} trusts the cluster's OIDC issuer (${p.answers.clusterOidcIssuer ? code(p.answers.clusterOidcIssuer) : md`read from the cluster when applying, as \`\${OIDC_ID}\``}) for ${code(`system:serviceaccount:${p.app.namespace}:${p.app.serviceAccount}`)} only, with audience \`sts.amazonaws.com\`.`;
  const names = ['app', 'service', 'edge'];
  return [identity, ...README_ORDER.flatMap((d) => (d !== 'compute' && names.includes(d.id) ? (d.readme?.(p) ?? []) : []))];
}

/** The README's choices, each domain's sentences in README_ORDER. */
export function readmeChoices(p: ReadmePlan): Prose[] {
  const own = COMPUTE_MODULES[p.compute.type];
  // The compute type's own sentence, then a Windows group beside it, then Fargate profiles beside the nodes.
  const compute = [...own.readme(p), ...(nodeGroup.readme?.(p) ?? []), ...fargateBesideNodes(p)];
  return README_ORDER.flatMap((d) => (d === 'compute' ? compute : (d.readme?.(p) ?? [])));
}

/** The tools the README's commands run, with the versions they need; each only when a step runs it. */
export function prerequisites(p: ReadmePlan & { steps: { commands: string[] }[]; teardown: { commands: string[] }[] }): Prose[] {
  const text = [...p.steps, ...p.teardown].flatMap((s) => s.commands).join('\n');
  const uses = (re: RegExp) => re.test(text);
  const out: Prose[] = [
    // A command that runs eksctl, not a message that names it.
    ...(uses(/(^|[|&;]\s*)eksctl /m) ? [md`**eksctl ${EKSCTL.release.slice(1)} or later**: earlier releases refuse fields ${code('cluster.yaml')} uses.`] : []),
    md`**AWS CLI v2**, with credentials for the account and permission to create what the steps create.`,
    p.service
      ? md`**kubectl** within one minor version of the cluster's Kubernetes, and access to cluster ${code(p.answers.name)} that can create namespace ${code(p.app.namespace)}.`
      : md`**kubectl** within one minor version of Kubernetes ${p.answers.kubernetesVersion}.`,
  ];
  if (uses(/\bhelm /)) out.push(md`**Helm 3.8 or later** (OCI charts), or Helm 4.`);
  if (uses(/\benvsubst\b/)) out.push(md`**envsubst** (GNU gettext), which fills in values known only at apply time.`);
  if (uses(/\bopenssl\b/)) out.push(md`**openssl**, for a generated password.`);
  if (uses(/\bcurl\b/)) out.push(md`**curl**, to find your public address.`);
  if (uses(/\bgit ls-remote\b/)) out.push(md`**git**, with access to ${code(p.gitops.repoUrl)}.`);
  out.push(md`**bash**: the commands use its syntax; each section sets what it uses, so it also works in a new shell.`);
  return out;
}
