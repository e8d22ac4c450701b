/**
 * Orders the drawing work of a document: pages on screen first, then their neighbours, then
 * thumbnails. A task starts only when fewer than `concurrency` tasks run and none of them is more
 * urgent, so the page the user looks at never waits behind a thumbnail or an off-screen page.
 */

/** Lower is more urgent. */
export const PRIORITY = { visible: 0, nearby: 1, thumbnail: 2 } as const;

interface Waiting {
  priority: number;
  order: number;
  grant(release: () => void): void;
}

export class RenderQueue {
  readonly #concurrency: number;
  readonly #running: number[] = [];
  #waiting: Waiting[] = [];
  #order = 0;

  constructor(concurrency = 2) {
    this.#concurrency = concurrency;
  }

  /**
   * Resolves with a release function once the task may start. Call `release` when done (or
   * cancelled); `signal.aborted` before the grant drops the task from the queue.
   */
  acquire(priority: number, signal?: AbortSignal): Promise<() => void> {
    return new Promise((resolve, reject) => {
      const waiting: Waiting = { priority, order: this.#order++, grant: resolve };
      this.#waiting.push(waiting);
      signal?.addEventListener(
        'abort',
        () => {
          const before = this.#waiting.length;
          this.#waiting = this.#waiting.filter((entry) => entry !== waiting);
          if (this.#waiting.length !== before) reject(signal.reason);
        },
        { once: true },
      );
      this.#pump();
    });
  }

  get running(): number {
    return this.#running.length;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  #pump(): void {
    while (this.#running.length < this.#concurrency && this.#waiting.length > 0) {
      this.#waiting.sort((a, b) => a.priority - b.priority || a.order - b.order);
      const next = this.#waiting[0];
      if (!next) return;
      if (this.#running.some((priority) => priority < next.priority)) return;
      this.#waiting.shift();
      this.#running.push(next.priority);
      let released = false;
      next.grant(() => {
        if (released) return;
        released = true;
        this.#running.splice(this.#running.indexOf(next.priority), 1);
        this.#pump();
      });
    }
  }
}
