/**
 * Which files a `check` run reads: files, folders (recursively, report-like extensions), and globs.
 * Symlink loops are cut by remembering real paths; unreadable entries are reported, never fatal.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { globSync } from 'tinyglobby';
import { STDIN } from '../node/read';

export const REPORT_EXTENSIONS = ['.txt', '.md', '.markdown', '.html', '.htm', '.text'];
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', '.cache']);

export interface Discovery { files: string[]; problems: { path: string; message: string }[] }

export function discover(inputs: string[], cwd = process.cwd()): Discovery {
  const files: string[] = [];
  const problems: Discovery['problems'] = [];
  const seen = new Set<string>();
  const add = (f: string) => { const abs = path.resolve(cwd, f); if (!seen.has(abs)) { seen.add(abs); files.push(abs); } };
  for (const input of inputs) {
    // Standard input is read from its descriptor (it may be a socket, which has no name to open).
    if (input === STDIN) { if (!seen.has(STDIN)) { seen.add(STDIN); files.push(STDIN); } continue; }
    const abs = path.resolve(cwd, input);
    let st: fs.Stats | null;
    let statError: NodeJS.ErrnoException | null = null;
    try { st = fs.statSync(abs); } catch (e) { st = null; statError = e as NodeJS.ErrnoException; }
    if (st?.isFile()) { add(abs); continue; }
    if (st?.isDirectory()) { walk(abs, add, problems, new Set()); continue; }
    // Anything else that exists, named on the command line, goes to readInput: it reads a pipe or character device
    // (a process substitution <(…)) and says what anything else is, not that it is missing. (In a folder only
    // regular files are read.)
    if (st) { add(abs); continue; }
    if (/[*?[\]{}]/.test(input)) {
      const matches = globSync(input, { cwd, absolute: true, dot: false, followSymbolicLinks: false, ignore: ['**/node_modules/**', '**/.git/**'] });
      if (!matches.length) problems.push({ path: input, message: '没有匹配的文件 / no files match' });
      for (const m of matches.sort()) add(m);
      continue;
    }
    // Said as it is when it is not that the path is missing (a folder we may not enter, a name too long).
    const missing = !statError || statError.code === 'ENOENT' || statError.code === 'ENOTDIR';
    problems.push({ path: input, message: missing ? '文件或目录不存在 / no such file or directory' : `无法读取 / cannot read: ${statError!.message.split(',')[0]}` });
  }
  return { files, problems };
}

function walk(dir: string, add: (f: string) => void, problems: Discovery['problems'], visited: Set<string>): void {
  let real: string;
  try { real = fs.realpathSync(dir); } catch (e) { problems.push({ path: dir, message: (e as Error).message }); return; }
  if (visited.has(real)) return; // a symlink loop
  visited.add(real);
  let entries: fs.Dirent[];
  try { entries = fs.readdirSync(dir, { withFileTypes: true }); } catch (e) { problems.push({ path: dir, message: `无法读取目录 / cannot read directory: ${(e as Error).message}` }); return; }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const e of entries) {
    if (e.name.startsWith('.') && e.name !== '.') continue;
    const p = path.join(dir, e.name);
    let isDir = e.isDirectory(), isFile = e.isFile();
    if (e.isSymbolicLink()) {
      try { const st = fs.statSync(p); isDir = st.isDirectory(); isFile = st.isFile(); } catch { problems.push({ path: p, message: '无效的符号链接 / broken symbolic link' }); continue; }
    }
    if (isDir) { if (!SKIP_DIRS.has(e.name)) walk(p, add, problems, visited); }
    else if (isFile && REPORT_EXTENSIONS.some((x) => e.name.toLowerCase().endsWith(x))) add(p);
  }
}
