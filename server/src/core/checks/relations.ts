/**
 * Evaluates the arithmetic relations of the standard tables and finds the root cause of failures:
 * one wrong cell breaks its row total, its column total and perhaps the balance; we report the cell
 * that explains all of them, with the value that would make them hold, not every consequence.
 */
import type { Cell, Table } from '../model';
import { relationsFor, type Relation } from '../schema/relations';

export type RelationStatus = 'ok' | 'failed' | 'incomplete';

export interface RelationResult {
  relation: Relation;
  table: Table;
  status: RelationStatus;
  left: (Cell | undefined)[];
  right: (Cell | undefined)[];
  leftSum: number | null;
  rightSum: number | null;
}

const READABLE = new Set(['number', 'note']);

/**
 * A table's cells by row, then column (relations, checks and the table rewrite look cells up by key). Made where
 * the lookups are made and dropped with them (the checks: one per table per analysis, RuleContext.cells), not kept
 * per table in a module's WeakMap: V8's young-generation collections kept that old WeakMap's values alive, so every
 * analysis's cells and their ranges were copied and promoted (≈ 0.85 MB per scavenge over the corpus, scavenges
 * three times as long) and stayed until a full collection (test/unit/young-generation.test.ts).
 * By row, then column, not by a joined `rowId|col`: joining made a new string to hash for every cell.
 */
