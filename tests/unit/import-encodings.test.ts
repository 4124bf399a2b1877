/** Imports read whatever encoding and line ends a file was saved with, and never drop an entry silently. */
import { describe, expect, it } from 'vitest';
import { parseBibTeX } from '../../lib/formats/bibtexImport';
import { decodeImportBytes, normalizeImportText } from '../../lib/formats/importResult';
import { parseJSONBackup, toJSONBackup } from '../../lib/formats/jsonBackup';
import { savedItem } from '../fixtures/imports/savedItems';

const TWO_ENTRIES = ['% Exported from a reference manager', '@article{one, title={First Paper}, author={Nori, Harsha}, year={2023}}', '% a comment between the entries', '@article{two, title={Second Paper}, author={{World Health Organization}}, year={2024}}', ''];

function titles(text: string): string[] {
  const result = parseBibTeX(text);
  if (!result.ok) throw new Error(result.error);
  return result.items.map((item) => item.paper.title);
}

function utf16(text: string, littleEndian: boolean, bom: boolean): Uint8Array {
  const bytes = new Uint8Array((text.length + (bom ? 1 : 0)) * 2);
  const view = new DataView(bytes.buffer);
  [...(bom ? '\uFEFF' : ''), ...text].forEach((char, i) => view.setUint16(i * 2, char.charCodeAt(0), littleEndian));
  return bytes;
}

describe('BibTeX line ends', () => {
  for (const [name, end] of [['LF', '\n'], ['CRLF', '\r\n'], ['CR only', '\r']] as const) {
    it(`imports both entries of a file with ${name} line ends and "%" comments before and between them`, () => {
      expect(titles(TWO_ENTRIES.join(end))).toEqual(['First Paper', 'Second Paper']);
    });
  }

  it('imports the second entry when a comment line sits between two entries on CR-only lines (the report’s file)', () => {
    const text = '@article{one, title={First Paper}, year={2023}}\r% exported by a tool\r@article{two, title={Second Paper}, year={2024}}\r';
    expect(titles(text)).toEqual(['First Paper', 'Second Paper']);
  });
});

describe('encodings', () => {
  const text = TWO_ENTRIES.join('\r\n').replace('Nori, Harsha', 'Müller, Jörg');
  const expected = ['First Paper', 'Second Paper'];

  it('decodes UTF-8 with and without a byte order mark', () => {
    const utf8 = new TextEncoder().encode(text);
    expect(titles(decodeImportBytes(utf8))).toEqual(expected);
    expect(decodeImportBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8]))).toBe(normalizeImportText(text));
  });

  it('decodes UTF-16 little- and big-endian, with a byte order mark or without', () => {
    for (const littleEndian of [true, false]) {
      for (const bom of [true, false]) {
        expect(decodeImportBytes(utf16(text, littleEndian, bom)), `LE ${littleEndian} BOM ${bom}`).toBe(normalizeImportText(text));
      }
    }
  });

  it('reads bytes that are not UTF-8 as Windows-1252', () => {
    const latin = Uint8Array.from('author={M\u00fcller, J\u00f6rg}', (char) => char.charCodeAt(0));
    expect(decodeImportBytes(latin)).toBe('author={Müller, Jörg}');
  });

  it('reads Windows-1252 whose accented pair happens to be UTF-8 as Windows-1252 still', () => {
    // "é" then a no-break space then "»" is E9 A0 BB: one CJK character in UTF-8.
    const text = 'title={« Le café\u00a0»}, author={Müller, Jürgen and François, René}';
    expect(decodeImportBytes(Uint8Array.from(text, (char) => char.charCodeAt(0)))).toBe(text);
  });

  it('keeps UTF-8 with one stray byte UTF-8: only that byte is lost', () => {
    const utf8 = new TextEncoder().encode('author={Müller, Jörg}');
    expect(decodeImportBytes(new Uint8Array([...utf8, 0xff]))).toBe('author={Müller, Jörg}\ufffd');
  });

  it('keeps names read from a UTF-16 file', () => {
    const result = parseBibTeX(decodeImportBytes(utf16(text, true, true)));
    expect(result.ok && result.items[0]!.paper.authorList.names).toEqual([{ family: 'Müller', given: 'Jörg' }]);
  });

  it('reads a JSON backup saved with a byte order mark and CRLF line ends', () => {
    const backup = toJSONBackup([savedItem({ id: 'title:t', title: 'T' })], { exportedAt: 1 }).replace(/\n/g, '\r\n');
    expect(parseJSONBackup(`\uFEFF${backup}`).ok).toBe(true);
  });
});

describe('unreadable entries', () => {
  it('are named by line, and nothing is imported', () => {
    const text = ['@article{a, title={One}, year={2023}}', '', '@article{b, title={Two} year={2023}}', '@article{c, title={Three}}'].join('\r');
    const result = parseBibTeX(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toMatch(/^Line 3: .*entry 'b'/);
    expect(result.error).toMatch(/Nothing was imported/);
  });

  it('are every one named by its line, not only the first', () => {
    const text = [
      '@article{a, title={One}, year={2023}}', // line 1: fine
      '@article{b, title={Two} year={2023}}', // line 2: a comma is missing
      '% a comment',
      '@article{c, title={Three}}', // line 4: fine
      '@article{d, title = {Four {unclosed}, year = {2023}', // line 5: a brace never closed…
      '}', // …until here, inside the entry
      '@article{e, title = "Five}', // line 7: a quote never closed
      '@article{f, title={Six}, journal = undefinedMacro}', // line 8: an abbreviation never defined
      '@article{g, title={Seven}}', // line 9: fine
    ].join('\r');
    const result = parseBibTeX(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error).toBe('4 entries could not be read (lines 2, 5, 7, 8). Nothing was imported; fix the file and try again.');
    expect(result.problems).toEqual([
      "Line 2: a comma is missing before the field \"year\" in entry 'b'",
      "Line 5: unbalanced braces in entry 'd' (the entry is still open where the next one starts)",
      "Line 7: a quoted value is never closed in entry 'e'",
      "Line 8: the abbreviation \"undefinedMacro\" is used but never defined with @string in entry 'f'",
    ]);
  });

  it('past ten, are counted in the message and each still named', () => {
    const text = Array.from({ length: 12 }, (_, n) => `@article{k${n}, title={T${n}} year={2023}}`).join('\n');
    const result = parseBibTeX(text);
    expect(!result.ok && result.error).toBe('12 entries could not be read (lines 1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 2 more). Nothing was imported; fix the file and try again.');
    expect(!result.ok && result.problems?.map((problem) => /^Line (\d+): .* in entry 'k(\d+)'$/.exec(problem)?.slice(1).map(Number))).toEqual(
      Array.from({ length: 12 }, (_, n) => [n + 1, n]),
    );
  });
});
