import {
  classifyFields,
  failOnMet,
  findAdded,
  type AddedFinding,
  type FailOn,
  type FieldClass,
  type FieldFinding,
  type Severity,
} from './classify.js';
import { discoverCorrespondences } from './correspond.js';
import { FlattenScratch, PAYLOAD_RECORD_LIMITS, walkRecord, type RecordLimits } from './flatten.js';
import { V1_ID_KEYS, V2_ID_PATH } from './known.js';
import { maskRecord } from './mask.js';
import { PairCollector, type PairingStats } from './pairing.js';
import { keyStep, parseShapePath } from './paths.js';
import type { RuleField } from './rules.js';
import { isLeaf, ShapeAccumulator, type Shape } from './shape.js';

/** Version of the `--format json` document; bumped on any incompatible change. */
export const DIFF_REPORT_SCHEMA_VERSION = 1;

/** What was read from one side. */
export interface InputSummary {
  source: string;
  payloads: number;
  invalid: number;
  /** The first few invalid records (with --skip-invalid). */
  invalidExamples: Array<{ where: string; reason: string }>;
  /** Occurrences of paths beyond the per-side path cap (hostile or very irregular data). */
  droppedPaths: number;
}

/** What the two sides look like: 1.0 → 2.0 (the usual), 2.0 → 2.0, or swapped. */
export type Comparison = 'v1-v2' | 'v2-v2' | 'swapped';

export interface DiffReport {
  schemaVersion: typeof DIFF_REPORT_SCHEMA_VERSION;
  /** Detected from the payloads' shape (see looksLikeV2). */
  comparison: Comparison;
  inputs: { v1: InputSummary; v2: InputSummary };
  pairing: PairingStats & { mode: 'paired' | 'shapes-only' };
  summary: {
    fields: number;
    moved: number;
    typeChanged: number;
    removed: number;
    ambiguous: number;
    unchanged: number;
    added: number;
    breaking: number;
    severity: Record<Severity, number>;
  };
  fields: FieldFinding[];
  added: AddedFinding[];
  rules?: { fields: number; notSeen: string[] };
  /** --map entries naming a 1.0 field seen in no 1.0 capture. */
  mapNotSeen: string[];
  failOn: FailOn;
  failed: boolean;
}

/** A before/after pair for report snippets, personal data masked. */
export interface DiffSample {
  paired: boolean;
  v1?: unknown;
  v2?: unknown;
  /** Top-level 2.0 keys left out of the snippet (no 1.0 field leads there). */
  v2Omitted: string[];
}

export interface FinishOptions {
  map?: ReadonlyMap<string, string | null>;
  rules?: readonly RuleField[];
  failOn: FailOn;
  inputs: {
    v1: Omit<InputSummary, 'payloads' | 'droppedPaths'>;
    v2: Omit<InputSummary, 'payloads' | 'droppedPaths'>;
  };
}

const CLASS_ORDER: Record<FieldClass, number> = {
  removed: 0,
  'type-changed': 1,
  ambiguous: 2,
  moved: 3,
  unchanged: 4,
};
const SEVERITY_ORDER: Record<Severity, number> = { ERR: 0, WARN: 1, INFO: 2 };

