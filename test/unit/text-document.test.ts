/**
 * The server's open documents (lsp/textDocument.ts PiecewiseTextDocument) behave exactly as the text-document library
 * the client side uses (vscode-languageserver-textdocument): after random sequences of changes — ranged and whole,
 * reversed ranges, positions past the end or inside a CRLF, line breaks of every kind, astral characters, enough
 * changes to join the pieces — the text, the line count, offsetAt, positionAt and getText(range) agree.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { PiecewiseTextDocument } from '../../server/src/lsp/textDocument';

const PIECES = ['a', '字', '\n', '\r\n', '\r', '\n\n', '𠮷', '| 1 | 2 |', '一、总体情况', ' ', ''];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 30 }).map((a) => a.join(''));
const position = fc.record({ line: fc.integer({ min: -1, max: 12 }), character: fc.integer({ min: -1, max: 14 }) });
const change = fc.oneof(
  { weight: 9, arbitrary: fc.record({ range: fc.record({ start: position, end: position }), text }) },
  { weight: 1, arbitrary: fc.record({ text }) },
);

test('after random changes, text, lines and positions agree with vscode-languageserver-textdocument', () => {
  fc.assert(fc.property(text, fc.array(fc.array(change, { minLength: 1, maxLength: 3 }), { maxLength: 90, size: 'max' }), fc.array(fc.integer({ min: -2, max: 200 }), { minLength: 4, maxLength: 4 }), fc.array(position, { minLength: 4, maxLength: 4 }), (initial, versions, offsets, positions) => {
    const lib = TextDocument.create('file:///x', 'xxgknb', 1, initial);
    const ours = new PiecewiseTextDocument('file:///x', 'xxgknb', 1, initial);
    let version = 1;
    for (const changes of versions) {
      version++;
      TextDocument.update(lib, changes, version);
      ours.update(changes, version);
      assert.equal(ours.getText(), lib.getText());
      assert.equal(ours.version, lib.version);
      assert.equal(ours.lineCount, lib.lineCount);
      for (const o of offsets) assert.deepEqual(ours.positionAt(o), lib.positionAt(o), `positionAt(${o})`);
      for (const p of positions) assert.equal(ours.offsetAt(p), lib.offsetAt(p), `offsetAt(${JSON.stringify(p)})`);
      assert.equal(ours.getText({ start: positions[0]!, end: positions[1]! }), lib.getText({ start: positions[0]!, end: positions[1]! }));
      for (const line of [positions[2]!.line, positions[3]!.line]) {
        assert.deepEqual(ours.getLineRange(line), lib.getLineRange(line), `getLineRange(${line})`);
        assert.equal(ours.getEOLCharacters(line), lib.getEOLCharacters(line), `getEOLCharacters(${line})`);
      }
      const a = Math.max(0, Math.min(offsets[0]!, offsets[1]!)), b = Math.max(0, offsets[0]!, offsets[1]!);
      assert.equal(ours.sliceOf()(a, b), lib.getText().slice(a, b), `sliceOf(${a}, ${b})`);
    }
  }), { numRuns: 400 });
});

test('each change is reported where the library places it, with the length of the text before it', () => {
  fc.assert(fc.property(text, fc.array(change, { minLength: 1, maxLength: 40 }), (initial, changes) => {
    const lib = TextDocument.create('file:///x', 'xxgknb', 1, initial);
    const ours = new PiecewiseTextDocument('file:///x', 'xxgknb', 1, initial);
    const seen: number[][] = [];
    ours.update(changes, 2, (start, end, length) => seen.push([start, end, length]));
    const expected = changes.map((c) => {
      const length = lib.getText().length;
      let placed = [0, length, length];
      if ('range' in c) {
        const [from, to] = c.range.start.line > c.range.end.line || (c.range.start.line === c.range.end.line && c.range.start.character > c.range.end.character) ? [c.range.end, c.range.start] : [c.range.start, c.range.end];
        placed = [lib.offsetAt(from), lib.offsetAt(to), length];
      }
      TextDocument.update(lib, [c], 2);
      return placed;
    });
    assert.deepEqual(seen, expected);
    assert.equal(ours.getText(), lib.getText());
  }), { numRuns: 300 });
});

test('typing 300 characters into a long text: the pieces are joined now and then, the text stays the library\'s', () => {
  const initial = '一、总体情况\r\n'.repeat(200) + '末行';
  const lib = TextDocument.create('file:///x', 'xxgknb', 1, initial);
  const ours = new PiecewiseTextDocument('file:///x', 'xxgknb', 1, initial);
  let most = 0;
  for (let v = 2; v < 302; v++) {
    const at = { line: (v * 37) % 200, character: v % 9 };
    const changes = [{ range: { start: at, end: at }, text: v % 50 === 0 ? '\r\n' : '字' }];
    TextDocument.update(lib, changes, v);
    ours.update(changes, v);
    most = Math.max(most, (ours as unknown as { pieces: string[] }).pieces.length);
  }
  assert.equal(ours.getText(), lib.getText());
  assert.equal(ours.lineCount, lib.lineCount);
  assert.ok(most <= 65 && most > 30, `at most ${most} pieces`);
});

test('change events the library refuses are refused, and the text is left as it was', () => {
  const bad = [
    { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } },
    { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, text: 5 },
    { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } }, text: 'Z', rangeLength: 'q' },
    { text: 'whole', rangeLength: 3 },
    null,
  ];
  for (const change of bad) {
    const lib = TextDocument.create('file:///x', 'xxgknb', 1, 'ab\ncd');
    const ours = new PiecewiseTextDocument('file:///x', 'xxgknb', 1, 'ab\ncd');
    assert.throws(() => TextDocument.update(lib, [change as never], 2), Error, JSON.stringify(change));
    assert.throws(() => ours.update([change as never], 2), Error, JSON.stringify(change));
    assert.equal(ours.getText(), lib.getText());
    const next = [{ range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, text: 'Q' }];
    TextDocument.update(lib, next, 3);
    ours.update(next, 3);
    assert.equal(ours.getText(), lib.getText(), `after ${JSON.stringify(change)}`);
  }
});

test('a slice taken from one version stays that version\'s after later changes', () => {
  const doc = new PiecewiseTextDocument('file:///x', 'xxgknb', 1, '第一行\n第二行\n第三行');
  const slice = doc.sliceOf();
  doc.update([{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 3 } }, text: '改了' }], 2);
  assert.equal(slice(0, 10), '第一行\n第二行\n第三');
  assert.equal(doc.sliceOf()(0, 9), '第一行\n改了\n第三');
  assert.equal(doc.sliceOf()(9, 0), '第一行\n改了\n第三', 'reversed, as substring');
});
