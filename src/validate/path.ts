// `validate` of a folder or of one file of a project, as read from disk.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { migrateAnswers } from '../answers/renamed.ts';
import { checkFiles, FileChecksMissing, needsFileChecks, TEMPLATE_FILE } from './core.ts';
import type { FileInput, ValidateOptions, ValidateResult } from './types.ts';

const SKIP_DIRS = new Set(['node_modules', '.git', 'dist', '.terraform']);
// Synchronous: a project is a few dozen small files, and each asynchronous read costs a round trip.
function collect(root: string, dir: string, out: FileInput[]): void {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, e.name);
    if (e.isDirectory()) {
      if (!SKIP_DIRS.has(e.name)) collect(root, full, out);
    } else if (/\.(ya?ml|json)$/i.test(e.name) || TEMPLATE_FILE.test(e.name))
      out.push({ path: relative(root, full).split(sep).join('/'), content: readFileSync(full, 'utf8') });
  }
}

/** Options recorded in .eks-app.json. Accepts `helm`, `helmCharts` or `charts` maps of release -> {chart, version}. */
export function optionsFromAnswers(answers: any): ValidateOptions {
  const o: ValidateOptions = {};
  if (!answers || typeof answers !== 'object') return o;
  if (typeof answers.kubernetesVersion === 'string') o.kubernetesVersion = answers.kubernetesVersion;
  const np = answers.cni?.networkPolicy ?? answers.networkPolicy ?? answers.networkPolicyEnabled ?? answers.networkPolicies;
  if (np === true || np?.enabled === true) o.networkPolicyEnabled = true;
  for (const key of ['helmCharts', 'helm', 'charts']) {
    const h = answers[key];
    const entries: [string, any][] = Array.isArray(h)
      ? h.map((x: any) => [x?.release ?? x?.name ?? x?.chart, x])
      : h && typeof h === 'object'
        ? Object.entries(h)
        : [];
    for (const [rel, v] of entries)
      if (typeof rel === 'string' && v && typeof v === 'object' && typeof v.chart === 'string')
        (o.helmCharts ??= {})[rel] = { chart: v.chart.replace(/^.*\//, ''), version: typeof v.version === 'string' ? v.version : undefined };
  }
  return o;
}

export async function validatePath(p: string, opts: ValidateOptions = {}): Promise<ValidateResult & { files: number }> {
  const files: FileInput[] = [];
  let root = p;
  let project = false;
  const isDir = statSync(p).isDirectory();
  // a single file: look up to three folders up for the project root (.eks-app.json)
  if (!isDir) {
    root = dirname(p);
    for (let d = root, i = 0; i < 4; i++, d = dirname(d))
      if (existsSync(join(d, '.eks-app.json'))) {
        root = d;
        project = true;
        break;
      }
  }
  // One file of a project is checked in its project, so references to the project's other files resolve.
  if (isDir || project) collect(root, root, files);
  else files.push({ path: relative(root, p).split(sep).join('/'), content: readFileSync(p, 'utf8') });
  let recorded: ValidateOptions = {};
  try {
    const state = JSON.parse(readFileSync(join(root, '.eks-app.json'), 'utf8'));
    // A project's state file holds {tool, answers}; older hand-written ones hold the options themselves.
    recorded = optionsFromAnswers(state?.tool && state?.answers ? migrateAnswers(state.answers) : state);
  } catch {
    /* no saved answers: defaults */
  }
  const only = relative(root, p).split(sep).join('/');
  const options: ValidateOptions = {
    ...recorded,
    ...Object.fromEntries(Object.entries(opts).filter(([, v]) => v !== undefined)),
    ...(isDir ? {} : { focus: only }),
  };
  const fileChecks = async () => (await import('./file-checks.ts')).FILE_CHECKS;
  let res: ValidateResult;
  try {
    // A folder needs every check; one Kubernetes manifest needs none of the FileChecks (and if it
    // does after all, the run asks for them and is made again).
    const focus = files.find((f) => f.path === only);
    res = checkFiles(files, options, isDir || !focus || needsFileChecks(focus) ? await fileChecks() : undefined);
  } catch (e) {
    if (!(e instanceof FileChecksMissing)) throw e;
    res = checkFiles(files, options, await fileChecks());
  }
  if (isDir) return { ...res, files: files.length };
  const findings = res.findings
    .filter((f) => f.file === only)
    .map((f) =>
      // A lone file cannot show what it refers to; that is unknown here, not wrong.
      !project && (f.rule.startsWith('xref-missing-') || f.rule === 'xref-ingress-backend')
        ? { ...f, severity: 'unchecked' as const, message: `${f.message} (not checked: validate the folder that holds it)` }
        : f,
    );
  return { findings, resources: res.resources, files: 1 };
}
