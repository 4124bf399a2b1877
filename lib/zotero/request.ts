/**
 * "Send to Zotero" from an extension page (popup, library): asks for the optional permission to
 * reach Zotero on this computer (from the click itself, as browsers require), then has the
 * background send. Never throws: every outcome is a sentence for the user.
 */
import { browser } from 'wxt/browser';
import { sendMessage, type Response } from '../messages';
import { ZOTERO_PERMISSION } from './connector';

export type ZoteroReply = Response<'sendToZotero'>;

export const PERMISSION_REFUSED =
  'Lantern can’t reach Zotero without your permission to talk to it on this computer (127.0.0.1:23119). Nothing was sent.';

/**
 * Call synchronously from a click handler: the permission request must start inside the user's
 * gesture (the browser shows no prompt when it is already granted).
 */
export function sendToZoteroFromPage(paperIds: readonly string[]): Promise<ZoteroReply> {
  const asked = browser.permissions.request({ origins: [ZOTERO_PERMISSION] }).catch(() => false);
  return asked.then(async (granted): Promise<ZoteroReply> => {
    if (!granted) return { sent: [], notSent: [...paperIds], ok: false, message: PERMISSION_REFUSED };
    const reply = await sendMessage('sendToZotero', { paperIds: [...paperIds] });
    return reply.ok ? reply.value : { sent: [], notSent: [...paperIds], ok: false, message: `Nothing was sent to Zotero: ${reply.error}` };
  });
}