/** A 1.0 field named by the user (rules, map): its raw key when seen as one, else the path as written. */
export function resolveV1Field(field: string, v1: Shape): string {
  const asKey = keyStep('', field);
  if (v1.paths.has(asKey)) return asKey;
  if (v1.paths.has(field)) return field;
  try {
    parseShapePath(field);
    return /[.[]/.test(field) ? field : asKey;
  } catch {
    return asKey;
  }
}

/**
 * True when a payload has the 2.0 participation's structure [doc]: a `campaign` object and a
 * `form` array. A flat 1.0 payload has neither (its values are text).
 */
export function looksLikeV2(value: unknown): boolean {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const v = value as Record<string, unknown>;
  const campaign = v.campaign;
  return (
    campaign !== null &&
    typeof campaign === 'object' &&
    !Array.isArray(campaign) &&
    Array.isArray(v.form)
  );
}

/**
 * One diff run: payloads of each side are added one at a time (1.0 first, so 2.0 twins can be
 * paired as they stream by), then finish() builds the report. Pure; memory is bounded by the
 * number of distinct paths and the pairing bound, not by the input size.
 */
export class DiffSession {
  private readonly v1 = new ShapeAccumulator();
  private readonly v2 = new ShapeAccumulator();
  private readonly pairs: PairCollector;
  /** One walk's memory, reused record after record. */
  private readonly scratch = new FlattenScratch();
  /** Payloads of each side that look like 2.0 (looksLikeV2). */
  private readonly v2Like = { v1: 0, v2: 0 };

  constructor(
    idPaths: { v1?: readonly string[]; v2?: string } = {},
    private readonly limits: RecordLimits = PAYLOAD_RECORD_LIMITS,
  ) {
    this.pairs = new PairCollector(idPaths.v1 ?? V1_ID_KEYS, idPaths.v2 ?? V2_ID_PATH);
  }

  /** Adds a 1.0 payload; returns why it is invalid, or undefined when it was taken. */
  addV1(value: unknown): string | undefined {
    const w = this.scratch;
    // Walked into the scratch first and committed only when whole: a refused record (too deep,
    // too many values) leaves no trace in the shape or the pairing.
    const refused = walkRecord(value, this.limits, this.v1.trie, w);
    if (refused !== undefined) return refused;
    this.v1.add(w);
    if (looksLikeV2(value)) {
      this.v2Like.v1++;
      this.pairs.addV1(w, value, [V2_ID_PATH]);
    } else this.pairs.addV1(w, value);
    return undefined;
  }

  /** Adds a 2.0 payload; returns why it is invalid, or undefined when it was taken. */
  addV2(value: unknown): string | undefined {
    const w = this.scratch;
    const refused = walkRecord(value, this.limits, this.v2.trie, w);
    if (refused !== undefined) return refused;
    this.v2.add(w);
    if (looksLikeV2(value)) this.v2Like.v2++;
    this.pairs.addV2(w, value);
    return undefined;
  }

  /** Payloads taken so far per side. */
  counts(): { v1: number; v2: number } {
    return { v1: this.v1.shape().records, v2: this.v2.shape().records };
  }

  /** What the sides look like so far: most payloads of a side decide. */
  comparison(): Comparison {
    const { v1, v2 } = this.counts();
    const v1IsV2 = v1 > 0 && this.v2Like.v1 * 2 > v1;
    const v2IsV2 = v2 === 0 || this.v2Like.v2 * 2 > v2;
    if (v1IsV2 && v2IsV2) return 'v2-v2';
    if (v1IsV2 && !v2IsV2) return 'swapped';
    return 'v1-v2';
  }

  /** Correspondence, classification and grading of everything added. */
  finish(opts: FinishOptions): { report: DiffReport; sample: DiffSample } {
    const v1 = this.v1.shape();
    const v2 = this.v2.shape();
    const { evidence, stats } = this.pairs.result();
    const map = new Map<string, string | null>();
    const mapNotSeen: string[] = [];
    for (const [k, target] of opts.map ?? []) {
      const p = resolveV1Field(k, v1);
      map.set(p, target);
      if (!v1.paths.has(p)) mapNotSeen.push(k);
    }
    const rules = opts.rules
      ? new Map(opts.rules.map((r) => [resolveV1Field(r.field, v1), r]))
      : undefined;

    const v1Paths: string[] = [];
    for (const [p, s] of v1.paths) if (isLeaf(s)) v1Paths.push(p);
    const unseenRuleFields = rules ? [...rules.keys()].filter((p) => !v1.paths.has(p)) : [];
    v1Paths.push(...unseenRuleFields);

    const correspondences = discoverCorrespondences({ v1, v2, v1Paths, evidence, map });
    let fields = classifyFields(correspondences, v1, v2, rules);
    const notSeen: string[] = [];
    if (rules) {
      // A read field seen in no 1.0 capture and with no 2.0 counterpart cannot be judged: list it.
      fields = fields.filter((f) => {
        if (v1.paths.has(f.v1Path) || f.class !== 'removed') return true;
        notSeen.push(rules.get(f.v1Path)?.field ?? f.v1Path);
        return false;
      });
    }
    const order = new Map(v1Paths.map((p, i) => [p, i]));
    fields.sort(
      (a, b) =>
        SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
        CLASS_ORDER[a.class] - CLASS_ORDER[b.class] ||
        (order.get(a.v1Path) ?? 0) - (order.get(b.v1Path) ?? 0),
    );
    const added = findAdded(fields, v2, v1);
    const count = (c: FieldClass): number => fields.filter((f) => f.class === c).length;
    const severity: Record<Severity, number> = { ERR: 0, WARN: 0, INFO: 0 };
    for (const f of fields) severity[f.severity]++;
    severity.INFO += added.length;
    severity.WARN += notSeen.length;
    const failed = failOnMet(opts.failOn, fields, added, rules !== undefined, notSeen.length);
    const report: DiffReport = {
      schemaVersion: DIFF_REPORT_SCHEMA_VERSION,
      comparison: this.comparison(),
      inputs: {
        v1: { ...opts.inputs.v1, payloads: v1.records, droppedPaths: v1.droppedPaths },
        v2: { ...opts.inputs.v2, payloads: v2.records, droppedPaths: v2.droppedPaths },
      },
      pairing: { ...stats, mode: stats.pairs > 0 ? 'paired' : 'shapes-only' },
      summary: {
        fields: fields.length,
        moved: count('moved'),
        typeChanged: count('type-changed'),
        removed: count('removed'),
        ambiguous: count('ambiguous'),
        unchanged: count('unchanged'),
        added: added.length,
        // With --rules the gate (--fail-on breaking) counts ERR rows: the summary counts the same.
        breaking: fields.filter((f) => (rules ? f.severity === 'ERR' : f.breaking)).length,
        severity,
      },
      fields,
      added,
      ...(rules ? { rules: { fields: rules.size, notSeen } } : {}),
      mapNotSeen,
      failOn: opts.failOn,
      failed,
    };
    return { report, sample: this.sample(fields) };
  }

  private sample(fields: readonly FieldFinding[]): DiffSample {
    const s = this.pairs.sample;
    const wanted = new Set<string>();
    for (const f of fields) {
      if (!f.v2Path) continue;
      try {
        const first = parseShapePath(f.v2Path)[0];
        if (first?.t === 'key') wanted.add(first.key);
      } catch {
        // unparsable user path: nothing to keep for it
      }
    }
    const out: DiffSample = { paired: s.paired, v2Omitted: [] };
    if (s.v1 !== undefined) out.v1 = maskRecord(s.v1);
    if (s.v2 !== null && typeof s.v2 === 'object' && !Array.isArray(s.v2)) {
      const kept = Object.create(null) as Record<string, unknown>;
      for (const k of Object.keys(s.v2)) {
        if (wanted.has(k))
          Object.defineProperty(kept, k, {
            value: (s.v2 as Record<string, unknown>)[k],
            enumerable: true,
            writable: true,
            configurable: true,
          });
        else out.v2Omitted.push(k);
      }
      out.v2 = maskRecord(kept);
    }
    return out;
  }
}
