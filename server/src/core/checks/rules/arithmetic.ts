/**
 * Shared by the four arithmetic rules: root causes are computed once per check run, and each cause is
 * reported by the rule of its most specific relation (row total before column total before balance).
 */
import type { RelationId } from '../../schema/relations';
import { RELATION_TEXT } from '../../schema/relations';
import { rootCauses, type RelationResult, type RootCause } from '../relations';
import type { Cell, Range } from '../../model';
import type { Finding, Message, Rule, RuleContext } from '../types';
import { cellName, fmt, shared } from './util';
import { exampleReport, lazyExamples } from '../examples';
import { phraseOf, proseBacking } from '../narrative';

const PRIORITY: RelationId[] = ['T4-R1', 'T3-R3', 'T3-R2', 'T3-R1'];
const CAUSES = {};

function causesOf(ctx: RuleContext): ReturnType<typeof rootCauses> {
  return shared(ctx, CAUSES, () => rootCauses(ctx.relations));
}

/** The rule a cause is filed under: the relation whose single total the cell is; else the smallest relation. */
function primary(cause: RootCause): RelationId {
  const own = cause.relations.find((r) => r.left.length === 1 && r.left[0] === cause.cell);
  if (own) return own.relation.id;
  const size = (r: RelationResult) => r.left.length + r.right.length;
  return [...cause.relations].sort((a, b) => size(a) - size(b) || PRIORITY.indexOf(a.relation.id) - PRIORITY.indexOf(b.relation.id))[0]!.relation.id;
}

/** `一 + 二 = （七）总计 + 四：3 + 0 = 3 + 0` with the actual numbers. */
export function writtenOut(r: RelationResult): string {
  const side = (cells: RelationResult['left']) => cells.map((c) => fmt(c && (c.kind === 'number' || c.kind === 'note') ? c.value : null)).join(' + ');
  return `${r.relation.formula}：${side(r.left)} = ${side(r.right)}`;
}

export function arithmeticFindings(ctx: RuleContext, id: RelationId): Finding[] {
  const { causes, unexplained } = causesOf(ctx);
  const out: Finding[] = [];
  for (const cause of causes) {
    if (primary(cause) !== id) continue;
    const c = cause.cell;
    const inferred = c.inferred ? { zh: '（此数字由连写的数字拆分而来，请核对原文）', en: ' (this value was split from digits printed without separators; check the source)' } : { zh: '', en: '' };
    const rels = cause.relations.map((r) => writtenOut(r)).join('；');
    // A total blamed only by convention (an addend would explain the failure as well) that the prose states as
    // written (行政复议11件 next to a 总计 of 11), or whose change would make a sentence that agrees with the tables
    // wrong: the wrong number is as likely an addend, so no fix is certain.
    const spoken = proseBacking(ctx, c, cause.expected);
    const backing = cause.byConvention ? spoken : null;
    // A total the relations blame without doubt that the prose repeats as written (新收…16件 next to a 一 总计 of 16
    // whose columns make 12): the fix stays certain, and the clerk is told to correct the sentence too.
    const echo = !cause.byConvention && spoken?.literal ? spoken.statement : null;
    const statement = backing?.statement ?? echo;
    const phrase = statement ? phraseOf(statement) : '';
    const proseSays: Message | null = !backing ? null : backing.literal
      ? { zh: `正文“${phrase}”与该总计一致，错误可能在某个加数中；若是总计算错，应为 ${fmt(cause.expected)}`, en: `the text ("${phrase}") gives the total as written, so an addend may be the wrong number; if the total was added up wrongly, it should be ${fmt(cause.expected)}` }
      : { zh: `正文“${phrase}”现与统计表一致，总计改为 ${fmt(cause.expected)} 后将不一致，错误可能在某个加数中`, en: `the text ("${phrase}") agrees with the tables now and would not with the total set to ${fmt(cause.expected)}, so an addend may be the wrong number` };
    const message: Message = proseSays
      ? {
        zh: `${cellName(c)} 为 ${fmt(c.value)}，不满足：${rels}${inferred.zh}；${proseSays.zh}`,
        en: `${cellName(c)} is ${fmt(c.value)}, which fails: ${rels}${inferred.en}; ${proseSays.en}`,
      }
      : {
        zh: `${cellName(c)} 为 ${fmt(c.value)}，应为 ${fmt(cause.expected)}，才能满足：${rels}${inferred.zh}${echo ? `；正文“${phrase}”也写作 ${fmt(c.value)}，改正后请一并修改正文` : ''}`,
        en: `${cellName(c)} is ${fmt(c.value)}; ${fmt(cause.expected)} would satisfy: ${rels}${inferred.en}${echo ? `; the text ("${phrase}") gives ${fmt(c.value)} too: correct it as well` : ''}`,
      };
    const others = new Set(cause.relations.flatMap((r) => [...r.left, ...r.right]).filter((x) => x && x !== c));
    const related = [...others].slice(0, 12).map((o) => ({ range: o!.range, message: { zh: `${cellName(o!)}：${o!.raw || '（空）'}`, en: `${cellName(o!)}: ${o!.raw || '(blank)'}` } }));
    if (statement) {
      const { at, match } = statement;
      related.push({ range: ctx.parsed.range(at, at + match.m[1]!.length), message: { zh: `正文：${phrase}`, en: `Text: ${phrase}` } });
    }
    const isTotal = cause.relations.some((r) => r.left.length === 1 && r.left[0] === c);
    // Only a count can be written (a decimal or negative sum comes from a wrong addend), and only over the number as
    // written: a unit or note in the cell stays, a number split by markup is for a person to mend.
    const written = isTotal && !c.inferred && isCount(cause.expected) ? numberSpan(ctx, c) : null;
    const newText = written ? inStyleOf(written.text, cause.expected) : '';
    const fixes = written ? [{
      title: { zh: `将总计改为 ${newText}`, en: `Set the total to ${newText}` },
      edits: [{ range: written.range, newText }],
      // Certain only when every number of its relations is a count as written, the total too (12.5% in a count's place
      // is no miscount to rewrite: fuzzing found it made 1%), and the prose does not back the total.
      safe: cause.certain && !backing && cause.relations.every((r) => [...r.left, ...r.right].every((x) => !x || writtenCount(x))),
    }] : [];
    out.push({ range: c.range, message, related, fixes });
  }
  // Failures no single cell explains: report each on its total.
  for (const r of unexplained) {
    if (r.relation.id !== id) continue;
    const anchor = r.left.length === 1 && r.left[0] ? r.left[0] : (r.left[0] ?? r.right[0]);
    if (!anchor) continue;
    out.push({
      range: anchor.range,
      message: { zh: `${RELATION_TEXT[id].zh}不成立：${writtenOut(r)}（${fmt(r.leftSum)} ≠ ${fmt(r.rightSum)}）`, en: `${RELATION_TEXT[id].en} fails: ${writtenOut(r)} (${fmt(r.leftSum)} ≠ ${fmt(r.rightSum)})` },
      related: [...r.left, ...r.right].filter((x) => x && x !== anchor).slice(0, 12).map((o) => ({ range: o!.range, message: { zh: cellName(o!), en: cellName(o!) } })),
    });
  }
  return out;
}

