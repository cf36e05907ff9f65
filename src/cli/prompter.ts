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
  /** A select that narrows its choices as the user types (the region); a plain select without it. */
  search?(q: { message: string; hint: string; choices: SelectChoice[]; default?: string }): Promise<string>;
  confirm(q: { message: string; hint: string; default: boolean }): Promise<boolean>;
  /** `validate` refuses a selection inside the prompt, which keeps the selection. */
  checkbox(q: { message: string; hint: string; choices: SelectChoice[]; default: string[]; validate?: (values: string[]) => true | string }): Promise<string[]>;
}

/** Thrown by a prompter when the user pressed Ctrl-C. */
export class PromptCancelled extends Error {}

export async function inquirerPrompter(): Promise<Prompter> {
  const [{ default: input }, { default: select }, { default: confirm }, { default: checkbox }, { default: search }] = await Promise.all([
    import('@inquirer/input'),
    import('@inquirer/select'),
    import('@inquirer/confirm'),
    import('@inquirer/checkbox'),
    import('@inquirer/search'),
  ]);
  const cancelled = (e: unknown): never => {
    if (e instanceof Error && e.name === 'ExitPromptError') throw new PromptCancelled('cancelled');
    throw e;
  };
  const dim = (t: string) => (process.stdout.isTTY && !process.env.NO_COLOR ? `\x1b[2m${t}\x1b[22m` : t);
  // The question, with its hint dim below it while the prompt is active; the answered line keeps the question only.
  const theme = (hint: string) => ({ style: { message: (text: string, status: string) => (status === 'done' ? text : `${text}\n  ${dim(hint)}\n `) } });
  return {
    input: (q) => input({ message: q.message, default: q.default, validate: q.validate, theme: theme(q.hint) }).catch(cancelled),
    select: (q) => select({ message: q.message, choices: q.choices, default: q.default, pageSize: 12, theme: theme(q.hint) }).catch(cancelled),
    search: (q) =>
      search({
        message: q.message,
        theme: theme(q.hint),
        pageSize: 12,
        // The default first, then the rest; typing narrows by code or name.
        source: (term) => {
          const t = (term ?? '').toLowerCase();
          const all = [...q.choices.filter((c) => c.value === q.default), ...q.choices.filter((c) => c.value !== q.default)];
          return all
            .filter((c) => !t || c.value.toLowerCase().includes(t) || (c.description ?? '').toLowerCase().includes(t))
            .map((c) => ({ value: c.value, name: c.description ? `${c.value}  ${c.description}` : c.value, short: c.value }));
        },
      }).catch(cancelled),
    confirm: (q) => confirm({ message: q.message, default: q.default, theme: theme(q.hint) }).catch(cancelled),
    checkbox: (q) =>
      checkbox({
        message: q.message,
        theme: theme(q.hint),
        choices: q.choices.map((c) => ({ ...c, checked: q.default.includes(c.value) })),
        pageSize: 15,
        validate: q.validate ? (items) => q.validate!(items.map((i) => i.value)) : undefined,
      }).catch(cancelled),
  };
}
