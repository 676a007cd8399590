/** Constants of the language server, in one place. */

/** `source` of every diagnostic the server publishes. */
export const DIAGNOSTIC_SOURCE = 'xxgknb';

/** Documents larger than this (UTF-8 bytes) are not analysed; they get one information diagnostic instead. */
export const HUGE_DOCUMENT_BYTES = 2 * 1024 * 1024;

/** The code action kind of "fix all safe problems". */
export const FIX_ALL_KIND = 'source.fixAll.xxgknb';

/** The configuration section of every setting. */
export const SETTINGS_SECTION = 'xxgknb';
