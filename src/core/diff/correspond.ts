import { MESSAGES } from '../../messages/index.js';
import { KNOWN_CORRESPONDENCES, VARIABLE_ANSWER_LEAVES } from './known.js';
import type { ValueEvidence } from './pairing.js';
import { parseShapePath, varStep } from './paths.js';
import { isLeaf, type Shape } from './shape.js';

/** How a correspondence was found. `path`: the same path exists on both sides. */
export type Method = 'map' | 'variable' | 'known' | 'path' | 'value';

/** A note on a finding: a stable code for machines and a sentence for people. */
export interface Note {
  code: string;
  text: string;
}

export interface Candidate {
  v2Path: string;
  methods: Method[];
  /** Paired captures where the values agreed, out of those compared (value evidence). */
  agree: number;
  compared: number;
}

export interface Correspondence {
  v1Path: string;
  /** matched: one 2.0 path; ambiguous: several equally likely (listed, not guessed); none: no counterpart. */
  status: 'matched' | 'ambiguous' | 'none';
  v2Path?: string;
  methods: Method[];
  /** 0..1; see confidenceLevel. */
  confidence: number;
  /** For ambiguous: the tied candidates; for matched: other paths holding the same values. */
  candidates: Candidate[];
  notes: Note[];
}

/** A value-only match needs at least this share of the paired captures to agree. */
export const VALUE_MIN_RATE = 0.8;
/** Above this share (but under VALUE_MIN_RATE) a value match is a medium-confidence candidate. */
export const VALUE_PARTIAL_RATE = 0.5;
/** Candidates whose agreement is within this margin of the best one are a tie. */
export const VALUE_TIE_MARGIN = 0.05;
/** Agreement from fewer paired captures than this is weaker (coincidences happen). */
export const VALUE_STRONG_PAIRS = 5;

const METHOD_ORDER: readonly Method[] = ['map', 'variable', 'known', 'path', 'value'];

/** high ≥ 0.9, medium ≥ 0.6, low below. */
export function confidenceLevel(c: number): 'high' | 'medium' | 'low' {
  return c >= 0.9 ? 'high' : c >= 0.6 ? 'medium' : 'low';
}

function sortMethods(ms: Iterable<Method>): Method[] {
  const set = new Set(ms);
  return METHOD_ORDER.filter((m) => set.has(m));
}

/** `[variable=<v>]` item paths of the 2.0 shape, by variable. */
function variableIndex(v2: Shape): Map<string, string[]> {
  const index = new Map<string, string[]>();
  for (const path of v2.paths.keys()) {
    if (!path.endsWith(']') || !path.includes('[variable=')) continue;
    let segs;
    try {
      segs = parseShapePath(path);
    } catch {
      continue;
    }
    const last = segs[segs.length - 1];
    if (last?.t !== 'var' || last.wildcard) continue;
    const list = index.get(last.value) ?? [];
    list.push(path);
    index.set(last.value, list);
  }
  return index;
}

export interface CorrespondInput {
  v1: Shape;
  v2: Shape;
  /** 1.0 paths to map: the leaves of the 1.0 shape, plus fields named by --rules not seen. */
  v1Paths: readonly string[];
  evidence: ReadonlyMap<string, ValueEvidence>;
  /** The user's mapping: 1.0 path → 2.0 path, or null for "has no counterpart". */
  map: ReadonlyMap<string, string | null>;
}

/**
 * Finds the 2.0 counterpart of every 1.0 path from the user's map, then `variable`, `known` and
 * same-path evidence, then agreeing values in paired captures; ties are reported as ambiguous.
 */
