/**
 * `npm run catalog -- <markdown file or URL> [--name NAME] [--source-url URL] [--source-date YYYY-MM-DD] [--out FILE]`
 * Parses an awesome list and writes the bundled snapshot (assets/catalog.json by default).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseAwesomeList } from '../lib/catalog/parse';
import { SEED_SOURCE_URL, serializeSnapshot, toSnapshot } from '../lib/catalog/snapshot';
import { parseHttpUrl } from '../lib/ids';

const FETCH_TIMEOUT_MS = 20_000;
const USAGE = 'usage: npm run catalog -- <markdown file or URL> [--name NAME] [--source-url URL] [--source-date YYYY-MM-DD] [--out FILE]';

interface Options {
  input: string;
  /** The short name users see ("LLMs in Medicine"); defaults to the list's first heading. */
  name?: string;
  sourceUrl?: string;
  sourceDate?: string;
  out: string;
}

function readOptions(args: string[]): Options {
  let parsed: ReturnType<typeof parseOptions>;
  try {
    parsed = parseOptions(args);
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new Error(`only one input is read, got a second: ${positionals[1]}\n${USAGE}`);
  const [input] = positionals;
  if (!input) throw new Error(USAGE);
  const { name, 'source-url': sourceUrl, 'source-date': sourceDate, out } = values;
  if (sourceDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(sourceDate)) {
    throw new Error(`--source-date must look like 2023-12-23, got ${sourceDate}`);
  }
  if (sourceUrl !== undefined && !parseHttpUrl(sourceUrl)) {
    throw new Error(`--source-url must be an http(s) URL, got ${sourceUrl}`);
  }
  return { input, out, ...(name !== undefined && { name }), ...(sourceUrl !== undefined && { sourceUrl }), ...(sourceDate !== undefined && { sourceDate }) };
}

function parseOptions(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      name: { type: 'string' },
      'source-url': { type: 'string' },
      'source-date': { type: 'string' },
      out: { type: 'string', default: 'assets/catalog.json' },
    },
  });
}

async function readInput(input: string): Promise<string> {
  if (!parseHttpUrl(input)) return readFile(input, 'utf8');
  const response = await fetch(input, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`${input} answered ${response.status} ${response.statusText}`);
  return response.text();
}

async function main(): Promise<void> {
  const options = readOptions(process.argv.slice(2));
  const markdown = await readInput(options.input);
  const parsed = parseAwesomeList(markdown);
  for (const warning of parsed.warnings) console.warn(`line ${warning.line}: ${warning.message}`);
  if (parsed.entries.length === 0) throw new Error(`no entries found in ${options.input}; the snapshot was not written`);
  const sourceUrl = options.sourceUrl ?? (parseHttpUrl(options.input) ? options.input : SEED_SOURCE_URL);
  const sourceDate = options.sourceDate ?? new Date().toISOString().slice(0, 10);
  const out = resolve(options.out);
  await writeFile(out, serializeSnapshot(toSnapshot(parsed, sourceUrl, sourceDate, options.name)));
  console.log(`${parsed.entries.length} entries from "${options.name ?? parsed.name}" → ${out} (${parsed.warnings.length} warnings)`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
