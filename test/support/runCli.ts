/** Runs sync-check in-process and collects what it prints. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { syncCheck } from '../../src/cli/syncCheck.ts';

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
