// The contract every add-on module fulfils. One module per add-on under generators/addons/<id>.ts,
// its templates under templates/addons/<id>/; the registry array in index.ts is the only list.
import type { Question } from '../../src/answers/registry.ts';
import type { Answers, Identity, PartialAnswers } from '../../src/answers/types.ts';
import type { HelmChartId } from '../../src/data/versions.ts';
import type { AwsContext, PolicyDocument, ServiceAccountRef, Statement } from '../../src/plan/iam.ts';
import type { PlannedFile } from '../../src/plan/resolve.ts';
import type { Step } from '../../src/plan/steps.ts';

export interface AddonContext {
  answers: Answers;
  aws: AwsContext;
  podIdentity: boolean;
  /** Ids of every add-on in the project, after defaults and implied add-ons. */
  selected: ReadonlySet<string>;
}

/** An EKS managed add-on, written to the ClusterConfig's addons: list. */
export interface EksAddonInstall {
  method: 'eks-addon';
  name: string;
  /** eksctl creates the add-on's role from what EKS recommends for it (for vpc-cni in IPv6: the IPv6 policy). */
  useDefaultPodIdentityAssociations?: boolean;
  /** Serialised to JSON for eksctl's configurationValues. */
  configurationValues?: Record<string, unknown>;
  /**
   * Created after the cluster, from its own ClusterConfig in eksctl/addons/<id>.yaml, because it needs
   * something an earlier step installs. `waitFor` runs first in the same README step, `waitAfter` last.
   */
  deferred?: { why: string; waitFor: string[]; waitAfter?: string[] };
}

/** A Helm release, with its values in helm/<release>.values.yaml. */
export interface HelmInstall {
  method: 'helm';
  /** Key into HELM_CHARTS in src/data/versions.ts: repository, chart and version are pinned there. */
  chart: HelmChartId;
  release: string;
  namespace: string;
  /** The values template, relative to templates/. */
  valuesTemplate: string;
  /** Data the values template reads as `values.*`. */
  values?: Record<string, unknown>;
  /** Values known only once the cluster exists, passed as `--set key=<shell text>` (e.g. "$VPC_ID"). */
  set?: Record<string, string>;
  /** Commands run before `helm upgrade --install` in the same README step, e.g. to define what `set` uses. */
  before?: string[];
  /** One more sentence for the README step. */
  note?: string;
  /** Its pods claim volumes that `helm uninstall` leaves (a StatefulSet's claims): the teardown deletes its namespace, which the README created. */
  keepsClaims?: true;
}

/** Nothing to install: the add-on is only the manifests its `actions` write. */
export interface ManifestInstall {
  method: 'manifests';
}

export type AddonInstall = EksAddonInstall | HelmInstall | ManifestInstall;

/** An IAM role the add-on's pods assume, through Pod Identity or IRSA as the project uses. */
export interface AddonRole {
  /** Suffix; the role is named <cluster>-<suffix>. */
  suffix: string;
  purpose: string;
  serviceAccount: ServiceAccountRef;
  policy: PolicyDocument;
  /**
   * Who binds the role to the service account. Defaults to the EKS add-on entry for EKS add-ons and to
   * the ClusterConfig iam section for everything else; 'cluster' is for pods an EKS add-on starts
   * under a service account the add-on itself does not declare.
   */
  boundBy?: 'eks-addon' | 'cluster';
}

/** What the application's own pod needs from an add-on. */
export interface AppAdditions {
  /** Statements added to the application's IAM role. */
  statements: Statement[];
  volumes: Record<string, unknown>[];
  volumeMounts: Record<string, unknown>[];
}

export interface AddonModule {
  id: string;
  title: string;
  description: string;
  /** Offered for these answers? Returns the reason it is not, or true. */
  when(a: PartialAnswers): true | string;
  dependsOn: string[];
  conflictsWith: string[];
  /** Questions of this add-on; keys are `addon.<camelId>.<field>`, flags `--addon-<id>-<field>`. */
  questions: Question[];
  defaults?: Record<string, (a: PartialAnswers, today: Date) => unknown>;
  rules?: Record<string, (value: any, a: PartialAnswers, today: Date) => string | undefined>;
  install(ctx: AddonContext): AddonInstall;
  roles?(ctx: AddonContext): AddonRole[];
  /** Extra files (manifests and the like) as plop add actions. */
  actions?(ctx: AddonContext): PlannedFile[];
  /** README steps after its install, in dependency order. */
  steps?(ctx: AddonContext): Step[];
  /** Statements, volumes and mounts for the application's pod. */
  app?(ctx: AddonContext): Partial<AppAdditions>;
  /** Identity modes the add-on works with; both when omitted. */
  identities?: readonly Identity[];
  /** The policy upstream publishes, as a path under ../shared/upstream/iam; only the tests read it. */
  upstreamPolicy?: string;
  /** Upstream actions this module deliberately does not grant, each with the reason (the tests read it). */
  droppedActions?: Readonly<Record<string, string>>;
  /** Statements (by Sid) that keep "Resource": "*" as upstream does, each with the reason; listed in the README. */
  wildcardResources?: Readonly<Record<string, string>>;
}
