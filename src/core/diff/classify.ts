import { MESSAGES } from '../../messages/index.js';
import {
  confidenceLevel,
  type Candidate,
  type Correspondence,
  type Method,
  type Note,
} from './correspond.js';
import type { Kind } from './flatten.js';
import {
  formatShapePath,
  parseShapePath,
  prefixesOf,
  toAccessor,
  toJsonPath,
  type Seg,
} from './paths.js';
import type { RuleField } from './rules.js';
import {
  allNumericText,
  isLeaf,
  kindsOf,
  type Example,
  type PathStats,
  type Shape,
} from './shape.js';

export type FieldClass = 'moved' | 'type-changed' | 'removed' | 'unchanged' | 'ambiguous';
export type Severity = 'ERR' | 'WARN' | 'INFO';
export type FailOn = 'breaking' | 'moved' | 'any' | 'none';

export interface Presence {
  present: number;
  of: number;
}

/** What a receiver reading one 1.0 field must know. */
export interface FieldFinding {
  v1Path: string;
  class: FieldClass;
  severity: Severity;
  /** Removed, or a type change a receiver cannot absorb (see README "breaking"). */
  breaking: boolean;
  v2Path?: string;
  jsonPath?: string;
  accessor?: string;
  methods: Method[];
  confidence: number;
  confidenceLevel: 'high' | 'medium' | 'low';
  types: { v1: Kind[]; v2?: Kind[] };
  typeChange?: { from: Kind[]; to: Kind[]; compatible: boolean };
  presence: { v1: Presence; v2?: Presence };
  examples: { v1: Example[]; v2?: Example[] };
  candidates: Candidate[];
  notes: Note[];
  /** Set when --rules names this field: what the receiver expects. */
  rule?: { type?: string; required?: boolean };
}

/** A part of the 2.0 payload with no 1.0 counterpart (informational). */
export interface AddedFinding {
  v2Path: string;
  class: 'added';
  severity: 'INFO';
  /** Distinct scalar paths under it. */
  leaves: number;
  types: Kind[];
  presence: Presence;
  examples: Example[];
  /** For `[variable=*]` groups: how many items it stands for. */
  items?: number;
}

const DATE_SPACE = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?$/;
const DATE_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/;

function sameSet(a: readonly Kind[], b: readonly Kind[]): boolean {
  return a.length === b.length && a.every((k) => b.includes(k));
}

/** True when a change of kinds loses nothing for a receiver: number ↔ numeric text only. */
export function compatibleChange(s1: PathStats, from: Kind[], s2: PathStats, to: Kind[]): boolean {
  const numericish = (s: PathStats, ks: Kind[]): boolean =>
    ks.every((k) => k === 'number' || (k === 'string' && allNumericText(s)));
  return numericish(s1, from) && numericish(s2, to);
}

function hasDescendant(v2: Shape, prefix: string): boolean {
  return v2.paths.has(prefix);
}

/** Notes every moved field deserves: format, presence, choice labels. */
function fieldNotes(
  p2: string,
  s1: PathStats | undefined,
  v1: Shape,
  s2: PathStats,
  v2: Shape,
): Note[] {
  const notes: Note[] = [];
  if (s1 && s1.examples.length > 0 && s2.examples.length > 0) {
    const isText = (e: Example): e is string => typeof e === 'string';
    if (
      s1.examples.every((e) => isText(e) && DATE_SPACE.test(e)) &&
      s2.examples.every((e) => isText(e) && DATE_ISO.test(e))
    )
      notes.push({ code: 'date-format', text: MESSAGES.diff.note.dateFormat });
  }
  const r1 = s1 ? s1.present / Math.max(1, v1.records) : 1;
  const r2 = s2.present / Math.max(1, v2.records);
  if (r2 < r1)
    notes.push({
      code: 'less-present',
      text: MESSAGES.diff.note.lessPresent(s2.present, v2.records),
    });
  if (s2.kinds.null > 0 && (!s1 || s1.kinds.null === 0))
    notes.push({ code: 'null-in-v2', text: MESSAGES.diff.note.nullInV2(s2.kinds.null) });
  if (p2.endsWith('.responses[0].value')) {
    const base = p2.slice(0, -'.value'.length);
    if (hasDescendant(v2, `${base}.label`))
      notes.push({ code: 'choice-label', text: MESSAGES.diff.note.choiceLabel(`${base}.label`) });
  }
  return notes;
}

