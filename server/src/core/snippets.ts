/**
 * Snippet bodies (VS Code / LSP snippet syntax) for the standard tables of the 2019 and 2021 formats and
 * a whole-report skeleton for the 2021 format. Pure data transformation of the schema: the labels, the
 * column nesting and the row nesting all come from schema/tables.ts and schema/sections.ts, so the
 * snippets follow the schema when it changes.
 *
 * Tables are Markdown pipe tables that reproduce the official layout (spec §2.2): the leading columns hold
 * the row labels (level 1 / level 2 / level 3, blank where the form merges cells, the group label only in
 * the first row of its group), the trailing cells hold the values, zero-filled, each one a tab stop.
 * 表二 is one small table per block (block title row, header row, data rows) so that every block has
 * exactly its own number of value columns.
 *
 * `scripts/gen-snippets.ts` writes snippets/xxgknb.code-snippets from `allSnippets()`.
 */
import { ITEM_BY_ID, ITEM_ORDER } from './schema/sections';
import {
  T2_BLOCKS, T3_COLUMNS, T3_ROWS, T4_BLOCKS, T4_RESULTS, TABLE_TITLES, t2RowLabel,
  type TableEra,
} from './schema/tables';

export interface Snippet {
  /** Unique name (the key in a .code-snippets file). */
  name: string;
  /** Completion prefixes: an ASCII one first, then Chinese ones. */
  prefix: string[];
  description: string;
  body: string[];
}

/**
 * Header texts printed on the forms that the schema does not carry as labels (spec §2.2.1, §2.2.2).
 * The 表三 note occupies the top-left header block; 信息内容 heads the label column of every 表二 block.
 */
export const T3_NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
export const T2_HEADER_LABEL = '信息内容';

/**
 * The five sub-topics of 总体情况 named by the 2021 format document (spec §2.2: 主动公开、依申请公开、
 * 政府信息管理、政府信息公开平台建设、监督保障), worded as real reports number them.
 */
export const OVERVIEW_SUBTOPICS = ['主动公开', '依申请公开', '政府信息管理', '政府信息公开平台建设', '监督保障'];

const CN_NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

// ------------------------------------------------------------------ snippet syntax helpers

/** Escapes text for use in a snippet body (`$`, `}` and `\` are special in snippet syntax). */
export function escapeSnippetText(text: string): string {
  return text.replace(/[\\$}]/g, (ch) => `\\${ch}`);
}

/** Hands out tab stops 1, 2, 3 … in the order the user will visit them. */
export class TabStops {
  private n = 0;
  /** A new tab stop with a default text: `${n:default}`. */
  next(defaultText: string): string {
    this.n += 1;
    return `\${${this.n}:${escapeSnippetText(defaultText)}}`;
  }
  /** The number the last `next()` returned. */
  get last(): number {
    return this.n;
  }
  /** A mirror of an earlier tab stop (same text, edited together). */
  static mirror(n: number): string {
    return `\${${n}}`;
  }
}

/** Replaces every tab stop by its default text (mirrors by their stop's default): what the user gets when he accepts the defaults. */
export function expandSnippet(body: string[]): string[] {
  const text = body.join('\n');
  const defaults = new Map<string, string>();
  // First pass: collect the defaults of `${n:default}` (defaults in this module never nest).
  for (const m of text.matchAll(/\$\{(\d{1,4}):((?:\\.|[^\\}]){0,400})\}/g)) {
    if (!defaults.has(m[1]!)) defaults.set(m[1]!, unescape(m[2]!));
  }
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === '\\' && i + 1 < text.length && '\\$}'.includes(text[i + 1]!)) {
      out += text[i + 1];
      i++;
      continue;
    }
    if (ch === '$') {
      const m = /^\$(?:(\d+)|\{(\d+)(?::((?:\\.|[^\\}])*))?\})/.exec(text.slice(i));
      if (m) {
        const num = m[1] ?? m[2]!;
        out += m[3] !== undefined ? unescape(m[3]) : defaults.get(num) ?? '';
        i += m[0].length - 1;
        continue;
      }
    }
    out += ch;
  }
  return out.split('\n');
}

function unescape(s: string): string {
  return s.replace(/\\([\\$}])/g, '$1');
}

function pipeRow(cells: string[]): string {
  return `| ${cells.join(' | ')} |`;
}

function delimiterRow(width: number): string {
  return `|${' --- |'.repeat(width)}`;
}

/**
 * Header rows of a column tree given by the columns' label paths (outermost first): a label is written in
 * the first column of its span and in the row of its depth; cells a merge covers stay blank.
 */
export function columnHeaderRows(paths: readonly (readonly string[])[]): string[][] {
  const depth = Math.max(...paths.map((p) => p.length));
  const rows: string[][] = [];
  for (let r = 0; r < depth; r++) {
    rows.push(paths.map((p, c) => {
      if (r >= p.length) return '';
      const prev = c > 0 ? paths[c - 1]! : null;
      const samePrefix = prev !== null && prev.length > r && p.slice(0, r + 1).every((x, k) => prev[k] === x);
      return samePrefix ? '' : p[r]!;
    }));
  }
  return rows;
}

