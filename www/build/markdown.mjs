// A small Markdown renderer for the project's own docs (docs/cli.md, rules/README.md) on the
// site: headings, paragraphs, "-" lists (with fenced blocks inside), fenced code, pipe tables,
// and inline code, bold, emphasis and links.
// Enough for documents this project writes; all text is escaped.
import { text } from "./html.mjs";

/** `link(href)` maps a link target to the site (or null: keep the text, drop the link). */
function inline(s, link) {
  const out = [];
  // Code spans first: nothing inside them is Markdown.
  const parts = s.split(/(`[^`]+`)/);
  for (const part of parts) {
    if (part.startsWith("`") && part.endsWith("`") && part.length > 1) {
      out.push(`<code>${text(part.slice(1, -1))}</code>`);
      continue;
    }
    let h = text(part.replace(/\\\|/g, "|"));
    h = h.replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, (_, label, href) => {
      const target = link(href.replace(/&amp;/g, "&"));
      return target ? `<a href="${text(target)}">${label}</a>` : label;
    });
    h = h.replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>").replace(/(^|[^*\w])\*([^*\s][^*]*)\*/g, "$1<em>$2</em>");
    out.push(h);
  }
  return out.join("");
}

const slug = (s) =>
  s
    .toLowerCase()
    .replace(/`/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");

/** Table cells of a `| a | b |` row (`\|` is a literal bar). */
const cells = (row) =>
  row
    .trim()
    .replace(/^\||\|$/g, "")
    .split(/(?<!\\)\|/)
    .map((c) => c.trim());

export function markdown(source, { link = (href) => (/^https?:/.test(href) ? href : null), shift = 0 } = {}) {
  const lines = source.replace(/\r\n/g, "\n").split("\n");
  const out = [];
  let i = 0;
  const isBlockStart = (l) => /^(#{1,6} |```|\||- )/.test(l) || l.trim() === "";
  while (i < lines.length) {
    const line = lines[i];
    if (line.trim() === "") {
      i++;
    } else if (line.startsWith("```")) {
      const lang = line.slice(3).trim();
      const code = [];
      for (i++; i < lines.length && !lines[i].startsWith("```"); i++) code.push(lines[i]);
      i++;
      // Focusable: a code block can scroll sideways, and keyboard users must be able to scroll it.
      out.push(`<pre tabindex="0"${lang ? ` data-lang="${text(lang)}"` : ""}><code>${text(code.join("\n"))}</code></pre>`);
    } else if (/^#{1,6} /.test(line)) {
      const level = Math.min(6, line.indexOf(" ") + shift);
      const title = line.slice(line.indexOf(" ") + 1);
      out.push(`<h${level} id="${slug(title)}">${inline(title, link)}</h${level}>`);
      i++;
    } else if (line.startsWith("|")) {
      const rows = [];
      for (; i < lines.length && lines[i].startsWith("|"); i++) rows.push(lines[i]);
      const [head, , ...body] = rows;
      out.push(
        `<div class="table" tabindex="0"><table><thead><tr>${cells(head)
          .map((c) => `<th scope="col">${inline(c, link)}</th>`)
          .join("")}</tr></thead><tbody>${body
          .map((r) => `<tr>${cells(r).map((c) => `<td>${inline(c, link)}</td>`).join("")}</tr>`)
          .join("")}</tbody></table></div>`,
      );
    } else if (line.startsWith("- ")) {
      const items = [];
      while (i < lines.length && lines[i].startsWith("- ")) {
        let words = [lines[i].slice(2)];
        let body = "";
        for (i++; i < lines.length && /^ {2}\S/.test(lines[i]); i++) {
          if (!lines[i].startsWith("  ```")) {
            words.push(lines[i].trim());
            continue;
          }
          // A fenced block inside the item (indented with it), between its sentences.
          const block = [];
          for (i++; i < lines.length && !lines[i].startsWith("  ```"); i++) block.push(lines[i].slice(2));
          body += inline(words.join(" "), link) + `<pre tabindex="0"><code>${text(block.join("\n"))}</code></pre>`;
          words = [];
        }
        items.push(`<li>${body}${inline(words.join(" "), link)}</li>`);
      }
      out.push(`<ul>${items.join("")}</ul>`);
    } else {
      const para = [line];
      for (i++; i < lines.length && !isBlockStart(lines[i]); i++) para.push(lines[i]);
      out.push(`<p>${inline(para.join(" "), link)}</p>`);
    }
  }
  return out.join("\n");
}
