/** Fails the E2E run up front, in plain words, when this run's browser or build is missing. */
import { accessSync, constants, existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumPath, currentBrowser, defaultExtDir } from './harness';
import { firefoxPath } from './firefox';

export default function setup(): void {
  const browser = currentBrowser();
  const browserPath = browser === 'firefox' ? firefoxPath() : chromiumPath();
  try {
    accessSync(browserPath, constants.X_OK);
  } catch {
    throw new Error(
      browser === 'firefox'
        ? `Firefox E2E tests need Firefox at ${browserPath}: on Debian/Ubuntu run ` +
            '`sudo apt-get install -y firefox-esr`, or set FIREFOX_PATH to a Firefox ESR, Developer Edition or Nightly binary.'
        : `E2E tests need Chromium at ${browserPath}: on Debian/Ubuntu run ` +
            '`sudo apt-get install -y chromium`, or set CHROMIUM_PATH.',
    );
  }
  const extDir = defaultExtDir(browser);
  if (!existsSync(join(extDir, 'manifest.json'))) {
    throw new Error(
      `No extension build at ${extDir}: run \`${browser === 'firefox' ? 'npm run build:firefox' : 'npm run build'}\` first.`,
    );
  }
}
