// The rule catalog's search: filters the generated rule list by framework (the chips) and by
// words in the rule's id, framework, summary and examples. Without script every rule shows.
function must<T extends Element>(selector: string): T {
  const found = document.querySelector<T>(selector);
  if (!found) throw new Error(`missing ${selector}`);
  return found;
}

const search = must<HTMLInputElement>("#rule-search");
const count = must<HTMLElement>("#rule-count");
const chips = [...document.querySelectorAll<HTMLButtonElement>("button[data-framework]")];
const rules = [...document.querySelectorAll<HTMLElement>("article.rule")];
const haystacks = new Map(rules.map((r) => [r, (r.dataset.search ?? "").toLowerCase()]));
let framework = "";

function apply(): void {
  const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
  let shown = 0;
  for (const rule of rules) {
    const tags = (rule.dataset.tags ?? "").split(" ");
    const text = haystacks.get(rule) ?? "";
    const visible = (!framework || tags.includes(framework)) && words.every((w) => text.includes(w));
    rule.hidden = !visible;
    if (visible) shown++;
  }
  count.textContent = `${shown} of ${rules.length} rules`;
  for (const chip of chips) chip.setAttribute("aria-pressed", String(chip.dataset.framework === framework));
  const url = new URL(location.href);
  if (framework) url.searchParams.set("framework", framework);
  else url.searchParams.delete("framework");
  history.replaceState(null, "", url);
}

for (const chip of chips) {
  chip.addEventListener("click", () => {
    framework = chip.dataset.framework ?? "";
    apply();
  });
}
search.addEventListener("input", apply);
framework = new URL(location.href).searchParams.get("framework") ?? "";
if (!chips.some((c) => c.dataset.framework === framework)) framework = "";
apply();
