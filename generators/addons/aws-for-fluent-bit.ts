// AWS for Fluent Bit: container logs to one CloudWatch Logs group per cluster. On EC2 nodes it is a
// Helm-installed DaemonSet with its own role. Fargate runs no DaemonSets; there EKS's built-in Fluent
// Bit is configured by the aws-observability namespace and its aws-logging ConfigMap, and writes with
// the Fargate pod execution role, which needs `fargateLoggingStatements`.
import type { Statement } from '../../src/plan/iam.ts';
import { HELM_CHARTS } from '../../src/data/versions.ts';
import { computeOf } from '../../src/plan/compute-types.ts';
import { allow, arn, helmChart, manifest, policy, serviceAccountAnnotations } from './helpers.ts';
import type { AddonContext, AddonModule } from './types.ts';

const ID = 'aws-for-fluent-bit';
const SA = 'aws-for-fluent-bit';
const RETENTION_DAYS = 30;

export const logGroupName = (cluster: string) => `/aws/eks/${cluster}/workloads`;

/** Writing to the cluster's workload log group: the Fluent Bit role, or the Fargate pod execution role. */
export function fargateLoggingStatements(ctx: Pick<AddonContext, 'aws' | 'answers'>): Statement[] {
  const group = arn(ctx, 'logs', `log-group:${logGroupName(ctx.answers.name)}`);
  return [
    allow(
      'WriteWorkloadLogs',
      ['logs:CreateLogGroup', 'logs:PutRetentionPolicy', 'logs:CreateLogStream', 'logs:DescribeLogStreams', 'logs:PutLogEvents'],
      [group, `${group}:log-stream:*`],
    ),
  ];
}

/** The output section of EKS's Fargate log router, as the aws-logging ConfigMap takes it. */
function fargateOutput(ctx: AddonContext): string {
  return [
    '[OUTPUT]',
    '    Name cloudwatch_logs',
    '    Match kube.*',
    `    region ${ctx.answers.region}`,
    `    log_group_name ${logGroupName(ctx.answers.name)}`,
    '    log_stream_prefix fargate-',
    `    log_retention_days ${RETENTION_DAYS}`,
    '    auto_create_group true',
    '',
  ].join('\n');
}

const onFargate = (ctx: AddonContext) => computeOf(ctx.answers).fargate;
const fargatePolicyFile = (ctx: AddonContext) => `iam/${ctx.answers.name}-fargate-logging-policy.json`;

export const awsForFluentBit: AddonModule = {
  id: ID,
  title: 'AWS for Fluent Bit',
  description: 'container logs to CloudWatch Logs (on Fargate, through the aws-logging ConfigMap)',
  when: () => true,
  dependsOn: [],
  conflictsWith: [],
  questions: [],
  install: (ctx) =>
    onFargate(ctx)
      ? { method: 'manifests' }
      : helmChart(ID, {
          region: ctx.answers.region,
          logGroupName: logGroupName(ctx.answers.name),
          retentionDays: RETENTION_DAYS,
          serviceAccount: { name: SA, annotations: serviceAccountAnnotations(ctx, 'fluent-bit') },
        }),
  roles: (ctx) =>
    onFargate(ctx)
      ? []
      : [
          {
            suffix: 'fluent-bit',
            purpose: `Fluent Bit: writes container logs to ${logGroupName(ctx.answers.name)}`,
            serviceAccount: { namespace: HELM_CHARTS[ID].namespace, name: SA },
            policy: policy(...fargateLoggingStatements(ctx)),
          },
        ],
  actions: (ctx) =>
    onFargate(ctx)
      ? [
          manifest(
            `k8s/addons/${ID}/fargate-logging.yaml`,
            `${ID}/fargate-logging.yaml.hbs`,
            'Namespace aws-observability and ConfigMap aws-logging: Fargate log routing to CloudWatch Logs',
            { output: fargateOutput(ctx) },
          ),
          {
            path: fargatePolicyFile(ctx),
            template: 'base/iam/document.json.hbs',
            format: 'json',
            purpose: 'permissions the Fargate pod execution role needs to write the log group',
            data: { document: policy(...fargateLoggingStatements(ctx)) },
          },
        ]
      : [],
  steps: (ctx) =>
    onFargate(ctx)
      ? [
          {
            title: 'Route Fargate logs to CloudWatch Logs',
            why: `Fargate pods started after this step send their logs to ${logGroupName(ctx.answers.name)}. eksctl's pod execution role cannot write logs, so it gets that permission first.`,
            commands: [
              `PROFILE="$(aws eks list-fargate-profiles --region ${ctx.answers.region} --cluster-name ${ctx.answers.name} --query 'fargateProfileNames[0]' --output text)"`,
              `POD_EXECUTION_ROLE="$(aws eks describe-fargate-profile --region ${ctx.answers.region} --cluster-name ${ctx.answers.name} --fargate-profile-name "$PROFILE" --query fargateProfile.podExecutionRoleArn --output text | awk -F/ '{print $NF}')"`,
              `aws iam put-role-policy --region ${ctx.answers.region} --role-name "$POD_EXECUTION_ROLE" --policy-name fargate-logging --policy-document "$(envsubst '\${AWS_ACCOUNT_ID}' < ${fargatePolicyFile(ctx)})"`,
              `kubectl apply -f k8s/addons/${ID}/`,
            ],
          },
        ]
      : [],
};
