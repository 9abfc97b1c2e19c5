/** A one-line progress bar redrawn in place on a terminal. */
export class ProgressBar {
  private readonly write: (s: string) => void;
  private readonly width: number;
  private drawn = false;

  constructor(write: (s: string) => void, width = 30) {
    this.write = write;
    this.width = width;
  }

  update(done: number, total: number): void {
    const share = total > 0 ? Math.min(1, done / total) : 1;
    const filled = Math.round(share * this.width);
    const bar = `${'█'.repeat(filled)}${'░'.repeat(this.width - filled)}`;
    this.write(
      `\r${bar} ${(share * 100).toFixed(0).padStart(3)}%  ${done.toLocaleString('en-US')} / ${total.toLocaleString('en-US')} trials`,
    );
    this.drawn = true;
  }

  clear(): void {
    if (this.drawn) this.write('\r\x1b[2K');
    this.drawn = false;
  }
}
