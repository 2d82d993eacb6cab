// Compiled rule packs (what the extension stores and loads), with a valid checksum around any
// body, so the decoder itself is exercised. Shared by the fuzz target and the corpus replay test.
use claimlint::{Engine, fuzzing};

const SAMPLES: [&str; 3] = [
    "We are SOC 2 certified, HIPAA certified, PCI certified and GDPR certified.",
    "Our ISO 27001 certificate and SOC 2 Type II report are \"certified\" by auditors, we are FedRAMP authorized.",
    "Not SOC 2 certified? Is it HIPAA compliant? We passed the audit; fully compliant, audited annually.",
];

/// No panic on load or on checking: a body that does not decode is refused with an error, and
/// one that decodes into nonsense loses its broken parts, not the engine.
pub fn compiled(data: &[u8]) {
    let bytes = fuzzing::seal(data);
    match Engine::from_compiled(&bytes) {
        Ok(engine) => {
            for text in SAMPLES {
                for f in engine.check(text) {
                    assert!(f.start < f.end && f.end <= text.len() && text.is_char_boundary(f.start) && text.is_char_boundary(f.end));
                }
            }
        }
        Err(e) => assert!(!e.is_empty()),
    }
}
