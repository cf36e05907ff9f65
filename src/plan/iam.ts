// IAM documents are built as data here and serialised by the json helper, so they always parse.
import { DNS_SUFFIX } from '../data/regions.ts';
import type { Answers } from '../answers/types.ts';

export interface Statement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string | string[];
  Resource?: string | string[];
  Principal?: Record<string, string | string[]>;
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: Statement[];
}

export interface ServiceAccountRef {
  namespace: string;
  name: string;
}

export interface AwsContext {
  partition: string;
  region: string;
  /** The account id, or ${AWS_ACCOUNT_ID} when the user fills it in at apply time. */
  account: string;
  cluster: string;
  identity: Answers['identity'];
  /** The cluster's issuer host, when it is known (an existing cluster's); else the region's with ${OIDC_ID}. */
  oidcIssuerHost?: string;
}

/** Trust for EKS Pod Identity: the EKS service principal assumes the role and tags the session. */
export function podIdentityTrust(): PolicyDocument {
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllowEksPodIdentity',
        Effect: 'Allow',
        Principal: { Service: 'pods.eks.amazonaws.com' },
        Action: ['sts:AssumeRole', 'sts:TagSession'],
      },
    ],
  };
}

/** Trust for IRSA, scoped to one service account and the STS audience. The OIDC provider id exists only after the cluster does. */
export function irsaTrust(ctx: AwsContext, sa: ServiceAccountRef): PolicyDocument {
  // The issuer host follows the partition (oidc.eks.cn-north-1.amazonaws.com.cn in China); the audience does not.
  const issuer = ctx.oidcIssuerHost ?? `oidc.eks.${ctx.region}.${DNS_SUFFIX[ctx.partition as keyof typeof DNS_SUFFIX] ?? 'amazonaws.com'}/id/\${OIDC_ID}`;
  return {
    Version: '2012-10-17',
    Statement: [
      {
        Sid: 'AllowServiceAccount',
        Effect: 'Allow',
        Principal: { Federated: `arn:${ctx.partition}:iam::${ctx.account}:oidc-provider/${issuer}` },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: {
          StringEquals: {
            [`${issuer}:sub`]: `system:serviceaccount:${sa.namespace}:${sa.name}`,
            [`${issuer}:aud`]: 'sts.amazonaws.com',
          },
        },
      },
    ],
  };
}

export function trustFor(ctx: AwsContext, sa: ServiceAccountRef): PolicyDocument {
  return ctx.identity === 'pod-identity' ? podIdentityTrust() : irsaTrust(ctx, sa);
}
