// Where a project keeps its own state: .eks-app.json, and .eks-app/base/ with the files as last
// generated (the merge base of update). Kept apart from the state reader, which needs a YAML parser.
export const STATE_FILE = '.eks-app.json';
export const META_DIR = '.eks-app';
export const BASE_DIR = `${META_DIR}/base`;
/** Snapshot files carry this suffix, so kubectl -R, the validator and other YAML tools never take them for the real manifests. */
export const BASE_SUFFIX = '.base';

/** The files of the base snapshot: everything generated but the state file. */
export function snapshotOf(files: Map<string, string>): Map<string, string> {
  return new Map([...files].filter(([p]) => p !== STATE_FILE));
}
