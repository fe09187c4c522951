// The receiver a user would write instead of `qwh listen`: Fastify 5 with its ajv schema
// validation, doing the same checks — HMAC-SHA256 over the raw body bytes (constant-time compare),
// strict UTF-8, JSON.parse, the 2.0 model as JSON Schema (zod's own export of qwh's model, so
// both check the same thing), dedupe on id — and answering the same JSON.
// Usage: QWH_BENCH_SECRET=… node bench/servers/fastify-ajv.js → prints its URL, serves until killed.
// Fastify comes from bench/peers (never a dependency of qwh).
import { createRequire } from 'node:module';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { isUtf8 } from 'node:buffer';
import { z } from 'zod';
import { ParticipationV2Schema } from '../../dist/core/payload/v2.js';

const require = createRequire(new URL('../peers/package.json', import.meta.url));
const Fastify = require('fastify');

const secret = process.env.QWH_BENCH_SECRET ?? '';
const PREFIX = 'sha256=';
const schema = z.toJSONSchema(ParticipationV2Schema, { io: 'input', target: 'draft-7' });
delete schema.$schema;
const seen = new Set();
const MAX_IDS = 1_000_000;

// No type coercion, nothing removed: validate as zod does, not laxer.
const app = Fastify({
  logger: false,
  bodyLimit: 1024 * 1024,
  ajv: { customOptions: { coerceTypes: false, removeAdditional: false, useDefaults: false } },
});
app.removeContentTypeParser('application/json');
app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (req, raw, done) => {
  if (secret) {
    const given = String(req.headers['x-qualifio-signature'] ?? '');
    const want = Buffer.from(PREFIX + createHmac('sha256', secret).update(raw).digest('hex'));
    const got = Buffer.from(given);
    if (got.length !== want.length || !timingSafeEqual(got, want))
      return done(Object.assign(new Error('signature mismatch'), { statusCode: 401 }));
  }
  if (!isUtf8(raw)) return done(Object.assign(new Error('not JSON'), { statusCode: 400 }));
  try {
    done(null, JSON.parse(raw.toString('utf8')));
  } catch {
    done(Object.assign(new Error('not JSON'), { statusCode: 400 }));
  }
});
app.post('/', { schema: { body: schema } }, async (req) => {
  const id = req.body.id;
  if (seen.has(id)) return { ok: true, id, duplicate: true };
  seen.add(id);
  if (seen.size > MAX_IDS) seen.delete(seen.values().next().value);
  return { ok: true, id, duplicate: false };
});
await app.listen({ port: 0, host: '127.0.0.1' });
const { port } = app.server.address();
process.stdout.write(`http://127.0.0.1:${port}/\n`);
for (const s of ['SIGINT', 'SIGTERM']) process.on(s, () => app.close().then(() => process.exit(0)));
