// The home page's playground: the extension's Wasm engine, loaded from this site's own files,
// checks the text area on every keystroke; claims are highlighted, listed, and open the card.
import { engineFrom } from "../../extension/src/shared/instantiate.js";
import type { CheckedFinding } from "../../extension/src/shared/protocol.js";
import { el } from "../../extension/src/shared/dom.js";
import { ClaimEditor, type Claim } from "./editor.js";
import { PlaygroundCard } from "./card.js";
import { EXAMPLES } from "./examples.js";
import { hoverCards } from "./hover.js";

function must<T extends Element>(selector: string): T {
  const found = document.querySelector<T>(selector);
  if (!found) throw new Error(`missing ${selector}`);
  return found;
}

const area = must<HTMLTextAreaElement>("#playground-text");
const mirror = must<HTMLElement>("#playground-mirror");
const list = must<HTMLOListElement>("#findings");
const summary = must<HTMLElement>("#findings-summary");
const examples = must<HTMLElement>("#examples");
const status = must<HTMLElement>("#playground-status");

const SEVERITY_WORD = { error: "Inaccurate", warning: "Questionable", info: "Note" } as const;

function showList(claims: readonly Claim[]): void {
  summary.textContent =
    claims.length === 0 ? "No inaccurate claims found." : `${claims.length} claim${claims.length === 1 ? "" : "s"} to review:`;
  list.replaceChildren(
    ...claims.map((claim) => {
      const f = claim.finding;
      const item = el("li", `finding ${f.severity}`);
      const open = el("button", "finding-open");
      open.append(el("span", "finding-severity", SEVERITY_WORD[f.severity]), el("span", "finding-text", `“${f.text}”`));
      open.addEventListener("click", () => card.open(claim, true));
      item.append(open, el("span", "finding-message", f.message));
      return item;
    }),
  );
}

/** A file of this site, relative to the page (so the site works from any path). */
async function siteFile(path: string): Promise<Uint8Array> {
  const response = await fetch(new URL(path, document.baseURI));
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

async function start(): Promise<void> {
  const engine = await engineFrom(...(await Promise.all([siteFile("pkg/claimlint_bg.wasm"), siteFile("pkg/rules.bin")])));
  const rules = new Map(engine.rules().map((r) => [r.id, r]));
  // The card shows the rule's message and explanation, which the engine gives once per rule.
  const check = (text: string): CheckedFinding[] =>
    engine.check(text).map((f) => ({ ...f, message: rules.get(f.rule)?.message ?? "", explanation: rules.get(f.rule)?.explanation ?? "" }));
  const editor = new ClaimEditor(area, mirror, check, (claims) => {
    // After an edit the open card follows its claim if it is still there, unchanged.
    const open = card.claim?.finding;
    if (open) {
      const same = claims.find((c) => c.finding.start === open.start && c.finding.end === open.end && c.finding.rule === open.rule);
      if (same) card.open(same, false);
      else card.close(false);
    }
    showList(claims);
  });
  card = new PlaygroundCard(must<HTMLElement>("#card-host"), {
    apply: (claim, replacement) => editor.apply(claim, replacement),
  });

  // A click in a claim (or hovering it) opens its card without taking the focus from the text;
  // Alt+Enter with the caret in a claim opens it with the focus in the card.
  const openAtCaret = (focus: boolean) => {
    if (area.selectionStart !== area.selectionEnd) return;
    const claim = editor.claimAt(area.selectionStart);
    if (claim) card.open(claim, focus);
    else card.close(false);
  };
  area.addEventListener("click", () => openAtCaret(false));
  hoverCards(editor, card);
  area.addEventListener("keydown", (e) => {
    if (e.key === "Enter" && e.altKey) {
      e.preventDefault();
      openAtCaret(true);
    }
  });

  for (const example of EXAMPLES) {
    const button = el("button", "example", example.label);
    button.type = "button";
    button.dataset.example = example.id;
    button.addEventListener("click", () => {
      card.close(false);
      editor.load(example.text);
    });
    examples.append(button);
  }
  const first = EXAMPLES[0];
  editor.load(area.value || (first ? first.text : ""));
  status.textContent = "Checked live as you type, in your browser: nothing you type leaves this page.";
  document.documentElement.dataset.playground = "ready";
  performance.mark("claimlint:playground-ready");
  // Offline use after this first visit (see www/static/sw.js); the page works without it.
  navigator.serviceWorker?.register("sw.js").catch(() => {});
}

let card: PlaygroundCard;
start().catch((e: unknown) => {
  status.textContent = `The checker could not start: ${e instanceof Error ? e.message : String(e)}`;
  document.documentElement.dataset.playground = "failed";
});
