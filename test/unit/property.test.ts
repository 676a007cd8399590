// Property tests: whatever the input — random text, mangled real reports, mangled example reports, huge lines —
// parsing and checking never throw, every range lies inside the document, and the model is plain JSON.
// Run time is kept under ~20 s on 2 cores by numRuns; the huge inputs run in a child process with a time limit,
// so a parser that hangs fails the test instead of blocking the suite.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { after, describe, test } from 'node:test';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { analyze, exampleReport, parseReport, type Diagnostic, type ReportModel } from '../../server/src/core/index';
import { CORPUS } from './helpers';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

// ------------------------------------------------------------------ invariants

function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((l) => l.length);
}

interface Pos { line: number; character: number }
const isPos = (p: unknown): p is Pos => !!p && typeof p === 'object' && typeof (p as Pos).line === 'number' && typeof (p as Pos).character === 'number';

function checkRange(r: { start: Pos; end: Pos }, lens: number[], where: string): string | null {
  for (const [name, p] of [['start', r.start], ['end', r.end]] as const) {
    if (!Number.isInteger(p.line) || !Number.isInteger(p.character) || p.line < 0 || p.character < 0) return `${where}.${name} ${JSON.stringify(p)} not a position`;
    if (p.line >= lens.length) return `${where}.${name}.line ${p.line} ≥ lineCount ${lens.length}`;
    if (p.character > lens[p.line]!) return `${where}.${name}.character ${p.character} > line ${p.line} length ${lens[p.line]}`;
  }
  if (r.start.line > r.end.line || (r.start.line === r.end.line && r.start.character > r.end.character)) return `${where} ends before it starts`;
  return null;
}

/** Every {start, end} position pair anywhere in the value. */
function ranges(value: unknown, path = '$', out: { path: string; range: { start: Pos; end: Pos } }[] = []) {
  if (!value || typeof value !== 'object') return out;
  const v = value as Record<string, unknown>;
  if (isPos(v.start) && isPos(v.end)) out.push({ path, range: v as unknown as { start: Pos; end: Pos } });
  for (const [k, x] of Object.entries(v)) if (x && typeof x === 'object') ranges(x, `${path}.${k}`, out);
  return out;
}

function assertInvariants(text: string, model: ReportModel, diagnostics: Diagnostic[]): void {
  const lens = lineLengths(text);
  const problems: string[] = [];
  for (const { path, range } of ranges(model)) { const p = checkRange(range, lens, path); if (p) problems.push(p); }
  diagnostics.forEach((d, i) => {
    for (const { path, range } of ranges(d, `diagnostics[${i}](${d.code})`)) { const p = checkRange(range, lens, path); if (p) problems.push(p); }
    if (/内部错误|failed internally/.test(d.message)) problems.push(`rule ${d.code} threw: ${d.message}`);
  });
  assert.deepEqual(problems, []);
  assert.deepStrictEqual(JSON.parse(JSON.stringify(model)), model, 'model is plain JSON');
}

function run(text: string, opts: { format?: 'text' | 'markdown' | 'html'; era?: 'auto' | '2008' | '2019' | '2021' } = {}): void {
  const { parsed, diagnostics } = analyze(text, { format: opts.format, config: opts.era ? { era: opts.era } : {} });
  assertInvariants(text, parsed.model, diagnostics);
}

// ------------------------------------------------------------------ inputs

const corpusFiles = [
  ...readdirSync(`${CORPUS}/real`).filter((f) => !f.endsWith('.tsv')).map((f) => `${CORPUS}/real/${f}`),
  ...readdirSync(`${CORPUS}/seeds`).map((f) => `${CORPUS}/seeds/${f}`),
];
const corpus = corpusFiles.map((f) => readFileSync(f, 'utf8'));
const examples = [
  exampleReport(),
  exampleReport({ year: 2019 }),
  exampleReport({ cells: { '一|自然人': '', '三.（七）|总计': '—', '四|其他': '22（其中修订16件）' } }),
  exampleReport({ omitTables: ['T3'], sections: { 5: null } }),
];

