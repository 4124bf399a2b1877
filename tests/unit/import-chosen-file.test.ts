import { describe, expect, it } from 'vitest';
import { importChosenFile } from '../../lib/formats/importFile';
import { parseJSONBackup } from '../../lib/formats/jsonBackup';
import { parseBibTeX } from '../../lib/formats/bibtexImport';

/** A chosen file with this text. */
function chosen(name: string, text: string): Pick<File, 'name' | 'size' | 'arrayBuffer'> {
  const bytes = new TextEncoder().encode(text);
  return { name, size: bytes.length, arrayBuffer: async () => bytes.buffer };
}

/** The import as the pages run it, with the readers' own refusals. */
async function notice(name: string, text: string): Promise<string> {
  const result = await importChosenFile(chosen(name, text), async (fileText, format) => {
    const read = format === 'json' ? parseJSONBackup(fileText) : parseBibTeX(fileText);
    if (!read.ok) return read;
    throw new Error('This test imports broken files only.');
  });
  expect(result.error).toBe(true);
  return result.text;
}

describe('importChosenFile', () => {
  it('says once that nothing was imported from a broken file', async () => {
    const json = await notice('broken.json', '{\n "format": "lantern-backup",\n "version": 1,,\n}');
    expect(json).toMatch(/^Nothing was imported from “broken\.json”: Line 3, column 15: the file is not valid JSON \(.*\)\.$/);
    expect(json.match(/Nothing was imported/g)).toHaveLength(1);
    const bibtex = await notice('garbage.bib', '@article{oops, title = {Unclosed');
    expect(bibtex).toMatch(/^Nothing was imported from “garbage\.bib”: Line 1: .*\. Fix the file and try again\.$/);
    expect(bibtex.match(/Nothing was imported/g)).toHaveLength(1);
  });
});
