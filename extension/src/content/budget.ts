// Splits long work into tasks of a few milliseconds, so no task blocks the page for long.

const SLICE_MS = 8;

interface Scheduler {
  yield(): Promise<void>;
}

/** One channel for every yield (a new MessageChannel per yield costs more than the yield). */
let channel: MessageChannel | null = null;
const waiting: (() => void)[] = [];

function nextTask(): Promise<void> {
  // scheduler.yield (Chromium 129+, Firefox 142+) resumes ahead of other queued tasks once input
  // and rendering had their turn; elsewhere a message to ourselves is the fastest fresh task.
  const scheduler = (globalThis as { scheduler?: Partial<Scheduler> }).scheduler;
  if (typeof scheduler?.yield === "function") {
    try {
      return scheduler.yield().catch(viaChannel);
    } catch {
      // Not callable from this world: fall through.
    }
  }
  return viaChannel();
}

function viaChannel(): Promise<void> {
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()?.();
  }
  const port = channel.port2;
  return new Promise<void>((resolve) => {
    waiting.push(resolve);
    port.postMessage(null);
  });
}

export class Budget {
  private deadline = performance.now() + SLICE_MS;

  expired(): boolean {
    return performance.now() >= this.deadline;
  }

  /** Gives the page a turn (input, rendering), then starts a new slice. */
  async yield(): Promise<void> {
    await nextTask();
    this.deadline = performance.now() + SLICE_MS;
  }
}
