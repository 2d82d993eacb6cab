// The compiled rule pack: built-in rules plus every team pack, compiled by the rule-pack compiler
// (options page, or the background worker when packs arrive by sync or policy) and kept in
// storage.local, so each frame's small engine loads it instead of pkg/rules.bin.
import { COMPILED_KEY, type PackSource } from "./settings.js";

/** A problem in a pack: the pack's name, 1-based line when known, rule id when known. */
export interface PackError {
  file: string;
  line?: number;
  rule?: string;
  message: string;
}

export interface CompiledRecord {
  /** Identifies the sources it was compiled from (see `packsKey`). */
  key: string;
  /** The compiled bytes, base64 (storage holds JSON). */
  pack: string;
  rules: number;
  errors: PackError[];
}

/** Identity of a list of packs: a change to any name or text changes it. */
export function packsKey(packs: PackSource[]): string {
  const s = JSON.stringify(packs.map((p) => [p.name, p.source]));
  let h1 = 0x811c9dc5;
  let h2 = 0x01000193;
  for (let i = 0; i < s.length; i++) {
    h1 = Math.imul(h1 ^ s.charCodeAt(i), 0x01000193);
    h2 = Math.imul(h2 ^ s.charCodeAt(i), 0x5bd1e995);
  }
  return `${packs.length}:${s.length}:${(h1 >>> 0).toString(36)}${(h2 >>> 0).toString(36)}`;
}

export function toBase64(bytes: Uint8Array): string {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s);
}

export function fromBase64(text: string): Uint8Array {
  const s = atob(text);
  const out = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
  return out;
}

export async function loadCompiled(): Promise<CompiledRecord | null> {
  const got = await chrome.storage.local.get(COMPILED_KEY);
  const record = got[COMPILED_KEY] as CompiledRecord | undefined;
  return record && typeof record.pack === "string" && typeof record.key === "string" ? record : null;
}

/** The compiled team pack's bytes, or null when there is none (the built-in pack applies). */
export async function compiledPack(): Promise<Uint8Array | null> {
  const record = await loadCompiled();
  if (!record) return null;
  try {
    return fromBase64(record.pack);
  } catch {
    return null;
  }
}

/** Calls `listener` when the compiled pack changes (every engine must reload its rules). */
export function onCompiledChange(listener: () => void): void {
  chrome.storage.onChanged.addListener((changes, area) => {
    const change = changes[COMPILED_KEY];
    if (area !== "local" || !change) return;
    const before = (change.oldValue as CompiledRecord | undefined)?.key;
    const after = (change.newValue as CompiledRecord | undefined)?.key;
    if (before !== after) listener();
  });
}