/**
 * Label columns of row-nested tables given by the rows' label paths: each row writes its own leaf label,
 * and a group label only in the first row of its group (the rest of a merged cell stays blank).
 */
export function rowLabelColumns(paths: readonly (readonly string[])[]): string[][] {
  const width = Math.max(...paths.map((p) => p.length));
  return paths.map((p, i) => {
    const prev = i > 0 ? paths[i - 1]! : null;
    const cells: string[] = [];
    for (let d = 0; d < width; d++) {
      if (d >= p.length) { cells.push(''); continue; }
      const isLeaf = d === p.length - 1;
      const continues = !isLeaf && prev !== null && prev.length > d + 1 && p.slice(0, d + 1).every((x, k) => prev[k] === x);
      cells.push(continues ? '' : p[d]!);
    }
    return cells;
  });
}

// ------------------------------------------------------------------ tables

/** 表二 (第二十条): one pipe table per block of the era, each block's values as tab stops. */
export function table2Lines(era: TableEra, stops: TabStops = new TabStops()): string[] {
  return table2Markdown(era, () => stops.next('0'));
}

/**
 * 表二 as Markdown: one pipe table per block, data cells `cell(rowId, column)` with rowId "block|row label".
 * Shared by the snippets (tab stops) and the table rewrite (values as written); `keep` leaves rows out.
 */
export function table2Markdown(era: TableEra, cell: (rowId: string, col: string) => string, keep: (rowId: string) => boolean = () => true): string[] {
  const lines: string[] = [];
  for (const block of T2_BLOCKS.filter((b) => b.eras.includes(era))) {
    const cols = block.cols[era];
    const rows = block.rows.filter((r) => r.eras.includes(era)).map((r) => t2RowLabel(block.id, r.id, era)).filter((label) => keep(`${block.id}|${label}`));
    if (!rows.length) continue;
    if (lines.length) lines.push('');
    lines.push(pipeRow([block.title, ...Array<string>(cols.length).fill('')]));
    lines.push(delimiterRow(1 + cols.length));
    lines.push(pipeRow([T2_HEADER_LABEL, ...cols.map((c) => c.label)]));
    for (const label of rows) lines.push(pipeRow([label, ...cols.map((c) => cell(`${block.id}|${label}`, c.label))]));
  }
  return lines;
}

/** 表三: 3 label columns + 7 applicant columns, the note in the top-left header block. */
export function table3Lines(era: TableEra, stops: TabStops = new TabStops()): string[] {
  return table3Markdown(era, () => stops.next('0'));
}

/** 表三 as Markdown with data cells `cell(rowId, column id)`; `keep` leaves rows out. */
export function table3Markdown(era: TableEra, cell: (rowId: string, col: string) => string, keep: (rowId: string) => boolean = () => true): string[] {
  const rows = T3_ROWS.filter((r) => r.eras.includes(era) && keep(r.id));
  const labels = rowLabelColumns(rows.map((r) => r.path));
  const labelWidth = Math.max(1, ...labels.map((l) => l.length));
  const header = columnHeaderRows(T3_COLUMNS.map((c) => c.path));
  const lines: string[] = [];
  header.forEach((h, r) => {
    const lead = Array<string>(labelWidth).fill('');
    if (r === 0) lead[0] = T3_NOTE;
    lines.push(pipeRow([...lead, ...h]));
    if (r === 0) lines.push(delimiterRow(labelWidth + T3_COLUMNS.length));
  });
  rows.forEach((row, k) => lines.push(pipeRow([...labels[k]!, ...Array<string>(labelWidth - labels[k]!.length).fill(''), ...T3_COLUMNS.map((c) => cell(row.id, c.id))])));
  return lines;
}

/** The 15 columns of 表四 (same in both eras), outermost label first. */
export function table4ColumnPaths(): string[][] {
  return T4_BLOCKS.flatMap((b) => T4_RESULTS.map((r) => [...b.path, r]));
}

/** 表四: header rows of the 15 columns, then one data row of 15 tab stops. */
export function table4Lines(stops: TabStops = new TabStops()): string[] {
  return table4Markdown(() => stops.next('0'));
}

/** 表四 as a Markdown pipe table whose data cells are `cell(columnPath)` (a tab stop, or a value being rewritten). */
export function table4Markdown(cell: (path: string[]) => string): string[] {
  const paths = table4ColumnPaths();
  const header = columnHeaderRows(paths);
  const lines: string[] = [];
  header.forEach((h, r) => {
    lines.push(pipeRow(h));
    if (r === 0) lines.push(delimiterRow(paths.length));
  });
  lines.push(pipeRow(paths.map(cell)));
  return lines;
}

const ERA_DOC: Record<TableEra, string> = {
  '2019': '国办公开办函〔2019〕60号（试行）格式，用于2019、2020年度报告',
  '2021': '国办公开办函〔2021〕30号格式，用于2021年度起的报告',
};

