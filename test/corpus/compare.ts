/**
 * Compares the parser's model of a corpus report with the expectation written by reading it
 * (test/corpus/expected/*.json). Shared by the corpus test and the `corpus-report` dev script.
 */
import { readdirSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { compactKey, formatOfPath, parseReport, type Cell, type ReportModel } from '../../server/src/core/index';

export const CORPUS_ROOT = path.resolve(__dirname, '../../../shared/corpus');
/** Every corpus report, as `seeds/…` and `real/…`. */
export function corpusFiles(): string[] {
  return ['seeds', 'real'].flatMap((dir) => readdirSync(path.join(CORPUS_ROOT, dir)).filter((f) => f !== 'MANIFEST.tsv').map((f) => `${dir}/${f}`));
}
export const EXPECTED_DIR = path.resolve(__dirname, 'expected');

export interface Expected {
  file: string;
  era: string;
  year: number | null;
  organ: string | null;
  organType: string;
  publishDate: string | null;
  period: [string, string] | null;
  sections: { line: number; heading: string; items: string[] }[];
  tables: Record<string, Record<string, unknown>>;
  ambiguous?: string[];
  findings: { code: string; line: number; where: string; detail: string }[];
}

export function loadExpected(name: string): Expected {
  return JSON.parse(readFileSync(path.join(EXPECTED_DIR, name), 'utf8')) as Expected;
}

export function parseCorpusFile(rel: string): ReportModel {
  const text = readFileSync(path.join(CORPUS_ROOT, rel), 'utf8');
  return parseReport(text, { format: formatOfPath(rel) ?? 'text' }).model;
}

export function cellKey(kind: string, c: Cell): string {
  if (kind === 'T2') return `${c.rowPath[0]}|${c.row}|${c.col}`;
  return `${c.rowId}|${c.col}`;
}

/** What an expected value says, in the terms of the model. */
export function expectedValue(v: unknown): { value: number | null; kind: 'number' | 'blank' | 'placeholder'; raw?: string } {
  if (v === null) return { value: null, kind: 'blank' };
  if (typeof v === 'number') return { value: v, kind: 'number' };
  if (typeof v === 'string') return { value: null, kind: 'placeholder', raw: v };
  const o = v as { value: number; raw?: string };
  return { value: o.value, kind: 'number', raw: o.raw };
}

export interface Mismatch { what: string; expected: unknown; actual: unknown }

export function compareModel(exp: Expected, model: ReportModel): { mismatches: Mismatch[]; cellsChecked: number; cellsOk: number } {
  const mismatches: Mismatch[] = [];
  const push = (what: string, expected: unknown, actual: unknown) => mismatches.push({ what, expected, actual });
  if (model.meta.era !== exp.era) push('era', exp.era, model.meta.era);
  if (model.meta.year !== exp.year) push('year', exp.year, model.meta.year);
  // Top-level sections: heading text and statutory items, in order.
  const got = model.sections.map((s) => ({ line: s.headingRange.start.line + 1, heading: s.title, items: s.items.map((i) => i.id) }));
  // Markdown captions a PDF converter inserted before table fragments (`## 表二：…`) are part of the tables in
  // our model, not sections; the expectations list them as headings. Compare the numbered headings.
  exp = { ...exp, sections: exp.sections.filter((s) => !/^表[一二三四]/.test(s.heading)) };
  const expHeads = exp.sections.map((s) => compactKey(s.heading));
  const gotHeads = got.map((s) => compactKey(s.heading));
  if (JSON.stringify(expHeads) !== JSON.stringify(gotHeads)) push('sections', exp.sections.map((s) => s.heading), got.map((s) => s.heading));
  else {
    exp.sections.forEach((s, k) => {
      const g = got[k]!;
      if (g.line !== s.line) push(`section line ${s.heading}`, s.line, g.line);
      if (JSON.stringify([...s.items].sort()) !== JSON.stringify([...g.items].sort())) push(`section items ${s.heading}`, s.items, g.items);
    });
  }
  let cellsChecked = 0, cellsOk = 0;
  const ambiguous = new Set(exp.ambiguous ?? []);
  for (const [kind, cells] of Object.entries(exp.tables ?? {})) {
    const table = model.tables.find((t) => t.kind === kind);
    const byKey = new Map((table?.cells ?? []).map((c) => [cellKey(kind, c), c]));
    for (const [key, raw] of Object.entries(cells)) {
      if (ambiguous.has(key) || ambiguous.has(`${kind}|${key}`) || ambiguous.has(`${kind}:${key}`)) continue;
      cellsChecked++;
      const e = expectedValue(raw);
      const c = byKey.get(key);
      if (!c) { push(`${kind} ${key}`, raw, 'missing'); continue; }
      const kindOk = e.kind === 'blank' ? c.kind === 'blank' : e.kind === 'placeholder' ? c.kind === 'placeholder' : (c.kind === 'number' || c.kind === 'note');
      if (kindOk && c.value === e.value) cellsOk++;
      else push(`${kind} ${key}`, raw, c.kind === 'number' || c.kind === 'note' ? c.value : `${c.kind}:${c.raw}`);
    }
  }
  return { mismatches, cellsChecked, cellsOk };
}
