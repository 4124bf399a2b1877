/**
 * The content script's one job: identify → ask the background → draw (or remove) the badge.
 * The drawing code (Preact, styles) is fetched only for listed pages (lib/badgeUi.ts).
 * Every listener and timer is tied to WXT's `ctx`, so nothing keeps running once the extension
 * reloads or updates. Failures (no answer, invalid page data) draw nothing and log nothing:
 * the page's console belongs to the page.
 */
import { browser } from 'wxt/browser';
import type { ContentScriptContext } from 'wxt/utils/content-script-context';
import { identifyPage, identifyUrl } from '../../lib/page';
import { identityAfterNavigation, type NavigationLook } from '../../lib/inPageNavigation';
import { listenForNotices, sendMessage } from '../../lib/messages';
import type { PageIdentity, PageMatch } from '../../lib/types';
import { loadedBadgeUi, type BadgeUi } from '../../lib/badgeUi';
import type { BadgeHost } from '../../components/BadgeHost';
import type { ListedHit } from '../../lib/listing/hit';

/** What the rest of the content script may tell the badge. */
export interface BadgeControl {
  /** The listed papers the page's references cite ("Cites 7 papers from the list"). */
  setCites(cites: readonly ListedHit[]): void;
  /** The reading list changed from this page (a mark's card): ask again. */
  savedChanged(): void;
}

/** browser.storage.local key: the user's last collapse choice, shared by every tab. */
export const COLLAPSED_KEY = 'badge.collapsed';

/**
 * Single-page apps update the document after they change the URL: right after an in-page
 * navigation only the URL is trusted; look again once the document has settled
 * (lib/inPageNavigation.ts), and keep whichever answer comes from the newest look.
 */
const SETTLE_DELAY_MS = 900;

