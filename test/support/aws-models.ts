// The AWS CLI's view of a command, from the AWS service models: the npm package aws-sdk (v2) ships
// them as apis/*.min.json. Operations newer than aws-sdk v2's last models (EKS capabilities) are
// read from the AWS CLI's own botocore models in @aws-cdk/asset-awscli-v1 (its lib/layer.zip).
// The CLI's customizations (commands and options it adds to the models) are listed here by hand.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { zipEntries } from './tools.ts';

const require = createRequire(import.meta.url);

interface Shape {
  type?: string;
  shape?: string;
  members?: Record<string, Shape>;
  required?: string[];
}
interface Model {
  operations: Record<string, { input?: Shape }>;
  shapes: Record<string, Shape>;
}
export interface Operation {
  members: Map<string, string>;
  required: string[];
}

/** botocore's xform_name: DescribeAddonVersions -> describe-addon-versions, CidrIpv6 -> cidr-ipv6. */
export const kebab = (name: string) =>
  name
    .replace(/([a-z0-9])([A-Z])/g, '$1-$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1-$2')
    .toLowerCase();

const sdkApis = () => path.join(path.dirname(require.resolve('aws-sdk/package.json')), 'apis');
const cache = new Map<string, { model?: Model; waiters?: Record<string, { operation: string }> }[]>();

function newest(files: string[], prefix: string, suffix: string): string | undefined {
  return files
    .filter((f) => f.startsWith(`${prefix}-`) && f.endsWith(suffix) && /^\d{4}-\d{2}-\d{2}$/.test(f.slice(prefix.length + 1, -suffix.length)))
    .sort()
    .at(-1);
}

let botocore: ReturnType<typeof zipEntries> | undefined;
function botocoreZip() {
  if (!botocore) {
    const zip = path.join(path.dirname(require.resolve('@aws-cdk/asset-awscli-v1/package.json')), 'lib', 'layer.zip');
    botocore = zipEntries(zip);
  }
  return botocore;
}

/** The models of a CLI service: aws-sdk v2's, then the AWS CLI's botocore one. */
function models(service: string): { model?: Model; waiters?: Record<string, { operation: string }> }[] {
  const hit = cache.get(service);
  if (hit) return hit;
  const out: { model?: Model; waiters?: Record<string, { operation: string }> }[] = [];
  const meta = JSON.parse(readFileSync(path.join(sdkApis(), 'metadata.json'), 'utf8')) as Record<string, { prefix?: string }>;
  const prefix = meta[service]?.prefix ?? service;
  const files = readdirSync(sdkApis());
  const min = newest(files, prefix, '.min.json');
  if (min) {
    const w = path.join(sdkApis(), min.replace('.min.json', '.waiters2.json'));
    out.push({
      model: JSON.parse(readFileSync(path.join(sdkApis(), min), 'utf8')),
      waiters: existsSync(w) ? JSON.parse(readFileSync(w, 'utf8')).waiters : undefined,
    });
  }
  const zip = botocoreZip();
  const dirs = zip.names.filter((n) => n.startsWith(`awscli/botocore/data/${service}/`) && n.endsWith('/service-2.json.gz')).sort();
  const last = dirs.at(-1);
  if (last) {
    const waiters = last.replace('service-2.json.gz', 'waiters-2.json');
    out.push({
      model: JSON.parse(gunzipSync(zip.read(last)).toString('utf8')),
      waiters: zip.names.includes(waiters) ? JSON.parse(zip.read(waiters).toString('utf8')).waiters : undefined,
    });
  }
  cache.set(service, out);
  return out;
}

function resolveShape(m: Model, s: Shape | undefined): Shape {
  let cur = s ?? {};
  while (cur.shape) cur = m.shapes[cur.shape];
  return cur;
}

/** The input of `aws <service> <command>`, or undefined when no model has that operation. */
export function operation(service: string, command: string): Operation | undefined {
  for (const { model } of models(service)) {
    if (!model) continue;
    const op = Object.keys(model.operations).find((o) => kebab(o) === command);
    if (!op) continue;
    const input = resolveShape(model, model.operations[op].input);
    const members = new Map(Object.entries(input.members ?? {}).map(([k, v]) => [k, resolveShape(model, v).type ?? 'structure']));
    return { members, required: input.required ?? [] };
  }
  return undefined;
}

/** The operation a waiter (`aws <service> wait <name>`) polls. */
export function waiterOperation(service: string, name: string): string | undefined {
  for (const { waiters } of models(service)) {
    const w = Object.entries(waiters ?? {}).find(([k]) => kebab(k) === name);
    if (w) return kebab(w[1].operation);
  }
  return undefined;
}

