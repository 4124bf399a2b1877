import { useEffect, useRef, useState } from 'preact/hooks';

/** How long typing may pause before the note is saved (it is also saved on leaving the field). */
export const NOTE_SAVE_DELAY_MS = 800;

export interface NoteEditorProps {
  note: string;
  label: string;
  /** Saves the note; resolves false when it could not be saved (the next pause or blur tries again). */
  onSave: (note: string) => Promise<boolean>;
  /** Each change as it is typed, before the pause that saves it, with the note it is typed over (the last one saved or shown). */
  onDraft?: (note: string, base: string) => void;
}

/**
 * A free-text note, saved while typing (debounced), on blur and when the page is hidden;
 * outside changes show when not editing.
 */
export function NoteEditor({ note, label, onSave, onDraft }: NoteEditorProps) {
  const [draft, setDraft] = useState(note);
  const [editing, setEditing] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const lastSaved = useRef(note);
  const latest = useRef(note);

  useEffect(() => {
    if (!editing) {
      setDraft(note);
      lastSaved.current = note;
      latest.current = note;
    }
  }, [note, editing]);

  const flush = (text: string) => {
    clearTimeout(timer.current);
    if (text === lastSaved.current) return;
    const before = lastSaved.current;
    lastSaved.current = text;
    void onSave(text).then((saved) => {
      // Not saved (storage full, say): the same text left in the field is tried again.
      if (!saved && lastSaved.current === text) lastSaved.current = before;
    });
  };
  // What was typed in the pause is saved when the row goes away (filtered out, re-sorted), and
  // when the page is hidden (a hidden tab may be discarded). A closing page cannot finish a
  // write: onDraft is what keeps the text then (lib/library/noteDrafts.ts).
  const flushRef = useRef(flush);
  flushRef.current = flush;
  useEffect(() => {
    const leave = () => flushRef.current(latest.current);
    const hidden = () => document.visibilityState === 'hidden' && leave();
    document.addEventListener('visibilitychange', hidden);
    return () => {
      document.removeEventListener('visibilitychange', hidden);
      leave();
    };
  }, []);

  return (
    <textarea
      class="note"
      name="note"
      rows={3}
      placeholder="Note"
      aria-label={`Note on ${label}`}
      value={draft}
      onFocus={() => setEditing(true)}
      onInput={(e) => {
        const text = e.currentTarget.value;
        setDraft(text);
        latest.current = text;
        onDraft?.(text, lastSaved.current);
        clearTimeout(timer.current);
        timer.current = setTimeout(() => flush(text), NOTE_SAVE_DELAY_MS);
      }}
      onBlur={(e) => {
        flush(e.currentTarget.value);
        setEditing(false);
      }}
    />
  );
}
