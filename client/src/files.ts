/** Files the "check the workspace" command reads itself (it sends their text to the server). No `vscode` here. */
export { decodeText, isBinary } from '../../server/src/core/text/encoding';
