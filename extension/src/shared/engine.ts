// Loads the Wasm engine and its rule pack from the extension's own files (never the network).
// Only the background worker runs it; frames send it their text (see content/host.ts).
import type { Engine } from "../../pkg/claimlint.js";
import { engineFrom } from "./instantiate.js";
import { compiledPack } from "./packs.js";

async function bytes(path: string): Promise<Uint8Array> {
  const response = await fetch(chrome.runtime.getURL(path));
  if (!response.ok) throw new Error(`${path}: ${response.status}`);
  return new Uint8Array(await response.arrayBuffer());
}

export async function loadEngine(): Promise<Engine> {
  // Team packs (settings) are compiled with the built-in rules into one pack; without them, the built-in one.
  const [wasm, pack] = await Promise.all([
    bytes("pkg/claimlint_bg.wasm"),
    compiledPack().then((team) => team ?? bytes("pkg/rules.bin")),
  ]);
  // The browser benchmark reads the engine's memory from the worker's own global.
  return engineFrom(wasm, pack, (memory) => ((globalThis as { claimlintEngineMemory?: WebAssembly.Memory }).claimlintEngineMemory = memory));
}
