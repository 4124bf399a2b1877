/**
 * Build-time trims that keep the content script small (issue 3: < 30 kB minified); it loads
 * on every page of the site list. Used by wxt.config.ts; tests run the sources untouched.
 */
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import type { Plugin } from 'vite';

/**
 * Detectors carry their accept/reject examples (lib/detector.ts) for the generic unit test;
 * shipped code never reads them. Replaces each `detector({ accepts: [...], rejects: [...] })`
 * example array with `[]` in the build.
 */
export function stripDetectorExamples(): Plugin {
  return {
    name: 'lantern:strip-detector-examples',
    enforce: 'pre',
    transform(code, id) {
      if (!/\/lib\/.+\.ts$/.test(id) || !code.includes('detector')) return null;
      const source = ts.createSourceFile(id, code, ts.ScriptTarget.Latest, true);
      const ranges: Array<[number, number]> = [];
      const visit = (node: ts.Node): void => {
        if (ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'detector') {
          const spec = node.arguments[0];
          if (spec && ts.isObjectLiteralExpression(spec)) {
            for (const property of spec.properties) {
              if (
                ts.isPropertyAssignment(property) &&
                ts.isIdentifier(property.name) &&
                (property.name.text === 'accepts' || property.name.text === 'rejects')
              ) {
                ranges.push([property.initializer.getStart(source), property.initializer.getEnd()]);
              }
            }
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
      if (ranges.length === 0) return null;
      let out = code;
      for (const [start, end] of ranges.sort((a, b) => b[0] - a[0])) out = `${out.slice(0, start)}[]${out.slice(end)}`;
      return { code: out, map: null };
    },
  };
}

const NATIVE_BROWSER = fileURLToPath(new URL('./nativeBrowser.ts', import.meta.url));

/**
 * Content scripts use the browser's own promise-based `browser`/`chrome` instead of
 * webextension-polyfill (10 kB): everything they call (runtime.sendMessage, storage.local)
 * returns promises natively in Chrome MV3 and Firefox. The polyfill module aliases
 * `wxt/browser` to its wrapper; this resolves that wrapper to build/nativeBrowser.ts.
 */
export function nativeBrowserApi(): Plugin {
  return {
    name: 'lantern:native-browser-api',
    enforce: 'pre',
    resolveId(id) {
      return id === '@wxt-dev/webextension-polyfill/browser' ? NATIVE_BROWSER : null;
    },
  };
}
