import { writeFileSync } from 'node:fs';
import { fundOfType, holder, investor, subscription } from '../../test/helpers/build.js';
const FUND = fundOfType('B', { id: 'M0377_2562', unitholders: [holder('TH-IND-008230', subscription('2022-03-10', '300000.00'))] });
writeFileSync('.tmp/rd/scheme.yaml', JSON.stringify({ funds: [FUND], investors: [investor('TH-IND-008230', 'retail')] }));
writeFileSync('.tmp/rd/somchai.yaml', 'id: TH-IND-000145\ntype: individual\ncategory: retail\ndomicile: TH\n');
