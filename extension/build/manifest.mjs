// One manifest source for both browsers; only the keys each browser understands are emitted,
// so neither prints "unrecognized key" warnings.

// Extension pages and the worker load only the extension's own files: no network, no inline
// script or style, no plugins, no <base>, no form posts, never framed. 'wasm-unsafe-eval' lets the
// worker and the options page compile the engine and the rule-pack compiler.
export const EXTENSION_CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

/** @param {"chromium"|"firefox"} browser @param {string} version */
export function manifest(browser, version) {
  const chromium = browser === "chromium";
  const icons = { 16: "icons/16.png", 32: "icons/32.png", 48: "icons/48.png", 128: "icons/128.png" };
  return {
    manifest_version: 3,
    name: "__MSG_extensionName__",
    version,
    description: "__MSG_extensionDescription__",
    default_locale: "en",
    icons,
    action: {
      default_title: "ClaimLint",
      default_popup: "popup.html",
      default_icon: { 16: icons[16], 32: icons[32] },
    },
    background: chromium
      ? { service_worker: "background.js", type: "module" }
      : { scripts: ["background.js"], type: "module" },
    content_scripts: [
      {
        matches: ["<all_urls>"],
        js: ["content.js"],
        css: ["content.css"],
        run_at: "document_idle",
        all_frames: true,
        match_about_blank: true,
        ...(chromium ? { match_origin_as_fallback: true } : {}),
      },
    ],
    permissions: ["storage", "contextMenus"],
    options_ui: { page: "options.html", open_in_tab: true },
    commands: {
      "toggle-highlights": { suggested_key: { default: "Alt+Shift+H" }, description: "__MSG_commandToggle__" },
      _execute_action: { suggested_key: { default: "Alt+Shift+L" } },
    },
    content_security_policy: { extension_pages: EXTENSION_CSP },
    ...(chromium
      ? {
          minimum_chrome_version: "121",
          // What an organisation may set by policy (storage.managed); Firefox takes policies without a schema.
          storage: { managed_schema: "managed-schema.json" },
        }
      : {
          browser_specific_settings: {
            gecko: {
              id: "claimlint@claimlint.dev",
              strict_min_version: "140.0",
              data_collection_permissions: { required: ["none"] },
            },
            // Firefox for Android reads data_collection_permissions from 142 on.
            gecko_android: { strict_min_version: "142.0" },
          },
        }),
  };
}
