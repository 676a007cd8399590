// The server over raw stdio bytes: malformed JSON-RPC does not stop it answering, and a client that disappears
// (its end of the pipes closed, no shutdown) does not leave the server running.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import { exampleReport } from '../../server/src/core/index';
import { ensureBuilt, ROOT, startClient } from './harness';

function frame(body: string): string { return `Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`; }

function startRaw() {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (d: string) => { out += d; });
  child.stdin.on('error', () => { /* the server may have exited */ });
  const waitFor = (re: RegExp, ms = 10_000) => new Promise<string>((resolve, reject) => {
    const t0 = Date.now();
    const tick = () => { const m = re.exec(out); if (m) resolve(m[0]); else if (Date.now() - t0 > ms) reject(new Error(`no ${re} in ${out.slice(-500)}`)); else setTimeout(tick, 20); };
    tick();
  });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, waitFor, exited, out: () => out };
}

test('garbage, invalid JSON and bad frames do not stop the server from answering', async () => {
  ensureBuilt();
  const s = startRaw();
  try {
    s.child.stdin.write(frame('{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}'));
    await s.waitFor(/"id":1,"result"/);
    s.child.stdin.write(frame('{this is not json'));
    s.child.stdin.write(frame('[1,2,3]'));
    s.child.stdin.write(frame('{"jsonrpc":"2.0","id":2,"method":"textDocument/hover","params":"nonsense"}'));
    s.child.stdin.write(frame('{"jsonrpc":"2.0","method":"textDocument/didOpen","params":{"textDocument":{"uri":"file:///x.md","languageId":"markdown","version":1,"text":null}}}'));
    s.child.stdin.write(frame('{"jsonrpc":"2.0","id":3,"method":"textDocument/documentSymbol","params":{"textDocument":{"uri":"file:///never-opened.md"}}}'));
    await s.waitFor(/"id":3,"result"/);
    assert.equal(s.child.exitCode, null, 'still running');
  } finally {
    s.child.kill();
  }
});

test('requests with null params: InvalidParams, not an internal error', async () => {
  ensureBuilt();
  const s = startRaw();
  try {
    s.child.stdin.write(frame('{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}'));
    await s.waitFor(/"id":1,"result"/);
    // JSON-RPC allows an object or an array: vscode-languageserver's progress wrapper read null.workDoneToken (-32603).
    const methods = ['textDocument/hover', 'textDocument/completion', 'textDocument/documentSymbol', 'textDocument/foldingRange',
      'textDocument/codeAction', 'codeAction/resolve', 'textDocument/inlayHint', 'textDocument/diagnostic'];
    methods.forEach((m, k) => s.child.stdin.write(frame(`{"jsonrpc":"2.0","id":${10 + k},"method":"${m}","params":null}`)));
    for (const [k, m] of methods.entries()) {
      const answer = JSON.parse(await s.waitFor(new RegExp(`\\{"jsonrpc":"2.0","id":${10 + k},"error":\\{[^{}]*\\}\\}`))) as { error: { code: number } };
      assert.equal(answer.error.code, -32602, m);
    }
  } finally {
    s.child.kill();
  }
});

test('a line break after every message, a frame without a Content-Length or with a negative one: skipped, and the server keeps answering', async () => {
  ensureBuilt();
  // Each of these left vscode-jsonrpc's reader stuck on the bad bytes: the server stayed alive and never answered again.
  for (const [how, bad] of [
    ['CRLF after each message', '\r\n'],
    ['LF after each message', '\n'],
    ['no Content-Length', 'Content-Type: application/json\r\n\r\n{"jsonrpc":"2.0","method":"x"}'],
    ['a negative Content-Length', 'Content-Length: -5\r\n\r\n{"jsonrpc":"2.0","method":"x"}'],
  ] as const) {
    const s = startRaw();
    try {
      s.child.stdin.write(frame('{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}') + bad);
      await s.waitFor(/"id":1,"result"/);
      s.child.stdin.write(frame('{"jsonrpc":"2.0","method":"initialized","params":{}}') + bad);
      s.child.stdin.write(frame('{"jsonrpc":"2.0","id":2,"method":"textDocument/documentSymbol","params":{"textDocument":{"uri":"file:///never-opened.md"}}}') + bad);
      await s.waitFor(/"id":2,"result"/);
      if (!/^\r?\n$/.test(bad)) await s.waitFor(/bytes of input that are no message skipped/);
    } catch (e) {
      assert.fail(`${how}: ${(e as Error).message}`);
    } finally {
      s.child.kill();
    }
  }
});

