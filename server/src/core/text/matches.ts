/**
 * Every match of a regular expression in one text, computed once per text and carried across an edit.
 *
 * The checks scan the whole normalised text with a few dozen regular expressions; on a megabyte that is most of
 * an analysis. After an edit only the matches near it can change: a match attempt at position r reads the text
 * in [r − behind, r + ahead) (the regex's reach, computed from its syntax tree), so matches found well before the
 * edit are kept, the scan restarts just before it, and it stops as soon as a match after the edit coincides with
 * a (shifted) old one: from there on the scan runs exactly as before. The result is always what a full scan
 * gives (a property test compares them); only the work differs. A regex without a finite reach is rescanned.
 */
import { RegExpParser, type AST } from '@eslint-community/regexpp';
import { ownCopy } from './normalize';

/** A match as `RegExp.exec` gives it, without the `input` (it would keep old texts alive). */
export type Match = RegExpExecArray;

/** An edit in text offsets: [start, oldEnd) of the old text became [start, newEnd) of the new one. */
export interface TextChange { start: number; oldEnd: number; newEnd: number }

interface Reach { behind: number; ahead: number }
const reachCache = new Map<string, Reach | null>();
const parser = new RegExpParser({ ecmaVersion: 2024 });

/** How far an attempt at one position can read before and after it, or null when unbounded (backreferences, `*`). */
export function reachOf(source: string, flags: string): Reach | null {
  const key = `${flags}/${source}`;
  if (reachCache.has(key)) return reachCache.get(key)!;
  let reach: Reach | null = null;
  // A sticky regex is not a left-to-right scan; class string alternatives (v flag) have lengths not counted here.
  if (flags.includes('y') || flags.includes('v')) { reachCache.set(key, null); return null; }
  try {
    const unicode = flags.includes('u') || flags.includes('v');
    const pattern = parser.parsePattern(source, 0, source.length, { unicode: flags.includes('u'), unicodeSets: flags.includes('v') });
    let around = 0;
    const len = (node: AST.Node): number => {
      switch (node.type) {
        case 'Pattern': case 'Group': case 'CapturingGroup':
          return Math.max(0, ...node.alternatives.map(len));
        case 'Alternative':
          return node.elements.reduce((s, e) => s + len(e), 0);
        case 'Quantifier': {
          const one = len(node.element);
          return one === 0 ? 0 : node.max === Infinity ? Infinity : node.max * one;
        }
        case 'Assertion':
          // Lookarounds read text without consuming it; ^ $ \b read one character next to the position.
          if (node.kind === 'lookahead' || node.kind === 'lookbehind') around += Math.max(0, ...node.alternatives.map(len));
          else around += 1;
          return 0;
        case 'Character':
          return node.value > 0xffff ? 2 : 1;
        case 'CharacterSet': case 'CharacterClass': case 'ExpressionCharacterClass':
          return unicode ? 2 : 1;
        default:
          return Infinity; // backreferences and anything unforeseen: no bound
      }
    };
    const consumed = len(pattern);
    if (Number.isFinite(consumed) && Number.isFinite(around)) reach = { behind: around + 1, ahead: consumed + around + 1 };
  } catch {
    reach = null;
  }
  reachCache.set(key, reach);
  return reach;
}

/**
 * A pattern's cache key: its flags and source, or its source alone when it has no flags (most: no string is joined,
 * and a regex's source string keeps its hash). A source never holds an unescaped `/`, so the two forms never meet.
 */
function keyOf(re: RegExp): string {
  const flags = re.flags;
  return flags === '' ? re.source : `${flags}/${re.source}`;
}

export class Matches {
  private readonly cache = new Map<string, Match[]>();
  private readonly compiled = new Map<string, RegExp>();

  /**
   * `previous`: the matches of the text before `change` (its lists are reused, not modified). Its cached regexes
   * are carried over at once, so no chain of old versions is kept alive.
   */
  constructor(readonly text: string, previous?: { matches: Matches; change: TextChange }) {
    if (!previous) return;
    for (const [key, old] of previous.matches.cache) {
      const re = previous.matches.compiled.get(key)!;
      this.compiled.set(key, re);
      this.cache.set(key, this.rescan(re, old, previous.change));
    }
  }

