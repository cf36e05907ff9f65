// Amazon CloudWatch Observability (EKS add-on): Container Insights metrics and container logs through
// the CloudWatch agent and Fluent Bit. IAM: the actions of the AWS managed CloudWatchAgentServerPolicy,
// with log writes limited to this cluster's Container Insights and Application Signals log groups.
import { allow, arn, eksAddon, eksAddonNamespace, notOn, policy } from './helpers.ts';
import type { AddonContext, AddonModule } from './types.ts';

const ID = 'amazon-cloudwatch-observability';

function agentPolicy(ctx: AddonContext) {
  const groups = [`/aws/containerinsights/${ctx.answers.name}/*`, '/aws/application-signals/*'].flatMap((g) => [
    arn(ctx, 'logs', `log-group:${g}`),
    arn(ctx, 'logs', `log-group:${g}:log-stream:*`),
  ]);
  return policy(
    // Neither metric writes nor these reads can be scoped to a resource.
    allow('MetricsAndDiscovery', ['cloudwatch:PutMetricData', 'ec2:DescribeVolumes', 'ec2:DescribeTags', 'logs:DescribeLogGroups'], '*'),
    allow(
      'WriteClusterLogs',
      ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents', 'logs:PutRetentionPolicy'],
      groups,
    ),
    allow(
      'Traces',
      ['xray:PutTraceSegments', 'xray:PutTelemetryRecords', 'xray:GetSamplingRules', 'xray:GetSamplingTargets', 'xray:GetSamplingStatisticSummaries'],
      '*',
    ),
    allow('AgentConfig', ['ssm:GetParameter'], arn(ctx, 'ssm', 'parameter/AmazonCloudWatch-*')),
  );
}

export const amazonCloudwatchObservability: AddonModule = {
  id: ID,
  title: 'Amazon CloudWatch Observability',
  description: 'Container Insights metrics and container logs in CloudWatch',
  when: notOn({ fargate: 'its CloudWatch agent and Fluent Bit run as DaemonSets, and Fargate runs no DaemonSets; use aws-for-fluent-bit for Fargate logs' }),
  dependsOn: [],
  conflictsWith: [],
  questions: [],
  install: (ctx) =>
    eksAddon(
      ID,
      ctx,
      ctx.selected.has('aws-for-fluent-bit')
        ? // aws-for-fluent-bit already ships container logs; shipping them twice doubles the bill.
          { configurationValues: { containerLogs: { enabled: false } } }
        : {},
    ),
  roles: (ctx) => [
    {
      suffix: 'cloudwatch-agent',
      purpose: 'CloudWatch agent: writes Container Insights metrics and logs of this cluster',
      serviceAccount: { namespace: eksAddonNamespace(ID), name: 'cloudwatch-agent' },
      policy: agentPolicy(ctx),
    },
  ],
};
