/**
 * The TextMate grammar (syntaxes/xxgknb.tmLanguage.json):
 *  - the syntax-test fixtures in test/grammar pass under vscode-tmgrammar-test (what `npm run test:grammar` runs);
 *  - the fixtures assert every scope the grammar promises, positive and negative;
 *  - the generated table-label rules are up to date with the schema, and every label of both eras, in
 *    simplified and traditional script, is scoped as a table label in a pipe cell;
 *  - what the snippets insert is highlighted as intended (labels, numbers, headings, placeholders);
 *  - the real reports of the shared corpus tokenize quickly (no runaway regular expression).
 */
import { strict as assert } from 'node:assert';
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import { createRegistry } from 'vscode-tmgrammar-test/dist/common/index.js';
import { GRAMMAR_PATH, ROOT, grammarFileText, scriptVariants, tableLabels } from '../../scripts/gen-snippets';
import { ITEM_BY_ID, ITEM_ORDER } from '../../server/src/core/schema/sections';
import { allSnippets, expandSnippet, skeleton2021Snippet } from '../../server/src/core/snippets';

type Grammar = NonNullable<Awaited<ReturnType<ReturnType<typeof createRegistry>['loadGrammar']>>>;

const FIXTURES = join(ROOT, 'test', 'grammar');
const TMGRAMMAR_TEST = join(ROOT, 'node_modules', 'vscode-tmgrammar-test', 'dist', 'unit.js');

const S = {
  h: (n: number) => `markup.heading.${n}.xxgknb`,
  enumerator: 'punctuation.definition.heading.xxgknb',
  title: 'entity.name.section.xxgknb',
  label: 'entity.name.tag.table-label.xxgknb',
  number: 'constant.numeric.xxgknb',
  placeholder: 'invalid.illegal.placeholder.xxgknb',
  pipe: 'punctuation.separator.table.xxgknb',
  table: 'markup.table.xxgknb',
  comment: 'comment.block.xxgknb',
};

interface Tok { text: string; scopes: string[] }

function tokenizeLines(grammar: Grammar, lines: string[]): Tok[][] {
  let stack = null as Parameters<Grammar['tokenizeLine']>[1];
  return lines.map((line) => {
    const r = grammar.tokenizeLine(line, stack);
    stack = r.ruleStack;
    return r.tokens.map((t) => ({ text: line.slice(t.startIndex, t.endIndex), scopes: t.scopes }));
  });
}

/** The scopes of the token(s) covering `text` in a tokenized line (all tokens of the span must agree on `scope`). */
function spanHas(line: string, toks: Tok[], text: string, scope: string): boolean {
  const at = line.indexOf(text);
  assert.ok(at >= 0, `${text} not in ${line}`);
  let pos = 0;
  const covering: Tok[] = [];
  for (const t of toks) {
    const end = pos + t.text.length;
    if (end > at && pos < at + text.length) covering.push(t);
    pos = end;
  }
  return covering.length > 0 && covering.every((t) => t.scopes.includes(scope));
}

let grammar: Grammar;
before(async () => {
  const registry = createRegistry([{ scopeName: 'text.xxgknb', path: GRAMMAR_PATH, language: 'xxgknb' }]);
  const g = await registry.loadGrammar('text.xxgknb');
  assert.ok(g, 'grammar text.xxgknb loads');
  grammar = g;
});

