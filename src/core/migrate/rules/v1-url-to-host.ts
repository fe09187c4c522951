import type { NeedsHuman, PlannedSecretFile } from '../types.js';
import type { ConversionRule } from './rule.js';
import { splitV1Url } from './v1-url.js';
import { secretFilePath } from './secret.js';

/**
 * The 2.0 host is the 1.0 URL without credentials. `user:pass` becomes
 * `Authorization: Basic …` (value in a 0600 file); a query token stays in the host (the
 * receiver may read it there) unless --query-token move puts it in `Authorization: Bearer …`.
 */
export const v1UrlToHostRule: ConversionRule = {
  id: 'v1-url-to-host',
  summary:
    'host = 1.0 URL without credentials; user:pass → Authorization: Basic; query token stays',
  apply(ctx) {
    if (ctx.mode !== 'create') return {};
    const parts = splitV1Url(ctx.v1.url, ctx.options.queryToken);
    const needsHuman: NeedsHuman[] = [];
    const secretFiles: PlannedSecretFile[] = [];
    const path = ['webhooks', ctx.v1Index, 'url'];
    let authHeader;
    if (parts.username || parts.password) {
      const file = secretFilePath(ctx.fileStem, ctx.v2Key, 'auth');
      authHeader = { name: 'Authorization', value: { file }, scheme: 'Basic' as const };
      secretFiles.push({ file, purpose: 'auth-header', source: { kind: 'basic-from-url' } });
    } else if (parts.movedParam !== undefined) {
      const file = secretFilePath(ctx.fileStem, ctx.v2Key, 'auth');
      authHeader = { name: 'Authorization', value: { file }, scheme: 'Bearer' as const };
      secretFiles.push({
        file,
        purpose: 'auth-header',
        source: { kind: 'bearer-from-query', param: parts.movedParam },
      });
      needsHuman.push({
        code: 'query-token',
        severity: 'todo',
        webhook: ctx.v1.key,
        path,
        message: `the token in "${parts.movedParam}" moves from the query string into "Authorization: Bearer …"`,
        action:
          'Make the receiver read the token from the Authorization header before 1.0 is turned off.',
      });
    }
    const kept = parts.tokenParams.filter((p) => p !== parts.movedParam);
    if (kept.length > 0) {
      const both = ctx.options.queryToken === 'move' && (parts.username || parts.password);
      needsHuman.push({
        code: both ? 'token-and-credentials' : 'query-token',
        severity: 'todo',
        webhook: ctx.v1.key,
        path,
        message: both
          ? `the URL carries both user:pass and a query token (${kept.join(', ')}); 2.0 has one auth header, so the token stays in the host`
          : `the URL carries a token in its query string (${kept.join(', ')}); it stays in the 2.0 host, where Qualifio sends it as today`,
        action:
          'Prefer an auth header: once the receiver reads the token from a header, run with --query-token move (or edit authHeader by hand).',
      });
    }
    return {
      create: {
        host: parts.maskedHost,
        dropQueryParams: parts.movedParam !== undefined ? [parts.movedParam] : [],
        ...(authHeader ? { authHeader } : {}),
      },
      secretFiles,
      needsHuman,
    };
  },
};
