// Loads the Wasm engine and its rule pack from the extension's own files (never the network).
import init, { Engine } from "../../pkg/claimlint.js";
import { measure } from "./marks.js";

async function bytes(path: string): Promise<Uint8Array> {
  const response = await fetch(chrome.runtime.getURL(path));
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

export async function loadEngine(): Promise<Engine> {
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
