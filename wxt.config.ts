import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Parallel builds (tests, benchmarks) can each use their own output folder.
  outDir: process.env.LANTERN_OUT_DIR ?? '.output',
  vite: () => ({ plugins: [preact()] }),
  manifest: {
    name: 'Lantern',
    description:
      'Recognizes papers from the curated "LLMs in Medicine" list wherever you read, with instant search and a personal reading list.',
    permissions: ['storage'],
  },
});
