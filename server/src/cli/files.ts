/**
 * Which files a `check` run reads: files, folders (recursively, report-like extensions), and globs.
 * Symlink loops are cut by remembering the folders seen (device and inode); unreadable entries are reported, never fatal.
 */
import { isUtf8 } from 'node:buffer';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as iconv from 'iconv-lite';
import picomatch from 'picomatch';
import { globSync } from 'tinyglobby';
import { errorText, STDIN } from '../node/read';
import { isSeparator, joinBytes, realPath, SEPARATOR } from '../node/bytePaths';

export const REPORT_EXTENSIONS = ['.txt', '.md', '.markdown', '.html', '.htm', '.text'];
const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', '.cache']);

export interface Discovery {
  files: string[];
  problems: { path: string; message: string }[];
  /**
   * A file whose name is not UTF-8 (a zip from a Chinese Windows unpacked as it is: GBK bytes): its path as bytes, by
   * the path it is shown as (its GBK name decoded). A string path cannot reach such a file.
   */
  raw: Map<string, Buffer>;
}

export function discover(inputs: string[], cwd = process.cwd()): Discovery {
  const files: string[] = [];
  const problems: Discovery['problems'] = [];
  const seen = new Set<string>();
  const add = (f: string) => { const abs = path.resolve(cwd, f); if (!seen.has(abs)) { seen.add(abs); files.push(abs); } };
  // Files whose names are not UTF-8, in order among the others (`files` holds a placeholder until their shown names
  // are known: a shown name may be that of another file, 报告.md in GBK beside 报告.md in UTF-8).
  const byBytes: { at: number; path: Buffer }[] = [];
  const seenBytes = new Set<string>();
  const addBytes = (p: Buffer) => {
    if (isUtf8(p)) { add(p.toString('utf8')); return; }
    const key = p.toString('latin1');
    if (seenBytes.has(key)) return;
    seenBytes.add(key);
    byBytes.push({ at: files.length, path: p });
    files.push('');
  };
  const folders = new Map<string, Map<string, fs.Dirent<Buffer>[]>>();
  for (const input of inputs) {
    // Standard input is read from its descriptor (it may be a socket, which has no name to open).
    if (input === STDIN) { if (!seen.has(STDIN)) { seen.add(STDIN); files.push(STDIN); } continue; }
    const abs = path.resolve(cwd, input);
    let st: fs.Stats | null;
    let statError: NodeJS.ErrnoException | null = null;
    try { st = fs.statSync(abs); } catch (e) { st = null; statError = e as NodeJS.ErrnoException; }
    if (st?.isFile()) { add(abs); continue; }
    if (st?.isDirectory()) { walk(Buffer.from(abs), addBytes, problems, { ids: new Map(), reals: new Set() }); continue; }
    // Anything else that exists, named on the command line, goes to readInput: it reads a pipe or character device
    // (a process substitution <(…)) and says what anything else is, not that it is missing. (In a folder only
    // regular files are read.)
    if (st) { add(abs); continue; }
    if (/[*?[\]{}]/.test(input)) {
      // (expandDirectories off: a folder named d.md is no file to check, not a glob for everything in it.)
      const matches = globSync(input, { cwd, absolute: true, dot: false, followSymbolicLinks: false, expandDirectories: false, onlyFiles: true, ignore: ['**/node_modules/**', '**/.git/**'] });
      if (!matches.length) problems.push({ path: input, message: '没有匹配的文件 / no files match' });
      // The glob library reads names as UTF-8: one that is not comes out with U+FFFD and cannot be opened. Its bytes
      // are found again in its folder, by the entries that read as it does; the library has decided the match.
      for (const m of matches.sort()) {
        if (!m.includes('\uFFFD')) { add(m); continue; }
        const found = namesAsBytes(m, folders);
        if (!found.length) problems.push({ path: m, message: NOT_UTF8 });
        for (const p of found) addBytes(p);
      }
      problems.push(...unsearched(input, cwd));
      continue;
    }
    // Said as it is when it is not that the path is missing (a folder we may not enter, a name too long).
    const missing = !statError || statError.code === 'ENOENT' || statError.code === 'ENOTDIR';
    // (Node reads the command line as UTF-8: bytes that are not are lost before we see them.)
    problems.push({ path: input, message: !missing ? `无法读取 / cannot read: ${errorText(statError)}` : input.includes('\uFFFD') ? NOT_UTF8 : '文件或目录不存在 / no such file or directory' });
  }
  // Shown by their names decoded (GB18030), or, where that is another file's name too, with the bytes escaped.
  const raw = new Map<string, Buffer>();
  const decoded = byBytes.map((b) => shownName(b.path, false));
  const count = new Map<string, number>();
  for (const d of decoded) count.set(d, (count.get(d) ?? 0) + 1);
  byBytes.forEach((b, k) => {
    const shown = seen.has(decoded[k]!) || count.get(decoded[k]!)! > 1 ? shownName(b.path, true) : decoded[k]!;
    files[b.at] = shown;
    raw.set(shown, b.path);
  });
  return { files, problems, raw };
}

