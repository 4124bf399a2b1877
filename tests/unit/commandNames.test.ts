/** The save command's shortcut, as the popup and the library show it. */
import { describe, expect, it } from 'vitest';
import { SAVE_COMMAND, saveShortcut } from '../../lib/commandNames';

describe('saveShortcut', () => {
  it('reads the save command’s shortcut by its name, not by a description that mentions saving', () => {
    expect(saveShortcut([{ name: '_execute_action', shortcut: 'Alt+Shift+L' }, { name: SAVE_COMMAND, shortcut: 'Alt+Shift+S' }])).toBe('Alt+Shift+S');
    expect(saveShortcut([{ name: 'other', shortcut: 'Ctrl+S' }])).toBeNull();
  });

  it('is null when the user removed the shortcut (browsers report an empty string)', () => {
    expect(saveShortcut([{ name: SAVE_COMMAND, shortcut: '' }])).toBeNull();
    expect(saveShortcut([])).toBeNull();
  });
});
