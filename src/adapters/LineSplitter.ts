/**
 * Splits a byte stream into lines, refusing any line longer than a limit:
 * a program that sends a gigabyte without a newline must become a finding,
 * not a RangeError inside the checker.
 */

export const MAX_LINE_BYTES = 128 * 1024 * 1024;

export interface LineEvents {
  /** The first bytes of a new line arrived (a reply has started: the program is not hung). */
  readonly onLineStart: () => void;
  readonly onLine: (line: string) => void;
  /** The line in progress passed the limit; the rest of the stream is ignored. */
  readonly onOversized: (bytes: number) => void;
}

export class LineSplitter {
  private chunks: Buffer[] = [];
  private length = 0;
  private broken = false;

  constructor(
    private readonly events: LineEvents,
    private readonly limit = MAX_LINE_BYTES,
  ) {}

  write(chunk: Buffer): void {
    let rest = chunk;
    while (!this.broken && rest.length > 0) {
      if (this.length === 0) this.events.onLineStart();
      const newline = rest.indexOf(0x0a);
      const piece = newline === -1 ? rest : rest.subarray(0, newline);
      this.length += piece.length;
      if (this.length > this.limit) {
        this.broken = true;
        this.chunks = [];
        this.events.onOversized(this.length);
        return;
      }
      this.chunks.push(piece);
      if (newline === -1) return;
      const line = Buffer.concat(this.chunks).toString('utf8');
      this.chunks = [];
      this.length = 0;
      this.events.onLine(line);
      rest = rest.subarray(newline + 1);
    }
  }
}
