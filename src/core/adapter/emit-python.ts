import {
  commentText,
  fallbackComment,
  fallbackLiteral,
  fallbacksOf,
  headerLines,
  stepsLiteral,
  tableLiteral,
} from './emit-common.js';
import type { AdapterField, AdapterModel, AdapterRead } from './model.js';

const HELPERS = `# Helpers: standard library only. A missing or odd-shaped part reads as None, never an error.
def _own(v, key):
    return v.get(key) if isinstance(v, dict) else None


def _at(v, steps):
    for s in steps:
        if v is None:
            return None
        if isinstance(s, str):
            v = _own(v, s)
        elif isinstance(s, int):
            v = v[s] if isinstance(v, list) and 0 <= s < len(v) else None
        elif isinstance(v, list):
            v = next((x for x in v if isinstance(x, dict) and x.get("variable") == s["variable"]), None)
        else:
            v = None
    return v


def _text(v):
    # As JavaScript's String(): true -> "true", 42.0 -> "42".
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, int):
        return str(v)
    if isinstance(v, float):
        return str(int(v)) if v.is_integer() and abs(v) < 1e21 else repr(v)
    return v


def _num(v):
    if isinstance(v, str) and re.fullmatch(r"\\s*-?[0-9]+(\\.[0-9]+)?\\s*", v):
        t = v.strip()
        return float(t) if "." in t else int(t)
    return v


_ISO = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})T([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\\.[0-9]+)?(Z|[+-][0-9]{2}:[0-9]{2})?")


def _date(v, fmt, offset_minutes):
    m = _ISO.fullmatch(v) if isinstance(v, str) else None
    if m is None:
        return v
    try:
        d = datetime(*(int(m.group(i)) for i in range(1, 7)), tzinfo=timezone.utc)
    except ValueError:
        return v
    z = m.group(7)
    if z and z != "Z":
        d -= (-1 if z[0] == "-" else 1) * timedelta(hours=int(z[1:3]), minutes=int(z[4:6]))
    d += timedelta(minutes=offset_minutes)
    parts = {"YYYY": "%04d" % d.year, "MM": "%02d" % d.month, "DD": "%02d" % d.day,
             "HH": "%02d" % d.hour, "mm": "%02d" % d.minute, "ss": "%02d" % d.second}
    return re.sub(r"YYYY|MM|DD|HH|mm|ss", lambda t: parts[t.group(0)], fmt)


def _code(v, table):
    return table.get(v, v) if isinstance(v, str) else v


def _lookup(k, table):
    # As the JavaScript adapter: an integer key is read as its text, anything else but text misses.
    if isinstance(k, bool):
        return None
    if isinstance(k, int):
        k = str(k)
    elif isinstance(k, float) and k.is_integer():
        k = str(int(k))
    return table.get(k) if isinstance(k, str) else None


def _or(v, fallback):
    return fallback if v is None else v


def _or_empty(v):
    return "" if v is None else v
`;

function pyLiteral(json: string): string {
  return json.replace(/\btrue\b/g, 'True').replace(/\bfalse\b/g, 'False');
}

/** The Python expression of one read: `_text(_at(p, ["campaign", "id"]))`. */
export function pyExpression(r: AdapterRead): string {
  let e = `_at(p, ${stepsLiteral(r.steps)})`;
  const c = r.convert;
  if (c.kind === 'text') e = `_text(${e})`;
  else if (c.kind === 'number') e = `_num(${e})`;
  else if (c.kind === 'date') e = `_date(${e}, ${JSON.stringify(c.format)}, ${c.offsetMinutes})`;
  else if (c.kind === 'code') e = `_code(${e}, ${pyLiteral(tableLiteral(c))})`;
  if (r.fallback)
    e = `_or(${e}, _lookup(_at(p, ${stepsLiteral(r.fallback.steps)}), _${r.fallback.name}))`;
  return r.emptyWhenMissing ? `_or_empty(${e})` : e;
}

function fieldLine(f: AdapterField): string {
  const value = f.read ? pyExpression(f.read) : 'None';
  return `        ${JSON.stringify(f.key)}: ${value},  # ${commentText(f.comment)}`;
}

/** The Python adapter: a module with `to_v1(participation) -> dict` (standard library only). */
export function emitPython(model: AdapterModel): string {
  return [
    ...headerLines(model, 'to_v1').map((l) => `# ${l}`),
    '',
    'import re',
    'from datetime import datetime, timedelta, timezone',
    '',
    ...fallbacksOf(model).flatMap((t) => [
      `# ${fallbackComment(t, 'None')}`,
      `_${t.fb.name} = ${fallbackLiteral(t.fb)}`,
      '',
    ]),
    '',
    'def to_v1(p):',
    '    return {',
    ...model.fields.map(fieldLine),
    '    }',
    '',
    '',
    HELPERS,
  ].join('\n');
}
