// Every regular expression in the analysis core is checked for super-linear backtracking with recheck: the
// server runs them on every edit, on documents of megabytes (a 10 MB line of digits must not hang it).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import * as ts from 'typescript';
import { check } from 'recheck';

const CORE = path.resolve(__dirname, '../../server/src/core');

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => { const p = path.join(dir, e); return statSync(p).isDirectory() ? files(p) : p.endsWith('.ts') ? [p] : []; });
}

/** Regex literals (a regex made with `new RegExp` is not seen: keep the core's regexes literals, or built from checked ones). */
export function collectRegexes(): { where: string; source: string; flags: string }[] {
  const out: { where: string; source: string; flags: string }[] = [];
  for (const file of files(CORE)) {
    const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.ES2022, true);
    const visit = (node: ts.Node) => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) {
        const text = node.getText(sf);
        const last = text.lastIndexOf('/');
        const { line } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
        out.push({ where: `${path.relative(CORE, file)}:${line + 1}`, source: text.slice(1, last), flags: text.slice(last + 1) });
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return out;
}

/**
 * recheck's fuzzing checker over-approximates bounded repetition ({0,16}) as unbounded. For a regex it calls
 * polynomial we run its own attack string at two sizes (n and 4n) and require linear growth: 4n may take
 * at most 8× as long (linear ≈ 4×, quadratic ≈ 16×). A ratio, never an absolute time.
 */
function growth(source: string, flags: string, attack: { pumps: { prefix: string; pump: string }[]; suffix: string }): number {
  const re = new RegExp(source, flags.includes('g') ? flags : flags + 'g');
  const build = (k: number) => attack.pumps.map((p) => p.prefix + p.pump.repeat(k)).join('') + attack.suffix;
  const run = (input: string) => {
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      re.lastIndex = 0;
      let guard = 0;
      while (re.exec(input) && guard++ < 1e6) if (re.lastIndex === 0) break;
      best = Math.min(best, performance.now() - t0);
    }
    return best;
  };
  const unit = Math.max(1, attack.pumps.reduce((n, p) => n + p.pump.length, 0));
  const k = Math.ceil(20_000 / unit);
  return (run(build(4 * k)) + 0.5) / (run(build(k)) + 0.5);
}

test('no regular expression in the core backtracks super-linearly', { timeout: 600_000 }, async () => {
  const regexes = collectRegexes();
  assert.ok(regexes.length > 50, `found ${regexes.length} regexes`);
  const bad: string[] = [];
  const results = [];
  for (let i = 0; i < regexes.length; i += 8) {
    results.push(...(await Promise.all(regexes.slice(i, i + 8).map((r) => check(r.source, r.flags.replace(/[gy]/g, ''), { timeout: 10_000 })))));
  }
  for (const [i, r] of regexes.entries()) {
    const result = results[i]!;
    if (result.status !== 'vulnerable') continue;
    if (result.complexity.type === 'exponential') { bad.push(`${r.where} /${r.source}/ — exponential`); continue; }
    const ratio = growth(r.source, r.flags.replace(/y/g, ''), result.attack as unknown as { pumps: { prefix: string; pump: string }[]; suffix: string });
    if (ratio > 8) bad.push(`${r.where} /${r.source}/ — ${result.complexity.summary}; 4× the input took ${ratio.toFixed(1)}× as long`);
  }
  assert.deepEqual(bad, []);
});