/** Words of the domain, markup and troublemakers: random text made of them reaches deep into the parser. */
const VOCAB = [
  '\n', '\r\n', '\r', '\t', ' ', '　', '|', ' | ', '||', '|---|---|', '#', '## ', '。', '，', '：',
  '一、', '二、', '三、', '四、', '五、', '六、', '七、', '（一）', '(二)', '（七）', '1.', '2、', '3．', '（1）', '①', '⑳', '第二部分', '一是',
  '总体情况', '主动公开政府信息情况', '收到和处理政府信息公开申请情况', '政府信息公开行政复议、行政诉讼情况', '存在的主要问题及改进情况', '其他需要报告的事项',
  '某县人民政府', '2021年', '2019 年', '政府信息公开工作年度报告', '二〇二二年一月三日', '2022年1月20日', '自2021年1月1日至2021年12月31日',
  '第二十条第（一）项', '第二十条 第(五)项', '第二十条第（八）项', '第二十条第（九）项', '信息内容', '本年制发件数', '本年新制作数量', '本年增/减', '规章', '行政规范性文件', '行政许可', '行政事业性收费', '本年收费金额（单位：万元）',
  '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）', '申请人情况', '自然人', '法人或其他组织', '商业企业', '其他', '总计', '总 计',
  '一、本年新收政府信息公开申请数量', '二、上年结转政府信息公开申请数量', '三、本年度办理结果', '（一）予以公开', '（三）不予公开', '1.属于国家秘密', '2.其他法律行政止公开',
  '（六）其他处理', '（六）其他', '3.其他', '（七）总计', '四、结转下年度继续办理', '行政复议', '行政诉讼', '结果维持', '结果纠正', '尚未审结', '未经复议直接起诉', '复议后起诉',
  '<table>', '</table>', '<tr>', '</tr>', '<td>', '</td>', '<td rowspan="3">', '<td colspan="2">', '&nbsp;', '&amp;', '&#20013;', '<br />', '<p>', '</p>', '<script>', '<!--',
  '0', '00', '1', '12', '630020469', '7730.28', '+543', '-15', '-0', '—', '-', '/', '无', '不适用', '22（其中修订16件）', '251000元', '万元', '- 3 -',
  '公(gōng)開', '主動公開', '規範性檔案', '“三安全一稳定”', '𠮷', '\ud800', '\udfff', '\u0000', '\u0007', '\u001b', '\ufeff', '\u2028', '\u0085', '\u200b',
];
const vocabText = fc.array(fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...VOCAB) },
  { weight: 2, arbitrary: fc.nat({ max: 99999 }).map(String) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 4 }) },
), { maxLength: 250 }).map((a) => a.join(''));

const troublemaker = fc.constantFrom('\ud800', '\udc00', '\u0000', '\u0001', '\u0008', '\u000b', '\u000c', '\u001f', '\u007f', '\ufeff', '\ufffe', '\r', '\u2028', '\u0085', '𠮷');
const mutation = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ op: fc.constant('duplicate' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 5 }) }),
  fc.record({ op: fc.constant('shuffle' as const), at: fc.nat(), n: fc.integer({ min: 2, max: 12 }), seed: fc.nat() }),
  fc.record({ op: fc.constant('insert' as const), at: fc.nat(), s: fc.oneof(fc.string({ unit: 'binary', maxLength: 30 }), troublemaker, fc.constantFrom(...VOCAB)) }),
  fc.record({ op: fc.constant('bytes' as const), at: fc.nat(), s: fc.string({ unit: 'binary-ascii', maxLength: 20 }) }),
  fc.record({ op: fc.constant('cut' as const), at: fc.nat(), n: fc.integer({ min: 1, max: 200 }) }),
);
type Mutation = typeof mutation extends fc.Arbitrary<infer T> ? T : never;

function mutate(text: string, ms: Mutation[]): string {
  let t = text;
  for (const m of ms) {
    if (m.op === 'insert' || m.op === 'bytes') { const at = m.at % (t.length + 1); t = t.slice(0, at) + m.s + t.slice(at); continue; }
    if (m.op === 'cut') { const at = m.at % (t.length + 1); t = t.slice(0, at) + t.slice(at + m.n); continue; }
    const lines = t.split('\n');
    const at = m.at % lines.length;
    if (m.op === 'delete') lines.splice(at, m.n);
    else if (m.op === 'duplicate') lines.splice(at, 0, ...lines.slice(at, at + m.n));
    else {
      const part = lines.slice(at, at + m.n);
      let s = m.seed;
      for (let i = part.length - 1; i > 0; i--) { s = (s * 1103515245 + 12345) % 2147483648; const j = s % (i + 1); [part[i], part[j]] = [part[j]!, part[i]!]; }
      lines.splice(at, part.length, ...part);
    }
    t = lines.join('\n');
  }
  return t;
}

