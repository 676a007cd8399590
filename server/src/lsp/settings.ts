/**
 * Settings of section `xxgknb`, read per resource, merged over the project file `.xxgknb.json` found up the
 * folder tree from the document (editor settings win). Pure apart from the injected file reader.
 */
import { fileURLToPath } from 'node:url';
import { loadProjectConfig, mergeConfig, RULES, validateConfig, type CheckConfig, type Locale } from '../core/index';
import { folderOf } from './neighbours';

export interface Settings {
  enable: boolean;
  detectContent: boolean;
  inlayHints: boolean;
  /** era / organType / rules / deadlines, merged with the project file. */
  config: CheckConfig;
  /** The project file used, if any. */
  configFile: string | null;
  /** Problems with the settings or the project file, for the log. */
  problems: string[];
}

export const KNOWN_RULES = new Set(RULES.map((r) => r.code));

/** Turns the raw `xxgknb` section (anything a client sends, null included) and the project file into settings. */
export function resolveSettings(raw: unknown, uri: string, locale: Locale, readFile: (path: string) => string | null | { error: string }): Settings {
  const o = (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  const problems: string[] = [];
  const bool = (key: string, dflt: boolean): boolean => {
    const v = o[key];
    if (v === undefined || v === null) return dflt;
    if (typeof v === 'boolean') return v;
    problems.push(`xxgknb.${key} should be true or false, not ${JSON.stringify(v)}`);
    return dflt;
  };
  // The editor's part of the check configuration goes through the same validation as the project file.
  const editorRaw: Record<string, unknown> = {};
  for (const k of ['era', 'organType', 'rules', 'deadlines']) {
    const v = o[k];
    if (v === undefined || v === null) continue;
    if (k === 'deadlines' && typeof v === 'object') {
      // Empty strings mean "not set" in the settings UI.
      const d = Object.fromEntries(Object.entries(v as Record<string, unknown>).filter(([, x]) => x !== '' && x !== null));
      if (Object.keys(d).length) editorRaw[k] = d;
      continue;
    }
    editorRaw[k] = v;
  }
  const editor = validateConfig(editorRaw, KNOWN_RULES);
  problems.push(...editor.errors.map((e) => `settings: ${e}`));
  const dir = documentDir(uri);
  const project = dir ? loadProjectConfig(dir, readFile, KNOWN_RULES) : { config: {}, file: null, errors: [] };
  problems.push(...project.errors.map((e) => `${project.file ?? '.xxgknb.json'}: ${e}`));
  const config = mergeConfig(project.config, editor.config, { locale });
  return {
    enable: bool('enable', true),
    detectContent: bool('detectContent', true),
    inlayHints: bool('inlayHints', true),
    config,
    configFile: project.file,
    problems,
  };
}

/**
 * The path of a file: URI; null for other schemes (untitled, virtual files) and for file: URIs with no local path
 * (another host, `file://server/share/…`, an encoded slash, bytes that are no UTF-8): Node throws on those, and a
 * throw here once ended the server at a document's first analysis.
 */
export function filePathOf(uri: string): string | null {
  if (!uri.startsWith('file:')) return null;
  try {
    return fileURLToPath(uri);
  } catch {
    return null;
  }
}

/** The folder of a file: URI, with '/' separators; null when it has no local path (filePathOf). */
export function documentDir(uri: string): string | null {
  const file = filePathOf(uri);
  return file === null ? null : folderOf(file);
}

/** 'en' when the client's locale is English, Simplified Chinese otherwise. */
export function localeOf(clientLocale: unknown): Locale {
  return typeof clientLocale === 'string' && clientLocale.toLowerCase().startsWith('en') ? 'en' : 'zh';
}
