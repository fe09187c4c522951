import { UserError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { MESSAGES } from '../../messages/index.js';
import type { ADAPTER_TEST_OPTIONS } from '../options/adapter.js';
import type { Resolved } from '../options/spec.js';
import type { AdapterLanguage } from './emit-common.js';

/** adapter test's input, settled (files still unread). */
export interface AdapterTestCommandInput {
  adapter: string;
  lang?: AdapterLanguage;
  v1: string;
  v2: string;
  map?: string;
  reporter: 'human' | 'json';
}

/** Settles `qwh adapter test ADAPTER V1 V2`: all three named, one stdin at most. */
export function resolveAdapterTestInput(
  o: Resolved<typeof ADAPTER_TEST_OPTIONS>,
): AdapterTestCommandInput {
  const A = MESSAGES.adapter;
  if (o.adapter === undefined || o.v1 === undefined || o.v2 === undefined)
    throw new UserError(A.needThree, ExitCode.USAGE, A.needThreeHint);
  if (o.v1 === '-' && o.v2 === '-')
    throw new UserError(MESSAGES.diff.twoStdin, ExitCode.USAGE, MESSAGES.diff.twoStdinHint);
  return {
    adapter: o.adapter,
    ...(o.lang !== undefined ? { lang: o.lang } : {}),
    v1: o.v1,
    v2: o.v2,
    ...(o.map !== undefined ? { map: o.map } : {}),
    reporter: o.json ? 'json' : 'human',
  };
}
