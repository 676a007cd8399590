/**
 * The server's life and its robustness over stdio against dist/server.js:
 *  - initialize: capabilities (incremental sync, diagnosticProvider only for pull clients, every feature),
 *    dynamic registration of configuration and .xxgknb.json watching, a watched-file change → refresh;
 *  - analysis runs off the connection: while a large report is analysed, requests about another document are
 *    answered at once, and a cancelled request gets RequestCancelled without breaking anything;
 *  - malformed and unknown requests get errors, requests about unopened documents empty results, odd documents
 *    never break the server, and it keeps answering throughout; shutdown/exit ends the process.
 */
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import { CancellationTokenSource, type Diagnostic, type InitializeResult, type ResponseError } from 'vscode-languageserver-protocol/node';
import { exampleReport } from '../../server/src/core/index';
import { corpusFile, sleep, startClient, untitled, type Client } from './harness';

const HONGZE = 'real/2023-huaian-hongze-district-pdftext.txt';

/** A valid report of about 1.9 MB (under the 2 MB limit): its analysis takes a noticeable time. */
function largeReport(): string {
  const para = corpusFile(HONGZE).text.split('\n').slice(10, 37).join('\n') + '\n';
  const base = exampleReport();
  const body = para.repeat(Math.floor((1.9e6 - Buffer.byteLength(base)) / Buffer.byteLength(para)));
  return base.replace('## 五、', `${body}\n## 五、`);
}

async function errorOf(p: Promise<unknown>): Promise<ResponseError<unknown>> {
  try {
    await p;
  } catch (e) {
    return e as ResponseError<unknown>;
  }
  throw new Error('expected an error response');
}

describe('initialize', () => {
  test('pull client: every capability, diagnostics by pull', async () => {
    const c = await startClient({ pull: true });
    try {
      const caps = c.init.capabilities;
      assert.deepEqual(caps.textDocumentSync, { openClose: true, change: 2 });
      assert.deepEqual(caps.diagnosticProvider, { identifier: 'xxgknb', interFileDependencies: false, workspaceDiagnostics: false });
      assert.ok(caps.documentSymbolProvider);
      assert.equal(caps.foldingRangeProvider, true);
      assert.equal(caps.hoverProvider, true);
      assert.deepEqual(caps.completionProvider?.triggerCharacters, ['、']);
      assert.deepEqual((caps.codeActionProvider as { codeActionKinds: string[] }).codeActionKinds, ['quickfix', 'refactor.rewrite', 'source.fixAll.xxgknb']);
      assert.ok(caps.inlayHintProvider);
      assert.equal(caps.positionEncoding, 'utf-16');
      assert.equal((c.init as InitializeResult).serverInfo?.name, 'xxgknb');
      // Dynamic registrations: configuration changes and the project file.
      for (let i = 0; i < 50 && c.serverRequests.filter((m) => m === 'client/registerCapability').length < 2; i++) await sleep(20);
      assert.equal(c.serverRequests.filter((m) => m === 'client/registerCapability').length, 2);
    } finally {
      await c.stop();
    }
  });

  test('push client: no diagnosticProvider', async () => {
    const c = await startClient({ pull: false });
    try {
      assert.equal(c.init.capabilities.diagnosticProvider, undefined);
      assert.ok(c.init.capabilities.hoverProvider);
    } finally {
      await c.stop();
    }
  });

  test('a change of a watched .xxgknb.json refreshes the diagnostics', async () => {
    const c = await startClient({ pull: true });
    try {
      const seen = c.serverRequests.length;
      await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: 'file:///some/project/.xxgknb.json', type: 2 }] });
      for (let i = 0; i < 100 && !c.serverRequests.slice(seen).includes('workspace/diagnostic/refresh'); i++) await sleep(20);
      assert.ok(c.serverRequests.slice(seen).includes('workspace/diagnostic/refresh'));
      const seen2 = c.serverRequests.length;
      await c.conn.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: 'file:///some/project/notes.md', type: 2 }] });
      await sleep(200);
      assert.ok(!c.serverRequests.slice(seen2).includes('workspace/diagnostic/refresh'));
    } finally {
      await c.stop();
    }
  });

  test('after shutdown every request is answered InvalidRequest, one waiting for an analysis then too (they were never answered)', async () => {
    const c = await startClient({ pull: true, env: { XXGKNB_TEST_ANALYSIS_DELAY_MS: '1500' } });
    try {
      const big = untitled('big.md');
      await c.open(big, largeReport(), 'markdown');
      const inFlight = errorOf(c.pullDiagnostics(big));
      await sleep(150);
      await c.conn.sendRequest('shutdown');
      assert.equal((await Promise.race([inFlight, sleep(10_000).then(() => null)]))?.code, -32600, 'the request waiting for the analysis');
      const small = untitled('small.md');
      await c.open(small, exampleReport({ cells: { '行政复议|总计': '9' } }), 'markdown');
      for (const [method, params] of [
        ['textDocument/diagnostic', { textDocument: { uri: small } }],
        ['textDocument/hover', { textDocument: { uri: small }, position: { line: 0, character: 0 } }],
        ['textDocument/documentSymbol', { textDocument: { uri: big } }],
      ] as const) {
        const e = await Promise.race([errorOf(c.request(method, params)), sleep(10_000).then(() => null)]);
        assert.equal(e?.code, -32600, `${method}: ${e?.message ?? 'no answer in 10 s'}`);
      }
    } finally {
      await c.stop();
    }
  });

  test('shutdown and exit end the server process', async () => {
    const c = await startClient({ pull: true });
    const exited = new Promise<number | null>((resolve) => c.proc.once('exit', (code) => resolve(code)));
    await c.conn.sendRequest('shutdown');
    await c.conn.sendNotification('exit');
    assert.equal(await Promise.race([exited, sleep(5000).then(() => 'timeout')]), 0);
    c.conn.dispose();
  });
});

