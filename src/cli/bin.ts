// The CLI run from its sources (`tsx src/cli/bin.ts`). The package's executable is dist/cli.cjs,
// built from launch/launcher.ts; everything else lives in main.ts so it can be tested in-process.
import { run } from './run.js';

run(process.argv.slice(2));
