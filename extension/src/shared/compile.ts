// Runs the rule-pack compiler (extension/pkg/compiler, 1.1 MB of Wasm: only loaded where packs are
// edited, or by the background worker when packs changed elsewhere) and stores its result.
import initCompiler, { compilePacks, Engine } from "../../pkg/compiler/claimlint_compiler.js";
import { COMPILED_KEY, type PackSource } from "./settings.js";
import { packsKey, toBase64, type CompiledRecord, type PackError } from "./packs.js";

let ready: Promise<unknown> | null = null;

function loadCompiler(): Promise<unknown> {
  ready ??= fetch(chrome.runtime.getURL("pkg/compiler/claimlint_compiler_bg.wasm"))
    .then((r) => r.arrayBuffer())
    .then((bytes) => initCompiler({ module_or_path: bytes }));
  return ready;
}

export interface Compiled {
  pack: Uint8Array;
  rules: number;
  errors: PackError[];
  /** An engine over the compiled pack (for the rule list and the live preview). */
  engine: Engine;
}

/** Compiles the built-in rules plus `packs`; broken rules are reported, valid ones still load. */
export async function compile(packs: PackSource[]): Promise<Compiled> {
  await loadCompiler();
  const result = compilePacks(packs, false, []);
  try {
    const pack = result.pack;
    return { pack, rules: result.rules, errors: result.errors as PackError[], engine: new Engine(pack) };
  } finally {
    result.free();
  }
}

/** Stores what frames should load: nothing (built-in pack) when there are no team packs. */
export async function storeCompiled(packs: PackSource[], compiled: Compiled | null): Promise<void> {
  if (!packs.length || !compiled) {
    await chrome.storage.local.remove(COMPILED_KEY);
    return;
  }
  const record: CompiledRecord = { key: packsKey(packs), pack: toBase64(compiled.pack), rules: compiled.rules, errors: compiled.errors };
  await chrome.storage.local.set({ [COMPILED_KEY]: record });
}
