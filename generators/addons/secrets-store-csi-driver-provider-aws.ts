// AWS provider for the Secrets Store CSI driver (ASCP, Helm): mounts one Secrets Manager secret into
// the application's pod. It fetches with the application's own role, so the read permission is a
// statement on that role (see `app`), scoped to this one secret.
import { shellWord } from '../../src/render/escape.ts';
import { addonQuestion, appManifest, appRef, arn, helmChart, notOn, option, optionKey, whenSelected } from './helpers.ts';
import type { AddonContext, AddonModule } from './types.ts';

const ID = 'secrets-store-csi-driver-provider-aws';
const MOUNT = '/mnt/secrets';
// Secrets Manager's own alphabet for secret names.
const SECRET_NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;

const secretName = (ctx: AddonContext) => option<string>(ctx.answers, ID, 'secretName');
const classNameOf = (ctx: AddonContext) => `${ctx.answers.app.name}-secrets`;
// Secrets Manager appends six random characters to every secret ARN.
const secretArn = (ctx: AddonContext) => arn(ctx, 'secretsmanager', `secret:${secretName(ctx)}-??????`);

export const secretsStoreCsiDriverProviderAws: AddonModule = {
  id: ID,
  title: 'AWS Secrets Manager provider (ASCP)',
  description: "mounts a Secrets Manager secret into the application's pod",
  when: notOn({ fargate: 'the provider is a DaemonSet, and Fargate runs no DaemonSets' }),
  dependsOn: ['secrets-store-csi-driver'],
  conflictsWith: [],
  questions: [
    addonQuestion(ID, 'secretName', {
      kind: 'string',
      prompted: true,
      message: 'Secrets Manager secret the application reads',
      hint: `its name, e.g. prod/web/db; mounted read-only under ${MOUNT}`,
    }),
  ],
  defaults: { [optionKey(ID, 'secretName')]: () => '' },
  rules: {
    [optionKey(ID, 'secretName')]: whenSelected(ID, (v) => {
      if (typeof v !== 'string' || v === '') return `name the secret to mount: --addon-secrets-store-csi-driver-provider-aws-secret-name prod/web/db`;
      if (v.startsWith('arn:')) return 'give the secret name, not its ARN; the ARN is built from the region and account';
      if (!SECRET_NAME.test(v)) return `${JSON.stringify(v)} is not a Secrets Manager secret name (letters, digits and / _ + = . @ -, at most 512)`;
      return undefined;
    }),
  },
  install: (ctx) =>
    helmChart(ID, {
      region: ctx.answers.region,
    }),
  actions: (ctx) => [
    appManifest(
      ctx,
      '15-secretproviderclass.yaml',
      `${ID}/secretproviderclass.yaml.hbs`,
      `SecretProviderClass ${classNameOf(ctx)}: Secrets Manager secret ${secretName(ctx)}, mounted at ${MOUNT}`,
      {
        spc: {
          ...appRef(ctx),
          className: classNameOf(ctx),
          region: ctx.answers.region,
          // The provider reads this parameter as YAML; JSON is YAML and needs no escaping here.
          objects: JSON.stringify([{ objectName: secretName(ctx), objectType: 'secretsmanager' }]),
        },
      },
    ),
  ],
  steps: (ctx) => [
    {
      title: "Check the application's secret exists",
      why: `The pod mounts ${secretName(ctx)} at start and does not start without it. If the secret is encrypted with your own KMS key, also allow the role ${ctx.answers.name}-${ctx.answers.app.name} kms:Decrypt on that key.`,
      commands: [`aws secretsmanager describe-secret --region ${ctx.answers.region} --secret-id ${shellWord(secretName(ctx))} --query ARN --output text`],
    },
  ],
  app: (ctx) => ({
    statements: [
      {
        Sid: 'ReadMountedSecret',
        Effect: 'Allow',
        Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
        Resource: secretArn(ctx),
      },
    ],
    volumes: [{ name: 'secrets', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: classNameOf(ctx) } } }],
    volumeMounts: [{ name: 'secrets', mountPath: MOUNT, readOnly: true }],
  }),
};
