/**
 * The background's service worker stops when idle, and Dexie's change notices (a BroadcastChannel)
 * do not wake it: a save in the popup made while it is stopped must still reach an open listing.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ExtensionSession } from './harness';
import { launchWithListings, openTab, waitForMark, waitForMarks } from './marks.page';
import { LISTINGS } from '../fixtures/listings/listings';

let ext: ExtensionSession;
beforeAll(async () => {
  ext = await launchWithListings();
}, 60_000);
afterAll(async () => ext?.close());

/** Stops the extension's service worker, as Chromium does when it is idle, and waits until it has stopped. */
async function stopServiceWorker(page: Page): Promise<void> {
  const cdp = await ext.context.newCDPSession(page);
  const stopped = new Promise<void>((resolve) => {
    cdp.on('ServiceWorker.workerVersionUpdated', ({ versions }) => {
      if (versions.some((v) => v.scriptURL.startsWith(ext.extensionUrl('')) && v.runningStatus === 'stopped')) resolve();
    });
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.stopAllWorkers');
  await stopped;
  await cdp.detach();
}

it('a paper saved in the popup while the service worker is stopped shows as saved on the open listing', async () => {
  const id = 'arxiv:2311.16079';
  const page = await openTab(ext, 'https://arxiv.org/list/cs.CL/new');
  const popup = await ext.openPopup();
  try {
    const before = await waitForMarks(page, LISTINGS[0]!.marked);
    expect(before.find((m) => m.paperId === id)?.status).toBe('none');
    await popup.locator('input[type=search]').fill('MEDITRON-70B Scaling Medical Pretraining');
    const option = `[role=option][data-paper-id="${id}"]`;
    await popup.locator(`${option} [aria-pressed="false"]`).waitFor();
    await stopServiceWorker(page);
    await popup.locator(`${option} [aria-pressed]`).click();
    const marks = await waitForMark(page, (m) => m.paperId === id && m.status !== 'none');
    expect(marks.find((m) => m.paperId === id)?.status).toBe('saved');
  } finally {
    await popup.close();
    await page.close();
  }
}, 45_000);
