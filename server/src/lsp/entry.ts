/** The language server for `xxgknb lsp --stdio` (the CLI): the transport is read from the command line. */
import { createServerConnection } from './connection';
import { startServer } from './server';

export { startServer } from './server';

export function runServer(): void {
  startServer(createServerConnection());
}
