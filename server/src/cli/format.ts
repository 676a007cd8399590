/** Output formats of `xxgknb check`: text for people, JSON and SARIF 2.1.0 for tools. */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES, ruleDocUrl, type Diagnostic, type Locale } from '../core/index';
import type { FileResult } from './run';

export const VERSION = '0.1.0';

const C = { red: '\x1b[31m', yellow: '\x1b[33m', blue: '\x1b[34m', gray: '\x1b[90m', bold: '\x1b[1m', underline: '\x1b[4m', reset: '\x1b[0m' };

export function summaryCounts(results: FileResult[]) {
  const count = (s: Diagnostic['severity']) => results.reduce((n, r) => n + r.diagnostics.filter((d) => d.severity === s).length, 0);
  return { errors: count('error'), warnings: count('warning'), infos: count('info') + count('hint'), files: results.length, reports: results.filter((r) => r.isReport).length, failed: results.filter((r) => r.error).length, fixed: results.reduce((n, r) => n + (r.fixed ?? 0), 0) };
}

/** A file as the output names it: relative to the folder the command ran in; a pipe or standard input as it is (/dev/fd/63). */
function shown(cwd: string, file: string): string {
  const name = file.startsWith('/dev/') || file.startsWith('/proc/') ? file : path.relative(cwd, file) || file;
  // A name with a line break or another control character in it is quoted, escapes and all: printed as it is, it
  // would break the output into lines that look like other files.
  return CONTROL.test(name) ? JSON.stringify(name) : name;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1f\x7f-\x9f]/;
/** A message with its control characters escaped (Node's error messages name paths as they are). */
function oneLine(s: string): string {
  return CONTROL.test(s) ? JSON.stringify(s).slice(1, -1) : s;
}

