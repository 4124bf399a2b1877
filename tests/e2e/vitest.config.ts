import { defineConfig } from 'vitest/config';

// End-to-end specs drive one real Chromium at a time (2-core machines): no file parallelism.
export default defineConfig({
  test: {
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
