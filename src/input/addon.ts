/**
 * The native addons built at install (scripts/build-native.mjs): one loader for
 * both, so that where they are looked for is said once.
 */
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * build/Release/<name>.node, or null when it is not built or does not load.
 * This module is two levels below the package root both as dist/input/addon.js
 * and bundled in dist/bundle/.
 */
export function loadAddon<T>(name: 'mapfile' | 'scan'): T | null {
  try {
    const require = createRequire(import.meta.url);
    return require(fileURLToPath(new URL(`../../build/Release/${name}.node`, import.meta.url))) as T;
  } catch {
    return null;
  }
}
