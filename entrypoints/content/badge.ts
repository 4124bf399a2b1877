/**
 * The content script's one job: identify → ask the background → hand the answer to the badge.
 * The badge itself (drawing, saving, Zotero; components/ShownBadge.ts) is in the UI bundle,
 * fetched only for listed pages (lib/badgeUi.ts). Every listener and timer is tied to WXT's
 * `ctx`, so nothing keeps running once the extension reloads or updates. Failures (no answer,
 * invalid page data) draw nothing and log nothing: the page's console belongs to the page.
 */
import type { ContentScriptContext } from './context';
import { identifyPage, identifyUrl } from '../../lib/page';
import { identityAfterNavigation, type NavigationLook } from '../../lib/inPageNavigation';
import { listenForNotices, sendMessage } from '../../lib/messages';
import type { PageIdentity } from '../../lib/types';
import { badgeUi } from '../../lib/badgeUi';
import type { ShownBadge } from '../../components/ShownBadge';
import type { ListedHit } from '../../lib/listing/hit';

/** What the rest of the content script may tell the badge. */
export interface BadgeControl {
  /** The listed papers the page's references cite ("Cites 7 papers from the list"). */
  setCites(cites: readonly ListedHit[]): void;
  /** The reading list changed from this page (a mark's card): ask again. */
  savedChanged(): void;
}

/**
 * Single-page apps update the document after they change the URL: right after an in-page
 * navigation only the URL is trusted; look again once the document has settled and whenever its
 * head changes after that, trusting only what changed (lib/inPageNavigation.ts), and keep
 * whichever answer comes from the newest look.
 */
const SETTLE_DELAY_MS = 900;
/** The look right after a navigation waits this long, so a burst of address changes is looked at once. */
const RIGHT_AFTER_MS = 50;
/** How long after the settled look a change to the head is still read as the new page's. */
const HEAD_WATCH_MS = 8000;

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
  let shown: ShownBadge | undefined;
  let cites: readonly ListedHit[] | undefined;
  let lookup = 0;
  let lastAsked: string | undefined;
  let dismissedUrl: string | undefined;
  /** What the document said at the last look that trusted it. */
  let documentIdentity: PageIdentity | undefined;

  const remove = () => {
    shown?.remove();
    shown = undefined;
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
    const live = () => ticket === lookup && !ctx.isInvalid;
    const reply = await sendMessage('matchPage', identity);
    if (!live()) return;
    const match = reply.ok ? reply.value : null;
    const ui = match ? await badgeUi() : undefined;
    if (!live()) return;
    if (!match || !ui) return remove();
    if (shown?.paperId === match.paper.id) return shown.update(identity, match);
    const collapsed = shown?.collapsed;
    remove();
    const next = await ui.showBadge(document, {
      identity,
      match,
      collapsed,
      onDismiss: () => {
        dismissedUrl = location.href;
        lastAsked = undefined;
        shown = undefined;
      },
    });
    if (!live()) return next?.remove();
    shown = next ?? undefined;
    if (cites) shown?.setCites(cites);
  };

  // The reading list can change elsewhere (the popup, the library, another tab): the background
  // says so, and coming back to this page asks again, so the save toggle tells the truth.
  const recheck = (evenIfHidden = false) => void ((evenIfHidden || document.visibilityState === 'visible') && shown?.recheck());
  // A page can fire these itself, as often as it likes: only the browser's own count.
  const recheckIfVisible = (event: Event) => event.isTrusted && recheck();
  const recheckNow = () => recheck(true);
  ctx.addEventListener(window, 'focus', recheckIfVisible);
  ctx.addEventListener(document, 'visibilitychange', recheckIfVisible);
  // Saved anywhere while this page is open (entrypoints/background/savedChanges.ts).
  ctx.onInvalidated(listenForNotices(recheckNow));

  ctx.onInvalidated(remove);
  // Sites update the head (title, meta) after the URL, sometimes well after: once settled, each
  // change to it is read again, for a while after each navigation.
  let headWatch: MutationObserver | undefined;
  ctx.onInvalidated(() => headWatch?.disconnect());
  // Only the newest navigation's looks run: a page that changes its address in a burst gets one
  // look right after and one head watch, not one per change.
  let navigations = 0;
  // Called once the address has changed; the site renders the new page after it: look just after.
  ctx.onLocationChange(() => {
    const navigation = ++navigations;
    const newest = () => navigation === navigations;
    const before = documentIdentity;
    const settled = () => void refresh({ look: 'settled', before });
    headWatch?.disconnect();
    ctx.setTimeout(() => {
      if (newest()) void refresh({ look: 'right-after', before });
    }, RIGHT_AFTER_MS);
    ctx.setTimeout(() => {
      if (!newest()) return;
      settled();
      // A page may have no head (removed, or an XHTML page without one): nothing to watch then.
      if (!document.head) return;
      const watch = (headWatch = new MutationObserver(settled));
      watch.observe(document.head, { subtree: true, childList: true, characterData: true, attributeFilter: ['content'] });
      ctx.setTimeout(() => watch.disconnect(), HEAD_WATCH_MS);
    }, SETTLE_DELAY_MS);
  });
  void refresh();
  return {
    setCites(next) {
      cites = next;
      shown?.setCites(next);
    },
    savedChanged: recheckNow,
  };
}
