/**
 * A cap on multipart bodies read at once. Each upload in progress holds up to 10 MB in memory
 * (multer's memory storage), and a client can trickle one slowly; without a cap, many slow
 * uploads hold that much each. Past the cap an upload waits, unread (its bytes stay in the
 * kernel's buffers), until a slot frees or the server's request timeout ends it.
 */
export const UPLOAD_SLOTS = 8;

export class UploadSlots {
  private reading = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly size: number = UPLOAD_SLOTS) {}

  /** Resolves with the release function once a slot is free. */
  async acquire(): Promise<() => void> {
    if (this.reading >= this.size) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.reading += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The slot passes straight to the next upload in line.
      if (next) next();
      else this.reading -= 1;
    };
  }

  stats(): { reading: number; waiting: number; slots: number } {
    return { reading: this.reading, waiting: this.waiting.length, slots: this.size };
  }
}
