import { describe, expect, it } from 'vitest';
import { DEFAULT_MARK_SETTINGS, markSettings } from '../../lib/markSettings';

describe('markSettings', () => {
  it('is on for everything by default, and for any damaged field', () => {
    expect(markSettings(undefined)).toEqual({ listings: true, references: true, suggest: true });
    expect(markSettings('junk')).toEqual(DEFAULT_MARK_SETTINGS);
    expect(markSettings({ listings: 'no', references: 0 })).toEqual(DEFAULT_MARK_SETTINGS);
  });

  it('keeps the reader’s choices', () => {
    expect(markSettings({ listings: false, references: true, suggest: false })).toEqual({ listings: false, references: true, suggest: false });
  });
});
