// Example workspace of real reports (from ../shared/corpus) for `npm start` and the VS Code tests.
import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { ROOT } from './proc.mjs';

/** ../shared beside the repository (XXGKNB_SHARED overrides). */
export const SHARED_DIR = path.resolve(process.env.XXGKNB_SHARED ?? path.join(ROOT, '..', 'shared'));

/** Real reports copied besides all seeds: [file under corpus/real, kind]. */
const REAL = [
  '2024-huaian-city.md',
  '2025-shanghai-city-govoffice.md',
  '2022-fujian-pingtan-zone-crawltext.txt',
  '2013-fujian-pingtan-county.txt',
  '2023-huaian-hongze-district-pdftext.txt', // two t4-total errors on one line (PDF text)
  '2024-huaian-hongze-district-tsv.txt',
];
const SEEDS = ['000_c51b2ac3a16111eb.txt', '001_7cf59446702f8a51.txt', '002_9d98c4465ad221fa.txt', '003_338e458cfad22ec9.txt', '004_739f523f9711be90.txt'];

export const NOTES_MD = `# 周例会记录

- 时间：周三上午
- 议题：办公室搬迁、网站改版

这是一份普通的 Markdown 笔记，不是政府信息公开工作年度报告。
`;

/** `2024-huaian-city.md` → `2024-huaian-city.xxgknb.md`. */
export function reportName(file, prefix = '') {
  const ext = path.extname(file);
  return `${prefix}${path.basename(file, ext)}.xxgknb${ext}`;
}

/**
 * Fills dest with byte-identical copies of the seeds and a few real reports (renamed *.xxgknb.txt / *.xxgknb.md)
 * and a notes.md that is not a report. Existing files are kept unless overwrite is set (edits survive restarts).
 * @returns {string[]} the file names in dest
 */
export function makeExampleWorkspace(dest, { overwrite = false } = {}) {
  const corpus = path.join(SHARED_DIR, 'corpus');
  if (!existsSync(corpus)) throw new Error(`example reports not found: ${corpus} (expected ../shared beside the repository; set XXGKNB_SHARED)`);
  mkdirSync(dest, { recursive: true });
  const names = [];
  const copy = (src, name) => {
    const out = path.join(dest, name);
    if (overwrite || !existsSync(out)) copyFileSync(src, out);
    names.push(name);
  };
  for (const f of SEEDS) copy(path.join(corpus, 'seeds', f), reportName(f, 'seed-'));
  for (const f of REAL) copy(path.join(corpus, 'real', f), reportName(f));
  const notes = path.join(dest, 'notes.md');
  if (overwrite || !existsSync(notes)) writeFileSync(notes, NOTES_MD);
  names.push('notes.md');
  return names.sort();
}
