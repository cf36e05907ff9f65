// Lists of records given one item per flag: `--node-group name=gpu,min=0` and `--node-pool name=gpu,gpu=true`.

/**
 * A field as the flag spells it, the item's key, and how its text is read; `pairs` is a list whose
 * items hold `=` themselves (taints: key=value:Effect), as a map's do.
 */
export type ItemField = readonly [flag: string, key: string, kind: 'text' | 'list' | 'pairs' | 'int' | 'bool' | 'map'];

/**
 * One flag value (--node-group, --node-pool) as an item. Fields are split at the commas that start a known field, so a
 * list keeps its commas: `instance-types=m7i.large,m6i.large,min=0`, `labels=team=ml,tier=gpu`.
 */
export function parseItemFlag(raw: string, fields: readonly ItemField[]): Record<string, unknown> | string {
  const names = fields.map(([f]) => f);
  // A comma starts a new field when a field name follows; inside a map or pairs, `key=value` is data.
  const holdsPairs = new Set(fields.filter(([, , kind]) => kind === 'map' || kind === 'pairs').map(([f]) => f));
  const parts: string[] = [];
  for (const token of raw.split(',')) {
    const name = /^([a-z][a-z-]*)=/.exec(token)?.[1];
    const current = parts.length ? parts[parts.length - 1].slice(0, parts[parts.length - 1].indexOf('=')) : undefined;
    if (name && names.includes(name)) parts.push(token);
    else if (parts.length === 0 || (name && !holdsPairs.has(current ?? '')))
      return `${JSON.stringify(token)} is not a field; give ${names.join(', ')} as field=value, separated by commas`;
    else parts[parts.length - 1] += `,${token}`;
  }
  const out: Record<string, unknown> = {};
  for (const part of parts) {
    const eq = part.indexOf('=');
    const field = fields.find(([f]) => f === part.slice(0, eq));
    if (eq <= 0 || !field) return `${JSON.stringify(part)} is not a field; give ${names.join(', ')} as field=value, separated by commas`;
    const [flagField, key, kind] = field;
    const value = part.slice(eq + 1).trim();
    const items = value
      .split(',')
      .map((x) => x.trim())
      .filter((x) => x !== '');
    if (kind === 'int') {
      if (!/^\d+$/.test(value)) return `${flagField}: expected a whole number, got ${JSON.stringify(value)}`;
      out[key] = Number(value);
    } else if (kind === 'bool') {
      if (!/^(true|false)$/.test(value)) return `${flagField}: expected true or false, got ${JSON.stringify(value)}`;
      out[key] = value === 'true';
    } else if (kind === 'list' || kind === 'pairs') out[key] = items;
    else if (kind === 'map') {
      const map: Record<string, string> = {};
      for (const kvText of items) {
        const at = kvText.indexOf('=');
        if (at <= 0) return `${flagField}: expected key=value, got ${JSON.stringify(kvText)}`;
        map[kvText.slice(0, at)] = kvText.slice(at + 1);
      }
      out[key] = map;
    } else out[key] = value;
  }
  return out;
}
