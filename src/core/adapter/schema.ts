/**
 * The 2.0 payloads as observed: a merged tree of every value seen (types, properties with how
 * often each was present, array items merged), rendered as JSON Schema 2020-12 (`required` only
 * where a property was present every time its object was) and as TypeScript types.
 */

type JsonType = 'string' | 'integer' | 'number' | 'boolean' | 'null' | 'object' | 'array';
const TYPE_ORDER: readonly JsonType[] = [
  'object',
  'array',
  'string',
  'integer',
  'number',
  'boolean',
  'null',
];

interface Node {
  types: Set<JsonType>;
  /** Times seen as an object (the denominator of its properties' presence). */
  objects: number;
  props?: Map<string, { present: number; node: Node }>;
  items?: Node;
}

const MAX_NODES = 5_000;
const MAX_DEPTH = 32;

const newNode = (): Node => ({ types: new Set(), objects: 0 });

/** Accumulates the shape of 2.0 payloads, one at a time, bounded in nodes and depth. */
export class SchemaObserver {
  private readonly root = newNode();
  private nodes = 1;
  payloads = 0;

  add(value: unknown): void {
    this.payloads++;
    const stack: Array<{ v: unknown; n: Node; depth: number }> = [
      { v: value, n: this.root, depth: 0 },
    ];
    while (stack.length > 0) {
      const { v, n, depth } = stack.pop()!;
      if (v === null) n.types.add('null');
      else if (Array.isArray(v)) {
        n.types.add('array');
        if (depth >= MAX_DEPTH) continue;
        for (const item of v) {
          if (!n.items) {
            if (this.nodes >= MAX_NODES) break;
            n.items = newNode();
            this.nodes++;
          }
          stack.push({ v: item, n: n.items, depth: depth + 1 });
        }
      } else if (typeof v === 'object') {
        n.types.add('object');
        n.objects++;
        if (depth >= MAX_DEPTH) continue;
        const props = (n.props ??= new Map());
        for (const k of Object.keys(v)) {
          let p = props.get(k);
          if (!p) {
            if (this.nodes >= MAX_NODES) continue;
            props.set(k, (p = { present: 0, node: newNode() }));
            this.nodes++;
          }
          p.present++;
          stack.push({
            v: Object.getOwnPropertyDescriptor(v, k)?.value,
            n: p.node,
            depth: depth + 1,
          });
        }
      } else if (typeof v === 'number') n.types.add(Number.isInteger(v) ? 'integer' : 'number');
      else if (typeof v === 'string') n.types.add('string');
      else if (typeof v === 'boolean') n.types.add('boolean');
    }
  }

  /** The JSON Schema 2020-12 document (deterministic: properties in first-seen order). */
  jsonSchema(about: { title: string; description: string }): Record<string, unknown> {
    return {
      $schema: 'https://json-schema.org/draft/2020-12/schema',
      title: about.title,
      description: about.description,
      ...schemaOf(this.root),
    };
  }

  /** TypeScript declarations of the observed payload (`export interface ParticipationV2`). */
  typescript(header: readonly string[]): string {
    const body = tsOf(this.root, 0);
    return [...header.map((l) => `// ${l}`), '', `export type ParticipationV2 = ${body};`, ''].join(
      '\n',
    );
  }
}

function typesOf(n: Node): JsonType[] {
  const t = new Set(n.types);
  if (t.has('number')) t.delete('integer');
  return TYPE_ORDER.filter((x) => t.has(x));
}

function schemaOf(n: Node): Record<string, unknown> {
  const types = typesOf(n);
  const out: Record<string, unknown> = {};
  if (types.length === 1) out.type = types[0];
  else if (types.length > 1) out.type = types;
  if (n.props && n.types.has('object')) {
    const properties: Record<string, unknown> = {};
    const required: string[] = [];
    for (const [k, p] of n.props) {
      Object.defineProperty(properties, k, {
        value: schemaOf(p.node),
        enumerable: true,
        writable: true,
        configurable: true,
      });
      if (p.present === n.objects) required.push(k);
    }
    out.properties = properties;
    if (required.length > 0) out.required = required;
  }
  if (n.items && n.types.has('array')) out.items = schemaOf(n.items);
  return out;
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function tsOf(n: Node, depth: number): string {
  const pad = '  '.repeat(depth + 1);
  const alts: string[] = [];
  for (const t of typesOf(n)) {
    if (t === 'object') {
      const lines = [...(n.props ?? [])].map(([k, p]) => {
        const key = IDENT.test(k) ? k : JSON.stringify(k);
        return `${pad}${key}${p.present === n.objects ? '' : '?'}: ${tsOf(p.node, depth + 1)};`;
      });
      alts.push(
        lines.length === 0
          ? '{ [key: string]: unknown }'
          : `{\n${lines.join('\n')}\n${'  '.repeat(depth)}}`,
      );
    } else if (t === 'array') alts.push(n.items ? `Array<${tsOf(n.items, depth)}>` : 'unknown[]');
    else if (t === 'integer' || t === 'number') alts.push('number');
    else alts.push(t);
  }
  return alts.length === 0 ? 'unknown' : [...new Set(alts)].join(' | ');
}