interface Shown {
  host: BadgeHost;
  identity: PageIdentity;
  match: PageMatch;
  collapsed: boolean;
  saving: boolean;
  inZotero: boolean;
  sendingToZotero: boolean;
  zoteroNotice?: string;
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

/** The badge's UI, asking the background to inject it the first time a page needs it. */
async function badgeUi(): Promise<BadgeUi | undefined> {
  const loaded = loadedBadgeUi();
  if (loaded) return loaded;
  const reply = await sendMessage('loadBadgeUi', {});
  return reply.ok && reply.value.loaded ? loadedBadgeUi() : undefined;
}

function identify(url: string): PageIdentity | undefined {
  try {
    return identifyPage(url);
  } catch {
    return undefined;
  }
}

/** After an in-page navigation: which look this is, and what the document said before it. */
interface AfterNavigation {
  look: NavigationLook;
  before: PageIdentity | undefined;
}

export function startBadge(ctx: ContentScriptContext): BadgeControl {
  let shown: Shown | undefined;
  let cites: readonly ListedHit[] | undefined;
  let lookup = 0;
  let lastAsked: string | undefined;
  let dismissedUrl: string | undefined;
  /** What the document said at the last look that trusted it. */
  let documentIdentity: PageIdentity | undefined;

  const remove = () => {
    shown?.host.remove();
    shown = undefined;
  };

  const draw = () => {
    if (!shown) return;
    const current = shown;
    current.host.draw({
      match: current.match,
      collapsed: current.collapsed,
      cites,
      onToggleSave: () => void toggleSave(current),
      onCollapsedChange: (collapsed) => {
        current.collapsed = collapsed;
        draw();
        browser.storage.local.set({ [COLLAPSED_KEY]: collapsed }).catch(() => undefined);
      },
      onDismiss: () => {
        dismissedUrl = location.href;
        lastAsked = undefined;
        remove();
      },
      zotero: {
        inZotero: current.inZotero,
        sending: current.sendingToZotero,
        ...(current.zoteroNotice ? { notice: current.zoteroNotice } : {}),
        onSend: () => void sendToZotero(current),
        onNotice: (text) => {
          current.zoteroNotice = text;
          draw();
        },
      },
    });
  };

  const sendToZotero = async (target: Shown) => {
    if (target.sendingToZotero) return;
    target.sendingToZotero = true;
    draw();
    const reply = await sendMessage('sendToZotero', { paperIds: [target.match.paper.id] });
    if (ctx.isInvalid) return;
    target.sendingToZotero = false;
    target.zoteroNotice = reply.ok ? reply.value.message : `Nothing was sent to Zotero: ${reply.error}`;
    if (reply.ok && reply.value.sent.includes(target.match.paper.id)) target.inZotero = true;
    if (shown === target) draw();
  };

  const askInZotero = async (target: Shown) => {
    const reply = await sendMessage('getInZotero', { paperIds: [target.match.paper.id] });
    if (ctx.isInvalid || shown !== target || !reply.ok) return;
    target.inZotero = reply.value.paperIds.includes(target.match.paper.id);
    draw();
  };

  const toggleSave = async (target: Shown) => {
    // One save at a time; further presses while it is in flight are ignored.
    if (target.saving) return;
    target.saving = true;
    const reply = await sendMessage('setSaved', { paperId: target.match.paper.id, saved: !target.match.saved });
    if (ctx.isInvalid) return;
    target.saving = false;
    if (reply.ok) target.match = { ...target.match, ...reply.value };
    if (shown === target) draw();
  };

  const show = (ui: BadgeUi, identity: PageIdentity, match: PageMatch, collapsed: boolean) => {
    if (shown && shown.match.paper.id === match.paper.id) {
      shown.identity = identity;
      shown.match = match;
      draw();
      return;
    }
    remove();
    const host = ui.createBadgeHost(document);
    // Null when the page took the badge's element name for itself: no badge here.
    if (!host) return;
    shown = { host, identity, match, collapsed, saving: false, inZotero: false, sendingToZotero: false };
    draw();
    void askInZotero(shown);
  };

  const refresh = async (navigation?: AfterNavigation) => {
    const url = location.href;
    if (url === dismissedUrl) return;
    const fromDocument = identify(url);
    let identity = fromDocument;
    if (navigation) {
      identity = identityAfterNavigation(navigation.look, navigation.before, fromDocument, identifyUrl(url));
    }
    if (!navigation || navigation.look === 'settled') documentIdentity = fromDocument;
    if (!identity) {
      lastAsked = undefined;
      remove();
      return;
    }
    const asked = JSON.stringify(identity);
    if (asked === lastAsked) return;
    lastAsked = asked;
    const ticket = ++lookup;
    const [reply, collapsed] = await Promise.all([sendMessage('matchPage', identity), readCollapsed()]);
    if (ticket !== lookup || ctx.isInvalid) return;
    const match = reply.ok ? reply.value : null;
    const ui = match ? await badgeUi() : undefined;
    if (ticket !== lookup || ctx.isInvalid) return;
    if (match && ui) show(ui, identity, match, shown?.collapsed ?? collapsed);
    else remove();
  };

  // The reading list can change elsewhere (the popup, the library, another tab): the background
  // says so, and coming back to this page asks again, so the save toggle tells the truth. Only
  // the latest look counts: the answer to an earlier one (asked on focus, just before a save in
  // the popup) may arrive last and would show the old state.
  let rechecks = 0;
  const recheck = async (evenIfHidden = false) => {
    const current = shown;
    if (!current || current.saving || (!evenIfHidden && document.visibilityState !== 'visible')) return;
    const ticket = ++rechecks;
    const reply = await sendMessage('matchPage', current.identity);
    if (ticket !== rechecks || shown !== current || current.saving || !reply.ok || reply.value?.paper.id !== current.match.paper.id) return;
    current.match = reply.value;
    draw();
  };
  // A page can fire these itself, as often as it likes: only the browser's own count.
  const recheckIfVisible = (event: Event) => void (event.isTrusted && recheck());
  const recheckNow = () => void recheck(true);
  ctx.addEventListener(window, 'focus', recheckIfVisible);
  ctx.addEventListener(document, 'visibilitychange', recheckIfVisible);
  // Saved anywhere while this page is open (entrypoints/background/savedChanges.ts).
  ctx.onInvalidated(listenForNotices(recheckNow));

  ctx.onInvalidated(remove);
  // The event fires while the navigation is starting (before `location` changes): look just after.
  ctx.addEventListener(window, 'wxt:locationchange', () => {
    const before = documentIdentity;
    ctx.setTimeout(() => void refresh({ look: 'right-after', before }), 0);
    ctx.setTimeout(() => void refresh({ look: 'settled', before }), SETTLE_DELAY_MS);
  });
  void refresh();
  return {
    setCites(next) {
      cites = next;
      draw();
    },
    savedChanged: recheckNow,
  };
}
