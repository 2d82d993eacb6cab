// Loads the Wasm engine and its rule pack from the extension's own files (never the network).
import init, { Engine, type Finding } from "../../pkg/claimlint.js";
import { measure } from "./marks.js";

/** A finding with its rule's message and explanation (the engine gives those once per rule). */
export type CheckedFinding = Finding & { message: string; explanation: string };

/** The engine, with each finding joined to its rule's texts. */
export interface Checker {
  check(text: string): CheckedFinding[];
}

async function bytes(path: string): Promise<Uint8Array> {
  const response = await fetch(chrome.runtime.getURL(path));
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

export async function loadChecker(): Promise<Checker> {
  const engine = await loadEngine();
  const rules = new Map(engine.rules().map((r) => [r.id, r]));
  return {
    check(text) {
      return engine.check(text).map((f) => {
        const rule = rules.get(f.rule);
        return { ...f, message: rule?.message ?? "", explanation: rule?.explanation ?? "" };
      });
    },
  };
}

async function loadEngine(): Promise<Engine> {
  let t = performance.now();
  const [wasm, pack] = await Promise.all([bytes("pkg/claimlint_bg.wasm"), bytes("pkg/rules.bin")]);
  measure("engine-fetch", t);
  t = performance.now();
  await init({ module_or_path: wasm });
  measure("engine-compile", t);
  t = performance.now();
  const engine = new Engine(pack);
  measure("engine-new", t);
  return engine;
}

/** False when this realm may not compile Wasm (Chromium applies the page's CSP to content scripts). */
export function canCompileWasm(): boolean {
  try {
    new WebAssembly.Module(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));
    return true;
  } catch {
    return false;
  }
}
