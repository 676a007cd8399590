/**
 * The reports beside an open document, for the checks across years (core crossYear.ts): a clerk keeps last year's
 * report in the folder of this year's. Each folder is read at most every RESCAN_MS; a file is analysed again only when
 * its size or time changed, and only its few facts are kept; a file open in the editor gives the facts of its own
 * latest analysis instead (it is not analysed twice). When what a folder holds changed, `onChange` hears of it (the
 * server then refreshes the diagnostics of its open documents).
 */
import * as path from 'node:path';
import type { YearFacts } from '../core/index';
import { decodeText, isBinary } from '../core/text/encoding';
import { HUGE_DOCUMENT_BYTES } from './constants';

export const RESCAN_MS = 5000;
/** Files of these kinds are reports' candidates; at most MAX_FILES of them are read in one folder. */
const REPORT_EXTENSIONS = ['md', 'markdown', 'txt', 'htm', 'html'];
export const REPORT_FILE = new RegExp(`\\.(${REPORT_EXTENSIONS.join('|')})$`, 'i');
/**
 * The same kinds as a glob for the editor's file watcher. Globs tell letter cases apart: each letter in any case
 * (`[mM][dD]`; LSP glob patterns have character ranges), so `年报.Md` is watched as `年报.md` is read.
 */
export const REPORT_FILES_GLOB = `**/*.{${REPORT_EXTENSIONS.map((e) => [...e].map((c) => `[${c}${c.toUpperCase()}]`).join('')).join(',')}}`;
const MAX_FILES = 200;

/**
 * The folder of a file path, as the folders are named here and by the server (settings.ts documentDir): with forward
 * slashes, so that a path from a URI and one from the file watcher name the same folder on Windows too.
 */
export function folderOf(file: string): string {
  const p = file.replace(/\\/g, '/');
  return p.slice(0, p.lastIndexOf('/')) || '/';
}

export interface NeighbourIo {
  readdir(dir: string): Promise<string[]>;
  stat(file: string): Promise<{ size: number; mtimeMs: number; isFile(): boolean }>;
  readFile(file: string): Promise<Uint8Array>;
}

interface Entry { stamp: string; facts: YearFacts | null }
interface Folder {
  scannedAt: number; files: Map<string, Entry>; scanning: Promise<void> | null; version: number;
  /** A file changed while the folder was being read: read it again when that is done. */
  again: boolean;
}

export class Neighbours {
  private readonly folders = new Map<string, Folder>();
  /**
   * The files open in the editor that editorChanged heard of, by folder: part of their folder's reports while open
   * even when not on disk (a report not saved yet), and even when analysed before their folder was first asked for.
   */
  private readonly editorFiles = new Map<string, Set<string>>();

  constructor(
    private readonly io: NeighbourIo,
    /** The facts of a file's text (an analysis on the worker, in the background). */
    private readonly factsOf: (file: string, text: string) => Promise<YearFacts | null>,
    /** The facts of a file open in the editor, from its own latest analysis (not analysed again here). */
    private readonly editorFacts: (file: string) => { version: number; facts: YearFacts | null } | undefined,
    /** What `dir` holds changed; when only an open document's facts did, `editorFile` is that document. */
    private readonly onChange: (dir: string, editorFile?: string) => void,
  ) {}

  /**
   * The reports known in `dir` now (without waiting), each with its path, and a stamp that changes whenever they do.
   * A scan starts when the last one is older than RESCAN_MS.
   */
  known(dir: string): { reports: { id: string; facts: YearFacts }[]; stamp: number } {
    let folder = this.folders.get(dir);
    if (!folder) { folder = { scannedAt: 0, files: new Map(), scanning: null, version: 0, again: false }; this.folders.set(dir, folder); }
    if (!folder.scanning && Date.now() - folder.scannedAt >= RESCAN_MS) this.startScan(dir, folder);
    const reports: { id: string; facts: YearFacts }[] = [];
    for (const [file, e] of folder.files) if (e.facts) reports.push({ id: file, facts: e.facts });
    return { reports, stamp: folder.version };
  }