export class CellIndex {
  readonly #byRow = new Map<string, Map<string, Cell>>();
  constructor(table: Table) {
    for (const c of table.cells) {
      let row = this.#byRow.get(c.rowId);
      if (!row) this.#byRow.set(c.rowId, (row = new Map()));
      // (The first cell at a key, as a search of the cells finds it.)
      if (!row.has(c.col)) row.set(c.col, c);
    }
  }
  /** The cell at `rowId|col`. */
  get(key: string): Cell | undefined {
    const [row, col] = splitKey(key);
    return this.#byRow.get(row)?.get(col);
  }
  /** The table's row ids, in the order of their first cells. */
  rowIds(): IterableIterator<string> { return this.#byRow.keys(); }
}

/** The first cell at `rowId|col` of a table: for one lookup (more: a CellIndex). */
export function cellByKey(table: Table | undefined, key: string): Cell | undefined {
  if (!table) return undefined;
  const [row, col] = splitKey(key);
  return table.cells.find((c) => c.rowId === row && c.col === col);
}

/** A key's row and column, split once per key (the keys are the schema's: relations, rules, the table rewrite; a few hundred in all). */
const splitKeys = new Map<string, [string, string]>();
function splitKey(key: string): [string, string] {
  let split = splitKeys.get(key);
  if (!split) {
    // A row id may hold `|` (table 2's `block|row`), a column id never does (test/unit/arithmetic.test.ts): split at the last.
    const bar = key.lastIndexOf('|');
    split = bar < 0 ? [key, ''] : [key.slice(0, bar), key.slice(bar + 1)];
    if (splitKeys.size < 10_000) splitKeys.set(key, split);
  }
  return split;
}

export function cellValue(c: Cell | undefined): number | null {
  if (!c || !READABLE.has(c.kind)) return null;
  return c.value;
}

/** `cells`: the tables' cell indexes, when the caller keeps them for its own lookups too. */
export function evaluateRelations(tables: Table[], cells: (table: Table) => CellIndex = (t) => new CellIndex(t)): RelationResult[] {
  const out: RelationResult[] = [];
  for (const table of tables) {
    if (table.kind === 'T2') continue;
    const era = table.kind === 'T3' ? (table.era ?? '2021') : '2021';
    const index = cells(table);
    for (const relation of relationsFor(table.kind, era)) {
      const left = relation.left.map((k) => index.get(k));
      const right = relation.right.map((k) => index.get(k));
      const leftSum = sumOf(left), rightSum = leftSum === null ? null : sumOf(right);
      const complete = leftSum !== null && rightSum !== null;
      out.push({ relation, table, left, right, leftSum: complete ? leftSum : null, rightSum, status: !complete ? 'incomplete' : almostEqual(leftSum, rightSum) ? 'ok' : 'failed' });
    }
  }
  return out;
}

export interface RootCause {
  /** The cell to correct. */
  cell: Cell;
  /** The value that makes every relation it belongs to hold. */
  expected: number;
  /** The failed relations it explains (the first is the one the diagnostic is filed under). */
  relations: RelationResult[];
  /** True when this cell is the only one that explains the failures (then a fix is certain). */
  certain: boolean;
  /** Certain only by the convention that a lone failed total relation blames its total (an addend would explain it as well). */
  byConvention: boolean;
}

/**
 * Groups failed relations into causes. A cell is a cause when every relation it belongs to has failed and
 * all of them ask it to change by the same amount. When several cells qualify (a lone failure of a total
 * relation), the total is the usual culprit: the sums are what clerks compute by hand.
 */
export function rootCauses(results: RelationResult[]): { causes: RootCause[]; unexplained: RelationResult[] } {
  const failed = results.filter((r) => r.status === 'failed');
  const causes: RootCause[] = [];
  // (Most reports add up: nothing to explain.)
  if (failed.length === 0) return { causes, unexplained: failed };
  const explained = new Set<RelationResult>();
  // Only a cell of a failed relation can be a cause; its memberships in every relation decide whether it is.
  const inFailed = new Set<Cell>();
  for (const r of failed) for (const c of [...r.left, ...r.right]) if (c) inFailed.add(c);
  const membership = new Map<Cell, { r: RelationResult; side: 1 | -1 }[]>();
  for (const r of results) {
    for (const c of r.left) if (c && inFailed.has(c)) push(membership, c, { r, side: 1 });
    for (const c of r.right) if (c && inFailed.has(c)) push(membership, c, { r, side: -1 });
  }
  // Candidate cells: those in at least one failed relation, all of whose relations failed with one consistent delta.
  const candidates: { cell: Cell; delta: number; rels: RelationResult[] }[] = [];
  for (const [cell, mem] of membership) {
    if (!mem.some((m) => m.r.status === 'failed')) continue;
    if (cellValue(cell) === null) continue;
    if (!mem.every((m) => m.r.status === 'failed')) continue;
    const deltas = mem.map((m) => m.side * (m.r.rightSum! - m.r.leftSum!));
    if (!deltas.every((d) => almostEqual(d, deltas[0]!))) continue;
    candidates.push({ cell, delta: deltas[0]!, rels: mem.map((m) => m.r) });
  }
  // Prefer cells that explain more failures; among equals, totals.
  candidates.sort((a, b) => b.rels.length - a.rels.length || totalRank(b.cell) - totalRank(a.cell));
  for (const cand of candidates) {
    if (cand.rels.some((r) => explained.has(r))) continue;
    const rivals = candidates.filter((o) => o !== cand && o.rels.length === cand.rels.length && o.rels.every((r) => cand.rels.includes(r)));
    const byConvention = rivals.length > 0 && totalRank(cand.cell) > 0 && rivals.every((o) => totalRank(o.cell) === 0) && isLoneTotalRelation(cand);
    const certain = rivals.length === 0 || byConvention;
    causes.push({ cell: cand.cell, expected: round(cellValue(cand.cell)! + cand.delta), relations: cand.rels, certain, byConvention });
    for (const r of cand.rels) explained.add(r);
  }
  return { causes, unexplained: failed.filter((r) => !explained.has(r)) };
}

/** A single total relation that failed alone: its total is the culprit by convention, and the fix is certain
 * in the sense the issue asks for (addends complete, exactly one total disagrees). */
function isLoneTotalRelation(c: { cell: Cell; rels: RelationResult[] }): boolean {
  return c.rels.length === 1 && c.rels[0]!.left.length === 1 && c.rels[0]!.left[0] === c.cell;
}

function totalRank(c: Cell): number {
  if (c.col === '总计') return 2;
  if (c.rowId === '三.（七）') return 1;
  return 0;
}

/** The relations a cell belongs to, for hovers. */
export function relationsOfCell(results: RelationResult[], cell: Cell): RelationResult[] {
  return results.filter((r) => r.left.includes(cell) || r.right.includes(cell));
}

function push<K, V>(m: Map<K, V[]>, k: K, v: V) { const a = m.get(k); if (a) a.push(v); else m.set(k, [v]); }
/** The cells' values added up in order (as a reduce from 0 would), or null when one of them has no value. */
function sumOf(cells: readonly (Cell | undefined)[]): number | null {
  let s = 0;
  for (const c of cells) {
    const v = cellValue(c);
    if (v === null) return null;
    s += v;
  }
  return s;
}
function almostEqual(a: number, b: number): boolean { return Math.abs(a - b) < 1e-6; }
function round(x: number): number { return Math.round(x * 1e6) / 1e6; }