export function discoverCorrespondences(input: CorrespondInput): Correspondence[] {
  const { v2, evidence, map } = input;
  const varIndex = variableIndex(v2);
  const leafInV2 = (p: string): boolean => {
    const s = v2.paths.get(p);
    return s !== undefined && isLeaf(s);
  };
  const out: Correspondence[] = [];
  for (const p1 of input.v1Paths) {
    const ev = evidence.get(p1);
    const rateOf = (p2: string): number =>
      ev && ev.compared > 0 ? (ev.agree.get(p2) ?? 0) / ev.compared : 0;
    const candidateOf = (p2: string, methods: Iterable<Method>): Candidate => ({
      v2Path: p2,
      methods: sortMethods(methods),
      agree: ev?.agree.get(p2) ?? 0,
      compared: ev?.compared ?? 0,
    });

    if (map.has(p1)) {
      const target = map.get(p1) ?? null;
      const notes: Note[] = [];
      if (target === null) {
        notes.push({ code: 'map-none', text: MESSAGES.diff.note.mapNone });
        out.push({
          v1Path: p1,
          status: 'none',
          methods: ['map'],
          confidence: 1,
          candidates: [],
          notes,
        });
        continue;
      }
      const unseen = !v2.paths.has(target);
      if (unseen)
        notes.push({ code: 'map-target-unseen', text: MESSAGES.diff.note.mapTargetUnseen });
      const methods: Method[] = ['map'];
      if (rateOf(target) >= VALUE_MIN_RATE) methods.push('value');
      out.push({
        v1Path: p1,
        status: 'matched',
        v2Path: target,
        methods,
        // A target no 2.0 capture holds is the user's word against the data: not high.
        confidence: unseen ? 0.5 : 1,
        candidates: [],
        notes,
      });
      continue;
    }

    // Named evidence: the path itself, the documented table, the item variable.
    const named = new Map<string, Set<Method>>();
    const addNamed = (p2: string, m: Method): void => {
      const set = named.get(p2) ?? new Set<Method>();
      set.add(m);
      named.set(p2, set);
    };
    // The same path, even when 2.0 made it an object or array (classified type-changed).
    if (v2.paths.has(p1)) addNamed(p1, 'path');
    for (const k of KNOWN_CORRESPONDENCES)
      if (k.v1 === p1 && leafInV2(k.v2)) addNamed(k.v2, 'known');
    let key: string | undefined;
    try {
      const segs = parseShapePath(p1);
      const only = segs.length === 1 ? segs[0] : undefined;
      if (only?.t === 'key') key = only.key;
    } catch {
      key = undefined;
    }
    if (key !== undefined) {
      for (const item of varIndex.get(key) ?? []) {
        if (!item.endsWith(varStep(key))) continue;
        const leaf = VARIABLE_ANSWER_LEAVES.map((l) => item + l).find(leafInV2);
        if (leaf) addNamed(leaf, 'variable');
      }
    }

    // Value evidence, best first.
    const byValue = ev
      ? [...ev.agree.keys()]
          .filter(leafInV2)
          .map((p2) => ({ p2, rate: rateOf(p2) }))
          .filter((c) => c.rate >= VALUE_MIN_RATE)
          .sort((a, b) => b.rate - a.rate || (a.p2 < b.p2 ? -1 : 1))
      : [];
    // Most but not all pairs agree: a medium-confidence candidate rather than "removed".
    const partial = ev
      ? [...ev.agree.keys()]
          .filter(leafInV2)
          .map((p2) => ({ p2, rate: rateOf(p2) }))
          .filter((c) => c.rate > VALUE_PARTIAL_RATE && c.rate < VALUE_MIN_RATE)
          .sort((a, b) => b.rate - a.rate || (a.p2 < b.p2 ? -1 : 1))
      : [];
    const compared = ev?.compared ?? 0;
    const strength = compared >= VALUE_STRONG_PAIRS ? 1 : compared >= 3 ? 0.85 : 0.6;

    let chosen: string | undefined;
    let tied: string[] = [];
    const namedList = [...named.keys()];
    if (namedList.length === 1) chosen = namedList[0];
    else if (namedList.length > 1) {
      const rated = namedList
        .map((p2) => ({ p2, rate: rateOf(p2) }))
        .sort((a, b) => b.rate - a.rate);
      const top = rated[0]!;
      const second = rated[1]!;
      if (top.rate >= VALUE_MIN_RATE && top.rate - second.rate > VALUE_TIE_MARGIN) chosen = top.p2;
      else tied = rated.filter((r) => top.rate - r.rate <= VALUE_TIE_MARGIN).map((r) => r.p2);
    } else if (byValue.length > 0 || partial.length > 0) {
      const list = byValue.length > 0 ? byValue : partial;
      const top = list[0]!.rate;
      const ties = list.filter((c) => top - c.rate <= VALUE_TIE_MARGIN);
      if (ties.length === 1) chosen = ties[0]!.p2;
      else tied = ties.map((c) => c.p2);
    }

    if (chosen === undefined && tied.length === 0) {
      out.push({
        v1Path: p1,
        status: 'none',
        methods: [],
        confidence: compared > 0 ? strength : 0.6,
        candidates: [],
        notes: [],
      });
      continue;
    }
    if (chosen === undefined) {
      const candidates = tied.map((p2) => {
        const ms = new Set<Method>(named.get(p2) ?? []);
        if (rateOf(p2) > VALUE_PARTIAL_RATE) ms.add('value');
        return candidateOf(p2, ms);
      });
      out.push({
        v1Path: p1,
        status: 'ambiguous',
        methods: sortMethods(candidates.flatMap((c) => c.methods)),
        confidence: 0,
        candidates,
        notes: [{ code: 'ambiguous', text: MESSAGES.diff.note.ambiguous(tied.length) }],
      });
      continue;
    }

    const methods = new Set<Method>(named.get(chosen) ?? []);
    const rate = rateOf(chosen);
    const notes: Note[] = [];
    let confidence: number;
    if (named.has(chosen)) {
      if (compared === 0) confidence = 0.9;
      else if (rate >= VALUE_MIN_RATE) {
        methods.add('value');
        confidence = 1;
      } else if (rate >= 0.5) confidence = 0.75;
      else {
        confidence = 0.5;
        notes.push({
          code: 'values-disagree',
          text: MESSAGES.diff.note.valuesDisagree(ev?.agree.get(chosen) ?? 0, compared),
        });
      }
    } else if (rate >= VALUE_MIN_RATE) {
      methods.add('value');
      confidence = Math.round(rate * strength * 100) / 100;
    } else {
      methods.add('value');
      confidence = 0.6;
      notes.push({
        code: 'values-partly-agree',
        text: MESSAGES.diff.note.valuesPartlyAgree(ev?.agree.get(chosen) ?? 0, compared),
      });
    }
    const alternatives = byValue
      .filter(
        (c) =>
          c.p2 !== chosen && Math.abs(c.rate - rate) <= VALUE_TIE_MARGIN && rate >= VALUE_MIN_RATE,
      )
      .slice(0, 3);
    if (alternatives.length > 0)
      notes.push({
        code: 'same-value-elsewhere',
        text: MESSAGES.diff.note.sameValueElsewhere(alternatives.map((a) => a.p2)),
      });
    out.push({
      v1Path: p1,
      status: 'matched',
      v2Path: chosen,
      methods: sortMethods(methods),
      confidence,
      candidates: alternatives.map((a) => candidateOf(a.p2, ['value'])),
      notes,
    });
  }
  return out;
}
