/**
 * The badge drawn on a listed paper's page (inside the content script's shadow root): a small
 * card in a corner that collapses to a pill. Pure view: state and messaging live with the caller.
 * Everything shown is list data, rendered as text; links only when they are http(s).
 */
import { useEffect, useRef } from 'preact/hooks';
import type { PageMatch } from '../lib/types';
import { categoryLeaf, paperDate, primaryUrl, safeLinks } from '../lib/popup/present';
import { SaveToggle } from './SaveToggle';
import { CarryActions } from './CarryActions';
import { CITATION_NAMES, citation, copyToClipboard, unsavedItem } from '../lib/export/citation';

export const MAX_RELATED = 5;

export interface BadgeProps {
  match: PageMatch;
  collapsed: boolean;
  onToggleSave: () => void;
  onCollapsedChange: (collapsed: boolean) => void;
  /** Hide the badge for this page. */
  onDismiss: () => void;
  /** "Send to Zotero": whether Zotero has the paper, a send in flight, the last outcome, and the send itself. */
  zotero?: { inZotero: boolean; sending: boolean; notice?: string; onSend: () => void; onNotice: (text: string) => void };
}

function listLabel(listNames: readonly string[]): string {
  return listNames.length > 0 ? listNames.join(', ') : 'your lists';
}

const PILL_NAME_MAX = 28;

/** The pill's few words: the list's name when it is short, else just "In the list". */
export function pillLabel(listNames: readonly string[]): string {
  const name = listLabel(listNames);
  return listNames.length > 0 && name.length <= PILL_NAME_MAX ? `In ${name}` : 'In the list';
}

export function Badge({ match, collapsed, onToggleSave, onCollapsedChange, onDismiss, zotero }: BadgeProps) {
  const { paper, related, saved, listNames } = match;
  const lists = listLabel(listNames);
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
        aria-expanded="false"
        aria-label={`Lantern: in ${lists}. Show details`}
        title={paper.title}
        onClick={() => setCollapsed(false)}
      >
        <LanternMark />
        <span class="pill-text">{pillLabel(listNames)}</span>
        {saved && <span class="pill-saved">· Saved</span>}
      </button>
    );
  }

  const meta = [paperDate(paper), paper.venue].filter((s) => s.length > 0).join(' · ');
  const links = safeLinks(paper.links);
  const neighbours = related.slice(0, MAX_RELATED);

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
        <p class="in" title={lists}>
          In <strong>{lists}</strong>
        </p>
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

      <div class="body">
        <h2 class="title">{paper.title}</h2>
        {(meta || paper.authors) && (
          <p class="meta">
            {paper.authors && <span class="authors">{paper.authors}</span>}
            {paper.authors && meta && ' · '}
            {meta}
          </p>
        )}
        {paper.categories.length > 0 && (
          <ul class="categories" aria-label="Listed under">
            {paper.categories.map((c) => (
              <li key={c} class="category" title={c}>
                {categoryLeaf(c)}
              </li>
            ))}
          </ul>
        )}
        <div class="actions">
          {links.length > 0 && (
            <ul class="links" aria-label="Links">
              {links.map((l) => (
                <li key={l.url}>
                  <a class="link" href={l.url} target="_blank" rel="noopener noreferrer" title={l.url}>
                    {l.kind === 'other' ? l.label || 'link' : l.kind}
                  </a>
                </li>
              ))}
            </ul>
          )}
          {/* Never `busy` (which disables the button): a keyboard user would lose focus mid-save. */}
          <SaveToggle saved={saved} onToggle={onToggleSave} title={paper.title} />
        </div>
        {zotero && (
          <div class="carry">
            <CarryActions
              inZotero={zotero.inZotero}
              sending={zotero.sending}
              title={paper.title}
              onSend={zotero.onSend}
              onCopy={(format) => void copyToClipboard(citation(unsavedItem(paper), format), CITATION_NAMES[format]).then(zotero.onNotice)}
            />
            {zotero.notice && (
              <p class="carry-notice" role="status">
                {zotero.notice}
              </p>
            )}
          </div>
        )}
        {neighbours.length > 0 && (
          <section class="related" aria-labelledby="lantern-related-heading">
            <h3 id="lantern-related-heading" class="related-heading">
              Related in the list
            </h3>
            <ol class="related-list">
              {neighbours.map((r) => {
                const url = primaryUrl(r);
                const date = paperDate(r);
                return (
                  <li key={r.id} class="related-item" data-paper-id={r.id}>
                    {url ? (
                      <a class="related-title" href={url} target="_blank" rel="noopener noreferrer" title={r.title}>
                        {r.title}
                      </a>
                    ) : (
                      <span class="related-title" title={r.title}>
                        {r.title}
                      </span>
                    )}
                    {date && <span class="related-date">{date}</span>}
                  </li>
                );
              })}
            </ol>
          </section>
        )}
      </div>
    </section>
  );
}

/** A small lantern glyph: the only branding. */
function LanternMark() {
  return (
    <svg class="mark" aria-hidden="true" width="14" height="14" viewBox="0 0 16 16">
      <path d="M6 1.5h4M8 1.5v1.5" stroke="currentColor" stroke-width="1.3" stroke-linecap="round" fill="none" />
      <path
        d="M5 4.5h6l.8 1.6v5.8L11 13.5H5l-.8-1.6V6.1z"
        fill="currentColor"
        fill-opacity=".18"
        stroke="currentColor"
        stroke-width="1.2"
        stroke-linejoin="round"
      />
      <circle cx="8" cy="9" r="1.6" fill="currentColor" />
    </svg>
  );
}
