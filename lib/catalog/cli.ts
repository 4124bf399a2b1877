/**
 * `npm run catalog -- <markdown file or URL> [--name NAME] [--source-url URL] [--source-date YYYY-MM-DD] [--out FILE]`
 * Parses an awesome list and writes the bundled snapshot (assets/catalog.json by default).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseHttpUrl } from '../ids';
import { parseAwesomeList } from './parse';
import { SEED_SOURCE_URL, serializeSnapshot, toSnapshot } from './snapshot';

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

function parseArgs(args: string[]): Options {
  const options: Partial<Options> = { out: 'assets/catalog.json' };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = (): string => {
      const next = args[++i];
      if (next === undefined) throw new Error(`${arg} needs a value\n${USAGE}`);
      return next;
    };
    if (arg === '--name') options.name = value();
    else if (arg === '--source-url') options.sourceUrl = value();
    else if (arg === '--source-date') options.sourceDate = value();
    else if (arg === '--out') options.out = value();
    else if (arg.startsWith('--')) throw new Error(`unknown option ${arg}\n${USAGE}`);
    else if (options.input === undefined) options.input = arg;
    else throw new Error(`only one input is read, got a second: ${arg}\n${USAGE}`);
  }
  if (!options.input) throw new Error(USAGE);
  if (options.sourceDate !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.sourceDate)) {
    throw new Error(`--source-date must look like 2023-12-23, got ${options.sourceDate}`);
  }
  if (options.sourceUrl !== undefined && !parseHttpUrl(options.sourceUrl)) {
    throw new Error(`--source-url must be an http(s) URL, got ${options.sourceUrl}`);
  }
  return options as Options;
}

async function readInput(input: string): Promise<string> {
  if (!parseHttpUrl(input)) return readFile(input, 'utf8');
  const response = await fetch(input, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  if (!response.ok) throw new Error(`${input} answered ${response.status} ${response.statusText}`);
  return response.text();
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
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