function multipleResponses(p2: string, v2: Shape): boolean {
  if (!p2.endsWith('.responses[0].value')) return false;
  const base = p2.slice(0, -'[0].value'.length);
  return v2.paths.has(`${base}[1]`) || v2.paths.has(`${base}[]`);
}

/** Classifies each correspondence for a receiver; with rules, grades the fields it reads. */
export function classifyFields(
  correspondences: readonly Correspondence[],
  v1: Shape,
  v2: Shape,
  rules: ReadonlyMap<string, RuleField> | undefined,
): FieldFinding[] {
  const out: FieldFinding[] = [];
  for (const c of correspondences) {
    const s1 = v1.paths.get(c.v1Path);
    const k1 = s1 ? kindsOf(s1) : [];
    const f: FieldFinding = {
      v1Path: c.v1Path,
      class: 'removed',
      severity: 'INFO',
      breaking: false,
      methods: c.methods,
      confidence: c.confidence,
      confidenceLevel: confidenceLevel(c.confidence),
      types: { v1: k1 },
      presence: { v1: { present: s1?.present ?? 0, of: v1.records } },
      examples: { v1: s1?.examples ?? [] },
      candidates: c.candidates,
      notes: [...c.notes],
    };
    if (!s1) f.notes.push({ code: 'not-in-v1', text: MESSAGES.diff.note.notInV1 });
    if (c.status === 'ambiguous') f.class = 'ambiguous';
    else if (c.status === 'none' || c.v2Path === undefined) {
      f.class = 'removed';
      f.breaking = true;
      if (f.notes.length === 0)
        f.notes.push({ code: 'no-counterpart', text: MESSAGES.diff.note.noCounterpart });
    } else {
      const p2 = c.v2Path;
      let segs: Seg[] | undefined;
      try {
        segs = parseShapePath(p2);
      } catch {
        segs = undefined;
      }
      f.v2Path = p2;
      if (segs) {
        f.jsonPath = toJsonPath(segs);
        f.accessor = toAccessor(segs);
      }
      const s2 = v2.paths.get(p2);
      if (s2 && s1 && isLeaf(s1) && !isLeaf(s2)) {
        // A scalar (or null) became an object or array: the receiver's read breaks.
        const k2 = kindsOf(s2);
        f.types.v2 = k2;
        f.presence.v2 = { present: s2.present, of: v2.records };
        f.class = 'type-changed';
        f.typeChange = { from: kindsOf(s1, true), to: k2, compatible: false };
        f.breaking = true;
      } else if (s2 && s1 && kindsOf(s1).length > 0 && kindsOf(s2).length === 0) {
        // Values in 1.0, only null in 2.0: nothing left to read.
        f.types.v2 = ['null'];
        f.presence.v2 = { present: s2.present, of: v2.records };
        f.examples.v2 = [];
        f.notes.push(...fieldNotes(p2, s1, v1, s2, v2));
        f.class = 'type-changed';
        f.typeChange = { from: kindsOf(s1), to: ['null'], compatible: false };
        f.breaking = true;
      } else if (s2) {
        const k2 = kindsOf(s2);
        f.types.v2 = k2;
        f.presence.v2 = { present: s2.present, of: v2.records };
        f.examples.v2 = s2.examples;
        f.notes.push(...fieldNotes(p2, s1, v1, s2, v2));
        if (s1 && k1.length > 0 && k2.length > 0 && !sameSet(k1, k2)) {
          const compatible = compatibleChange(s1, k1, s2, k2);
          f.class = 'type-changed';
          f.typeChange = { from: k1, to: k2, compatible };
          f.breaking = !compatible;
        } else if (multipleResponses(p2, v2) && !multipleResponses(c.v1Path, v1)) {
          // Several responses are news only when the old side had one (2.0 vs 2.0 had them too).
          f.class = 'type-changed';
          f.typeChange = { from: k1, to: ['array'], compatible: false };
          f.breaking = true;
          f.notes.push({ code: 'several-responses', text: MESSAGES.diff.note.severalResponses });
        } else f.class = p2 === c.v1Path ? 'unchanged' : 'moved';
      } else f.class = p2 === c.v1Path ? 'unchanged' : 'moved';
    }
    // A field that became optional or null is news for a receiver even where its path stayed.
    const weaker = f.notes.some((n) => n.code === 'less-present' || n.code === 'null-in-v2');
    if (c.notes.some((n) => n.code === 'map-target-unseen')) {
      f.severity = 'ERR';
      f.breaking = true;
    } else f.severity = f.breaking ? 'ERR' : f.class === 'unchanged' && !weaker ? 'INFO' : 'WARN';
    if (rules) gradeWithRule(f, rules.get(c.v1Path), v2);
    out.push(f);
  }
  return out;
}

