// Applies a suggestion so the editor's own model sees it: select exactly the claim, then insert
// the replacement as the browser's own text input (execCommand insertText, which fires the
// cancelable beforeinput every editor framework listens to and joins the native undo stack).
// Direct DOM edits would bypass editor models (lost on save, or text duplicated on the next
// render); they are never used here.

/** Replaces `start..end` of a textarea or text input, if it still holds `expected`. */
export function applyToField(field: HTMLTextAreaElement | HTMLInputElement, start: number, end: number, expected: string, replacement: string): boolean {
  const before = field.value;
  if (before.slice(start, end) !== expected) return false;
  const wanted = before.slice(0, start) + replacement + before.slice(end);
  field.focus({ preventScroll: true });
  field.setSelectionRange(start, end);
  let inserted = false;
  try {
    inserted = field.ownerDocument.execCommand("insertText", false, replacement);
  } catch {
    // Handled below.
  }
  if (!inserted && field.value === before) {
    // No execCommand on fields (older engines): the standard edit API plus the input event
    // frameworks listen to. The browser's undo stack misses this one.
    field.setRangeText(replacement, start, end, "end");
    field.dispatchEvent(new InputEvent("input", { bubbles: true, inputType: "insertReplacementText", data: replacement }));
  }
  return field.value === wanted;
}

/** Resolves at the next selectionchange of `doc` (editors read the selection there), or after `ms`. */
function selectionSettled(doc: Document, ms = 100): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      doc.removeEventListener("selectionchange", done);
      clearTimeout(timer);
      // Let the editor's own selectionchange handler run first.
      setTimeout(resolve, 0);
    };
    const timer = setTimeout(done, ms);
    doc.addEventListener("selectionchange", done);
  });
}

/**
 * Offers the replacement to the editor as a cancelable beforeinput (what a spellchecker's
 * replacement produces). Editors with their own model (CKEditor 5, Quill, Lexical) handle it
 * from the target range and cancel it; true when one did.
 */
function offerToEditor(root: HTMLElement, range: Range, replacement: string): boolean {
  let dataTransfer: DataTransfer | null = null;
  try {
    dataTransfer = new DataTransfer();
    dataTransfer.setData("text/plain", replacement);
  } catch {
    // Older engines: `data` alone.
  }
  const event = new InputEvent("beforeinput", {
    inputType: "insertReplacementText",
    data: replacement,
    dataTransfer,
    targetRanges: [new StaticRange(range)],
    bubbles: true,
    cancelable: true,
    composed: true,
  });
  root.dispatchEvent(event);
  return event.defaultPrevented;
}

const squash = (s: string): string => s.replace(/\s+/g, "");

/** Replaces the text under `range` in a contenteditable editor, if it still reads `expected`. */
export async function applyToRich(root: HTMLElement, range: Range, expected: string, replacement: string): Promise<boolean> {
  if (range.collapsed || squash(range.toString()) !== squash(expected)) return false;
  const doc = root.ownerDocument;
  const selection = doc.getSelection();
  if (!selection) return false;
  const target = range.cloneRange();
  if (doc.activeElement !== root && !root.contains(doc.activeElement)) {
    root.focus({ preventScroll: true });
    await selectionSettled(doc);
  }
  selection.removeAllRanges();
  selection.addRange(target);
  await selectionSettled(doc);
  // The editor may have moved the selection while it took focus: only replace the claim itself.
  if (squash(selection.toString()) !== squash(expected)) {
    selection.removeAllRanges();
    selection.addRange(target);
  }
  if (squash(selection.toString()) !== squash(expected)) return false;
  if (offerToEditor(root, target, replacement)) return true;
  // Editors that follow the DOM (ProseMirror, TinyMCE, plain contenteditable): the browser's own
  // text insertion, one step on the native undo stack (execCommand fires no beforeinput).
  // Editors that keep undo levels from input events (TinyMCE takes one on a spellchecker's
  // insertReplacementText) get one before and one after, so one undo restores exactly the claim.
  const replaced = () => root.dispatchEvent(new InputEvent("input", { inputType: "insertReplacementText", data: replacement, bubbles: true }));
  replaced();
  let inserted = false;
  try {
    inserted = doc.execCommand("insertText", false, replacement);
  } catch {
    // Reported below.
  }
  if (inserted) replaced();
  return inserted;
}
