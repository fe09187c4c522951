import {
  keyStep,
  varStep,
  ITEM_KEY,
  MAX_POSITION,
  MAX_VARIABLE_LENGTH,
  POSITIONAL_ARRAYS,
} from './paths.js';

/**
 * Personal data in reports: example values and sample snippets are masked when they look like
 * an e-mail address, a phone number, a name (by field), a birth date or an address, so a report
 * can be pasted into a ticket. The test is deliberately generous: masking a non-personal value
 * costs little, leaking a real one costs a lot.
 */

export const MASK_CHAR = '•••';

const EMAIL = /^[^\s@]{1,64}@[^\s@]+\.[^\s@]{2,}$/;
const PHONE = /^\+?[\d\s()./-]{7,24}$/;
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}|^\d{2}[/.-]\d{2}[/.-]\d{4}/;
const NAME_FIELD =
  /^(?:(?:first|last|full|sur|given|family|middle|maiden|nick|user|contact|customer|display)[_-]?name|name|surname|firstname|lastname|prenom|prénom|nom|naam|voornaam|achternaam|vorname|nachname)$/i;
const OTHER_PERSONAL_FIELD =
  /(?:birth|dob|geboorte|naissance|address|adres|street|straat|rue|zip|postal|postcode|phone|mobile|gsm|tel|fax|iban|passport|ssn|^ip$)/i;

/** True when a string value itself looks like an e-mail address or a phone number. */
export function looksPersonalValue(s: string): boolean {
  const t = s.trim();
  if (t.length > 320) return false;
  if (EMAIL.test(t)) return true;
  if (PHONE.test(t) && !DATE_LIKE.test(t)) {
    const digits = t.replace(/\D/g, '').length;
    // A bare run of digits is an id, not a phone; a phone has a "+" or separators.
    return digits >= 8 && digits <= 15 && /[+\s()./-]/.test(t);
  }
  return false;
}

/**
 * The field whose answer a path holds, for the personal-data test: the innermost `[variable=…]`
 * item when the path goes on into its answer (`form[variable=lastname].responses[0].value` →
 * lastname, but not `.label` or `.type`), else a top-level key (the flat 1.0 payload).
 */
export function fieldOfPath(path: string): string | undefined {
  const m = /\[variable=(?:"((?:[^"\\]|\\.)*)"|([^\]"]+))\]((?:(?!\[variable=).)*)$/.exec(path);
  if (m) {
    if (!/^\.(?:responses|response|value)\b/.test(m[3] ?? '')) return undefined;
    return m[1] !== undefined ? (JSON.parse(`"${m[1]}"`) as string) : m[2];
  }
  if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(path)) return path;
  const q = /^\["((?:[^"\\]|\\.)*)"\]$/.exec(path);
  return q ? (JSON.parse(`"${q[1]}"`) as string) : undefined;
}

/** True when values at this path are personal because of what the field is. */
export function isPersonalField(field: string | undefined): boolean {
  return field !== undefined && (NAME_FIELD.test(field) || OTHER_PERSONAL_FIELD.test(field));
}

/** Masks one value, keeping just enough shape to recognise it (`q•••@•••.com`, `A•••`). */
export function maskValue(s: string): string {
  const t = s.trim();
  if (t === '') return s;
  if (EMAIL.test(t)) {
    const at = t.lastIndexOf('@');
    const tld = t.slice(t.lastIndexOf('.'));
    return `${Array.from(t.slice(0, at))[0] ?? ''}${MASK_CHAR}@${MASK_CHAR}${tld}`;
  }
  if (PHONE.test(t) && !DATE_LIKE.test(t)) return `${MASK_CHAR}${t.replace(/\D/g, '').slice(-2)}`;
  const first = Array.from(t)[0] ?? '';
  return /\p{L}/u.test(first) ? `${first}${MASK_CHAR}` : MASK_CHAR;
}

/** A value as shown in a report: masked when personal, cut to `max` characters. */
export function displayValue(
  path: string,
  v: string | number | boolean | null,
  max = 40,
  personalField = isPersonalField(fieldOfPath(path)),
): string {
  if (typeof v !== 'string') return String(v);
  const shown = personalField || looksPersonalValue(v) ? maskValue(v) : v;
  const chars = Array.from(shown.length > max * 4 ? shown.slice(0, max * 4) : shown);
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : shown;
}

/**
 * A copy of a payload for a report snippet: personal values masked, long strings cut. Built
 * iteratively into null-prototype objects with defineProperty, so a `__proto__` key stays data.
 * The record was already bounded by flattenRecord (depth, size).
 */
export function maskRecord(root: unknown, maxString = 80): unknown {
  const make = (v: unknown): unknown =>
    Array.isArray(v) ? [] : v !== null && typeof v === 'object' ? Object.create(null) : v;
  const out = make(root);
  const stack: Array<{ src: unknown; dst: unknown; path: string; key: string }> = [
    { src: root, dst: out, path: '', key: '' },
  ];
  while (stack.length > 0) {
    const { src, dst, path, key } = stack.pop()!;
    const put = (
      container: unknown,
      k: string | number,
      childPath: string,
      child: unknown,
    ): void => {
      let value = make(child);
      if (typeof child === 'string') value = displayValue(childPath, child, maxString);
      if (Array.isArray(container)) container.push(value);
      else
        Object.defineProperty(container, k, {
          value,
          enumerable: true,
          writable: true,
          configurable: true,
        });
      if (child !== null && typeof child === 'object')
        stack.push({
          src: child,
          dst: value,
          path: childPath,
          key: typeof k === 'string' ? k : '',
        });
    };
    if (Array.isArray(src)) {
      const positional = POSITIONAL_ARRAYS.has(key);
      src.forEach((item, i) => {
        const own =
          item !== null &&
          typeof item === 'object' &&
          Object.prototype.hasOwnProperty.call(item, ITEM_KEY)
            ? (item as Record<string, unknown>)[ITEM_KEY]
            : undefined;
        const step =
          typeof own === 'string' && own !== '' && own.length <= MAX_VARIABLE_LENGTH
            ? varStep(own)
            : positional && i < MAX_POSITION
              ? `[${i}]`
              : '[]';
        put(dst, i, path + step, item);
      });
    } else if (src !== null && typeof src === 'object') {
      for (const k of Object.keys(src))
        put(dst, k, keyStep(path, k), (src as Record<string, unknown>)[k]);
    }
  }
  return out;
}
