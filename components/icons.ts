/**
 * Lantern's two page glyphs as data, drawn both by Preact (the badge, a card: EntryView.tsx) and
 * as plain DOM (a mark's chip, drawn before any Preact is on the page: MarkChips.ts), so each
 * is written once.
 */

/** An SVG element: its tag, its attributes, its children. */
export type SvgShape = readonly [tag: string, attributes: Readonly<Record<string, string>>, children?: readonly SvgShape[]];

const ICON_BOX = { 'aria-hidden': 'true', width: '14', height: '14', viewBox: '0 0 16 16' };

/** A small lantern glyph: the only branding. */
export const LANTERN_ICON: SvgShape = [
  'svg',
  { class: 'mark', ...ICON_BOX },
  [
    ['path', { d: 'M6 1.5h4M8 1.5v1.5', stroke: 'currentColor', 'stroke-width': '1.3', 'stroke-linecap': 'round', fill: 'none' }],
    [
      'path',
      {
        d: 'M5 4.5h6l.8 1.6v5.8L11 13.5H5l-.8-1.6V6.1z',
        fill: 'currentColor',
        'fill-opacity': '.18',
        stroke: 'currentColor',
        'stroke-width': '1.2',
        'stroke-linejoin': 'round',
      },
    ],
    ['circle', { cx: '8', cy: '9', r: '1.6', fill: 'currentColor' }],
  ],
];

/**
 * A saved paper's status as a glyph of the Lantern icon's size, in the usual progression of task
 * lists: an empty ring (to read), a half-filled one (reading), a ticked disc (read). Base.css
 * shows the one that the nearest `[data-status]` (a MarkStatus) names, in the icon's place.
 */
export const STATUS_GLYPHS: SvgShape = [
  'svg',
  { class: 'state', ...ICON_BOX },
  [
    ['circle', { class: 'ring', cx: '8', cy: '8', r: '5.6', fill: 'none', stroke: 'currentColor', 'stroke-width': '1.5' }],
    ['path', { class: 'half', d: 'M8 2.4a5.6 5.6 0 0 1 0 11.2z', fill: 'currentColor' }],
    ['circle', { class: 'disc', cx: '8', cy: '8', r: '6.4', fill: 'currentColor' }],
    ['path', { class: 'tick', d: 'M5.1 8.3l2 2 3.8-4.1', fill: 'none', 'stroke-width': '1.7', 'stroke-linecap': 'round', 'stroke-linejoin': 'round' }],
  ],
];

const SVG_NS = 'http://www.w3.org/2000/svg';

/** The shape as DOM elements of `doc`. */
export function svgElement(doc: Document, [tag, attributes, children = []]: SvgShape): SVGElement {
  const element = doc.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  element.append(...children.map((child) => svgElement(doc, child)));
  return element;
}
