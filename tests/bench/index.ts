/** `npm run bench`: runs each area's figures in order. Each area adds its module here. */
import { run as catalog } from './catalog';

const areas: Array<[string, () => Promise<void>]> = [['catalog', catalog]];

for (const [, run] of areas) await run();
