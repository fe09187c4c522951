import {
  commentText,
  fallbackComment,
  fallbackLiteral,
  fallbacksOf,
  headerLines,
  stepsLiteral,
  strftimeOf,
  tableLiteral,
} from './emit-common.js';
import type { AdapterField, AdapterModel, AdapterRead } from './model.js';

const HELPERS = `# Helpers (jq 1.6+). A missing or odd-shaped part reads as null, never an error.
def _own($k): if type == "object" then .[$k] else null end;
def _at($steps):
  reduce $steps[] as $s (.;
    if . == null then null
    elif ($s | type) == "string" then _own($s)
    elif ($s | type) == "number" then (if type == "array" then .[$s] else null end)
    elif type == "array" then (map(select(type == "object" and .variable == $s.variable)) | .[0])
    else null end);
def _text: if type == "number" or type == "boolean" then tostring else . end;
def _num:
  if type == "string" and test("^\\\\s*-?[0-9]+(\\\\.[0-9]+)?\\\\s*$")
  then (sub("^\\\\s+"; "") | sub("\\\\s+$"; "") | tonumber) else . end;
def _date($fmt; $off):
  if type != "string" then .
  else . as $v
    | (capture("^(?<Y>[0-9]{4})-(?<M>[0-9]{2})-(?<D>[0-9]{2})T(?<h>[0-9]{2}):(?<m>[0-9]{2}):(?<s>[0-9]{2})(\\\\.[0-9]+)?(?<z>Z|[+-][0-9]{2}:[0-9]{2})?$") // null) as $c
    | if $c == null then $v
      else ([($c.Y | tonumber), ($c.M | tonumber) - 1, ($c.D | tonumber),
             ($c.h | tonumber), ($c.m | tonumber), ($c.s | tonumber), 0, 0] | mktime)
        - (if ($c.z // "Z") == "Z" then 0
           else (if $c.z[0:1] == "-" then -1 else 1 end)
             * (($c.z[1:3] | tonumber) * 60 + ($c.z[4:6] | tonumber)) * 60 end)
        + $off * 60
        | strftime($fmt)
      end
  end;
def _code($table): . as $k | if type == "string" and ($table | has($k)) then $table[$k] else . end;
def _lookup($t):
  (if type == "number" and . == floor then tostring else . end) as $k
  | if ($k | type) == "string" and ($t | has($k)) then $t[$k] else null end;
def _or_empty: if . == null then "" else . end;
`;

/** The jq expression of one read: `(_at(["campaign", "id"]) | _text)`. */
export function jqExpression(r: AdapterRead): string {
  const pipes = [`_at(${stepsLiteral(r.steps)})`];
  const c = r.convert;
  if (c.kind === 'text') pipes.push('_text');
  else if (c.kind === 'number') pipes.push('_num');
  else if (c.kind === 'date')
    pipes.push(`_date(${JSON.stringify(strftimeOf(c.format))}; ${c.offsetMinutes})`);
  else if (c.kind === 'code') pipes.push(`_code(${tableLiteral(c)})`);
  let e = pipes.join(' | ');
  // The fallback is read from the payload itself: `E as $v | …` keeps the payload as input.
  if (r.fallback)
    e = `(${e}) as $v | if $v == null then (_at(${stepsLiteral(r.fallback.steps)}) | _lookup(${jqName(r.fallback.name)})) else $v end`;
  if (r.emptyWhenMissing) e = `${e} | _or_empty`;
  return `(${e})`;
}

/** A fallback constant as a jq definition name: `_website_ids_by_name`. */
function jqName(name: string): string {
  return `_${name.toLowerCase()}`;
}

function fieldLine(f: AdapterField, last: boolean): string {
  const value = f.read ? jqExpression(f.read) : 'null';
  return `  ${JSON.stringify(f.key)}: ${value}${last ? '' : ','}  # ${commentText(f.comment)}`;
}

/** The jq adapter: a program mapping one 2.0 participation to one flat 1.0 object. */
export function emitJq(model: AdapterModel): string {
  const n = model.fields.length;
  return [
    ...headerLines(model, 'This jq program').map((l) => `# ${l}`),
    '',
    HELPERS,
    ...fallbacksOf(model).flatMap((t) => [
      `# ${fallbackComment(t, 'null')}`,
      `def ${jqName(t.fb.name)}: ${fallbackLiteral(t.fb)};`,
    ]),
    '{',
    ...model.fields.map((f, i) => fieldLine(f, i === n - 1)),
    '}',
    '',
  ].join('\n');
}
