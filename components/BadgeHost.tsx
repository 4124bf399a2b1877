/**
 * The badge's place on the page: a `<lantern-badge data-paper-id="…">` element with an open
 * shadow root (a stable contract for automation and user scripts) holding the styles and the
 * Preact tree. Part of the UI bundle, badge-ui.js (lib/badgeUi.ts). The host is fixed-positioned with `all: initial`, so it never shifts the page.
 */
import { render } from 'preact';
import badgeCss from './Badge.css?inline';
import { Badge, type BadgeProps } from './Badge';

export const BADGE_TAG = 'lantern-badge';

export interface BadgeHost {
  readonly element: HTMLElement;
  draw(props: BadgeProps): void;
  remove(): void;
}

export function createBadgeHost(doc: Document = document): BadgeHost {
  const element = doc.createElement(BADGE_TAG);
  const shadow = element.attachShadow({ mode: 'open' });
  const style = doc.createElement('style');
  style.textContent = badgeCss;
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
