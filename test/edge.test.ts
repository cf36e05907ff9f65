// The production edge: HTTPS with an ACM certificate (given, or requested by the README), the DNS name,
// who may reach the load balancer, and WAF. Each reaches the Ingress or Service as the AWS Load
// Balancer Controller spells it, the project passes `validate`, and a wrong answer is one line.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parse } from 'yaml';
import type { PartialAnswers } from '../src/answers/types.ts';
import { runWizard } from '../src/cli/wizard.ts';
import { covers } from '../src/domains/edge.ts';
import { ACCOUNT, checkProject, oneProblem, problemsOf } from './compute.helpers.ts';
import type { Prompter } from '../src/cli/prompter.ts';
import { renderAnswers, TODAY, validatorErrors } from './support/project.ts';
import { SERVER_PRESETS } from './support/presets.ts';

const CERT = `arn:aws:acm:us-east-1:${ACCOUNT}:certificate/0a1b2c3d-1111-2222-3333-444455556666`;
const WAF = `arn:aws:wafv2:us-east-1:${ACCOUNT}:regional/webacl/web/0a1b2c3d-1111-2222-3333-444455556666`;
const PUBLIC_LB = { awsLoadBalancerController: { scheme: 'internet-facing' } };
const ZONE = 'Z0123456789ABCDEFGHIJ';

const ALB: PartialAnswers = {
  ingress: 'alb',
  addon: PUBLIC_LB,
  tls: { certificateArn: CERT },
  app: { hostname: 'web.example.com' },
  ingressSourceCidrs: ['198.51.100.0/24', '203.0.113.0/24'],
  wafAclArn: WAF,
};

test('ALB: HTTPS on 443 with the certificate and a TLS 1.3 policy, HTTP redirected, the host rule, source ranges and WAF', async () => {
  const r = await renderAnswers(ALB);
  const ing = parse(r.files.get('k8s/web/35-ingress.yaml')!);
  const ann = ing.metadata.annotations;
  assert.equal(JSON.parse(ann['alb.ingress.kubernetes.io/listen-ports']), [{ HTTP: 80 }, { HTTPS: 443 }]);
  assert.is(ann['alb.ingress.kubernetes.io/certificate-arn'], CERT);
  assert.is(ann['alb.ingress.kubernetes.io/ssl-policy'], 'ELBSecurityPolicy-TLS13-1-2-2021-06');
  assert.is(ann['alb.ingress.kubernetes.io/ssl-redirect'], '443');
  assert.is(ann['alb.ingress.kubernetes.io/inbound-cidrs'], '198.51.100.0/24,203.0.113.0/24');
  assert.is(ann['alb.ingress.kubernetes.io/wafv2-acl-arn'], WAF);
  assert.is(ann['external-dns.alpha.kubernetes.io/hostname'], undefined, 'no external-dns, no annotation for it');
  assert.is(ing.spec.rules[0].host, 'web.example.com');
  assert.equal(ing.spec.rules[0].http.paths[0].backend.service, { name: 'web', port: { name: 'http' } });
  checkProject(r, 'ALB edge');
  const readme = r.files.get('README.md')!;
  assert.match(readme, /\*\*HTTPS\*\* on port 443 with the ACM certificate `arn:aws:acm:[^`]+`, security policy `ELBSecurityPolicy-TLS13-1-2-2021-06`/);
  assert.match(readme, /needs a DNS record \(an alias or CNAME to the load balancer's name\) that you make in your DNS/);
  assert.match(readme, /accepts `198\.51\.100\.0\/24` and `203\.0\.113\.0\/24` only/);
  assert.match(readme, /\*\*AWS WAF\*\*: the web ACL `arn:aws:wafv2:/);
});

