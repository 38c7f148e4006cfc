// Writes rules/tn-89-2558/COVERAGE.md from coverage.yaml and the rules. A test fails when it is stale.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { builtInRulesDirectory, coverageMarkdown } from '../src/index.js';

const file = join(builtInRulesDirectory(), 'tn-89-2558', 'COVERAGE.md');
writeFileSync(file, coverageMarkdown());
console.log(`wrote ${file}`);
