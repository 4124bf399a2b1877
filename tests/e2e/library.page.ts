/** The library page as E2E specs open it: wide enough for every column, once its reading list is read. */
import type { Page } from 'playwright-core';
import type { ExtensionSession } from './harness';

export async function openLibrary(ext: ExtensionSession, height = 900): Promise<Page> {
  const page = await ext.openPage('library.html');
  await page.setViewportSize({ width: 1280, height });
  await page.locator('[data-saved-count]').waitFor();
  return page;
}
