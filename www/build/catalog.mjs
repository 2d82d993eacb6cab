// The rule catalog page, generated from `claimlint rules --format json` (the loaded rule pack):
// nothing here is written by hand per rule, so the catalog cannot drift from the rules.
import { html, raw } from "./html.mjs";

// Display names of the pack's tags (a tag without one shows as written).
const FRAMEWORK_NAMES = {
  soc2: "SOC 2",
  soc: "SOC 1 / SOC 3 / SSAE",
  isae: "ISAE",
  c5: "BSI C5",
  iso: "ISO",
  hipaa: "HIPAA",
  gdpr: "GDPR",
  ccpa: "CCPA / CPRA",
  privacy: "Privacy laws",
  pci: "PCI DSS",
  "csa-star": "CSA STAR",
  tisax: "TISAX",
  nist: "NIST",
  cmmc: "CMMC",
  irap: "IRAP",
  govramp: "GovRAMP",
  fedramp: "FedRAMP",
};
export const frameworkName = (tag) => FRAMEWORK_NAMES[tag] ?? tag;

/** Paragraphs of a hard-wrapped explanation. */
const paragraphs = (s) =>
  s
    .trim()
    .split(/\n\s*\n/)
    .map((p) => html`<p>${p.replace(/\s*\n\s*/g, " ")}</p>`);

/** An example with the flagged spans marked (spans count Unicode scalar values). */
function marked(example) {
  const chars = Array.from(example.text);
  const parts = [];
  let at = 0;
  for (const f of [...example.found].sort((a, b) => a.start - b.start)) {
    if (f.start < at) continue;
    parts.push(chars.slice(at, f.start).join(""), html`<mark>${chars.slice(f.start, f.end).join("")}</mark>`);
    at = f.end;
  }
  parts.push(chars.slice(at).join(""));
  return parts;
}

/** The concrete suggestions the rule makes on its own examples, without repeats. */
function suggestedWording(rule) {
  const seen = new Map();
  for (const example of rule.examples.flag) {
    for (const f of example.found) {
      for (const s of f.suggestions) {
        const key = `${s.replacement}\u0000${s.label ?? ""}`;
        if (!seen.has(key)) seen.set(key, { ...s, instead: f.text });
      }
    }
  }
  return [...seen.values()];
}

function ruleArticle(rule, sourceUrl) {
  const wording = suggestedWording(rule);
  const search = [rule.id, rule.summary, rule.message, rule.governed_by ?? "", ...rule.tags, ...rule.tags.map(frameworkName)].join(" ");
  return html`
<article class="rule" id="${rule.id}" data-tags="${rule.tags.join(" ")}" data-search="${search}">
  <header class="rule-head">
    <h2><a href="#${rule.id}"><code>${rule.id}</code></a></h2>
    <span class="severity ${rule.severity}">${rule.severity}</span>
    ${rule.tags.map((t) => html`<span class="tag">${frameworkName(t)}</span>`)}
  </header>
  <p class="summary">${rule.summary}</p>
  <h3>Why the wording is inaccurate</h3>
  <div class="explanation">${paragraphs(rule.explanation)}</div>
  <dl class="facts">
    <dt>Who governs the term</dt><dd>${rule.governed_by ?? "Not stated in the rule"}</dd>
    <dt>Message shown</dt><dd>${rule.message}</dd>
  </dl>
  ${
    wording.length
      ? html`<h3>Suggested wording</h3>
  <ul class="wording">${wording.map((s) => html`<li><span class="instead">${s.instead}</span> → <strong>${s.replacement}</strong>${s.label ? html` <span class="label">(${s.label})</span>` : ""}</li>`)}</ul>`
      : ""
  }
  <div class="examples">
    <div>
      <h3>Flags</h3>
      <ul class="flag">${rule.examples.flag.map((e) => html`<li>${marked(e)}${e.fix ? html`<br><span class="fix">→ ${e.fix}</span>` : ""}</li>`)}</ul>
    </div>
    <div>
      <h3>Does not flag</h3>
      <ul class="not-flag">${rule.examples.not_flag.map((t) => html`<li>${t}</li>`)}</ul>
    </div>
  </div>
  <p class="sources">${rule.link ? html`Source: <a href="${rule.link}" rel="noopener">${new URL(rule.link).hostname}</a> · ` : ""}Defined in ${sourceUrl ? html`<a href="${sourceUrl(rule)}"><code>${rule.file}:${rule.line}</code></a>` : html`<code>${rule.file}:${rule.line}</code>`}</p>
</article>`;
}

/** The catalog page body. `sourceUrl(rule)`, when given, links each rule to its definition. */
export function catalogBody(rules, sourceUrl) {
  const tags = [...new Set(rules.flatMap((r) => r.tags))];
  const bySeverity = (s) => rules.filter((r) => r.severity === s).length;
  return html`
<section class="intro">
  <h1>Rule catalog</h1>
  <p>Every rule ClaimLint ships: ${rules.length} rules (${bySeverity("error")} errors, ${bySeverity("warning")} warnings, ${bySeverity("info")} notes), generated from the rule pack when this site was built. Each one shows why the wording is inaccurate, who governs the term, what it flags and what it leaves alone (these examples run as tests), and the wording it suggests. Teams can add their own rules in the same format: see <a href="rule-packs.html">rule packs</a>.</p>
</section>
<section class="filters" aria-label="Search the rules">
  <label for="rule-search">Search rules</label>
  <input id="rule-search" type="search" placeholder="certified, report, HIPAA…" autocomplete="off">
  <div class="chips" role="group" aria-label="Framework">
    <button type="button" data-framework="" aria-pressed="true">All</button>
    ${tags.map((t) => html`<button type="button" data-framework="${t}" aria-pressed="false">${frameworkName(t)}</button>`)}
  </div>
  <p id="rule-count" role="status">${rules.length} of ${rules.length} rules</p>
</section>
<div class="rules">${rules.map((r) => ruleArticle(r, sourceUrl))}</div>`;
}

