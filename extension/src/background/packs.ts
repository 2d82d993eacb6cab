// Keeps the compiled pack in step with the team packs when they change outside the options page
// (another device through sync, or the organisation's policy): the compiler is loaded only then.
// The options page compiles and stores before it saves, so its own edits never load it here.
import { compile, storeCompiled } from "../shared/compile.js";
import { loadCompiled, packsKey } from "../shared/packs.js";
import { loadSettings, migrateSiteSwitches, onSettingsChange, type Effective } from "../shared/settings.js";

let running: Promise<void> = Promise.resolve();

async function refresh(effective: Effective): Promise<void> {
  const packs = [...effective.managedPacks, ...effective.settings.packs];
  const compiled = await loadCompiled();
  if (!packs.length) {
    if (compiled) await storeCompiled([], null);
    return;
  }
  if (compiled?.key === packsKey(packs)) return;
  await storeCompiled(packs, await compile(packs));
}

function queue(work: () => Promise<void>): void {
  running = running.then(work).catch((e) => console.error("ClaimLint packs:", e));
}

export function keepPacksCompiled(): void {
  queue(async () => refresh(await loadSettings()));
  onSettingsChange((effective) => queue(() => refresh(effective)));
  chrome.runtime.onInstalled.addListener(() => queue(migrateSiteSwitches));
}
