// Shell building blocks for the README's steps that make AWS resources: each finds what a first
// run made before it creates anything, so a step can run twice and make nothing twice.
import { shellWord } from '../render/escape.ts';

const sh = shellWord;

export interface GroupSpec {
  /** The variable that ends up holding the group's id. */
  variable: string;
  region: string;
  name: string;
  description: string;
  exported?: boolean;
}

/** The group of that name in the VPC ($VPC_ID), created when there is none. */
export function securityGroup(g: GroupSpec): string[] {
  const set = `${g.exported ? 'export ' : ''}${g.variable}`;
  return [
    `${set}="$(aws ec2 describe-security-groups --region ${sh(g.region)} --filters Name=vpc-id,Values="$VPC_ID" Name=group-name,Values=${sh(g.name)} --query 'SecurityGroups[0].GroupId' --output text)"`,
    `[ "$${g.variable}" != None ] || ${g.variable}="$(aws ec2 create-security-group --region ${sh(g.region)} --vpc-id "$VPC_ID" --group-name ${sh(g.name)} --description ${sh(g.description)} --query GroupId --output text)"`,
  ];
}

export interface IngressRule {
  region: string;
  /** The shell text of the group id, e.g. "$EFS_SECURITY_GROUP_ID". */
  group: string;
  protocol: 'tcp' | 'udp';
  /** A port, or a range written from-to. */
  port: string;
  /** The source: a CIDR ("$VPC_CIDR"), an IPv6 CIDR, or another group. */
  from: { cidr: string } | { ipv6: string } | { group: string };
}

/** The rule, added unless the group already has it (EC2 refuses a duplicate rule). */
export function allowIngress(r: IngressRule): string {
  const from = r.port.split('-')[0];
  const to = r.port.split('-').at(-1)!;
  const region = sh(r.region);
  const match =
    'cidr' in r.from
      ? `Name=ip-permission.cidr,Values=${r.from.cidr}`
      : 'ipv6' in r.from
        ? `Name=ip-permission.ipv6-cidr,Values=${r.from.ipv6}`
        : `Name=ip-permission.group-id,Values=${r.from.group}`;
  const has = `aws ec2 describe-security-groups --region ${region} --group-ids ${r.group} --filters Name=ip-permission.protocol,Values=${r.protocol} Name=ip-permission.from-port,Values=${from} Name=ip-permission.to-port,Values=${to} ${match} --query 'SecurityGroups[0].GroupId' --output text | grep -q sg-`;
  const add =
    'ipv6' in r.from
      ? `aws ec2 authorize-security-group-ingress --region ${region} --group-id ${r.group} --ip-permissions "IpProtocol=${r.protocol},FromPort=${from},ToPort=${to},Ipv6Ranges=[{CidrIpv6=${r.from.ipv6.replace(/^"|"$/g, '')}}]"`
      : `aws ec2 authorize-security-group-ingress --region ${region} --group-id ${r.group} --protocol ${r.protocol} --port ${r.port} ${'cidr' in r.from ? `--cidr ${r.from.cidr}` : `--source-group ${r.from.group}`}`;
  return `${has} || ${add}`;
}

// `$NAME` and `${NAME}` (envsubst's single-quoted lists too: envsubst reads them from the environment).
const USE = /\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g;
// `NAME=`, `export NAME=`, `export NAME` and `for NAME in`, where a command or a word starts.
const SET = /(?:^|[\s;(&|])(?:export\s+([A-Za-z_][A-Za-z0-9_]*)(?=[\s;]|$)|(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=|for\s+([A-Za-z_][A-Za-z0-9_]*)\s+in\b)/g;

// `read -r A B`: each name is set from its input.
const READ = /\bread\s+(?:-r\s+)?((?:[A-Za-z_][A-Za-z0-9_]*\s*)+)/g;

/** The variables a list of commands reads before it sets them, in the order it reads them. */
export function unsetVariables(commands: readonly string[]): string[] {
  const set = new Set<string>();
  const missing: string[] = [];
  for (const raw of commands) {
    // Single quotes keep $ literal (awk's $NF, JMESPath), except the list envsubst reads from the environment.
    const c = raw.replace(/(envsubst\s+)?'[^']*'/g, (m, envsubst) => (envsubst ? m : "''"));
    const events = [
      ...[...c.matchAll(USE)].map((m) => ({ at: m.index!, name: m[1], use: true })),
      ...[...c.matchAll(SET)].map((m) => ({ at: m.index!, name: m[1] ?? m[2] ?? m[3], use: false })),
      ...[...c.matchAll(READ)].flatMap((m) =>
        m[1]
          .trim()
          .split(/\s+/)
          .map((name) => ({ at: m.index!, name, use: false })),
      ),
    ].sort((x, y) => x.at - y.at || Number(x.use) - Number(y.use));
    for (const e of events) {
      if (!e.use) set.add(e.name);
      else if (!set.has(e.name) && !missing.includes(e.name)) missing.push(e.name);
    }
  }
  return missing;
}

/**
 * Each step as it runs in a new shell: the definitions of the variables it reads but does not set
 * come first. A variable nobody defines is a bug of the step that reads it.
 */
export function selfContained<S extends { title: string; commands: string[] }>(steps: S[], definitions: Readonly<Record<string, string>>): S[] {
  return steps.map((s) => {
    const missing = unsetVariables(s.commands);
    if (missing.length === 0) return s;
    const first = missing.map((v) => {
      const d = definitions[v];
      if (!d) throw new Error(`README step "${s.title}" reads \${${v}}, which it does not set and nothing defines`);
      return d;
    });
    return { ...s, commands: [...first, ...s.commands] };
  });
}

/** The endpoint service name of an AWS service in the region, looked up (China's carry a prefix). */
export const endpointServiceLookup = (region: string, service: string) =>
  `aws ec2 describe-vpc-endpoint-services --region ${sh(region)} --query ${sh(`ServiceNames[?ends_with(@, '.${region}.${service}')] | [0]`)} --output text`;
