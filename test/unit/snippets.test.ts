/**
 * Snippets (server/src/core/snippets.ts → snippets/xxgknb.code-snippets):
 *  - the committed snippet file equals a fresh generation (npm run gen:snippets);
 *  - every body is valid snippet syntax: balanced ${…}, tab stops 1..n without gaps, one final $0;
 *  - the tables reproduce the official layouts of spec §2 from the schema (rows, label columns, header rows,
 *    number of value cells), and the project's table parser reads them back as zero-filled standard tables;
 *  - the 2021 skeleton has the title, the intro with the statistics period, the six standard sections with
 *    the five sub-topics of 总体情况, the three tables in their sections and the signature.
 */
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import { SNIPPETS_PATH, snippetsFileText } from '../../scripts/gen-snippets';
import { parseTables } from '../../server/src/core/parse/tables';
import { ITEM_BY_ID, ITEM_ORDER } from '../../server/src/core/schema/sections';
import { T2_BLOCKS, T3_COLUMNS, T3_ROWS, T4_RESULTS, t2RowLabel, type TableEra } from '../../server/src/core/schema/tables';
import {
  OVERVIEW_SUBTOPICS, T2_HEADER_LABEL, T3_NOTE, TabStops, allSnippets, columnHeaderRows, escapeSnippetText, expandSnippet,
  rowLabelColumns, skeleton2021Snippet, table2Snippet, table3Snippet, table4Snippet, type Snippet,
} from '../../server/src/core/snippets';
import { normalizeForMatching } from '../../server/src/core/text/normalize';

// ------------------------------------------------------------------ snippet syntax checker

interface SnippetSyntax { errors: string[]; stops: number[]; finalAtEnd: boolean; placeholders: Map<number, string> }