function isCount(v: number | null): boolean {
  return v !== null && Number.isInteger(v) && v >= 0;
}

/** A cell written as a count: a whole number, not a percentage. */
function writtenCount(c: Cell): boolean {
  return isCount(c.value) && c.unit !== '%';
}

const NUMBER_RUN = /[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?/;

/**
 * Where the cell's number is written in the source, and as what: its first run of digits, when the cell starts with
 * it (after spaces or a sign) and it reads as the cell's value. Null otherwise (digits split by markup, an entity).
 */
function numberSpan(ctx: RuleContext, c: Cell): { range: Range; text: string } | null {
  const { lines, source } = ctx.parsed;
  const start = lines.offsetAt(c.range.start);
  const text = source.slice(start, lines.offsetAt(c.range.end));
  const m = NUMBER_RUN.exec(text);
  if (!m || !/^[\s+\-−＋－]*$/.test(text.slice(0, m.index))) return null;
  const value = Number(m[0].normalize('NFKC').replace(/[,，]/g, ''));
  if (value !== c.value) return null;
  return { range: lines.range(start + m.index, start + m.index + m[0].length), text: m[0] };
}

/**
 * A count written as the number it replaces is written: in full-width digits when that one's digits all are (a table
 * typed with a Chinese input method), with thousands separators when it had them (1,204; 1，204), the same comma.
 */
export function inStyleOf(written: string, count: number): string {
  let out = String(count);
  const separator = /[0-9０-９]([,，])[0-9０-９]{3}/.exec(written)?.[1];
  if (separator) for (let k = out.length - 3; k > 0; k -= 3) out = out.slice(0, k) + separator + out.slice(k);
  return /[０-９]/.test(written) && !/[0-9]/.test(written) ? out.replace(/[0-9]/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)) : out;
}

/** How to fix, per relation: only 表四's totals stand in one relation alone, where the prose can speak for them. */
function fixText(id: RelationId): Message {
  const prose = id === 'T4-R1'
    ? { zh: '；正文写出的该项数字与总计一致，或改动总计会使正文与统计表不一致时，错误也可能在加数中，也不作为确定无误的修复', en: '; nor when the text states the total as written, or the change would make the text disagree with the tables, since then an addend may be the wrong number' }
    : { zh: '', en: '' };
  return {
    zh: `核对该单元格及同一关系中的其他单元格，改正错误的数字；若是总计算错，可使用快速修复将其改为计算值（只改数字本身，写法照旧（全角数字仍为全角，千分位分隔符照旧），单元格中的单位、说明保留；计算值不是非负整数时不提供，总计或有加数不是写作非负整数（如写作百分数12.5%）时不作为确定无误的修复${prose.zh}）。`,
    en: `Check the cell and the other cells of its relation and correct the wrong number; when a total was added up wrongly, the quick fix sets it to the computed sum (it replaces the number only, written as it was, full-width digits as full-width, thousands separators kept; a unit or note in the cell stays; not offered when the sum is no whole number of at least 0, and not taken as certain when the total or an addend is written as none (a percentage such as 12.5%)${prose.en}).`,
  };
}

export function arithmeticRule(code: string, id: RelationId, title: Message, why: Message, failingCells: Record<string, string>): Rule {
  return {
    code,
    defaultSeverity: 'error',
    title,
    description: why,
    eras: ['2019', '2021'],
    check: (ctx) => arithmeticFindings(ctx, id),
    examples: lazyExamples(() => ({ failing: exampleReport({ cells: failingCells }), passing: exampleReport(), fix: fixText(id) })),
  };
}
