import { emitJq } from './emit-jq.js';
import { emitJs, emitTs } from './emit-js.js';
import { emitPython } from './emit-python.js';
import type { AdapterLanguage } from './emit-common.js';
import type { AdapterModel } from './model.js';

export { ADAPTER_LANGUAGES, type AdapterLanguage } from './emit-common.js';
export { buildAdapterModel, type AdapterModel, type RawPair } from './model.js';
export { stripAdapterTypes } from './emit-js.js';

/** The adapter source of a model in one language (deterministic: same model, same bytes). */
export function emitAdapter(model: AdapterModel, lang: AdapterLanguage): string {
  switch (lang) {
    case 'js':
      return emitJs(model);
    case 'ts':
      return emitTs(model);
    case 'python':
      return emitPython(model);
    case 'jq':
      return emitJq(model);
  }
}
