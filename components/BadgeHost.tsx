/**
 * The badge's place on the page: a `<lantern-badge data-paper-id="…">` element (a stable
 * contract for automation and user scripts) with a CLOSED shadow root holding the styles and
 * the Preact tree. The page's scripts see the host element and its data-paper-id, never what the
 * badge shows (the saved state, the list's contents), and cannot drive it: untrusted events are
 * stopped at the root (lib/trusted.ts). Part of the UI bundle, badge-ui.js (lib/badgeUi.ts).
 * The host is fixed-positioned with `all: initial`, so it never shifts the page.
 */
import { render } from 'preact';
import baseCss from './Base.css?inline';
import badgeCss from './Badge.css?inline';
import { closedShadowHost, ignoreUntrustedEvents } from '../lib/trusted';
import { Badge, type BadgeProps } from './Badge';

export const BADGE_TAG = 'lantern-badge';

export interface BadgeHost {
  readonly element: HTMLElement;
  draw(props: BadgeProps): void;
  remove(): void;
}

/**
 * Creates the host and its shadow root (closedShadowHost), or null when the element cannot get
 * its own shadow root: then there is no badge.
 */
export function createBadgeHost(doc: Document = document): BadgeHost | null {
  const made = closedShadowHost(doc, BADGE_TAG);
  if (!made) return null;
  const { host: element, shadow } = made;
  ignoreUntrustedEvents(shadow);
  const style = doc.createElement('style');
  style.textContent = `${baseCss}\n${badgeCss}`;
  const mountPoint = doc.createElement('div');
  shadow.append(style, mountPoint);
  // The root element rather than <body>: frameworks that own <body> (hydration) leave it alone.
  doc.documentElement.append(element);
  return {
    element,
    draw(props) {
      element.dataset.paperId = props.match.paper.id;
      render(<Badge {...props} />, mountPoint);
    },
    remove() {
      render(null, mountPoint);
      element.remove();
    },
  };
}
