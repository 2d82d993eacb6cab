// The engine for this frame. One engine serves the whole browser: it runs in the background worker,
// loaded once, and frames send it their text. A page pays neither the engine's start-up (Wasm
// compile, rule pack decode: tens of milliseconds) nor its memory, per frame; ad frames and pages
// whose Content-Security-Policy forbids Wasm in the content script are no different.
import type { Finding, RuleInfo } from "../../pkg/claimlint.js";
import { send, type CheckedFinding, type Request } from "../shared/protocol.js";

export interface EngineHost {
  /** Findings in `text`, or in the blocks joined by BLOCK_SEPARATOR (offsets into the joined text). */
  check(text: string | string[]): Promise<CheckedFinding[]>;
}

async function ask<T>(message: Request): Promise<T> {
  const response = await send<({ ok: true } & T) | { ok: false; error: string } | undefined>(message);
  if (!response) throw new Error("no answer from the background worker");
  if (!response.ok) throw new Error(response.error);
  return response;
}

class BackgroundHost implements EngineHost {
  // Rule texts come once per frame that has findings, not with every finding.
  private rules: Promise<Map<string, RuleInfo>> | null = null;

  private ruleTexts(): Promise<Map<string, RuleInfo>> {
    this.rules ??= ask<{ rules: RuleInfo[] }>({ kind: "rules" }).then((r) => new Map(r.rules.map((rule) => [rule.id, rule])));
    this.rules.catch(() => (this.rules = null));
    return this.rules;
  }

  async check(text: string | string[]): Promise<CheckedFinding[]> {
    const { findings } = await ask<{ findings: Finding[] }>({ kind: "check", text });
    if (!findings.length) return []; // most batches: no rule texts needed, none asked for
    const rules = await this.ruleTexts();
    return findings.map((f) => {
      const rule = rules.get(f.rule);
      return { ...f, message: rule?.message ?? "", explanation: rule?.explanation ?? "" };
    });
  }
}

let host: EngineHost | null = null;

/** The engine host (the worker loads the engine on the first check it receives). */
export function engineHost(): EngineHost {
  host ??= new BackgroundHost();
  return host;
}

/** Drops the engine (its rule pack changed): the next check loads it again. */
export function resetEngineHost(): void {
  host = null;
}
