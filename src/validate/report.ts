// The validator's findings for people (formatHuman) and for programs (formatJson).
import type { Severity, ValidateResult } from './types.ts';

export function summarize(r: ValidateResult) {
  const count = (s: Severity) => r.findings.filter((f) => f.severity === s).length;
  return {
    errors: count('error'),
    warnings: count('warning'),
    unchecked: count('unchecked'),
    resources: r.resources,
    ...(r.files !== undefined ? { files: r.files } : {}),
  };
}

export function formatHuman(r: ValidateResult, { color }: { color: boolean }): string {
  const c = (code: string, s: string) => (color ? `\x1b[${code}m${s}\x1b[0m` : s);
  const mark: Record<Severity, string> = { error: c('31', 'error'), warning: c('33', 'warn '), unchecked: c('36', 'skip ') };
  const lines: string[] = [];
  let last = '';
  for (const f of r.findings) {
    if (f.file !== last) {
      lines.push(lines.length ? '' : '', c('1', f.file));
      last = f.file;
    }
    const where = `${f.doc !== undefined ? `doc ${f.doc} ` : ''}${f.path || '(document)'}`;
    lines.push(`  ${mark[f.severity]} ${where}: ${f.message} ${c('2', `[${f.rule}]`)}`);
  }
  const s = summarize(r);
  const plural = (n: number, w: string) => `${n} ${w}${n === 1 ? '' : 's'}`;
  const summary = `${plural(s.errors, 'error')}, ${plural(s.warnings, 'warning')}, ${s.unchecked} unchecked in ${plural(s.resources, 'resource')}${s.files !== undefined ? ` (${plural(s.files, 'file')})` : ''}`;
  lines.push('', s.errors ? c('31', `✖ ${summary}`) : c('32', `✔ ${summary}`));
  return `${lines.join('\n').replace(/^\n+/, '')}\n`;
}

/** Stable machine format: `{ version: 1, summary, findings }` with findings in file/doc/path order. */
export function formatJson(r: ValidateResult): string {
  return `${JSON.stringify(
    {
      version: 1,
      summary: summarize(r),
      findings: r.findings.map((f) => ({
        rule: f.rule,
        severity: f.severity,
        file: f.file,
        ...(f.doc !== undefined ? { doc: f.doc } : {}),
        path: f.path,
        message: f.message,
      })),
    },
    null,
    2,
  )}\n`;
}
