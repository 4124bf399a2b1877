/**
 * Author names for export. A saved paper keeps its authors as one display string, as the list
 * writes them ("Harsha Nori et al.", "Liu et al.", "GR-Tech.") or as an import built it
 * ("Harsha Nori, Yin Tat Lee"); bibliographic formats want one structured name per person.
 */

export interface PersonName {
  /** Surname, or the whole name when it is one word (a mononym or an organisation). */
  family: string;
  given?: string;
}

export interface AuthorList {
  names: PersonName[];
  /** The list was cut short ("et al."): BibTeX writes "and others". */
  etAl: boolean;
}

const ET_AL = /[\s,]*\bet\s*al\b\.?\s*$/i;
/** Lower-case name particles that start a surname: "Ludwig van Beethoven" → family "van Beethoven". */
const PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'del', 'della', 'di', 'da', 'du', 'la', 'le', 'dos', 'das', 'ter', 'ten', 'bin', 'al']);
/** A trailing initial ("John A.") keeps its period; a sentence-final period ("GR-Tech.") does not. */
const TRAILING_SENTENCE_PERIOD = /(?<!\b\p{Lu})\.$/u;

export function parseAuthorList(authors: string): AuthorList {
  let text = authors.trim();
  const etAl = ET_AL.test(text);
  text = text.replace(ET_AL, '').trim().replace(TRAILING_SENTENCE_PERIOD, '').trim();
  const names = text
    .split(/\s*[,;&]\s*(?:and\s+)?|\s+and\s+/)
    .map((part) => part.trim())
    .filter((part) => part !== '' && part.toLowerCase() !== 'others')
    .map(parsePersonName);
  return { names, etAl };
}

function parsePersonName(name: string): PersonName {
  const words = name.split(/\s+/);
  if (words.length === 1) return { family: name };
  // The surname starts at the first particle after the first word, else it is the last word.
  const particleAt = words.findIndex((word, index) => index > 0 && index < words.length - 1 && PARTICLES.has(word));
  const familyStart = particleAt > 0 ? particleAt : words.length - 1;
  return { family: words.slice(familyStart).join(' '), given: words.slice(0, familyStart).join(' ') };
}

/** "Harsha Nori" — for display strings built by imports. */
export function displayName(name: PersonName): string {
  return name.given ? `${name.given} ${name.family}` : name.family;
}

/** "Harsha Nori, Yin Tat Lee et al." — the inverse of parseAuthorList for names that have no commas. */
export function formatAuthorList(list: AuthorList): string {
  const joined = list.names.map(displayName).join(', ');
  if (!list.etAl) return joined;
  return joined === '' ? 'et al.' : `${joined} et al.`;
}
