/**
 * The badge while a page shows it: its host (BadgeHost) and what the reader does with it (save,
 * collapse, dismiss, send to Zotero), each asked of the background. Part of the UI bundle
 * (badge-ui.js, lib/badgeUi.ts): the content script only finds out whether the page is a listed
 * paper (entrypoints/content/badge.ts) and hands the answer over, so none of this loads on pages
 * that are not.
 */
import { browser } from 'wxt/browser';
import { createBadgeHost } from './BadgeHost';
import { zoteroByMessage } from './zoteroByMessage';
import { sendMessage } from '../lib/messages';
import type { ListedHit } from '../lib/listing/hit';
import type { PageIdentity, PageMatch, ReadingStatus } from '../lib/types';

/** browser.storage.local key: the user's last collapse choice, shared by every tab. */
export const COLLAPSED_KEY = 'badge.collapsed';

export interface ShownBadge {
  readonly paperId: string;
  /** Whether it is collapsed to the pill now (a next paper's badge on this page starts the same). */
  readonly collapsed: boolean;
  /** A newer answer about the same paper (another look at the page). */
  update(identity: PageIdentity, match: PageMatch): void;
  /** The listed papers the page's references cite. */
  setCites(cites: readonly ListedHit[] | undefined): void;
  /**
   * Asks the background again (the reading list changed elsewhere) and shows the answer, unless a
   * save is in flight, a later recheck was asked, or the answer names another paper.
   */
  recheck(): Promise<void>;
  remove(): void;
}

export interface ShowBadgeOptions {
  identity: PageIdentity;
  match: PageMatch;
  /** The previous badge's state on this page; undefined: the user's stored choice. */
  collapsed: boolean | undefined;
  /** The reader closed the badge for this page (it is already removed). */
  onDismiss(): void;
}

/**
 * The card or the pill: the user's last choice, else the pill on small viewports (phones,
 * 200 % zoom), where the card would cover much of the page.
 */
async function readCollapsed(): Promise<boolean> {
  const small = window.innerWidth < 720 || window.innerHeight < 480;
  try {
    const stored = (await browser.storage.local.get(COLLAPSED_KEY))[COLLAPSED_KEY];
    return typeof stored === 'boolean' ? stored : small;
  } catch {
    return small;
  }
}

/**
 * Draws the badge for `options.match` and keeps it up to date; null when the page took the
 * badge's element name for itself (no badge there). Failed messages leave the badge as it was
 * and log nothing: the page's console belongs to the page.
 */
export async function showBadge(doc: Document, options: ShowBadgeOptions): Promise<ShownBadge | null> {
  const collapsedAtStart = options.collapsed ?? (await readCollapsed());
  const host = createBadgeHost(doc);
  if (!host) return null;
  let { identity, match } = options;
  let cites: readonly ListedHit[] | undefined;
  let collapsed = collapsedAtStart;
  let removed = false;
  let saving = false;
  let rechecks = 0;
  const zotero: { inZotero: boolean; sending: boolean; notice?: string } = { inZotero: false, sending: false };

  const draw = () => {
    if (removed) return;
    host.draw({
      match,
      collapsed,
      cites,
      onToggleSave: () => void save(!match.saved),
      onSetStatus: (status) => void save(true, status),
      onCollapsedChange: (next) => {
        collapsed = next;
        draw();
        browser.storage.local.set({ [COLLAPSED_KEY]: next }).catch(() => undefined);
      },
      onDismiss: () => {
        remove();
        options.onDismiss();
      },
      zotero: {
        ...zotero,
        onSend: () => void sendToZotero(),
        onNotice: (text) => {
          zotero.notice = text;
          draw();
        },
      },
    });
  };

  const remove = () => {
    removed = true;
    host.remove();
  };

  /** Saves (with a reading status, when given) or unsaves the paper. */
  const save = async (saved: boolean, status?: ReadingStatus) => {
    // One save at a time; further presses while it is in flight are ignored.
    if (saving) return;
    saving = true;
    const reply = await sendMessage('setSaved', { paperId: match.paper.id, saved, ...(status && { status }) });
    saving = false;
    if (reply.ok) {
      // The reply's state replaces the old one whole: an unsaved paper has no status.
      const { status: _before, ...rest } = match;
      match = { ...rest, ...reply.value };
    }
    draw();
  };

  const sendToZotero = async () => {
    if (zotero.sending) return;
    zotero.sending = true;
    draw();
    const { message, sent } = await zoteroByMessage.sendToZotero(match.paper.id);
    zotero.sending = false;
    zotero.notice = message;
    if (sent) zotero.inZotero = true;
    draw();
  };

  const askInZotero = async () => {
    zotero.inZotero = await zoteroByMessage.inZotero(match.paper.id);
    draw();
  };

  draw();
  void askInZotero();
  return {
    paperId: match.paper.id,
    get collapsed() {
      return collapsed;
    },
    update(nextIdentity, nextMatch) {
      identity = nextIdentity;
      match = nextMatch;
      draw();
    },
    setCites(next) {
      cites = next;
      draw();
    },
    async recheck() {
      if (saving || removed) return;
      // Only the latest recheck counts: the answer to an earlier one (asked on focus, just before
      // a save in the popup) may arrive last and would show the old state.
      const ticket = ++rechecks;
      const reply = await sendMessage('matchPage', identity);
      if (ticket !== rechecks || removed || saving || !reply.ok || reply.value?.paper.id !== match.paper.id) return;
      match = reply.value;
      draw();
    },
    remove,
  };
}
