//! ClaimLint's engine: finds inaccurate compliance claims ("SOC 2 certified": SOC 2 is an
//! attestation, not a certification) and suggests accurate wording.
//!
//! The engine is pure Rust with no IO: rule packs come in as strings, text comes in as `&str`,
//! findings come out with UTF-8 byte spans into that text.
//!
//! ```
//! let engine = claimlint::Engine::builtin();
//! let text = "Acme is SOC 2 Type II certified.";
//! let findings = engine.check(text);
//! assert_eq!(findings.len(), 1);
//! assert_eq!(findings[0].text, "SOC 2 Type II certified");
//! assert_eq!(findings[0].suggestions[0].replacement, "SOC 2 Type II attested");
//! assert_eq!(&text[findings[0].start..findings[0].end], "SOC 2 Type II certified");
//! ```
//!
//! User packs are added with [`EngineBuilder`]; a broken rule is reported with its file, line and
//! id, and every other rule still loads:
//!
//! ```
//! let pack = r#"
//! [[rule]]
//! id = "broken"
//! severity = "error"
//! summary = "s"
//! message = "m"
//! explanation = "e"
//! patterns = ["soc 2 (unclosed"]
//! "#;
//! let (engine, errors) = claimlint::EngineBuilder::with_builtin().pack("team.toml", pack).build();
//! assert_eq!(errors.len(), 1);
//! assert_eq!(errors[0].rule.as_deref(), Some("broken"));
//! assert!(!engine.check("We are SOC 2 certified.").is_empty());
//! ```

mod anchors;
mod automaton;
#[cfg(feature = "compiler")]
mod builder;
mod compiled;
mod context;
mod deferred;
mod engine;
mod finding;
#[cfg(feature = "compiler")]
mod groups;
mod nfa_code;
pub mod normalize;
#[cfg(feature = "compiler")]
mod pack;
#[cfg(feature = "compiler")]
mod pattern;
mod severity;
mod template;
mod utf16;
#[cfg(target_arch = "wasm32")]
mod wasm;
#[cfg(all(target_arch = "wasm32", feature = "compiler"))]
mod wasm_compiler;

#[cfg(feature = "compiler")]
pub use builder::{BUILTIN_PACKS, EngineBuilder};
pub use engine::{CheckOptions, Engine, MustFlag, Rule, SuggestionSpec};
pub use finding::{Finding, MentionReason, Suggestion};
#[cfg(feature = "compiler")]
pub use pack::PackError;
pub use severity::Severity;

/// Internals reached by the fuzz targets (`fuzz/`) and the property tests; not a stable API.
#[doc(hidden)]
pub mod fuzzing {
    pub use crate::compiled::{body, seal};
    pub use crate::utf16::to_utf16;
}
