/**
 * A small strict XML well-formedness checker for tests: prolog, balanced and properly nested
 * tags, quoted attributes without duplicates, only the five named entities or numeric ones,
 * no raw `<` or `&` in text. Returns the element tree (name, attributes, children, text).
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  text: string;
}

const NAME = /^[A-Za-z_][\w.-]*/;

function decodeEntities(s: string, where: number): string {
  return s.replace(/&([^;]*);|&/g, (m, ent: string | undefined) => {
    if (ent === undefined) throw new Error(`raw & at ${where}`);
    if (ent === 'amp') return '&';
    if (ent === 'lt') return '<';
    if (ent === 'gt') return '>';
    if (ent === 'quot') return '"';
    if (ent === 'apos') return "'";
    if (/^#\d+$/.test(ent)) return String.fromCodePoint(Number(ent.slice(1)));
    if (/^#x[0-9a-fA-F]+$/.test(ent)) return String.fromCodePoint(parseInt(ent.slice(2), 16));
    throw new Error(`unknown entity ${m} at ${where}`);
  });
}

/** Parses a document or throws with the offset of the first problem. */
export function parseXml(doc: string): XmlElement {
  let i = 0;
  if (doc.startsWith('<?xml')) {
    const end = doc.indexOf('?>');
    if (end < 0) throw new Error('unterminated prolog');
    i = end + 2;
  }
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  while (i < doc.length) {
    const lt = doc.indexOf('<', i);
    const text = doc.slice(i, lt < 0 ? doc.length : lt);
    if (text.includes('>')) throw new Error(`raw > in text at ${i}`);
    if (stack.length === 0) {
      if (text.trim() !== '') throw new Error(`text outside the root at ${i}`);
    } else stack[stack.length - 1]!.text += decodeEntities(text, i);
    if (lt < 0) break;
    i = lt;
    if (doc.startsWith('</', i)) {
      const end = doc.indexOf('>', i);
      const name = doc.slice(i + 2, end).trim();
      const open = stack.pop();
      if (!open || open.name !== name) throw new Error(`mismatched </${name}> at ${i}`);
      if (stack.length === 0) root = open;
      i = end + 1;
      continue;
    }
    if (doc.startsWith('<!--', i)) {
      const end = doc.indexOf('-->', i);
      if (end < 0) throw new Error('unterminated comment');
      i = end + 3;
      continue;
    }
    i++;
    const m = NAME.exec(doc.slice(i));
    if (!m) throw new Error(`bad tag name at ${i}`);
    const el: XmlElement = { name: m[0], attrs: {}, children: [], text: '' };
    if (stack.length === 0 && root) throw new Error(`second root element at ${i}`);
    i += m[0].length;
    for (;;) {
      while (/\s/.test(doc[i] ?? '')) i++;
      if (doc.startsWith('/>', i)) {
        i += 2;
        if (stack.length === 0) root = el;
        else stack[stack.length - 1]!.children.push(el);
        break;
      }
      if (doc[i] === '>') {
        i++;
        if (stack.length > 0) stack[stack.length - 1]!.children.push(el);
        stack.push(el);
        break;
      }
      const a = NAME.exec(doc.slice(i));
      if (!a) throw new Error(`bad attribute at ${i}`);
      i += a[0].length;
      if (doc[i] !== '=' || (doc[i + 1] !== '"' && doc[i + 1] !== "'"))
        throw new Error(`unquoted attribute ${a[0]} at ${i}`);
      const q = doc[i + 1]!;
      const end = doc.indexOf(q, i + 2);
      const raw = doc.slice(i + 2, end);
      if (raw.includes('<')) throw new Error(`< in attribute at ${i}`);
      if (a[0] in el.attrs) throw new Error(`duplicate attribute ${a[0]} at ${i}`);
      el.attrs[a[0]] = decodeEntities(raw, i);
      i = end + 1;
    }
  }
  if (stack.length > 0) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (!root) throw new Error('no root element');
  return root;
}

/** Every element of a tree with this name, depth-first. */
export function findAll(el: XmlElement, name: string): XmlElement[] {
  const out: XmlElement[] = [];
  const stack = [el];
  while (stack.length > 0) {
    const e = stack.pop()!;
    if (e.name === name) out.push(e);
    for (let k = e.children.length - 1; k >= 0; k--) stack.push(e.children[k]!);
  }
  return out;
}
