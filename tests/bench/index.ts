/**
 * `npm run bench`: runs each area's figures in order, from one run; `npm run bench -- linear search`
 * runs only the areas named. Each area adds its module (exporting `run()`) to `AREAS` here. The
 * Chromium figures use one fresh build of the working tree (or $LANTERN_EXT_DIR).
 */
import { execFileSync } from 'node:child_process';

const AREAS = ['catalog', 'linear', 'search', 'popup', 'readinglist', 'library', 'badge', 'marks', 'refresh', 'sync'];
const named = process.argv.slice(2);
const unknown = named.filter((area) => !AREAS.includes(area));
if (unknown.length > 0) throw new Error(`Unknown bench area: ${unknown.join(', ')} (areas: ${AREAS.join(', ')})`);
const areas = named.length > 0 ? named : AREAS;

if (!process.env.LANTERN_EXT_DIR) {
  execFileSync('npx', ['wxt', 'build'], { env: { ...process.env, LANTERN_OUT_DIR: '.output-bench' }, stdio: 'ignore' });
  process.env.LANTERN_EXT_DIR = '.output-bench/chrome-mv3';
}

// Each area in a fresh Node process: one area's heap (the 100k-paper corpora) must not slow the
// next one's harness, which serves the pages and lists the extension fetches.
for (const area of areas) {
  execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', '-e', `await (await import('./tests/bench/${area}.ts')).run()`], {
    env: process.env,
    stdio: 'inherit',
  });
}
