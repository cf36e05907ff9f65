import { build } from 'esbuild';
import fs from 'node:fs';
const r = await build({
  entryPoints: { cli: 'src/cli/run.ts' }, outdir: 'distmeta', bundle: true, splitting: true, format: 'esm', platform: 'node', target: 'node20', minify: true, metafile: true, write: false,
  alias: { inquirer: './scripts/stubs/plop-inquirer.js' }, logLevel: 'error',
});
fs.writeFileSync('/tmp/meta.json', JSON.stringify(r.metafile));
const outs = r.metafile.outputs;
function closure(o, seen = new Set()) { if (seen.has(o) || !outs[o]) return seen; seen.add(o); for (const i of outs[o].imports) if (i.kind === 'import-statement') closure(i.path, seen); return seen; }
for (const [o, v] of Object.entries(outs)) {
  if (!o.endsWith('.js')) continue;
  const c = closure(o); let size = 0; for (const x of c) size += outs[x].bytes;
  const top = Object.entries(v.inputs).sort((a,b)=>b[1].bytesInOutput-a[1].bytesInOutput).slice(0,4).map(([k,x])=>k.replace(/.*node_modules\//,'')+':'+(x.bytesInOutput/1024|0)+'K').join(' ');
  console.log(o.replace('distmeta/',''), (v.bytes/1024|0)+'K', 'static closure', (size/1024|0)+'K', '|', top, '| dyn:', v.imports.filter(i=>i.kind==='dynamic-import').map(i=>i.path.replace('distmeta/','')).join(','));
}
