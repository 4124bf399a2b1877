/**
 * A saved paper's reading status, one press to change: To read · Reading · Read. Shared by the
 * page badge, a mark's card and the popup's "This tab"; each surface styles `.status-picker`.
 */
import type { ReadingStatus } from '../lib/types';
import { READING_STATUSES, STATUS_LABELS } from '../lib/readingStatus';

export interface StatusPickerProps {
  status: ReadingStatus;
  onSetStatus: (status: ReadingStatus) => void;
  /** The paper's title, for the group's accessible name. */
  title: string;
}

export function StatusPicker({ status, onSetStatus, title }: StatusPickerProps) {
  return (
    <div class="status-picker" role="group" aria-label={`Reading status of “${title}”`} data-reading-status={status}>
      {/* Seen, not read out: the group's name says it. */}
      <span class="status-label" aria-hidden="true">
        Status
      </span>
      {READING_STATUSES.map((choice) => (
        <button
          key={choice}
          type="button"
          class="status-choice"
          aria-pressed={choice === status}
          data-status-choice={choice}
          onClick={() => {
            if (choice !== status) onSetStatus(choice);
          }}
        >
          {STATUS_LABELS[choice]}
        </button>
      ))}
    </div>
  );
}
