// How a workload is delivered (its ECR repository and CI workflow), and the service project: one
// workload onto a cluster that already exists. A service project reads what it relies on from the
// live cluster first, and each of those facts is checked by a command that fails with the fix.
import { ciRoleName } from '../domains/service.ts';
import { edgeTeardown } from './teardown.ts';
import { shellWord } from '../render/escape.ts';
import type { Answers } from '../answers/types.ts';
import type { AwsContext, PolicyDocument } from './iam.ts';
import type { Plan, PlannedFile } from './resolve.ts';
import { LBC } from '../data/network.ts';
import { DNS_SUFFIX } from '../data/regions.ts';
import type { Step } from './steps.ts';
import { TOOL_NAME, TOOL_VERSION } from '../version.ts';

const sh = shellWord;

/** The GitHub Actions this workflow uses, each at a major version tag (docs/facts.md). */
export const GITHUB_ACTIONS = {
  checkout: 'actions/checkout@v4',
  credentials: 'aws-actions/configure-aws-credentials@v4',
  ecrLogin: 'aws-actions/amazon-ecr-login@v2',
} as const;

const GITHUB_ISSUER = 'token.actions.githubusercontent.com';
// IAM now trusts GitHub's provider through its own CA store and ignores these, but AWS CLI v2
// releases before the thumbprint became optional refuse the command without them (docs/facts.md).
const GITHUB_THUMBPRINTS = ['6938fd4d98bab03faadb97b34396831e3780aea1', '1c58a3a8518e8759bf075b76b750d4f2df264fcd'];

/** Untagged images go after this many days; at most this many images are kept. */
export const ECR_LIFECYCLE = { untaggedDays: 14, keepImages: 100 } as const;

export interface CiRole {
  name: string;
  arn: string;
  trust: PolicyDocument;
  policy: PolicyDocument;
}

/** A workload's delivery: its image repository and the workflow that deploys it. */
export interface DeliveryPlan {
  ecr?: { repository: string; arn: string; uri: string; lifecycleFile: string; lifecycle: Record<string, unknown> };
  ci?: {
    role: CiRole;
    workflowFile: string;
    repository: string;
    branch: string;
    /** The workload's manifests the workflow applies: all but the Namespace (cluster-scoped) and the apply-time files. */
    applyFiles: string[];
    /** The workflow's name, its job's environment, and its steps in order. */
    name: string;
    env: { key: string; value: string }[];
    steps: WorkflowStep[];
  };
}

export interface WorkflowStep {
  name: string;
  uses?: string;
  with?: { key: string; value: string }[];
  run?: string;
}

const ecrHost = (aws: AwsContext) => `${aws.account}.dkr.ecr.${aws.region}.${DNS_SUFFIX[aws.partition as keyof typeof DNS_SUFFIX]}`;

function lifecyclePolicy(): Record<string, unknown> {
  // ECR evaluates rules by rulePriority; a rule for tagStatus any must come last.
  return {
    rules: [
      {
        rulePriority: 1,
        description: `Expire untagged images after ${ECR_LIFECYCLE.untaggedDays} days`,
        selection: { tagStatus: 'untagged', countType: 'sinceImagePushed', countUnit: 'days', countNumber: ECR_LIFECYCLE.untaggedDays },
        action: { type: 'expire' },
      },
      {
        rulePriority: 2,
        description: `Keep the newest ${ECR_LIFECYCLE.keepImages} images`,
        selection: { tagStatus: 'any', countType: 'imageCountMoreThan', countNumber: ECR_LIFECYCLE.keepImages },
        action: { type: 'expire' },
      },
    ],
  };
}

