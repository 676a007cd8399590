// A server made as dist/server.js makes its connection (lsp/connection.ts) that writes to `console` while it
// answers initialize: over stdio that output must reach the client as log messages, not the protocol stream.
import { createServerConnection } from '../../server/src/lsp/connection';

const connection = createServerConnection();
connection.onInitialize(() => {
  console.log('从 console.log', { a: 1 });
  console.info('从 console.info');
  console.warn('从 console.warn');
  console.error('从 console.error');
  console.debug('从 console.debug');
  console.trace('从 console.trace');
  return { capabilities: {} };
});
connection.listen();
