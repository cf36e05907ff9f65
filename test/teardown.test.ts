// The README's teardown leaves nothing behind that keeps the VPC (or a bill) alive: what AWS deletes
// in the background is waited for, and what eksctl does not know about is deleted before it deletes the VPC.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { PartialAnswers } from '../src/answers/types.ts';
import { resolve } from '../src/plan/resolve.ts';
import { SERVER_PRESETS } from './support/presets.ts';
import { TODAY } from './support/project.ts';

/** The teardown's commands in order, each with the title of its step. */
function teardown(answers: PartialAnswers) {
  const plan = resolve(answers, TODAY);
  return { plan, lines: plan.teardown.flatMap((s) => s.commands.map((c) => ({ step: s.title, c }))) };
}
const at = (lines: { c: string }[], re: RegExp) => lines.findIndex((l) => re.test(l.c));

test('a fully private cluster: each VPC endpoint the README created is deleted and gone before eksctl deletes the VPC', () => {
  const { plan, lines } = teardown({ natGateway: 'Disable', app: { image: '111122223333.dkr.ecr.us-east-1.amazonaws.com/web:1.0.0', port: 8080 } });
  const create = plan.steps.find((s) => s.title === 'Create the VPC endpoints eksctl does not create')!;
  const services = create.commands.flatMap((c) => [...c.matchAll(/ends_with\(@, '\\''\.us-east-1\.([a-z0-9-]+)'\\''\)/g)].map((m) => m[1]));
  assert.ok(services.length >= 2, `the README creates endpoints: ${services.join(', ')}`);
  const cluster = at(lines, /eksctl delete cluster/);
  for (const service of services) {
    const del = at(
      lines,
      new RegExp(
        `us-east-1\\.${service}'\\\\''\\)\\] \\| \\[0\\]' --output text\\)" --query 'VpcEndpoints\\[\\]\\.VpcEndpointId' --output text\\); do aws ec2 delete-vpc-endpoints `,
      ),
    );
    assert.ok(del >= 0 && del < cluster, `${service}: deleted before the cluster (${del} < ${cluster})`);
  }
  const wait = at(lines, /Name=vpc-endpoint-state,Values=deleting/);
  assert.ok(wait > at(lines, /delete-vpc-endpoints/) && wait < cluster, 'the deletions are waited for before the VPC goes');
  // A cluster with NAT gateways makes no endpoints of its own, and deletes none.
  assert.is(at(teardown({}).lines, /delete-vpc-endpoints/), -1);
});

test('kube-prometheus-stack: the volume its StatefulSet claimed is deleted while the EBS driver runs, after the release and before the cluster', () => {
  const { lines } = teardown({ storage: ['ebs'], addons: ['aws-ebs-csi-driver', 'kube-prometheus-stack'] });
  const uninstall = at(lines, /helm uninstall kube-prometheus-stack --namespace monitoring/);
  const namespace = at(lines, /^kubectl delete namespace monitoring /);
  const volumes = at(lines, /kubectl get pv .*grep -E '\^\(monitoring\) Delete\$'/);
  const cluster = at(lines, /eksctl delete cluster/);
  assert.ok(uninstall >= 0 && uninstall < namespace && namespace < volumes && volumes < cluster, `${uninstall} < ${namespace} < ${volumes} < ${cluster}`);
  // With Argo CD there is no uninstall, and the claim must go all the same.
  const gitops = teardown({ ...SERVER_PRESETS['gitops-argocd'], storage: ['ebs'], addons: ['aws-ebs-csi-driver', 'kube-prometheus-stack'] }).lines;
  assert.ok(at(gitops, /^kubectl delete namespace monitoring /) >= 0, 'GitOps teardown deletes the namespace too');
  assert.is(at(teardown({}).lines, /delete namespace monitoring/), -1, 'no release keeps claims: nothing to delete');
});

test('the security group of FSx for Lustre (and of the pods) is deleted only once no network interface is left in it', () => {
  const fsx = teardown(SERVER_PRESETS['fsx-and-efs']).lines;
  const wait = at(fsx, /Name=group-id,Values="\$FSX_SECURITY_GROUP_ID" --query 'length\(NetworkInterfaces\)'/);
  const del = at(fsx, /delete-security-group .*"\$FSX_SECURITY_GROUP_ID"/);
  assert.ok(wait >= 0 && wait < del, `wait ${wait} before delete ${del}`);
  const pods = teardown({ cni: { podSecurityGroups: true } }).lines;
  const podWait = at(pods, /Name=group-id,Values="\$POD_SECURITY_GROUP_ID" --query 'length\(NetworkInterfaces\)'/);
  const podDel = at(pods, /delete-security-group .*"\$POD_SECURITY_GROUP_ID"/);
  assert.ok(podWait >= 0 && podWait < podDel, `wait ${podWait} before delete ${podDel}`);
});

test("Karpenter: disruption budgets go before the NodePools, so a pod that can run only on Karpenter's nodes cannot hold their drain", () => {
  for (const answers of [SERVER_PRESETS['gitops-argocd'], { compute: 'karpenter' }] as PartialAnswers[]) {
    const { lines } = teardown({ ...answers, compute: 'karpenter' });
    const budgets = at(lines, /^kubectl delete poddisruptionbudgets --all-namespaces --all /);
    const pools = at(lines, /^kubectl delete nodepools\.karpenter\.sh --all /);
    assert.ok(budgets >= 0 && budgets < pools, `${budgets} < ${pools}`);
  }
  assert.is(at(teardown({}).lines, /poddisruptionbudgets/), -1, 'only with Karpenter');
});

test('the teardown names the log groups it keeps (eksctl deletes neither), and names none when nothing logs', () => {
  const why = (answers: PartialAnswers) => resolve(answers, TODAY).teardown.find((s) => s.title === 'Delete the cluster')!.why;
  assert.match(why({}), /The log group \/aws\/eks\/my-cluster\/cluster stays, with its retention/);
  assert.match(why({ addons: ['aws-for-fluent-bit'] }), /The log groups \/aws\/eks\/my-cluster\/cluster and \/aws\/eks\/my-cluster\/workloads stay/);
  assert.not.match(why({ logTypes: [] }), /log group/);
});

test.run();