function ciRole(a: Answers, aws: AwsContext, repositoryArn: string): CiRole {
  const name = ciRoleName(a.name, a.app.name);
  return {
    name,
    arn: `arn:${aws.partition}:iam::${aws.account}:role/${name}`,
    trust: {
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'AllowGithubActionsWorkflow',
          Effect: 'Allow',
          Principal: { Federated: `arn:${aws.partition}:iam::${aws.account}:oidc-provider/${GITHUB_ISSUER}` },
          Action: 'sts:AssumeRoleWithWebIdentity',
          Condition: {
            StringEquals: {
              [`${GITHUB_ISSUER}:aud`]: 'sts.amazonaws.com',
              [`${GITHUB_ISSUER}:sub`]: `repo:${a.app.githubRepository}:ref:refs/heads/${a.app.githubBranch}`,
            },
          },
        },
      ],
    },
    policy: {
      Version: '2012-10-17',
      Statement: [
        // GetAuthorizationToken signs in to the registry, not a repository: IAM accepts only "*" for it.
        { Sid: 'EcrSignIn', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
        {
          Sid: 'EcrPushOwnRepository',
          Effect: 'Allow',
          Action: [
            'ecr:BatchCheckLayerAvailability',
            'ecr:BatchGetImage',
            'ecr:CompleteLayerUpload',
            'ecr:GetDownloadUrlForLayer',
            'ecr:InitiateLayerUpload',
            'ecr:PutImage',
            'ecr:UploadLayerPart',
          ],
          Resource: repositoryArn,
        },
        {
          Sid: 'FindTheCluster',
          Effect: 'Allow',
          Action: 'eks:DescribeCluster',
          Resource: `arn:${aws.partition}:eks:${aws.region}:${aws.account}:cluster/${a.name}`,
        },
      ],
    },
  };
}

/** The workload's ECR repository and CI workflow, as its answers ask. */
export function planDelivery(a: Answers, aws: AwsContext, k8sFiles: PlannedFile[]): DeliveryPlan {
  const app = a.app;
  const out: DeliveryPlan = {};
  const arn = `arn:${aws.partition}:ecr:${aws.region}:${aws.account}:repository/${app.name}`;
  const uri = `${ecrHost(aws)}/${app.name}`;
  if (app.ecr)
    out.ecr = {
      repository: app.name,
      arn,
      uri,
      lifecycleFile: `ecr/${app.name}.lifecycle-policy.json`,
      lifecycle: lifecyclePolicy(),
    };
  if (app.ci === 'github-actions') {
    const role = ciRole(a, aws, arn);
    const applyFiles = k8sFiles.filter((f) => !f.variables?.length && !f.template.endsWith('namespace.yaml.hbs')).map((f) => f.path);
    const deployment = `k8s/${app.name}/20-deployment.yaml`;
    out.ci = {
      role,
      workflowFile: `.github/workflows/${app.name}.yaml`,
      repository: app.githubRepository,
      branch: app.githubBranch,
      applyFiles,
      name: `deploy-${app.name}`,
      // github.sha is known for the whole job: each commit's image gets its own immutable tag.
      env: [{ key: 'IMAGE', value: `${uri}:\${{ github.sha }}` }],
      steps: [
        { name: 'Check out', uses: GITHUB_ACTIONS.checkout },
        {
          name: 'Check for a Dockerfile',
          run: `test -f Dockerfile || { echo "::error::${app.name} is built from ./Dockerfile, which the repository does not have"; exit 1; }`,
        },
        {
          name: 'Sign in to AWS',
          uses: GITHUB_ACTIONS.credentials,
          with: [
            { key: 'role-to-assume', value: role.arn },
            { key: 'aws-region', value: aws.region },
          ],
        },
        { name: 'Sign in to ECR', uses: GITHUB_ACTIONS.ecrLogin },
        { name: 'Build the image', run: 'docker build --tag "$IMAGE" .' },
        { name: 'Push the image', run: 'docker push "$IMAGE"' },
        // Offline: no kubeconfig yet, so validate checks the files as they will be applied, without the cluster.
        {
          name: 'Use the new image',
          run: `kubectl set image --local --filename ${deployment} ${app.name}="$IMAGE" --output yaml > "$RUNNER_TEMP/deployment.yaml" && mv "$RUNNER_TEMP/deployment.yaml" ${deployment}`,
        },
        { name: 'Validate the project', run: `npx --yes ${TOOL_NAME}@${TOOL_VERSION} validate .` },
        { name: 'Point kubectl at the cluster', run: `aws eks update-kubeconfig --region ${aws.region} --name ${a.name}` },
        { name: `Deploy ${app.name}`, run: `kubectl apply ${applyFiles.map((f) => `--filename ${f}`).join(' ')}` },
        { name: 'Wait for the rollout', run: `kubectl --namespace ${app.namespace} rollout status deployment/${app.name} --timeout=300s` },
      ],
    };
  }
  return out;
}

