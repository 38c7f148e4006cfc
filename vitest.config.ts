import { defineConfig } from 'vitest/config';

// Two projects, sized for a 2-core machine (see scripts/run-tests.mjs):
// - `dates`: everything that computes dates or renders them (calendar, law
//   scenarios, reports, registers, orders). Run under two time zones.
// - `slow`: the packed package, type and docs builds, differential and
//   property runs, hostile inputs. Their answers do not depend on the zone
//   (they compare two evaluations in one process, or check files), so they
//   run once.
export const SLOW = [
  'test/e2e/**/*.test.ts',
  'test/hardening/package.test.ts',
  'test/hardening/docs.test.ts',
  'test/hardening/scale.test.ts',
  'test/hardening/hostile-*.test.ts',
  'test/hardening/properties*.test.ts',
  'test/batch/differential*.test.ts',
  'test/batch/memory.test.ts',
  'test/pretrade/differential.test.ts',
  'test/engine/generated-outcomes.test.ts',
  'test/playground/playground.browser.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
    projects: [
      // Not isolated: the files share one module graph per worker, which halves
      // the suite's CPU time (measured: 77 s against 164 s of user time for
      // this project). No test here mocks modules or keeps global state.
      { extends: true, test: { name: 'dates', include: ['test/**/*.test.ts'], exclude: SLOW, isolate: false } },
      { extends: true, test: { name: 'slow', include: SLOW, testTimeout: 300_000 } },
    ],
  },
});
