// IAM policy lint: grammar, Version, action format and service prefixes, wildcards, and the shape of
// EKS trust policies (IRSA web identity and EKS Pod Identity).
import type { Report } from './types.ts';

/** Service prefixes of IAM actions (the ones EKS projects use, and the common rest). */
const SERVICES = new Set(
  `access-analyzer acm acm-pca airflow amplify aoss apigateway app-integration appconfig application-autoscaling applicationinsights
appmesh apprunner appsync aps arc-zonal-shift athena autoscaling autoscaling-plans backup batch bedrock budgets ce cloud9 cloudformation cloudfront
cloudhsm cloudsearch cloudshell cloudtrail cloudwatch codeartifact codebuild codecommit codedeploy codeguru-profiler codepipeline codestar-connections
cognito-identity cognito-idp cognito-sync comprehend config connect cur databrew datapipeline datasync dax devicefarm directconnect dlm dms docdb-elastic
ds dynamodb ebs ec2 ec2-instance-connect ec2messages ecr ecr-public ecs eks eks-auth elasticache elasticbeanstalk elasticfilesystem elasticloadbalancing
elasticmapreduce elastictranscoder emr-containers emr-serverless es events execute-api firehose fis fms forecast frauddetector fsx gamelift glacier
globalaccelerator glue grafana greengrass guardduty health iam identitystore imagebuilder inspector inspector2 iot iotevents iotsitewise kafka
kafka-cluster kendra kinesis kinesisanalytics kinesisvideo kms lakeformation lambda lex license-manager lightsail logs lookoutvision m2 macie2
mediaconvert medialive mediapackage mediastore memorydb mgn mobiletargeting mq neptune-db network-firewall networkmanager oam opensearch organizations
outposts personalize pi pipes polly pricing private-networks prometheus proton qldb quicksight ram rbin rds rds-data rds-db redshift redshift-data
redshift-serverless rekognition resource-explorer-2 resource-groups robomaker route53 route53-recovery-cluster route53-recovery-control-config
route53-recovery-readiness route53domains route53resolver rum s3 s3-object-lambda s3-outposts s3express s3files s3tables sagemaker savingsplans scheduler
schemas sdb secretsmanager securityhub securitylake serverlessrepo servicecatalog servicediscovery servicequotas ses shield signer sms sns sqs ssm
ssm-contacts ssm-incidents ssmmessages sso sso-directory states storagegateway sts support swf synthetics tag textract timestream transcribe transfer
translate trustedadvisor vpc-lattice vpc-lattice-svcs waf waf-regional wafv2 wellarchitected workspaces xray`.split(/\s+/),
);

const ACTION = /^[a-z0-9-]+:[A-Za-z0-9*?]+$/;
// Listing and describing need "*" in many services; reading data does not (and must be scoped).
const READ_ONLY =
  /^(?!(s3|secretsmanager|ssm|kms|dynamodb|rds-db|logs|athena|glue|sqs|sns|ecr|lambda):)[a-z0-9-]+:(Describe|List|Get|Search|Lookup|View|BatchGet|Check)[A-Za-z0-9*?]*$|^[a-z0-9-]+:(Describe|List)[A-Za-z0-9*?]*$/;
