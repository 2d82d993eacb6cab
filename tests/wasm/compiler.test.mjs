// The rule-pack compiler module (extension/pkg/compiler, loaded only where team packs are edited):
// it compiles TOML packs into bytes the small engine loads, reporting broken rules with their
// pack, line and id while the valid rules still compile.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const pkg = new URL("../../extension/pkg/", import.meta.url).pathname;
const compiler = await import(join(pkg, "compiler/claimlint_compiler.js"));
compiler.initSync({ module: readFileSync(join(pkg, "compiler/claimlint_compiler_bg.wasm")) });
const engineModule = await import(join(pkg, "claimlint.js"));
engineModule.initSync({ module: readFileSync(join(pkg, "claimlint_bg.wasm")) });

const team = `
[[rule]]
id = "team-bank-grade"
severity = "warning"
summary = "Vague security superlative"
message = "Say what protects the data."
explanation = "Bank-grade is not a standard."
patterns = ['(?P<hit>bank[- ]grade security)']
suggestions = [{ text = "independently audited security" }]
`;
const broken = `
[[rule]]
id = "team-ok"
severity = "info"
summary = "s"
message = "m"
explanation = "e"
patterns = ['military grade']

[[rule]]
id = "team-broken"
severity = "error"
summary = "s"
message = "m"
explanation = "e"
patterns = ['soc 2 (unclosed']
`;

test("team packs compile with the built-in rules; the small engine runs the result", () => {
  const result = compiler.compilePacks([{ name: "team.toml", source: team }], false, ["soc2-compliant"]);
  assert.deepEqual(result.errors, []);
  const engine = new engineModule.Engine(result.pack);
  assert.equal(result.rules, engine.rules().length);
  assert.ok(engine.rules().some((r) => r.id === "team-bank-grade"));
  assert.ok(!engine.rules().some((r) => r.id === "soc2-compliant"));
  const found = engine.check("Bank-grade security and SOC 2 certified.").map((f) => [f.rule, f.text]);
  assert.deepEqual(found, [["team-bank-grade", "Bank-grade security"], ["soc2-certified", "SOC 2 certified"]]);
});

test("a broken rule is reported with pack, line and id; the other rules still compile", () => {
  const result = compiler.compilePacks([{ name: "team.toml", source: broken }], true, []);
  assert.equal(result.errors.length, 1);
  const [error] = result.errors;
  assert.equal(error.file, "team.toml");
  assert.equal(error.line, 10); // the `[[rule]]` line (the pack text starts with a newline)
  assert.equal(error.rule, "team-broken");
  assert.match(error.message, /unclosed|group/);
  const engine = new engineModule.Engine(result.pack);
  assert.deepEqual(engine.rules().map((r) => r.id), ["team-ok"]);
  assert.equal(engine.check("Military grade encryption.").length, 1);
});

test("a TOML syntax error rejects that pack only, with its line", () => {
  const result = compiler.compilePacks(
    [{ name: "bad.toml", source: "[[rule]\nid = 1" }, { name: "team.toml", source: team }], true, []);
  assert.equal(result.errors.length, 1);
  assert.equal(result.errors[0].file, "bad.toml");
  assert.equal(result.errors[0].line, 1);
  assert.deepEqual(new engineModule.Engine(result.pack).rules().map((r) => r.id), ["team-bank-grade"]);
});
