// Splits long work into tasks of a few milliseconds, so no task blocks the page for long.

const SLICE_MS = 8;

export class Budget {
  private deadline = performance.now() + SLICE_MS;

  expired(): boolean {
    return performance.now() >= this.deadline;
  }

  /** Gives the page a turn (input, rendering), then starts a new slice. */
  async yield(): Promise<void> {
    await new Promise<void>((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(null);
    });
    this.deadline = performance.now() + SLICE_MS;
  }
}
