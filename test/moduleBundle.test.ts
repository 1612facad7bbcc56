/**
 * Which implementations are bundled for their worker thread (src/adapters/moduleBundle.ts)
 * and which tsx loads as before: only code that behaves the same bundled.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleModule } from '../src/adapters/moduleBundle.ts';
import { loadModule } from '../src/adapters/loadModule.ts';
import { FIXTURES } from './support/fixtures.ts';

const SERVER = 'export class SyncService { onMessage(message: unknown) { return message === null ? undefined : { type: "update", from: 0, data: [] }; } }\n';

/** A folder holding `files`, with a package.json of `type` (none when undefined). */
function folderWith(files: Record<string, string>, type?: string): string {
  const folder = mkdtempSync(path.join(tmpdir(), 'sync-check-bundle-test-'));
  if (type !== undefined) writeFileSync(path.join(folder, 'package.json'), JSON.stringify({ type }));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(folder, name), text);
  return folder;
}

describe('bundling an implementation for its worker thread', () => {
  it('bundles ESM files that import each other and Node modules, and the bundle exports the same server', async () => {
    const folder = folderWith({ 'server.ts': `import { helper } from './helper.ts';\nimport { createHash } from 'node:crypto';\nvoid createHash; void helper;\n${SERVER}`, 'helper.ts': 'export const helper = 1;\n' }, 'module');
    const bundle = await bundleModule(path.join(folder, 'server.ts'));
    expect(bundle).toBeDefined();
    const factory = await loadModule(path.join(folder, 'server.ts'), bundle?.file);
    expect(await (await factory()).onMessage({ type: 'probe' })).toEqual({ type: 'update', from: 0, data: [] });
    bundle?.remove();
  });

  it.each([
    { why: 'import.meta (it names the file)', files: { 'server.ts': `const here = import.meta.url;\nvoid here;\n${SERVER}` }, type: 'module' },
    { why: 'a package import (resolved by the package)', files: { 'server.ts': `import fc from 'fast-check';\nvoid fc;\n${SERVER}` }, type: 'module' },
    { why: 'a dynamic import', files: { 'server.ts': `const later = () => import('./x.ts');\nvoid later;\n${SERVER}` }, type: 'module' },
    { why: 'a .ts file Node reads as CommonJS (no "type": "module")', files: { 'server.ts': SERVER }, type: undefined },
    { why: 'require', files: { 'server.ts': `declare const require: (id: string) => unknown;\nconst fs = require('node:fs');\nvoid fs;\n${SERVER}` }, type: 'module' },
    { why: 'a syntax error (tsx reports it as before)', files: { 'server.ts': 'export class {' }, type: 'module' },
  ])('leaves to tsx a module with $why', async ({ files, type }) => {
    expect(await bundleModule(path.join(folderWith(files, type), 'server.ts'))).toBeUndefined();
  });

  it("bundles the repository's own fixtures (its package.json says module)", async () => {
    const bundle = await bundleModule(path.join(FIXTURES, 'correct/asyncReference.ts'));
    expect(bundle).toBeDefined();
    bundle?.remove();
  });
});
