// Runs the engine for this frame: in the frame itself when it may compile Wasm, otherwise
// (Chromium applies the page's CSP to content scripts) in the background worker. Callers see the
// same API either way.
import { canCompileWasm, loadChecker, type Checker, type CheckedFinding } from "../shared/engine.js";
import { send, type CheckResponse, type EngineSite } from "../shared/protocol.js";

export interface EngineHost {
  readonly site: EngineSite;
  check(text: string): Promise<CheckedFinding[]>;
}

class LocalHost implements EngineHost {
  readonly site = "content";
  constructor(private readonly engine: Checker) {}
  async check(text: string): Promise<CheckedFinding[]> {
    return this.engine.check(text);
  }
}

class BackgroundHost implements EngineHost {
  readonly site = "background";
  async check(text: string): Promise<CheckedFinding[]> {
    const response = await send<CheckResponse | undefined>({ kind: "check", text });
    if (!response) throw new Error("no answer from the background worker");
    if (!response.ok) throw new Error(response.error);
    return response.findings;
  }
}

let host: Promise<EngineHost> | null = null;

/** The engine host, created on first use (pages without text never load the engine). */
export function engineHost(): Promise<EngineHost> {
  host ??= (async () => {
    if (canCompileWasm()) {
      try {
        return new LocalHost(await loadChecker());
      } catch {
        // Fall through: same engine, other realm.
      }
    }
    return new BackgroundHost();
  })();
  return host;
}