/** A strict reader of the VS Code / LSP snippet grammar (tab stops, placeholders, choices, variables, escapes). */
function readSnippet(body: string[]): SnippetSyntax {
  const text = body.join('\n');
  const errors: string[] = [];
  const stops: number[] = [];
  const placeholders = new Map<number, string>();
  const open: { num: number | null; start: number }[] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (ch === '\\') {
      if ('$}\\'.includes(text[i + 1] ?? '')) { i += 2; continue; }
      i++;
      continue;
    }
    if (ch === '$') {
      const rest = text.slice(i);
      let m: RegExpExecArray | null;
      if ((m = /^\$(\d+)/.exec(rest))) { stops.push(Number(m[1])); i += m[0].length; continue; }
      if ((m = /^\$\{(\d+)\}/.exec(rest))) { stops.push(Number(m[1])); i += m[0].length; continue; }
      if ((m = /^\$\{(\d+):/.exec(rest))) { stops.push(Number(m[1])); open.push({ num: Number(m[1]), start: i + m[0].length }); i += m[0].length; continue; }
      if ((m = /^\$\{(\d+)\|((?:\\.|[^\\|])*)\|\}/.exec(rest))) { stops.push(Number(m[1])); i += m[0].length; continue; }
      if ((m = /^\$[A-Za-z_][A-Za-z0-9_]*/.exec(rest))) { i += m[0].length; continue; }
      if ((m = /^\$\{[A-Za-z_][A-Za-z0-9_]*\}/.exec(rest))) { i += m[0].length; continue; }
      if ((m = /^\$\{[A-Za-z_][A-Za-z0-9_]*:/.exec(rest))) { open.push({ num: null, start: i + m[0].length }); i += m[0].length; continue; }
      errors.push(`unescaped $ at ${i}: ${rest.slice(0, 12)}`);
      i++;
      continue;
    }
    if (ch === '}') {
      const o = open.pop();
      if (!o) errors.push(`unbalanced } at ${i}`);
      else if (o.num !== null && !placeholders.has(o.num)) placeholders.set(o.num, text.slice(o.start, i));
    }
    i++;
  }
  if (open.length) errors.push(`${open.length} unclosed \${`);
  return { errors, stops, finalAtEnd: /\$0$/.test(text), placeholders };
}

function assertValidSnippet(s: Snippet): SnippetSyntax {
  const r = readSnippet(s.body);
  assert.deepEqual(r.errors, [], s.name);
  const zero = r.stops.filter((n) => n === 0).length;
  assert.equal(zero, 1, `${s.name}: exactly one $0`);
  assert.ok(r.finalAtEnd, `${s.name}: $0 ends the body`);
  const numbered = [...new Set(r.stops.filter((n) => n > 0))].sort((a, b) => a - b);
  assert.deepEqual(numbered, numbered.map((_, k) => k + 1), `${s.name}: tab stops 1..n without gaps`);
  // Each stop has a default text (its later occurrences only mirror it).
  for (const n of numbered) assert.ok(r.placeholders.has(n), `${s.name}: stop ${n} has a default`);
  return r;
}

// ------------------------------------------------------------------ pipe-table reading

const STOP = /^\$\{\d+:0\}$/;
const cellsOf = (line: string): string[] => line.slice(1, -1).split('|').map((c) => c.trim());

/** The pipe tables of a body: consecutive lines starting with |, without the delimiter row. */
function pipeTables(body: string[]): string[][][] {
  const tables: string[][][] = [];
  let cur: string[][] | null = null;
  let width = -1;
  for (const line of body) {
    if (!line.startsWith('|')) { cur = null; continue; }
    const cells = cellsOf(line);
    if (!cur) { cur = []; tables.push(cur); width = cells.length; }
    assert.equal(cells.length, width, `every row of a table has the same number of cells: ${line}`);
    if (/^(\s*-{3,}\s*\|)+$/.test(line.slice(1))) continue;
    cur.push(cells);
  }
  return tables;
}

const isDataRow = (cells: string[], values: number) => cells.length >= values && cells.slice(-values).every((c) => STOP.test(c));

// ------------------------------------------------------------------ tests

describe('snippet file', () => {
  test('snippets/xxgknb.code-snippets equals a fresh generation (run npm run gen:snippets)', () => {
    assert.equal(readFileSync(SNIPPETS_PATH, 'utf8'), snippetsFileText());
  });

  test('it is a VS Code snippet file: name → { prefix, description, body }', () => {
    const json = JSON.parse(readFileSync(SNIPPETS_PATH, 'utf8')) as Record<string, { prefix: string[]; description: string; body: string[] }>;
    assert.equal(Object.keys(json).length, allSnippets().length);
    for (const [name, s] of Object.entries(json)) {
      assert.ok(Array.isArray(s.prefix) && s.prefix.length > 0, name);
      assert.ok(Array.isArray(s.body) && s.body.every((l) => typeof l === 'string'), name);
      assert.equal(typeof s.description, 'string');
    }
  });

  test('names and prefixes are unique; each snippet has an xxgknb- prefix and a Chinese one; descriptions are Chinese', () => {
    const all = allSnippets();
    assert.equal(new Set(all.map((s) => s.name)).size, all.length);
    const prefixes = all.flatMap((s) => s.prefix);
    assert.equal(new Set(prefixes).size, prefixes.length, 'unique prefixes');
    for (const s of all) {
      assert.ok(s.prefix.some((p) => /^xxgknb-[a-z0-9-]+$/.test(p)), s.name);
      assert.ok(s.prefix.some((p) => /\p{Script=Han}/u.test(p)), s.name);
      assert.match(s.description, /\p{Script=Han}/u);
    }
    for (const p of ['xxgknb-table2-2021', 'xxgknb-table3-2021', 'xxgknb-table4', 'xxgknb-table2-2019', 'xxgknb-table3-2019', 'xxgknb-skeleton-2021', '年报表二', '年报表三', '年报表四', '年报框架']) {
      assert.ok(prefixes.includes(p), p);
    }
  });

  test('every body is valid snippet syntax', () => {
    for (const s of allSnippets()) assertValidSnippet(s);
  });
});

describe('snippet syntax helpers', () => {
  test('escapeSnippetText escapes $, } and \\', () => {
    assert.equal(escapeSnippetText('a$b}c\\d'), 'a\\$b\\}c\\\\d');
  });
  test('expandSnippet takes the defaults, mirrors and escapes', () => {
    assert.deepEqual(expandSnippet(['${1:甲}${2:2024}年', '$1 ${2} \\$5 $0']), ['甲2024年', '甲 2024 $5 ']);
  });
  test('TabStops numbers from 1 and escapes defaults', () => {
    const t = new TabStops();
    assert.equal(t.next('0'), '${1:0}');
    assert.equal(t.next('a}b'), '${2:a\\}b}');
    assert.equal(t.last, 2);
    assert.equal(TabStops.mirror(1), '${1}');
  });
  test('columnHeaderRows / rowLabelColumns: labels at the start of their span, merged cells blank', () => {
    assert.deepEqual(columnHeaderRows([['a', 'x'], ['a', 'y'], ['b']]), [['a', '', 'b'], ['x', 'y', '']]);
    assert.deepEqual(rowLabelColumns([['A'], ['B', 'b1'], ['B', 'b2', 'i'], ['B', 'b2', 'ii']]), [
      ['A', '', ''], ['B', 'b1', ''], ['', 'b2', 'i'], ['', '', 'ii'],
    ]);
  });
});

describe('表三', () => {
  for (const [era, rows] of [['2021', 25], ['2019', 23]] as const) {
    test(`${era}: ${rows} data rows × 7 number stops, labels from the schema in the official layout`, () => {
      const s = table3Snippet(era);
      const syntax = assertValidSnippet(s);
      assert.equal(syntax.stops.filter((n) => n > 0).length, rows * 7);
      const [table, ...more] = pipeTables(s.body);
      assert.equal(more.length, 0, 'one table');
      assert.equal(table![0]!.length, 3 + 7, '3 label columns + 7 value columns');
      // Header rows: the note top-left, then the applicant columns nested as on the form.
      const header = table!.filter((r) => !isDataRow(r, 7));
      assert.equal(header.length, 3);
      assert.equal(header[0]![0], T3_NOTE);
      assert.deepEqual(header.map((r) => r.slice(3)), columnHeaderRows(T3_COLUMNS.map((c) => c.path)));
      assert.deepEqual(header.map((r) => r.slice(1, 3)), [['', ''], ['', ''], ['', '']]);
      assert.deepEqual(header[1]!.slice(3), ['自然人', '法人或其他组织', '', '', '', '', '总计']);
      // Data rows: each writes its own leaf label; a group label only in the group's first row.
      const data = table!.filter((r) => isDataRow(r, 7));
      const spec = T3_ROWS.filter((r) => r.eras.includes(era as TableEra));
      assert.equal(data.length, rows);
      data.forEach((r, k) => {
        const path = spec[k]!.path;
        assert.equal(r[path.length - 1], spec[k]!.label, `row ${k + 1} carries its own label`);
        for (let d = path.length; d < 3; d++) assert.equal(r[d], '', `row ${k + 1}: merged cell after the label is blank`);
        for (let d = 0; d < path.length - 1; d++) {
          const first = k === 0 || spec[k - 1]!.path[d] !== path[d];
          assert.equal(r[d], first ? path[d] : '', `row ${k + 1}, level ${d + 1}`);
        }
      });
      assert.deepEqual(data.map((r) => r.slice(3).length), data.map(() => 7));
      if (era === '2019') assert.ok(data.some((r) => r[1] === '（六）其他处理' && r[2] === ''), '（六）其他处理 is one row in 2019');
    });
  }
});

describe('表二', () => {
  for (const [era, stops] of [['2021', 10], ['2019', 22]] as const) {
    test(`${era}: one table per block with its title row, header row and data rows (${stops} number stops)`, () => {
      const s = table2Snippet(era);
      const syntax = assertValidSnippet(s);
      assert.equal(syntax.stops.filter((n) => n > 0).length, stops);
      const tables = pipeTables(s.body);
      const blocks = T2_BLOCKS.filter((b) => b.eras.includes(era));
      assert.equal(tables.length, blocks.length);
      blocks.forEach((b, k) => {
        const t = tables[k]!;
        const cols = b.cols[era];
        assert.equal(t[0]!.length, 1 + cols.length, `${b.title}: label + ${cols.length} value columns`);
        assert.deepEqual(t[0], [b.title, ...cols.map(() => '')], 'block title row');
        assert.deepEqual(t[1], [T2_HEADER_LABEL, ...cols.map((c) => c.label)], 'header row');
        const rows = b.rows.filter((r) => r.eras.includes(era));
        assert.deepEqual(t.slice(2).map((r) => r[0]), rows.map((r) => t2RowLabel(b.id, r.id, era)), 'data rows');
        for (const r of t.slice(2)) assert.ok(isDataRow(r, cols.length), `${r[0]}: ${cols.length} number stops`);
      });
      if (era === '2021') assert.ok(s.body.some((l) => l.startsWith('| 行政规范性文件 |')));
      if (era === '2019') assert.ok(s.body.some((l) => l.startsWith('| 规范性文件 |')));
    });
  }
});

describe('表四', () => {
  test('15 columns, the nested header rows of the form, one data row of 15 number stops', () => {
    const s = table4Snippet();
    const syntax = assertValidSnippet(s);
    assert.equal(syntax.stops.filter((n) => n > 0).length, 15);
    const [t] = pipeTables(s.body);
    assert.equal(t![0]!.length, 15);
    assert.deepEqual(t![0], ['行政复议', '', '', '', '', '行政诉讼', '', '', '', '', '', '', '', '', '']);
    assert.deepEqual(t![1], [...T4_RESULTS, '未经复议直接起诉', '', '', '', '', '复议后起诉', '', '', '', '']);
    assert.deepEqual(t![2], ['', '', '', '', '', ...T4_RESULTS, ...T4_RESULTS]);
    assert.equal(t!.length, 4);
    assert.ok(isDataRow(t![3]!, 15));
  });
});

describe('2021 skeleton', () => {
  const s = skeleton2021Snippet();
  const body = s.body;
  test('valid, with title, intro, six standard sections in order, sub-topics, tables in their sections and signature', () => {
    const syntax = assertValidSnippet(s);
    // Title: organ and year placeholders.
    assert.match(body[0]!, /^\$\{1:[^}]+\}\$\{2:[^}]+\}年政府信息公开工作年度报告$/);
    // Intro: the statistics period, with the year mirrored.
    const intro = body.find((l) => l.includes('统计期限'));
    assert.ok(intro && intro.includes('${2}年1月1日至${2}年12月31日'), 'intro names the statistics period');
    assert.ok(intro.includes('${1}'), 'intro names the organ');
    // The six headings, exactly as in the schema, in the statutory order.
    const headings = ITEM_ORDER['2021'].map((id) => ITEM_BY_ID.get(id)!.standard['2021']!);
    const at = headings.map((h) => body.indexOf(h));
    assert.ok(at.every((i) => i > 0), 'all six headings present');
    assert.deepEqual([...at].sort((a, b) => a - b), at, 'in order');
    // （一）–（五） under 总体情况.
    const subs = body.slice(at[0]!, at[1]!).filter((l) => /^（[一二三四五六七八九十]）/.test(l));
    assert.deepEqual(subs.map((l) => l.slice(3)), OVERVIEW_SUBTOPICS.map((t) => `${t}情况`));
    assert.deepEqual(subs.map((l) => l.slice(0, 3)), ['（一）', '（二）', '（三）', '（四）', '（五）']);
    // Tables in their sections.
    const section = (k: number) => body.slice(at[k]!, at[k + 1] ?? body.length);
    const shape = (tables: string[][][]) => tables.map((t) => t.map((r) => r.map((c) => (STOP.test(c) ? '#' : c))));
    assert.deepEqual(shape(pipeTables(section(1))), shape(pipeTables(table2Snippet('2021').body)), '表二 as in its snippet');
    assert.deepEqual(shape(pipeTables(section(2))), shape(pipeTables(table3Snippet('2021').body)), '表三 as in its snippet');
    assert.deepEqual(shape(pipeTables(section(3))), shape(pipeTables(table4Snippet().body)), '表四 as in its snippet');
    assert.equal(pipeTables(section(1)).length, 4);
    assert.equal(pipeTables(section(2)).length, 1);
    assert.equal(pipeTables(section(2))[0]!.filter((r) => isDataRow(r, 7)).length, 25);
    assert.equal(pipeTables(section(3)).length, 1);
    assert.equal(pipeTables(section(3))[0]!.filter((r) => isDataRow(r, 15)).length, 1);
    for (const k of [0, 4, 5]) assert.equal(pipeTables(section(k)).length, 0);
    assert.ok(section(5).some((l) => l.includes('信息处理费')), '六 reports the information-processing fee');
    // Signature: organ and a date.
    assert.equal(body.at(-1), '$0');
    assert.equal(body.at(-3), '${1}');
    assert.match(body.at(-2)!, /^\$\{\d+:[^}]+\}年\$\{\d+:[^}]+\}月\$\{\d+:[^}]+\}日$/);
    assert.ok(syntax.stops.filter((n) => n > 0).length > 200);
  });
});

