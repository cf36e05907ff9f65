// AWS Load Balancer Controller (Helm): ALBs for Ingress, NLBs for Services of type LoadBalancer.
// IAM: every action of the upstream iam_policy.json (chart 3.5.0) with its conditions, tightened from
// "tagged for some cluster" to "tagged for this cluster" and from any region/account to the project's.
import { HELM_CHARTS } from '../../src/data/versions.ts';
import { LBC } from '../../src/data/network.ts';
import { fullyPrivate } from '../../src/plan/network.ts';
import { allow, arn, helmChart, notOn, optionKey, policy, serviceAccountAnnotations } from './helpers.ts';
import type { AddonContext, AddonModule } from './types.ts';

const ID = 'aws-load-balancer-controller';
const SA = 'aws-load-balancer-controller';
const TAG = 'elbv2.k8s.aws/cluster';
const SCHEME = optionKey(ID, 'scheme');

function controllerPolicy(ctx: AddonContext) {
  const cluster = ctx.answers.name;
  const requestTagged = { StringEquals: { [`aws:RequestTag/${TAG}`]: cluster } };
  const resourceTagged = { StringEquals: { [`aws:ResourceTag/${TAG}`]: cluster } };
  // Changing tags of a resource this cluster owns, outside of its creation.
  const retag = { Null: { [`aws:RequestTag/${TAG}`]: 'true' }, StringEquals: { [`aws:ResourceTag/${TAG}`]: cluster } };
  const sg = arn(ctx, 'ec2', 'security-group/*');
  const elb = (r: string) => arn(ctx, 'elasticloadbalancing', r);
  const balancers = [elb('targetgroup/*/*'), elb('loadbalancer/net/*/*'), elb('loadbalancer/app/*/*')];
  return policy(
    allow('CreateElbServiceLinkedRole', ['iam:CreateServiceLinkedRole'], '*', { StringEquals: { 'iam:AWSServiceName': 'elasticloadbalancing.amazonaws.com' } }),
    allow(
      'Describe',
      [
        'ec2:DescribeAccountAttributes',
        'ec2:DescribeAddresses',
        'ec2:DescribeAvailabilityZones',
        'ec2:DescribeInternetGateways',
        'ec2:DescribeVpcs',
        'ec2:DescribeVpcPeeringConnections',
        'ec2:DescribeSubnets',
        'ec2:DescribeSecurityGroups',
        'ec2:DescribeInstances',
        'ec2:DescribeNetworkInterfaces',
        'ec2:DescribeTags',
        'ec2:GetCoipPoolUsage',
        'ec2:DescribeCoipPools',
        'ec2:GetSecurityGroupsForVpc',
        'ec2:DescribeIpamPools',
        'ec2:DescribeRouteTables',
        'elasticloadbalancing:DescribeLoadBalancers',
        'elasticloadbalancing:DescribeLoadBalancerAttributes',
        'elasticloadbalancing:DescribeListeners',
        'elasticloadbalancing:DescribeListenerCertificates',
        'elasticloadbalancing:DescribeSSLPolicies',
        'elasticloadbalancing:DescribeRules',
        'elasticloadbalancing:DescribeTargetGroups',
        'elasticloadbalancing:DescribeTargetGroupAttributes',
        'elasticloadbalancing:DescribeTargetHealth',
        'elasticloadbalancing:DescribeTags',
        'elasticloadbalancing:DescribeTrustStores',
        'elasticloadbalancing:DescribeListenerAttributes',
        'elasticloadbalancing:DescribeCapacityReservation',
      ],
      '*',
    ),
    // Certificates, WAF and Shield that Ingress annotations refer to.
    allow(
      'Integrations',
      [
        'cognito-idp:DescribeUserPoolClient',
        'acm:ListCertificates',
        'acm:DescribeCertificate',
        'iam:ListServerCertificates',
        'iam:GetServerCertificate',
        'waf-regional:GetWebACL',
        'waf-regional:GetWebACLForResource',
        'waf-regional:AssociateWebACL',
        'waf-regional:DisassociateWebACL',
        'wafv2:GetWebACL',
        'wafv2:GetWebACLForResource',
        'wafv2:AssociateWebACL',
        'wafv2:DisassociateWebACL',
        'shield:GetSubscriptionState',
        'shield:DescribeProtection',
        'shield:CreateProtection',
        'shield:DeleteProtection',
      ],
      '*',
    ),
    // Node security groups are not tagged by the controller, yet it opens them to its load balancers.
    allow('NodeSecurityGroupRules', ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress'], '*'),
    allow('CreateSecurityGroup', ['ec2:CreateSecurityGroup'], '*'),
    allow('TagNewSecurityGroup', ['ec2:CreateTags'], sg, { StringEquals: { 'ec2:CreateAction': 'CreateSecurityGroup', [`aws:RequestTag/${TAG}`]: cluster } }),
    allow('RetagOwnSecurityGroup', ['ec2:CreateTags', 'ec2:DeleteTags'], sg, retag),
    allow('ManageOwnSecurityGroup', ['ec2:AuthorizeSecurityGroupIngress', 'ec2:RevokeSecurityGroupIngress', 'ec2:DeleteSecurityGroup'], '*', resourceTagged),
    allow('CreateTaggedBalancers', ['elasticloadbalancing:CreateLoadBalancer', 'elasticloadbalancing:CreateTargetGroup'], '*', requestTagged),
    allow(
      'ListenersAndRules',
      ['elasticloadbalancing:CreateListener', 'elasticloadbalancing:DeleteListener', 'elasticloadbalancing:CreateRule', 'elasticloadbalancing:DeleteRule'],
      '*',
    ),
    allow('RetagOwnBalancers', ['elasticloadbalancing:AddTags', 'elasticloadbalancing:RemoveTags'], balancers, retag),
    allow(
      'TagListenersAndRules',
      ['elasticloadbalancing:AddTags', 'elasticloadbalancing:RemoveTags'],
      ['listener/net/*/*/*', 'listener/app/*/*/*', 'listener-rule/net/*/*/*', 'listener-rule/app/*/*/*'].map(elb),
    ),
    allow(
      'ManageOwnBalancers',
      [
        'elasticloadbalancing:ModifyLoadBalancerAttributes',
        'elasticloadbalancing:SetIpAddressType',
        'elasticloadbalancing:SetSecurityGroups',
        'elasticloadbalancing:SetSubnets',
        'elasticloadbalancing:DeleteLoadBalancer',
        'elasticloadbalancing:ModifyTargetGroup',
        'elasticloadbalancing:ModifyTargetGroupAttributes',
        'elasticloadbalancing:DeleteTargetGroup',
        'elasticloadbalancing:ModifyListenerAttributes',
        'elasticloadbalancing:ModifyCapacityReservation',
        'elasticloadbalancing:ModifyIpPools',
      ],
      '*',
      resourceTagged,
    ),
    allow('TagOnCreate', ['elasticloadbalancing:AddTags'], balancers, {
      StringEquals: { 'elasticloadbalancing:CreateAction': ['CreateTargetGroup', 'CreateLoadBalancer'], [`aws:RequestTag/${TAG}`]: cluster },
    }),
    allow('RegisterTargets', ['elasticloadbalancing:RegisterTargets', 'elasticloadbalancing:DeregisterTargets'], elb('targetgroup/*/*')),
    allow(
      'ListenerSettings',
      [
        'elasticloadbalancing:SetWebAcl',
        'elasticloadbalancing:ModifyListener',
        'elasticloadbalancing:AddListenerCertificates',
        'elasticloadbalancing:RemoveListenerCertificates',
        'elasticloadbalancing:ModifyRule',
        'elasticloadbalancing:SetRulePriorities',
      ],
      '*',
    ),
  );
}

export const awsLoadBalancerController: AddonModule = {
  id: ID,
  title: 'AWS Load Balancer Controller',
  description: 'ALBs for Ingress and NLBs for Services of type LoadBalancer',
  when: notOn({ 'auto-mode': 'EKS Auto Mode provisions load balancers itself' }),
  dependsOn: [],
  conflictsWith: [],
  // The scheme of the application's load balancer (ingress alb or nlb): internal unless asked otherwise.
  questions: [
    {
      key: SCHEME,
      kind: 'choice',
      group: 'addons',
      prompted: true,
      message: 'Load balancer scheme',
      hint: 'internal (reachable inside the VPC and connected networks) or internet-facing (public subnets, reachable from the internet)',
      choices: () =>
        LBC.schemes.map((value) => ({
          value,
          hint: value === 'internal' ? 'inside the VPC only (the controller default)' : 'a public address in the public subnets',
        })),
      when: (a) => a.ingress === 'alb' || a.ingress === 'nlb',
    },
  ],
  defaults: { [SCHEME]: () => 'internal' },
  rules: {
    [SCHEME]: (v, a) =>
      (a.ingress !== 'alb' && a.ingress !== 'nlb') || (LBC.schemes as readonly string[]).includes(v)
        ? undefined
        : `must be one of ${LBC.schemes.join(', ')} (got ${JSON.stringify(v)})`,
  },
  upstreamPolicy: 'aws-load-balancer-controller/iam_policy.json',
  wildcardResources: {
    Integrations: 'the WAF web ACLs and Shield protections come from Ingress annotations at run time; upstream grants these on "*" too',
    NodeSecurityGroupRules: 'node security groups are not tagged for the controller, so no tag condition can scope them; as upstream',
    ListenersAndRules: 'listener and rule ARNs exist only once the controller creates their load balancer; as upstream',
    ListenerSettings: 'certificates, web ACLs and rule priorities of listeners created at run time; as upstream',
  },
  install: (ctx) =>
    helmChart(
      ID,
      {
        clusterName: ctx.answers.name,
        // Pods cannot reach instance metadata here, so region and VPC are given instead of discovered.
        region: ctx.answers.region,
        serviceAccount: { name: SA, annotations: serviceAccountAnnotations(ctx, 'lb-controller') },
        defaultTags: ctx.answers.tags,
        // Without internet access the controller cannot reach Shield and WAF (UG clusters/private-clusters.adoc).
        privateCluster: fullyPrivate(ctx.answers),
      },
      {
        before: [
          `VPC_ID="$(aws eks describe-cluster --region ${ctx.answers.region} --name ${ctx.answers.name} --query cluster.resourcesVpcConfig.vpcId --output text)"`,
        ],
        set: { vpcId: '"$VPC_ID"' },
        note: 'The VPC id is read from the cluster, because the controller cannot ask instance metadata for it.',
      },
    ),
  roles: (ctx) => [
    {
      suffix: 'lb-controller',
      purpose: 'AWS Load Balancer Controller: manages the load balancers and security groups of this cluster',
      serviceAccount: { namespace: HELM_CHARTS[ID].namespace, name: SA },
      policy: controllerPolicy(ctx),
    },
  ],
};
