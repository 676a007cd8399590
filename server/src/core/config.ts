/**
 * The project file `.xxgknb.json`, found by walking up from a document's folder; read by the CLI and the
 * language server alike. Pure: the caller supplies how to read a file, so it works for virtual workspaces.
 *
 *   { "era": "2021", "organType": "department", "rules": { "cell-note": "off", "narrative-mismatch": "info" },
 *     "deadlines": { "department": "02-28" } }
 */
import type { CheckConfig, Severity } from './checks/types';

export const CONFIG_FILE = '.xxgknb.json';

export interface LoadedConfig { config: CheckConfig; file: string | null; errors: string[] }

const SEVERITIES = new Set(['error', 'warning', 'info', 'hint', 'off']);
/** The keys of the file (`$schema` names the JSON schema editors validate it with: configSchema.ts). */
const CONFIG_KEYS = new Set(['$schema', 'era', 'organType', 'rules', 'deadlines']);

/** Validates a parsed config object, keeping what is valid and describing what is not. */
export function validateConfig(raw: unknown, knownRules: Set<string>): { config: CheckConfig; errors: string[] } {
  const errors: string[] = [];
  const config: CheckConfig = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return { config, errors: ['配置必须是 JSON 对象 / the configuration must be a JSON object'] };
  const o = raw as Record<string, unknown>;
  // A misspelt key would otherwise be ignored without a word ("rule" for "rules").
  for (const key of Object.keys(o)) if (!CONFIG_KEYS.has(key)) errors.push(`未知的配置项 ${key}（可用：era、organType、rules、deadlines）`);
  if (o.$schema !== undefined && typeof o.$schema !== 'string') errors.push('$schema 应为字符串（JSON 模式文件的路径或网址）');
  if (o.era !== undefined) {
    if ((typeof o.era === 'string' || typeof o.era === 'number') && ['auto', '2008', '2019', '2021'].includes(String(o.era))) config.era = String(o.era) as CheckConfig['era'];
    else errors.push(`era 应为 auto、2008、2019 或 2021，而不是 ${JSON.stringify(o.era)}`);
  }
  if (o.organType !== undefined) {
    if (typeof o.organType === 'string' && ['auto', 'department', 'government'].includes(o.organType)) config.organType = String(o.organType) as CheckConfig['organType'];
    else errors.push(`organType 应为 auto、department 或 government，而不是 ${JSON.stringify(o.organType)}`);
  }
  if (o.rules !== undefined) {
    if (typeof o.rules !== 'object' || o.rules === null || Array.isArray(o.rules)) errors.push('rules 应为对象 {规则代码: 严重程度}');
    else {
      config.rules = {};
      for (const [code, sev] of Object.entries(o.rules as Record<string, unknown>)) {
        if (!knownRules.has(code)) { errors.push(`未知的规则代码 ${code}`); continue; }
        if (typeof sev !== 'string' || !SEVERITIES.has(sev)) { errors.push(`规则 ${code} 的严重程度应为 error、warning、info、hint 或 off`); continue; }
        config.rules[code] = sev as Severity | 'off';
      }
    }
  }
  if (o.deadlines !== undefined) {
    const d = o.deadlines as Record<string, unknown>;
    if (typeof d !== 'object' || d === null || Array.isArray(d)) errors.push('deadlines 应为对象 {"department": "01-31", "government": "03-31"}');
    else {
      config.deadlines = {};
      for (const key of Object.keys(d)) if (key !== 'department' && key !== 'government') errors.push(`deadlines 中未知的机关类型 ${key}（可用：department、government）`);
      for (const k of ['department', 'government'] as const) {
        if (d[k] === undefined) continue;
        if (typeof d[k] === 'string' && isMonthDay(d[k] as string)) config.deadlines[k] = d[k] as string;
        else errors.push(`deadlines.${k} 应为实际存在的日期 MM-DD，如 "01-31"`);
      }
    }
  }
  return { config, errors };
}

/** MM-DD of a real day (02-29 allowed: leap years have it). */
function isMonthDay(s: string): boolean {
  const m = /^(\d\d)-(\d\d)$/.exec(s);
  if (!m) return false;
  const month = Number(m[1]), day = Number(m[2]);
  const days = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  return days !== undefined && day >= 1 && day <= days;
}

/** Finds and reads the nearest `.xxgknb.json` above `dir` (inclusive). Paths use '/' separators. */
/**
 * `readFile`: a file's text, null when there is none, or an error when there is one that cannot be read as a project
 * file (not a regular file, too large): it is reported as the project's file, not passed over for one further up.
 */
export function loadProjectConfig(dir: string, readFile: (path: string) => string | null | { error: string }, knownRules: Set<string>): LoadedConfig {
  let d = dir.replace(/\\/g, '/');
  while (d.length > 1 && d.endsWith('/')) d = d.slice(0, -1);
  for (let guard = 0; guard < 64; guard++) {
    const file = `${d || ''}/${CONFIG_FILE}`;
    const text = readFile(file);
    // (Errors are about `file`, which the CLI and the server name in front of each: not named again here.)
    if (text !== null && typeof text === 'object') return { config: {}, file, errors: [text.error] };
    if (text !== null) {
      try {
        // (A byte-order mark, as older Windows Notepad saves one, is no JSON and was reported as an invisible token.)
        const { config, errors } = validateConfig(JSON.parse(text.replace(/^\uFEFF/, '')), knownRules);
        return { config, file, errors };
      } catch (e) {
        return { config: {}, file, errors: [`JSON 格式错误 / invalid JSON: ${(e as Error).message}`] };
      }
    }
    // Stop at the root: '/', '' or a drive such as 'C:'.
    if (d === '' || d === '/' || /^[A-Za-z]:$/.test(d)) break;
    const cut = d.lastIndexOf('/');
    if (cut < 0) break;
    d = cut === 0 ? '' : d.slice(0, cut);
  }
  return { config: {}, file: null, errors: [] };
}

/** Later sources win: project file, then editor settings or command-line flags. */
export function mergeConfig(...configs: (CheckConfig | undefined)[]): CheckConfig {
  const out: CheckConfig = {};
  for (const c of configs) {
    if (!c) continue;
    if (c.era && c.era !== 'auto') out.era = c.era; else if (c.era && !out.era) out.era = c.era;
    if (c.organType && c.organType !== 'auto') out.organType = c.organType; else if (c.organType && !out.organType) out.organType = c.organType;
    if (c.rules) out.rules = { ...(out.rules ?? {}), ...c.rules };
    if (c.deadlines) out.deadlines = { ...(out.deadlines ?? {}), ...c.deadlines };
    if (c.locale) out.locale = c.locale;
  }
  return out;
}