/** Actions that support no resource-level permissions, so "*" is the only possible resource. */
const NO_RESOURCE_LEVEL = new Set([
  'sts:GetCallerIdentity',
  'ec2:CreateTags',
  'ec2:CreateSecurityGroup',
  'ec2:CreateLaunchTemplate',
  'ec2:CreateFleet',
  'elasticloadbalancing:CreateTargetGroup',
  'elasticloadbalancing:CreateLoadBalancer',
  'route53:ListHostedZones',
  'ecr:GetAuthorizationToken',
  'sqs:ListQueues',
  'pricing:GetProducts',
  'iam:CreateServiceLinkedRole',
  'elasticfilesystem:CreateAccessPoint',
  'ec2:CreateVolume',
  'ec2:CreateSnapshot',
  'cloudwatch:PutMetricData',
  'xray:PutTraceSegments',
  'xray:PutTelemetryRecords',
  'xray:GetSamplingRules',
  'xray:GetSamplingTargets',
  'xray:GetSamplingStatisticSummaries',
]);
const STATEMENT_KEYS = new Set(['Sid', 'Effect', 'Action', 'NotAction', 'Resource', 'NotResource', 'Principal', 'NotPrincipal', 'Condition']);
const CONDITION_OP =
  /^(ForAllValues:|ForAnyValue:)?(String(Not)?Equals(IgnoreCase)?|String(Not)?Like|Numeric(Not)?Equals|Numeric(LessThan|GreaterThan)(Equals)?|Date(Not)?Equals|Date(LessThan|GreaterThan)(Equals)?|Bool|BinaryEquals|(Not)?IpAddress|Arn(Not)?Equals|Arn(Not)?Like|Null)(IfExists)?$/;
const OIDC_PROVIDER = /^arn:aws[a-z-]*:iam::(\d{12}|\$\{[^}]+\}):oidc-provider\/(oidc\.eks\.[a-z0-9-]+\.amazonaws\.com(\.cn)?\/id\/[A-Za-z0-9]+|[^\s]+)$/;

