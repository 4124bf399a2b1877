import { highlightParts } from '../lib/popup/highlight';

/** Text with the matched terms marked, rendered as spans (never as HTML). */
export function Highlight({ text, terms }: { text: string; terms: readonly string[] }) {
  const parts = highlightParts(text, terms);
  return (
    <>
      {parts.map((p, i) => (p.match ? <mark key={i}>{p.text}</mark> : p.text))}
    </>
  );
}
