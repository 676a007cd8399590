/**
 * The analyzer's queue (server/src/lsp/analyzer.ts): the reports beside an open one are analysed in the background,
 * only when nothing else waits, so reading a folder of reports never delays what the user types.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { exampleReport } from '../../server/src/core/index';
import { Analyzer } from '../../server/src/lsp/analyzer';

test('background jobs wait for every queued job; queued jobs run in order', async () => {
  const analyzer = new Analyzer(null, () => undefined); // on this thread: the same queue
  const done: string[] = [];
  const text = exampleReport();
  const jobs = [
    ...Array.from({ length: 5 }, (_, i) => analyzer.runInBackground({ text, config: {}, forceReport: false, parseOnly: true }).then(() => done.push(`background ${i}`))),
    analyzer.run({ text, config: {}, forceReport: true }).then(() => done.push('typed 1')),
    analyzer.run({ text, config: {}, forceReport: true }).then(() => done.push('typed 2')),
  ];
  await Promise.all(jobs);
  // The first background job may already have started when the typed ones arrived; none of the others did.
  assert.deepEqual(done.filter((d) => d.startsWith('typed')), ['typed 1', 'typed 2']);
  assert.ok(done.indexOf('typed 2') <= 2, done.join(', '));
  analyzer.dispose();
});
