/** LSP round trips over real stdio against the built server (dist/server.js), and its memory with 100 reports. */
import { spawn } from 'node:child_process';
import * as path from 'node:path';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';

const ROOT = path.resolve(__dirname, '..');

export async function lspBench(synthetic: (bytes: number) => string, longReport: (bytes: number) => string, fmt: (ms: number) => string, quick: boolean): Promise<string[]> {
  const child = spawn(process.execPath, [path.join(ROOT, 'dist/server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  child.stdin!.on('error', () => { /* the server exits after `exit`; late writes are moot */ });
  const conn = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
  const waiters = new Map<string, (v: unknown) => void>();
  conn.onNotification('textDocument/publishDiagnostics', (p: { uri: string; version?: number }) => { waiters.get(p.uri)?.(p); });
  conn.onRequest('workspace/configuration', (p: { items: unknown[] }) => p.items.map(() => ({})));
  conn.onRequest('client/registerCapability', () => null);
  conn.onRequest('window/workDoneProgress/create', () => null);
  conn.onNotification(() => { /* status and logs */ });
  conn.listen();
  // No pull-diagnostics capability: the server pushes, and we time didChange → publishDiagnostics.
  await conn.sendRequest('initialize', { processId: process.pid, rootUri: null, capabilities: { textDocument: { synchronization: { dynamicRegistration: false }, publishDiagnostics: {} } }, locale: 'zh-cn' });
  conn.sendNotification('initialized', {});
  const diagnosticsFor = (uri: string) => new Promise((resolve) => waiters.set(uri, resolve));
  const rows = ['## Language server over stdio (push diagnostics)', '', '| document | didOpen → diagnostics ms | didChange → diagnostics ms (median) | (90th percentile) | documentSymbol ms | hover ms |', '|---|---:|---:|---:|---:|---:|'];
  const docs: [string, string][] = [['50 KB synthetic', synthetic(50_000)], ['1 MB synthetic (70 reports)', synthetic(1_000_000)], ['1 MB single report', longReport(1_000_000)]];
  for (const [k, [name, text]] of docs.entries()) {
    const uri = `file:///bench/doc-${k}.xxgknb.md`;
    let t0 = performance.now();
    let p = diagnosticsFor(uri);
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xxgknb', version: 1, text } });
    await p;
    const open = performance.now() - t0;
    const changes: number[] = [];
    const lines = text.split('\n');
    const line = Math.floor(lines.length / 2);
    // Typing one character at a time in the middle of the document, 20 characters a second (a fast typist): each
    // edit is measured from didChange to its diagnostics. The first edits warm up the JIT (a clerk types hundreds
    // of characters in a session) and are not counted.
    const warmUp = quick ? 5 : 40, measured = quick ? 10 : 60;
    for (let v = 2; v < 2 + warmUp + measured; v++) {
      p = diagnosticsFor(uri);
      t0 = performance.now();
      const character = v - 2;
      conn.sendNotification('textDocument/didChange', { textDocument: { uri, version: v }, contentChanges: [{ range: { start: { line, character }, end: { line, character } }, text: '字' }] });
      await p;
      if (v >= 2 + warmUp) changes.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 50));
    }
    const symbols: number[] = [], hovers: number[] = [];
    for (let i = 0; i < (quick ? 5 : 20); i++) {
      t0 = performance.now(); await conn.sendRequest('textDocument/documentSymbol', { textDocument: { uri } }); symbols.push(performance.now() - t0);
      t0 = performance.now(); await conn.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line: 3, character: 2 } }); hovers.push(performance.now() - t0);
    }
    const med = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)]!;
    rows.push(`| ${name} | ${fmt(open)} | ${fmt(med(changes))} | ${fmt(p90(changes))} | ${fmt(med(symbols))} | ${fmt(med(hovers))} |`);
    conn.sendNotification('textDocument/didClose', { textDocument: { uri } });
  }
  // Memory: 100 corpus-sized reports open at once.
  const report = synthetic(15_000);
  for (let i = 0; i < 100; i++) {
    const uri = `file:///bench/r${i}.xxgknb.md`;
    const p = diagnosticsFor(uri);
    conn.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'xxgknb', version: 1, text: report } });
    await p;
  }
  const rss = await rssOf(child.pid!);
  rows.push('', `Server memory with 100 open reports of 15 KB: RSS ${(rss / 1024).toFixed(0)} MB.`, '');
  await conn.sendRequest('shutdown');
  await conn.sendNotification('exit');
  conn.dispose();
  child.kill();
  return rows;
}

async function rssOf(pid: number): Promise<number> {
  const { readFileSync } = await import('node:fs');
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}
