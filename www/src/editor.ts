// A textarea whose claims are highlighted: the CSS Custom Highlight API cannot reach inside a
// textarea, so a mirror element behind it holds the same text in one text node, styled
// identically, and the highlights are ranges over that node. The textarea stays the real editor
// (its undo stack, selection and spell check are the browser's own).
import type { CheckedFinding } from "../../extension/src/shared/protocol.js";

type Severity = CheckedFinding["severity"];
const SEVERITIES: Severity[] = ["error", "warning", "info"];
/**
 * Not the extension's names: with the extension installed, its content script registers
 * `claimlint-<severity>` in the same registry and would replace the playground's highlights.
 */
export const highlightName = (severity: Severity): string => `claimlint-playground-${severity}`;

export interface Claim {
  finding: CheckedFinding;
  range: Range;
}

export class ClaimEditor {
  private readonly mirrorText = document.createTextNode("");
  private readonly sets = new Map<Severity, Highlight>();
  private current: Claim[] = [];

  constructor(
    readonly area: HTMLTextAreaElement,
    private readonly mirror: HTMLElement,
    private readonly check: (text: string) => CheckedFinding[],
    private readonly changed: (claims: readonly Claim[]) => void,
  ) {
    mirror.replaceChildren(this.mirrorText);
    SEVERITIES.forEach((severity, i) => {
      const h = new Highlight();
      h.priority = SEVERITIES.length - i;
      this.sets.set(severity, h);
      CSS.highlights.set(highlightName(severity), h);
    });
    area.addEventListener("input", () => this.refresh());
    area.addEventListener("scroll", () => this.align());
    new ResizeObserver(() => this.align()).observe(area);
  }

  get claims(): readonly Claim[] {
    return this.current;
  }

  /** Replaces the whole text (loading an example), then checks it. */
  load(text: string): void {
    this.area.value = text;
    this.area.scrollTop = 0;
    this.refresh();
  }

  /** Checks the text as it is now and redraws every highlight. */
  refresh(): void {
    const text = this.area.value;
    // A trailing newline in a textarea opens an empty last line; the mirror needs one more
    // character to show that line too, or the two would scroll differently.
    this.mirrorText.data = text + "\n";
    for (const h of this.sets.values()) h.clear();
    this.current = this.check(text).map((finding) => {
      const range = new Range();
      range.setStart(this.mirrorText, finding.start);
      range.setEnd(this.mirrorText, finding.end);
      this.sets.get(finding.severity)?.add(range);
      return { finding, range };
    });
    this.align();
    this.changed(this.current);
  }

  /** The claim at a UTF-16 offset of the text (the caret), if any. */
  claimAt(offset: number): Claim | undefined {
    return this.current.find((c) => offset >= c.finding.start && offset <= c.finding.end);
  }

  /**
   * Replaces exactly the claim with `replacement` as if typed, so the textarea's own undo
   * (Ctrl+Z) restores it. Returns false when the text changed under the claim.
   */
  apply(claim: Claim, replacement: string): boolean {
    const { start, end, text } = claim.finding;
    if (this.area.value.slice(start, end) !== text) return false;
    this.area.focus();
    this.area.setSelectionRange(start, end);
    if (!document.execCommand("insertText", false, replacement)) {
      // Without execCommand the edit is not undoable, but still lands in the right place.
      this.area.setRangeText(replacement, start, end, "end");
      this.area.dispatchEvent(new InputEvent("input", { inputType: "insertReplacementText", data: replacement }));
    }
    return true;
  }

  /** The mirror scrolls with the textarea so highlights stay under their words. */
  private align(): void {
    this.mirror.scrollTop = this.area.scrollTop;
    this.mirror.scrollLeft = this.area.scrollLeft;
  }
}
