// The production edge of the application's load balancer: HTTPS with an ACM certificate, the DNS
// name clients use, who may connect, and an optional WAF web ACL. Asked after the add-ons, because
// the load balancer's scheme and external-dns's zones are add-on answers.
import type { Answers, PartialAnswers } from '../answers/types.ts';
import { REGION_BY_CODE } from '../data/regions.ts';
import { ELB_TLS_POLICY } from '../data/network.ts';
import { parseCidr } from '../plan/cidr.ts';
import { fullyPrivate, lbScheme, wholeInternet, withExternalDns } from '../plan/network.ts';
import { flag, type Problem } from '../plan/rules.ts';
import { code, join, md, none, type Prose } from '../render/prose.ts';
import type { DomainModule, DomainQuestion, ReadmePlan } from './contract.ts';

const HOSTNAME = /^(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.)+[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
const CERT_ARN = /^arn:(aws|aws-cn|aws-us-gov):acm:([a-z0-9-]+):(\d{12}):certificate\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const WAF_ARN =
  /^arn:(aws|aws-cn|aws-us-gov):wafv2:([a-z0-9-]+):(\d{12}):regional\/webacl\/[\w-]{1,128}\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const ZONE_ID = /^Z[A-Z0-9]{4,31}$/;

const hasLb = (a: PartialAnswers) => a.ingress === 'alb' || a.ingress === 'nlb';
const externalDnsZones = (a: PartialAnswers) => (a.addon?.externalDns?.hostedZoneIds as string[] | undefined) ?? [];
const externalDnsFilters = (a: PartialAnswers) => (a.addon?.externalDns?.domainFilters as string[] | undefined) ?? [];
/** The certificate's domain covers the name: equal, or one label under a wildcard. */
export const covers = (domain: string, host: string) =>
  domain === host || (domain.startsWith('*.') && host.endsWith(domain.slice(1)) && !host.slice(0, -domain.length + 1).includes('.'));

const questions: DomainQuestion[] = [
  {
    key: 'tls.certificateArn',
    kind: 'string',
    group: 'app',
    prompted: false,
    message: 'ACM certificate for HTTPS',
    hint: 'an issued certificate in the cluster’s region; the load balancer listens on 443 with it',
    default: () => '',
    rule: (v) =>
      v === '' || (typeof v === 'string' && CERT_ARN.test(v))
        ? undefined
        : `${JSON.stringify(v)} is not an ACM certificate ARN; e.g. arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666, or leave it empty`,
  },
  {
    key: 'tls.domain',
    kind: 'string',
    group: 'app',
    prompted: false,
    message: 'Domain to request a certificate for',
    hint: 'the README requests an ACM certificate for it with DNS validation, e.g. app.example.com or *.example.com',
    default: () => '',
    rule: (v) =>
      v === '' || (typeof v === 'string' && HOSTNAME.test(v.startsWith('*.') ? v.slice(2) : v))
        ? undefined
        : `${JSON.stringify(v)} is not a lower-case domain name; e.g. app.example.com or *.example.com`,
  },
  {
    key: 'tls.hostedZoneId',
    kind: 'string',
    group: 'app',
    prompted: false,
    message: 'Route 53 hosted zone for the validation record',
    hint: 'the README writes the certificate’s DNS validation record there; empty with one external-dns zone uses it',
    default: (a) => (a.tls?.domain && externalDnsZones(a).length === 1 ? externalDnsZones(a)[0] : ''),
    rule: (v) =>
      v === '' || (typeof v === 'string' && ZONE_ID.test(v))
        ? undefined
        : `${JSON.stringify(v)} is not a Route 53 hosted zone id; ids look like Z0123456789ABCDEFGHIJ`,
  },
  {
    key: 'app.hostname',
    kind: 'string',
    group: 'app',
    prompted: true,
    message: 'DNS name of the application',
    hint: 'e.g. app.example.com; empty to use the load balancer’s own name',
    when: hasLb,
    default: (a) => (typeof a.tls?.domain === 'string' && !a.tls.domain.startsWith('*.') ? a.tls.domain : ''),
    rule: (v) =>
      v === '' || (typeof v === 'string' && HOSTNAME.test(v))
        ? undefined
        : `${JSON.stringify(v)} is not a lower-case DNS name such as app.example.com (no wildcard), or leave it empty`,
  },
  {
    key: 'ingressSourceCidrs',
    kind: 'list',
    group: 'app',
    prompted: true,
    message: 'CIDRs allowed to reach the load balancer',
    hint: 'e.g. 203.0.113.0/24; 0.0.0.0/0 opens it to everyone',
    when: (a) => hasLb(a) && lbScheme(a) === 'internet-facing',
    default: () => [],
    rule: (v) => {
      if (!Array.isArray(v)) return 'must be a list of CIDRs';
      const seen = new Set<string>();
      for (const c of v) {
        const parsed = parseCidr(c);
        if (typeof parsed === 'string') return parsed;
        if (seen.has(parsed.canonical)) return `${c} is listed twice`;
        seen.add(parsed.canonical);
      }
      return undefined;
    },
  },
  {
    key: 'allowPublicIngress',
    kind: 'boolean',
    group: 'app',
    prompted: true,
    message: 'The load balancer would accept connections from the whole internet. Continue?',
    hint: 'recorded in the README',
    when: (a) => Array.isArray(a.ingressSourceCidrs) && wholeInternet(a.ingressSourceCidrs).length > 0,
    default: () => false,
  },
  {
    key: 'wafAclArn',
    kind: 'string',
    group: 'app',
    prompted: false,
    message: 'WAFv2 web ACL for the Application Load Balancer',
    hint: 'a regional web ACL ARN in the cluster’s region',
    default: () => '',
    rule: (v) =>
      v === '' || (typeof v === 'string' && WAF_ARN.test(v))
        ? undefined
        : `${JSON.stringify(v)} is not a regional WAFv2 web ACL ARN; e.g. arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/web/0a1b2c3d-1111-2222-3333-444455556666`,
  },
];

function problems(a: Answers): Problem[] {
  const p: Problem[] = [];
  const add = (field: string, message: string) => p.push({ field, message });
  const partition = REGION_BY_CODE.get(a.region)?.partition ?? 'aws';
  const lb = hasLb(a);
  const given: [string, boolean][] = [
    ['tls.certificateArn', a.tls.certificateArn !== ''],
    ['tls.domain', a.tls.domain !== ''],
    ['app.hostname', a.app.hostname !== ''],
    ['ingressSourceCidrs', a.ingressSourceCidrs.length > 0],
    ['wafAclArn', a.wafAclArn !== ''],
  ];
  if (!lb) {
    for (const [field, set] of given)
      if (set) add(field, `applies to the application's load balancer, and there is none; use ${flag('ingress')} alb or nlb, or drop ${flag(field)}`);
    return p;
  }
  if (a.tls.certificateArn && a.tls.domain)
    add('tls.domain', `give one of ${flag('tls.certificateArn')} (a certificate you have) and ${flag('tls.domain')} (one the README requests)`);
  if (a.tls.hostedZoneId && !a.tls.domain) add('tls.hostedZoneId', `only used to validate a requested certificate; give ${flag('tls.domain')} too, or drop it`);
  for (const [field, arn, re] of [
    ['tls.certificateArn', a.tls.certificateArn, CERT_ARN],
    ['wafAclArn', a.wafAclArn, WAF_ARN],
  ] as const) {
    const m = arn ? re.exec(arn) : null;
    if (!m) continue;
    if (m[1] !== partition) add(field, `${arn} is in partition ${m[1]}, and ${a.region} is in ${partition}; give an ARN of ${partition}`);
    else if (m[2] !== a.region)
      add(field, `${arn} is in ${m[2]}; a load balancer in ${a.region} takes ${field === 'wafAclArn' ? 'a web ACL' : 'a certificate'} of its own region`);
  }
  if (a.ingress === 'nlb' && (a.tls.certificateArn || a.tls.domain) && a.cni.networkPolicy)
    add(
      'tls.certificateArn',
      `a Network Load Balancer ends TLS on the Service's port 443, and with network policy the VPC CNI needs the Service port to equal the container port (${a.app.port}); use ${flag('ingress')} alb, or drop ${flag('cni.networkPolicy')}`,
    );
  if (a.wafAclArn && fullyPrivate(a))
    add(
      'wafAclArn',
      `a fully private cluster's load balancer controller cannot reach AWS WAF (it runs with WAF off); drop ${flag('wafAclArn')}, or use ${flag('natGateway')} Single`,
    );
  if (a.wafAclArn && a.ingress !== 'alb')
    add('wafAclArn', `AWS WAF protects Application Load Balancers, not Network Load Balancers; use ${flag('ingress')} alb or drop ${flag('wafAclArn')}`);
  const host = a.app.hostname;
  if (host && a.tls.domain && !covers(a.tls.domain, host))
    add('app.hostname', `${host} is not covered by the certificate for ${a.tls.domain}; give a name it covers, or request the certificate for ${host}`);
  const filters = externalDnsFilters(a);
  if (host && withExternalDns(a) && filters.length && !filters.some((d) => host === d || host.endsWith(`.${d}`)))
    add(
      'app.hostname',
      `${host} is outside external-dns's domain filters (${filters.join(', ')}), so no record would be made; use a name under them, or add its domain to ${flag('addon.externalDns.domainFilters')}`,
    );
  for (const c of a.ingressSourceCidrs) {
    const parsed = parseCidr(c);
    if (typeof parsed !== 'string' && parsed.version === 6 && a.ipFamily !== 'ipv6')
      add('ingressSourceCidrs', `${c}: the load balancer of an IPv4 cluster has IPv4 addresses only; list IPv4 CIDRs`);
  }
  const open = wholeInternet(a.ingressSourceCidrs);
  if (open.length && !a.allowPublicIngress)
    add(
      'ingressSourceCidrs',
      `${a.ingressSourceCidrs.join(',')} opens the load balancer to the whole internet (${open.join(' and ')}); list your clients' CIDRs, or confirm with ${flag('allowPublicIngress')}`,
    );
  if (lbScheme(a) === 'internet-facing' && a.ingressSourceCidrs.length === 0)
    add(
      'ingressSourceCidrs',
      `an internet-facing load balancer needs the CIDRs that may reach it; give ${flag('ingressSourceCidrs')} 203.0.113.0/24, or ${a.ipFamily === 'ipv6' ? '0.0.0.0/0,::/0' : '0.0.0.0/0'} with ${flag('allowPublicIngress')}`,
    );
  return p;
}

function readme(p: ReadmePlan): Prose[] {
  const e = p.network.edge;
  if (!e) return [];
  const out: Prose[] = [];
  if (e.tls) {
    out.push(
      md`**HTTPS** on port 443 with ${e.tls.requested ? md`an ACM certificate for ${code(e.tls.requested)} that the README requests and validates through DNS` : md`the ACM certificate ${code(e.tls.certificateArn)}`}, security policy ${code(ELB_TLS_POLICY)} (TLS 1.3 and 1.2 only)${p.network.ingress ? md`; plain HTTP on port 80 answers with a redirect to HTTPS` : md`; the Network Load Balancer ends TLS and sends plain TCP to the pods`}.`,
    );
  }
  if (e.hostname)
    out.push(
      md`**${code(e.hostname)}** ${e.externalDns ? md`gets its DNS record from external-dns, which reads it from the ${p.network.ingress ? 'Ingress' : 'Service'}` : md`needs a DNS record (an alias or CNAME to the load balancer's name) that you make in your DNS`}.`,
    );
  out.push(
    e.sources.length
      ? md`**Who may connect**: the load balancer accepts ${join(
          e.sources.map((c) => code(c)),
          ', ',
          ' and ',
        )} only${e.publicByChoice ? md` (the whole internet, as the answers explicitly chose)` : none}. The pods accept the load balancer's own addresses in the VPC, not the clients'.`
      : md`**Who may connect**: the load balancer is internal, so only the VPC and networks connected to it reach it.`,
  );
  if (e.wafAclArn) out.push(md`**AWS WAF**: the web ACL ${code(e.wafAclArn)} filters requests before they reach the Application Load Balancer.`);
  return out;
}

export const edge: DomainModule = { id: 'edge', questions, problems, readme };