describe('analysis off the connection', () => {
  let c: Client;
  before(async () => { c = await startClient({ pull: true }); });
  after(async () => { await c.stop(); });

  test('while a large report is analysed, another document\'s requests are answered at once', async () => {
    // The analysis of reports over 1 MB is made to last 1.5 s (a test-only delay), so the request below is sure to
    // arrive while it runs: on the main thread it would have to wait.
    const c = await startClient({ pull: true, env: { XXGKNB_TEST_ANALYSIS_DELAY_MS: '1500' } });
    try {
    const small = untitled('small.md');
    await c.open(small, exampleReport(), 'markdown');
    await c.pullDiagnostics(small);
    const big = untitled('big.md');
    const t0 = Date.now();
    await c.open(big, largeReport(), 'markdown');
    const bigDone = c.pullDiagnostics(big).then((d) => ({ d, ms: Date.now() - t0 }));
    // Let the large analysis start (it takes several hundred milliseconds), then ask about the small document.
    await sleep(150);
    const symbols = await c.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri: small } });
    const smallMs = Date.now() - t0;
    const { d, ms } = await bigDone;
    assert.ok(symbols.length > 0);
    assert.ok(d.length > 0, 'the large report was analysed');
    assert.ok(smallMs < ms, `the small document waited for the large one (${smallMs} ms vs ${ms} ms)`);
    assert.ok(ms >= 1500, 'the large analysis did run with the test delay');
    await c.close(big);
    await c.close(small);
    } finally { await c.stop(); }
  });

  test('cancelling a request that waits for an analysis gives RequestCancelled; the server goes on', async () => {
    const big = untitled('big-cancel.md');
    await c.open(big, largeReport(), 'markdown');
    const source = new CancellationTokenSource();
    const pending = c.request('textDocument/documentSymbol', { textDocument: { uri: big } }, source);
    await sleep(5);
    source.cancel();
    const err = await errorOf(pending);
    assert.equal(err.code, -32800 /* RequestCancelled */);
    // The analysis itself was not lost: the next request gets the result.
    const symbols = await c.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri: big } });
    assert.ok(symbols.length > 0);
    // A cancelled pull, then a normal one.
    await c.change(big, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: ' ' }]);
    const s2 = new CancellationTokenSource();
    const pull = c.request('textDocument/diagnostic', { textDocument: { uri: big } }, s2);
    s2.cancel();
    assert.equal((await errorOf(pull)).code, -32800);
    assert.ok((await c.pullDiagnostics(big)).length > 0);
    await c.close(big);
  });

  test('a request about a version that is replaced before its analysis starts gets ContentModified or a result, never a crash', async () => {
    const uri = untitled('racing.md');
    const text = exampleReport();
    await c.open(uri, text, 'markdown');
    const results = await Promise.allSettled(Array.from({ length: 10 }, async (_, i) => {
      await c.change(uri, [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: String(i % 10) }]);
      return c.request('textDocument/documentSymbol', { textDocument: { uri } });
    }));
    for (const r of results) {
      if (r.status === 'rejected') assert.ok([-32801 /* ContentModified */, -32800].includes((r.reason as ResponseError<unknown>).code), String(r.reason));
    }
    // After the race the server holds the client's text: the same answers as a fresh open of it.
    const fresh = untitled('racing-fresh.md');
    await c.open(fresh, c.text(uri), 'markdown');
    assert.deepEqual((await c.pullDiagnostics(uri)).map((d) => d.message), (await c.pullDiagnostics(fresh)).map((d) => d.message));
    assert.deepEqual(await c.request('textDocument/documentSymbol', { textDocument: { uri } }), await c.request('textDocument/documentSymbol', { textDocument: { uri: fresh } }));
    assert.ok(c.text(uri).startsWith('9876543210'));
  });
});

