/**
 * Which addresses qwh never sends to: link-local ranges and cloud-metadata services, where a
 * test delivery could read instance credentials (SSRF). Loopback and private ranges stay allowed:
 * CI tests receivers on localhost and inside private networks.
 */

/** Host names of cloud metadata services (lower case, no trailing dot). */
export const METADATA_HOSTNAMES: ReadonlySet<string> = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'metadata.azure.internal',
  'instance-data',
  'instance-data.ec2.internal',
  'metadata.tencentyun.com',
  'metadata.platformequinix.com',
]);

/** Metadata addresses outside the link-local ranges (AWS IPv6 IMDS, Alibaba, Oracle legacy). */
const METADATA_V4 = new Set(['100.100.100.200', '192.0.0.192']);
const METADATA_V6 = [[0xfd00, 0x0ec2, 0, 0, 0, 0, 0, 0x0254]] as const;

/** Parses dotted-quad IPv4 text into four octets; undefined when it is not one. */
export function parseIPv4(s: string): [number, number, number, number] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  if (!m) return undefined;
  const o = [m[1], m[2], m[3], m[4]].map(Number) as [number, number, number, number];
  return o.every((x) => x <= 255) ? o : undefined;
}

/** Parses IPv6 text (with `::` and an embedded IPv4 tail; zone id ignored) into eight 16-bit groups. */
export function parseIPv6(input: string): number[] | undefined {
  let s = input.replace(/^\[|\]$/g, '');
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  if (!s.includes(':')) return undefined;
  const lastColon = s.lastIndexOf(':');
  const maybeV4 = s.slice(lastColon + 1);
  if (maybeV4.includes('.')) {
    // "::ffff:1.2.3.4": the dotted tail stands for the last two groups.
    const v4 = parseIPv4(maybeV4);
    if (!v4) return undefined;
    s = `${s.slice(0, lastColon + 1)}${((v4[0] << 8) | v4[1]).toString(16)}:${((v4[2] << 8) | v4[3]).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const part = (h: string): number[] | undefined => {
    if (h === '') return [];
    const groups = h.split(':');
    const out: number[] = [];
    for (const g of groups) {
      if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = part(halves[0] ?? '');
  if (!head) return undefined;
  if (halves.length === 1) {
    return head.length === 8 ? head : undefined;
  }
  const rest = part(halves[1] ?? '');
  if (!rest) return undefined;
  const fill = 8 - head.length - rest.length;
  if (fill < 1) return undefined;
  return [...head, ...new Array<number>(fill).fill(0), ...rest];
}

function v4Reason(o: readonly number[]): string | undefined {
  if (o[0] === 169 && o[1] === 254) return 'a link-local address (169.254.0.0/16, cloud metadata)';
  if (METADATA_V4.has(o.join('.'))) return 'a cloud metadata address';
  return undefined;
}

/**
 * Why an IP address must never be a target (undefined when it may be): link-local IPv4/IPv6,
 * cloud-metadata addresses, and the IPv4-mapped/compatible/NAT64 spellings of those.
 */
export function blockedAddressReason(ip: string): string | undefined {
  const v4 = parseIPv4(ip);
  if (v4) return v4Reason(v4);
  const g = parseIPv6(ip);
  if (!g) return undefined;
  if ((g[0]! & 0xffc0) === 0xfe80) return 'a link-local address (fe80::/10)';
  for (const m of METADATA_V6) if (m.every((x, i) => g[i] === x)) return 'a cloud metadata address';
  const embedded = (): number[] => [g[6]! >> 8, g[6]! & 0xff, g[7]! >> 8, g[7]! & 0xff];
  const zeros = (n: number): boolean => g.slice(0, n).every((x) => x === 0);
  // ::ffff:a.b.c.d (mapped), ::a.b.c.d (compatible), 64:ff9b::a.b.c.d (NAT64) reach the IPv4 host.
  if (zeros(5) && (g[5] === 0xffff || g[5] === 0)) return v4Reason(embedded());
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0))
    return v4Reason(embedded());
  return undefined;
}

/** Why a host name must never be a target (a metadata service name), or undefined. */
export function blockedHostnameReason(host: string): string | undefined {
  const h = host.toLowerCase().replace(/\.+$/, '');
  if (METADATA_HOSTNAMES.has(h)) return 'a cloud metadata host name';
  return blockedAddressReason(h);
}
