import { blockedHostnameReason } from '../endpoint/address-policy.js';

/** What kind of address a URL host is, as far as can be told without DNS. */
export type HostClass = 'public' | 'loopback' | 'private' | 'link-local' | 'local-name';

/** Names that only resolve inside a network: Qualifio's servers cannot reach them. */
const LOCAL_SUFFIXES = ['.local', '.internal', '.lan', '.home.arpa', '.intranet', '.corp'];

function ipv4(host: string): number[] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts : undefined;
}

function classifyV4([a, b]: number[]): HostClass {
  if (a === undefined || b === undefined) return 'public';
  if (a === 127 || a === 0) return 'loopback';
  if (a === 169 && b === 254) return 'link-local';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 100 && b >= 64 && b <= 127) return 'private'; // carrier-grade NAT
  return 'public';
}

/**
 * Classifies the host of a URL (as `new URL().hostname` gives it) from its literal form:
 * loopback, private (RFC 1918, CGNAT, IPv6 ULA), link-local (incl. cloud metadata), names
 * that only exist on a local network, or public. Names are not resolved: a public-looking
 * name that resolves to a private address is not caught here.
 */
export function classifyHost(hostname: string): HostClass {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  // One address policy (core/endpoint/address-policy.ts) for the plan, check and the sender:
  // link-local and every metadata name and address, in any spelling, are never a target.
  if (blockedHostnameReason(host)) return 'link-local';
  if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
  const v4 = ipv4(host);
  if (v4) return classifyV4(v4);
  if (host.startsWith('[') && host.endsWith(']')) {
    const v6 = host.slice(1, -1);
    if (v6 === '::1' || v6 === '::') return 'loopback';
    const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(v6);
    if (mapped?.[1]) {
      const p = ipv4(mapped[1]);
      if (p) return classifyV4(p);
    }
    const hexMapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(v6);
    if (hexMapped?.[1] && hexMapped[2]) {
      const hi = parseInt(hexMapped[1], 16);
      const lo = parseInt(hexMapped[2], 16);
      return classifyV4([hi >> 8, hi & 255, lo >> 8, lo & 255]);
    }
    if (/^fe[89ab][0-9a-f]?:/.test(v6)) return 'link-local';
    if (/^f[cd][0-9a-f]{0,2}:/.test(v6)) return 'private';
    return 'public';
  }
  if (!host.includes('.')) return 'local-name';
  if (LOCAL_SUFFIXES.some((s) => host.endsWith(s))) return 'local-name';
  return 'public';
}
