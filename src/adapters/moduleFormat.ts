/** Whether Node reads a file as an ES module: by its extension, else by the nearest package.json's "type". */
import { readFileSync } from 'node:fs';
import path from 'node:path';

const ALWAYS_ESM = new Set(['.mjs', '.mts']);
const BY_PACKAGE_TYPE = new Set(['.js', '.ts']);

export function nodeReadsAsEsm(file: string): boolean {
  const extension = path.extname(file);
  if (ALWAYS_ESM.has(extension)) return true;
  if (!BY_PACKAGE_TYPE.has(extension)) return false;
  return nearestPackageType(path.dirname(file)) === 'module';
}

/** The "type" of the package.json nearest above `folder` ("commonjs" when there is none, as Node reads it). */
function nearestPackageType(folder: string): string {
  for (let current = folder; ; current = path.dirname(current)) {
    const type = packageType(path.join(current, 'package.json'));
    if (type !== undefined) return type;
    if (path.dirname(current) === current) return 'commonjs';
  }
}

/** The "type" a package.json declares ("commonjs" when it declares none); undefined when there is no readable one. */
function packageType(file: string): string | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const type = (JSON.parse(text) as { type?: unknown }).type;
    return type === 'module' ? 'module' : 'commonjs';
  } catch {
    // Node refuses to load code under a package.json it cannot parse; tsx then reports that, not the bundle.
    return 'unreadable';
  }
}
