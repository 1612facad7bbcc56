#!/usr/bin/env node
// npm run build (and prepare, so npm ci, npm pack and npx in this repo build too):
// dist/ from scratch. tsc -p tsconfig.build.json emits the JS, declarations and
// both kinds of maps, rewriting the sources' .ts imports to .js; this adds what
// tsc does not emit. The build goes to a staging folder beside dist/ (same depth,
// so the maps' relative paths hold) that then replaces dist/ in one rename: a
// build running at the same time as another (npm pack in one test file, npx's
// prepare in another) or as a check that uses dist/ never shows a half-built tree.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import process from 'node:process';

const root = path.resolve(import.meta.dirname, '..');
const dist = path.join(root, 'dist');
const staging = path.join(root, `dist.staging-${process.pid}`);

class BuildError extends Error {}

/**
 * The bin as one file: Node reads one file where it would resolve and compile
 * some 170 (a third of the CLI's start, 0.44 s -> 0.28 s for --help). Packages
 * stay imports. Each compiled file's `import.meta` keeps meaning that file's
 * place in dist/ (the Python adapter beside loadImplementation.js, the worker
 * entries, package.json above), computed from the bin's own place, so the
 * bundle works wherever the package is installed.
 */
/** @param {string} entry @param {string} outfile */
async function bundleBin(entry, outfile) {
  const esbuild = await import('esbuild');
  /** @type {import('esbuild').Plugin} */
  const eachFilesOwnImportMeta = {
    name: 'each-files-own-import-meta',
    setup(build) {
      build.onLoad({ filter: /\.js$/ }, (args) => {
        const file = JSON.stringify(path.relative(staging, args.path).split(path.sep).join('/'));
        /** @type {Record<string, string>} */
        const fields = {
          url: `__syncCheckFileUrl(__syncCheckJoin(__syncCheckDist, ${file})).href`,
          dirname: `__syncCheckDirname(__syncCheckJoin(__syncCheckDist, ${file}))`,
          filename: `__syncCheckJoin(__syncCheckDist, ${file})`,
        };
        const contents = readFileSync(args.path, 'utf8').replace(/\bimport\.meta\.(url|dirname|filename)\b/g, (_, /** @type {string} */ field) => fields[field] ?? '');
        return { contents, loader: 'js' };
      });
    },
  };
  await esbuild.build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'esm',
    platform: 'node',
    target: `node${process.versions.node}`,
    packages: 'external',
    keepNames: true,
    sourcemap: true,
    logLevel: 'error',
    plugins: [eachFilesOwnImportMeta],
    banner: {
      js: [
        '#!/usr/bin/env node',
        "// sync-check, compiled into one file by scripts/build.mjs: the checker itself needs no tsx (users' TypeScript files load through it).",
        "import { dirname as __syncCheckDirname, join as __syncCheckJoin } from 'node:path';",
        "import { pathToFileURL as __syncCheckFileUrl } from 'node:url';",
        "const __syncCheckDist = __syncCheckJoin(import.meta.dirname, '..');",
      ].join('\n'),
    },
  });
}

rmSync(staging, { recursive: true, force: true });
try {
  // typescript's exports list only package.json: its bin is found beside that.
  const tsc = path.join(path.dirname(createRequire(import.meta.url).resolve('typescript/package.json')), 'bin/tsc');
  // --no-check (npm test, right after `npm run typecheck` passed): emit without checking the types a second time.
  const noCheck = process.argv.includes('--no-check') ? ['--noCheck'] : [];
  const compiled = spawnSync(process.execPath, [tsc, '-p', path.join(root, 'tsconfig.build.json'), '--outDir', staging, ...noCheck], { cwd: root, stdio: 'inherit' });
  if (compiled.status !== 0) throw new BuildError(`tsc -p tsconfig.build.json failed (${compiled.error?.message ?? `exit ${compiled.status ?? compiled.signal}`})`);

  // What tsc does not copy, each found next to the code that uses it, in src/ and in dist/src/ alike: the Python
  // adapter (PYTHON_ADAPTER, next to loadImplementation) and the Python original's harness (sync-check bench).
  for (const asset of ['src/adapters/python/sync_adapter.py', 'src/adapters/python/sync_fork_server.py', 'src/bench/original_harness.py']) {
    mkdirSync(path.dirname(path.join(staging, asset)), { recursive: true });
    copyFileSync(path.join(root, asset), path.join(staging, asset));
  }

  // The installed bin: the compiled CLI as one file (see bundleBin). The worker threads need no entry here:
  // compiled, the code starts implementationWorker.js and soakWorker.js directly (the .mjs entries that
  // register tsx first are for running from sources).
  const bin = path.join(staging, 'bin/sync-check.js');
  await bundleBin(path.join(staging, 'src/cli/main.js'), bin);
  chmodSync(bin, 0o755);

  // A concurrent build may put its dist/ back between the rm and the rename: then again.
  for (let attempt = 1; ; attempt++) {
    rmSync(dist, { recursive: true, force: true });
    try {
      renameSync(staging, dist);
      break;
    } catch (error) {
      if (attempt >= 5 || !['ENOTEMPTY', 'EEXIST'].includes(/** @type {NodeJS.ErrnoException} */ (error).code ?? '')) throw error;
    }
  }
} catch (error) {
  // tsc has printed its errors: one line here, no stack.
  if (!(error instanceof BuildError)) throw error;
  process.stderr.write(`build: ${error.message}\n`);
  process.exitCode = 1;
} finally {
  rmSync(staging, { recursive: true, force: true });
}
