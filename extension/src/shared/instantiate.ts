// The engine from the bytes of the Wasm module and of a compiled rule pack, wherever they came
// from: the extension's files (engine.ts) or the website's own origin (the playground).
import init, { Engine } from "../../pkg/claimlint.js";

export async function engineFrom(wasm: Uint8Array, pack: Uint8Array): Promise<Engine> {
  const { memory } = await init({ module_or_path: wasm });
  // The browser benchmark reports the engine's memory from here (the worker's own global).
  (globalThis as { claimlintEngineMemory?: WebAssembly.Memory }).claimlintEngineMemory = memory;
  return new Engine(pack);
}
