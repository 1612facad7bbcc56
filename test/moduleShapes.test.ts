/**
 * Issue 11: every common module shape loads, wherever the user's file lives. The
 * fixtures in test/fixtures/shapes are each a small correct server in one shape;
 * each is loaded in three places, because where a file sits decides whether a
 * .ts or .js file is ESM or CommonJS:
 *   - in this repo, whose package.json says "type": "module";
 *   - in a temporary folder with no package.json above it (.ts and .js are CommonJS);
 *   - in a temporary folder with its own package.json saying "type": "module".
 */
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LoadError, loadModule } from '../src/adapters/loadModule.ts';
import { resolveFactory } from '../src/adapters/resolveFactory.ts';
import { checkConformance } from '../src/index.ts';
import { FIXTURES } from './support/fixtures.ts';
import { freshOutDir, runBin } from './support/runCli.ts';
import { testRuns, testSeed } from './support/testSeed.ts';

const SHAPES = path.join(FIXTURES, 'shapes');
/** Few runs: the servers are all the reference; what is under test is that they load and get called right. */
const RUNS = testRuns(10);

/** A fixture's first line: the shape, and whether it needs a folder where .js is CommonJS. */
const SHAPE_HEADER = /^\/\/ shape: (.+); expect pass( outside a "type": "module" package)?$/;

interface Shape {
  readonly name: string;
  readonly description: string;
  /** CommonJS syntax in a .js file: Node reads it as ESM under "type": "module", where it cannot run. */
  readonly commonJsOnly: boolean;
}

interface Place {
  readonly label: string;
  readonly directory: string;
  /** True when the nearest package.json says "type": "module". */
  readonly esmPackage: boolean;
}

function shapeFixtures(): Shape[] {
  return readdirSync(SHAPES)
    .sort()
    .map((name) => {
      const header = readFileSync(path.join(SHAPES, name), 'utf8').split('\n')[0] ?? '';
      const match = SHAPE_HEADER.exec(header);
      if (match === null) throw new Error(`${name}: first line is not a shape header: ${header}`);
      return { name, description: match[1] ?? '', commonJsOnly: match[2] !== undefined };
    });
}

/** A fresh temporary folder holding a copy of every fixture, and a package.json if one is given. */
function copyOfShapes(packageJson?: object): string {
  const directory = mkdtempSync(path.join(tmpdir(), 'sync-check-shapes-'));
  for (const name of readdirSync(SHAPES)) copyFileSync(path.join(SHAPES, name), path.join(directory, name));
  if (packageJson !== undefined) writeFileSync(path.join(directory, 'package.json'), JSON.stringify(packageJson));
  return directory;
}

/** The package.json Node would consult for `directory`, if any: the nearest one up the tree. */
function nearestPackageJson(directory: string): string | undefined {
  for (let current = directory; ; current = path.dirname(current)) {
    const candidate = path.join(current, 'package.json');
    if (existsSync(candidate)) return candidate;
    if (path.dirname(current) === current) return undefined;
  }
}

const SHAPE_LIST = shapeFixtures();
const WITHOUT_PACKAGE = copyOfShapes();
const UNDER_ESM_PACKAGE = copyOfShapes({ type: 'module' });

afterAll(() => {
  for (const directory of [WITHOUT_PACKAGE, UNDER_ESM_PACKAGE]) rmSync(directory, { recursive: true, force: true });
});

const PLACES: readonly Place[] = [
  { label: 'in this repo ("type": "module")', directory: SHAPES, esmPackage: true },
  { label: 'in a folder with no package.json', directory: WITHOUT_PACKAGE, esmPackage: false },
  { label: 'in a folder whose package.json says "type": "module"', directory: UNDER_ESM_PACKAGE, esmPackage: true },
];

/** Every fixture in every place, with whether it must load there. */
const CASES = PLACES.flatMap((place) =>
  SHAPE_LIST.map((shape) => ({ ...shape, place, loads: !(shape.commonJsOnly && place.esmPackage) })),
);

async function loadError(file: string): Promise<unknown> {
  try {
    await loadModule(file);
  } catch (error) {
    return error;
  }
  throw new Error(`${file} loaded, but was expected to be refused`);
}

