import { useState } from 'preact/hooks';

export interface TagEditorProps {
  tags: readonly string[];
  /** The id of the page's <datalist> of tags in use (autocomplete). */
  suggestionsId: string;
  /** Whose tags these are, for the controls' accessible names. */
  label: string;
  onChange: (tags: string[]) => void;
}

/** A saved paper's tags: chips with a remove button, and a field that adds on Enter or comma. */
export function TagEditor({ tags, suggestionsId, label, onChange }: TagEditorProps) {
  const [draft, setDraft] = useState('');
  // Reads the field itself: a pick from the autocomplete list may come before the typed state.
  const add = (text: string) => {
    const added = text.split(',').map((t) => t.trim()).filter((t) => t !== '');
    setDraft('');
    if (added.length > 0) onChange([...tags, ...added]);
  };
  return (
    <div class="tag-editor">
      {tags.length > 0 && (
        <ul class="tags" aria-label={`Tags of ${label}`}>
          {tags.map((tag) => (
            <li class="tag" key={tag}>
              <span class="tag-text">{tag}</span>
              <button
                type="button"
                class="tag-remove"
                aria-label={`Remove tag ${tag} from ${label}`}
                onClick={() => onChange(tags.filter((t) => t !== tag))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      <input
        class="tag-input"
        type="text"
        name="tag"
        list={suggestionsId}
        placeholder="Add tag"
        aria-label={`Add a tag to ${label}`}
        value={draft}
        onInput={(e) => setDraft(e.currentTarget.value)}
        onKeyDown={(e) => {
          if (e.key === 'Enter' || e.key === ',') {
            e.preventDefault();
            add(e.currentTarget.value);
          }
        }}
        // A tag picked from the autocomplete list, or typed and left, is added too.
        onChange={(e) => add(e.currentTarget.value)}
      />
    </div>
  );
}
