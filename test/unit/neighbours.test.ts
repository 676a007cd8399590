/**
 * The reading of a report's folder for the checks across years (server/src/lsp/neighbours.ts), over a folder in
 * memory: a file changed while the folder is being read is read again; an open document's new facts reach the
 * folder at once, and only a real change of them counts as one.
 */
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import type { YearFacts } from '../../server/src/core/index';
import { minimatch } from 'minimatch';
import { folderOf, Neighbours, REPORT_FILE, REPORT_FILES_GLOB, type NeighbourIo } from '../../server/src/lsp/neighbours';
import { documentDir } from '../../server/src/lsp/settings';

const DIR = path.join(path.sep, 'reports');
const file = (name: string) => path.join(DIR, name);
/** Facts whose year is the file's text (enough to tell one reading from another). */
const factsOf = (text: string) => ({ organ: '某县人民政府', year: Number(text), era: '2021', cells: {}, suppressed: {} }) as YearFacts;

function folder(files: Record<string, string>) {
  const stamps = new Map(Object.keys(files).map((n) => [n, 1]));
  let gate: (() => void) | null = null;
  const io: NeighbourIo = {
    readdir: async () => Object.keys(files),
    stat: async (f) => ({ size: files[path.basename(f)]!.length, mtimeMs: stamps.get(path.basename(f))!, isFile: () => true }),
    readFile: async (f) => {
      // A test can hold a reading half-way (the file read, not yet handed over) to change the file meanwhile.
      const text = files[path.basename(f)]!;
      if (gate) await new Promise<void>((r) => { const g = gate!; gate = () => { g(); r(); }; });
      return new TextEncoder().encode(text);
    },
  };
  return {
    io,
    write(name: string, text: string) { files[name] = text; stamps.set(name, (stamps.get(name) ?? 0) + 1); },
    hold() { gate = () => undefined; },
    release() { const g = gate; gate = null; g?.(); },
  };
}

const years = (n: Neighbours) => n.known(DIR).reports.map((r) => [path.basename(r.id), r.facts.year]);
const settle = async (n: Neighbours) => { for (let i = 0; i < 5; i++) { await n.settled(DIR); await new Promise((r) => setImmediate(r)); } };

test('a file changed while its folder is being read is read again when that reading is done', async () => {
  const fs = folder({ '2023.md': '2023' });
  const changes: string[] = [];
  const n = new Neighbours(fs.io, async (_f, text) => factsOf(text), () => undefined, (dir) => changes.push(dir));
  fs.hold();
  n.known(DIR); // starts the first reading, which waits at the file
  await new Promise((r) => setImmediate(r));
  fs.write('2023.md', '2022');
  n.fileChanged(file('2023.md'));
  fs.release();
  await settle(n);
  assert.deepEqual(years(n), [['2023.md', 2022]]);
  assert.equal(changes.length, 2, 'both readings changed what the folder holds');
});

test('a changed file is read at once (not after RESCAN_MS); other files and unknown folders are ignored', async () => {
  const fs = folder({ '2023.md': '2023', 'notes.docx': 'x' });
  const changes: string[] = [];
  const n = new Neighbours(fs.io, async (_f, text) => factsOf(text), () => undefined, (dir) => changes.push(dir));
  n.known(DIR);
  await settle(n);
  assert.deepEqual(years(n), [['2023.md', 2023]]);
  fs.write('2023.md', '2021');
  n.fileChanged(file('notes.docx'));
  n.fileChanged(path.join(path.sep, 'elsewhere', '2023.md'));
  await settle(n);
  assert.deepEqual(years(n), [['2023.md', 2023]], 'not read again for those');
  n.fileChanged(file('2023.md'));
  await settle(n);
  assert.deepEqual(years(n), [['2023.md', 2021]]);
  assert.deepEqual(changes, [DIR, DIR]);
});

