/** Files the "check the workspace" command reads itself (it sends their text to the server). No `vscode` here. */
import { decodeWith, isBinary } from '../../server/src/core/text/encoding';

export { isBinary };

/**
 * Bytes → text, decided as the CLI decides (core encoding.ts); GB18030 through the platform's decoder (ICU's
 * GB18030-2022 mapping, where iconv-lite in the CLI has 2005's: 18 rare codes differ).
 */
export function decodeText(bytes: Uint8Array): string {
  return decodeWith(bytes, (b) => new TextDecoder('gb18030').decode(b)).text;
}