/** The files of a workload's delivery. */
export function deliveryFiles(d: DeliveryPlan, workload: string): PlannedFile[] {
  const json = 'base/iam/document.json.hbs';
  const files: PlannedFile[] = [];
  if (d.ecr)
    files.push({
      path: d.ecr.lifecycleFile,
      template: json,
      format: 'json',
      purpose: `lifecycle policy of ECR repository ${d.ecr.repository}: untagged images expire after ${ECR_LIFECYCLE.untaggedDays} days, the newest ${ECR_LIFECYCLE.keepImages} images stay`,
      data: { document: d.ecr.lifecycle },
    });
  if (d.ci) {
    const r = d.ci.role;
    files.push(
      {
        path: `iam/${r.name}-trust.json`,
        template: json,
        format: 'json',
        purpose: `trust policy of IAM role ${r.name}: GitHub Actions in ${d.ci.repository} on branch ${d.ci.branch} only`,
        data: { document: r.trust },
      },
      {
        path: `iam/${r.name}-policy.json`,
        template: json,
        format: 'json',
        purpose: `permissions of IAM role ${r.name}: push to ECR repository ${workload}, find the cluster`,
        data: { document: r.policy },
      },
      {
        path: d.ci.workflowFile,
        template: 'service/workflow.yaml.hbs',
        format: 'yaml',
        purpose: `GitHub Actions workflow: on a push to ${d.ci.branch}, build ${workload}'s image, push it to ECR, validate the project and deploy`,
        data: { delivery: d },
      },
    );
  }
  return files;
}

/** The wildcard the CI role keeps, said in the README's IAM section. */
export function deliveryWildcards(d: DeliveryPlan) {
  return d.ci
    ? [
        {
          file: `iam/${d.ci.role.name}-policy.json`,
          role: d.ci.role.name,
          sid: 'EcrSignIn',
          reason: 'ecr:GetAuthorizationToken signs in to the registry as a whole; IAM accepts only "*" for it',
        },
      ]
    : [];
}

/** Apply-time variables a role's documents hold: the account when it was left out, the cluster's OIDC id when it is read then. */
export function documentVariables(plan: Pick<Plan, 'accountPlaceholder' | 'irsa' | 'aws'>, federated: boolean): string[] {
  return [...(plan.accountPlaceholder ? ['AWS_ACCOUNT_ID'] : []), ...(federated && plan.irsa && !plan.aws.oidcIssuerHost ? ['OIDC_ID'] : [])];
}

/** Creates the role unless it exists, then sets its trust and permissions from the files (both can run again). */
export function roleCommands(
  role: { name: string },
  opts: { region: string; boundary?: string; managed?: string[]; tags: { key: string; value: string }[]; trustVariables: string[]; policyVariables: string[] },
): string[] {
  // IAM is global, but the CLI still wants a region (China and GovCloud have their own IAM endpoints).
  const iam = (op: string) => `aws iam ${op} --region ${sh(opts.region)}`;
  const doc = (kind: string, vars: string[]) =>
    vars.length ? `"$(envsubst '${vars.map((v) => `\${${v}}`).join(' ')}' < iam/${role.name}-${kind}.json)"` : `file://iam/${role.name}-${kind}.json`;
  const trust = doc('trust', opts.trustVariables);
  const tags = opts.tags.length ? ` --tags ${opts.tags.map((t) => sh(`Key=${t.key},Value=${t.value}`)).join(' ')}` : '';
  return [
    `${iam('get-role')} --role-name ${sh(role.name)} >/dev/null 2>&1 || ${iam('create-role')} --role-name ${sh(role.name)} --assume-role-policy-document ${trust}${opts.boundary ? ` --permissions-boundary ${sh(opts.boundary)}` : ''}${tags}`,
    `${iam('update-assume-role-policy')} --role-name ${sh(role.name)} --policy-document ${trust}`,
    `${iam('put-role-policy')} --role-name ${sh(role.name)} --policy-name ${sh(role.name)} --policy-document ${doc('policy', opts.policyVariables)}`,
    ...(opts.managed ?? []).map((arn) => `${iam('attach-role-policy')} --role-name ${sh(role.name)} --policy-arn ${sh(arn)}`),
  ];
}

