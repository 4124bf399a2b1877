/**
 * One listed entry as the badge and a mark's card show it: title as listed, authors and date,
 * categories, links, Save and the reading status, related entries. Pure view; everything is
 * list data rendered as text, links only when they are http(s).
 */
import { h, type ComponentChildren, type VNode } from 'preact';
import { useRef, useState } from 'preact/hooks';
import type { PageMatch, ReadingStatus } from '../lib/types';
import { categoryLabel } from '../lib/categories';
import { paperDate, primaryUrl, safeLinks, venueAndDate } from '../lib/paperDisplay';
import { displayAuthors } from '../lib/names';
import { SaveToggle } from './SaveToggle';
import { RemovalNote, type Removal } from './RemovalNote';
import { StatusPicker } from './StatusPicker';
import { DrawnWords } from './DrawnWords';
import { LANTERN_ICON, STATUS_GLYPHS, type SvgShape } from './icons';

export const MAX_RELATED = 5;

export interface EntryViewProps {
  match: PageMatch;
  onToggleSave: () => void;
  /** Sets the reading status, saving the paper first when it is not saved. */
  onSetStatus: (status: ReadingStatus) => void;
  /** Distinguishes the "Related" heading's id when several views share one root. */
  idPrefix?: string;
  /** More actions under Save (the badge's "Send to Zotero" and "Copy citation"). */
  extra?: ComponentChildren;
}

export function EntryView({ match, onToggleSave, onSetStatus, idPrefix = 'lantern', extra }: EntryViewProps) {
  const { paper, related, saved } = match;
  // Unsaving a paper with the user's note or tags asks once, here, inside Lantern's closed root
  // (never window.confirm, which the page could stub). The question is for this paper only.
  const [askingFor, setAskingFor] = useState<string | null>(null);
  const asking = askingFor === paper.id && saved;
  const body = useRef<HTMLDivElement>(null);
  const toggle = () => {
    if (saved && match.hasNoteOrTags && !asking) setAskingFor(paper.id);
    else {
      setAskingFor(null);
      onToggleSave();
    }
  };
  // Remove, Keep and Undo go away once pressed: the focus goes to Save first, never to the page.
  const thenFocusSave = (action: () => void) => () => {
    body.current?.querySelector<HTMLButtonElement>('.lantern-save')?.focus();
    action();
  };
  const note: Removal | undefined = asking
    ? { kind: 'asking', onRemove: thenFocusSave(toggle), onKeep: thenFocusSave(() => setAskingFor(null)) }
    : !saved && match.recentlyRemoved
      ? { kind: 'removed', onUndo: thenFocusSave(onToggleSave) }
      : undefined;
  const meta = venueAndDate(paper);
  const authors = displayAuthors(paper.authorList);
  const links = safeLinks(paper.links);
  const neighbours = related.slice(0, MAX_RELATED);
  const relatedHeading = `${idPrefix}-related-heading`;
  return (
    <div class="body" ref={body}>
      <h2 class="title">{paper.title}</h2>
      {match.sharedWith && match.sharedWith.length > 0 && (
        <p class="shared" data-shared>
          This address is listed for {match.sharedWith.length + 1} papers: this one and {match.sharedWith.map((other) => `“${other.title}”`).join(', ')}.
        </p>
      )}
      {(meta || authors) && (
        <p class="meta">
          {authors && <span class="authors">{authors}</span>}
          {authors && meta && ' · '}
          {meta}
        </p>
      )}
      {paper.categories.length > 0 && (
        <ul class="categories" aria-label="Listed under">
          {paper.categories.map((c) => (
            <li key={c} class="category" title={c}>
              {categoryLabel(c, match.listNames)}
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
        <SaveToggle saved={saved} onToggle={toggle} title={paper.title} />
      </div>
      {/* The page can measure the card's box (its host is in the page): saved or not, this row is
          as tall, the status or "Save as" under a note about a removal, which is drawn over it. */}
      <div class="state-row">
        <div class="state-choice" inert={note !== undefined}>
          <StatusPicker status={saved ? match.status : undefined} onSetStatus={onSetStatus} title={paper.title} />
        </div>
        {note && <RemovalNote removal={note} title={paper.title} />}
      </div>
      {extra}
      {neighbours.length > 0 && (
        <section class="related" aria-labelledby={relatedHeading}>
          <h3 id={relatedHeading} class="related-heading">
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
  );
}

/** The names of the lists holding a paper, as the badge and a mark's card say them. */
export function listLabel(listNames: readonly string[]): string {
  return listNames.length > 0 ? listNames.join(', ') : 'your lists';
}

/** "In LLMs in Medicine", a card's header: which lists the reader follows is theirs, so the names are drawn. */
export function InLists({ listNames }: { listNames: readonly string[] }) {
  const lists = listLabel(listNames);
  return (
    <p class="in" title={lists}>
      In{' '}
      <strong>
        <DrawnWords words={lists} />
      </strong>
    </p>
  );
}

/** Lantern's glyph (components/icons.ts). */
export const LanternMark = () => svgNode(LANTERN_ICON);

/** A saved paper's status glyphs (components/icons.ts). */
export const StatusGlyphs = () => svgNode(STATUS_GLYPHS);

function svgNode([tag, attributes, children = []]: SvgShape): VNode {
  return h(tag, attributes, ...children.map(svgNode));
}
