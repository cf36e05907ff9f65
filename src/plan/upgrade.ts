// Moving a project's cluster to the next Kubernetes minor version: the rule for the target, and the
// README runbook in the order EKS needs (insights, add-on compatibility, control plane, add-ons,
// nodes, checks that wait). Add-on builds are resolved at apply time from EKS's defaults.
import { EKSCTL, KUBERNETES_VERSIONS, supportStatus } from '../data/versions.ts';
import { minorNumber } from '../data/kubernetes-apis.ts';
import { shellWord } from '../render/escape.ts';
import { clusterConfigCommands } from './cluster-config.ts';
import type { Plan } from './resolve.ts';
import type { Step } from './steps.ts';

const sh = shellWord;

/** Why the project cannot move from `from` to `to`, or undefined. */
export function upgradeProblem(from: string, to: string, today: Date): string | undefined {
  if (!/^1\.\d+$/.test(to)) return `--to ${JSON.stringify(to)}: give a Kubernetes minor version such as ${nextMinor(from)}`;
  if (to === from) return `the project is on Kubernetes ${from} already; nothing to upgrade`;
  if (minorNumber(to) < minorNumber(from)) return `--to ${to}: EKS cannot downgrade a cluster (the project is on ${from})`;
  if (minorNumber(to) > minorNumber(from) + 1) return `--to ${to}: EKS upgrades one minor version at a time; upgrade to ${nextMinor(from)} first`;
  const known = KUBERNETES_VERSIONS.find((v) => v.version === to);
  if (!known || supportStatus(to, today) === 'unsupported') return `--to ${to}: EKS does not offer Kubernetes ${to} today`;
  if (minorNumber(to) > minorNumber(EKSCTL.maxVerifiedVersion))
    return `--to ${to}: eksctl ${EKSCTL.release} is known to handle Kubernetes up to ${EKSCTL.maxVerifiedVersion}; update create-eks-app first`;
  return undefined;
}

const nextMinor = (v: string) => `1.${Number(v.split('.')[1]) + 1}`;

