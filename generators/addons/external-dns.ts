// ExternalDNS (Helm): Route 53 records for Services and Ingresses, in the hosted zones the user names
// and nowhere else. IAM: the upstream policy with its hostedzone/* narrowed to those zones.
import { HELM_CHARTS } from '../../src/data/versions.ts';
import { addonQuestion, allow, helmChart, option, optionKey, policy, serviceAccountAnnotations, whenSelected } from './helpers.ts';
import type { AddonContext, AddonModule } from './types.ts';

const ID = 'external-dns';
const SA = 'external-dns';
// Route 53 hosted zone ids: Z followed by upper-case letters and digits.
const ZONE_ID = /^Z[A-Z0-9]{4,31}$/;
const DOMAIN = /^(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.)*[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

const zonesOf = (ctx: AddonContext) => option<string[]>(ctx.answers, ID, 'hostedZoneIds');

function dnsPolicy(ctx: AddonContext) {
  const zones = zonesOf(ctx).map((z) => `arn:${ctx.aws.partition}:route53:::hostedzone/${z}`);
  return policy(
    allow('ChangeNamedZones', ['route53:ChangeResourceRecordSets', 'route53:ListResourceRecordSets', 'route53:ListTagsForResources'], zones),
    // Zone discovery cannot be scoped; the zone-id filter keeps it to the zones above.
    allow('ListZones', ['route53:ListHostedZones'], '*'),
  );
}

export const externalDns: AddonModule = {
  id: ID,
  title: 'ExternalDNS',
  description: 'Route 53 records for Services and Ingresses, in the hosted zones you name',
  when: () => true,
  dependsOn: [],
  conflictsWith: [],
  questions: [
    addonQuestion(ID, 'hostedZoneIds', {
      kind: 'list',
      prompted: true,
      message: 'Route 53 hosted zone ids ExternalDNS may change',
      hint: 'comma separated, e.g. Z0123456789ABCDEFGHIJ; records in other zones are never touched',
    }),
    addonQuestion(ID, 'domainFilters', {
      kind: 'list',
      prompted: false,
      message: 'Domains ExternalDNS manages',
      hint: 'comma separated, e.g. example.com; empty means every name in the hosted zones',
    }),
  ],
  defaults: {
    [optionKey(ID, 'hostedZoneIds')]: () => [],
    [optionKey(ID, 'domainFilters')]: () => [],
  },
  rules: {
    [optionKey(ID, 'hostedZoneIds')]: whenSelected(ID, (v) => {
      if (!Array.isArray(v) || v.length === 0)
        return `external-dns needs at least one hosted zone; give --addon-external-dns-hosted-zone-ids Z0123456789ABCDEFGHIJ (aws route53 list-hosted-zones)`;
      const bad = v.find((z) => typeof z !== 'string' || !ZONE_ID.test(z));
      if (bad !== undefined) return `${JSON.stringify(bad)} is not a Route 53 hosted zone id; ids look like Z0123456789ABCDEFGHIJ`;
      if (new Set(v).size !== v.length) return 'lists a hosted zone twice';
      return undefined;
    }),
    [optionKey(ID, 'domainFilters')]: whenSelected(ID, (v) => {
      if (!Array.isArray(v)) return 'must be a list of domain names';
      const bad = v.find((d) => typeof d !== 'string' || !DOMAIN.test(d));
      return bad === undefined ? undefined : `${JSON.stringify(bad)} is not a lower-case domain name such as example.com`;
    }),
  },
  upstreamPolicy: 'external-dns/external-dns-policy.extracted.json',
  install: (ctx) =>
    helmChart(ID, {
      region: ctx.answers.region,
      ownerId: ctx.answers.name,
      domainFilters: option<string[]>(ctx.answers, ID, 'domainFilters'),
      zoneIdFilters: zonesOf(ctx).map((z) => `--zone-id-filter=${z}`),
      serviceAccount: { name: SA, annotations: serviceAccountAnnotations(ctx, 'external-dns') },
    }),
  roles: (ctx) => [
    {
      suffix: 'external-dns',
      purpose: `ExternalDNS: changes records in hosted zones ${zonesOf(ctx).join(', ')} only`,
      serviceAccount: { namespace: HELM_CHARTS[ID].namespace, name: SA },
      policy: dnsPolicy(ctx),
    },
  ],
};