describe('the places the shapes are loaded from', () => {
  it('every fixture states its shape on its first line', () => {
    expect(SHAPE_LIST.length).toBeGreaterThanOrEqual(10);
  });

  it('the folder without a package.json has none above it either, so .ts and .js there are CommonJS', () => {
    expect(nearestPackageJson(WITHOUT_PACKAGE)).toBeUndefined();
  });

  it('the other two places are ESM packages', () => {
    for (const directory of [SHAPES, UNDER_ESM_PACKAGE]) {
      const packageJson = nearestPackageJson(directory);
      expect(packageJson).toBeDefined();
      expect(JSON.parse(readFileSync(packageJson ?? '', 'utf8'))).toMatchObject({ type: 'module' });
    }
  });
});

describe('every module shape loads and passes (issue 11)', () => {
  it.each(CASES.filter((shape) => shape.loads))('$name $place.label: $description', async ({ name, place }) => {
    const factory = await loadModule(path.join(place.directory, name));
    const report = await checkConformance(factory, { seed: testSeed, runs: RUNS });
    const notPassing = report.properties.filter((property) => property.status !== 'pass' && property.status !== 'n/a');
    expect(report.verdict, JSON.stringify(notPassing)).toBe('pass');
  });

  it.each(CASES.filter((shape) => !shape.loads))(
    '$name $place.label is refused in one line that says how to fix it',
    async ({ name, place }) => {
      const error = await loadError(path.join(place.directory, name));
      expect(error).toBeInstanceOf(LoadError);
      const message = (error as LoadError).message;
      expect(message).not.toContain('\n');
      expect(message).toMatch(/^cannot load .*: ReferenceError: module is not defined in ES module scope .*rename it \.cjs to load it as CommonJS\)$/);
    },
  );

  it('sync-check exits 0 on a default-exported class in a folder with no package.json', async () => {
    const result = await runBin([path.join(WITHOUT_PACKAGE, 'defaultClass.ts'), '--runs', '20', '--out', freshOutDir()]);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('verdict: PASS');
  });
});

class Server {
  onMessage(): unknown {
    return { type: 'noop' };
  }
}

/** An old-style constructor: no `class` syntax, its method on the prototype; it must be called with `new`. */
function OldStyleServer(this: unknown): void {
  if (new.target === undefined) throw new Error('called without new');
}
(OldStyleServer.prototype as { onMessage: () => unknown }).onMessage = () => ({ type: 'noop' });

/** A default-exported factory declared with `function`: it has a prototype too, yet must be called, not constructed. */
function createServer(): Server {
  if (new.target !== undefined) throw new Error('constructed with new');
  return new Server();
}

describe('finding the server through interop layers', () => {
  it.each<{ shape: string; exports: Record<string, unknown> }>([
    { shape: '{ default: { default: class } } (a default class in a CommonJS .ts)', exports: { default: { default: Server } } },
    { shape: '{ default: { SyncService } } (module.exports = { SyncService })', exports: { default: { SyncService: Server } } },
    { shape: '{ default: { default: { createSyncService } } }', exports: { default: { default: { createSyncService: createServer } } } },
    { shape: '{ default: { default: function factory } }', exports: { default: { default: createServer } } },
    { shape: 'a default arrow factory', exports: { default: () => new Server() } },
    { shape: 'a default async factory', exports: { default: async () => Promise.resolve(new Server()) } },
    { shape: 'a default old-style constructor', exports: { default: OldStyleServer } },
    { shape: 'a named old-style constructor SyncService', exports: { SyncService: OldStyleServer } },
  ])('accepts $shape', async ({ exports }) => {
    const server = await resolveFactory(exports, 'module.ts')();
    expect(server.onMessage({})).toEqual({ type: 'noop' });
  });

  it.each([
    { exports: { default: { default: { Server } } }, exported: 'Server' },
    { exports: { default: { helper: 1 } }, exported: 'helper' },
    { exports: { default: 42 }, exported: 'default' },
    { exports: { default: {} }, exported: 'nothing' },
    { exports: selfWrapping({ helper: 1 }), exported: 'helper' },
  ])('names what is really exported, wrappers peeled off: $exported', ({ exports, exported }) => {
    expect(() => resolveFactory(exports, 'mine.ts')).toThrow(
      `mine.ts exports neither createSyncService() nor a class SyncService (named or default); it exports ${exported}`,
    );
  });
});

/** `exports.default = exports`, which some compilers emit: the unwrapping must stop. */
function selfWrapping(exports: Record<string, unknown>): Record<string, unknown> {
  exports.default = exports;
  return exports;
}