const list = (v: unknown): unknown[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

export interface TrustInfo {
  kind: 'irsa' | 'pod-identity' | 'github-actions' | 'other';
  /** `system:serviceaccount:<ns>:<name>` subjects allowed (IRSA), may contain wildcards. */
  subjects: string[];
}

/** Lints one policy document. Returns what the trust policy allows, when it is one. */
export function lintPolicy(doc: unknown, base: string, report: Report, expectTrust?: boolean): TrustInfo | undefined {
  const p = (s: string) => (base ? (s ? `${base}.${s}` : base) : s);
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    report('iam-json', p(''), 'a policy document must be a JSON object with "Version" and "Statement"');
    return;
  }
  const d = doc as Record<string, unknown>;
  for (const k of Object.keys(d))
    if (!['Version', 'Id', 'Statement'].includes(k)) report('iam-json', p(k), `unknown top-level element "${k}"; a policy has only Version, Id and Statement`);
  if (d.Version === undefined)
    report(
      'iam-version',
      p('Version'),
      'Required value: add "Version": "2012-10-17" (without it IAM uses the 2008 grammar, where ${...} policy variables do not work)',
    );
  else if (d.Version === '2008-10-17') report('iam-version', p('Version'), 'use "2012-10-17"; the 2008 grammar does not support policy variables', 'warning');
  else if (d.Version !== '2012-10-17')
    report('iam-version', p('Version'), `Unsupported value: ${JSON.stringify(d.Version)}: supported values: "2012-10-17", "2008-10-17"`);
  if (d.Statement === undefined) {
    report('iam-json', p('Statement'), 'Required value: add a "Statement" array');
    return;
  }
  const statements = list(d.Statement);
  const isTrust = expectTrust ?? statements.some((s: any) => s && typeof s === 'object' && ('Principal' in s || 'NotPrincipal' in s));
  const trust: TrustInfo = { kind: 'other', subjects: [] };
  statements.forEach((s: any, i) => {
    const sp = p(Array.isArray(d.Statement) ? `Statement[${i}]` : 'Statement');
    if (!s || typeof s !== 'object' || Array.isArray(s)) return report('iam-json', sp, 'each statement must be a JSON object');
    for (const k of Object.keys(s))
      if (!STATEMENT_KEYS.has(k)) report('iam-json', `${sp}.${k}`, `unknown statement element "${k}"; allowed: ${[...STATEMENT_KEYS].join(', ')}`);
    if (s.Effect !== 'Allow' && s.Effect !== 'Deny')
      report('iam-json', `${sp}.Effect`, `Unsupported value: ${JSON.stringify(s.Effect)}: supported values: "Allow", "Deny"`);
    if ((s.Action === undefined) === (s.NotAction === undefined)) report('iam-json', `${sp}.Action`, 'a statement needs exactly one of Action or NotAction');
    const actionsKey = s.Action !== undefined ? 'Action' : 'NotAction';
    const actions = list(s[actionsKey]);
    actions.forEach((a, j) => {
      const ap = Array.isArray(s[actionsKey]) ? `${sp}.${actionsKey}[${j}]` : `${sp}.${actionsKey}`;
      if (typeof a !== 'string') return report('iam-json', ap, 'actions must be strings');
      if (a === '*' || a === '*:*')
        return report(
          'iam-wildcard-action',
          ap,
          `Invalid value: ${JSON.stringify(a)}: grants every action on every service; list the actions the workload needs`,
        );
      if (!ACTION.test(a))
        return report('iam-action-format', ap, `Invalid value: ${JSON.stringify(a)}: an action must look like "service:ActionName" (e.g. "s3:GetObject")`);
      const svc = a.slice(0, a.indexOf(':'));
      if (!SERVICES.has(svc))
        report(
          'iam-unknown-service',
          ap,
          `unknown service prefix "${svc}" in ${JSON.stringify(a)}; check the spelling (e.g. "elasticloadbalancing", not "elb")`,
          'warning',
        );
      if (s.Effect === 'Allow' && actionsKey === 'Action' && ['iam:*', 'sts:*', 'organizations:*'].includes(a))
        report(
          'iam-wildcard-action',
          ap,
          `Invalid value: ${JSON.stringify(a)}: grants every ${svc} action, which allows privilege escalation; list the actions needed`,
        );
    });
    if (isTrust) {
      lintTrustStatement(s, sp, report, trust);
      return;
    }
    if ('Principal' in s || 'NotPrincipal' in s) report('iam-json', `${sp}.Principal`, 'Forbidden: an identity (permission) policy must not name a Principal');
    if ((s.Resource === undefined) === (s.NotResource === undefined))
      report('iam-json', `${sp}.Resource`, 'a statement needs exactly one of Resource or NotResource');
    list(s.Resource ?? s.NotResource).forEach((r, j) => {
      const rp = Array.isArray(s.Resource ?? s.NotResource) ? `${sp}.Resource[${j}]` : `${sp}.Resource`;
      if (typeof r !== 'string') return report('iam-json', rp, 'resources must be strings');
      // ${Var.Arn} is a template placeholder (CloudFormation, Terraform)
      if (r !== '*' && !/^arn:/.test(r) && !/^\$\{[^}]+\}$/.test(r))
        report('iam-json', rp, `Invalid value: ${JSON.stringify(r)}: a resource must be "*" or an ARN`);
    });
    if (s.Condition !== undefined) lintCondition(s.Condition, `${sp}.Condition`, report);
    if (s.Effect === 'Allow' && list(s.Resource).includes('*') && s.Condition === undefined && actionsKey === 'Action') {
      const unjustified = actions.filter((a) => typeof a === 'string' && !READ_ONLY.test(a) && !NO_RESOURCE_LEVEL.has(a));
      if (unjustified.length)
        report(
          'iam-wildcard-resource',
          `${sp}.Resource`,
          `"Resource": "*" with no Condition for ${unjustified.join(', ')}: these actions support resource-level permissions; scope them with ARNs or a Condition (e.g. aws:ResourceTag)`,
          'warning',
        );
    }
  });
  if (!isTrust) return;
  return trust;
}

function lintCondition(c: unknown, path: string, report: Report): void {
  if (!c || typeof c !== 'object' || Array.isArray(c)) return report('iam-json', path, 'Condition must be an object of operator -> { key: value }');
  for (const [op, block] of Object.entries(c)) {
    if (!CONDITION_OP.test(op)) report('iam-json', `${path}.${op}`, `unknown condition operator "${op}"`);
    if (!block || typeof block !== 'object' || Array.isArray(block))
      report('iam-json', `${path}.${op}`, 'each condition operator needs an object of key -> value');
  }
}