test('NLB: a TLS listener on 443 with the certificate and policy, loadBalancerSourceRanges, and the name for external-dns', async () => {
  const r = await renderAnswers({
    ingress: 'nlb',
    addon: { ...PUBLIC_LB, externalDns: { hostedZoneIds: [ZONE], domainFilters: ['example.com'] } },
    addons: ['external-dns'],
    tls: { certificateArn: CERT },
    app: { hostname: 'api.example.com' },
    ingressSourceCidrs: ['198.51.100.0/24'],
  });
  const svc = parse(r.files.get('k8s/web/30-service.yaml')!);
  const ann = svc.metadata.annotations;
  assert.is(ann['service.beta.kubernetes.io/aws-load-balancer-ssl-cert'], CERT);
  assert.is(ann['service.beta.kubernetes.io/aws-load-balancer-ssl-ports'], '443');
  assert.is(ann['service.beta.kubernetes.io/aws-load-balancer-ssl-negotiation-policy'], 'ELBSecurityPolicy-TLS13-1-2-2021-06');
  assert.is(ann['external-dns.alpha.kubernetes.io/hostname'], 'api.example.com');
  assert.equal(svc.spec.loadBalancerSourceRanges, ['198.51.100.0/24']);
  assert.equal(svc.spec.ports, [{ name: 'https', port: 443, targetPort: 'http', protocol: 'TCP' }]);
  checkProject(r, 'NLB edge');
  // The README waits for external-dns's record, asking Route 53 itself.
  const deploy = r.plan.steps.find((s) => s.title === 'Deploy web')!;
  assert.match(
    deploy.commands.at(-2)!,
    /^for i in \$\(seq 60\); do \[ -n "\$\(for Z in Z0123456789ABCDEFGHIJ; do aws route53 list-resource-record-sets .*--query "ResourceRecordSets\[\?Name=='api\.example\.com\.'\]\.Name"/,
  );
  assert.match(deploy.commands.at(-1)!, /\|\| \{ echo "external-dns has not written api\.example\.com yet/, 'and fails clearly when it has not');
});

test('a requested certificate: the README finds or requests it, writes the validation record to the zone, waits; the Ingress gets it at apply time', async () => {
  const r = await renderAnswers({
    ingress: 'alb',
    addons: ['external-dns'],
    addon: { ...PUBLIC_LB, externalDns: { hostedZoneIds: [ZONE] } },
    tls: { domain: 'web.example.com' },
    ingressSourceCidrs: ['198.51.100.0/24'],
  });
  assert.is(r.plan.answers.tls.hostedZoneId, ZONE, "external-dns's one zone holds the validation record");
  assert.is(r.plan.answers.app.hostname, 'web.example.com', 'the certificate names the host');
  assert.not.ok(r.files.has('k8s/web/35-ingress.yaml'));
  const ing = parse(r.files.get('k8s/web/35-ingress.yaml.tmpl')!);
  assert.is(ing.metadata.annotations['alb.ingress.kubernetes.io/certificate-arn'], '${CERTIFICATE_ARN}');
  assert.is(ing.metadata.annotations['external-dns.alpha.kubernetes.io/hostname'], 'web.example.com');
  const titles = r.plan.steps.map((s) => s.title);
  const cert = r.plan.steps.find((s) => s.title === 'Request the TLS certificate for web.example.com')!;
  assert.ok(titles.indexOf(cert.title) < titles.indexOf('Deploy web'));
  // Re-runnable: an existing certificate for the domain is found before one is requested.
  assert.match(cert.commands[0], /aws acm list-certificates .*--certificate-statuses PENDING_VALIDATION ISSUED/);
  assert.match(
    cert.commands[1],
    /^\[ "\$CERTIFICATE_ARN" != None \] \|\| CERTIFICATE_ARN="\$\(aws acm request-certificate .*--domain-name web\.example\.com --validation-method DNS/,
  );
  assert.match(cert.commands.join('\n'), /aws route53 change-resource-record-sets --hosted-zone-id Z0123456789ABCDEFGHIJ --change-batch .*UPSERT/);
  assert.match(cert.commands.at(-1)!, /^aws acm wait certificate-validated /);
  // The deploy step, in a new shell, finds the issued certificate and fills the Ingress with it.
  const deploy = r.plan.steps.find((s) => s.title === 'Deploy web')!.commands;
  assert.match(deploy[0], /^export CERTIFICATE_ARN="\$\(aws acm list-certificates .*--certificate-statuses ISSUED/);
  assert.ok(deploy.includes(`envsubst '\${CERTIFICATE_ARN}' < k8s/web/35-ingress.yaml.tmpl | kubectl apply -f -`));
  assert.equal(await validatorErrors(r), [], 'validate fills the apply-time file with a sample ARN and checks it');
  // Without a zone the README prints the record for the user's own DNS.
  const own = await renderAnswers({ ingress: 'nlb', tls: { domain: '*.example.com' } });
  const ownCert = own.plan.steps.find((s) => s.title.startsWith('Request the TLS certificate'))!;
  assert.match(ownCert.commands.join('\n'), /echo "Add this CNAME record in the DNS of \*\.example\.com/);
  assert.ok(own.files.has('k8s/web/30-service.yaml.tmpl'));
});

test('an internet-facing load balancer needs source ranges; the whole internet only by explicit choice', async () => {
  oneProblem(
    { ingress: 'alb', addon: PUBLIC_LB },
    /^ingressSourceCidrs: an internet-facing load balancer needs the CIDRs that may reach it; give --ingress-source-cidrs 203\.0\.113\.0\/24, or 0\.0\.0\.0\/0 with --allow-public-ingress$/,
  );
  oneProblem(
    { ingress: 'nlb', addon: PUBLIC_LB, ingressSourceCidrs: ['0.0.0.0/0'] },
    /^ingressSourceCidrs: 0\.0\.0\.0\/0 opens the load balancer to the whole internet \(0\.0\.0\.0\/0\); .*--allow-public-ingress$/,
  );
  // However the whole space is written, it is the same choice.
  oneProblem(
    { ingress: 'alb', addon: PUBLIC_LB, ingressSourceCidrs: ['0.0.0.0/1', '128.0.0.0/1'] },
    /^ingressSourceCidrs: 0\.0\.0\.0\/1,128\.0\.0\.0\/1 opens the load balancer to the whole internet/,
  );
  oneProblem(
    { ingress: 'alb', ipFamily: 'ipv6', addon: PUBLIC_LB, ingressSourceCidrs: ['0::/0'] },
    /^ingressSourceCidrs: 0::\/0 opens the load balancer to the whole internet \(::\/0\)/,
  );
  const open = await renderAnswers({ ingress: 'nlb', addon: PUBLIC_LB, ingressSourceCidrs: ['0.0.0.0/0'], allowPublicIngress: true });
  assert.equal(parse(open.files.get('k8s/web/30-service.yaml')!).spec.loadBalancerSourceRanges, ['0.0.0.0/0']);
  assert.match(open.files.get('README.md')!, /accepts `0\.0\.0\.0\/0` only \(the whole internet, as the answers explicitly chose\)/);
  // An internal load balancer may leave them out: it is reachable from the VPC and connected networks only.
  assert.match(
    (await renderAnswers({ ingress: 'alb' })).files.get('README.md')!,
    /the load balancer is internal, so only the VPC and networks connected to it reach it/,
  );
});

test('wrong edge answers are one line naming the field', () => {
  const lb = { ingress: 'alb' as const };
  oneProblem(
    { tls: { certificateArn: 'arn:aws:acm:us-east-1:1:certificate/x' } },
    /^tls\.certificateArn: "arn:aws:acm:us-east-1:1:certificate\/x" is not an ACM certificate ARN/,
  );
  oneProblem(
    { ...lb, tls: { certificateArn: CERT.replace('us-east-1', 'eu-west-1') } },
    /^tls\.certificateArn: .* is in eu-west-1; a load balancer in us-east-1 takes a certificate of its own region$/,
  );
  oneProblem(
    { ...lb, region: 'cn-north-1', tls: { certificateArn: CERT.replace('us-east-1', 'cn-north-1') } },
    /^tls\.certificateArn: .* is in partition aws, and cn-north-1 is in aws-cn; give an ARN of aws-cn$/,
  );
  oneProblem({ ...lb, tls: { certificateArn: CERT, domain: 'web.example.com' } }, /^tls\.domain: give one of --tls-certificate-arn .* and --tls-domain/);
  oneProblem({ ingress: 'nlb', wafAclArn: WAF }, /^wafAclArn: AWS WAF protects Application Load Balancers, not Network Load Balancers/);
  assert.ok(
    problemsOf({ ...lb, wafAclArn: WAF, natGateway: 'Disable' }).some((l) =>
      /^wafAclArn: a fully private cluster's load balancer controller cannot reach AWS WAF/.test(l),
    ),
  );
  oneProblem(
    { ...lb, tls: { domain: '*.example.com' }, app: { hostname: 'a.b.example.com' } },
    /^app\.hostname: a\.b\.example\.com is not covered by the certificate for \*\.example\.com/,
  );
  oneProblem(
    {
      ...lb,
      addons: ['external-dns'],
      addon: { externalDns: { hostedZoneIds: [ZONE], domainFilters: ['example.com'] } },
      app: { hostname: 'web.example.org' },
    },
    /^app\.hostname: web\.example\.org is outside external-dns's domain filters \(example\.com\), so no record would be made/,
  );
  oneProblem(
    { ...lb, ingressSourceCidrs: ['2001:db8::/32'] },
    /^ingressSourceCidrs: 2001:db8::\/32: the load balancer of an IPv4 cluster has IPv4 addresses only/,
  );
  oneProblem(
    { ingress: 'nlb', tls: { certificateArn: CERT }, cni: { networkPolicy: true } },
    /^tls\.certificateArn: a Network Load Balancer ends TLS on the Service's port 443, and with network policy the VPC CNI needs the Service port to equal the container port \(8080\); use --ingress alb, or drop --network-policy$/,
  );
  oneProblem(
    { app: { hostname: 'web.example.com' } },
    /^app\.hostname: applies to the application's load balancer, and there is none; use --ingress alb or nlb/,
  );
  oneProblem({ ...lb, tls: { hostedZoneId: ZONE } }, /^tls\.hostedZoneId: only used to validate a requested certificate/);
  oneProblem({ ...lb, app: { hostname: '*.example.com' } }, /^app\.hostname: "\*\.example\.com" is not a lower-case DNS name/);
});

test('a wildcard certificate covers one label, no more', () => {
  assert.ok(covers('*.example.com', 'web.example.com'));
  assert.not.ok(covers('*.example.com', 'a.web.example.com'));
  assert.not.ok(covers('*.example.com', 'example.com'));
  assert.ok(covers('web.example.com', 'web.example.com'));
  assert.not.ok(covers('web.example.com', 'api.example.com'));
});

/** Replies by message prefix; a list of replies is used one per time the question is asked. */
function scripted(replies: Record<string, unknown[]>): { p: Prompter; asked: string[] } {
  const asked: string[] = [];
  const reply = (q: { message: string; default?: unknown }) => {
    asked.push(q.message);
    const key = Object.keys(replies).find((k) => q.message.startsWith(k));
    return (key !== undefined && replies[key].length ? replies[key].shift() : q.default) as any;
  };
  return {
    asked,
    p: {
      input: async (q) => {
        const v = String(reply(q));
        const ok = q.validate(v);
        if (ok !== true) throw new Error(`${q.message}: ${ok}`);
        return v;
      },
      select: async (q) => reply(q) ?? q.choices[0].value,
      checkbox: async (q) => reply(q) ?? [],
      confirm: async (q) => reply(q),
    },
  };
}

test('wizard: source ranges asked for an internet-facing load balancer; declining the whole internet asks again', async () => {
  const { p, asked } = scripted({
    'How the application is reached': ['alb'],
    'Load balancer scheme': ['internet-facing'],
    'DNS name of the application': ['web.example.com'],
    'CIDRs allowed to reach the load balancer': ['0.0.0.0/0,198.51.100.0/24', '198.51.100.0/24'],
    'The load balancer would accept connections': [false],
  });
  const a = await runWizard({ addons: [] }, p, TODAY);
  assert.equal(asked.filter((q) => q.startsWith('CIDRs allowed to reach the load balancer')).length, 2);
  assert.equal(a.ingressSourceCidrs, ['198.51.100.0/24']);
  assert.is(a.app?.hostname, 'web.example.com');
  const r = await renderAnswers(a);
  assert.is(parse(r.files.get('k8s/web/35-ingress.yaml')!).metadata.annotations['alb.ingress.kubernetes.io/inbound-cidrs'], '198.51.100.0/24');
});

test('teardown: the records external-dns wrote (it never deletes them) and the requested certificate go once the load balancers have', async () => {
  const r = await renderAnswers(SERVER_PRESETS['edge-alb']);
  const titles = r.plan.teardown.map((s) => s.title);
  const at = titles.indexOf('Delete the DNS records and the certificate');
  assert.ok(at > titles.indexOf('Delete the load balancers') && at < titles.indexOf('Delete the cluster'), titles.join(' | '));
  const [dns, lookup, del, check] = r.plan.teardown[at].commands;
  assert.match(dns, /^for Z in Z0123456789ABCDEFGHIJ; do /);
  for (const name of ['web.example.com.', 'a-web.example.com.', 'aaaa-web.example.com.', 'cname-web.example.com.'])
    assert.ok(dns.includes(`Name=='${name}'`), name);
  assert.match(dns, /\{Action: 'DELETE', ResourceRecordSet: @\}/);
  assert.match(lookup, /DomainName=='web\.example\.com'/);
  assert.match(del, /aws acm delete-certificate/);
  assert.match(check, /still in use/);
  // Nothing to delete without a name external-dns wrote or a certificate the README requested.
  const plain = await renderAnswers({ ingress: 'alb', addon: PUBLIC_LB, tls: { certificateArn: CERT }, ingressSourceCidrs: ['198.51.100.0/24'] });
  assert.not.ok(plain.plan.teardown.some((s) => s.title === 'Delete the DNS records and the certificate'));
});

test.run();
