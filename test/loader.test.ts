import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadModule } from '../src/adapters/loadModule.ts';
import { resolveFactory } from '../src/adapters/resolveFactory.ts';
import { FIXTURES } from './support/fixtures.ts';

class Named {
  onMessage(): unknown {
    return { type: 'noop' };
  }
}

describe('finding the server in a module (docs/protocol.md, A minimal correct server)', () => {
  it.each([
    { shape: 'createSyncService()', exports: { createSyncService: () => new Named() } },
    { shape: 'named class SyncService', exports: { SyncService: Named } },
    { shape: 'default class', exports: { default: Named } },
    { shape: 'default object with createSyncService()', exports: { default: { createSyncService: () => new Named() } } },
    { shape: 'default object with SyncService', exports: { default: { SyncService: Named } } },
  ])('accepts $shape and makes a fresh instance per run', async ({ exports }) => {
    const factory = resolveFactory(exports, 'module.ts');
    const first = await factory();
    const second = await factory();
    expect(first.onMessage({})).toEqual({ type: 'noop' });
    expect(second).not.toBe(first);
  });

  it('names what a module exports when nothing fits', () => {
    expect(() => resolveFactory({ helper: 1, Server: Named }, 'mine.ts')).toThrow(
      'mine.ts exports neither createSyncService() nor a class SyncService (named or default); it exports helper, Server',
    );
  });

  it('rejects a server without onMessage when it is made', () => {
    const factory = resolveFactory({ createSyncService: () => ({ handle: () => 1 }) }, 'odd.ts');
    expect(() => factory()).toThrow('the server made by odd.ts has no onMessage method');
  });
});

describe('loading implementation files', () => {
  it.each([
    { file: 'mutants/perDeviceLists.ts', shape: 'named class' },
    { file: 'mutants/offByOneSkip.ts', shape: 'default class' },
    { file: 'mutants/omitsOwnRecords.ts', shape: 'factory function' },
    { file: 'correct/annotatesRecords.ts', shape: 'default object' },
  ])('loads TypeScript without a build step: $file ($shape)', async ({ file }) => {
    const factory = await loadModule(path.join(FIXTURES, file));
    expect(typeof (await factory()).onMessage).toBe('function');
  });

  it.each([
    { file: 'does/not/exist.ts', message: 'no such file: does/not/exist.ts' },
    { file: FIXTURES, message: `not a file: ${FIXTURES}` },
    { file: path.join(FIXTURES, '../support/fixtures.ts'), message: 'exports neither createSyncService() nor a class SyncService' },
  ])('explains in one line why $file cannot be checked', async ({ file, message }) => {
    await expect(loadModule(file)).rejects.toThrow(message);
  });
});
