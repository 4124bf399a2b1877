/**
 * The badge drawn on a listed paper's page (inside the content script's shadow root): a small
 * card in a corner that collapses to a pill. Pure view: state and messaging live with the caller.
 * Everything shown is list data, rendered as text; links only when they are http(s). The list's
 * names and what the reader did are drawn (DrawnWords), out of reach of the page's window.find().
 */
import { useEffect, useRef } from 'preact/hooks';
import type { PageMatch, ReadingStatus } from '../lib/types';
import { DrawnWords } from './DrawnWords';
import { PaperCarry, type ZoteroOnPage } from './CarryActions';
import { markStatus, type ListedHit } from '../lib/listing/hit';
import { STATUS_LABELS } from '../lib/readingStatus';
import { categoryLeaf } from '../lib/categories';
import { citesFromList } from '../lib/listing/summary';
import { EntryView, InLists, LanternMark, StatusGlyphs, listLabel } from './EntryView';

export interface BadgeProps {
  match: PageMatch;
  collapsed: boolean;
  onToggleSave: () => void;
  /** Sets the reading status, saving the paper first when it is not saved. */
  onSetStatus: (status: ReadingStatus) => void;
  onCollapsedChange: (collapsed: boolean) => void;
  /** Hide the badge for this page. */
  onDismiss: () => void;
  /** "Send to Zotero": whether Zotero has the paper, a send in flight, the last outcome, and the send itself. */
  zotero?: ZoteroOnPage;
  /** The listed papers this paper's reference list cites (read from the page). */
  cites?: readonly ListedHit[];
}


const PILL_NAME_MAX = 28;

/** The pill's few words: the list's name when it is short, else just "In the list". */
export function pillLabel(listNames: readonly string[]): string {
  const name = listLabel(listNames);
  return listNames.length > 0 && name.length <= PILL_NAME_MAX ? `In ${name}` : 'In the list';
}

export function Badge({ match, collapsed, onToggleSave, onSetStatus, onCollapsedChange, onDismiss, zotero, cites }: BadgeProps) {
  const { paper, saved, listNames } = match;
  const lists = listLabel(listNames);
  const reading = saved ? (match.status ?? 'to-read') : undefined;
  const state = reading ? STATUS_LABELS[reading] : '';
  // Focus follows the user's own collapse/expand only, never the first mount (no focus theft).
  const toggledByUser = useRef(false);
  const pillRef = useRef<HTMLButtonElement>(null);
  const collapseRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!toggledByUser.current) return;
    toggledByUser.current = false;
    (collapsed ? pillRef : collapseRef).current?.focus();
  }, [collapsed]);

  const setCollapsed = (next: boolean) => {
    toggledByUser.current = true;
    onCollapsedChange(next);
  };

  if (collapsed) {
    return (
      <button
        ref={pillRef}
        type="button"
        class="pill"
        data-status={markStatus(reading)}
        aria-expanded="false"
        aria-label={`Lantern: in ${lists}${state ? ` (${state})` : ''}. Show details`}
        title={state ? `${paper.title}\n${state}` : paper.title}
        onClick={() => setCollapsed(false)}
      >
        {/* The status in the icon's place, its words in the label: the pill is as wide saved or not. */}
        <span class="glyph">
          <LanternMark />
          <StatusGlyphs />
        </span>
        <span class="pill-text">
          <DrawnWords words={pillLabel(listNames)} />
        </span>
      </button>
    );
  }

  return (
    <section
      class="card"
      role="region"
      aria-label={`Lantern: this paper is in ${lists}`}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.stopPropagation();
          setCollapsed(true);
        }
      }}
    >
      <header class="head">
        <LanternMark />
        <InLists listNames={listNames} />
        <button
          ref={collapseRef}
          type="button"
          class="icon-button"
          aria-expanded="true"
          aria-label="Collapse"
          title="Collapse (Esc)"
          onClick={() => setCollapsed(true)}
        >
          <svg aria-hidden="true" width="12" height="12" viewBox="0 0 12 12">
            <path d="M2.5 6h7" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" />
          </svg>
        </button>
        <button type="button" class="icon-button" aria-label="Hide on this page" title="Hide on this page" onClick={onDismiss}>
          <svg aria-hidden="true" width="12" height="12" viewBox="0 0 12 12">
            <path d="M3 3l6 6M9 3l-6 6" stroke="currentColor" stroke-width="1.6" stroke-linecap="round" />
          </svg>
        </button>
      </header>

      <EntryView
        match={match}
        onToggleSave={onToggleSave}
        onSetStatus={onSetStatus}
        extra={zotero && <PaperCarry paper={paper} zotero={zotero} />}
      />
      {cites && cites.length > 0 && <CitesFromList cites={cites} />}
    </section>
  );
}

/** "Cites 7 papers from the list", expandable to the papers, each with its category. */
function CitesFromList({ cites }: { cites: readonly ListedHit[] }) {
  return (
    <details class="cites">
      <summary class="cites-summary">
        {citesFromList(cites.length, true)}
      </summary>
      <ol class="cites-list">
        {cites.map((hit) => (
          <li key={hit.id} class="cites-item" data-paper-id={hit.id}>
            <span class="cites-title" title={hit.title}>
              {hit.title}
            </span>
            {hit.categories[0] && (
              <span class="cites-category" title={hit.categories[0]}>
                {categoryLeaf(hit.categories[0])}
              </span>
            )}
          </li>
        ))}
      </ol>
    </details>
  );
}
