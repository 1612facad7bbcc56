/** Loads a TypeScript or JavaScript implementation from anywhere on disk. */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ServiceFactory } from '../check/service.ts';
import { errorText } from '../check/callService.ts';
import { resolveFactory } from './resolveFactory.ts';

/** Raised when an implementation cannot be loaded; the message is one line for the user. */
export class LoadError extends Error {}

export const MODULE_EXTENSIONS = ['.ts', '.mts', '.js', '.mjs'] as const;

/** Imports `file` (TypeScript loads through tsx, no build step) and returns its server factory. */
export async function loadModule(file: string): Promise<ServiceFactory> {
  const absolute = checkModulePath(file);
  let exports: Record<string, unknown>;
  try {
    exports = (await importTypeScriptAware(absolute)) as Record<string, unknown>;
  } catch (error) {
    throw new LoadError(`cannot load ${file}: ${firstLine(errorText(error))}`);
  }
  try {
    return resolveFactory(exports, file);
  } catch (error) {
    throw new LoadError(firstLine(errorText(error)).replace(/^NoServiceExport: /, ''));
  }
}

/** The module's absolute path, if it is a file sync-check can load; a LoadError otherwise. */
export function checkModulePath(file: string): string {
  const absolute = path.resolve(file);
  if (!existsSync(absolute)) throw new LoadError(`no such file: ${file}`);
  if (!statSync(absolute).isFile()) throw new LoadError(`not a file: ${file}`);
  const extension = path.extname(absolute);
  if (!(MODULE_EXTENSIONS as readonly string[]).includes(extension)) {
    throw new LoadError(`cannot load ${file}: expected one of ${MODULE_EXTENSIONS.join(' ')}`);
  }
  return absolute;
}

async function importTypeScriptAware(absolute: string): Promise<unknown> {
  // tsx's own API: loads .ts/.mts on demand without registering a global hook.
  const { tsImport } = await import('tsx/esm/api');
  return tsImport(pathToFileURL(absolute).href, import.meta.url);
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
