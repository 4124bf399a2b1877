/** "Cite…": a pick copies, keys that only move the choice do not, Enter does. */
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi, type Mock } from 'vitest';
import { CarryActions } from '../../components/CarryActions';
import type { CitationFormat } from '../../lib/formats/citation';
import { freshRoot, unmount } from './pageTest';

let root: HTMLElement;
let onCopy: Mock<(format: CitationFormat) => void>;
beforeEach(() => {
  root = freshRoot();
  onCopy = vi.fn<(format: CitationFormat) => void>();
  act(() => {
    render(<CarryActions inZotero={false} title="A paper" onSend={vi.fn()} onCopy={onCopy} />, root);
  });
});
afterEach(() => unmount(root));

const select = () => root.querySelector('[data-action=copy-citation]') as HTMLSelectElement;
const key = (name: string, init: KeyboardEventInit = {}) => select().dispatchEvent(new KeyboardEvent('keydown', { key: name, bubbles: true, ...init }));
/** The choice moving to `format`, as the browser changes a select. */
const choose = (format: string) => {
  select().value = format;
  select().dispatchEvent(new Event('change', { bubbles: true }));
};

describe('Copy citation', () => {
  it('copies the format picked with the mouse, and goes back to its prompt', () => {
    select().dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    choose('bibtex');
    expect(onCopy).toHaveBeenCalledWith('bibtex');
    expect(select().value).toBe('');
  });

  it('browses with the arrow keys without copying, and copies on Enter', () => {
    key('ArrowDown');
    choose('bibtex');
    expect(onCopy).not.toHaveBeenCalled();
    key('Enter');
    expect(onCopy).toHaveBeenCalledWith('bibtex');
  });

  it('copies a pick after a key that moved nothing, once the pointer or the focus moved', () => {
    key('ArrowUp');
    select().dispatchEvent(new PointerEvent('pointerdown', { bubbles: true }));
    choose('apa');
    expect(onCopy).toHaveBeenCalledWith('apa');
    key('Home');
    select().dispatchEvent(new FocusEvent('blur'));
    choose('bibtex');
    expect(onCopy).toHaveBeenLastCalledWith('bibtex');
  });

  it('copies a pick from the list Alt+Down, Space or F4 opens, even of the format browsed to', () => {
    key('ArrowDown', { altKey: true });
    choose('apa');
    expect(onCopy).toHaveBeenCalledWith('apa');
    for (const opening of [' ', 'F4']) {
      onCopy.mockClear();
      key('ArrowDown');
      choose('bibtex');
      key(opening);
      // The list opens on "Cite…": picking BibTeX again is a change.
      expect(select().value).toBe('');
      choose('bibtex');
      expect(onCopy).toHaveBeenCalledWith('bibtex');
    }
  });

  it('says "Cite…" again when left on a format that was not chosen', () => {
    key('ArrowDown');
    choose('bibtex');
    select().dispatchEvent(new FocusEvent('blur'));
    expect(select().value).toBe('');
    expect(onCopy).not.toHaveBeenCalled();
  });
});
