import { authFlagRows, jsonRow, previousSecretFlagRows } from './shared-rows.js';
import { defineOptions } from './spec.js';

/** `qwh listen`: flag > QWH_LISTEN_* > default (no config section: a receiver is run by hand). */
export const LISTEN_OPTIONS = defineOptions({
  command: 'listen',
  rows: [
    {
      key: 'port',
      flags: '--port <n>',
      description: 'port (default 0: any free port)',
      value: { type: 'int', min: 0, max: 65_535 },
      env: 'QWH_LISTEN_PORT',
      default: 0,
    },
    {
      key: 'host',
      flags: '--host <addr>',
      description: 'address to bind (default 127.0.0.1)',
      value: { type: 'string' },
      env: 'QWH_LISTEN_HOST',
      default: '127.0.0.1',
    },
    {
      key: 'version',
      flags: '--version <n>',
      description: 'payload model to validate (default 2)',
      value: { type: 'version' },
      default: 2,
    },
    ...authFlagRows('to require'),
    ...previousSecretFlagRows,
    {
      key: 'forwardTo',
      flags: '--forward-to <url>',
      description:
        'relay: forward every delivery (exact bytes and headers) to this receiver and answer with its status',
      value: { type: 'url' },
      env: 'QWH_LISTEN_FORWARD_TO',
    },
    {
      key: 'forwardTimeout',
      flags: '--forward-timeout <ms>',
      description: 'relay: deadline of one forward, then 504 (default 10000)',
      value: { type: 'int', min: 100, max: 120_000 },
      env: 'QWH_LISTEN_FORWARD_TIMEOUT_MS',
      default: 10_000,
    },
    {
      key: 'caFile',
      flags: '--ca-file <file>',
      description: 'relay: extra CA certificate (PEM) to trust for the --forward-to receiver',
      value: { type: 'path' },
      env: 'QWH_CA_FILE',
    },
    {
      key: 'save',
      flags: '--save <file>',
      description:
        'append each accepted delivery (first seen; with --forward-to: every delivery) as one capture line',
      value: { type: 'path' },
    },
    jsonRow('NDJSON on stdout: {"event":"ready","url":…} first, then one event per delivery'),
  ],
});