/**
 * The paths in bytes of regular files that read, as UTF-8 with U+FFFD for what is not, as `lossy` does (a glob's
 * match): each name with a U+FFFD is looked for among its folder's entries of the right kind. (Several may: 年.md
 * and 报.md in GBK both read as ��.md.) `folders` keeps each folder's entries by how they read, for the run.
 */
function namesAsBytes(lossy: string, folders: Map<string, Map<string, fs.Dirent<Buffer>[]>>): Buffer[] {
  let paths: Buffer[] = [Buffer.alloc(0)];
  // (The glob library writes '/' on every system; a backslash is part of a name except on Windows.)
  const names = lossy.split(process.platform === 'win32' ? /[\\/]/ : '/');
  names.forEach((name, k) => {
    const join = (p: Buffer, n: Buffer) => (k === 0 ? n : joinBytes(p, n));
    if (!name.includes('\uFFFD')) { paths = paths.map((p) => join(p, Buffer.from(name))); return; }
    const last = k === names.length - 1;
    paths = paths.flatMap((p) => {
      const folder = k === 1 && p.length === 0 ? SEPARATOR : p;
      const key = folder.toString('latin1');
      let byName = folders.get(key);
      if (!byName) {
        byName = new Map();
        let entries: fs.Dirent<Buffer>[] = [];
        try { entries = fs.readdirSync(folder, { withFileTypes: true, encoding: 'buffer' }); } catch { /* gone meanwhile */ }
        for (const e of entries) { const n = e.name.toString('utf8'); byName.set(n, [...(byName.get(n) ?? []), e]); }
        folders.set(key, byName);
      }
      // Only what the glob itself returns: regular files (not a FIFO, a folder or a link that read alike), folders on the way.
      return (byName.get(name) ?? []).filter((e) => (last ? e.isFile() : e.isDirectory())).map((e) => join(p, e.name));
    });
  });
  return paths;
}

const NOT_UTF8 = '文件名中有不是 UTF-8 的字节，无法按此路径读取；请检查其所在的文件夹 / the name has bytes that are not UTF-8, which cannot be read by this path: check its folder instead';
const FOLDER_NOT_UTF8 = '文件夹名中有不是 UTF-8 的字节，通配符不进入，其中的文件未检查；请直接指定该文件夹 / the folder\'s name has bytes that are not UTF-8: the glob does not enter it and its files were not checked; name the folder instead';

/**
 * The folders a glob could have found files in but did not search: those that cannot be read, and those whose names
 * are not UTF-8 (the glob library passes over both in silence). Its folders are walked as the library walks them (no
 * symbolic links, no dot folders, none it ignores), each entered only where the pattern's folder part can match.
 */
function unsearched(pattern: string, cwd: string): Discovery['problems'] {
  const problems: Discovery['problems'] = [];
  const { base, glob } = picomatch.scan(pattern);
  const parts = glob.split('/');
  // Whether a folder `depth` levels below the base, named `name`, can hold a match: a `**` up to its level takes any
  // folder; otherwise the part of the pattern at its level, when a part for files follows.
  const enters = (name: string, depth: number): boolean => {
    for (let k = 0; k <= depth && k < parts.length; k++) if (parts[k] === '**') return true;
    return depth < parts.length - 1 && picomatch.isMatch(name, parts[depth]!, { dot: false });
  };
  const visit = (dir: Buffer, depth: number) => {
    let entries: fs.Dirent<Buffer>[];
    try { entries = fs.readdirSync(dir, { withFileTypes: true, encoding: 'buffer' }); } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' && (e as NodeJS.ErrnoException).code !== 'ENOTDIR') problems.push({ path: shownName(dir), message: `无法读取目录，其中的文件未检查 / cannot read directory, its files were not checked: ${(e as Error).message}` });
      return;
    }
    for (const e of entries) {
      if (!e.isDirectory()) continue;
      const lossy = e.name.toString('utf8');
      // (As the glob is made: dot folders not entered, node_modules and .git ignored.)
      if (lossy.startsWith('.') || lossy === 'node_modules' || !enters(lossy, depth)) continue;
      const p = joinBytes(dir, e.name);
      if (isUtf8(e.name)) visit(p, depth + 1);
      else problems.push({ path: shownName(p), message: FOLDER_NOT_UTF8 });
    }
  };
  visit(Buffer.from(path.resolve(cwd, base || '.')), 0);
  return problems;
}

