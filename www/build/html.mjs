// HTML helpers for the site build: escaping (every piece of rule or document text goes through
// `text`), and the page frame shared by every page.

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text as HTML text or attribute value: never markup. */
export const text = (s) => String(s).replace(/[&<>"']/g, (c) => ESCAPES[c]);

/** Tagged template: interpolated values are escaped unless already HTML (`raw`). */
export function html(strings, ...values) {
  let out = strings[0];
  values.forEach((v, i) => {
    out += render(v) + strings[i + 1];
  });
  return new Raw(out);
}

class Raw {
  constructor(value) {
    this.value = value;
  }
  toString() {
    return this.value;
  }
}

/** Trusted markup (produced by `html` or by this build). */
export const raw = (s) => new Raw(s);

function render(v) {
  if (v instanceof Raw) return v.value;
  if (Array.isArray(v)) return v.map(render).join("");
  if (v === null || v === undefined || v === false) return "";
  return text(v);
}

const NAV = [
  ["index.html", "Playground"],
  ["rules.html", "Rules"],
  ["index.html#certification-vs-attestation", "Certification vs attestation"],
  ["index.html#install", "Install"],
  ["cli.html", "CLI"],
];

/** A whole page: `scripts` are module scripts of this site (paths relative to the page). */
export function page({ file, title, description, body, scripts = [] }) {
  const nav = NAV.map(([href, label]) => html`<a href="${href}"${href === file ? raw(' aria-current="page"') : ""}>${label}</a>`);
  return html`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<meta name="description" content="${description}">
<link rel="icon" href="icon.png" type="image/png">
<link rel="stylesheet" href="site.css">
<link rel="stylesheet" href="highlight.css">
${scripts.map((s) => html`<script type="module" src="${s}"></script>\n`)}</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site-header">
  <a class="brand" href="index.html"><img src="icon.png" alt="" width="28" height="28"> ClaimLint</a>
  <nav aria-label="Site">${nav}</nav>
</header>
<main id="main">
${body}
</main>
<footer class="site-footer">
  <p>ClaimLint runs locally: this site, the extension and the CLI send your text nowhere. Rules are summarized from AICPA, ISO, HHS, PCI SSC, FedRAMP and other public material; they are guidance, not legal advice.</p>
</footer>
</body>
</html>
`.toString();
}
