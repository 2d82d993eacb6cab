// The editors' findings as the frame reports them to the popup and badge: each with a stable id
// (for "reveal" from the popup) and the text around it, like the page's findings.
import { snippet, type OtherEntry } from "../checker.js";
import type { EditorEntry } from "./entry.js";
import type { Editors } from "./index.js";

/** The text of the node holding one end of a range, and that end's offset in it. */
function side(node: Node, offset: number): [string, number] {
  return node.nodeType === Node.TEXT_NODE ? [(node as Text).data, offset] : ["", 0];
}

export class EditorFindings {
  private readonly ids = new WeakMap<EditorEntry, string>();
  private byId = new Map<string, EditorEntry>();
  private next = 0;

  constructor(private readonly editors: Editors) {}

  list(): { shown: OtherEntry[]; hidden: number } {
    this.byId = new Map();
    const shown = this.editors.shownEntries().map((entry) => {
      let id = this.ids.get(entry);
      if (!id) {
        id = `e${this.next++}`;
        this.ids.set(entry, id);
      }
      this.byId.set(id, entry);
      const r = entry.range;
      const [startText, start] = side(r.startContainer, r.startOffset);
      const [endText, end] = side(r.endContainer, r.endOffset);
      const text = startText.slice(0, start) + entry.finding.text + endText.slice(end);
      const [before, after] = snippet(text, start, start + entry.finding.text.length);
      return { id, finding: entry.finding, before, after };
    });
    return { shown, hidden: this.editors.entryCount() - shown.length };
  }

  /** The finding reported under `id`, while it is still shown. */
  entry(id: string): EditorEntry | undefined {
    return this.byId.get(id);
  }
}
