/** `npm run bench`: runs each area's figures in order. Each area adds its module here. */
import { run as badge } from './badge';
import { run as catalog } from './catalog';
import { run as library } from './library';
import { run as popup } from './popup';
import { run as readingList } from './readinglist';
import { run as refresh } from './refresh';
import { run as search } from './search';

const areas: Array<[string, () => Promise<void>]> = [['catalog', catalog], ['search', search], ['popup', popup], ['reading list', readingList], ['library', library], ['badge', badge], ['refresh', refresh]];

for (const [, run] of areas) await run();