const GITHUB_ISSUER = 'token.actions.githubusercontent.com';

/** GitHub Actions' OIDC: the audience is STS, and the subject names one repository (and ref or environment). */
function lintGithubTrust(actions: string[], cond: Record<string, Record<string, unknown>>, sp: string, report: Report): void {
  if (!actions.includes('sts:AssumeRoleWithWebIdentity'))
    report('iam-trust-principal', `${sp}.Action`, 'a GitHub Actions trust must allow "sts:AssumeRoleWithWebIdentity"');
  const values = (key: string) => Object.entries(cond).flatMap(([op, b]) => (Object.hasOwn(b ?? {}, key) ? list(b[key]).map((v) => ({ op, v })) : []));
  const aud = values(`${GITHUB_ISSUER}:aud`);
  if (!aud.some((x) => x.v === 'sts.amazonaws.com'))
    report('iam-trust-scope', `${sp}.Condition`, `Required value: add a StringEquals condition "${GITHUB_ISSUER}:aud": "sts.amazonaws.com"`);
  const sub = values(`${GITHUB_ISSUER}:sub`);
  if (!sub.length)
    report(
      'iam-trust-scope',
      `${sp}.Condition`,
      `Required value: add a StringEquals condition "${GITHUB_ISSUER}:sub": "repo:<owner>/<name>:ref:refs/heads/<branch>", otherwise every GitHub repository can assume this role`,
    );
  for (const x of sub) {
    if (typeof x.v !== 'string' || !/^repo:[^/:*?]+\/[^/:*?]+:./.test(x.v))
      report(
        'iam-trust-scope',
        `${sp}.Condition.${x.op}`,
        `Invalid value: ${JSON.stringify(x.v)}: the subject must name one repository, "repo:<owner>/<name>:..."`,
      );
    else if (/[*?]/.test(x.v))
      report(
        'iam-trust-scope',
        `${sp}.Condition.${x.op}`,
        'a wildcard subject lets every branch or workflow of the repository assume this role; name the branch',
        'warning',
      );
  }
}

