import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';

// Icons are made in assets/ (tests/tools/render-icons.ts renders assets/icon.svg); they are
// copied to the build's root so the manifest and `browser.action.setIcon` can name them.
const isIconFile = (name: string) => /^icon[-\w]*\.png$/.test(name);
const toolbarButton = { default_title: 'Lantern', default_icon: { 16: 'icon-16.png', 32: 'icon-32.png' } };

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  // Parallel builds (tests, benchmarks) can each use their own output folder.
  outDir: process.env.LANTERN_OUT_DIR ?? '.output',
  vite: () => ({ plugins: [preact()] }),
  hooks: {
    'build:publicAssets': (wxt, files) => {
      const assets = resolve(wxt.config.root, 'assets');
      for (const name of readdirSync(assets).filter(isIconFile)) {
        files.push({ absoluteSrc: resolve(assets, name), relativeDest: name });
      }
    },
  },
  manifest: {
    name: 'Lantern',
    description:
      'Recognizes papers from the curated "LLMs in Medicine" list wherever you read, with instant search and a personal reading list.',
    permissions: ['storage'],
    icons: { 16: 'icon-16.png', 32: 'icon-32.png', 48: 'icon-48.png', 96: 'icon-96.png', 128: 'icon-128.png' },
    action: toolbarButton,
    // WXT 0.21 builds MV2's browser_action from the popup alone (dropping `action`'s icon); MV3 builds drop this key.
    browser_action: toolbarButton,
  },
});
