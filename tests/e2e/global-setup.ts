/** Fails the E2E run up front, in plain words, when Chromium or the build is missing. */
import { accessSync, constants, existsSync } from 'node:fs';
import { join } from 'node:path';
import { chromiumPath, defaultExtDir } from './harness';

export default function setup(): void {
  const browserPath = chromiumPath();
  try {
    accessSync(browserPath, constants.X_OK);
  } catch {
    throw new Error(
      `E2E tests need Chromium at ${browserPath}: on Debian/Ubuntu run ` +
        '`sudo apt-get install -y chromium`, or set CHROMIUM_PATH.',
    );
  }
  const extDir = defaultExtDir();
  if (!existsSync(join(extDir, 'manifest.json'))) {
    throw new Error(`No extension build at ${extDir}: run \`npm run build\` first.`);
  }
}
