import { cosmiconfig } from 'cosmiconfig';

/**
 * cosmiconfig behind a module of its own, which config-loader imports only when a config may be
 * on disk. A static named import: through a dynamic `import('cosmiconfig')` the esbuild bundle
 * hands over the CommonJS module without its named exports.
 */
export function createExplorer(
  options: Parameters<typeof cosmiconfig>[1],
): ReturnType<typeof cosmiconfig> {
  return cosmiconfig('qwh', options);
}
