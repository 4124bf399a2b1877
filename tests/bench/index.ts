/**
 * `npm run bench`: runs each area's figures in order, from one run. Each area adds its module
 * here. The Chromium figures use one fresh build of the working tree (or $LANTERN_EXT_DIR).
 */
import { execFileSync } from 'node:child_process';
import { run as badge } from './badge';
import { run as catalog } from './catalog';
import { run as library } from './library';
import { run as popup } from './popup';
import { run as readingList } from './readinglist';
import { run as refresh } from './refresh';
import { run as search } from './search';

if (!process.env.LANTERN_EXT_DIR) {
  execFileSync('npx', ['wxt', 'build'], { env: { ...process.env, LANTERN_OUT_DIR: '.output-bench' }, stdio: 'ignore' });
  process.env.LANTERN_EXT_DIR = '.output-bench/chrome-mv3';
}

const areas: Array<[string, () => Promise<void>]> = [['catalog', catalog], ['search', search], ['popup', popup], ['reading list', readingList], ['library', library], ['badge', badge], ['refresh', refresh]];

for (const [, run] of areas) await run();