function lintTrustStatement(s: any, sp: string, report: Report, trust: TrustInfo): void {
  const pr = s.Principal;
  if (pr === undefined) return report('iam-trust-principal', `${sp}.Principal`, 'Required value: a trust policy statement needs a Principal');
  if (pr === '*' || (pr && typeof pr === 'object' && list(pr.AWS).includes('*'))) {
    report(
      'iam-trust-principal',
      `${sp}.Principal`,
      'Invalid value: "*": anyone could assume this role; name the OIDC provider (IRSA) or pods.eks.amazonaws.com (Pod Identity)',
    );
    return;
  }
  if (!pr || typeof pr !== 'object' || Array.isArray(pr))
    return report(
      'iam-trust-principal',
      `${sp}.Principal`,
      'Principal must be an object such as {"Federated": "arn:aws:iam::...:oidc-provider/..."} or {"Service": "pods.eks.amazonaws.com"}',
    );
  for (const k of Object.keys(pr))
    if (!['AWS', 'Service', 'Federated', 'CanonicalUser'].includes(k))
      report('iam-trust-principal', `${sp}.Principal.${k}`, `unknown principal type "${k}"; use AWS, Service or Federated`);
  const actions = list(s.Action).filter((a): a is string => typeof a === 'string');
  const cond = (s.Condition && typeof s.Condition === 'object' ? s.Condition : {}) as Record<string, Record<string, unknown>>;
  const fed = list(pr.Federated).filter((f): f is string => typeof f === 'string');
  const svc = list(pr.Service).filter((f): f is string => typeof f === 'string');
  if (fed.length && fed.every((f) => f.endsWith(`:oidc-provider/${GITHUB_ISSUER}`))) {
    lintGithubTrust(actions, cond, sp, report);
    trust.kind = 'github-actions';
  } else if (fed.length) {
    trust.kind = 'irsa';
    fed.forEach((f) => {
      if (!OIDC_PROVIDER.test(f))
        report(
          'iam-trust-principal',
          `${sp}.Principal.Federated`,
          `Invalid value: ${JSON.stringify(f)}: must be arn:aws:iam::<account>:oidc-provider/oidc.eks.<region>.amazonaws.com/id/<id>`,
        );
    });
    if (!actions.includes('sts:AssumeRoleWithWebIdentity'))
      report('iam-trust-principal', `${sp}.Action`, 'an OIDC (IRSA) trust must allow "sts:AssumeRoleWithWebIdentity"');
    // sub and aud must be pinned for the cluster's issuer
    const keys = (suffix: string) =>
      Object.entries(cond).flatMap(([op, b]) =>
        Object.entries(b ?? {})
          .filter(([k]) => k.endsWith(suffix))
          .map(([k, v]) => ({ op, k, v: list(v) })),
      );
    const sub = keys(':sub'),
      aud = keys(':aud');
    if (!sub.length)
      report(
        'iam-trust-scope',
        `${sp}.Condition`,
        'Required value: add a StringEquals condition "<issuer>:sub": "system:serviceaccount:<namespace>:<name>", otherwise every service account in the cluster can assume this role',
      );
    for (const x of sub) {
      for (const v of x.v) if (typeof v === 'string') trust.subjects.push(v);
      if (x.v.some((v) => typeof v === 'string' && !/^system:serviceaccount:[^:]+:[^:]+$/.test(v)))
        report(
          'iam-trust-scope',
          `${sp}.Condition.${x.op}`,
          `Invalid value: ${JSON.stringify(x.v)}: the subject must be "system:serviceaccount:<namespace>:<name>"`,
        );
      if (x.op.startsWith('StringLike') && x.v.some((v) => typeof v === 'string' && /[*?]/.test(v)))
        report(
          'iam-trust-scope',
          `${sp}.Condition.${x.op}`,
          'a wildcard subject lets several service accounts assume this role; prefer StringEquals with one subject',
          'warning',
        );
    }
    if (!aud.length) report('iam-trust-scope', `${sp}.Condition`, 'Required value: add a StringEquals condition "<issuer>:aud": "sts.amazonaws.com"');
    for (const x of aud)
      if (!x.v.includes('sts.amazonaws.com'))
        report('iam-trust-scope', `${sp}.Condition.${x.op}`, `Invalid value: ${JSON.stringify(x.v)}: the audience must be "sts.amazonaws.com"`);
    const issuers = new Set([...sub, ...aud].map((x) => x.k.slice(0, x.k.lastIndexOf(':'))));
    for (const f of fed) {
      const iss = f.slice(f.indexOf('oidc-provider/') + 14);
      if (iss && issuers.size && !issuers.has(iss))
        report(
          'iam-trust-scope',
          `${sp}.Condition`,
          `the condition keys name issuer ${[...issuers].join(', ')} but the principal is ${iss}; they must be the same`,
        );
    }
  } else if (svc.includes('pods.eks.amazonaws.com')) {
    trust.kind = 'pod-identity';
    for (const a of ['sts:AssumeRole', 'sts:TagSession'])
      if (!actions.includes(a)) report('iam-trust-scope', `${sp}.Action`, `Required value: EKS Pod Identity needs "${a}" in the trust policy's actions`);
  } else if (svc.length) {
    for (const x of svc)
      if (!/^[a-z0-9.-]+\.amazonaws\.com(\.cn)?$/.test(x))
        report('iam-trust-principal', `${sp}.Principal.Service`, `Invalid value: ${JSON.stringify(x)}: a service principal looks like "ec2.amazonaws.com"`);
  } else if (pr.AWS !== undefined) {
    for (const x of list(pr.AWS))
      if (typeof x !== 'string' || !/^(arn:aws[a-z-]*:(iam|sts)::\d{12}:.+|\d{12})$/.test(x))
        report('iam-trust-principal', `${sp}.Principal.AWS`, `Invalid value: ${JSON.stringify(x)}: must be an account ID or an IAM ARN`);
  }
}
