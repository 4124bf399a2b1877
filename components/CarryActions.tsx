import { CITATION_FORMATS, CITATION_NAMES, citation, copyToClipboard, unsavedItem, type CitationFormat } from '../lib/formats/citation';
import type { Paper } from '../lib/types';
import { useRef } from 'preact/hooks';
import { DrawnChoice, DrawnWords } from './DrawnWords';

/** Keys that move a closed select's choice without choosing: arrows, Home/End, Page Up/Down, a letter. */
const BROWSING_KEYS = /^(?:Arrow(?:Up|Down|Left|Right)|Home|End|Page(?:Up|Down)|[^ ])$/;
/** Keys that open a select's list. */
const OPENING_KEYS = /^(?: |F4)$/;

export interface CarryActionsProps {
  /** Zotero has confirmed this paper. */
  inZotero: boolean;
  /** A send is in flight. */
  sending?: boolean;
  /** Paper title, for accessible names. */
  title: string;
  onSend: () => void;
  onCopy: (format: CitationFormat) => void;
  class?: string;
}

/**
 * "Send to Zotero" and "Cite…" (copy a citation) for one paper, with "In Zotero" once Zotero confirmed it.
 * A citation is copied when a format is chosen: picked from the open list (mouse, Space, Alt+Down),
 * or Enter after the arrow keys moved the closed menu to it; a format left unchosen is reset.
 * `[data-action=send-to-zotero]` and `[data-action=copy-citation]` are contracts for automation.
 * Clicks do not reach the surrounding row (a popup result opens its paper on click).
 */
export function CarryActions({ inZotero, sending = false, title, onSend, onCopy, class: className }: CarryActionsProps) {
  const browsing = useRef(false);
  const copy = (select: HTMLSelectElement) => {
    const format = select.value as CitationFormat | '';
    select.value = '';
    if (format) onCopy(format);
  };
  // The list opens on "Cite…", so that picking the format browsed to is a change too.
  const pickFromList = (select: HTMLSelectElement) => {
    browsing.current = false;
    select.value = '';
  };
  return (
    <span class={`carry-actions${className ? ` ${className}` : ''}`} onClick={(e) => e.stopPropagation()}>
      <button
        type="button"
        class="carry-send"
        data-action="send-to-zotero"
        aria-busy={sending}
        disabled={sending}
        aria-label={`${inZotero ? 'Send again to Zotero' : 'Send to Zotero'}: ${title}`}
        onClick={(e) => {
          e.stopPropagation();
          onSend();
        }}
      >
        <DrawnChoice shown={sending ? 'Sending…' : 'Send to Zotero'} among={['Send to Zotero', 'Sending…']} />
      </button>
      {/* Always there: a page's card keeps its layout whatever Zotero said (Badge.css hides it, pages.css removes it). */}
      <span class="in-zotero" data-in-zotero={inZotero ? '' : undefined}>
        <DrawnWords words="In Zotero" />
      </span>
      <select
        class="carry-cite"
        data-action="copy-citation"
        aria-label={`Copy citation of ${title}: choose a format`}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            copy(e.currentTarget);
            return;
          }
          // Space, Alt+Down and F4 open the list, where a choice is a pick, as with the mouse.
          if (OPENING_KEYS.test(e.key) || (e.altKey && /^Arrow(?:Up|Down)$/.test(e.key))) pickFromList(e.currentTarget);
          else browsing.current = BROWSING_KEYS.test(e.key);
        }}
        onPointerDown={(e) => pickFromList(e.currentTarget)}
        onBlur={(e) => {
          // A format browsed to and left was not chosen: the menu says "Cite…" again.
          browsing.current = false;
          e.currentTarget.value = '';
        }}
        onChange={(e) => {
          // A closed select changes with the arrow keys too: that is browsing, and Enter copies.
          if (!browsing.current) copy(e.currentTarget);
          browsing.current = false;
        }}
      >
        <option value="">Cite…</option>
        {CITATION_FORMATS.map(({ format, label }) => (
          <option value={format} key={format}>
            {label}
          </option>
        ))}
      </select>
    </span>
  );
}

/** A page's "Send to Zotero" as its caller keeps it: Zotero's answer, a send in flight, the last outcome. */
export interface ZoteroOnPage {
  inZotero: boolean;
  sending: boolean;
  /** The last outcome in plain words ("Sent to Zotero.", "Zotero isn't running…"). */
  notice?: string;
  onSend: () => void;
  /** Shows a sentence where the outcome goes (a copied citation says so there too). */
  onNotice: (text: string) => void;
}

/** CarryActions for one listed paper in a page's card (the badge, a mark's card), with the outcome under them. */
export function PaperCarry({ paper, zotero }: { paper: Paper; zotero: ZoteroOnPage }) {
  return (
    <div class="carry">
      <CarryActions
        inZotero={zotero.inZotero}
        sending={zotero.sending}
        title={paper.title}
        onSend={zotero.onSend}
        onCopy={(format) => void copyToClipboard(citation(unsavedItem(paper), format), CITATION_NAMES[format]).then(zotero.onNotice)}
      />
      {/* Drawn: what the reader did with Zotero or the clipboard is not the page's to find. */}
      {zotero.notice && (
        <p class="carry-notice" role="status">
          <DrawnWords words={zotero.notice} />
        </p>
      )}
    </div>
  );
}
