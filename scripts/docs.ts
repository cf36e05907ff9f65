// Writes the generated documents under docs/.
import { writeFileSync } from 'node:fs';
import { eksctlRulesDoc } from '../src/validate/eksctl-rules-doc.ts';

writeFileSync(new URL('../docs/eksctl-rules.md', import.meta.url), eksctlRulesDoc());
console.log('docs/eksctl-rules.md written');
