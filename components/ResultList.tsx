import { useEffect, useRef } from 'preact/hooks';
import type { Paper, ReadingStatus } from '../lib/types';
import { EntryCard } from './EntryCard';
import { CarryActions } from './CarryActions';
import { RemovalNote, type Removal } from './RemovalNote';
import type { CitationFormat } from '../lib/formats/citation';

export interface ResultListProps {
  id: string;
  label: string;
  papers: readonly Paper[];
  activeIndex: number;
  /** True while the list is about to change (a search in flight). */
  busy?: boolean;
  savedIds: ReadonlySet<string>;
  /** Reading statuses of saved papers, by id. */
  statuses?: ReadonlyMap<string, ReadingStatus> | undefined;
  /** Papers added since the user last saw new entries: marked "New". */
  newIds?: ReadonlySet<string>;
  busyIds: ReadonlySet<string>;
  terms: readonly string[];
  onOpen: (paper: Paper) => void;
  onToggleSave: (paper: Paper) => void;
  /** "Remove?" or "Removed · Undo" under a result's Save, if any (components/RemovalNote.tsx). */
  removal?: (paper: Paper) => Removal | undefined;
  onCategory?: (category: string) => void;
  /** "Send to Zotero" and "Copy citation" on each result. */
  carry?: {
    inZotero: ReadonlySet<string>;
    sending: ReadonlySet<string>;
    onSend: (paper: Paper) => void;
    onCopy: (paper: Paper, format: CitationFormat) => void;
  };
}

/** The id of the option element at `index`, for aria-activedescendant. */
export function optionId(listId: string, index: number): string {
  return `${listId}-option-${index}`;
}

/** Results as a listbox: focus stays in the search box, which points at the active option. */
export function ResultList({
  id,
  label,
  papers,
  activeIndex,
  busy = false,
  savedIds,
  statuses,
  newIds,
  busyIds,
  terms,
  onOpen,
  onToggleSave,
  removal,
  onCategory,
  carry,
}: ResultListProps) {
  const listRef = useRef<HTMLUListElement>(null);
  useEffect(() => {
    if (activeIndex < 0) return;
    const option = listRef.current?.querySelector(`#${CSS.escape(optionId(id, activeIndex))}`);
    option?.scrollIntoView?.({ block: 'nearest' });
  }, [id, activeIndex]);
  return (
    <ul class="results" id={id} role="listbox" aria-label={label} aria-busy={busy} ref={listRef}>
      {papers.map((paper, i) => {
        const note = removal?.(paper);
        return (
          <li
            key={paper.id}
            id={optionId(id, i)}
            role="option"
            aria-selected={i === activeIndex}
            // Named by its title: the controls inside would otherwise make up its name.
            aria-labelledby={`${optionId(id, i)}-title`}
            class={`result${i === activeIndex ? ' is-active' : ''}`}
            data-paper-id={paper.id}
            onClick={() => onOpen(paper)}
          >
            <EntryCard
              paper={paper}
              saved={savedIds.has(paper.id)}
              status={statuses?.get(paper.id)}
              isNew={newIds?.has(paper.id) ?? false}
              busy={busyIds.has(paper.id)}
              onToggleSave={() => onToggleSave(paper)}
              terms={terms}
              inListbox
              onCategory={onCategory}
              titleId={`${optionId(id, i)}-title`}
            />
            {note && <RemovalNote removal={note} title={paper.title} />}
            {carry && (
              <CarryActions
                inZotero={carry.inZotero.has(paper.id)}
                sending={carry.sending.has(paper.id)}
                title={paper.title}
                onSend={() => carry.onSend(paper)}
                onCopy={(format) => carry.onCopy(paper, format)}
              />
            )}
          </li>
        );
      })}
    </ul>
  );
}
