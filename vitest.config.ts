import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';
import preact from '@preact/preset-vite';

export default defineConfig({
  plugins: [WxtVitest(), preact()],
  test: {
    environment: 'happy-dom',
    include: ['tests/unit/**/*.test.{ts,tsx}'],
    // Tests that write thousands of IndexedDB rows take seconds on a shared, busy machine; speed
    // is measured by `npm run bench`, not here.
    testTimeout: 20_000,
  },
});
