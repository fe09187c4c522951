/**
 * What burst mode (`--count N`) sends: N valid deliveries, each with its own participation id
 * and its own signature over the exact bytes sent. Pure and lazy: delivery `i` is built when it
 * is asked for, so memory stays flat in N.
 */
import { SIGNATURE_HEADER } from '../assumptions.js';
import { generateSample, type SampleState } from '../sample/generate.js';
import { bodySigner, paddedSigner } from '../signing.js';
import {
  bodyTemplate,
  burstId,
  burstIds,
  fillTemplate,
  type BodyTemplate,
} from './body-template.js';
import { withParticipationId } from './payload-id.js';
import type { EndpointTarget } from './report.js';
import { baseHeaders, type Delivery } from './suite-plan.js';

/** Bytes of one slab the deliveries' bodies are cut from. */
const SLAB_BYTES = 256 * 1024;

/** Distinct participations a burst cycles through (ids differ on every delivery). */
export const BURST_TEMPLATES = 64;

interface Template {
  template?: BodyTemplate;
  bytes: Buffer;
  contentType: string;
}

/** A burst: how many deliveries, and delivery `i` on demand. */
export interface BurstPlan {
  total: number;
  delivery(i: number): Delivery;
}

/**
 * Bodies made once (up to BURST_TEMPLATES generated participations, or each captured payload)
 * with only the participation id rewritten per delivery.
 */
function templates(target: EndpointTarget, seed: number, n: number): Template[] {
  const { payloads, version } = target;
  if (payloads && payloads.length > 0)
    return payloads.map((p, k) => {
      const placeholder = burstId(seed, k);
      const bytes = withParticipationId(p.bytes, version, placeholder);
      const template = bytes ? bodyTemplate(bytes, placeholder) : undefined;
      return {
        ...(template ? { template } : {}),
        bytes: bytes ?? p.bytes,
        contentType: p.contentType,
      };
    });
  const state: SampleState =
    target.sample === 'incomplete' && version === 2 ? 'incomplete' : 'complete';
  const out: Template[] = [];
  for (let k = 0; k < Math.min(n, BURST_TEMPLATES); k++) {
    const pair = generateSample((seed + k) >>> 0, state);
    const bytes = Buffer.from(JSON.stringify(version === 2 ? pair.v2 : pair.v1), 'utf8');
    const template = bodyTemplate(bytes, pair.v2.id);
    out.push({ ...(template ? { template } : {}), bytes, contentType: 'application/json' });
  }
  return out;
}

/** Plans a burst of `target.count` valid deliveries under `seed`. */
export function planBurst(
  target: EndpointTarget,
  inputs: { seed: number; version?: string },
): BurstPlan {
  const { seed } = inputs;
  const total = target.count ?? 0;
  const tpls = templates(target, seed, total);
  const id = burstIds(seed);
  const secret = target.secret;
  const sign = secret ? bodySigner(secret) : undefined;
  const padded = secret ? paddedSigner(secret) : undefined;
  // With a secret, each template is kept behind the HMAC's inner pad: filling a delivery copies
  // pad and body in one go and the signature hashes that copy as it is (no Hmac object per body).
  const behindPad = tpls.map((t) =>
    padded && t.template ? Buffer.concat([padded.innerPad, t.template.bytes]) : undefined,
  );
  const pad = padded?.innerPad.length ?? 0;
  // Deliveries are cut from slabs of SLAB_BYTES: one ArrayBuffer per ~80 deliveries instead of
  // one per two or three from Buffer's 8 KiB pool (fewer external allocations for the GC). A
  // delivery is dropped once sent (outcomes keep no bytes), so a slab lives as long as its last.
  let slab = Buffer.allocUnsafeSlow(0);
  let used = 0;
  const take = (n: number): Buffer => {
    if (n > SLAB_BYTES / 4) return Buffer.allocUnsafe(n);
    if (used + n > slab.length) {
      slab = Buffer.allocUnsafeSlow(SLAB_BYTES);
      used = 0;
    }
    const b = slab.subarray(used, used + n);
    used += (n + 7) & ~7;
    return b;
  };
  return {
    total,
    delivery(i) {
      const k = i % tpls.length;
      const tpl = tpls[k]!;
      const headers = baseHeaders(tpl.contentType, inputs.version);
      if (target.authHeader)
        headers[target.authHeader.name.toLowerCase()] = target.authHeader.value;
      const withPad = behindPad[k];
      if (padded && withPad && tpl.template) {
        const buf = take(withPad.length);
        withPad.copy(buf);
        buf.write(id(i), pad + tpl.template.offset, 36, 'latin1');
        headers[SIGNATURE_HEADER] = padded.sign(buf);
        return { bytes: buf.subarray(pad), headers };
      }
      const bytes = tpl.template ? fillTemplate(tpl.template, id(i)) : tpl.bytes;
      if (sign) headers[SIGNATURE_HEADER] = sign(bytes);
      return { bytes, headers };
    },
  };
}
