// The prompt interface the wizard talks to. The real one wraps the four @inquirer prompts it uses
// (not the @inquirer/prompts barrel, which would bundle the editor prompt and its encodings) and is
// loaded only when a question is actually asked; tests inject a scripted one.
export interface SelectChoice {
  value: string;
  name: string;
  description?: string;
}

export interface Prompter {
  input(q: { message: string; default?: string; hint: string; validate: (s: string) => true | string }): Promise<string>;
  select(q: { message: string; hint: string; choices: SelectChoice[]; default?: string }): Promise<string>;
  confirm(q: { message: string; hint: string; default: boolean }): Promise<boolean>;
  checkbox(q: { message: string; hint: string; choices: SelectChoice[]; default: string[] }): Promise<string[]>;
}

/** Thrown by a prompter when the user pressed Ctrl-C. */
export class PromptCancelled extends Error {}

export async function inquirerPrompter(): Promise<Prompter> {
  const [{ default: input }, { default: select }, { default: confirm }, { default: checkbox }] = await Promise.all([
    import('@inquirer/input'),
    import('@inquirer/select'),
    import('@inquirer/confirm'),
    import('@inquirer/checkbox'),
  ]);
  const cancelled = (e: unknown): never => {
    if (e instanceof Error && e.name === 'ExitPromptError') throw new PromptCancelled('cancelled');
    throw e;
  };
  return {
    input: (q) => input({ message: `${q.message} (${q.hint})`, default: q.default, validate: q.validate }).catch(cancelled),
    select: (q) => select({ message: `${q.message} (${q.hint})`, choices: q.choices, default: q.default, pageSize: 12 }).catch(cancelled),
    confirm: (q) => confirm({ message: `${q.message} (${q.hint})`, default: q.default }).catch(cancelled),
    // The hint carries the reason when a selection was refused, so it is part of the message.
    checkbox: (q) =>
      checkbox({ message: `${q.message} (${q.hint})`, choices: q.choices.map((c) => ({ ...c, checked: q.default.includes(c.value) })), pageSize: 15 }).catch(
        cancelled,
      ),
  };
}
