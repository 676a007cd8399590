/**
 * The arithmetic relations of the standard tables (spec §3.2–§3.4), as data.
 * Each instance reads: Σ left = Σ right, over cells named "rowId|col".
 */
import type { TableKind } from '../model';
import { T3_APPLICANT_COLUMNS, T3_COLUMNS, T3_ROWS, T4_BLOCKS, T4_RESULTS, type TableEra } from './tables';

export type RelationId = 'T3-R1' | 'T3-R2' | 'T3-R3' | 'T4-R1';

export interface Relation {
  id: RelationId;
  table: TableKind;
  /** Short human form, e.g. 一 + 二 = （七）总计 + 四（自然人）. */
  formula: string;
  left: string[];
  right: string[];
}

export const RELATION_TEXT: Record<RelationId, { zh: string; en: string }> = {
  'T3-R1': { zh: '第一项加第二项之和，等于第三项加第四项之和（表三每列）', en: 'New plus carried-over requests equal results plus carried forward (each column of table 3)' },
  'T3-R2': { zh: '各项办理结果之和等于（七）总计（表三每列）', en: 'The result rows add up to (七) total (each column of table 3)' },
  'T3-R3': { zh: '每行总计等于六类申请人之和（表三每行）', en: 'Each row total equals the six applicant columns (each row of table 3)' },
  'T4-R1': { zh: '总计等于结果维持、结果纠正、其他结果、尚未审结之和（表四每组）', en: 'Each total equals upheld + corrected + other + pending (each block of table 4)' },
};

const cell = (row: string, col: string): string => `${row}|${col}`;

export function t3ResultRows(era: TableEra): string[] {
  return T3_ROWS.filter((r) => r.id.startsWith('三.') && r.id !== '三.（七）' && r.eras.includes(era)).map((r) => r.id);
}

export function t3RowsFor(era: TableEra) {
  return T3_ROWS.filter((r) => r.eras.includes(era));
}

const cache = new Map<string, Relation[]>();

export function relationsFor(kind: TableKind, era: TableEra): Relation[] {
  const key = `${kind}/${era}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const out: Relation[] = [];
  if (kind === 'T3') {
    for (const col of T3_COLUMNS) {
      out.push({ id: 'T3-R1', table: 'T3', formula: `一 + 二 = （七）总计 + 四（${col.label}）`, left: [cell('一', col.id), cell('二', col.id)], right: [cell('三.（七）', col.id), cell('四', col.id)] });
    }
    const results = t3ResultRows(era);
    for (const col of T3_COLUMNS) {
      out.push({ id: 'T3-R2', table: 'T3', formula: `（七）总计 = 各项办理结果之和（${col.label}）`, left: [cell('三.（七）', col.id)], right: results.map((r) => cell(r, col.id)) });
    }
    for (const row of t3RowsFor(era)) {
      out.push({ id: 'T3-R3', table: 'T3', formula: `总计 = 六类申请人之和（${row.label}）`, left: [cell(row.id, '总计')], right: T3_APPLICANT_COLUMNS.map((c) => cell(row.id, c)) });
    }
  } else if (kind === 'T4') {
    for (const b of T4_BLOCKS) {
      out.push({ id: 'T4-R1', table: 'T4', formula: `总计 = 结果维持 + 结果纠正 + 其他结果 + 尚未审结（${b.id}）`, left: [cell(b.id, '总计')], right: T4_RESULTS.slice(0, 4).map((r) => cell(b.id, r)) });
    }
  }
  cache.set(key, out);
  return out;
}