  /**
   * A file changed on disk (the editor's file watcher): its folder, when known, is read again now rather than at the
   * first analysis after RESCAN_MS, so this year's report shows a change of last year's while the clerk is not typing.
   */
  fileChanged(file: string): void {
    const dir = folderOf(file);
    const folder = this.folders.get(dir);
    if (!folder || !REPORT_FILE.test(file)) return;
    if (folder.scanning) { folder.again = true; return; }
    this.startScan(dir, folder);
  }

  /**
   * A file open in the editor was analysed again: when its facts changed (last year's report edited beside this
   * year's), the folders that hold it know at once, without waiting for a scan.
   */
  editorChanged(file: string): void {
    if (!REPORT_FILE.test(file)) return;
    const dir = folderOf(file);
    let inEditor = this.editorFiles.get(dir);
    if (!inEditor) this.editorFiles.set(dir, (inEditor = new Set()));
    inEditor.add(file);
    const folder = this.folders.get(dir);
    const open = this.editorFacts(file);
    if (!folder || !open) return;
    const stamp = `editor:${open.version}`;
    const before = folder.files.get(file);
    if (before?.stamp === stamp) return;
    if (!before && folder.files.size >= MAX_FILES) return;
    folder.files.set(file, { stamp, facts: open.facts });
    if (!sameFacts(before?.facts ?? null, open.facts)) { folder.version++; this.onChange(dir, file); }
  }

  private startScan(dir: string, folder: Folder): void {
    folder.again = false;
    folder.scanning = this.scan(dir, folder).finally(() => {
      folder.scanning = null;
      if (folder.again && this.folders.get(dir) === folder) this.startScan(dir, folder);
    });
  }

  /** Waits for a running scan of `dir` ("check the workspace" answers only once its folder is read). */
  async settled(dir: string): Promise<void> {
    await this.folders.get(dir)?.scanning;
  }

  /** Forget folders no open document is in. */
  keepOnly(dirs: Set<string>): void {
    for (const d of [...this.folders.keys()]) if (!dirs.has(d)) this.folders.delete(d);
    for (const d of [...this.editorFiles.keys()]) if (!dirs.has(d)) this.editorFiles.delete(d);
  }

  private async scan(dir: string, folder: Folder): Promise<void> {
    folder.scannedAt = Date.now();
    let names: string[];
    try { names = (await this.io.readdir(dir)).filter((n) => REPORT_FILE.test(n)); } catch { names = []; }
    // With the reports open in the editor that are not on disk (yet); those closed since are forgotten.
    const inEditor = this.editorFiles.get(dir);
    for (const file of inEditor ?? []) {
      if (!this.editorFacts(file)) inEditor!.delete(file);
      else if (!names.includes(path.basename(file))) names.push(path.basename(file));
    }
    names = names.sort().slice(0, MAX_FILES);
    let changed = false;
    const seen = new Set<string>();
    for (const name of names) {
      const file = path.join(dir, name);
      seen.add(file);
      try {
        const open = this.editorFacts(file);
        let stamp: string;
        if (open) stamp = `editor:${open.version}`;
        else {
          const st = await this.io.stat(file);
          if (!st.isFile() || st.size > HUGE_DOCUMENT_BYTES) { if (folder.files.delete(file)) changed = true; continue; }
          stamp = `${st.size}:${st.mtimeMs}`;
        }
        if (folder.files.get(file)?.stamp === stamp) continue;
        let facts: YearFacts | null;
        if (open) facts = open.facts;
        else {
          const bytes = await this.io.readFile(file);
          facts = isBinary(bytes) ? null : await this.factsOf(file, decodeText(bytes));
        }
        const before = folder.files.get(file)?.facts ?? null;
        folder.files.set(file, { stamp, facts });
        if (!sameFacts(before, facts)) changed = true;
      } catch {
        if (folder.files.delete(file)) changed = true;
      }
    }
    // Gone from the folder, unless open in the editor (its first analysis may have come in while this reading ran).
    const stillOpen = (file: string) => !!this.editorFiles.get(dir)?.has(file) && !!this.editorFacts(file);
    for (const file of [...folder.files.keys()]) if (!seen.has(file) && !stillOpen(file)) { folder.files.delete(file); changed = true; }
    if (changed) { folder.version++; this.onChange(dir); }
  }
}

/** The facts are small plain data (a few cells of table 3): compared as JSON. */
const sameFacts = (a: YearFacts | null, b: YearFacts | null) => a === b || JSON.stringify(a) === JSON.stringify(b);
