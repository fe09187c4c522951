/** The ground floor: types every layer may import (no runtime code). */
export type * from './runtime.js';
export type * from './ports.js';
export type * from './events.js';
