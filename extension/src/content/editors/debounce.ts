// Typing debounce: re-checks wait until the writer pauses, so a burst of keystrokes costs one
// check, not one per key. Each keystroke only moves a timer.

export const TYPING_PAUSE_MS = 250;

export class Debounce {
  private timer = 0;

  constructor(
    private readonly run: () => void,
    private readonly ms = TYPING_PAUSE_MS,
  ) {}

  poke(): void {
    clearTimeout(this.timer);
    this.timer = window.setTimeout(() => {
      this.timer = 0;
      this.run();
    }, this.ms);
  }

  cancel(): void {
    clearTimeout(this.timer);
    this.timer = 0;
  }
}
