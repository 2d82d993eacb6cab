//! Deterministic benchmark corpus: marketing and security-page prose with about 1.5% non-ASCII
//! characters (curly quotes, dashes, NBSP, ®, accents) and one compliance claim per ~2 KB.
//! Shared by the engine bench and `examples/corpus.rs` (which writes it out for other tools).

/// A small xorshift generator: the same seed gives the same corpus on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[(self.next() % items.len() as u64) as usize]
    }
}

const OPENERS: &[&str] = &[
    "Our platform",
    "The dashboard",
    "Every workspace",
    "Your finance team",
    "The audit log",
    "Our support engineers",
    "The reporting module",
    "Each integration",
    "The mobile app",
    "Our onboarding team",
    "The billing engine",
    "Role-based access",
];
const VERBS: &[&str] = &[
    "helps", "lets", "empowers", "gives", "allows", "supports", "enables", "invites",
];
const OBJECTS: &[&str] = &[
    "growing companies close the books faster",
    "teams reconcile thousands of transactions every day",
    "managers approve spend from anywhere",
    "analysts build reports without waiting on engineering",
    "customers export data in open formats",
    "administrators review every change with a full history",
    "operations staff automate routine reconciliation",
    "partners connect their tools in minutes",
];
const TAILS: &[&str] = &[
    "with encryption in transit and at rest",
    "while keeping an immutable history of every edit",
    "across regions in North America and Europe",
    "backed by round-the-clock monitoring",
    "without any change to existing workflows",
    "and scales from ten users to ten thousand",
    "using single sign-on and multi-factor authentication",
];
const FLAIR: &[&str] = &[
    "\u{201c}fast\u{201d}",
    "\u{2014}",
    "Acme\u{ae}",
    "caf\u{e9}",
    "\u{2018}simple\u{2019}",
    "r\u{e9}sum\u{e9}",
    "10\u{a0}000",
    "\u{2013}",
];
const CLAIMS: &[&str] = &[
    "We are SOC 2 Type II certified.",
    "Northwind holds a SOC\u{a0}2 certification and a HIPAA certificate.",
    "Our SOC 2 report is available under NDA.",
    "Certified ISO 27001 and PCI DSS compliant, validated by a QSA.",
    "There is no such thing as a SOC 2 certificate.",
    "We passed our SOC 2 audit with flying colors.",
    "The service is HIPAA-certified and GDPR certified.",
    "Our certified public accountants review every filing.",
];

/// About `len` bytes of prose (it stops at the first sentence end past `len`).
pub fn generate(len: usize, seed: u64) -> String {
    let mut rng = Rng(seed.max(1));
    let mut out = String::with_capacity(len + 256);
    let mut since_claim = 0usize;
    let mut paragraph = 0;
    while out.len() < len {
        let start = out.len();
        if since_claim > 1800 + (rng.next() % 400) as usize {
            out.push_str(rng.pick(CLAIMS));
            since_claim = 0;
        } else {
            out.push_str(rng.pick(OPENERS));
            out.push(' ');
            out.push_str(rng.pick(FLAIR));
            out.push(' ');
            out.push_str(rng.pick(VERBS));
            out.push(' ');
            out.push_str(rng.pick(OBJECTS));
            out.push(' ');
            if rng.next() % 10 < 4 {
                out.push_str(rng.pick(FLAIR));
                out.push(' ');
            }
            out.push_str(rng.pick(TAILS));
            out.push('.');
        }
        paragraph += 1;
        if paragraph % 6 == 0 {
            out.push_str("\n\n");
        } else {
            out.push(' ');
        }
        since_claim += out.len() - start;
    }
    out
}
