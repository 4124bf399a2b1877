/**
 * Mozilla's add-on linter (the checks addons.mozilla.org runs on upload) over the Firefox package
 * that `npm run zip:firefox` made. Fails on any error, and on any warning that is not one of the
 * accepted ones below; a warning is accepted only where the flagged source is the library code
 * named (read from the unpacked build the zip was made from), so a new use elsewhere still fails.
 * README "Firefox" lists the same warnings with their reasons.
 *
 *   npm run zip:firefox && npm run lint:firefox
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import addonsLinter from 'addons-linter';

interface LintMessage {
  code: string;
  message: string;
  file?: string;
  line?: number;
  column?: number;
}

interface AcceptedWarning {
  code: string;
  /** What the flagged line must contain around the flagged column. */
  source: RegExp;
  why: string;
}

const ACCEPTED: readonly AcceptedWarning[] = [
  {
    code: 'UNSAFE_VAR_ASSIGNMENT',
    // Preact's renderer: `dom.innerHTML = props.dangerouslySetInnerHTML.__html`.
    source: /\.innerHTML=\w+\.__html/,
    why: "Preact's own support for dangerouslySetInnerHTML, which Lantern never uses (all its UI is built from text nodes).",
  },
  {
    code: 'DANGEROUS_EVAL',
    // lodash (inside the BibTeX parser): its fallback for finding the global object.
    source: /Function\("return this"\)\(\)/,
    why: 'lodash\'s constant `Function("return this")()`, reached only where neither globalThis nor self exists; no string from data is ever evaluated.',
  },
];

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const OUTPUT = join(ROOT, process.env.LANTERN_OUT_DIR ?? '.output');
const UNPACKED = join(OUTPUT, 'firefox-mv3');

/** The source around a message's position in the unpacked build ('' when it has none). */
function sourceAt(message: LintMessage): string {
  if (!message.file || !message.line) return '';
  const line = readFileSync(join(UNPACKED, message.file), 'utf8').split('\n')[message.line - 1] ?? '';
  const column = message.column ?? 0;
  return line.slice(Math.max(0, column - 200), column + 200);
}

const isAccepted = (message: LintMessage) => ACCEPTED.some((a) => a.code === message.code && a.source.test(sourceAt(message)));

async function main(): Promise<void> {
  const zip = readdirSync(OUTPUT).find((name) => name.endsWith('-firefox.zip'));
  if (!zip) throw new Error(`No Firefox package in ${OUTPUT}: run \`npm run zip:firefox\` first.`);
  const linter = addonsLinter.createInstance({
    config: {
      _: [join(OUTPUT, zip)],
      logLevel: 'fatal',
      stack: false,
      pretty: false,
      warningsAsErrors: false,
      metadata: false,
      output: 'none',
      boring: false,
      selfHosted: false,
    },
    runAsBinary: false,
  });
  const result = (await linter.run()) as { errors: LintMessage[]; warnings: LintMessage[]; notices: LintMessage[] };
  const where = (m: LintMessage) => (m.file ? ` (${m.file}${m.line ? `:${m.line}` : ''})` : '');
  for (const m of result.errors) console.log(`error ${m.code}: ${m.message}${where(m)}`);
  const unexpected = result.warnings.filter((m) => !isAccepted(m));
  for (const m of result.warnings) console.log(`warning ${m.code}${isAccepted(m) ? ' (accepted)' : ''}: ${m.message}${where(m)}`);
  for (const m of result.notices) console.log(`notice ${m.code}: ${m.message}${where(m)}`);
  console.log(`addons-linter on ${zip}: ${result.errors.length} errors, ${result.warnings.length} warnings (${unexpected.length} not accepted), ${result.notices.length} notices`);
  if (result.errors.length > 0 || unexpected.length > 0) process.exitCode = 1;
}

await main();
