// The markdown report of one run (printed, and written next to the JSON).

const TOOLS = [
  ["native", "ClaimLint engine, native, in process", "`Engine::check`, compiled pack (examples/check_timing.rs)"],
  ["cli", "ClaimLint CLI, native", "`claimlint check --format json FILE`: process start, pack compiled from TOML, JSON out"],
  ["wasm-node", "ClaimLint Wasm, Node (V8)", "one `engine.check(text)` (UTF-16 offsets, JS objects)"],
  ["wasm-chromium", "ClaimLint Wasm, headless Chromium", "the same call in a page on 127.0.0.1"],
  ["textlint-prh", "textlint + textlint-rule-prh", "the substitutions as a prh dictionary, Node API"],
  ["naive-regexp", "naive JS highlighter", "one case-insensitive RegExp per substitution, per paragraph"],
  ["naive-chromium", "naive JS highlighter, in Chromium", "the same code in the benchmark page, per paragraph"],
  ["naive-regexp-whole", "naive JS, whole text", "the same RegExps, each once over the whole text"],
  ["write-good", "write-good (own checks)", "passive voice, weasel words...: not the same rules"],
  ["harper", "harper.js (own rules)", "a grammar checker, plain-text mode: heavier work, not the same rules"],
];

const size = (b) => (b >= 1e6 ? `${+(b / 1e6).toFixed(1)} MB` : b >= 1e3 ? `${+(b / 1e3).toFixed(1)} KB` : `${b} B`);
const num = (x, digits = 3) => (Number.isFinite(x) ? (x >= 10 ** digits ? x.toFixed(0) : x.toPrecision(digits)) : "–");
const ms = (x) => (Number.isFinite(x) ? (x >= 100 ? `${x.toFixed(0)} ms` : x >= 1 ? `${x.toFixed(2)} ms` : `${(x * 1000).toFixed(0)} µs`) : "–");
const times = (x) => (Number.isFinite(x) ? `${num(x)}x` : "–");

function cell(r) {
  if (!r) return "–";
  if (r.error) return `error: ${r.error.slice(0, 80)}`;
  if (r.skipped) return `not run: ${r.skipped}`;
  return `${num(r.mbps)} MB/s (${ms(r.medianMs)}, n=${r.runs})`;
}

