/**
 * The package as a user gets it (issue 12): `npm pack` of a dist/ built from
 * the current sources (`npm test` has just built it; when a source is newer,
 * this suite builds it again first, as pack's prepare script would), so the tarball is never stale,
 * installed from the tarball into a fresh project, then used from there: the
 * bin, the library from plain node (ESM and CommonJS, no tsx, no vitest), and
 * its declarations under tsc's node16/nodenext resolution with `--strict` and
 * no `skipLibCheck`. Dependencies come from the npm cache `npm ci` filled;
 * TypeScript, @types/node and vitest are this repo's own.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { distIsFresh } from './support/builtDist.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const FIXTURES = path.join(ROOT, 'test/fixtures');
/** npm pack (a full build) and npm install on a loaded 2-core machine take a while. */
const TIMEOUT_MS = 300_000;
const NAME = 'sync-protocol-check';

/** The environment minus npm's own variables: an `npm test` around this suite must not steer the nested npm commands (its prefix, its package). */
const ENV = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.toLowerCase().startsWith('npm_')));

interface Result {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function run(command: string, args: readonly string[], cwd: string): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: ENV });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Runs a command that must succeed; its output in the error otherwise. */
async function succeed(command: string, args: readonly string[], cwd: string): Promise<Result> {
  const result = await run(command, args, cwd);
  if (result.code !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
  return result;
}

/** An implementation written in the consumer's script: the exercise's own solution style (a warning, L2, at worst). */
const ONE_RECORD_PER_REPLY = `class OneRecordPerReply {
  records = [];
  onMessage(data) {
    if (data?.type === 'record') {
      this.records.push(data);
      return undefined;
    }
    if (data?.type === 'probe' && data.from !== undefined && data.from < this.records.length) {
      return { type: 'update', from: data.from, data: [this.records[data.from]] };
    }
    return { type: 'update', from: Number.POSITIVE_INFINITY, data: [] };
  }
}
class SyncsNothing {
  onMessage(message) {
    if (message?.type === 'probe') return { type: 'update', from: message.from, data: [] };
    return message?.type === 'record' ? undefined : { type: 'noop' };
  }
}`;

const REPORT_VERDICTS = `const good = await checkConformance(OneRecordPerReply, { seed: 1, runs: 10 });
const bad = await checkConformance(SyncsNothing, { seed: 1, runs: 10 });
console.log(JSON.stringify({ good: good.verdict, bad: bad.verdict }));`;

/** Uses the public API and its types the way a user's TypeScript would; must compile with zero errors. */
const TYPED_CONSUMER = `import { checkConformance, ReferenceSyncService, type JsonReport, type ServiceFactory, type ServiceLike } from '${NAME}';

class Mine extends ReferenceSyncService {}
const factory: ServiceFactory = () => new Mine();
const server: ServiceLike = await factory();
void server;
const report: JsonReport = await checkConformance(Mine, { seed: 1, runs: 10 });
const verdict: 'pass' | 'warn' | 'fail' | 'bounded' = report.verdict;
const fromPath: Promise<JsonReport> = checkConformance('./server.ts');
void fromPath;
console.log(verdict);
`;

/** The same from a CommonJS TypeScript module (require of the ESM package, as TypeScript's nodenext allows). */
const TYPED_COMMONJS_CONSUMER = `import { checkConformance, type JsonReport } from '${NAME}';

export async function verdictOf(file: string): Promise<JsonReport['verdict']> {
  return (await checkConformance(file, { seed: 1 })).verdict;
}
`;

describe('the npm package, installed from its tarball into a fresh project', () => {
  let work = '';
  let tarball = '';
  let project = '';

  beforeAll(async () => {
    work = mkdtempSync(path.join(tmpdir(), 'sync-check-package-'));
    // pack would run prepare (a full build); `npm test` has just built dist/, so build again only when a source is newer.
    if (!distIsFresh()) await succeed(process.execPath, [path.join(ROOT, 'scripts/build.mjs')], ROOT);
    await succeed('npm', ['pack', '--ignore-scripts', '--pack-destination', work], ROOT);
    const packed = readdirSync(work).filter((file) => file.endsWith('.tgz'));
    expect(packed).toHaveLength(1);
    tarball = path.join(work, packed[0] ?? '');
    project = path.join(work, 'consumer');
    mkdirSync(project);
    writeFileSync(path.join(project, 'package.json'), `${JSON.stringify({ name: 'consumer', version: '0.0.0', private: true, type: 'module' }, null, 2)}\n`);
    await succeed('npm', ['install', tarball, '--prefer-offline', '--no-audit', '--no-fund'], project);
    // @types/node (the API's types name AbortSignal) and vitest (the helper's optional peer) as a user who has
    // installed them has them: this repo's own copies, linked in rather than installed again (vitest's tree is
    // most of an install's time). Node resolves a linked package's own imports from where it really lives.
    for (const name of ['@types/node', 'vitest']) {
      mkdirSync(path.dirname(path.join(project, 'node_modules', name)), { recursive: true });
      symlinkSync(path.join(ROOT, 'node_modules', name), path.join(project, 'node_modules', name));
    }
  }, TIMEOUT_MS);

  /** The bin npm linked into the consumer, which `npx sync-check` runs there. */
  const installedBin = (): string => path.join(project, 'node_modules/.bin/sync-check');

  afterAll(() => {
    if (work !== '') rmSync(work, { recursive: true, force: true });
  });

  it('holds only dist/, README.md, LICENSE and package.json, and no TypeScript source', async () => {
    const { stdout } = await succeed('tar', ['-tzf', tarball], work);
    const files = stdout.split('\n').filter((line) => line !== '');
    const outside = files.filter((file) => !file.startsWith('package/dist/') && !['package/package.json', 'package/README.md', 'package/LICENSE'].includes(file));
    expect(outside).toEqual([]);
    expect(files.filter((file) => /\.[mc]?ts$/.test(file) && !/\.d\.[mc]?ts$/.test(file))).toEqual([]);
    expect(files).toEqual(expect.arrayContaining(['package/dist/bin/sync-check.js', 'package/dist/src/index.js', 'package/dist/src/index.d.ts', 'package/dist/src/adapters/python/sync_adapter.py', 'package/LICENSE']));
  });

  it('npx sync-check passes a correct implementation (exit 0) and fails a mutant (exit 1)', async () => {
    copyFileSync(path.join(FIXTURES, 'correct/originalStyle.ts'), path.join(project, 'server.ts'));
    copyFileSync(path.join(FIXTURES, 'mutants/syncsNothing.ts'), path.join(project, 'mutant.ts'));
    const out = path.join(work, 'failures');
    const correct = await run('npx', ['--no', 'sync-check', 'server.ts', '--runs', '15', '--out', out], project);
    expect(correct.code, correct.stdout + correct.stderr).toBe(0);
    expect(correct.stdout).toMatch(/verdict: (PASS|WARN)/);
    // npx found the installed bin above; the same bin again, without npx's own second.
    const mutant = await run(installedBin(), ['mutant.ts', '--runs', '15', '--out', out], project);
    expect(mutant.code, mutant.stdout + mutant.stderr).toBe(1);
    expect(mutant.stdout).toContain('verdict: FAIL');
  });

  it('the installed sync-check runs a Python solution through the adapter shipped in dist/', async () => {
    copyFileSync(path.join(FIXTURES, 'python/correct/reference.py'), path.join(project, 'reference.py'));
    const result = await run(installedBin(), ['reference.py', '--runs', '10', '--out', path.join(work, 'failures')], project);
    expect(result.code, result.stdout + result.stderr).toBe(0);
  });

  it('plain node imports the library (ESM and CommonJS) and checks classes defined in the script, without tsx', async () => {
    writeFileSync(path.join(project, 'esm.mjs'), `import { checkConformance } from '${NAME}';\n${ONE_RECORD_PER_REPLY}\n${REPORT_VERDICTS}\n`);
    writeFileSync(
      path.join(project, 'commonjs.cjs'),
      `const { checkConformance } = require('${NAME}');\n${ONE_RECORD_PER_REPLY}\n(async () => {\n${REPORT_VERDICTS}\n})();\n`,
    );
    // The checker's own code is compiled: it must not need tsx (only users' TypeScript files do).
    const tsx = path.join(project, 'node_modules/tsx');
    renameSync(tsx, `${tsx}-hidden`);
    try {
      for (const script of ['esm.mjs', 'commonjs.cjs']) {
        const { stdout } = await succeed(process.execPath, [script], project);
        const verdicts = JSON.parse(stdout.trim().split('\n').at(-1) ?? '') as { good: string; bad: string };
        expect(['pass', 'warn'], script).toContain(verdicts.good);
        expect(verdicts.bad, script).toBe('fail');
      }
    } finally {
      renameSync(`${tsx}-hidden`, tsx);
    }
  });

  it('its declarations type-check a consumer under nodenext, --strict, without skipLibCheck', async () => {
    writeFileSync(path.join(project, 'typed.ts'), TYPED_CONSUMER);
    writeFileSync(path.join(project, 'typed.cts'), TYPED_COMMONJS_CONSUMER);
    const tsc = path.join(ROOT, 'node_modules/typescript/bin/tsc');
    const args = ['--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--strict', '--noEmit', '--types', 'node', 'typed.ts', 'typed.cts'];
    const result = await run(process.execPath, [tsc, ...args], project);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.code).toBe(0);
  });

  it("a vitest suite uses the helper: one test per property and mode, a failure shows the trace and the replay command", async () => {
    writeFileSync(path.join(project, 'servers.mjs'), `${ONE_RECORD_PER_REPLY}\nexport { OneRecordPerReply, SyncsNothing };\n`);
    writeFileSync(path.join(project, 'good.mjs'), `import { OneRecordPerReply } from './servers.mjs';\nexport default OneRecordPerReply;\n`);
    writeFileSync(path.join(project, 'bad.mjs'), `import { SyncsNothing } from './servers.mjs';\nexport default SyncsNothing;\n`);
    writeFileSync(
      path.join(project, 'sync.test.mjs'),
      `import { describeConformance } from '${NAME}/vitest';
describeConformance('good server', './good.mjs', { seed: 1, runs: 30, mode: 'fifo' });
describeConformance('bad server', './bad.mjs', { seed: 1, runs: 30, mode: 'fifo' });
`,
    );
    const result = await run(process.execPath, ['node_modules/vitest/vitest.mjs', 'run', '--reporter', 'verbose', '--no-color'], project);
    const output = result.stdout + result.stderr;
    expect(result.code, output).toBe(1);
    expect(output).toMatch(/✓ .*good server > S1 agreement \(fifo\)/);
    expect(output).toMatch(/× .*bad server > L1 convergence \(fifo\)/);
    expect(output).toContain('L1 convergence FAILED');
    expect(output).toContain('replay: npx sync-check --replay');
    expect(output).toMatch(/Tests .*failed/);
  });
});
