import { describe, expect, it } from 'vitest';
import { joinNotes } from '../../lib/notes';

const SEP = '\n--\n';

describe('joinNotes', () => {
  it('keeps both different notes, the first first, the separator between', () => {
    expect(joinNotes('read the methods', 'compare with Med-PaLM', SEP)).toBe(`read the methods${SEP}compare with Med-PaLM`);
    expect(joinNotes('compare with Med-PaLM', 'read the methods', SEP)).toBe(`compare with Med-PaLM${SEP}read the methods`);
  });

  it('adds nothing for an empty note or one the other holds', () => {
    expect(joinNotes('mine', '', SEP)).toBe('mine');
    expect(joinNotes('', 'theirs', SEP)).toBe('theirs');
    expect(joinNotes('', '', SEP)).toBe('');
    expect(joinNotes('read the methods first', 'the methods', SEP)).toBe('read the methods first');
    expect(joinNotes('same', 'same', SEP, false)).toBe('same');
  });

  it('lets the second replace a first it holds, unless told not to', () => {
    expect(joinNotes('the methods', 'read the methods first', SEP)).toBe('read the methods first');
    expect(joinNotes('the methods', 'read the methods first', SEP, false)).toBe(`the methods${SEP}read the methods first`);
    // An empty first note is never kept over a second one.
    expect(joinNotes('', 'theirs', SEP, false)).toBe('theirs');
  });

  it('compares words, not spacing: a note given back with its lines joined is the same note', () => {
    expect(joinNotes('line one\nline two', 'line one line two', SEP, false)).toBe('line one\nline two');
    expect(joinNotes('first  part\n\nsecond part, longer', 'first part second part', SEP)).toBe('first  part\n\nsecond part, longer');
    expect(joinNotes('line one\nline two', 'line one line two, and more', SEP)).toBe('line one line two, and more');
    expect(joinNotes('line one\nline two', 'line one line two, and more', SEP, false)).toBe(`line one\nline two${SEP}line one line two, and more`);
  });

  it('takes a note written again with other spacing as the newer one, when the second may replace the first', () => {
    expect(joinNotes('- item one - item two', '- item one\n- item two', SEP)).toBe('- item one\n- item two');
    expect(joinNotes('- item one - item two', '- item one\n- item two', SEP, false)).toBe('- item one - item two');
  });

  it('holds a note the same without the characters imports drop or compose', () => {
    expect(joinNotes('see \u2067שלום\u2069 and cafe\u0301', 'see שלום and café', SEP, false)).toBe('see \u2067שלום\u2069 and cafe\u0301');
  });
});
