import type { OptionTable } from './spec.js';
import { TEST_ENDPOINT_OPTIONS } from './test-endpoint.js';

/** Every command's option table, in the README's order (scripts/gen-options.js renders them). */
export const OPTION_TABLES: readonly OptionTable[] = [TEST_ENDPOINT_OPTIONS];
