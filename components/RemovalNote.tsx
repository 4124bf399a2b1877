/**
 * The line under a Save button when unsaving is at stake, shared by the badge, a mark's card
 * and the popup: "Remove?" for a saved paper that holds the user's note or tags (asked once,
 * right where the button is, never with window.confirm), or "Removed · Undo" for a paper still
 * restorable (lib/db/readingList.ts keeps removed papers whole for 30 days). Clicks stay here:
 * in the popup the row around it opens the paper. Its words are drawn (DrawnWords): a page must
 * not find out that the reader removed its paper.
 */
import { useEffect, useRef } from 'preact/hooks';
import { DrawnWords } from './DrawnWords';

export type Removal = { kind: 'asking'; onRemove: () => void; onKeep: () => void } | { kind: 'removed'; onUndo: () => void };

export function RemovalNote({ removal, title }: { removal: Removal; title: string }) {
  const keepRef = useRef<HTMLButtonElement>(null);
  // The question takes the focus from the button that raised it: Enter then keeps the paper.
  useEffect(() => {
    if (removal.kind === 'asking') keepRef.current?.focus();
  }, [removal.kind]);
  if (removal.kind === 'asking') {
    return (
      <p class="removal-note" role="alertdialog" aria-label={`Remove ${title}?`} data-confirm-remove="" onClick={(e) => e.stopPropagation()}>
        <DrawnWords words="Your note and tags go with it (restorable for 30 days). Remove?" />
        <button type="button" class="text-button" aria-label="Remove" onClick={removal.onRemove}>
          <DrawnWords words="Remove" />
        </button>
        <button type="button" class="text-button" aria-label="Keep" ref={keepRef} onClick={removal.onKeep}>
          <DrawnWords words="Keep" />
        </button>
      </p>
    );
  }
  return (
    <p class="removal-note" role="status" data-removed="" onClick={(e) => e.stopPropagation()}>
      <DrawnWords words="Removed from your reading list." />
      <button type="button" class="text-button" aria-label={`Undo: save ${title} again with its note and tags`} onClick={removal.onUndo}>
        <DrawnWords words="Undo" />
      </button>
    </p>
  );
}