/** The ECR repository, created once with immutable tags and scan on push; its lifecycle policy is put every run. */
export function ecrSteps(plan: Plan, d: DeliveryPlan): Step[] {
  if (!d.ecr) return [];
  const r = sh(plan.answers.region);
  const name = sh(d.ecr.repository);
  const tags = plan.tagList.length ? ` --tags ${plan.tagList.map((t) => sh(`Key=${t.key},Value=${t.value}`)).join(' ')}` : '';
  return [
    {
      workload: plan.app.name,
      title: `Create the ECR repository ${d.ecr.repository}`,
      why: `Tags are immutable, so a tag always names the same image, and every pushed image is scanned. The lifecycle policy expires untagged images after ${ECR_LIFECYCLE.untaggedDays} days and keeps the newest ${ECR_LIFECYCLE.keepImages}.`,
      commands: [
        `aws ecr describe-repositories --region ${r} --repository-names ${name} >/dev/null 2>&1 || aws ecr create-repository --region ${r} --repository-name ${name} --image-tag-mutability IMMUTABLE --image-scanning-configuration scanOnPush=true${tags}`,
        `aws ecr put-lifecycle-policy --region ${r} --repository-name ${name} --lifecycle-policy-text file://${d.ecr.lifecycleFile}`,
      ],
    },
  ];
}

/** GitHub's OIDC provider in the account (one per account, shared), the CI role, and its access to the namespace only. */
export function ciSteps(plan: Plan, d: DeliveryPlan, namespace: string): Step[] {
  if (!d.ci) return [];
  const { name, region } = plan.answers;
  const r = sh(region);
  const role = d.ci.role;
  const provider = `arn:${plan.aws.partition}:iam::${plan.aws.account}:oidc-provider/${GITHUB_ISSUER}`;
  return [
    {
      workload: plan.app.name,
      title: `Let GitHub Actions deploy ${plan.app.name}`,
      why: `The workflow signs in through GitHub's OIDC provider (one per account; a second run finds it), as role ${role.name}, which trusts only ${d.ci.repository} on branch ${d.ci.branch}. An access entry lets the role change namespace ${namespace} and nothing else in the cluster (AmazonEKSEditPolicy, scoped to the namespace).`,
      commands: [
        `aws iam get-open-id-connect-provider --region ${r} --open-id-connect-provider-arn "${provider}" >/dev/null 2>&1 || aws iam create-open-id-connect-provider --region ${r} --url https://${GITHUB_ISSUER} --client-id-list sts.amazonaws.com --thumbprint-list ${GITHUB_THUMBPRINTS.join(' ')}`,
        ...roleCommands(role, { region, boundary: plan.permissionsBoundary, tags: plan.tagList, trustVariables: [], policyVariables: [] }),
        `aws eks describe-access-entry --region ${r} --cluster-name ${sh(name)} --principal-arn "${role.arn}" >/dev/null 2>&1 || aws eks create-access-entry --region ${r} --cluster-name ${sh(name)} --principal-arn "${role.arn}"`,
        `aws eks list-associated-access-policies --region ${r} --cluster-name ${sh(name)} --principal-arn "${role.arn}" --query 'associatedAccessPolicies[].policyArn' --output text | grep -q AmazonEKSEditPolicy || aws eks associate-access-policy --region ${r} --cluster-name ${sh(name)} --principal-arn "${role.arn}" --policy-arn arn:${plan.aws.partition}:eks::aws:cluster-access-policy/AmazonEKSEditPolicy --access-scope type=namespace,namespaces=${sh(namespace)}`,
      ],
    },
  ];
}

/** The Kubernetes API versions the workload's manifests use. */
function apisUsed(plan: Plan): string[] {
  const out = ['v1', 'apps/v1'];
  if (plan.files.some((f) => f.path.endsWith('-pdb.yaml'))) out.push('policy/v1');
  if (plan.app.autoscaled) out.push('autoscaling/v2');
  if (plan.network.ingress || plan.network.networkPolicy) out.push('networking.k8s.io/v1');
  return out;
}

const fail = (message: string) => `{ echo ${sh(message)} >&2; false; }`;

