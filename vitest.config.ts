import { configDefaults, defineConfig } from 'vitest/config';

// The unfocused fault hunt (issue 18's acceptance) takes tens of minutes on
// this machine: `npm run test:faults` runs it, `npm test` leaves it out.
const acceptance = process.env.WASMDIFF_ACCEPTANCE === '1';

export default defineConfig({
  test: {
    include: ['{harness,reference-runtime,adapters,corpora,reports}/**/*.test.ts'],
    exclude: acceptance ? configDefaults.exclude : [...configDefaults.exclude, 'harness/fuzz/faults-unfocused.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
