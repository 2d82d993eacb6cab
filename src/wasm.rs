//! The JavaScript face of the engine (wasm32 only): an `Engine` object built once from a compiled
//! rule pack, and `check(text)` returning findings with UTF-16 offsets, the unit JavaScript strings
//! and DOM ranges count in (converted here, by `utf16`, and nowhere else).

use std::cell::RefCell;

use serde::Serialize;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;

use crate::{Finding, MentionReason, Severity, Suggestion};

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/**
 * One inaccurate claim. `start`/`end` are UTF-16 offsets into the checked string. The rule's
 * message and explanation are not repeated in every finding: take them once from `rules()`.
 */
export interface Finding {
  rule: string;
  severity: "error" | "warning" | "info";
  start: number;
  end: number;
  text: string;
  suggestions: { replacement: string; label?: string }[];
  /** Set when the text talks about the phrase instead of making the claim. */
  mention?: "quoted" | "negated" | "framed" | "question";
}
/** A loaded rule, for explanations and settings. */
export interface RuleInfo {
  id: string;
  severity: "error" | "warning" | "info";
  summary: string;
  message: string;
  explanation: string;
  link?: string;
  tags: string[];
}
"#;

// The text goes into the engine's memory through the browser's own UTF-8 encoder, into one buffer
// kept between checks: wasm-bindgen's `&str` copies the ASCII prefix in a JS loop, then allocates
// three bytes per character for the rest on every call (a 10 MB text: 30 MB, every time).
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = TextEncoder)]
    type Utf8Encoder;
    #[wasm_bindgen(constructor, js_class = TextEncoder)]
    fn new() -> Utf8Encoder;
    #[wasm_bindgen(method, js_class = TextEncoder, js_name = encodeInto)]
    fn encode_into(this: &Utf8Encoder, source: &JsValue, destination: &mut [u8]) -> EncodeResult;

    type EncodeResult;
    #[wasm_bindgen(method, getter)]
    fn written(this: &EncodeResult) -> u32;

    /// A JS string, for its length in UTF-16 units.
    type Utf16Text;
    #[wasm_bindgen(method, getter)]
    fn length(this: &Utf16Text) -> u32;
}

thread_local! {
    static ENCODER: Utf8Encoder = Utf8Encoder::new();
}

/// A compiled rule pack, ready to check texts.
#[wasm_bindgen(js_name = Engine)]
pub struct WasmEngine {
    engine: crate::Engine,
    /// The last text checked, as UTF-8 (grown as needed, never shrunk).
    input: RefCell<Vec<u8>>,
}

/// A finding as JavaScript gets it: without the rule's message and explanation, which are the
/// same for every finding of a rule (handing long strings to JS per finding dominated the cost
/// of a check with many findings).
#[derive(Serialize)]
struct JsFinding<'a> {
    rule: &'a str,
    severity: Severity,
    start: usize,
    end: usize,
    text: &'a str,
    suggestions: &'a [Suggestion],
    #[serde(skip_serializing_if = "Option::is_none")]
    mention: Option<MentionReason>,
}

impl<'a> From<&'a Finding> for JsFinding<'a> {
    fn from(f: &'a Finding) -> Self {
        JsFinding {
            rule: &f.rule,
            severity: f.severity,
            start: f.start,
            end: f.end,
            text: &f.text,
            suggestions: &f.suggestions,
            mention: f.mention,
        }
    }
}

#[derive(Serialize)]
struct RuleInfo<'a> {
    id: &'a str,
    severity: Severity,
    summary: &'a str,
    message: &'a str,
    explanation: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    link: Option<&'a str>,
    tags: &'a [String],
}

#[wasm_bindgen(js_class = Engine)]
impl WasmEngine {
    /// Load a compiled rule pack (the bytes of `rules.bin`).
    #[wasm_bindgen(constructor)]
    pub fn new(pack: &[u8]) -> Result<WasmEngine, JsError> {
        #[cfg(debug_assertions)]
        console_error_panic_hook::set_once();
        let engine = crate::Engine::from_compiled(pack).map_err(|e| JsError::new(&e))?;
        Ok(WasmEngine {
            engine,
            input: RefCell::new(Vec::new()),
        })
    }

    /// Find claims in `text`; offsets in the result are UTF-16 code units.
    #[wasm_bindgen(unchecked_return_type = "Finding[]")]
    pub fn check(
        &self,
        #[wasm_bindgen(unchecked_param_type = "string")] text: JsValue,
    ) -> Result<JsValue, JsError> {
        if !text.is_string() {
            return Err(JsError::new("check(text): text must be a string"));
        }
        let mut input = self.input.borrow_mut();
        // UTF-8 takes at most three bytes per UTF-16 unit (a surrogate pair: four for two).
        let room = text.unchecked_ref::<Utf16Text>().length() as usize * 3;
        if input.len() < room {
            input.resize(room, 0);
        }
        let written = ENCODER.with(|e| e.encode_into(&text, &mut input[..room]).written()) as usize;
        let bytes = &input[..written.min(room)];
        debug_assert!(std::str::from_utf8(bytes).is_ok());
        // SAFETY: the bytes were just written by TextEncoder.encodeInto, which writes whole UTF-8
        // characters only (unpaired surrogates become U+FFFD); validating them again cost 6% of
        // a check.
        let text = unsafe { std::str::from_utf8_unchecked(bytes) };
        let mut findings = self.engine.check(text);
        crate::utf16::to_utf16(text, &mut findings);
        let compact: Vec<JsFinding> = findings.iter().map(JsFinding::from).collect();
        compact
            .serialize(&serde_wasm_bindgen::Serializer::new())
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// The loaded rules, in load order.
    #[wasm_bindgen(unchecked_return_type = "RuleInfo[]")]
    pub fn rules(&self) -> Result<JsValue, JsError> {
        let rules: Vec<RuleInfo> = self
            .engine
            .rules()
            .iter()
            .map(|r| RuleInfo {
                id: &r.id,
                severity: r.severity,
                summary: &r.summary,
                message: &r.message,
                explanation: &r.explanation,
                link: r.link.as_deref(),
                tags: &r.tags,
            })
            .collect();
        rules
            .serialize(&serde_wasm_bindgen::Serializer::new())
            .map_err(|e| JsError::new(&e.to_string()))
    }
}
