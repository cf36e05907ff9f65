// Reviewed golden output trees. A mismatch prints the first differing line; after reviewing the
// change, regenerate with UPDATE_GOLDEN=1 npm test and review the git diff before committing.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { PartialAnswers } from '../src/answers/types.ts';
import { renderAnswers } from './support/project.ts';

const GOLDEN = fileURLToPath(new URL('./golden', import.meta.url));

export const PRESETS: Record<string, PartialAnswers> = {
  default: {},
  'irsa-public': { identity: 'irsa', accountId: '111122223333', region: 'eu-west-1', publicAccessCidrs: ['203.0.113.0/24'], tags: { team: 'platform', 'cost-center': 'cc-42' } },
  // One preset per compute type (managed is the default above).
  'self-managed-spot': { compute: 'self-managed', capacityType: 'spot', instanceTypes: ['m7i.large', 'm6i.large', 'm6a.large'], nodeLabels: { 'example.com/pool': 'general' } },
  'fargate-irsa': { compute: 'fargate', accountId: '111122223333', region: 'eu-west-1' },
  karpenter: { compute: 'karpenter', karpenterArchitectures: ['amd64', 'arm64'], karpenterCapacityTypes: ['on-demand', 'spot'], tags: { team: 'platform' } },
  'auto-mode-access': {
    compute: 'auto-mode', access: 'both',
    accessEntries: ['arn:aws:iam::111122223333:role/platform-admins=AmazonEKSClusterAdminPolicy', 'arn:aws:iam::111122223333:role/team-web=AmazonEKSEditPolicy@web'],
  },
  // Networking and storage (issue 4): a private IPv4 cluster with prefix delegation, network policy, an ALB and EBS volumes,
  'private-ipv4-network': { prefixDelegation: true, networkPolicy: true, ingress: 'alb', storage: ['ebs'] },
  // and an IPv6 cluster behind an internet-facing Network Load Balancer.
  ipv6: { ipFamily: 'ipv6', region: 'eu-west-1', ingress: 'nlb', addon: { awsLoadBalancerController: { scheme: 'internet-facing' } } },
};

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir).flatMap((n) => {
    const p = path.join(dir, n);
    return statSync(p).isDirectory() ? listFiles(p, base) : [path.relative(base, p)];
  });
}

for (const [name, answers] of Object.entries(PRESETS)) {
  test(`golden tree: ${name}`, async () => {
    const { files } = await renderAnswers(answers);
    const dir = path.join(GOLDEN, name);
    if (process.env.UPDATE_GOLDEN === '1') {
      rmSync(dir, { recursive: true, force: true });
      for (const [p, content] of files) {
        mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
        writeFileSync(path.join(dir, p), content);
      }
    }
    assert.ok(existsSync(dir), `missing golden tree ${name}`);
    assert.equal(listFiles(dir).sort(), [...files.keys()].sort(), 'file list');
    for (const [p, content] of files) {
      const expected = readFileSync(path.join(dir, p), 'utf8');
      if (expected !== content) {
        const a = expected.split('\n');
        const b = content.split('\n');
        const i = a.findIndex((line, n) => line !== b[n]);
        assert.fixture(content, expected, `${name}/${p} differs at line ${i + 1}`);
      }
    }
  });
}

test.run();
