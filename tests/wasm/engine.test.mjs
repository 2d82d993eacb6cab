// The Wasm engine as JavaScript sees it (extension/pkg, built by `make wasm`): it loads the
// compiled pack, finds what the native CLI finds, and its offsets slice JS strings exactly.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, writeFileSync, mkdtempSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { join } from "node:path";

const root = new URL("../../", import.meta.url).pathname;
const pkg = join(root, "extension/pkg");
const { initSync, Engine } = await import(join(pkg, "claimlint.js"));
initSync({ module: readFileSync(join(pkg, "claimlint_bg.wasm")) });
const pack = readFileSync(join(pkg, "rules.bin"));

// Labelled sentences plus multibyte and astral characters around claims.
const sentences = readFileSync(join(root, "tests/eval/labelled.tsv"), "utf8")
  .split("\n").slice(1).filter(Boolean).map((line) => line.split("\t").at(-1));
sentences.push("Café — “we’re” 😀 SOC 2 Type II certified. 𝐀𝐁 HIPAA certified 🎉, ISO 27001 certified.");
const text = sentences.join("\n\n");

test("the Wasm engine finds what the native CLI finds, at the same places", () => {
  const engine = new Engine(pack);
  const findings = engine.check(text);
  const dir = mkdtempSync(join(tmpdir(), "claimlint-wasm-"));
  const file = join(dir, "sentences.txt");
  writeFileSync(file, text);
  let out;
  try {
    out = execFileSync(join(root, "target/release/claimlint"), ["check", "--format", "json", file]);
  } catch (e) {
    out = e.stdout; // exit code 1: findings
  }
  const native = JSON.parse(out.toString());
  assert.ok(findings.length > 150, `only ${findings.length} findings`);
  assert.equal(findings.length, native.length);
  const bytes = Buffer.from(text, "utf8");
  findings.forEach((f, i) => {
    const n = native[i];
    assert.equal(f.rule, n.rule);
    assert.equal(f.text, n.text);
    assert.equal(text.slice(f.start, f.end), f.text, "UTF-16 offsets slice the JS string");
    assert.equal(bytes.subarray(n.start, n.end).toString("utf8"), n.text);
    assert.deepEqual(f.suggestions.map((s) => s.replacement), n.suggestions);
    // Rule texts come once from rules(), not with every finding.
    assert.ok(!("message" in f) && !("explanation" in f));
  });
  engine.free();
});

test("rules() describes every loaded rule", () => {
  const engine = new Engine(pack);
  const rules = engine.rules();
  assert.ok(rules.length >= 30);
  const soc2 = rules.find((r) => r.id === "soc2-certified");
  assert.equal(soc2.severity, "error");
  assert.match(soc2.explanation, /AICPA/);
  assert.ok(soc2.link.startsWith("https://"));
  engine.free();
});

test("a damaged or foreign pack is refused with a reason", () => {
  assert.throws(() => new Engine(new Uint8Array([1, 2, 3])), /not a compiled ClaimLint rule pack/);
  const damaged = Uint8Array.from(pack);
  damaged[damaged.length - 10] ^= 0xff;
  assert.throws(() => new Engine(damaged), /checksum/);
});

test("lone surrogates from JavaScript: no error, and offsets still slice the string", () => {
  // A JS string may hold unpaired surrogates (cut emoji, bad input); the engine reads each as one
  // replacement character, which is one UTF-16 unit too, so offsets stay aligned.
  const engine = new Engine(pack);
  const texts = [
    "\uD83D We are SOC 2 certified \uDE00 and HIPAA certified.",
    "\uDC00\uDC00SOC 2 certified\uD800",
    "We are \uD800SOC 2 certified.",
    "\uD800".repeat(1000) + " We are SOC 2 certified. " + "\uDFFF".repeat(1000),
  ];
  for (const s of texts) {
    const findings = engine.check(s);
    assert.ok(findings.length >= 1, s.slice(0, 40));
    for (const f of findings) assert.equal(s.slice(f.start, f.end), f.text.replace(/\uFFFD/g, (c, i) => s[f.start + i]));
    assert.ok(findings.some((f) => s.slice(f.start, f.end) === "SOC 2 certified"));
  }
  engine.free();
});
