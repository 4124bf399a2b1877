/** Names of the extension's keyboard commands, declared in wxt.config.ts `commands` (no imports: pages read it too). */
export const SAVE_COMMAND = 'save-paper';

/** The save command's shortcut as the browser reports it ("Alt+Shift+S"), or null when the user has none set. */
export function saveShortcut(commands: ReadonlyArray<{ name?: string; shortcut?: string }>): string | null {
  return commands.find((c) => c.name === SAVE_COMMAND)?.shortcut || null;
}
