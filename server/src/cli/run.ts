/** Checks one file from disk: read, detect binary, decode, parse, check. Shared by the main thread and the workers. */
import * as path from 'node:path';
import { analyze, CONFIG_FILE, crossYearDiagnostics, fixAllEdits, fixRepeatedly, formatOfPath, loadProjectConfig, mergeConfig, RULES, yearFacts, type CheckConfig, type Diagnostic, type Era, type ParsedReport, type YearFacts } from '../core/index';
import { decode, encode, isBinary, type Encoding } from '../core/text/decode';
import { readInput, readConfigText } from '../node/read';
import { folderBytes } from '../node/bytePaths';
import { writeBack } from '../node/write';
import { shownName } from './files';

export interface FileResult {
  file: string;
  era: Era | null;
  isReport: boolean;
  diagnostics: Diagnostic[];
  /** Set when the file could not be checked at all. */
  error?: string;
  /** How many places `--fix` wrote (the edits of the safe fixes). */
  fixed?: number;
  /** Why `--fix` wrote nothing though there were safe fixes (the file would not survive being written back). */
  notFixed?: string;
  configFile?: string | null;
  configErrors?: string[];
  /** For the checks across years (`withCrossYear`), which run once every file is checked; not printed. */
  facts?: YearFacts | null;
  config?: CheckConfig;
}

export interface RunOptions { config: CheckConfig; fix: boolean; useProjectConfig: boolean }

const KNOWN = new Set(RULES.map((r) => r.code));
const configCache = new Map<string, ReturnType<typeof loadProjectConfig>>();


/** `raw`: the path in bytes of a file whose name is not UTF-8 (`file` is then how it is shown). */
export function checkFile(file: string, opts: RunOptions, raw?: Uint8Array): FileResult {
  const at = raw ? Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength) : file;
  const input = readInput(at);
  if (input.error !== undefined) return { file, era: null, isReport: false, diagnostics: [], error: input.error };
  const bytes = input.bytes;
  if (isBinary(bytes)) return { file, era: null, isReport: false, diagnostics: [], error: '二进制文件，已跳过 / binary file, skipped' };
  const { text, encoding } = decode(bytes);
  let project: ReturnType<typeof loadProjectConfig> = { config: {}, file: null, errors: [] };
  if (opts.useProjectConfig) {
    // A pipe's project file is that of the folder the command runs in (/dev/fd has none). A file whose name is not
    // UTF-8 is looked for by its path in bytes (as a latin1 string, one character a byte, for the walk up).
    const folder = typeof at === 'string' ? null : folderBytes(at);
    const dir = !input.regular ? process.cwd() : folder ? folder.toString('latin1') : path.dirname(file);
    const key = folder ? `bytes:${dir}` : dir;
    project = configCache.get(key) ?? (folder ? fromBytes(loadProjectConfig(dir, (f) => readConfigText(Buffer.from(f, 'latin1')), KNOWN)) : loadProjectConfig(dir, readConfigText, KNOWN));
    configCache.set(key, project);
  }
  const config = mergeConfig(project.config, opts.config);
  let { parsed, diagnostics } = analyze(text, { format: formatOfPath(file), config });
  let fixed = 0;
  let notFixed: string | undefined;
  // (Only a regular file is written back: a pipe's text has nowhere to go.)
  if (opts.fix && input.regular && fixAllEdits(diagnostics).length) {
    notFixed = unwritable(parsed.model.format, text, encoding, bytes);
    if (!notFixed) {
      // Fixed in rounds, as the editor's fix-all (checked again after each), and written once, at the end.
      const check = (t: string, last?: { parsed: ParsedReport }) => {
        const r = analyze(t, { format: formatOfPath(file), config, previous: last?.parsed });
        return { parsed: r.parsed, lines: r.parsed.lines, diagnostics: r.diagnostics };
      };
      const result = fixRepeatedly(text, { parsed, lines: parsed.lines, diagnostics }, check);
      notFixed = writeBack(at, bytes, encode(result.text, encoding));
      // (Not written: what is reported is the file as it is.)
      if (!notFixed) {
        ({ parsed, diagnostics } = result.last);
        fixed = result.fixed;
      }
    }
  }
  return { file, era: parsed.model.isReport ? parsed.model.meta.era : null, isReport: parsed.model.isReport, diagnostics, fixed, ...(notFixed ? { notFixed } : {}), configFile: project.file, configErrors: project.errors, facts: yearFacts(parsed, config), config };
}

/** A project file found by a path in bytes, named as the output shows such paths (its folders' names decoded). */
function fromBytes(project: ReturnType<typeof loadProjectConfig>): ReturnType<typeof loadProjectConfig> {
  return project.file === null ? project : { ...project, file: shownName(Buffer.from(project.file, 'latin1')) };
}

/**
 * Why a file must not be written back, or undefined. Bytes the decoder had to replace (a stray byte in UTF-8, a
 * code GB18030 does not map the same way back) would be rewritten everywhere in the file, not only where the fixes
 * are; a web page's markup is for its own editor to change.
 */
function unwritable(format: string, text: string, encoding: Encoding, bytes: Uint8Array): string | undefined {
  if (format === 'html') return '网页不自动修复（请在其编辑器中修改）/ web pages are not fixed automatically (change them in their own editor)';
  if (!Buffer.from(encode(text, encoding)).equals(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength))) {
    return `文件中有不能按 ${encoding} 原样写回的字节，未写入修复 / the file has bytes that would not be written back as they are in ${encoding}: fixes not written`;
  }
  return undefined;
}

/**
 * Adds what the checks across years find (reports of one body for consecutive years among the files checked, e.g. this
 * year's carry-over against last year's report) to each file's diagnostics, in order.
 */
export function withCrossYear(results: FileResult[]): FileResult[] {
  const reports = results.flatMap((r) => (r.facts ? [{ id: r.file, facts: r.facts }] : []));
  const configs = new Map(results.map((r) => [r.file, r.config ?? {}]));
  const found = crossYearDiagnostics(reports, (id) => configs.get(id) ?? {});
  return results.map(({ facts: _facts, config: _config, ...r }) => {
    const extra = found.get(r.file);
    if (!extra) return r;
    const diagnostics = [...r.diagnostics, ...extra].sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.code.localeCompare(b.code));
    return { ...r, diagnostics };
  });
}

export { CONFIG_FILE };
