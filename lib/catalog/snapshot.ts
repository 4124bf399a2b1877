import type { CatalogSnapshot, ParsedList } from '../types';

/** Where the seed list lives upstream; the extension refreshes from here. */
export const SEED_SOURCE_URL = 'https://raw.githubusercontent.com/mingze-yuan/Awesome-LLM-Healthcare/main/README.md';

/** The snapshot for a parsed list. Entries keep their order of first appearance, so output is deterministic. */
export function toSnapshot(parsed: ParsedList, sourceUrl: string, sourceDate: string, name = parsed.name): CatalogSnapshot {
  return { format: 1, name, sourceUrl, sourceDate, entries: parsed.entries };
}

export function serializeSnapshot(snapshot: CatalogSnapshot): string {
  return `${JSON.stringify(snapshot, null, 2)}\n`;
}
