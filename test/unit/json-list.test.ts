/**
 * Diagnostics written into a message as the worker wrote them (lsp/jsonList.ts): over stdio the encoder must give
 * exactly the bytes vscode-jsonrpc's own encoder gives for the same message with the list parsed, and elsewhere
 * (node-ipc, traces) the message must serialise to the same JSON.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Message } from 'vscode-jsonrpc';
import { JsonList, RawJsonArray, rawJsonEncoder } from '../../server/src/lsp/jsonList';

const UTF8 = { charset: 'utf-8' as const };
/** A JSON text's UTF-8 bytes, as the worker hands them over (lsp/convert.ts lspDiagnosticsUtf8). */
const utf8Json = (json: string) => new TextEncoder().encode(json);
/** What vscode-jsonrpc's application/json encoder writes (node/ril.ts). */
const plainBytes = (msg: unknown) => Buffer.from(JSON.stringify(msg, undefined, 0), 'utf-8');
const encode = async (msg: unknown) => Buffer.from(await rawJsonEncoder.encode(msg as Message, UTF8));

const item = fc.record({
  range: fc.record({ start: fc.record({ line: fc.nat(), character: fc.nat() }), end: fc.record({ line: fc.nat(), character: fc.nat() }) }),
  severity: fc.integer({ min: 1, max: 4 }),
  code: fc.constantFrom('t4-total', 'section-missing'),
  message: fc.string({ unit: fc.constantFrom('标', '准', '"', '\\', '\n', '𠀀', 'a', '\u2028') }),
});
const lists = fc.array(fc.array(item, { maxLength: 4 }), { minLength: 1, maxLength: 3 });

test('publishDiagnostics: the same bytes as the list parsed and written by vscode-jsonrpc', async () => {
  // Each part as the worker hands it over (UTF-8 bytes) or as a text (the diagnostics across years).
  await fc.assert(fc.asyncProperty(lists, fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), fc.string(), fc.option(fc.nat(), { nil: undefined }), async (parts, asBytes, uri, version) => {
    const raw = new RawJsonArray(parts.map((p, i) => (asBytes[i] ? utf8Json(JSON.stringify(p)) : JSON.stringify(p))));
    const msg = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version, diagnostics: raw } };
    const plain = { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri, version, diagnostics: parts.flat() } };
    assert.deepEqual(await encode(msg), plainBytes(plain));
    // node-ipc and traces serialise the message themselves.
    assert.equal(JSON.stringify(msg), JSON.stringify(plain));
  }), { numRuns: 500 });
});

test('a textDocument/diagnostic answer: its items are written as is, wherever the key stands', async () => {
  const parts = [[{ message: '标准写法为“一、总体情况”' }], [], [{ message: 'b' }, { message: 'c' }]];
  const items = new RawJsonArray(parts.map((p) => JSON.stringify(p)));
  // (The key of the array first in its object and the object first in the message: written last all the same.)
  const msg = { result: { items, kind: 'full', resultId: '7' }, jsonrpc: '2.0', id: 3 };
  const bytes = await encode(msg);
  assert.deepEqual(JSON.parse(bytes.toString('utf-8')), { jsonrpc: '2.0', id: 3, result: { kind: 'full', resultId: '7', items: parts.flat() } });
  assert.equal(bytes.toString('utf-8'), '{"jsonrpc":"2.0","id":3,"result":{"kind":"full","resultId":"7","items":[{"message":"标准写法为“一、总体情况”"},{"message":"b"},{"message":"c"}]}}');
  assert.equal(await encode({ jsonrpc: '2.0', id: 4, result: { kind: 'full', items: new RawJsonArray(['[]', '[]']) } }).then(String), '{"jsonrpc":"2.0","id":4,"result":{"kind":"full","items":[]}}');
});

test('other messages are encoded exactly as vscode-jsonrpc encodes them', async () => {
  for (const msg of [
    { jsonrpc: '2.0', id: 1, result: { contents: { kind: 'markdown', value: '合计 “12”' } } },
    { jsonrpc: '2.0', id: 2, result: { items: [{ label: 'x' }] } },
    { jsonrpc: '2.0', method: 'textDocument/publishDiagnostics', params: { uri: 'file:///a.md', diagnostics: [] } },
    { jsonrpc: '2.0', id: 3, result: null },
  ]) assert.deepEqual(await encode(msg), plainBytes(msg));
});

test('JsonList: the JSON text as given, or written from the list', () => {
  const fromJson = JsonList.fromJson<{ a: number }>('[{"a":1}]');
  assert.equal(fromJson.wire, '[{"a":1}]');
  assert.equal(fromJson.isEmpty, false);
  const list = [{ a: 2 }];
  const of = JsonList.of(list);
  assert.equal(of.wire, '[{"a":2}]');
  assert.equal(JsonList.fromJson('[]').isEmpty, true);
  assert.equal(JsonList.of([]).isEmpty, true);
  assert.deepEqual(of.followedBy([{ a: 3 }]).parts, ['[{"a":2}]', '[{"a":3}]']);
  assert.deepEqual(of.followedBy([]).parts, ['[{"a":2}]']);
  // As the worker hands them over: UTF-8 bytes.
  const bytes = utf8Json('[{"m":"标准“一”𠀀"}]');
  const fromBytes = JsonList.fromJson<{ m: string }>(bytes);
  assert.equal(fromBytes.wire, bytes);
  assert.equal(new TextDecoder().decode(bytes), '[{"m":"标准“一”𠀀"}]');
  assert.equal(fromBytes.isEmpty, false);
  assert.equal(JsonList.fromJson(utf8Json('[]')).isEmpty, true);
  assert.deepEqual(fromBytes.followedBy([{ m: 'x' }]).toJSON(), [{ m: '标准“一”𠀀' }, { m: 'x' }]);
});
