// A client that contributes the snippet files itself (the VS Code extension) passes initializationOptions.snippets
// = false: the server then offers headings and rows but not the snippets, so VS Code never lists them twice.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exampleReport } from '../../server/src/core/index';
import { ensureBuilt, startClient } from './harness';

test('initializationOptions.snippets = false leaves the snippets out of completion', async () => {
  ensureBuilt();
  for (const snippets of [true, false]) {
    const c = await startClient({ pull: true, initializationOptions: { snippets } });
    try {
      const uri = 'file:///tmp/snippets-option.xxgknb.md';
      await c.open(uri, exampleReport(), 'xxgknb');
      const result = await c.request('textDocument/completion', { textDocument: { uri }, position: { line: 0, character: 0 } }) as { label: string; kind?: number }[] | { items: { label: string; kind?: number }[] };
      const items = Array.isArray(result) ? result : result.items;
      const snippetItems = items.filter((i) => i.kind === 15);
      if (snippets) assert.ok(snippetItems.length > 0);
      else assert.deepEqual(snippetItems.map((i) => i.label), []);
    } finally { await c.stop(); }
  }
});
