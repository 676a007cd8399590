// A report reposted in traditional characters (spec §6.5) reads as the original. Mirror sites, readers and browsers
// convert with OpenCC or the like: character by character (t, Taiwan and Hong Kong variants) or with Taiwan phrases
// too (twp: 规范性文件 becomes 規範性檔案, 信息 資訊). Every corpus report, so converted, must get the diagnostics of
// the original (rule and line: a phrase may change a line's length) and the same value in every table cell.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { describe, test } from 'node:test';
import * as OpenCC from 'opencc-js';
import { analyze, formatOfPath } from '../../server/src/core/index';
import { CORPUS_ROOT, corpusFiles } from './compare';

const CONVERTERS = {
  t: OpenCC.Converter({ from: 'cn', to: 't' }),
  tw: OpenCC.Converter({ from: 'cn', to: 'tw' }),
  twp: OpenCC.Converter({ from: 'cn', to: 'twp' }),
  hk: OpenCC.Converter({ from: 'cn', to: 'hk' }),
};

function reading(text: string, file: string) {
  const { parsed, diagnostics } = analyze(text, { format: formatOfPath(file) ?? 'text' });
  return {
    diagnostics: diagnostics.map((d) => `L${d.range.start.line + 1} ${d.code}`),
    cells: parsed.model.tables.map((t) => `${t.kind}: ${t.cells.map((c) => `${c.rowId}|${c.col}=${c.kind}:${c.value}`).join(' ')}`),
    meta: `${parsed.model.meta.era} ${parsed.model.meta.year}`,
  };
}

describe('a report reposted in traditional characters reads as the original', () => {
  for (const file of corpusFiles()) {
    test(file, () => {
      const text = readFileSync(path.join(CORPUS_ROOT, file), 'utf8');
      const original = reading(text, file);
      for (const [name, convert] of Object.entries(CONVERTERS)) {
        const converted = convert(text);
        assert.notEqual(converted, text, `${name} converts something`);
        assert.deepEqual(reading(converted, file), original, `converted with OpenCC cn → ${name}`);
      }
    });
  }
});
