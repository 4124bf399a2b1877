/**
 * WXT's content script context (ctx) greets other copies of the same content script when it
 * starts: it posts the extension's id to the page (`window.postMessage`) and ends itself when a
 * "newer copy started" event with that name reaches the document. Both are the page's to read and
 * send, so any page could tell that Lantern is installed and turn it off on that page. The greeting
 * exists for development reloads; Lantern never runs two copies in one page (the all-sites script
 * excludes the manifest's sites), so the greeting is switched off before WXT makes the context.
 * Imported first by the content script's entry (index.ts), whose module is evaluated before WXT
 * constructs the context.
 */
import { ContentScriptContext } from 'wxt/utils/content-script-context';

const context = ContentScriptContext.prototype as unknown as { stopOldScripts(): void; listenForNewerScripts(): void };
context.stopOldScripts = context.listenForNewerScripts = () => undefined;