/** What the service relies on, read from the live cluster, each checked by a command that fails with the fix. */
function discoverySteps(plan: Plan): Step[] {
  const a = plan.answers;
  const { name, region } = a;
  const r = sh(region);
  const c = sh(name);
  const describe = (query: string) => `aws eks describe-cluster --region ${r} --name ${c} --query ${query} --output text`;
  const checks: string[] = [
    `STATUS="$(${describe('cluster.status')})" || ${fail(`Cannot read cluster ${name} in ${region}: check the name and region (aws eks list-clusters --region ${region}) and your credentials`)}`,
    `[ "$STATUS" = ACTIVE ] || ${fail(`Cluster ${name} is not ACTIVE; wait until it is`)}`,
    `aws eks update-kubeconfig --region ${r} --name ${c}`,
    // validate checked the manifests against the answers' version; a cluster on another one is said, not refused.
    `VERSION="$(${describe('cluster.version')})"; [ "$VERSION" = ${sh(a.kubernetesVersion)} ] || echo "Note: ${name} runs Kubernetes $VERSION and validate checked for ${a.kubernetesVersion}: run ${TOOL_NAME} update --answer kubernetesVersion=$VERSION"`,
    `for API in ${apisUsed(plan).join(' ')}; do kubectl api-versions | grep -qx "$API" || { echo "The cluster does not serve $API, which the manifests use" >&2; false; }; done`,
  ];
  if (plan.podIdentity)
    checks.push(
      `aws eks describe-addon --region ${r} --cluster-name ${c} --addon-name eks-pod-identity-agent >/dev/null 2>&1 || [ "$(${describe('cluster.computeConfig.enabled')})" = True ] || ${fail(`EKS Pod Identity needs its agent on ${name}: aws eks create-addon --region ${region} --cluster-name ${name} --addon-name eks-pod-identity-agent, or use --identity irsa`)}`,
    );
  else {
    checks.push(`ISSUER="$(${describe('cluster.identity.oidc.issuer')})"`);
    if (a.clusterOidcIssuer)
      checks.push(
        `[ "$ISSUER" = ${sh(a.clusterOidcIssuer)} ] || ${fail(`The cluster's OIDC issuer is not the --cluster-oidc-issuer this project was made with; run ${TOOL_NAME} update --answer clusterOidcIssuer=<the issuer>`)}`,
      );
    checks.push(
      `aws iam list-open-id-connect-providers --region ${r} --query "OpenIDConnectProviderList[?ends_with(Arn, '/\${ISSUER#https://}')].Arn" --output text | grep -q oidc-provider || ${fail(`IRSA needs an IAM OIDC provider for the cluster's issuer: eksctl utils associate-iam-oidc-provider --cluster ${name} --region ${region} --approve`)}`,
    );
  }
  if (a.app.ci === 'github-actions')
    checks.push(
      `${describe('cluster.accessConfig.authenticationMode')} | grep -q API || ${fail(`The CI role reaches the cluster through an access entry, and ${name} takes only the aws-auth ConfigMap: switch it to API_AND_CONFIG_MAP (aws eks update-cluster-config --access-config authenticationMode=API_AND_CONFIG_MAP)`)}`,
    );
  if (plan.network.ingress)
    checks.push(
      `[ "$(kubectl get ingressclass ${sh(a.ingressClass)} -o jsonpath='{.spec.controller}')" = ${LBC.ingressController} ] || ${fail(`IngressClass ${a.ingressClass} is missing or not the AWS Load Balancer Controller's (${LBC.ingressController}), which reads this Ingress's annotations: kubectl get ingressclass`)}`,
    );
  if (plan.network.service.type === 'LoadBalancer')
    checks.push(
      `kubectl get crd targetgroupbindings.elbv2.k8s.aws >/dev/null 2>&1 || ${fail(`The NLB Service needs the AWS Load Balancer Controller, which is not installed on ${name} (no TargetGroupBinding resource)`)}`,
    );
  if (plan.network.ingress || plan.network.service.type === 'LoadBalancer') {
    const tag = plan.network.lbScheme === 'internet-facing' ? 'kubernetes.io/role/elb' : 'kubernetes.io/role/internal-elb';
    checks.push(
      `VPC_ID="$(${describe('cluster.resourcesVpcConfig.vpcId')})"`,
      `[ "$(aws ec2 describe-subnets --region ${r} --filters Name=vpc-id,Values="$VPC_ID" Name=tag:${tag},Values=1 --query 'length(Subnets)' --output text)" != 0 ] || echo ${sh(`Note: no subnet of the cluster's VPC is tagged ${tag}=1; the AWS Load Balancer Controller 2.12.1 or later then picks subnets by reachability, earlier releases find none`)}`,
    );
  }
  if (plan.network.networkPolicy)
    checks.push(
      `kubectl -n kube-system get daemonset aws-node -o jsonpath='{.spec.template.spec.containers[?(@.name=="aws-network-policy-agent")].args}' | grep -q -- --enable-network-policy=true || ${fail(`The NetworkPolicies would not be enforced: the VPC CNI of ${name} runs without network policy (set enableNetworkPolicy in the vpc-cni add-on), or use --network-policy false`)}`,
    );
  if (plan.app.autoscaled)
    checks.push(
      `[ "$(kubectl get apiservice v1beta1.metrics.k8s.io -o jsonpath='{.status.conditions[?(@.type=="Available")].status}')" = True ] || ${fail(`The HorizontalPodAutoscaler reads CPU from the metrics API, which nothing serves on ${name}: aws eks create-addon --region ${region} --cluster-name ${name} --addon-name metrics-server`)}`,
    );
  return [
    {
      title: `Read what ${plan.app.name} needs from cluster ${name}`,
      why: "The cluster belongs to someone else, so nothing about it is assumed: this prints its Kubernetes version, OIDC issuer, VPC, subnets and authentication mode, and the add-ons installed, for you to compare with the project's answers.",
      commands: [
        `aws eks describe-cluster --region ${r} --name ${c} --query '{version: cluster.version, oidcIssuer: cluster.identity.oidc.issuer, vpc: cluster.resourcesVpcConfig.vpcId, subnets: join(\`,\`, cluster.resourcesVpcConfig.subnetIds), authenticationMode: cluster.accessConfig.authenticationMode}' --output table`,
        `aws eks list-addons --region ${r} --cluster-name ${c} --output table`,
      ],
    },
    {
      title: `Check that ${name} has what ${plan.app.name} relies on`,
      why: 'Each command checks one fact the manifests, role or workflow rely on, and stops with the fix when it does not hold.',
      commands: checks,
    },
  ];
}