describe('grammar fixtures (vscode-tmgrammar-test)', () => {
  test('every syntax test in test/grammar passes', () => {
    const files = readdirSync(FIXTURES).filter((f) => f.endsWith('.test.xxgknb'));
    assert.ok(files.length >= 4, 'fixtures present');
    const r = spawnSync(process.execPath, [TMGRAMMAR_TEST, 'test/grammar/*.test.xxgknb'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, `vscode-tmgrammar-test failed:\n${r.stdout}\n${r.stderr}`);
    for (const f of files) assert.match(r.stdout, new RegExp(`${f.replace(/\./g, '\\.')} run successfuly`), `${f} ran`);
  });

  test('the fixtures assert every scope of the grammar, and the negative cases', () => {
    const text = readdirSync(FIXTURES).filter((f) => f.endsWith('.test.xxgknb')).map((f) => readFileSync(join(FIXTURES, f), 'utf8')).join('\n');
    const assertions = text.split('\n').filter((l) => /^\/\/ *(<~*-+|\^)/.test(l));
    const positive = assertions.map((l) => l.split(' - ')[0]!).join('\n');
    const negative = assertions.filter((l) => l.includes(' - ')).map((l) => l.split(' - ')[1]!).join('\n');
    for (const s of [S.h(1), S.h(2), S.h(3), S.h(4), S.h(5), S.h(6), S.enumerator, S.title, S.label, S.number, S.placeholder, S.pipe, S.table, S.comment,
      'punctuation.definition.comment.begin.xxgknb', 'punctuation.definition.comment.end.xxgknb', 'keyword.other.directive.xxgknb']) {
      assert.ok(positive.includes(s), `a fixture asserts ${s}`);
    }
    for (const s of [S.h(1), S.h(2), S.h(3), S.label, S.number, S.placeholder]) assert.ok(negative.includes(s), `a fixture asserts the absence of ${s}`);
    // The cases the format calls for explicitly.
    assert.match(text, /^一是.*\n\/\/ <-+ - markup\.heading\.1\.xxgknb/m, '一是 is not a heading');
    assert.match(text, /^\| 一、本年新收政府信息公开申请数量 .*\n\/\/ <~+-+ markup\.table\.xxgknb entity\.name\.tag\.table-label\.xxgknb - markup\.heading\.1\.xxgknb/m, 'a table row label is not a heading');
    assert.match(text, /^一、概述\n/m, 'traditional 一、概述');
    assert.match(text, /^二、主動公開政府信息情況\n/m, 'traditional heading');
  });
});

describe('table labels (generated from the schema)', () => {
  test('the generated rules in the committed grammar are up to date (npm run gen:snippets)', () => {
    assert.equal(readFileSync(GRAMMAR_PATH, 'utf8'), grammarFileText());
  });

  test('every label of both eras, simplified and traditional, is a table label in a pipe cell and not a heading', () => {
    const labels = tableLabels();
    assert.ok(labels.length > 60, `labels: ${labels.length}`);
    const lines = labels.flatMap((l) => scriptVariants(l)).map((l) => `| ${l} | 0 |`);
    const toks = tokenizeLines(grammar, lines);
    lines.forEach((line, i) => {
      const label = line.slice(2, line.indexOf(' |'));
      assert.ok(spanHas(line, toks[i]!, label, S.label), `label: ${line}`);
      assert.ok(!toks[i]!.some((t) => t.scopes.some((s) => s.startsWith('markup.heading'))), `no heading: ${line}`);
      assert.ok(spanHas(line, toks[i]!, '0', S.number), `number: ${line}`);
    });
  });

  test('labels are whole cells: text that merely contains a label is not one', () => {
    const lines = ['| 其他情况 |', '| 规章制度 | 1 |', '| 自然人数 |'];
    const toks = tokenizeLines(grammar, lines);
    lines.forEach((line, i) => assert.ok(!toks[i]!.some((t) => t.scopes.includes(S.label)), line));
  });
});

describe('what the snippets insert', () => {
  test('table cells: every non-empty cell is a table label or a number', () => {
    for (const s of allSnippets()) {
      const lines = expandSnippet(s.body);
      const toks = tokenizeLines(grammar, lines);
      lines.forEach((line, i) => {
        if (!line.startsWith('|') || /^\|(\s*-+\s*\|)+$/.test(line)) return;
        for (const cell of line.slice(1, -1).split('|').map((c) => c.trim()).filter(Boolean)) {
          const scope = /^\d+$/.test(cell) ? S.number : S.label;
          assert.ok(spanHas(line, toks[i]!, cell, scope), `${s.name}: “${cell}” should be ${scope}`);
        }
      });
    }
  });

  test('skeleton: the six standard headings, the five sub-topics, the unfilled placeholders', () => {
    const lines = expandSnippet(skeleton2021Snippet().body);
    const toks = tokenizeLines(grammar, lines);
    const scopesOf = (i: number) => new Set(toks[i]!.flatMap((t) => t.scopes));
    for (const id of ITEM_ORDER['2021']) {
      const heading = ITEM_BY_ID.get(id)!.standard['2021']!;
      const i = lines.indexOf(heading);
      assert.ok(i >= 0, heading);
      assert.ok(spanHas(heading, toks[i]!, heading.slice(0, 2), S.enumerator) && scopesOf(i).has(S.h(1)), `${heading} is a level-1 heading`);
    }
    const subs = lines.map((l, i) => [l, i] as const).filter(([l]) => /^（[一二三四五]）/.test(l));
    assert.equal(subs.length, 5);
    for (const [, i] of subs) assert.ok(scopesOf(i).has(S.h(2)), lines[i]);
    // The defaults the clerk has to replace are flagged.
    assert.ok(spanHas(lines[0]!, toks[0]!, '××', S.placeholder) && spanHas(lines[0]!, toks[0]!, 'XXXX', S.placeholder), lines[0]);
    const intro = lines.findIndex((l) => l.includes('统计期限'));
    assert.ok(spanHas(lines[intro]!, toks[intro]!, '【网站名称及网址】', S.placeholder));
    const other = lines.findIndex((l) => l.startsWith('（文字描述，收取信息处理费'));
    assert.ok(spanHas(lines[other]!, toks[other]!, lines[other]!, S.placeholder));
  });
});

describe('real reports', () => {
  const corpus = join(ROOT, '..', 'shared', 'corpus');
  test('the shared corpus tokenizes quickly', { skip: !existsSync(corpus) && 'no ../shared/corpus' }, () => {
    let files = 0;
    for (const dir of ['seeds', 'real']) {
      const d = join(corpus, dir);
      if (!existsSync(d)) continue;
      for (const f of readdirSync(d).filter((n) => /\.(txt|md)$/.test(n))) {
        const lines = readFileSync(join(d, f), 'utf8').split(/\r?\n/);
        const t0 = performance.now();
        tokenizeLines(grammar, lines);
        const ms = performance.now() - t0;
        assert.ok(ms < 3000, `${f}: ${ms.toFixed(0)} ms`);
        files++;
      }
    }
    assert.ok(files > 0);
  });
});
