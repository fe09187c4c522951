import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { DEFAULT_ACCOUNT_FILES } from './account-file.js';

/** Which of the default account file names (./qualifio-account.{yaml,yml,json}) exist in `cwd`. */
export async function presentDefaultAccountFiles(cwd: string): Promise<string[]> {
  const present: string[] = [];
  for (const name of DEFAULT_ACCOUNT_FILES) {
    try {
      await access(resolve(cwd, name));
      present.push(name);
    } catch {
      // not there
    }
  }
  return present;
}
