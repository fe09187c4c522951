import { classifyHost } from '../host-class.js';
import type { NeedsHuman } from '../types.js';
import type { ConversionRule } from './rule.js';

/**
 * The host written for 2.0 must be reachable by Qualifio and encrypted: http://, loopback,
 * private and local-network hosts block apply unless --allow-insecure-host; link-local and
 * cloud-metadata addresses are never accepted.
 */
export const insecureHostRule: ConversionRule = {
  id: 'insecure-host',
  summary: 'http://, private, loopback hosts need --allow-insecure-host; link-local never',
  apply(ctx) {
    if (ctx.mode !== 'create') return {};
    const url = new URL(ctx.v1.url);
    const path = ['webhooks', ctx.v1Index, 'url'];
    const allow = ctx.options.allowInsecureHost;
    const out: NeedsHuman[] = [];
    const cls = classifyHost(url.hostname);
    if (cls === 'link-local') {
      out.push({
        code: 'link-local-host',
        severity: 'blocker',
        webhook: ctx.v1.key,
        path,
        message: `host ${url.hostname} is a link-local or cloud-metadata address; qwh never sends there`,
        action: 'Point the webhook at the receiver’s public HTTPS address.',
      });
    } else if (cls !== 'public') {
      out.push({
        code: 'private-host',
        severity: allow ? 'todo' : 'blocker',
        webhook: ctx.v1.key,
        path,
        message: `host ${url.hostname} is a ${cls === 'local-name' ? 'local-network name' : `${cls} address`} Qualifio cannot reach`,
        action: allow
          ? 'Accepted with --allow-insecure-host (testing only): give Qualifio a public HTTPS host before going live.'
          : 'Use the receiver’s public HTTPS address, or pass --allow-insecure-host to test against a local receiver.',
      });
    }
    if (url.protocol === 'http:') {
      out.push({
        code: 'insecure-host',
        severity: allow ? 'todo' : 'blocker',
        webhook: ctx.v1.key,
        path,
        message: `host uses plain http: participations (personal data) would travel unencrypted`,
        action: allow
          ? 'Accepted with --allow-insecure-host: switch the receiver to HTTPS before going live.'
          : 'Serve the receiver over HTTPS and fix the 1.0 URL, or pass --allow-insecure-host.',
      });
    }
    return { needsHuman: out };
  },
};
