// Progress for large inputs on stderr, only on a TTY: a single line rewritten in place, drawn
// once a file has taken a moment (small files never flicker) and at most every 100 ms.
export interface ProgressStream {
  write(s: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

const SHOW_AFTER_MS = 250;
const EVERY_MS = 100;

function mb(bytes: number): string {
  return (bytes / (1024 * 1024)).toFixed(1);
}

export class Progress {
  private name = '';
  private size: number | undefined;
  private startedAt = 0;
  private lastDraw = 0;
  private drawn = false;

  constructor(
    private readonly stream: ProgressStream,
    private readonly now: () => number = Date.now,
    /** Whether the line may be drawn now (not over a line of output left unfinished on the same terminal). */
    private readonly mayDraw: () => boolean = () => true,
  ) {}

  get enabled(): boolean {
    return this.stream.isTTY === true;
  }

  start(name: string, size: number | undefined): void {
    this.name = name;
    this.size = size;
    this.startedAt = this.now();
    this.lastDraw = 0;
  }

  update(bytesRead: number): void {
    if (!this.enabled) return;
    const t = this.now();
    if (t - this.startedAt < SHOW_AFTER_MS || t - this.lastDraw < EVERY_MS || !this.mayDraw()) return;
    this.lastDraw = t;
    const rate = bytesRead / Math.max(1, t - this.startedAt) / 1048.576;
    const amount =
      this.size && this.size > 0
        ? `${Math.min(100, Math.floor((bytesRead / this.size) * 100))}% (${mb(bytesRead)}/${mb(this.size)} MB)`
        : `${mb(bytesRead)} MB`;
    let line = `cdrlint: ${this.name} ${amount}, ${rate.toFixed(1)} MB/s`;
    const width = (this.stream.columns ?? 80) - 1;
    if (line.length > width) line = `${line.slice(0, Math.max(0, width - 1))}\u2026`;
    this.stream.write(`\r\u001b[K${line}`);
    this.drawn = true;
  }

  /** Clears the line so that results print on a clean screen. */
  done(): void {
    if (this.drawn) this.stream.write('\r\u001b[K');
    this.drawn = false;
  }
}