describe('the project table parser reads the inserted tables', () => {
  const parse = (lines: string[]) => parseTables(normalizeForMatching(lines.join('\n')).text, { html: false, eraHint: null }).tables;
  const check = (tables: ReturnType<typeof parse>, kind: string, era: TableEra | null, cells: number) => {
    const t = tables.find((x) => x.kind === kind);
    assert.ok(t, `${kind} found`);
    if (era) assert.equal(t.era, era, `${kind} era`);
    assert.equal(t.cells.length, cells, `${kind} cells`);
    assert.ok(t.cells.every((c) => c.value === 0 && c.kind === 'number'), `${kind}: all zero`);
    assert.deepEqual(t.missingRows, [], `${kind}: no missing rows`);
    assert.deepEqual(t.unknownRows, [], `${kind}: no unknown rows`);
  };
  for (const era of ['2019', '2021'] as const) {
    test(`表二/表三/表四 (${era})`, () => {
      const t2 = table2Snippet(era), t3 = table3Snippet(era), t4 = table4Snippet();
      const t2cells = era === '2021' ? 10 : 22, t3cells = era === '2021' ? 175 : 161;
      check(parse(expandSnippet(t2.body)), 'T2', era, t2cells);
      check(parse(expandSnippet(t3.body)), 'T3', era, t3cells);
      const all = parse([...expandSnippet(t2.body), '', ...expandSnippet(t3.body), '', ...expandSnippet(t4.body)]);
      check(all, 'T2', era, t2cells);
      check(all, 'T3', era, t3cells);
      check(all, 'T4', null, 15);
    });
  }
  test('the skeleton', () => {
    const tables = parse(expandSnippet(skeleton2021Snippet().body));
    check(tables, 'T2', '2021', 10);
    check(tables, 'T3', '2021', 175);
    check(tables, 'T4', null, 15);
  });
});