export function formatText(results: FileResult[], opts: { color: boolean; cwd: string; locale: Locale; quiet: boolean }): string {
  const c = (code: keyof typeof C, s: string) => (opts.color ? C[code] + s + C.reset : s);
  const out: string[] = [];
  for (const r of results) {
    const rel = shown(opts.cwd, r.file);
    const diags = opts.quiet ? r.diagnostics.filter((d) => d.severity === 'error') : r.diagnostics;
    if (r.error) { out.push(`${c('underline', rel)}`, `  ${c('red', 'error')}  ${oneLine(r.error)}`, ''); continue; }
    for (const e of r.configErrors ?? []) out.push(`${c('yellow', 'warning')} ${oneLine(`${r.configFile}: ${e}`)}`);
    if (r.notFixed) out.push(`${c('yellow', 'warning')} ${rel}: ${oneLine(r.notFixed)}`);
    if (!diags.length) continue;
    out.push(`${c('underline', rel)}${r.era ? c('gray', `  (${r.era}${opts.locale === 'en' ? ' format' : '年格式'})`) : ''}`);
    const width = Math.max(...diags.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1}`.length));
    for (const d of diags) {
      const pos = `${d.range.start.line + 1}:${d.range.start.character + 1}`.padEnd(width);
      const sev = d.severity === 'error' ? c('red', 'error  ') : d.severity === 'warning' ? c('yellow', 'warning') : c('blue', d.severity.padEnd(7));
      out.push(`  ${c('gray', pos)}  ${sev}  ${c('gray', d.code.padEnd(22))} ${d.message.replace(/\s*\n\s*/g, ' ')}`);
      // Where the other report says otherwise (checks across years), as a location an editor's terminal can open.
      for (const x of d.related) if (x.file !== undefined) out.push(`  ${' '.repeat(width)}  ${c('gray', `↳ ${shown(opts.cwd, x.file)}:${x.range.start.line + 1}:${x.range.start.character + 1}  ${x.message}`)}`);
    }
    out.push('');
  }
  const s = summaryCounts(results);
  const zh = `${s.errors || s.failed ? '✖' : '✔'} ${s.errors} 个错误，${s.warnings} 个警告，${s.infos} 条提示（检查 ${s.files} 个文件，其中 ${s.reports} 份年报${s.failed ? `，${s.failed} 个无法读取` : ''}${s.fixed ? `；已修复 ${s.fixed} 处` : ''}）`;
  const en = `${s.errors || s.failed ? '✖' : '✔'} ${s.errors} errors, ${s.warnings} warnings, ${s.infos} notes (${s.files} files checked, ${s.reports} reports${s.failed ? `, ${s.failed} unreadable` : ''}${s.fixed ? `; ${s.fixed} places fixed` : ''})`;
  out.push(c('bold', opts.locale === 'en' ? en : zh));
  return out.join('\n') + '\n';
}

export function formatJson(results: FileResult[], cwd: string): string {
  return JSON.stringify(results.map((r) => ({
    file: shown(cwd, r.file),
    era: r.era,
    isReport: r.isReport,
    ...(r.error ? { error: r.error } : {}),
    ...(r.notFixed ? { notFixed: r.notFixed } : {}),
    // A related location in another report (checks across years) names it as the reports themselves are named.
    diagnostics: r.diagnostics.map((d) => ({ code: d.code, severity: d.severity, message: d.message, range: d.range, related: d.related.map((x) => (x.file === undefined ? x : { ...x, file: shown(cwd, x.file) })) })),
  })), null, 2) + '\n';
}

const LEVEL = { error: 'error', warning: 'warning', info: 'note', hint: 'note' } as const;

/**
 * `raw`: the paths in bytes of files whose names are not UTF-8 (discover), by the path shown: their URIs must name
 * those bytes, not the UTF-8 of the name as shown.
 */
export function formatSarif(results: FileResult[], cwd: string, locale: Locale, raw: ReadonlyMap<string, Buffer> = new Map()): string {
  const rules = RULES.map((r) => ({
    id: r.code,
    name: r.code.replace(/(^|-)([a-z0-9])/g, (_m, _d, ch: string) => ch.toUpperCase()),
    shortDescription: { text: locale === 'en' ? r.title.en : r.title.zh },
    fullDescription: { text: locale === 'en' ? r.description.en : r.description.zh },
    helpUri: ruleDocUrl(r.code),
    defaultConfiguration: { level: LEVEL[r.defaultSeverity] },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const uri = (f: string) => {
    const bytes = raw.get(f);
    if (bytes) {
      const base = Buffer.from(cwd.endsWith(path.sep) ? cwd : cwd + path.sep);
      const inside = bytes.subarray(0, base.length).equals(base);
      return inside ? { uri: uriBytes(bytes.subarray(base.length)), uriBaseId: '%SRCROOT%' } : { uri: `file://${uriBytes(bytes)}` };
    }
    const rel = path.relative(cwd, f);
    return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? { uri: rel.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' } : { uri: pathToFileURL(f).href };
  };
  const region = (r: Diagnostic['range']) => ({ startLine: r.start.line + 1, startColumn: r.start.character + 1, endLine: r.end.line + 1, endColumn: r.end.character + 1 });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: 'xxgknb', version: VERSION, informationUri: 'https://github.com/xxgknb/xxgknb', rules } },
      originalUriBaseIds: { '%SRCROOT%': { uri: pathToFileURL(cwd.endsWith(path.sep) ? cwd : cwd + path.sep).href } },
      columnKind: 'utf16CodeUnits',
      results: results.flatMap((r) => r.diagnostics.map((d) => ({
        ruleId: d.code,
        ruleIndex: index.get(d.code) ?? -1,
        level: LEVEL[d.severity],
        message: { text: d.message },
        locations: [{ physicalLocation: { artifactLocation: uri(r.file), region: region(d.range) } }],
        ...(d.related.length ? { relatedLocations: d.related.map((x, i) => ({ id: i + 1, message: { text: x.message }, physicalLocation: { artifactLocation: uri(x.file ?? r.file), region: region(x.range) } })) } : {}),
      }))),
      invocations: [{
        executionSuccessful: !results.some((r) => r.error),
        toolExecutionNotifications: [
          ...results.filter((r) => r.error).map((r) => ({ level: 'error', message: { text: r.error! }, locations: [{ physicalLocation: { artifactLocation: uri(r.file) } }] })),
          ...results.filter((r) => r.notFixed).map((r) => ({ level: 'warning', message: { text: r.notFixed! }, locations: [{ physicalLocation: { artifactLocation: uri(r.file) } }] })),
        ],
      }],
    }],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/** A path in bytes as a URI path: every byte but the unreserved ones and '/' percent-encoded (RFC 3986). */
function uriBytes(bytes: Buffer): string {
  let out = '';
  for (const b of bytes) {
    const ch = String.fromCharCode(b);
    out += /[A-Za-z0-9\-._~/]/.test(ch) ? ch : `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}