/** The runbook from answers.upgradeFrom to the project's version, in the order it must run. */
export function upgradeSteps(plan: Omit<Plan, 'upgrade'>): Step[] {
  const { name, region, upgradeFrom: from, kubernetesVersion: to } = plan.answers;
  const r = sh(region);
  const n = sh(name);
  const c = plan.compute;
  const steps: Step[] = [];
  steps.push({
    title: `Check the cluster's upgrade insights for ${to}`,
    why: `EKS checks the cluster against ${to} every day (deprecated APIs in use, add-on and node version skew). Anything in ERROR or WARNING must be fixed first; the command fails while one is listed.`,
    commands: [
      `INSIGHTS="$(aws eks list-insights --region ${r} --cluster-name ${n} --filter categories=UPGRADE_READINESS --query "insights[?insightStatus.status=='ERROR' || insightStatus.status=='WARNING'].name" --output text)"`,
      '[ -z "$INSIGHTS" ] || { echo "Fix these first: $INSIGHTS"; false; }',
    ],
  });
  steps.push({
    title: `Check that the EKS add-ons run on ${to}`,
    why: `Each installed add-on build must be one EKS lists for ${to}; the command names those that are not, and fails. Check the pinned Helm charts' own notes for ${to} too: this project pins versions, it does not test them against each Kubernetes release.`,
    commands: [
      'BEHIND=""',
      `for ADDON in $(aws eks list-addons --region ${r} --cluster-name ${n} --query addons --output text); do CURRENT="$(aws eks describe-addon --region ${r} --cluster-name ${n} --addon-name "$ADDON" --query addon.addonVersion --output text)"; [ -n "$(aws eks describe-addon-versions --region ${r} --addon-name "$ADDON" --kubernetes-version ${to} --query "addons[0].addonVersions[?addonVersion=='$CURRENT'].addonVersion" --output text)" ] || BEHIND="$BEHIND $ADDON"; done`,
      `[ -z "$BEHIND" ] || { echo "Not listed for ${to}, update them first:$BEHIND"; false; }`,
    ],
  });
  steps.push({
    title: `Upgrade the control plane to ${to}`,
    why: `eksctl moves the control plane from ${from} to ${to}, as metadata.version in eksctl/cluster.yaml now says (10 to 20 minutes). A second run finds it there and changes nothing.`,
    commands: [`eksctl upgrade cluster --config-file ${clusterConfigCommands(plan as Plan).cfg} --approve`],
  });
  steps.push({
    title: `Update the EKS add-ons to ${to}'s default builds`,
    why: `Each add-on moves to the build EKS lists as the default for ${to}, read now rather than pinned here; your configuration values are kept (PRESERVE).`,
    commands: [
      `for ADDON in $(aws eks list-addons --region ${r} --cluster-name ${n} --query addons --output text); do VERSION="$(aws eks describe-addon-versions --region ${r} --addon-name "$ADDON" --kubernetes-version ${to} --query 'addons[0].addonVersions[?compatibilities[?defaultVersion]] | [0].addonVersion' --output text)"; [ "$(aws eks describe-addon --region ${r} --cluster-name ${n} --addon-name "$ADDON" --query addon.addonVersion --output text)" = "$VERSION" ] || aws eks update-addon --region ${r} --cluster-name ${n} --addon-name "$ADDON" --addon-version "$VERSION" --resolve-conflicts PRESERVE; aws eks wait addon-active --region ${r} --cluster-name ${n} --addon-name "$ADDON"; done`,
    ],
  });
  const nodes: string[] = [];
  const why: string[] = [];
  if (c.managedNodeGroups.length) {
    why.push(
      `the managed node groups (${c.managedNodeGroups.map((g) => g.name).join(', ')}) roll to ${to}'s AMI a node at a time, respecting PodDisruptionBudgets`,
    );
    for (const g of c.managedNodeGroups) nodes.push(`eksctl upgrade nodegroup --region ${r} --cluster ${n} --name ${sh(g.name)} --kubernetes-version ${to}`);
  }
  if (c.nodeGroups.length)
    why.push(
      `self-managed groups (${c.nodeGroups.map((g) => g.name).join(', ')}) are replaced, not upgraded: follow "Replace a self-managed node group" below`,
    );
  if (plan.karpenter) why.push(`Karpenter sees its nodes drift from the AMI for ${to} (alias @latest) and replaces them within its disruption budget`);
  if (c.isAutoMode) why.push('EKS Auto Mode replaces its nodes itself');
  // Every namespace a Fargate profile selects: its pods run the new version once recreated.
  const fargate = [...new Set([...(c.isFargate ? ['kube-system'] : []), ...c.fargateNamespaces, ...(c.appOnFargate ? [plan.app.namespace] : [])])];
  if (fargate.length) {
    why.push(`Fargate pods run ${to} once they are recreated, so the Deployments of ${fargate.join(', ')} restart`);
    for (const ns of fargate) nodes.push(`kubectl -n ${sh(ns)} rollout restart deployment`);
  }
  // Self-managed groups move when you replace them, so the wait leaves their nodes out.
  const selector = c.nodeGroups.length ? ` -l ${sh(`alpha.eksctl.io/nodegroup-name notin (${c.nodeGroups.map((g) => g.name).join(',')})`)}` : '';
  const versions = `kubectl get nodes${selector} -o jsonpath='{range .items[*]}{.status.nodeInfo.kubeletVersion}{"\\n"}{end}' | grep -v '^v${to.replace('.', '\\.')}\\.'`;
  steps.push({
    title: `Move the nodes to ${to}`,
    why: `${why.join('; ').replace(/^./, (x) => x.toUpperCase())}. The last command waits until every node's kubelet${c.nodeGroups.length ? ', outside the self-managed groups,' : ''} runs ${to} (at most an hour).`,
    commands: [...nodes, `for i in $(seq 180); do [ -z "$(${versions})" ] && break; sleep 20; done; [ -z "$(${versions})" ]`],
  });
  steps.push({
    title: `Check that ${plan.app.name} runs on ${to}`,
    why: 'The server answers with the new version, and the application has rolled out on the new nodes.',
    commands: [
      `[ "$(aws eks describe-cluster --region ${r} --name ${n} --query cluster.version --output text)" = ${to} ]`,
      `kubectl -n ${sh(plan.app.namespace)} rollout status deployment/${sh(plan.app.name)} --timeout=10m`,
    ],
  });
  return steps;
}
