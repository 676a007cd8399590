// Temporary: the language server entry used by `xxgknb lsp --stdio` until server.ts lands.
export function runServer(): void {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require('./main');
}
