import type { Ref } from 'preact';

export interface SearchBoxProps {
  value: string;
  onInput: (value: string) => void;
  onKeyDown: (e: KeyboardEvent) => void;
  listId: string;
  activeId?: string;
  inputRef?: Ref<HTMLInputElement>;
  placeholder?: string;
}

/** The search box, a combobox over the results listbox: focus stays here while ↑/↓ move. */
export function SearchBox({ value, onInput, onKeyDown, listId, activeId, inputRef, placeholder }: SearchBoxProps) {
  return (
    <div class="searchbox">
      <svg class="searchbox-icon" aria-hidden="true" width="16" height="16" viewBox="0 0 24 24">
        <circle cx="11" cy="11" r="7" fill="none" stroke="currentColor" stroke-width="2" />
        <path d="M20 20l-4-4" stroke="currentColor" stroke-width="2" stroke-linecap="round" />
      </svg>
      <input
        ref={inputRef}
        type="search"
        role="combobox"
        list={undefined}
        aria-label="Search the list"
        aria-controls={listId}
        aria-expanded="true"
        aria-autocomplete="list"
        aria-activedescendant={activeId}
        autocomplete="off"
        spellcheck={false}
        autoFocus
        placeholder={placeholder}
        value={value}
        onInput={(e) => onInput(e.currentTarget.value)}
        onKeyDown={onKeyDown}
      />
    </div>
  );
}