const options = fc.record({
  format: fc.constantFrom(undefined, 'text' as const, 'markdown' as const, 'html' as const),
  era: fc.constantFrom(undefined, 'auto' as const, '2008' as const, '2019' as const, '2021' as const),
});

// ------------------------------------------------------------------ properties

describe('robustness properties', () => {
  test('the invariant checks catch what they should (self-check)', () => {
    const lens = lineLengths('ab\r\ncde\nf');
    assert.deepEqual(lens, [2, 3, 1]);
    assert.equal(checkRange({ start: { line: 1, character: 3 }, end: { line: 2, character: 1 } }, lens, 'r'), null);
    assert.match(checkRange({ start: { line: 0, character: 3 }, end: { line: 0, character: 3 } }, lens, 'r')!, /length/);
    assert.match(checkRange({ start: { line: 3, character: 0 }, end: { line: 3, character: 0 } }, lens, 'r')!, /lineCount/);
    assert.match(checkRange({ start: { line: 1, character: 2 }, end: { line: 1, character: 1 } }, lens, 'r')!, /before/);
    assert.equal(ranges({ a: { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 1 } } }, b: [{ start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }] }).length, 2);
    assert.throws(() => assert.deepStrictEqual(JSON.parse(JSON.stringify({ v: Infinity })), { v: Infinity }));
    assert.throws(() => assert.deepStrictEqual(JSON.parse(JSON.stringify({ v: -0 })), { v: -0 }));
  });

  test('the real corpus and the example reports satisfy the invariants as they are', () => {
    for (const [i, t] of [...corpus, ...examples].entries()) {
      try { run(t); } catch (e) { throw new Error(`${corpusFiles[i] ?? `example ${i - corpus.length}`}: ${(e as Error).message}`, { cause: e }); }
    }
  });

  test('random strings (any code point) never throw and keep the invariants', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), options, (s, o) => { run(s, o); }), { numRuns: 500 });
  });

  test('random text made of report vocabulary, markup and control characters', () => {
    fc.assert(fc.property(vocabText, options, (s, o) => { run(s, o); }), { numRuns: 600 });
  });

  test('mutated real reports: deleted, duplicated, shuffled lines, random bytes, lone surrogates, control characters', () => {
    fc.assert(fc.property(fc.nat({ max: corpus.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), options, (i, ms, o) => {
      run(mutate(corpus[i]!, ms), o);
    }), { numRuns: 250 });
  });

  test('mutated example reports, with random cell contents', () => {
    const cellKey = fc.constantFrom('一|自然人', '一|总计', '三.（七）|总计', '四|其他', '行政复议|总计', '复议后起诉|结果维持', '第二十条第（一）项|规章|本年制发件数', '第二十条第（八）项|行政事业性收费|本年收费金额（单位：万元）');
    const cellValue = fc.oneof(fc.constantFrom('', '-0', '—', '无', '22（其中修订16件）', '1.5', '+3', '9'.repeat(40), '𠮷', '\ud800', '|', '\n'), fc.string({ unit: 'binary', maxLength: 8 }), fc.integer({ min: -5, max: 100000 }).map(String));
    const example = fc.record({
      year: fc.integer({ min: 2008, max: 2030 }),
      cells: fc.dictionary(cellKey, cellValue, { maxKeys: 4 }),
      omitTables: fc.subarray(['T2', 'T3', 'T4'] as const),
    }).map((o) => exampleReport(o));
    fc.assert(fc.property(example, fc.array(mutation, { maxLength: 5 }), options, (t, ms, o) => { run(mutate(t, ms), o); }), { numRuns: 250 });
  });

  test('line endings CRLF and CR, and empty last cells: mutated real reports keep the invariants', () => {
    // (What a fuzzing campaign found where the properties above had not: an empty last cell of a CRLF table row, a web
    // page's CR, a heading ending in a lone high surrogate, a table starting on an empty line.)
    const ending = fc.constantFrom('\r\n', '\r', '\n\r');
    const emptied = (t: string) => t.replace(/\t[^\t\n]*(?=\n)/g, '\t');
    fc.assert(fc.property(fc.nat({ max: corpus.length - 1 }), ending, fc.boolean(), fc.array(mutation, { maxLength: 3 }), options, (i, eol, empty, ms, o) => {
      const t = mutate(empty ? emptied(corpus[i]!) : corpus[i]!, ms).replace(/\r?\n/g, eol);
      run(t, o);
    }), { numRuns: 120 });
    run('本年新收政府信息公开申请数量\t1\t\r\n');
    run('x\r\n2019年信息公开年报', { format: 'html' });
    run('(四)\ud83d\r\n');
    // (Within the line, though the invariant would also hold at the next line's start.)
    assert.deepEqual(parseReport('(四)\ud83d\n正文').model.sections[0]!.headingRange.end, { line: 0, character: 4 });
    run('本年新收政府信息公开申请数量5\n\r结果维持0', { format: 'text' });
    const tsv = readFileSync(`${CORPUS}/real/2024-huaian-hongze-district-tsv.txt`, 'utf8').split('\n');
    tsv[82] = '四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t';
    run(tsv.join('\r\n'));
  });

  test('every corpus report read with CR alone or CRLF for its line breaks: the model and diagnostics it has with LF', () => {
    // (A fix-all fuzzing campaign: a CR-only copy of real/2024-huaian-hongze-district-tsv.txt was read on one line
    // by the table reader, and `check --fix` "corrected" two right cells of 表四.)
    const formatOf = (f: string) => (f.endsWith('.html') ? 'html' : f.endsWith('.md') ? 'markdown' : 'text') as 'html' | 'markdown' | 'text';
    const same = (text: string, format: 'html' | 'markdown' | 'text') => {
      const r = analyze(text, { format });
      // Text taken from the source (raw cells, titles) holds its own line breaks: compared as LF.
      return JSON.stringify({ model: r.parsed.model, diagnostics: r.diagnostics }).replace(/\\r\\n|\\r/g, '\\n');
    };
    for (const [i, file] of corpusFiles.entries()) {
      const lf = corpus[i]!.replace(/\r\n?/g, '\n');
      const want = same(lf, formatOf(file));
      for (const eol of ['\r', '\r\n']) assert.equal(same(lf.replace(/\n/g, eol), formatOf(file)), want, `${file} with ${JSON.stringify(eol)}`);
    }
  });

  test('parsing is deterministic: the same text gives the same model', () => {
    fc.assert(fc.property(fc.nat({ max: corpus.length - 1 }), fc.array(mutation, { maxLength: 3 }), (i, ms) => {
      const t = mutate(corpus[i]!, ms);
      assert.deepStrictEqual(parseReport(t).model, parseReport(t).model);
    }), { numRuns: 30 });
  });

  test('a -0 in a signed 本年增/减 cell keeps the model plain JSON', () => {
    const src = '二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t0\t0\t0\n规范性文件\t1\t1\t1\n第二十条第（六）项\n信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n行政处罚\t5\t-0\t5\n行政强制\t1\t0\t1\n三、收到和处理政府信息公开申请情况\n';
    const model = parseReport(src).model;
    assert.deepStrictEqual(JSON.parse(JSON.stringify(model)), model);
  });
});

