/** Loads a TypeScript or JavaScript implementation from anywhere on disk. */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ServiceFactory } from '../check/service.ts';
import { errorText } from '../check/callService.ts';
import { NoServiceExport, resolveFactory } from './resolveFactory.ts';

/** Raised when an implementation cannot be loaded; the message is one line for the user. */
export class LoadError extends Error {}

/** ESM, CommonJS and either-by-package.json, for TypeScript and JavaScript alike. */
export const MODULE_EXTENSIONS = ['.ts', '.mts', '.cts', '.js', '.mjs', '.cjs'] as const;

/**
 * Imports `file` and returns its server factory: from `bundle` (the same code as
 * one plain ESM file, moduleBundle.ts) with Node alone when there is one, else
 * through tsx (TypeScript with no build step).
 */
export async function loadModule(file: string, bundle?: string): Promise<ServiceFactory> {
  const absolute = checkModulePath(file);
  let exports: Record<string, unknown>;
  try {
    exports = (await (bundle === undefined ? importTypeScriptAware(absolute) : import(pathToFileURL(bundle).href))) as Record<string, unknown>;
  } catch (error) {
    throw new LoadError(`cannot load ${file}: ${firstLine(errorText(error))}${commonJsHint(error, path.extname(absolute))}`);
  }
  try {
    return resolveFactory(exports, file);
  } catch (error) {
    // NoServiceExport's message is already the user's one line; errorText would prefix "Error: ".
    throw new LoadError(error instanceof NoServiceExport ? error.message : firstLine(errorText(error)));
  }
}

/** The module's absolute path, if it is a file sync-check can load; a LoadError otherwise. */
export function checkModulePath(file: string): string {
  const absolute = path.resolve(file);
  if (!existsSync(absolute)) throw new LoadError(`no such file: ${file}`);
  if (!statSync(absolute).isFile()) throw new LoadError(`not a file: ${file}`);
  const extension = path.extname(absolute);
  if (!(MODULE_EXTENSIONS as readonly string[]).includes(extension)) {
    throw new LoadError(`cannot load ${file}: expected a ${extensionList()} file`);
  }
  return absolute;
}

async function importTypeScriptAware(absolute: string): Promise<unknown> {
  // tsx's own API: loads .ts/.mts/.cts on demand without registering a global hook.
  const { tsImport } = await import('tsx/esm/api');
  return tsImport(pathToFileURL(absolute).href, import.meta.url);
}

/** ".ts, .mts, .cts, .js, .mjs or .cjs" */
function extensionList(): string {
  return `${MODULE_EXTENSIONS.slice(0, -1).join(', ')} or ${MODULE_EXTENSIONS.at(-1)}`;
}

/**
 * CommonJS code in a file Node reads as ESM fails with "module is not defined in
 * ES module scope"; Node puts the remedy on a second line, which the one-line
 * message drops, so name it here.
 */
function commonJsHint(error: unknown, extension: string): string {
  if (!(error instanceof Error) || !/ is not defined in ES module scope/.test(error.message)) return '';
  const commonJsExtension = extension.endsWith('ts') ? '.cts' : '.cjs';
  return ` (Node reads it as ESM because of its extension or the nearest package.json's "type": "module"; rename it ${commonJsExtension} to load it as CommonJS)`;
}

function firstLine(text: string): string {
  return text.split('\n')[0] ?? text;
}
