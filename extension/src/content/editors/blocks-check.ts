// Checks the blocks of an editor (paragraphs of a field, block elements of a rich editor) with
// one engine call per batch, remembering findings by block text: after a keystroke only the
// edited block is new to the cache, so only it reaches the engine.
import { BLOCK_SEPARATOR, type CheckedFinding } from "../../shared/protocol.js";
import { measure } from "../../shared/marks.js";
import { engineHost } from "../host.js";

const BATCH_CHARS = 32 * 1024;
const CACHE_LIMIT = 4000;
const WS = /[\n\r\t\f]/g;

export class BlockChecker {
  private readonly cache = new Map<string, CheckedFinding[]>();

  /** Findings per text (offsets into that text; mentions already dropped). */
  async check(texts: string[]): Promise<CheckedFinding[][]> {
    const out: (CheckedFinding[] | undefined)[] = texts.map((t) => this.cache.get(t));
    const missing: number[] = [];
    out.forEach((found, i) => {
      if (!found) missing.push(i);
    });
    let i = 0;
    while (i < missing.length) {
      const batch: number[] = [];
      const offsets: number[] = [];
      let length = 0;
      while (i < missing.length && (batch.length === 0 || length + texts[missing[i]!]!.length < BATCH_CHARS)) {
        offsets.push(length);
        batch.push(missing[i]!);
        length += texts[missing[i]!]!.length + BLOCK_SEPARATOR.length;
        i++;
      }
      // Newlines inside a block become spaces (same length): only the joiner separates blocks.
      const blocks = batch.map((b) => texts[b]!.replace(WS, " "));
      // The engine runs in the background worker: this thread pays for sending the text (timed
      // here) and for reading the answer, not for the check itself.
      const t0 = performance.now();
      const pending = engineHost().check(blocks);
      measure("editor-send", t0);
      const findings = await pending;
      const per: CheckedFinding[][] = batch.map(() => []);
      let r = 0;
      for (const f of findings) {
        if (f.mention) continue;
        while (r + 1 < batch.length && offsets[r + 1]! <= f.start) r++;
        per[r]!.push({ ...f, start: f.start - offsets[r]!, end: f.end - offsets[r]! });
      }
      batch.forEach((b, k) => {
        out[b] = per[k]!;
        this.remember(texts[b]!, per[k]!);
      });
    }
    return out.map((f) => f ?? []);
  }

  private remember(text: string, findings: CheckedFinding[]): void {
    if (this.cache.size >= CACHE_LIMIT) this.cache.delete(this.cache.keys().next().value!);
    this.cache.set(text, findings);
  }
}