/** Options every AWS CLI command takes (aws help, "Global Options"), and the pagination ones. */
const GLOBAL = new Set([
  'region',
  'query',
  'output',
  'profile',
  'endpoint-url',
  'no-cli-pager',
  'no-paginate',
  'debug',
  'no-verify-ssl',
  'color',
  'cli-read-timeout',
  'cli-connect-timeout',
  'page-size',
  'max-items',
  'starting-token',
  'cli-input-json',
]);
const FLAGS = new Set(['no-cli-pager', 'no-paginate', 'debug', 'no-verify-ssl']);

/** The CLI's own commands and the options it adds to operations (awscli/customizations). */
const CUSTOM: Record<string, { options: string[]; required: string[]; flags?: string[]; model?: boolean }> = {
  'eks update-kubeconfig': {
    options: ['name', 'kubeconfig', 'role-arn', 'dry-run', 'verbose', 'alias', 'user-alias', 'assume-role-arn'],
    required: ['name'],
    flags: ['dry-run', 'verbose'],
  },
  'cloudformation deploy': {
    options: [
      'template-file',
      'stack-name',
      's3-bucket',
      'force-upload',
      's3-prefix',
      'kms-key-id',
      'parameter-overrides',
      'capabilities',
      'no-execute-changeset',
      'disable-rollback',
      'no-disable-rollback',
      'role-arn',
      'notification-arns',
      'fail-on-empty-changeset',
      'no-fail-on-empty-changeset',
      'tags',
    ],
    required: ['template-file', 'stack-name'],
    flags: ['force-upload', 'no-execute-changeset', 'disable-rollback', 'no-disable-rollback', 'fail-on-empty-changeset', 'no-fail-on-empty-changeset'],
  },
  // awscli/customizations/ec2/secgroupsimplify.py
  'ec2 authorize-security-group-ingress': { options: ['protocol', 'port', 'cidr', 'source-group', 'group-owner'], required: [], model: true },
  'ec2 revoke-security-group-ingress': { options: ['protocol', 'port', 'cidr', 'source-group', 'group-owner'], required: [], model: true },
};

/** The AWS CLI's verdict on an argv (without "aws"): undefined, or why it would refuse it. */
export function awsProblem(argv: string[]): string | undefined {
  const [service, command] = argv;
  let rest = argv.slice(2);
  let op: Operation | undefined;
  const custom = CUSTOM[`${service} ${command}`];
  let what = `aws ${service} ${command}`;
  if (command === 'wait') {
    const target = waiterOperation(service, rest[0]);
    if (!target) return `aws ${service} wait: no waiter ${rest[0]}`;
    what = `aws ${service} wait ${rest[0]}`;
    op = operation(service, target);
    rest = rest.slice(1);
  } else if (!custom || custom.model) {
    op = operation(service, command);
    if (!op) return `${what}: no such operation in the service models`;
  }
  const byOption = new Map<string, { member: string; type: string }>();
  for (const [member, type] of op?.members ?? []) byOption.set(kebab(member), { member, type });
  const given = new Set<string>();
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (!a.startsWith('--')) return `${what}: unexpected argument ${a}`;
    const name = a.slice(2);
    if (GLOBAL.has(name)) {
      if (!FLAGS.has(name)) i++;
      continue;
    }
    if (custom?.options.includes(name)) {
      given.add(name);
      if (!custom.flags?.includes(name)) while (i + 1 < rest.length && !rest[i + 1].startsWith('--')) i++;
      continue;
    }
    const boolNegated = name.startsWith('no-') ? byOption.get(name.slice(3)) : undefined;
    const m = byOption.get(name) ?? (boolNegated?.type === 'boolean' ? boolNegated : undefined);
    if (!m) return `${what}: unknown option --${name}`;
    given.add(kebab(m.member));
    if (m.type !== 'boolean') {
      if (i + 1 >= rest.length || rest[i + 1].startsWith('--')) return `${what}: --${name} needs a value`;
      i++;
      // A list takes its items as separate words.
      if (m.type === 'list') while (i + 1 < rest.length && !rest[i + 1].startsWith('--')) i++;
    }
  }
  const required = custom && !custom.model ? custom.required : (op?.required ?? []).map(kebab);
  const missing = required.filter((r) => !given.has(r));
  if (missing.length) return `${what}: missing required --${missing.join(', --')}`;
  return undefined;
}
