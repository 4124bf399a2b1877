/**
 * The E2E specs run in Chromium and in Firefox (tests/e2e/browsers.ts): an extension page's
 * address comes from `ext.extensionUrl(…)`, since Firefox's is moz-extension://<uuid>/. A spec
 * with a chrome-extension:// address passes in Chromium and fails only in the Firefox run.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const E2E = join(__dirname, '../e2e');
const specs = readdirSync(E2E).filter((name) => name.endsWith('.e2e.ts'));

describe('E2E specs', () => {
  it.each(specs)('%s names extension pages through ext.extensionUrl', (name) => {
    const lines = readFileSync(join(E2E, name), 'utf8').split('\n');
    expect(lines.filter((line) => line.includes('chrome-extension://'))).toEqual([]);
  });
});
