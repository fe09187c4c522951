import type { EndpointReport } from '../../core/endpoint/report.js';
import { versioned } from './json-document.js';

/** The `--json` document of an endpoint run: checks, stats and verdict (no secret in it). */
export function renderEndpointJson(r: EndpointReport): string {
  return JSON.stringify(versioned({ tool: 'qwh test-endpoint', ...r }), null, 2) + '\n';
}
