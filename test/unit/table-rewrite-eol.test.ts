// The table → Markdown rewrite in a CRLF file: a table that already has a blank line before it gets no second one,
// and the new text uses the file's CRLF line breaks.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { parseReport } from '../../server/src/core/index';
import { tableEdit, tableToMarkdown } from '../../server/src/lsp/features/tableMarkdown';
import { offsetOf, REAL } from './helpers';

test('rewriting a table in a CRLF file after a blank line adds no blank line and keeps CRLF', () => {
  const lf = readFileSync(`${REAL}/2024-huaian-hongze-district-tsv.txt`, 'utf8').replace(/\r\n/g, '\n');
  const t3lf = parseReport(lf, { format: 'text' }).model.tables.find((t) => t.kind === 'T3')!;
  // A blank line right before the table's first line.
  const at = offsetOf(lf, { line: t3lf.range.start.line, character: 0 });
  const src = (lf.slice(0, at) + '\n' + lf.slice(at)).replace(/\n/g, '\r\n');
  const t3 = parseReport(src, { format: 'text' }).model.tables.find((t) => t.kind === 'T3')!;
  const edit = tableEdit(t3, src, tableToMarkdown(t3, '2021'))!;
  assert.ok(edit);
  assert.ok(src.slice(0, offsetOf(src, edit.range.start)).endsWith('\r\n\r\n'), 'a blank line precedes the table');
  assert.ok(!edit.newText.startsWith('\r\n'), 'no second blank line');
  assert.ok(!/[^\r]\n/.test(edit.newText), 'CRLF line breaks only');
});

test('rewriting a table in a file whose lines end in CR alone: CR line breaks, one blank line before and after', () => {
  const lf = readFileSync(`${REAL}/2024-huaian-hongze-district-tsv.txt`, 'utf8').replace(/\r\n/g, '\n');
  const src = lf.replace(/\n/g, '\r');
  const t3 = parseReport(src, { format: 'text' }).model.tables.find((t) => t.kind === 'T3')!;
  const edit = tableEdit(t3, src, tableToMarkdown(t3, '2021'))!;
  assert.ok(edit);
  assert.ok(!edit.newText.includes('\n'), 'CR line breaks only');
  const t3lf = parseReport(lf, { format: 'text' }).model.tables.find((t) => t.kind === 'T3')!;
  assert.equal(edit.newText, tableEdit(t3lf, lf, tableToMarkdown(t3lf, '2021'))!.newText.replace(/\n/g, '\r'), 'the rewrite it gets with LF');
});
