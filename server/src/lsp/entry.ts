/** The language server for `xxgknb lsp --stdio` (the CLI): the transport is read from the command line. */
import { createConnection, ProposedFeatures } from 'vscode-languageserver/node';
import { startServer } from './server';

export { startServer } from './server';

export function runServer(): void {
  startServer(createConnection(ProposedFeatures.all));
}
