// The server over raw stdio bytes: malformed JSON-RPC does not stop it answering, and a client that disappears
// (its end of the pipes closed, no shutdown) does not leave the server running.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { test } from 'node:test';
import { ensureBuilt, ROOT } from './harness';

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
