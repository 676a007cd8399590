/**
 * A document closed while its analysis runs and reopened at the same version number (clients restart versions)
 * with other text: the old analysis must not publish for the new document. Here the old text is a large report with
 * errors (its analysis is slowed down for the test) and the new one is not a report at all: no diagnostics may be
 * left on it.
 */
import { after, before, test } from 'node:test';
import * as assert from 'node:assert/strict';
import type { PublishDiagnosticsParams } from 'vscode-languageserver-protocol';
import { exampleReport } from '../../server/src/core/index';
import { corpusFile, sleep, startClient, untitled, type Client } from './harness';

let c: Client;
before(async () => { c = await startClient({ pull: false, env: { XXGKNB_TEST_ANALYSIS_DELAY_MS: '1200' } }); });
after(async () => { await c.stop(); });

/** A report of about 1.9 MB with a wrong 表四 total (the test delay applies above 1 MB). */
function largeReport(): string {
  const para = corpusFile('real/2023-huaian-hongze-district-pdftext.txt').text.split('\n').slice(10, 37).join('\n') + '\n';
  const base = exampleReport({ cells: { '行政复议|总计': '5' } });
  return base.replace('## 五、', `${para.repeat(Math.floor((1.9e6 - Buffer.byteLength(base)) / Buffer.byteLength(para)))}\n## 五、`);
}

test('an analysis of a closed document never publishes for its reopened successor', async () => {
  const uri = untitled('reopened.md');
  await c.open(uri, largeReport(), 'xxgknb');
  await sleep(100);
  await c.close(uri);
  const from = c.notifications.length;
  await c.open(uri, 'hello', 'plaintext');
  // Long enough for the old analysis (≥ 1.2 s) and the new one to finish.
  await sleep(3000);
  const published = c.notifications.slice(from).filter((n) => n.method === 'textDocument/publishDiagnostics' && (n.params as PublishDiagnosticsParams).uri === uri);
  const last = published[published.length - 1]?.params as PublishDiagnosticsParams | undefined;
  assert.deepEqual(last?.diagnostics ?? [], [], `${last?.diagnostics.length} diagnostics of the old text left on the reopened document`);
});