/** The steps of a service project, in the order they run. */
export function serviceSteps(plan: Plan, d: DeliveryPlan, certificate: Step[], deploy: Step): Step[] {
  const a = plan.answers;
  const app = plan.app;
  const role = app.role;
  const steps: Step[] = [...discoverySteps(plan), ...ecrSteps(plan, d)];
  if (!role.existing)
    steps.push({
      workload: app.name,
      title: `Create the IAM role ${role.name}`,
      why: `The role ${app.name}'s pods run as. ${plan.podIdentity ? 'It trusts EKS Pod Identity (pods.eks.amazonaws.com).' : `It trusts the cluster's OIDC issuer for ServiceAccount ${app.namespace}/${app.serviceAccount} only.`} Its permissions are in iam/${role.name}-policy.json.`,
      commands: roleCommands(role, {
        region: a.region,
        boundary: plan.permissionsBoundary,
        managed: role.managedPolicyArns,
        tags: plan.tagList,
        trustVariables: documentVariables(plan, true),
        policyVariables: documentVariables(plan, false),
      }),
    });
  if (plan.podIdentity) {
    const r = sh(a.region);
    const where = `--region ${r} --cluster-name ${sh(a.name)} --namespace ${sh(app.namespace)} --service-account ${sh(app.serviceAccount)}`;
    steps.push({
      workload: app.name,
      title: `Bind the role to ${app.namespace}/${app.serviceAccount}`,
      why: 'A Pod Identity association gives the ServiceAccount the role; a second run finds it.',
      commands: [
        `ASSOCIATION="$(aws eks list-pod-identity-associations ${where} --query 'associations[0].associationId' --output text)" && { [ "$ASSOCIATION" != None ] || aws eks create-pod-identity-association ${where} --role-arn "${role.arn}"; }`,
      ],
    });
  }
  steps.push(...certificate, ...ciSteps(plan, d, app.namespace), deploy);
  return steps;
}

