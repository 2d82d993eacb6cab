// The engine from the bytes of the Wasm module and of a compiled rule pack, wherever they came
// from: the extension's files (engine.ts) or the website's own origin (the playground).
import init, { Engine } from "../../pkg/claimlint.js";

export async function engineFrom(wasm: Uint8Array, pack: Uint8Array, onMemory?: (memory: WebAssembly.Memory) => void): Promise<Engine> {
  const { memory } = await init({ module_or_path: wasm });
  onMemory?.(memory);
  return new Engine(pack);
}
