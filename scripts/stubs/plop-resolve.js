// node-plop resolves other plopfiles for plop.load(); this tool never loads plopfiles (see build.mjs).
export default {
  sync() {
    throw new Error('create-eks-app defines its generators in code; plop.load is not used');
  },
};