describe('robustness', () => {
  let c: Client;
  before(async () => { c = await startClient({ pull: true }); });
  after(async () => { await c.stop(); });

  async function stillAnswers(): Promise<void> {
    const f = corpusFile(HONGZE);
    const uri = `${f.uri}?alive=${Math.random()}`;
    await c.open(uri, f.text);
    const items = await c.pullDiagnostics(uri);
    assert.ok(items.some((d: Diagnostic) => d.code === 't4-total'));
    await c.close(uri);
  }

  test('unknown requests: MethodNotFound; unknown notifications are ignored', async () => {
    assert.equal((await errorOf(c.request('xxgknb/nonsense', { a: 1 }))).code, -32601);
    assert.equal((await errorOf(c.request('textDocument/notAThing', {}))).code, -32601);
    await c.conn.sendNotification('xxgknb/whatever', { x: 1 });
    await c.conn.sendNotification('$/unknownNotification', null);
    await stillAnswers();
  });

  test('malformed requests: InvalidParams', async () => {
    const f = corpusFile(HONGZE);
    await c.open(f.uri, f.text);
    const td = { textDocument: { uri: f.uri } };
    for (const [method, params] of [
      ['textDocument/hover', td],
      ['textDocument/hover', { ...td, position: { line: -1, character: 0 } }],
      ['textDocument/hover', { ...td, position: { line: 'x', character: 0 } }],
      ['textDocument/completion', { ...td, position: null }],
      ['textDocument/documentSymbol', {}],
      ['textDocument/foldingRange', { textDocument: { uri: 42 } }],
      ['textDocument/codeAction', { ...td, context: { diagnostics: [] } }],
      ['textDocument/inlayHint', { ...td, range: { start: { line: 0 } } }],
      ['xxgknb/model', {}],
      ['xxgknb/model', null],
      ['xxgknb/checkDocuments', { documents: [{ uri: 1 }] }],
      ['textDocument/diagnostic', { textDocument: {} }],
    ] as [string, unknown][]) {
      const err = await errorOf(c.request(method, params));
      assert.equal(err.code, -32602, `${method} ${JSON.stringify(params)}: ${err.message}`);
    }
    await c.close(f.uri);
    await stillAnswers();
  });

  test('requests about documents that are not open: empty results (the model request: an error)', async () => {
    const uri = 'file:///nowhere/never-opened.txt';
    const td = { textDocument: { uri } };
    const range = { start: { line: 0, character: 0 }, end: { line: 10, character: 0 } };
    assert.deepEqual(await c.request('textDocument/diagnostic', td), { kind: 'full', items: [] });
    assert.deepEqual(await c.request('textDocument/documentSymbol', td), []);
    assert.deepEqual(await c.request('textDocument/foldingRange', td), []);
    assert.equal(await c.request('textDocument/hover', { ...td, position: { line: 0, character: 0 } }), null);
    assert.deepEqual(await c.request('textDocument/completion', { ...td, position: { line: 0, character: 0 } }), []);
    assert.deepEqual(await c.request('textDocument/codeAction', { ...td, range, context: { diagnostics: [] } }), []);
    assert.deepEqual(await c.request('textDocument/inlayHint', { ...td, range }), []);
    assert.match((await errorOf(c.request('xxgknb/model', { uri }))).message, /not open/);
    // Changes and closes for documents never opened are ignored.
    await c.conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: 'x' }] });
    await c.conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
    await stillAnswers();
  });

  test('odd documents never break it: empty, binary-ish, only a table, huge lines, half a report', async () => {
    const report = exampleReport();
    const odd = [
      '',
      '\n\n\n',
      '\u0000\u0001\u0002\uFFFD\uD800 broken surrogate',
      '| 行政复议 | | |\n|---|---|\n| 1 | 2 |\n',
      '表三 ' + '1 '.repeat(50_000),
      report.slice(0, Math.floor(report.length / 2)),
      report.replace(/\|/g, '\t'),
      report.replace(/\n/g, '\r\n'),
      report.replace(/\n/g, '\r'),
      '一、总体情况\n'.repeat(3000),
      '<table><tr><td>行政复议</td><td>结果维持</td></tr><tr><td>1</td>',
      '𠮷'.repeat(10_000),
    ];
    for (const [k, text] of odd.entries()) {
      for (const lang of ['xxgknb', 'markdown', 'plaintext']) {
        const uri = untitled(`odd-${k}-${lang}`);
        await c.open(uri, text, lang);
        const items = await c.pullDiagnostics(uri);
        assert.ok(Array.isArray(items));
        const td = { textDocument: { uri } };
        const range = { start: { line: 0, character: 0 }, end: { line: 100_000, character: 0 } };
        await c.request('textDocument/documentSymbol', td);
        await c.request('textDocument/foldingRange', td);
        await c.request('textDocument/hover', { ...td, position: { line: 0, character: 1 } });
        await c.request('textDocument/completion', { ...td, position: { line: 0, character: 0 } });
        await c.request('textDocument/codeAction', { ...td, range, context: { diagnostics: [] } });
        await c.request('textDocument/inlayHint', { ...td, range });
        await c.close(uri);
      }
    }
    assert.doesNotMatch(c.stderr(), /Error|TypeError/);
    // Nothing failed inside the server (a failing feature is logged).
    const failures = c.notifications.filter((n) => n.method === 'window/logMessage' && /failed/.test((n.params as { message: string }).message));
    assert.deepEqual(failures, []);
    await stillAnswers();
  });
});
