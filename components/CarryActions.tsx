import { CITATION_FORMATS, type CitationFormat } from '../lib/formats/citation';

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
 * "Send to Zotero" and "Copy citation" for one paper, with "In Zotero" once Zotero confirmed it.
 * `[data-action=send-to-zotero]` and `[data-action=copy-citation]` are contracts for automation.
 * Clicks do not reach the surrounding row (a popup result opens its paper on click).
 */
export function CarryActions({ inZotero, sending = false, title, onSend, onCopy, class: className }: CarryActionsProps) {
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
        {sending ? 'Sending…' : 'Send to Zotero'}
      </button>
      {inZotero && (
        <span class="in-zotero" data-in-zotero="">
          In Zotero
        </span>
      )}
      <select
        class="carry-cite"
        data-action="copy-citation"
        aria-label={`Copy citation of ${title}`}
        value=""
        onChange={(e) => {
          const format = e.currentTarget.value as CitationFormat | '';
          e.currentTarget.value = '';
          if (format) onCopy(format);
        }}
      >
        <option value="">Copy citation…</option>
        {CITATION_FORMATS.map(({ format, label }) => (
          <option value={format} key={format}>
            {label}
          </option>
        ))}
      </select>
    </span>
  );
}
