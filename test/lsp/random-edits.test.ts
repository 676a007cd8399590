/**
 * Random sequences of ranged edits (several per notification, some back to back without waiting) against the
 * real server over stdio: the server parses each version incrementally from the previous one, and the result
 * must be exactly what a fresh open of the final text gives — diagnostics and model, in pull and push mode.
 * Seeded, so a failure can be replayed.
 */
import { after, before, describe, test } from 'node:test';
import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import type { Diagnostic } from 'vscode-languageserver-protocol';
import type { ReportModel } from '../../server/src/core/index';
import { corpusFile, shownAfter, startClient, untitled, type Client } from './harness';

const FILES = ['real/2024-huaian-city.md', 'real/2023-huaian-hongze-district-pdftext.txt', 'seeds/000_c51b2ac3a16111eb.txt', 'real/2021-fujian-pingtan-zone-crawltext.txt'];
const PIECES = ['\n', '\n\n', '## ', '一、', '（二）', '总计', '12', '３', '|', '%', '、', '。', 'XX', '資訊', '收到申请15件', '结转下年度3件', '2023年，我们将进一步', '𠮷'];

type Pos = { line: number; character: number };
type Change = { range: { start: Pos; end: Pos }; text: string };

function positionAt(text: string, offset: number): Pos {
  const before = text.slice(0, offset).split('\n');
  return { line: before.length - 1, character: before[before.length - 1]!.length };
}

/** A change at a random place (never inside a surrogate pair), removing up to `remove` characters. */
function changeFor(text: string, r: { at: number; remove: number; insert: string }): Change {
  let a = Math.floor(r.at * text.length);
  if (a > 0 && /[\udc00-\udfff]/.test(text[a] ?? '')) a--;
  let b = Math.min(text.length, a + r.remove);
  if (b > 0 && /[\udc00-\udfff]/.test(text[b] ?? '')) b++;
  return { range: { start: positionAt(text, a), end: positionAt(text, b) }, text: r.insert };
}

const editArb = fc.record({
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  remove: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 300 })),
  insert: fc.oneof(fc.constant(''), fc.constantFrom(...PIECES), fc.array(fc.constantFrom(...PIECES), { maxLength: 4 }).map((a) => a.join(''))),
});
/** One notification: one to three changes, each in the coordinates of the text after the previous one. */
const notificationArb = fc.array(editArb, { minLength: 1, maxLength: 3 });
const sequenceArb = fc.record({ file: fc.constantFrom(...FILES), notifications: fc.array(notificationArb, { minLength: 3, maxLength: 10 }), waitEvery: fc.integer({ min: 1, max: 4 }) });

const plain = (ds: Diagnostic[]) => ds.map((d) => ({ ...d, relatedInformation: d.relatedInformation?.map((r) => ({ range: r.location.range, message: r.message })) }));
const SAMPLES = fc.sample(sequenceArb, { numRuns: 6, seed: 20261124 });

describe('random edits over LSP equal a fresh open of the final text', () => {
  for (const pull of [true, false]) {
    describe(pull ? 'pull diagnostics' : 'push diagnostics', () => {
      let c: Client;
      before(async () => { c = await startClient({ pull, env: { XXGKNB_TRACE: '1' } }); });
      after(async () => { await c.stop(); });

      /** The diagnostics of a document's current version. */
      async function diagnosticsOf(uri: string, version: number, from: number): Promise<Diagnostic[]> {
        if (pull) return c.pullDiagnostics(uri);
        // What the client shows: a version whose diagnostics did not change is not published again.
        return shownAfter(c, uri, version, from);
      }

      SAMPLES.forEach((s, k) => {
        test(`sequence ${k}: ${s.notifications.length} notifications on ${s.file}`, async () => {
          const { text } = corpusFile(s.file);
          const uri = untitled(`random-${pull}-${k}.md`);
          const lang = s.file.endsWith('.md') ? 'markdown' : 'xxgknb';
          let version = 1;
          await c.open(uri, text, lang);
          if (pull) await c.pullDiagnostics(uri);
          for (const [i, n] of s.notifications.entries()) {
            const changes: Change[] = [];
            let t = c.text(uri);
            for (const e of n) {
              const ch = changeFor(t, e);
              changes.push(ch);
              // The next change is computed on the text after this one, as a client sends them.
              const lines = t.split('\n');
              const start = lines.slice(0, ch.range.start.line).join('\n').length + (ch.range.start.line ? 1 : 0) + ch.range.start.character;
              const end = lines.slice(0, ch.range.end.line).join('\n').length + (ch.range.end.line ? 1 : 0) + ch.range.end.character;
              t = t.slice(0, start) + ch.text + t.slice(end);
            }
            await c.change(uri, changes);
            version++;
            // Sometimes wait for the analysis, sometimes send the next edit at once (an analysis is then dropped).
            if (i % s.waitEvery === 0 && pull) await c.pullDiagnostics(uri);
          }
          const from = c.notifications.length;
          const finalText = c.text(uri);
          const edited = await diagnosticsOf(uri, version, 0);
          const fresh = untitled(`fresh-${pull}-${k}.md`);
          await c.open(fresh, finalText, lang);
          const opened = await diagnosticsOf(fresh, 1, from);
          assert.deepEqual(plain(edited), plain(opened).map((d) => d));
          const [m1, m2] = [await c.request<ReportModel>('xxgknb/model', { uri }), await c.request<ReportModel>('xxgknb/model', { uri: fresh })];
          assert.deepEqual(m1, m2);
          await c.close(uri);
          await c.close(fresh);
        });
      });
    });
  }
});
