import { DrawnChoice } from './DrawnWords';

/** The one save toggle, shared by the badge, the popup and the library. */
export interface SaveToggleProps {
  saved: boolean;
  onToggle: () => void;
  /** True while a save/unsave is in flight. */
  busy?: boolean;
  /** Paper title, for the accessible name ("Save “Title”"). */
  title?: string;
  class?: string;
}

export function SaveToggle({ saved, onToggle, busy = false, title, class: className }: SaveToggleProps) {
  const action = saved ? 'Remove from reading list' : 'Save to reading list';
  return (
    <button
      type="button"
      class={`lantern-save${saved ? ' is-saved' : ''}${className ? ` ${className}` : ''}`}
      aria-pressed={saved}
      aria-busy={busy}
      disabled={busy}
      title={action}
      aria-label={title ? `${action}: ${title}` : action}
      onClick={(e) => {
        e.stopPropagation();
        onToggle();
      }}
    >
      <svg aria-hidden="true" width="14" height="14" viewBox="0 0 24 24">
        <path
          d="M6 3h12a1 1 0 0 1 1 1v17l-7-4.5L5 21V4a1 1 0 0 1 1-1z"
          fill={saved ? 'currentColor' : 'none'}
          stroke="currentColor"
          stroke-width="2"
          stroke-linejoin="round"
        />
      </svg>
      <DrawnChoice shown={saved ? 'Saved' : 'Save'} among={['Save', 'Saved']} />
    </button>
  );
}
