// Runs in the page (pass it to evaluate with one argument, [selector, text]): puts the caret just
// before the first occurrence of `text` in the textarea or editable element `selector`.
export function caretBefore([sel, text]) {
  const el = document.querySelector(sel);
  if (el.localName === "textarea") {
    const at = el.value.indexOf(text);
    el.setSelectionRange(at, at);
    return;
  }
  const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const at = n.data.indexOf(text);
    if (at >= 0) {
      getSelection().setBaseAndExtent(n, at, n, at);
      return;
    }
  }
}
