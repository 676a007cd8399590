/** Constants of the language server, in one place. */

/** Where each rule's documentation page lives; a diagnostic's `codeDescription.href` is this plus `<code>.md`. */
export const RULE_DOC_BASE = 'https://github.com/xxgknb/xxgknb/blob/main/docs/rules/';

export function ruleDocUrl(code: string): string {
  return `${RULE_DOC_BASE}${encodeURIComponent(code)}.md`;
}

/** `source` of every diagnostic the server publishes. */
export const DIAGNOSTIC_SOURCE = 'xxgknb';

/** Documents larger than this (UTF-8 bytes) are not analysed; they get one information diagnostic instead. */
export const HUGE_DOCUMENT_BYTES = 2 * 1024 * 1024;

/** The code action kind of "fix all safe problems". */
export const FIX_ALL_KIND = 'source.fixAll.xxgknb';

/** The configuration section of every setting. */
export const SETTINGS_SECTION = 'xxgknb';
