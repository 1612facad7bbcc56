/** Finds the server factory in a loaded module (docs/protocol.md, A minimal correct server). */
import type { ServiceFactory, ServiceLike } from '../check/service.ts';

/** Raised when a module exports nothing the checker can use; the message is one line for the user. */
export class NoServiceExport extends Error {}

type Exports = Readonly<Record<string, unknown>>;
type AnyFunction = (...args: never[]) => unknown;

/**
 * How deep interop wrappers are unwrapped. tsx hands a CommonJS-compiled module
 * to `import()` as `{ default: module.exports }`, and esbuild's own ESM-to-CJS
 * output adds one more `default`, so two layers are real; the rest is headroom.
 */
const MAX_INTEROP_LAYERS = 4;

/** Keys interop machinery adds, which say nothing about what the user exported. */
const INTEROP_KEYS = new Set(['default', '__esModule', 'module.exports']);

/**
 * The factory a module offers: `createSyncService()`, or a class `SyncService`
 * (named or default), or a default export that is a factory function, found
 * through however many interop layers (`{ default: { default: X } }`) the
 * module arrived in. A name the user wrote wins over a bare default.
 */
export function resolveFactory(moduleExports: Exports, where: string): ServiceFactory {
  const layers = interopLayers(moduleExports);
  for (const exports of layers) {
    const named = namedFactory(exports, where);
    if (named !== undefined) return named;
  }
  const innermostDefault = layers.at(-1)?.default;
  if (typeof innermostDefault === 'function') return factoryFromFunction(innermostDefault as AnyFunction, where);
  throw new NoServiceExport(
    `${where} exports neither createSyncService() nor a class SyncService (named or default); it exports ${exportedNames(layers)}`,
  );
}

/** The module's namespace, then each object its `default` wraps, outermost first. */
function interopLayers(moduleExports: Exports): Exports[] {
  const layers: Exports[] = [moduleExports];
  let inner = moduleExports.default;
  // A module may point its default at itself (`exports.default = exports`): stop at a layer already seen.
  while (isObject(inner) && !layers.includes(inner) && layers.length < MAX_INTEROP_LAYERS) {
    layers.push(inner);
    inner = inner.default;
  }
  return layers;
}

/** `createSyncService` or `SyncService` in one layer, if either is there. */
function namedFactory(exports: Exports, where: string): ServiceFactory | undefined {
  const create = exports.createSyncService;
  if (typeof create === 'function') return factoryFromFunction(create as AnyFunction, where);
  const named = exports.SyncService;
  // The name promises a class, so any function `new` accepts is one (an old-style constructor too).
  if (isConstructible(named)) return () => checked(new named(), where);
  if (typeof named === 'function') return () => checked((named as AnyFunction)(), where);
  return undefined;
}

/** A class is constructed; any other function is a factory, and called. */
function factoryFromFunction(value: AnyFunction, where: string): ServiceFactory {
  if (isServerClass(value)) return () => checked(new value(), where);
  return () => checked(value(), where);
}

/**
 * A class, or an old-style constructor function whose prototype carries
 * `onMessage`. A plain `function createSyncService() {}` has a prototype too,
 * so having one is not enough to call it with `new`.
 */
function isServerClass(value: AnyFunction): value is AnyFunction & (new () => unknown) {
  if (/^class[\s{]/.test(Function.prototype.toString.call(value))) return true;
  const prototype = (value as { prototype?: unknown }).prototype;
  return isObject(prototype) && typeof prototype.onMessage === 'function';
}

function isConstructible(value: unknown): value is new () => unknown {
  return typeof value === 'function' && typeof (value as { prototype?: unknown }).prototype === 'object';
}

function isObject(value: unknown): value is Exports {
  return typeof value === 'object' && value !== null;
}

/** What the module exports, with the interop wrappers peeled off, for the error message. */
function exportedNames(layers: readonly Exports[]): string {
  const names = new Set<string>();
  layers.forEach((exports, depth) => {
    const wrapsAnother = depth < layers.length - 1;
    for (const name of Object.keys(exports)) {
      if (!INTEROP_KEYS.has(name) || (name === 'default' && !wrapsAnother)) names.add(name);
    }
  });
  return [...names].join(', ') || 'nothing';
}

function checked(instance: unknown, where: string): ServiceLike | Promise<ServiceLike> {
  if (instance instanceof Promise) return instance.then((resolved: unknown) => assertService(resolved, where));
  return assertService(instance, where);
}

function assertService(instance: unknown, where: string): ServiceLike {
  if (typeof instance === 'object' && instance !== null && typeof (instance as ServiceLike).onMessage === 'function') {
    return instance as ServiceLike;
  }
  throw new TypeError(`the server made by ${where} has no onMessage method`);
}