/**
 * A path in bytes as the output shows it: each name that is not UTF-8 read as GB18030 when it is that, else (or
 * `escaped`) with its bytes past ASCII written \xNN, which tells any two apart.
 */
export function shownName(p: Buffer, escaped = false): string {
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i <= p.length; i++) {
    if (i < p.length && !isSeparator(p[i])) continue;
    const name = p.subarray(start, i);
    if (isUtf8(name)) parts.push(name.toString('utf8'));
    else {
      const gb = escaped ? '' : iconv.decode(name, 'gb18030');
      parts.push(gb && iconv.encode(gb, 'gb18030').equals(name) ? gb : [...name].map((b) => (b < 0x80 ? String.fromCharCode(b) : `\\x${b.toString(16).toUpperCase()}`)).join(''));
    }
    if (i < p.length) parts.push(String.fromCharCode(p[i]!));
    start = i + 1;
  }
  return parts.join('');
}

/** The folders a walk has entered: by device and inode, and by real path where inodes collide. */
interface Visited { ids: Map<string, Buffer | null>; reals: Set<string> }

/** Reads a folder by its path in bytes: a name that is not UTF-8 would not survive being made a string. */
function walk(dir: Buffer, add: (f: Buffer) => void, problems: Discovery['problems'], visited: Visited): void {
  // A folder is known by its device and inode (exact as bigints): a symlink loop leads back to one seen. (Its real
  // path would do too, but costs a look-up per folder above it: a tree 2,000 folders deep took 38 s.)
  let id: string;
  try { const st = fs.statSync(dir, { bigint: true }); id = `${st.dev}:${st.ino}`; } catch (e) { problems.push({ path: shownName(dir), message: (e as Error).message }); return; }
  // Some drives give no inode, or one for several folders (Windows, virtual machines' shared folders): where two
  // folders share one, they are told apart by their real paths (from then on for every folder with that id).
  const first = visited.ids.get(id);
  if (first === undefined) visited.ids.set(id, dir);
  else {
    let real: string;
    try { real = realPath(dir).toString('latin1'); } catch { return; }
    if (first !== null) {
      try { visited.reals.add(realPath(first).toString('latin1')); } catch { /* gone: nothing to match */ }
      visited.ids.set(id, null);
    }
    if (visited.reals.has(real)) return; // a symlink loop, or a folder seen under another name
    visited.reals.add(real);
  }
  let entries: fs.Dirent<Buffer>[];
  try { entries = fs.readdirSync(dir, { withFileTypes: true, encoding: 'buffer' }); } catch (e) { problems.push({ path: shownName(dir), message: `无法读取目录 / cannot read directory: ${(e as Error).message}` }); return; }
  const named = entries.map((e) => ({ e, name: shownName(e.name) })).sort((a, b) => a.name.localeCompare(b.name));
  for (const { e, name } of named) {
    if (name.startsWith('.') && name !== '.') continue;
    const p = joinBytes(dir, e.name);
    let isDir = e.isDirectory(), isFile = e.isFile();
    if (e.isSymbolicLink()) {
      try { const st = fs.statSync(p); isDir = st.isDirectory(); isFile = st.isFile(); } catch { problems.push({ path: shownName(p), message: '无效的符号链接 / broken symbolic link' }); continue; }
    }
    if (isDir) { if (!SKIP_DIRS.has(name)) walk(p, add, problems, visited); }
    else if (isFile && REPORT_EXTENSIONS.some((x) => name.toLowerCase().endsWith(x))) add(p);
  }
}
