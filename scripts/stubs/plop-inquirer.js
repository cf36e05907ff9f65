// node-plop imports inquirer 9 for plop's own prompts. This tool asks its questions itself (through
// @inquirer's prompts, injected), so the bundle replaces that copy with this stub and skips its weight.
const prompt = () => {
  throw new Error('create-eks-app renders plop actions only; plop prompts are not used');
};
prompt.prompts = {};
export default { registerPrompt() {}, prompt, createPromptModule: () => prompt };
