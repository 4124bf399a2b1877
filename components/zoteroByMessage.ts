/**
 * "Send to Zotero" from a page's card (the badge, a mark's card), through the background, which
 * checks that the page may name the paper (entrypoints/background/handlers.ts). Part of the UI
 * bundle, so the content script carries none of it.
 */
import { sendMessage } from '../lib/messages';

export const zoteroByMessage = {
  /** Sends one paper: the outcome in plain words, and whether Zotero took it. */
  async sendToZotero(paperId: string): Promise<{ message: string; sent: boolean }> {
    const reply = await sendMessage('sendToZotero', { paperIds: [paperId] });
    return reply.ok ? { message: reply.value.message, sent: reply.value.sent.includes(paperId) } : { message: `Nothing was sent to Zotero: ${reply.error}`, sent: false };
  },
  /** Whether Lantern has sent the paper to Zotero before; false when the background does not say. */
  async inZotero(paperId: string): Promise<boolean> {
    const reply = await sendMessage('getInZotero', { paperIds: [paperId] });
    return reply.ok && reply.value.paperIds.includes(paperId);
  },
};