// ------------------------------------------------------------------ huge inputs, each in a child process with a time limit

const tmp = mkdtempSync(join(tmpdir(), 'xxgknb-prop-'));
after(() => rmSync(tmp, { recursive: true, force: true }));

/**
 * Builds the input in a child process (so a hang is killed, not waited for), runs analyze, checks the same
 * invariants there, and reports {ms, problems}.
 */
function runIsolated(build: string, timeoutMs: number): { ok: boolean; timedOut: boolean; out: string } {
  const script = join(tmp, `run-${Math.random().toString(36).slice(2)}.ts`);
  const core = pathToFileURL(join(ROOT, 'server/src/core/index.ts')).href;
  writeFileSync(script, `
import { analyze, exampleReport } from ${JSON.stringify(core)};
let seed = 12345;
const rnd = () => { seed = (seed * 1103515245 + 12345) % 2147483648; return seed / 2147483648; };
void rnd; void exampleReport;
const text: string = (() => { ${build} })();
const t0 = performance.now();
const { parsed, diagnostics } = analyze(text);
const ms = performance.now() - t0;
const lens = text.split(/\\r\\n|\\r|\\n/).map((l) => l.length);
const problems: string[] = [];
const walk = (v: any, p: string) => {
  if (!v || typeof v !== 'object') return;
  if (v.start && v.end && typeof v.start.line === 'number') {
    for (const q of [v.start, v.end]) if (q.line >= lens.length || q.character > lens[q.line]) problems.push(p + ' ' + JSON.stringify(v));
  }
  for (const [k, x] of Object.entries(v)) walk(x, p + '.' + k);
};
walk(parsed.model, '$');
walk(diagnostics, 'diagnostics');
for (const d of diagnostics) if (/内部错误/.test(d.message)) problems.push('rule threw: ' + d.code);
if (JSON.stringify(JSON.parse(JSON.stringify(parsed.model))) !== JSON.stringify(parsed.model)) problems.push('model not JSON-stable');
const nonFinite: string[] = [];
for (const t of parsed.model.tables) for (const c of t.cells) if (c.value !== null && !Number.isSafeInteger(c.value) && !(Number.isFinite(c.value) && String(c.value).length < 20)) nonFinite.push(c.rowId + '|' + c.col + '=' + c.value);
if (nonFinite.length) problems.push('implausible cell values: ' + nonFinite.slice(0, 3).join(', '));
console.log(JSON.stringify({ ms: Math.round(ms), length: text.length, problems: problems.slice(0, 10) }));
`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', script], { cwd: ROOT, timeout: timeoutMs, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const timedOut = r.error !== undefined && /ETIMEDOUT/.test(String((r.error as NodeJS.ErrnoException).code ?? r.error));
  const out = (r.stdout ?? '') + (r.stderr ?? '');
  if (timedOut || r.status !== 0) return { ok: false, timedOut, out: timedOut ? `timed out after ${timeoutMs} ms` : out.slice(-2000) };
  const res = JSON.parse(r.stdout.trim().split('\n').pop()!) as { problems: string[] };
  return { ok: res.problems.length === 0, timedOut, out: r.stdout.trim() };
}

describe('huge inputs (child process, time-limited)', () => {
  test('a 100,000-character line of prose inside a report', () => {
    const r = runIsolated(`const line = Array.from({ length: 5000 }, (_, i) => '本机关认真贯彻落实条例' + (i % 97) + '件，').join('').slice(0, 100000);
      return exampleReport().replace('## 五、', line + '\\n## 五、');`, 15000);
    assert.ok(r.ok, r.out);
  });

  test('a 100,000-character line without any break (crawler text) made of a report repeated', () => {
    const r = runIsolated(`const one = exampleReport().replace(/\\n/g, ' ');
      let s = ''; while (s.length < 100000) s += one; return s.slice(0, 100000);`, 15000);
    assert.ok(r.ok, r.out);
  });

  test('1 MB of digits and "|" on its own', () => {
    const r = runIsolated(`let s = ''; while (s.length < 1000000) { const k = Math.floor(rnd() * 8); s += String(Math.floor(rnd() * 10 ** k)); s += rnd() < 0.4 ? '|' : ''; if (rnd() < 0.002) s += '\\n'; } return s;`, 15000);
    assert.ok(r.ok, r.out);
  });

  test('1 MB of short numbers and "|" inside Table 3 of a report', () => {
    const r = runIsolated(`let s = ''; while (s.length < 1000000) { s += String(Math.floor(rnd() * 1000)) + (rnd() < 0.7 ? ' | ' : ''); if (rnd() < 0.01) s += '\\n'; }
      return exampleReport().replace('| 二、上年结转', s + '\\n| 二、上年结转');`, 20000);
    assert.ok(r.ok, r.out);
  });

  test('a long run of digits in a Table 3 row of crawler text is neither hung on nor split into astronomically large numbers', () => {
      const r = runIsolated(`const NOTE = '（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）';
        return '三、收到和处理政府信息公开申请情况' + NOTE + '申请人情况自然人法人或其他组织总计商业企业科研机构社会公益组织法律服务机构其他一、本年新收政府信息公开申请数量' + '1'.repeat(3000) + '二、上年结转政府信息公开申请数量0000000 四、政府信息公开行政复议、行政诉讼情况 ';`, 8000);
      assert.ok(r.ok, r.out);
      assert.ok(JSON.parse(r.out.split('\n').pop()!).ms < 1000, r.out);
    });
});