export function report(res) {
  const out = [];
  const line = (s = "") => out.push(s);
  const header = (cols) => {
    line(`| ${cols.join(" | ")} |`);
    line(`|${cols.map(() => "---").join("|")}|`);
  };
  line(`## ClaimLint against its peers${res.smoke ? " (smoke run: tiny corpus, sanity only)" : ""} (${res.date.slice(0, 10)})`);
  line();
  line("Throughput in MB/s (10^6 bytes of UTF-8 input per second) from the median time of n timed runs after warm-up; all tools on the same text.");
  line();
  header(["tool", "what is timed", ...res.sizes.map((s) => size(s.bytes))]);
  for (const [key, name, what] of TOOLS) {
    if (!res.sizes.some((s) => s.tools[key])) continue;
    line(`| ${name} | ${what} | ${res.sizes.map((s) => cell(s.tools[key])).join(" | ")} |`);
  }
  line();
  line("Findings per tool (sanity: ClaimLint's four figures must agree; the peers' rules differ):");
  line();
  header(["tool", ...res.sizes.map((s) => size(s.bytes))]);
  for (const [key, name] of TOOLS) {
    if (!res.sizes.some((s) => s.tools[key])) continue;
    line(`| ${name} | ${res.sizes.map((s) => s.tools[key]?.findings ?? "–").join(" | ")} |`);
  }
  line();
  line("Ratios (how many times faster; from medians of the same run):");
  line();
  header(["ratio", "target", ...res.sizes.map((s) => size(s.bytes))]);
  const ratio = (label, key, target, pct = false) => line(`| ${label} | ${target} | ${res.sizes.map((s) => {
    const v = s.ratios[key];
    return pct ? (Number.isFinite(v) ? `${(v * 100).toFixed(0)}%` : "–") : times(v);
  }).join(" | ")} |`);
  ratio("Wasm in Chromium / native engine", "wasmChromiumVsNative", ">= 50%", true);
  ratio("Wasm in Node / native engine", "wasmNodeVsNative", "–", true);
  ratio("Wasm in Chromium / native, best runs", "wasmChromiumVsNativeBest", "–", true);
  ratio("Wasm in Node / native, best runs", "wasmNodeVsNativeBest", "–", true);
  ratio("native engine vs textlint + prh", "nativeVsTextlint", ">= 10x");
  ratio("Wasm (Node) vs textlint + prh", "wasmNodeVsTextlint", ">= 10x");
  ratio("Wasm (Chromium) vs textlint + prh", "wasmChromiumVsTextlint", ">= 10x");
  ratio("native engine vs naive JS highlighter", "nativeVsNaive", ">= 3x");
  ratio("Wasm (Node) vs naive JS highlighter", "wasmNodeVsNaive", ">= 3x");
  ratio("Wasm (Chromium) vs naive JS highlighter", "wasmChromiumVsNaive", ">= 3x");
  ratio("Wasm (Chromium) vs naive JS in Chromium", "wasmChromiumVsNaiveChromium", ">= 3x");
  ratio("Wasm (Node) vs naive JS, whole text", "wasmNodeVsNaiveWhole", "–");
  ratio("Wasm (Node) vs write-good (own checks)", "wasmNodeVsWriteGood", "–");
  ratio("Wasm (Node) vs harper.js (own rules)", "wasmNodeVsHarper", "–");
  line();

  const L = res.load ?? {};
  line(`Compiled pack load and first claim (\`new Engine(rules.bin)\`, then \`check("We are SOC 2 certified.")\`, which decodes the automata lazily). Cold: the first engine in a fresh process or page (median of ${L.node?.samples ?? "–"} fresh ones); warm: median of 9 later engines in the same process or page.`);
  line();
  header(["where", "module compile + instantiate", "pack load, cold", "first claim, cold", "pack load, warm", "first claim, warm"]);
  const lrow = (name, r, init) => line(r?.error ? `| ${name} | error: ${r.error} | | | | |`
    : `| ${name} | ${init} | ${ms(r?.packLoadColdMs)} | ${ms(r?.firstClaimColdMs)} | ${ms(r?.packLoadWarmMs)} | ${ms(r?.firstClaimWarmMs)} |`);
  lrow("native", L.native, `– (built-in pack compiled from TOML instead: ${ms(L.native?.compileFromSourceMs)})`);
  lrow("Node (V8)", L.node, `${ms(L.node?.instantiateMs)} (initSync from bytes)`);
  lrow("Chromium", L.chromium, `${ms(L.chromium?.initMs)} (streaming, fetch included)`);
  line();

  const S = res.size;
  line("Shipped sizes (extension/pkg):");
  line();
  header(["file", "bytes", "gzip -9"]);
  line(`| claimlint_bg.wasm (engine) | ${S.wasm.bytes.toLocaleString("en")} | ${S.wasm.gzip9.toLocaleString("en")} |`);
  line(`| claimlint.js (wasm-bindgen glue) | ${S.glue.bytes.toLocaleString("en")} | ${S.glue.gzip9.toLocaleString("en")} |`);
  line(`| rules.bin (compiled built-in pack) | ${S.pack.bytes.toLocaleString("en")} | ${S.pack.gzip9.toLocaleString("en")} |`);
  if (S.compilerWasm) line(`| compiler/claimlint_compiler_bg.wasm (TOML pack compiler, options page only) | ${S.compilerWasm.bytes.toLocaleString("en")} | ${S.compilerWasm.gzip9.toLocaleString("en")} |`);
  if (S.harperWasm) line(`| for scale: harper.js's harper_wasm_bg.wasm | ${S.harperWasm.bytes.toLocaleString("en")} | ${S.harperWasm.gzip9.toLocaleString("en")} |`);
  line();

  const chromiumRows = res.sizes.map((s) => s.tools["wasm-chromium"]).filter((r) => r && !r.error);
  if (chromiumRows.length) {
    line(`Of the Chromium \`check\` time, encoding the text to UTF-8 alone (TextEncoder.encodeInto, as wasm-bindgen passes it) takes ${chromiumRows.map((r) => ms(r.utf8EncodeMs)).join(", ")}.`);
    line();
  }
  const m = res.machine, v = res.versions;
  line(`Machine: ${m.cpu}, ${m.cpus} logical CPUs (${m.threadsPerCore ?? "?"} thread(s) per core), ${m.memoryGiB} GiB, ${m.os}, kernel ${m.kernel}. ` +
    `Load average (1/5/15 min) at start ${res.loadAverage.start.join(" ")}, per size ${res.sizes.map((s) => s.loadAverage[0]).join(", ")}, at end ${res.loadAverage.end.join(" ")}.`);
  line();
  line(`Versions: ${v.claimlint}, Wasm package built ${v.pkgBuilt}${v.pkgStale ? " (OLDER than src/ or rules/: the Wasm figures are of an earlier engine)" : ""}; ${v.rustc}; Node ${v.node} (V8 ${v.v8}); Chromium ${v.chromium ?? "–"}; ` +
    Object.entries(v.packages).map(([k, x]) => `${k} ${x}`).join(", ") + ".");
  line();
  const meth = res.method;
  line(`Method: corpus ${meth.corpus}; timed runs per size ${Object.entries(meth.runs).map(([b, n]) => `${size(+b)}: ${n}`).join(", ")} (fewer for tools whose runs exceed the ${meth.budgetSecondsPerToolAndSize} s budget, shown as n); warm-up ${meth.warmup}; ${meth.order}; each Node tool in a fresh process per size; the run took ${res.durationSeconds} s.`);
  const crit = Object.entries(res.criterion ?? {});
  if (crit.length) {
    line();
    line(`Cross-check, not from this run: the last \`cargo bench\` engine medians were ${crit.map(([k, c]) => `${k} ${ms(c.medianMs)}`).join(", ")} (measured ${crit[0][1].measured.slice(0, 16)}).`);
  }
  return out.join("\n") + "\n";
}