test('a client that disappears without shutdown: the server exits', async () => {
  ensureBuilt();
  const s = startRaw();
  s.child.stdin.write(frame('{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}'));
  await s.waitFor(/"id":1,"result"/);
  s.child.stdin.end();
  const timer = setTimeout(() => s.child.kill('SIGKILL'), 15_000);
  const code = await s.exited;
  clearTimeout(timer);
  assert.notEqual(code, null, 'exited on its own, not killed');
});

test('over stdio, what the server writes to console reaches the client as log messages, not the protocol stream', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'console-server.fixture.ts'), '--stdio'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'pipe'] });
  let out = Buffer.alloc(0);
  child.stdout.on('data', (d: Buffer) => { out = Buffer.concat([out, d]); });
  child.stdin.write(frame('{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"processId":null,"rootUri":null,"capabilities":{}}}'));
  try {
    const messages: { id?: number; method?: string; params?: { type: number; message: string } }[] = [];
    const t0 = Date.now();
    while (!messages.some((m) => m.id === 1)) {
      if (Date.now() - t0 > 20_000) assert.fail(`no answer to initialize: ${out.toString('utf8').slice(0, 500)}`);
      await new Promise((r) => setTimeout(r, 20));
      // Every byte is in a frame: a stray line would break the header's form or the JSON body.
      messages.length = 0;
      let at = 0;
      while (at < out.length) {
        const header = /^Content-Length: (\d+)\r\n\r\n/.exec(out.subarray(at, at + 40).toString('ascii'));
        assert.ok(header, `not a frame at byte ${at}: ${JSON.stringify(out.subarray(at, at + 60).toString('utf8'))}`);
        const start = at + header[0].length, end = start + Number(header[1]);
        if (end > out.length) break;
        messages.push(JSON.parse(out.subarray(start, end).toString('utf8')));
        at = end;
      }
    }
    const logged = messages.filter((m) => m.method === 'window/logMessage').map((m) => m.params!);
    for (const [type, text] of [[4, "从 console.log { a: 1 }"], [3, '从 console.info'], [2, '从 console.warn'], [1, '从 console.error'], [4, '从 console.debug']] as const) {
      assert.ok(logged.some((l) => l.type === type && l.message === text), `${text} logged with type ${type}: ${JSON.stringify(logged)}`);
    }
    assert.ok(logged.some((l) => l.message.startsWith('Trace: 从 console.trace\n') && /console-server\.fixture/.test(l.message)), 'console.trace with its stack');
  } finally {
    child.kill();
  }
});

test('a file: URI with no local path (another host, an encoded slash, bytes that are no UTF-8) is checked like an untitled document', async () => {
  ensureBuilt();
  // Node's fileURLToPath throws on each; the server once died at the document's first analysis (push and pull alike).
  const uris = ['file://fileserver/share/2023/report.md', 'file:///tmp/a%2Fb.md', 'file:///home/u/%C4%EA%B1%A8.md'];
  for (const pull of [false, true]) {
    const c = await startClient({ pull });
    try {
      for (const uri of uris) {
        await c.open(uri, exampleReport({ cells: { '行政复议|总计': '9' } }));
        const diagnostics = pull ? await c.pullDiagnostics(uri) : (await c.waitFor<{ uri: string; diagnostics: Diagnostic[] }>('textDocument/publishDiagnostics', (p) => p.uri === uri)).diagnostics;
        assert.ok(diagnostics.some((d) => d.code === 't4-total'), `${uri} (${pull ? 'pull' : 'push'}): checked`);
        const symbols = await c.request<unknown[]>('textDocument/documentSymbol', { textDocument: { uri } });
        assert.ok(symbols.length > 0, `${uri}: outline`);
        await c.close(uri);
      }
      assert.equal(c.proc.exitCode, null, 'still running');
    } finally {
      await c.stop();
    }
  }
});
