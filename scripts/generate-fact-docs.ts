// Writes the fact tables of rules/README.md from the fact vocabulary (src/facts/catalog.ts). A test fails when they are stale.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { withFactTables } from '../src/facts/markdown.js';

const file = join(import.meta.dirname, '..', 'rules', 'README.md');
writeFileSync(file, withFactTables(readFileSync(file, 'utf8')));
console.log(`wrote the fact tables of ${file}`);