/** Severity about the user's fields: ERR gone or incompatible, WARN needs a rewrite, INFO otherwise. */
function gradeWithRule(f: FieldFinding, rule: RuleField | undefined, v2: Shape): void {
  if (!rule) {
    f.severity = 'INFO';
    return;
  }
  const unseenTarget = f.notes.some((n) => n.code === 'map-target-unseen');
  f.rule = {
    ...(rule.type !== undefined ? { type: rule.type } : {}),
    ...(rule.required !== undefined ? { required: rule.required } : {}),
  };
  let severity: Severity = f.class === 'unchanged' ? 'INFO' : 'WARN';
  if (f.class === 'removed') severity = 'ERR';
  if (f.typeChange && !f.typeChange.compatible) severity = 'ERR';
  const to = f.types.v2;
  if (rule.type !== undefined && to && to.length > 0) {
    const fits = to.every((k) => k === rule.type);
    if (
      fits &&
      f.typeChange &&
      !f.typeChange.compatible &&
      f.class === 'type-changed' &&
      !f.notes.some((n) => n.code === 'several-responses')
    )
      severity = 'WARN';
    if (!fits) {
      severity = 'ERR';
      f.notes.push({ code: 'rule-type', text: MESSAGES.diff.note.ruleType(rule.type, to) });
    }
  }
  if (rule.required && f.presence.v2 && f.presence.v2.present < f.presence.v2.of) {
    severity = 'ERR';
    f.notes.push({
      code: 'rule-required',
      text: MESSAGES.diff.note.ruleRequired(
        f.presence.v2.of - f.presence.v2.present,
        f.presence.v2.of,
      ),
    });
  }
  if (rule.required && f.presence.v2 && v2.paths.get(f.v2Path ?? '')?.kinds.null) {
    severity = 'ERR';
    f.notes.push({ code: 'rule-required-null', text: MESSAGES.diff.note.ruleRequiredNull });
  }
  f.severity = unseenTarget ? 'ERR' : severity;
}

/**
 * The parts of the 2.0 payload no 1.0 field leads to, rolled up to their highest unclaimed
 * ancestor (`questionnaire`, `browser`), with items of a claimed array grouped as `[variable=*]`.
 */
