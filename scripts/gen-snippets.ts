/**
 * Generates the editor assets that are derived from the schema (server/src/core/schema):
 *
 *  - snippets/xxgknb.code-snippets — the VS Code snippet file, from `allSnippets()` (server/src/core/snippets.ts);
 *  - the table-label rules of syntaxes/xxgknb.tmLanguage.json (`repository.table-label-cell` and
 *    `repository.table-label-line`): the row and column labels of the standard tables, each accepted in
 *    simplified and traditional script and with the usual punctuation variants. The rest of the grammar
 *    is written by hand and left as it is.
 *
 * Run: npm run gen:snippets   (node --import tsx scripts/gen-snippets.ts)
 * Check only (exit 1 when a file is stale): node --import tsx scripts/gen-snippets.ts --check
 * test/unit/snippets.test.ts and test/unit/grammar.test.ts fail when the committed files differ from a fresh generation.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as OpenCC from 'opencc-js/cn2t';
import { T2_HEADER_LABEL, T3_NOTE, allSnippets, toCodeSnippetsFile } from '../server/src/core/snippets';
import { T2_BLOCKS, T3_COLUMNS, T3_ROWS, T4_BLOCKS, T4_RESULTS, t2RowLabel, type TableEra } from '../server/src/core/schema/tables';

export const ROOT = join(__dirname, '..');
export const SNIPPETS_PATH = join(ROOT, 'snippets', 'xxgknb.code-snippets');
export const GRAMMAR_PATH = join(ROOT, 'syntaxes', 'xxgknb.tmLanguage.json');

// ------------------------------------------------------------------ snippets

export function snippetsFileText(): string {
  return `${JSON.stringify(toCodeSnippetsFile(allSnippets()), null, 2)}\n`;
}

// ------------------------------------------------------------------ grammar: table labels

/** Every label printed in the standard tables of both eras (rows, group cells, column headers, block titles, notes). */
export function tableLabels(): string[] {
  const out = new Set<string>();
  for (const r of T3_ROWS) { out.add(r.label); r.path.forEach((p) => out.add(p)); }
  for (const c of T3_COLUMNS) { out.add(c.label); c.path.forEach((p) => out.add(p)); }
  out.add(T3_NOTE);
  out.add(T2_HEADER_LABEL);
  const eras: TableEra[] = ['2019', '2021'];
  for (const b of T2_BLOCKS) {
    out.add(b.title);
    for (const era of eras) {
      if (!b.eras.includes(era)) continue;
      for (const r of b.rows) if (r.eras.includes(era)) out.add(t2RowLabel(b.id, r.id, era));
      for (const c of b.cols[era]) out.add(c.label);
    }
  }
  for (const b of T4_BLOCKS) b.path.forEach((p) => out.add(p));
  for (const r of T4_RESULTS) out.add(r);
  return [...out];
}

const converters = [
  OpenCC.Converter({ from: 'cn', to: 't' }),
  OpenCC.Converter({ from: 'cn', to: 'twp' }),
  OpenCC.Converter({ from: 'cn', to: 'hk' }),
];

/** The label as written by the usual simplified→traditional converters, phrase by phrase and character by character. */
export function scriptVariants(label: string): string[] {
  const v = new Set<string>([label]);
  for (const conv of converters) {
    v.add(conv(label));
    v.add([...label].map((ch) => conv(ch)).join(''));
  }
  return [...v];
}

/** Characters that converters over-convert in reposted reports (spec §6.5: 製度, 全麵, 體係; Appendix A: 本年製發件數). */
const CONVERTER_ARTEFACTS: Record<string, string[]> = { 制: ['製'], 面: ['麵'], 系: ['係'] };

/** Punctuation the forms and their copies write in more than one way. */
const PUNCT_CLASSES: Record<string, string[]> = {
  '（': ['（', '('], '(': ['（', '('],
  '）': ['）', ')'], ')': ['）', ')'],
  '“': ['“', '”', '"', '「'], '”': ['”', '“', '"', '」'],
  '：': ['：', ':'], '，': ['，', ','], '/': ['/', '／'],
};

