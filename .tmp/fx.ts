import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { evaluate } from '../src/index.js';
for (const f of process.argv.slice(2)) {
  const input = parse(readFileSync(`fixtures/funds/${f}`, 'utf8'));
  const r = await evaluate(input, { asOf: '2024-06-30' });
  console.log(f, JSON.stringify(r.findings.map((x) => [x.subject.fundId, x.ruleId])));
}
