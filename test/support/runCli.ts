/** Runs sync-check in-process, or as the user's separate process, and collects what it prints. */
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { syncCheck } from '../../src/cli/syncCheck.ts';
import { BUILT_BIN, ROOT } from './builtDist.ts';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function runCli(argv: readonly string[]): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  const code = await syncCheck(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

/** A fresh folder for failure files, so tests never share a corpus. */
export function freshOutDir(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), 'sync-check-')), 'failures');
}

/** Runs the compiled bin as a user would: a separate Node process; `code` is null when a signal ended it. */
export function runBin(argv: readonly string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BUILT_BIN, ...argv], { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}
