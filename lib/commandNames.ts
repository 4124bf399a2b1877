/** Names of the extension's keyboard commands, as declared in wxt.config.ts `commands` (no imports: pages read it too). */
export const SAVE_COMMAND = 'save-paper';
