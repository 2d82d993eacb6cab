// The browser benchmarks read the content script's `claimlint:*` marks and measures, which only a
// CLAIMLINT_TIMING=1 build records (see extension/src/shared/marks.ts).
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { ROOT } from "../../tests/e2e/lib/chromium.mjs";

const buildScript = join(ROOT, "extension", "build", "build.mjs");
const build = (timing) =>
  execFileSync(process.execPath, [buildScript], { cwd: ROOT, stdio: "ignore", env: { ...process.env, CLAIMLINT_TIMING: timing ? "1" : "" } });

/** Builds dist/chromium with timing marks now, and as shipped again when the process exits. */
export function useTimingBuild() {
  build(true);
  process.on("exit", () => build(false));
}