test('an open document\'s facts reach its folder at once; a new version with the same facts is no change', async () => {
  const fs = folder({ '2023.md': '2023', '2024.md': '2024' });
  const editor = new Map<string, { version: number; facts: YearFacts | null }>();
  const changes: [string, string | undefined][] = [];
  const n = new Neighbours(fs.io, async (_f, text) => factsOf(text), (f) => editor.get(f), (dir, f) => changes.push([dir, f]));
  n.editorChanged(file('2023.md')); // folder not known yet: nothing to tell
  n.known(DIR);
  await settle(n);
  changes.length = 0;
  editor.set(file('2023.md'), { version: 2, facts: factsOf('2019') });
  n.editorChanged(file('2023.md'));
  assert.deepEqual(years(n), [['2023.md', 2019], ['2024.md', 2024]]);
  assert.deepEqual(changes, [[DIR, file('2023.md')]]);
  n.editorChanged(file('2023.md')); // the same version again
  editor.set(file('2023.md'), { version: 3, facts: factsOf('2019') });
  n.editorChanged(file('2023.md')); // a version with the same facts
  assert.equal(changes.length, 1);
  const stamp = n.known(DIR).stamp;
  editor.set(file('2023.md'), { version: 4, facts: null }); // no longer reads as a report
  n.editorChanged(file('2023.md'));
  assert.deepEqual(years(n), [['2024.md', 2024]]);
  assert.notEqual(n.known(DIR).stamp, stamp);
  assert.equal(changes.length, 2);
});

test('a report open in the editor and not on disk counts in its folder, also when analysed before the folder was first read, until it is closed', async () => {
  // (The server analyses last year's report, open beside this year's, before this year's first asks for the folder:
  // the reading found only what was on disk and dropped the open report, so this year's never saw it.)
  const fs = folder({ '2024.md': '2024' });
  const editor = new Map<string, { version: number; facts: YearFacts | null }>();
  const n = new Neighbours(fs.io, async (_f, text) => factsOf(text), (f) => editor.get(f), () => undefined);
  editor.set(file('2023.md'), { version: 1, facts: factsOf('2023') });
  n.editorChanged(file('2023.md')); // before the folder is known
  n.known(DIR);
  await settle(n);
  assert.deepEqual(years(n), [['2023.md', 2023], ['2024.md', 2024]]);
  n.fileChanged(file('2024.md')); // the folder read again: the open report stays
  await settle(n);
  assert.deepEqual(years(n), [['2023.md', 2023], ['2024.md', 2024]]);
  editor.delete(file('2023.md')); // closed
  n.fileChanged(file('2024.md'));
  await settle(n);
  assert.deepEqual(years(n), [['2024.md', 2024]]);
});

test('a report first analysed while its folder is being read is not dropped by that reading', async () => {
  const fs = folder({ '2024.md': '2024' });
  const editor = new Map<string, { version: number; facts: YearFacts | null }>();
  const n = new Neighbours(fs.io, async (_f, text) => factsOf(text), (f) => editor.get(f), () => undefined);
  fs.hold();
  n.known(DIR); // the reading waits at 2024.md
  await new Promise((r) => setImmediate(r));
  editor.set(file('2023.md'), { version: 1, facts: factsOf('2023') });
  n.editorChanged(file('2023.md')); // not saved: not in the listing the reading took
  fs.release();
  await settle(n);
  assert.deepEqual(years(n), [['2023.md', 2023], ['2024.md', 2024]]);
});

test('folders are named alike from a URI and from a path, with forward slashes (Windows paths too)', () => {
  assert.equal(folderOf('/reports/2024/a.md'), '/reports/2024');
  assert.equal(folderOf('/a.md'), '/');
  assert.equal(folderOf('C:\\reports\\2024\\a.md'), 'C:/reports/2024');
  assert.equal(documentDir('file:///reports/2024/a.md'), folderOf('/reports/2024/a.md'));
});

test('the file watcher\'s glob takes exactly the files the folder reading reads, in any letter case', () => {
  const names = ['年报.md', '年报.Md', '年报.MD', 'a/b/2024.markdown', '2024.MarkDown', 'x.txt', 'x.TXT', 'x.Txt', 'p.htm', 'p.HTML', 'p.Html',
    'x.mdx', 'x.md.bak', 'x.doc', 'x.pdf', 'xmd', 'x.tx', 'x.json', '.xxgknb.json'];
  for (const name of names) {
    const p = `/reports/${name}`;
    assert.equal(minimatch(p, REPORT_FILES_GLOB, { dot: true }), REPORT_FILE.test(p), name);
  }
  assert.ok(minimatch('/reports/年报.Md', REPORT_FILES_GLOB), 'a mixed-case extension is watched');
});
