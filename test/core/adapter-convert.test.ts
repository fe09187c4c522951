import { describe, expect, it } from 'vitest';
import {
  applyConversion,
  dateFormatOfText,
  inferCodeTable,
  inferDateFormat,
} from '../../src/core/adapter/convert.js';

const ISO = ['2026-01-05T08:09:07.123Z', '2026-03-21T23:59:59.999Z'];

describe('the 1.0 date format, as the captures show it', () => {
  it('is read off the pairs, with its separators and offset', () => {
    const f = (v1: string[]) => inferDateFormat(v1.map((v, i) => ({ v1: v, v2: ISO[i] })));
    expect(f(['2026-01-05 08:09:07', '2026-03-21 23:59:59'])).toEqual({
      format: 'YYYY-MM-DD HH:mm:ss',
      offsetMinutes: 0,
    });
    expect(f(['05/01/2026 09:09', '22/03/2026 00:59'])).toEqual({
      format: 'DD/MM/YYYY HH:mm',
      offsetMinutes: 60,
    });
    // 05/01 alone could be either order; 21/03 settles it.
    expect(f(['01/05/2026', '03/21/2026'])?.format).toBe('MM/DD/YYYY');
    expect(f(['not a date', 'either'])).toBeUndefined();
  });

  it('formats like the emitted helpers: seconds truncated, UTC unless an offset', () => {
    const c = { kind: 'date', format: 'YYYY-MM-DD HH:mm:ss', offsetMinutes: 0 } as const;
    expect(applyConversion(c, ISO[0])).toBe('2026-01-05 08:09:07');
    expect(applyConversion(c, '2026-01-05T09:09:07+01:00')).toBe('2026-01-05 08:09:07');
    expect(applyConversion(c, 'yesterday')).toBe('yesterday');
  });

  it('without pairs only the plain year-first layout is recognised', () => {
    expect(dateFormatOfText(['2026-01-05 08:09:07'])).toBe('YYYY-MM-DD HH:mm:ss');
    expect(dateFormatOfText(['2026-01-05 08:09:07', '2026/01/05 08:09'])).toBeUndefined();
  });
});

describe('code tables', () => {
  it('map opt-in codes to the closed 1.0 vocabulary only', () => {
    const pairs = (v1: unknown[]) => v1.map((v, i) => ({ v1: v, v2: ['1', '0', ''][i % 3] }));
    expect(inferCodeTable(pairs(['yes', 'no', '']))).toEqual([
      ['', ''],
      ['0', 'no'],
      ['1', 'yes'],
    ]);
    // A person's data is never a code: no table, so nothing captured is emitted.
    expect(inferCodeTable(pairs(['Alice', 'Bob', '']))).toBeUndefined();
    // The same codes need no table.
    expect(inferCodeTable(pairs(['1', '0', '']))).toBeUndefined();
  });
});

describe('type conversions', () => {
  it('number ↔ text as JavaScript writes them', () => {
    expect(applyConversion({ kind: 'text' }, 9900101)).toBe('9900101');
    expect(applyConversion({ kind: 'text' }, true)).toBe('true');
    expect(applyConversion({ kind: 'number' }, ' 42 ')).toBe(42);
    expect(applyConversion({ kind: 'number' }, '007x')).toBe('007x');
    expect(applyConversion({ kind: 'copy' }, null)).toBeUndefined();
  });
});