export function findAdded(
  findings: readonly FieldFinding[],
  v2: Shape,
  v1?: Shape,
): AddedFinding[] {
  const covered = new Set<string>();
  const ancestors = new Set<string>();
  const claim = (p: string): void => {
    covered.add(p);
    try {
      for (const a of prefixesOf(parseShapePath(p))) ancestors.add(a);
    } catch {
      // an unparsable user-mapped path claims only itself
    }
  };
  // A path both sides carry is not new, even when it holds no value (an empty array).
  if (v1) for (const p of v1.paths.keys()) if (v2.paths.has(p)) claim(p);
  for (const f of findings) {
    if (f.v2Path) claim(f.v2Path);
    if (f.class === 'ambiguous') for (const c of f.candidates) claim(c.v2Path);
  }
  const groups = new Map<string, { roots: Set<string>; leaves: Set<string> }>();
  for (const [path, s] of v2.paths) {
    if (covered.has(path) || ancestors.has(path)) continue;
    // The 1.0 side had this path as a container too (an array item index, an object): only
    // its new descendants are news, found on their own.
    let segs: Seg[];
    try {
      segs = parseShapePath(path);
    } catch {
      continue;
    }
    // Roll up to the highest prefix nobody claims. A claimed path (shared by both sides, or a
    // finding's target) claims only itself: what is new beneath it is still added.
    let rootLen = segs.length;
    for (let k = 1; k <= segs.length; k++) {
      const pre = formatShapePath(segs.slice(0, k));
      if (!ancestors.has(pre) && !covered.has(pre)) {
        rootLen = k;
        break;
      }
    }
    const root = formatShapePath(segs.slice(0, rootLen));
    // Items of a claimed keyed array (form[variable=email]) share their unclaimed parts.
    const grouped = segs.slice(0, rootLen).map((seg, k): Seg => {
      if (seg.t !== 'var' || k === rootLen - 1) return seg;
      return ancestors.has(formatShapePath(segs.slice(0, k + 1)))
        ? { t: 'var', value: '*', wildcard: true }
        : seg;
    });
    const key = formatShapePath(grouped);
    const g = groups.get(key) ?? { roots: new Set<string>(), leaves: new Set<string>() };
    g.roots.add(root);
    if (isLeaf(s)) g.leaves.add(path);
    groups.set(key, g);
  }
  const out: AddedFinding[] = [];
  for (const [key, g] of groups) {
    const roots = [...g.roots];
    const stats = roots.map((r) => v2.paths.get(r)).filter((s): s is PathStats => s !== undefined);
    const kinds = new Set<Kind>();
    for (const s of stats) for (const k of kindsOf(s)) kinds.add(k);
    const first = stats[0];
    out.push({
      v2Path: key,
      class: 'added',
      severity: 'INFO',
      leaves: g.leaves.size,
      types: [...kinds],
      presence: { present: Math.max(0, ...stats.map((s) => s.present)), of: v2.records },
      examples: first && isLeaf(first) ? first.examples : [],
      ...(key.includes('[variable=*]') ? { items: roots.length } : {}),
    });
  }
  return out.sort((a, b) => (a.v2Path < b.v2Path ? -1 : a.v2Path > b.v2Path ? 1 : 0));
}

/** True when the findings meet the --fail-on level (README "Exit codes of diff-payload"). */
export function failOnMet(
  level: FailOn,
  fields: readonly FieldFinding[],
  added: readonly AddedFinding[],
  withRules: boolean,
  rulesNotSeen: number,
): boolean {
  if (level === 'none') return false;
  if (level === 'breaking')
    return withRules ? fields.some((f) => f.severity === 'ERR') : fields.some((f) => f.breaking);
  if (level === 'moved')
    return withRules
      ? rulesNotSeen > 0 || fields.some((f) => f.severity === 'ERR' || f.severity === 'WARN')
      : fields.some((f) => f.class !== 'unchanged' || f.severity !== 'INFO');
  return (
    rulesNotSeen > 0 ||
    added.length > 0 ||
    fields.some((f) => f.class !== 'unchanged' || f.severity !== 'INFO')
  );
}