function escapeClassChar(ch: string): string {
  return /[\\\][^-]/.test(ch) ? `\\${ch}` : ch;
}
function escapeChar(ch: string): string {
  return /[.*+?^${}()|[\]\\/-]/.test(ch) ? `\\${ch}` : ch;
}
function charClass(chars: Set<string>): string {
  const list = [...chars];
  if (list.length === 1) return escapeChar(list[0]!);
  return `[${list.map(escapeClassChar).join('')}]`;
}

/**
 * A regular expression source (Oniguruma) for one label: every script variant merged position by position
 * into character classes, the enumerator dot accepting 1. / 1、 / 1．, parentheses and quotes in either
 * width, and the block titles accepting 第二十条 第(一)项.
 */
export function labelPattern(label: string): string {
  const variants = scriptVariants(label).filter((v) => [...v].length === [...label].length);
  const chars = [...label];
  const parts: string[] = [];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    const set = new Set<string>();
    for (const v of variants) set.add([...v][i]!);
    if (ch === '.' && i > 0 && /[0-9]/.test(chars[i - 1]!)) { parts.push('[.．、]'); continue; }
    for (const extra of [...(PUNCT_CLASSES[ch] ?? []), ...(CONVERTER_ARTEFACTS[ch] ?? [])]) set.add(extra);
    parts.push(charClass(set));
    // 第二十条第（一）项 is also written 第二十条 第（一）项.
    if (ch === '条' && chars[i + 1] === '第') parts.push('[ \\x{3000}]?');
  }
  return parts.join('');
}

/** One alternation of all labels, longest first. */
export function labelAlternation(labels: string[] = tableLabels()): string {
  return [...labels].sort((a, b) => b.length - a.length || a.localeCompare(b)).map(labelPattern).join('|');
}

const LABEL_SCOPE = 'entity.name.tag.table-label.xxgknb';

/** The two generated grammar rules: a label filling a pipe-table cell, and a label opening a line or a tab-separated cell. */
export function grammarLabelRules(): Record<'table-label-cell' | 'table-label-line', { match: string; captures: Record<string, { name: string }>; comment: string }> {
  const alt = labelAlternation();
  return {
    'table-label-cell': {
      comment: 'GENERATED by scripts/gen-snippets.ts from server/src/core/schema/tables.ts: a standard table label filling a pipe-table cell.',
      match: `(?<=^|\\|)[ \\t\\x{3000}]*(${alt})[ \\t\\x{3000}]*(?=\\||$)`,
      captures: { 1: { name: LABEL_SCOPE } },
    },
    'table-label-line': {
      comment: 'GENERATED by scripts/gen-snippets.ts from server/src/core/schema/tables.ts: a standard table label alone on a line, in a tab-separated cell, or followed by the row\'s numbers (PDF text).',
      match: `(?<=^|\\t)[ \\t\\x{3000}]*(${alt})(?=[ \\t\\x{3000}]*(?:\\t|$)|[ \\x{3000}]+[-+]?[0-9０-９])`,
      captures: { 1: { name: LABEL_SCOPE } },
    },
  };
}

/** The grammar file with its generated rules refreshed (everything else kept as written). */
export function grammarFileText(current: string = readFileSync(GRAMMAR_PATH, 'utf8')): string {
  const grammar = JSON.parse(current) as { repository: Record<string, unknown> };
  Object.assign(grammar.repository, grammarLabelRules());
  return `${JSON.stringify(grammar, null, 2)}\n`;
}

// ------------------------------------------------------------------ main

function main(): void {
  const check = process.argv.includes('--check');
  const outputs: [string, string][] = [
    [SNIPPETS_PATH, snippetsFileText()],
    [GRAMMAR_PATH, grammarFileText()],
  ];
  let stale = 0;
  for (const [path, text] of outputs) {
    let old = '';
    try { old = readFileSync(path, 'utf8'); } catch { /* new file */ }
    if (old === text) continue;
    if (check) { console.error(`stale: ${path}`); stale++; continue; }
    writeFileSync(path, text);
    console.log(`wrote ${path}`);
  }
  if (stale) process.exit(1);
}

if (process.argv[1] && /gen-snippets\.ts$/.test(process.argv[1])) main();
