// node-plop's addMany action globs template folders; this tool never runs addMany (see build.mjs).
export function globSync() {
  throw new Error('create-eks-app renders its own actions only; plop addMany is not used');
}
