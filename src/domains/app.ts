// The sample application: its name, namespace, image, port and replicas, and how it is reached.
import { INGRESS_TYPES, type Answers, type PartialAnswers } from '../answers/types.ts';
import { IMAGES } from '../data/versions.ts';
import { computeOf } from '../plan/compute-types.ts';
import { NETWORK_FIELD_RULES } from '../plan/network.ts';
import { flag, intIn, type Problem } from '../plan/rules.ts';
import type { DomainModule, DomainQuestion } from './contract.ts';
import { code, md, none, type Prose } from '../render/prose.ts';
import type { ReadmePlan } from './contract.ts';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
// Image reference grammar (registry[:port]/path[:tag][@digest]), as container runtimes parse it.
// A first component is a registry only with a dot, a port, or as localhost; otherwise it is a lowercase path.
const IMAGE_REF =
  /^(?:(?:localhost|[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)+)(?::[0-9]+)?\/|[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?:[0-9]+\/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::([\w][\w.-]{0,127}))?(?:@(sha256:[a-f0-9]{64}))?$/;

const INGRESS_HINTS: Record<string, string> = {
  none: 'reachable inside the cluster only (Service of type ClusterIP)',
  alb: 'Application Load Balancer through an Ingress (HTTP)',
  nlb: 'Network Load Balancer through a Service of type LoadBalancer (TCP)',
};

/** The application's namespace when none is given: its name. */
export const appNamespaceDefault = (a: PartialAnswers): string => a.app?.namespace ?? a.app?.name ?? 'web';

const questions: DomainQuestion[] = [
  {
    key: 'app.name',
    kind: 'string',
    group: 'app',
    prompted: true,
    message: 'First application name',
    hint: 'a DNS label: lowercase letters, digits and hyphens',
    default: () => 'web',
    rule: (v) =>
      typeof v === 'string' && DNS1035_LABEL.test(v) && v.length <= 63
        ? undefined
        : `${JSON.stringify(v)} is not a valid application name; use at most 63 lowercase letters, digits and hyphens, starting with a letter (e.g. web)`,
  },
  {
    key: 'app.namespace',
    kind: 'string',
    group: 'app',
    prompted: true,
    message: 'Namespace for the application',
    hint: 'created with Pod Security Standards "restricted"',
    default: (a) => a.app?.name ?? 'web',
    rule: (v) => {
      if (typeof v !== 'string' || !DNS1123_LABEL.test(v) || v.length > 63) {
        return `${JSON.stringify(v)} is not a valid namespace; use at most 63 lowercase letters, digits and hyphens (e.g. web)`;
      }
      if (v.startsWith('kube-') || v === 'default') return `${v} is reserved for the cluster; choose a namespace of the application's own`;
      return undefined;
    },
  },
  {
    key: 'app.image',
    kind: 'string',
    group: 'app',
    prompted: true,
    message: 'Container image',
    hint: 'a pinned tag or digest; :latest is refused',
    default: () => IMAGES.sampleApp.image,
    rule: (v) => {
      if (typeof v !== 'string' || v.length > 255) return 'must be an image reference of at most 255 characters';
      const m = IMAGE_REF.exec(v);
      if (!m) return `${JSON.stringify(v)} is not a valid image reference (registry/repository:tag or @sha256:digest)`;
      if (!m[2] && (m[1] === undefined || m[1] === 'latest')) return `${v}: pin a version tag or digest; :latest makes rollouts unrepeatable`;
      return undefined;
    },
  },
  {
    key: 'app.port',
    kind: 'integer',
    group: 'app',
    prompted: true,
    message: 'Container port',
    hint: '1024-65535: the hardened pod runs as non-root, which cannot bind a lower port',
    default: (a) => (a.app?.image === undefined || a.app.image === IMAGES.sampleApp.image ? IMAGES.sampleApp.port : 8080),
    rule: (v) => {
      const range = intIn(1, 65535)(v, {}, new Date());
      if (range) return range;
      if (v < 1024) return `${v} needs root or NET_BIND_SERVICE, which the hardened pod drops; use a port from 1024 up, e.g. 8080`;
      return undefined;
    },
  },
  {
    key: 'app.replicas',
    kind: 'integer',
    group: 'app',
    prompted: false,
    message: 'Replicas',
    hint: 'pods in the Deployment',
    default: () => 2,
    rule: intIn(1, 100),
  },
  {
    key: 'app.nodePool',
    kind: 'string',
    group: 'app',
    prompted: false,
    message: 'Node group the application runs on',
    hint: 'empty for the default place, or the name of a --node-group or --node-pool; the pods select it and tolerate its taints',
    default: () => '',
  },
  {
    key: 'ingress',
    kind: 'choice',
    group: 'app',
    prompted: true,
    message: 'How the application is reached from outside the cluster',
    hint: 'alb (Ingress), nlb (Service of type LoadBalancer), or none; both install the AWS Load Balancer Controller',
    choices: () => INGRESS_TYPES.map((value) => ({ value, hint: INGRESS_HINTS[value] })),
    when: (a) => !computeOf(a).awsRunsCore,
    default: () => 'none',
    rule: NETWORK_FIELD_RULES.ingress,
  },
];

function problems(a: Answers): Problem[] {
  const p: Problem[] = [];
  // IAM role names are limited to 64 characters: <cluster>-<app>.
  const role = `${a.name}-${a.app.name}`;
  if (role.length > 64) p.push({ field: 'name', message: `the IAM role name ${role} would exceed 64 characters; shorten the cluster or application name` });
  const pool = a.app.nodePool;
  const names = [...a.nodeGroups.map((g) => g.name), ...a.nodePools.map((p) => p.name)];
  if (pool !== '' && !names.includes(pool)) {
    p.push({
      field: 'app.nodePool',
      message: `${JSON.stringify(pool)} is not one of this project's node groups or NodePools (${names.length ? names.join(', ') : 'it has none beside the defaults'}); leave it empty, or add it with ${flag('nodeGroups')} or ${flag('nodePools')} name=${pool},...`,
    });
  }
  return p;
}

function readme(p: ReadmePlan): Prose[] {
  const n = p.network;
  const out: Prose[] = [];
  out.push(
    md`**The application** runs as non-root with a read-only root filesystem, no privilege escalation, all capabilities dropped, the \`RuntimeDefault\` seccomp profile, requests and limits, and probes. Its namespace enforces Pod Security Standards \`restricted\`.`,
  );
  if (n.ingress) {
    out.push(
      md`**An Application Load Balancer** (${code(n.lbScheme)}) for ${p.app.name}, from an Ingress of class \`alb\` with target type \`ip\`: the AWS Load Balancer Controller sends straight to the pods${n.ipv6 ? md`, over IPv6 (\`ip-address-type: dualstack\`)` : none}.`,
    );
  }
  if (n.service.annotations.length) {
    out.push(
      md`**A Network Load Balancer** (${code(n.lbScheme)}) for ${p.app.name}, from its Service of type LoadBalancer (\`aws-load-balancer-type: external\`, target type \`ip\`), made by the AWS Load Balancer Controller${n.ipv6 ? md`, reachable over IPv6 (\`dualstack\`)` : none}.`,
    );
  }
  return out;
}

export const app: DomainModule = { id: 'app', questions, problems, readme };