export function table2Snippet(era: TableEra): Snippet {
  return {
    name: `表二 ${TABLE_TITLES.T2}（${era}格式）`,
    prefix: [`xxgknb-table2-${era}`, ...(era === '2021' ? ['年报表二'] : []), `年报表二${era}`],
    description: `插入表二“${TABLE_TITLES.T2}”，${ERA_DOC[era]}；各区块一张表，数值预填 0。`,
    body: [...table2Lines(era), '$0'],
  };
}

export function table3Snippet(era: TableEra): Snippet {
  return {
    name: `表三 ${TABLE_TITLES.T3}（${era}格式）`,
    prefix: [`xxgknb-table3-${era}`, ...(era === '2021' ? ['年报表三'] : []), `年报表三${era}`],
    description: `插入表三“${TABLE_TITLES.T3}”，${ERA_DOC[era]}；7 列申请人情况，数值预填 0。`,
    body: [...table3Lines(era), '$0'],
  };
}

export function table4Snippet(): Snippet {
  return {
    name: `表四 ${TABLE_TITLES.T4}`,
    prefix: ['xxgknb-table4', 'xxgknb-table4-2021', 'xxgknb-table4-2019', '年报表四'],
    description: `插入表四“${TABLE_TITLES.T4}”（2019、2021格式相同）；15 列，数值预填 0。`,
    body: [...table4Lines(), '$0'],
  };
}

// ------------------------------------------------------------------ skeleton

/** A whole 2021-format report: title, intro, the six standard sections with the three tables, signature. */
export function skeleton2021Lines(stops: TabStops = new TabStops()): string[] {
  const organ = stops.next('××市××局');
  const organStop = stops.last;
  const year = stops.next('XXXX');
  const yearStop = stops.last;
  const o = TabStops.mirror(organStop);
  const y = TabStops.mirror(yearStop);
  const lines: string[] = [
    `${organ}${year}年政府信息公开工作年度报告`,
    '',
    `本报告由${o}根据《中华人民共和国政府信息公开条例》（以下简称《条例》）和《中华人民共和国政府信息公开工作年度报告格式》（国办公开办函〔2021〕30号）要求编制。`
      + `本报告所列数据的统计期限为${y}年1月1日至${y}年12月31日。`
      + `本报告电子版可在${stops.next('【网站名称及网址】')}下载。`
      + `如对本报告有疑问，请与${stops.next('【联系机构】')}联系（地址：${stops.next('【地址】')}，邮编：${stops.next('【邮编】')}，电话：${stops.next('【电话】')}）。`,
  ];
  for (const id of ITEM_ORDER['2021']) {
    const heading = ITEM_BY_ID.get(id)?.standard['2021'];
    if (!heading) continue;
    lines.push('', heading);
    switch (id) {
      case 'overview':
        lines.push(stops.next('（文字描述：对本机关贯彻落实《条例》情况进行综述。）'));
        OVERVIEW_SUBTOPICS.forEach((t, k) => {
          lines.push(`（${CN_NUMERALS[k]}）${t}情况`, stops.next('（文字描述）'));
        });
        break;
      case 'active':
        lines.push('', ...table2Lines('2021', stops));
        break;
      case 'application':
        lines.push('', ...table3Lines('2021', stops));
        break;
      case 'review':
        lines.push('', ...table4Lines(stops));
        break;
      case 'other':
        lines.push(stops.next('（文字描述，收取信息处理费情况在此处报告。）'));
        break;
      default:
        lines.push(stops.next('（文字描述）'));
    }
  }
  lines.push('', o, `${stops.next('XXXX')}年${stops.next('XX')}月${stops.next('XX')}日`);
  return lines;
}

export function skeleton2021Snippet(): Snippet {
  return {
    name: '政府信息公开工作年度报告框架（2021格式）',
    prefix: ['xxgknb-skeleton-2021', 'xxgknb-skeleton', '年报框架', '年报模板'],
    description: '插入按国办公开办函〔2021〕30号格式编写的年度报告框架：标题、引言、六个部分（含表二、表三、表四）和落款。',
    body: [...skeleton2021Lines(), '$0'],
  };
}

/** Every snippet the extension contributes, in a stable order. */
export function allSnippets(): Snippet[] {
  return [
    skeleton2021Snippet(),
    table2Snippet('2021'),
    table3Snippet('2021'),
    table4Snippet(),
    table2Snippet('2019'),
    table3Snippet('2019'),
  ];
}

/** The VS Code `.code-snippets` JSON object for the given snippets. */
export function toCodeSnippetsFile(snippets: Snippet[]): Record<string, { prefix: string[]; description: string; body: string[] }> {
  const out: Record<string, { prefix: string[]; description: string; body: string[] }> = {};
  for (const s of snippets) out[s.name] = { prefix: s.prefix, description: s.description, body: s.body };
  return out;
}