/** Deletes the roles, their inline and managed policies first, as IAM requires; a role already gone is skipped. */
function deleteRolesStep(region: string, roles: string[]): Step[] {
  const r = sh(region);
  return roles.length
    ? [
        {
          title: 'Delete the IAM roles',
          why: `${roles.join(' and ')}: their inline and managed policies first, as IAM requires.`,
          commands: roles.map(
            (n) =>
              `if aws iam get-role --region ${r} --role-name ${sh(n)} >/dev/null 2>&1; then ! aws iam get-role-policy --region ${r} --role-name ${sh(n)} --policy-name ${sh(n)} >/dev/null 2>&1 || aws iam delete-role-policy --region ${r} --role-name ${sh(n)} --policy-name ${sh(n)}; for POLICY_ARN in $(aws iam list-attached-role-policies --region ${r} --role-name ${sh(n)} --query 'AttachedPolicies[].PolicyArn' --output text); do aws iam detach-role-policy --region ${r} --role-name ${sh(n)} --policy-arn "$POLICY_ARN"; done; aws iam delete-role --region ${r} --role-name ${sh(n)}; fi`,
          ),
        },
      ]
    : [];
}

/** The repository, unless it is gone; ECR refuses while images are left. */
function deleteEcrStep(region: string, d: DeliveryPlan): Step[] {
  if (!d.ecr) return [];
  const r = sh(region);
  return [
    {
      title: `Delete the ECR repository ${d.ecr.repository}`,
      why: 'Without --force, ECR refuses while images are left: delete them first if you mean to, or keep the repository.',
      commands: [
        `! aws ecr describe-repositories --region ${r} --repository-names ${sh(d.ecr.repository)} >/dev/null 2>&1 || aws ecr delete-repository --region ${r} --repository-name ${sh(d.ecr.repository)}`,
      ],
    },
  ];
}

/** In a cluster project the cluster's deletion takes the workload and its access entry: left are the CI role and the repository. */
export function deliveryTeardown(plan: Plan, d: DeliveryPlan): Step[] {
  return [...deleteRolesStep(plan.answers.region, d.ci ? [d.ci.role.name] : []), ...deleteEcrStep(plan.answers.region, d)];
}

/** Deleting what the service project made; the cluster and the shared GitHub OIDC provider stay. */
export function serviceTeardown(plan: Plan, d: DeliveryPlan): Step[] {
  const a = plan.answers;
  const r = sh(a.region);
  const c = sh(a.name);
  const app = plan.app;
  const steps: Step[] = [
    {
      title: `Delete ${app.name} from the cluster`,
      why: `Deleting the namespace deletes the workload and lets the load balancer controller remove its load balancer first.`,
      commands: [`kubectl delete namespace ${sh(app.namespace)} --ignore-not-found --wait=true`],
    },
    ...edgeTeardown(plan),
  ];
  const roles: string[] = [];
  if (plan.podIdentity)
    steps.push({
      title: 'Remove the Pod Identity association',
      why: 'It would otherwise stay on the cluster, pointing at a deleted role.',
      commands: [
        `ID="$(aws eks list-pod-identity-associations --region ${r} --cluster-name ${c} --namespace ${sh(app.namespace)} --service-account ${sh(app.serviceAccount)} --query 'associations[0].associationId' --output text)"`,
        `[ "$ID" = None ] || aws eks delete-pod-identity-association --region ${r} --cluster-name ${c} --association-id "$ID"`,
      ],
    });
  if (d.ci) {
    steps.push({
      title: 'Remove the CI access entry',
      why: 'The workflow can no longer reach the cluster.',
      commands: [
        `! aws eks describe-access-entry --region ${r} --cluster-name ${c} --principal-arn "${d.ci.role.arn}" >/dev/null 2>&1 || aws eks delete-access-entry --region ${r} --cluster-name ${c} --principal-arn "${d.ci.role.arn}"`,
      ],
    });
    roles.push(d.ci.role.name);
  }
  if (!app.role.existing) roles.push(app.role.name);
  steps.push(...deleteRolesStep(a.region, roles), ...deleteEcrStep(a.region, d));
  return steps;
}
