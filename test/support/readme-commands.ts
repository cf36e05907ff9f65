// The README's commands as their real clients see them: the sections and their shell lines, each
// line cut into the simple commands it runs (those inside $(...) too), each an argv.

export interface Section {
  title: string;
  lines: string[];
}

/** Every `### title` with the lines of its ```sh block. */
export function readmeSections(readme: string): Section[] {
  const out: Section[] = [];
  const re = /^### (.+)\n\n(?:[^\n]*\n\n)?```sh\n([\s\S]*?)```/gm;
  for (const m of readme.matchAll(re)) out.push({ title: m[1], lines: m[2].split('\n').filter((l) => l.trim() !== '') });
  return out;
}

/** The text of each $(...) in a line, outermost first, and the line with each replaced by a word. */
function substitutions(line: string): { inner: string[]; outer: string } {
  const inner: string[] = [];
  let outer = '';
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote === "'") {
      outer += c;
      if (c === "'") quote = undefined;
      continue;
    }
    if (c === '\\') {
      outer += c + (line[i + 1] ?? '');
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = quote === c ? undefined : quote === undefined ? c : quote;
      outer += c;
      continue;
    }
    // $(...) and the process substitution <(...)
    if ((c === '$' || c === '<') && line[i + 1] === '(') {
      let depth = 1;
      let j = i + 2;
      let q: '"' | "'" | undefined;
      for (; j < line.length && depth > 0; j++) {
        const d = line[j];
        if (q) {
          if (d === q) q = undefined;
          else if (d === '\\' && q === '"') j++;
          continue;
        }
        if (d === '"' || d === "'") q = d;
        else if (d === '(') depth++;
        else if (d === ')') depth--;
      }
      const body = line.slice(i + 2, j - 1);
      inner.push(body);
      outer += 'SUBSTITUTED';
      i = j - 1;
      continue;
    }
    outer += c;
  }
  return { inner, outer };
}

/** Splits at | || && ; outside quotes. */
function pipeline(text: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      cur += c;
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"') cur += text[++i] ?? '';
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      cur += c;
      continue;
    }
    if (c === '\\') {
      cur += c + (text[++i] ?? '');
      continue;
    }
    if (c === '#' && (i === 0 || /\s/.test(text[i - 1]))) break; // a comment to the end of the line
    if (c === ';' || c === '|' || (c === '&' && text[i + 1] === '&')) {
      parts.push(cur);
      cur = '';
      if (text[i + 1] === c) i++;
      continue;
    }
    cur += c;
  }
  parts.push(cur);
  return parts.map((p) => p.trim()).filter(Boolean);
}

/** Shell words with quotes removed; $VAR references are kept as written. */
function words(text: string): string[] {
  const out: string[] = [];
  let cur = '';
  let has = false;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote) quote = undefined;
      else if (c === '\\' && quote === '"' && /["\\$`]/.test(text[i + 1] ?? '')) cur += text[++i];
      else cur += c;
      continue;
    }
    if (c === '"' || c === "'") {
      quote = c;
      has = true;
      continue;
    }
    if (c === '\\') {
      cur += text[++i] ?? '';
      has = true;
      continue;
    }
    if (/\s/.test(c)) {
      if (has || cur) out.push(cur);
      cur = '';
      has = false;
      continue;
    }
    cur += c;
    has = true;
  }
  if (has || cur) out.push(cur);
  return out;
}

const KEYWORDS = new Set(['!', 'if', 'then', 'else', 'elif', 'fi', 'do', 'done', 'until', 'while', '{', '}']);
const REDIRECT = /^(\d*>>?|<|\d*>&\d+)(.*)$/;

/** The argv of every simple command a line runs, substitutions included; tests ([ ]) and loop headers left out. */
export function simpleCommands(line: string): string[][] {
  const { inner, outer } = substitutions(line);
  const out: string[][] = [];
  for (const part of pipeline(outer)) {
    let argv = words(part);
    while (argv.length && KEYWORDS.has(argv[0])) argv = argv.slice(1);
    if (argv[0] === 'for') continue; // `for X in ...`: its list is a substitution, checked below
    while (argv.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(argv[0])) argv = argv.slice(1);
    if (argv[0] === 'export') continue;
    const kept: string[] = [];
    for (let i = 0; i < argv.length; i++) {
      const r = REDIRECT.exec(argv[i]);
      if (r) {
        if (!r[2] && !/&/.test(r[1])) i++; // the file is the next word
        continue;
      }
      kept.push(argv[i]);
    }
    if (kept.length === 0 || kept[0] === '[' || kept[0] === 'true') continue;
    out.push(kept);
  }
  for (const body of inner) out.push(...simpleCommands(body));
  return out;
}
