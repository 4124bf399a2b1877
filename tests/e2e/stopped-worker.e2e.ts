/**
 * The background stops when idle (Chromium's service worker, Firefox's event page), and Dexie's
 * change notices (a BroadcastChannel) do not wake it: a save made in the popup while it is stopped
 * must still reach an open listing.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ExtensionSession } from './harness';
import { launchWithListings, openTab, waitForMark, waitForMarks } from './marks.page';
import { LISTINGS } from '../fixtures/listings/listings';

let ext: ExtensionSession;
beforeAll(async () => {
  ext = await launchWithListings();
}, 60_000);
afterAll(async () => ext?.close());

it('a paper saved in the popup while the background is stopped shows as saved on the open listing', async () => {
  const id = 'arxiv:2311.16079';
  const page = await openTab(ext, 'https://arxiv.org/list/cs.CL/new');
  const popup = await ext.openPopup();
  try {
    const before = await waitForMarks(page, LISTINGS[0]!.marked);
    // The listing in front, as a person sees it (a hidden tab asks again only when shown); the popup works behind it.
    await page.bringToFront();
    expect(before.find((m) => m.paperId === id)?.status).toBe('none');
    await popup.locator('input[type=search]').fill('MEDITRON-70B Scaling Medical Pretraining');
    const option = `[role=option][data-paper-id="${id}"]`;
    await popup.locator(`${option} [aria-pressed="false"]`).waitFor();
    await ext.stopBackground();
    await popup.locator(`${option} [aria-pressed]`).click();
    const marks = await waitForMark(page, (m) => m.paperId === id && m.status !== 'none');
    expect(marks.find((m) => m.paperId === id)?.status).toBe('saved');
  } finally {
    await popup.close();
    await page.close();
  }
}, 45_000);