  /**
   * Every match of `re` (its flags, plus g), left to right, as a global exec loop finds them. `re` must be a fixed
   * pattern (a literal or module constant): each pattern's matches are kept and carried to every later version.
   */
  all(re: RegExp): Match[] {
    const key = keyOf(re);
    let hit = this.cache.get(key);
    if (!hit) {
      const g = this.compiled.get(key) ?? new RegExp(re.source, re.flags.includes('g') ? re.flags : re.flags + 'g');
      this.compiled.set(key, g);
      hit = this.scan(g, 0, null);
      this.cache.set(key, hit);
    }
    return hit;
  }

  /** The regexes whose matches are cached (and will be carried to the next version). */
  cached(): RegExp[] { return [...this.compiled].filter(([key]) => this.cache.has(key)).map(([, re]) => re); }

  /** The first match, or null. */
  first(re: RegExp): Match | null {
    return this.all(re)[0] ?? null;
  }

  /**
   * Scans from `from`; with `resync`, stops at the first match at or after `resync.after` that an old match
   * (shifted by `delta`) also found, and appends the rest of the old ones, shifted.
   */
  private scan(g: RegExp, from: number, resync: { after: number; old: Match[]; oldFrom: number; delta: number } | null): Match[] {
    const out: Match[] = [];
    const text = this.text;
    g.lastIndex = from;
    let k = resync?.oldFrom ?? 0;
    let m: RegExpExecArray | null;
    while ((m = g.exec(text))) {
      if (resync && m.index >= resync.after) {
        const old = resync.old;
        while (k < old.length && old[k]!.index + resync.delta < m.index) k++;
        if (k < old.length && old[k]!.index + resync.delta === m.index) {
          for (; k < old.length; k++) out.push(shifted(old[k]!, resync.delta));
          return out;
        }
      }
      out.push(detached(m));
      if (m[0].length === 0) g.lastIndex++;
    }
    return out;
  }

  private rescan(g: RegExp, old: Match[], change: TextChange): Match[] {
    const reach = reachOf(g.source, g.flags);
    if (!reach) return this.scan(g, 0, null);
    // Old matches whose every attempt read only text before the change are still found, in the same way.
    let keep = 0;
    while (keep < old.length && old[keep]!.index + reach.ahead <= change.start) keep++;
    // Resume where the global exec loop went on after the last kept match (one further after an empty one).
    const last = keep ? old[keep - 1]! : null;
    // Between the last kept match and change.start − ahead the old scan failed everywhere, and so does the new one.
    const from = Math.max(last ? last.index + last[0].length + (last[0].length === 0 ? 1 : 0) : 0, change.start - reach.ahead);
    const delta = change.newEnd - change.oldEnd;
    // Past `after`, an attempt reads only unchanged text. Scan up to there in a prefix of the text (attempts
    // before `after` read less than `reach.ahead` beyond it, so the prefix answers them as the whole text would).
    const after = change.newEnd + reach.behind;
    const head: Match[] = [];
    const prefix = this.text.slice(0, Math.min(this.text.length, after + reach.ahead));
    g.lastIndex = from;
    let next = from;
    let m: RegExpExecArray | null;
    while ((m = g.exec(prefix)) && m.index < after) {
      head.push(detached(m));
      if (m[0].length === 0) g.lastIndex++;
      next = g.lastIndex;
    }
    const kept = keep ? old.slice(0, keep) : [];
    // If the new scan searches on from `after` and the old one was searching at the same place (not inside a
    // match), both attempt the same positions of the same text from there on: the old matches follow, shifted.
    if (next <= after) {
      const oldAfter = after - delta;
      let j = keep;
      while (j < old.length && old[j]!.index < oldAfter) j++;
      const before = j > 0 ? old[j - 1]! : null;
      const searching = !before || before.index + before[0].length <= oldAfter;
      if (searching) return kept.concat(head, old.slice(j).map((x) => shifted(x, delta)));
    }
    const tail = this.scan(g, next, { after, old, oldFrom: keep, delta });
    return kept.concat(head, tail);
  }
}

/** A copy of a match without its input text, its strings in memory of their own (they are carried to later versions). */
function detached(m: RegExpExecArray): Match {
  const copy = Array.from(m, (g) => (g === undefined ? g : ownCopy(g))) as unknown as Match;
  copy.index = m.index;
  copy.input = '';
  if (m.groups) copy.groups = m.groups;
  return copy;
}

function shifted(m: Match, delta: number): Match {
  if (delta === 0) return m;
  const copy = Array.from(m) as unknown as Match;
  copy.index = m.index + delta;
  copy.input = '';
  if (m.groups) copy.groups = m.groups;
  return copy;
}
