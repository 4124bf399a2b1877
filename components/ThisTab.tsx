import type { PageIdentity, Paper, ReadingStatus } from '../lib/types';
import { identityLabel } from '../lib/ids';
import { authorLine } from '../lib/paperDisplay';
import { EntryCard } from './EntryCard';
import { SaveToggle } from './SaveToggle';
import { RemovalNote, type Removal } from './RemovalNote';
import { StatusPicker } from './StatusPicker';

export type TabPaper =
  | { kind: 'listed'; paper: Paper; listNames: string[]; identity?: PageIdentity }
  | { kind: 'unlisted'; paperId: string; identity: PageIdentity };

export interface ThisTabProps {
  tab: TabPaper;
  saved: boolean;
  /** The saved paper's reading status (absent when not saved). */
  status?: ReadingStatus | undefined;
  busy: boolean;
  onToggleSave: () => void;
  onSetStatus: (status: ReadingStatus) => void;
  /** "Remove?" or "Removed · Undo" under Save (components/RemovalNote.tsx). */
  removal?: Removal | undefined;
  onCategory?: (category: string) => void;
  /** The browser's shortcut that saves the current page ("Alt+Shift+S"), when one is set. */
  shortcut?: string | null;
}

/** What a page identifies itself as, in a few words: its title, else its strongest id. */
export function pageLabel(identity: PageIdentity): string {
  return identity.title || identityLabel(identity);
}

/** "This tab": the listed paper the active tab shows, or an offer to save an unlisted one. */
export function ThisTab({ tab, saved, status, busy, onToggleSave, onSetStatus, removal, onCategory, shortcut }: ThisTabProps) {
  return (
    <section class="this-tab" aria-labelledby="this-tab-heading" data-this-tab={tab.kind} data-paper-id={tab.kind === 'listed' ? tab.paper.id : undefined}>
      <h2 class="section-heading" id="this-tab-heading">
        This tab
        {tab.kind === 'listed' && tab.listNames.length > 0 && <span class="this-tab-note" title={tab.listNames.join(", ")}> · in {tab.listNames.join(', ')}</span>}
        {tab.kind === 'unlisted' && <span class="this-tab-note"> · not in the list</span>}
      </h2>
      {tab.kind === 'listed' ? (
        <EntryCard paper={tab.paper} saved={saved} busy={busy} onToggleSave={onToggleSave} onCategory={onCategory} />
      ) : (
        <div class="this-tab-unlisted">
          <p class="entry-title">{pageLabel(tab.identity)}</p>
          {tab.identity.authors && tab.identity.authors.length > 0 && (
            <p class="entry-authors">{authorLine(tab.identity.authors)}</p>
          )}
          {saved ? (
            <SaveToggle saved busy={busy} onToggle={onToggleSave} title={pageLabel(tab.identity)} />
          ) : (
            <button type="button" class="save-this" disabled={busy} onClick={onToggleSave}>
              Save this paper
            </button>
          )}
        </div>
      )}
      {saved && status && <StatusPicker status={status} onSetStatus={onSetStatus} title={tab.kind === 'listed' ? tab.paper.title : pageLabel(tab.identity)} />}
      {removal && <RemovalNote removal={removal} title={tab.kind === 'listed' ? tab.paper.title : pageLabel(tab.identity)} />}
      {shortcut && !saved && (
        <p class="this-tab-shortcut" data-shortcut={shortcut}>
          On the page, <kbd>{shortcut}</kbd> saves it too.
        </p>
      )}
    </section>
  );
}
