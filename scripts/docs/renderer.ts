/**
 * Rendering blocks: each distinct command run once, a few at a time, and a
 * file's blocks compared with what they show now. Shared by `npm run docs`
 * (scripts/docs.mjs, which rewrites them) and test/docsUpToDate.test.ts (which
 * regenerates them and fails on drift), so the two can never disagree on what
 * a block should hold.
 */
import { rmSync } from 'node:fs';
import { runScript, runSyncCheck, runVitest, scriptAbove, type Run } from './commands.ts';
import { blockName, GENERATED_KINDS, normalise, parseBlocks, replaceBodies, splitSpec, words, type DocBlock } from './markers.ts';
import { fence, select } from './selection.ts';
import { optionTable, propertyTable } from './tables.ts';

export interface Renderer {
  /**
   * The new body of a block, or undefined for a block that is never regenerated
   * (measured figures). `text` is the file the block is in: a docs:script block
   * runs the example shown above it.
   */
  render(block: DocBlock, text?: string): Promise<string | undefined>;
  /** Removes the temporary folders of every run. */
  close(): Promise<void>;
}

interface Waiting {
  readonly task: () => Promise<Run>;
  readonly resolve: (run: Run) => void;
  readonly reject: (error: unknown) => void;
}

/** At most `limit` tasks in flight at once: the machine has two cores, and the suite shares them. */
function limiter(limit: number): (task: () => Promise<Run>) => Promise<Run> {
  let active = 0;
  const waiting: Waiting[] = [];
  const next = (): void => {
    if (active >= limit) return;
    const first = waiting.shift();
    if (first === undefined) return;
    active++;
    const { task, resolve, reject } = first;
    task()
      .then(resolve, reject)
      .finally(() => {
        active--;
        next();
      });
  };
  return (task) =>
    new Promise((resolve, reject) => {
      waiting.push({ task, resolve, reject });
      next();
    });
}

/**
 * Renders blocks. One instance runs each distinct command once (the README's
 * trace and diagram come from one run), at most `concurrency` at a time, and
 * removes its temporary folders on `close()`.
 */
export function createRenderer({ concurrency = 2 }: { concurrency?: number } = {}): Renderer {
  const limit = limiter(concurrency);
  const runs = new Map<string, Promise<Run>>();

  /** One run per distinct command (or script and its text), `concurrency` at a time. */
  function once(key: string, start: () => Promise<Run>): Promise<Run> {
    const known = runs.get(key);
    if (known !== undefined) return known;
    const started = limit(start);
    runs.set(key, started);
    return started;
  }

  /**
   * docs:run checks may run in this process (see runSyncCheck): a second or two
   * each, most of it a process start and a TypeScript load when spawned.
   * docs:slow ones get a bin of their own, as a user runs them: searches of a
   * minute sized to their process's memory, where a start-up is noise. A
   * command shown by both kinds runs once, however the first block asks for it.
   */
  function run(command: string, inProcess: boolean): Promise<Run> {
    const [program, ...args] = words(command);
    if (program === 'sync-check') return once(command, () => runSyncCheck(args, inProcess));
    return once(command, () => runVitest(command));
  }

  async function render(block: DocBlock, text = ''): Promise<string | undefined> {
    switch (block.kind) {
      case 'run':
      case 'slow': {
        const { command, selectors } = splitSpec(block.spec);
        return fence(select(await run(command, block.kind === 'run'), selectors));
      }
      case 'script': {
        const { command: script, selectors } = splitSpec(block.spec);
        const key = `${script}\n${scriptAbove(text, block.start, words(script)[0] ?? '')}`;
        return fence(select(await once(key, () => runScript(script, text, block.start)), selectors));
      }
      case 'options':
        return `${await optionTable(block.spec)}\n`;
      case 'properties':
        return `${await propertyTable()}\n`;
      case 'measured':
        return undefined;
      default:
        throw new Error(`unknown block kind docs:${block.kind}`);
    }
  }

  async function close(): Promise<void> {
    for (const pending of runs.values()) {
      const finished = await pending.catch(() => undefined);
      if (finished?.outDir !== undefined) rmSync(finished.outDir, { recursive: true, force: true });
    }
  }

  return { render, close };
}

/**
 * One file's blocks regenerated: the new bodies (undefined where a block is
 * left alone) and the names of the blocks whose shown text differs from them
 * once normalised. `kinds` limits which blocks are regenerated at all.
 */
export async function regenerateFile(
  file: string,
  text: string,
  renderer: Renderer,
  kinds: readonly string[] = GENERATED_KINDS,
): Promise<{ blocks: DocBlock[]; bodies: (string | undefined)[]; drifted: string[]; updated: string }> {
  const blocks = parseBlocks(text);
  const bodies = await Promise.all(blocks.map((block) => (kinds.includes(block.kind) ? renderer.render(block, text) : Promise.resolve(undefined))));
  const stale = blocks.map((block, index) => {
    const body = bodies[index];
    return body !== undefined && normalise(body) !== normalise(block.body);
  });
  const drifted = blocks.filter((_block, index) => stale[index]).map((block) => blockName(file, text, block));
  // A block that differs only in what normalise masks (a duration, a file hash) is kept: no churn in the diff.
  const updated = replaceBodies(text, blocks, bodies.map((body, index) => (stale[index] ? body : undefined)));
  return { blocks, bodies, drifted, updated };
}
