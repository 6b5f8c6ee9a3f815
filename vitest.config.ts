import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
        },
      },
      {
        test: {
          name: 'integration-sqlite',
          include: ['test/integration/**/*.test.ts'],
          env: { OTKLIK_TEST_DB: 'sqlite' },
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'integration-postgres',
          include: ['test/integration/**/*.test.ts'],
          env: { OTKLIK_TEST_DB: 'postgres' },
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // A loaded CI machine can take seconds to answer; journeys wait for what a user waits for.
          expect: { poll: { timeout: 20_000, interval: 100 } },
        },
      },
    ],
  },
});
