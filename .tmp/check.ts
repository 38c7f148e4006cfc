import { tn89Pack } from '../src/index.js';
const p = tn89Pack();
console.log(p.rules.length);
