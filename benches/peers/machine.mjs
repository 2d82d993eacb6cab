// What the figures were measured on: CPU, cores, memory, load, and every tool's version.
import { execFileSync } from "node:child_process";
import { readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import os from "node:os";
import { ROOT, PKG } from "./tools.mjs";

const run = (cmd, args) => {
  try {
    return execFileSync(cmd, args, { cwd: ROOT, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
};

/** The load averages now, as `uptime` prints them. */
export const load = () => os.loadavg().map((x) => Number(x.toFixed(2)));

export function machine() {
  const lscpu = run("lscpu", []) ?? "";
  const field = (name) => lscpu.match(new RegExp(`^${name}:\\s*(.+)$`, "m"))?.[1];
  return {
    cpu: field("Model name") ?? os.cpus()[0]?.model,
    cpus: os.cpus().length,
    threadsPerCore: Number(field("Thread\\(s\\) per core")) || null,
    memoryGiB: Number((os.totalmem() / 2 ** 30).toFixed(1)),
    os: run("sh", ["-c", ". /etc/os-release && echo $PRETTY_NAME"]) ?? os.platform(),
    kernel: os.release(),
  };
}

const packageVersion = (name) => {
  try {
    return JSON.parse(readFileSync(join(ROOT, "node_modules", name, "package.json"), "utf8")).version;
  } catch {
    return null;
  }
};

export function versions(chromiumVersion) {
  const head = run("git", ["rev-parse", "--short", "HEAD"]);
  const dirty = run("git", ["status", "--porcelain", "--", "src", "rules", "Cargo.toml", "Cargo.lock"]);
  return {
    claimlint: `${run(join(ROOT, "target/release/claimlint"), ["--version"]) ?? "?"} (git ${head}${dirty ? ", engine sources modified" : ""})`,
    pkgBuilt: statSync(join(PKG, "claimlint_bg.wasm")).mtime.toISOString(),
    rustc: run("rustc", ["--version"]),
    node: process.version,
    v8: process.versions.v8,
    chromium: chromiumVersion ?? null,
    packages: Object.fromEntries(["textlint", "textlint-rule-prh", "prh", "harper.js", "write-good", "playwright-core"]
      .map((name) => [name, packageVersion(name)])),
  };
}
