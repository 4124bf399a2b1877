/**
 * A paper's reading status, one press to change: To read · Reading · Read. Shared by the page
 * badge, a mark's card and the popup's "This tab"; each surface styles `.status-picker`. Without
 * a status (the paper is not saved) it offers to save the paper with the one pressed. One tab
 * stop, the arrows move between the choices (a toolbar), and the words are drawn (DrawnWords):
 * a page counting Tab presses or searching the text learns nothing of the reader's state.
 */
import type { ReadingStatus } from '../lib/types';
import { READING_STATUSES, STATUS_LABELS } from '../lib/readingStatus';
import { DrawnChoice, DrawnWords } from './DrawnWords';

export interface StatusPickerProps {
  /** The saved paper's status; undefined: not saved, and a press saves it with that status. */
  status: ReadingStatus | undefined;
  onSetStatus: (status: ReadingStatus) => void;
  /** The paper's title, for the group's accessible name. */
  title: string;
}

/** Left and Right move the focus between the choices, wrapping around, as in a toolbar. */
function moveFocus(e: KeyboardEvent): void {
  const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
  if (step === 0 || !(e.currentTarget instanceof Element)) return;
  const choices = [...e.currentTarget.querySelectorAll<HTMLButtonElement>('.status-choice')];
  const at = choices.indexOf(e.target as HTMLButtonElement);
  if (at < 0) return;
  e.preventDefault();
  choices[(at + step + choices.length) % choices.length]?.focus();
}

export function StatusPicker({ status, onSetStatus, title }: StatusPickerProps) {
  return (
    <div
      class="status-picker"
      role="group"
      aria-label={status ? `Reading status of “${title}”` : `Save “${title}” as`}
      data-reading-status={status}
      onKeyDown={moveFocus}
    >
      {/* Seen, not read out: the group's name says it. */}
      <span class="status-label" aria-hidden="true">
        <DrawnChoice shown={status ? 'Status' : 'Save as'} among={['Status', 'Save as']} />
      </span>
      {READING_STATUSES.map((choice) => (
        <button
          key={choice}
          type="button"
          class="status-choice"
          aria-pressed={choice === status}
          data-status-choice={choice}
          tabIndex={choice === (status ?? READING_STATUSES[0]) ? 0 : -1}
          aria-label={STATUS_LABELS[choice]}
          onClick={() => {
            if (choice !== status) onSetStatus(choice);
          }}
        >
          <DrawnWords words={STATUS_LABELS[choice]} />
        </button>
      ))}
    </div>
  );
}
