import { defineConfig } from 'vitest/config';
import { specsSkippedIn } from './browsers';
import { currentBrowser } from './harness';

// End-to-end specs drive one real browser at a time (2-core machines): no file parallelism.
// LANTERN_BROWSER picks the browser (chromium by default); browsers.ts says which specs run where.
export default defineConfig({
  test: {
    name: `e2e-${currentBrowser()}`,
    environment: 'node',
    include: ['tests/e2e/**/*.e2e.ts'],
    exclude: specsSkippedIn(currentBrowser()).map((file) => `tests/e2e/${file}`),
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 90_000,
  },
});
