//! Compiling team rule packs in the browser (wasm32 with the `compiler` feature): a separate,
//! larger Wasm module that the options page loads, never the content script. It turns TOML packs
//! into the compiled bytes `new Engine(...)` loads, and reports every broken rule with its file,
//! line and id while the valid rules still compile.

use serde::Deserialize;
use wasm_bindgen::prelude::*;

use crate::EngineBuilder;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &'static str = r#"
/** A rule pack as written (TOML); `name` is used in error messages. */
export interface PackSource { name: string; source: string; }
/** A problem in a pack: the pack's name, 1-based line when known, rule id when known. */
export interface PackError { file: string; line?: number; rule?: string; message: string; }
"#;

#[derive(Deserialize)]
struct PackSource {
    name: String,
    source: String,
}

/// The result of [`compile_packs`].
#[wasm_bindgen]
pub struct CompiledPacks {
    pack: Vec<u8>,
    errors: Vec<crate::PackError>,
    rules: usize,
}

#[wasm_bindgen]
impl CompiledPacks {
    /// The compiled pack (every rule that loaded), for `new Engine(pack)`.
    #[wasm_bindgen(getter)]
    pub fn pack(&self) -> Vec<u8> {
        self.pack.clone()
    }

    /// Every problem found; empty when all rules loaded.
    #[wasm_bindgen(getter, unchecked_return_type = "PackError[]")]
    pub fn errors(&self) -> Result<JsValue, JsError> {
        serde_wasm_bindgen::to_value(&self.errors).map_err(|e| JsError::new(&e.to_string()))
    }

    /// How many rules the pack holds.
    #[wasm_bindgen(getter)]
    pub fn rules(&self) -> usize {
        self.rules
    }
}

/// Compile the built-in rules (unless `withoutBuiltin`) and `packs` (TOML), leaving out the rules
/// with ids in `disabled`.
#[wasm_bindgen(js_name = compilePacks)]
pub fn compile_packs(
    #[wasm_bindgen(unchecked_param_type = "PackSource[]")] packs: JsValue,
    #[wasm_bindgen(js_name = withoutBuiltin)] without_builtin: bool,
    disabled: Vec<String>,
) -> Result<CompiledPacks, JsError> {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    let packs: Vec<PackSource> =
        serde_wasm_bindgen::from_value(packs).map_err(|e| JsError::new(&e.to_string()))?;
    let mut builder = if without_builtin {
        EngineBuilder::new()
    } else {
        EngineBuilder::with_builtin()
    };
    for p in &packs {
        builder = builder.pack(&p.name, &p.source);
    }
    for id in &disabled {
        builder = builder.disable(id);
    }
    let (engine, errors) = builder.build();
    let pack = engine.to_compiled().map_err(|e| JsError::new(&e))?;
    Ok(CompiledPacks {
        pack,
        errors,
        rules: engine.rules().len(),
    })
}
