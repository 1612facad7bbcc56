/** What an implementation wrote to stdout or stderr: kept apart from the checker's output, bounded, shown in reports. */

const LINES_KEPT = 20;
const LINE_WIDTH = 200;

export interface CapturedOutput {
  /** Lines written in total. */
  readonly lines: number;
  /** The first lines, each cut to a readable width. */
  readonly firstLines: readonly string[];
}

export class OutputCapture {
  private lines = 0;
  private readonly kept: string[] = [];
  private partial = '';

  /** Takes a chunk of the implementation's output. */
  write(chunk: Buffer | string): void {
    const text = this.partial + chunk.toString();
    const parts = text.split('\n');
    this.partial = (parts.pop() ?? '').slice(0, LINE_WIDTH * 4);
    for (const line of parts) this.keep(line);
  }

  /** Everything captured so far, the unfinished last line included. */
  summary(): CapturedOutput {
    const pending = this.partial === '' ? 0 : 1;
    const firstLines = pending === 1 && this.kept.length < LINES_KEPT ? [...this.kept, cut(this.partial)] : [...this.kept];
    return { lines: this.lines + pending, firstLines };
  }

  private keep(line: string): void {
    this.lines++;
    if (this.kept.length < LINES_KEPT) this.kept.push(cut(line));
  }
}

function cut(line: string): string {
  return line.length > LINE_WIDTH ? `${line.slice(0, LINE_WIDTH - 3)}...` : line;
}
