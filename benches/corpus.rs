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

/// Neutral sentences that stand in for the claims on the no-claims page (same structure, nothing to find).
const NEUTRAL: &[&str] = &[
    "We publish our security overview on request.",
    "Northwind keeps an audit trail of every access and every export.",
    "Our status page lists every incident since launch.",
    "Backups run nightly and are restored in a drill every quarter.",
    "Staff complete privacy training when they join the team.",
    "The service encrypts every file with keys rotated yearly.",
];
const HEADINGS: &[&str] = &[
    "Security overview",
    "How it works",
    "Pricing and plans",
    "Customer stories",
    "Integrations",
    "Trust and compliance",
    "Frequently asked questions",
    "Getting started",
];
const INLINE: &[(&str, &str)] = &[
    ("<b>", "</b>"),
    ("<em>", "</em>"),
    ("<span class=\"hl\">", "</span>"),
    ("<strong>", "</strong>"),
    ("<a href=\"#top\">", "</a>"),
    ("<a href=\"#pricing\"><b>", "</b></a>"),
    ("<code>", "</code>"),
];

fn escape(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            _ => out.push(c),
        }
    }
}

/// One sentence as HTML, with a few words wrapped in inline elements (about one text node per
/// 50 bytes); a claim always has a word inside an element, so it is split across text nodes.
fn inline_sentence(out: &mut String, rng: &mut Rng, sentence: &str, claim: bool) {
    let words: Vec<&str> = sentence.split(' ').collect();
    let forced = if claim && words.len() > 2 {
        1 + (rng.next() % (words.len() as u64 - 2)) as usize
    } else {
        usize::MAX
    };
    let mut i = 0;
    let mut since = 0usize;
    while i < words.len() {
        if i > 0 {
            out.push(' ');
        }
        let wrap = i == forced || (since > 90 && rng.next() % 3 == 0);
        if wrap {
            let n = if i == forced {
                1
            } else {
                1 + (rng.next() % 3) as usize
            }
            .min(words.len() - i);
            let (open, close) = INLINE[(rng.next() % INLINE.len() as u64) as usize];
            out.push_str(open);
            escape(out, &words[i..i + n].join(" "));
            out.push_str(close);
            i += n;
            since = 0;
        } else {
            escape(out, words[i]);
            since += words[i].len() + 1;
            i += 1;
        }
    }
}

/// A deterministic HTML page around `generate(len, seed)`: headings, paragraphs, lists, cards,
/// links, with words wrapped in `<b>`/`<em>`/`<span>`/`<a>`/`<code>` so claims are split across
/// inline elements (about 20,000 text nodes per MB of text). With `claims` false every claim
/// sentence is replaced by a neutral one: same structure, nothing to find. One paragraph in 97 is
/// `hidden` and one in 89 is `display: none` (their text must not be read).
#[allow(dead_code)] // used by examples/corpus.rs, not by the engine bench
pub fn html_page(len: usize, seed: u64, claims: bool) -> String {
    let text = generate(len, seed);
    let mut rng = Rng(seed.max(1) ^ 0x9e37_79b9_7f4a_7c15);
    let mut out = String::with_capacity(len * 2);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<title>ClaimLint benchmark page</title>\n<style>\n");
    out.push_str(
        "body { font: 16px/1.5 sans-serif; margin: 0 auto; max-width: 880px; padding: 0 16px; }\n",
    );
    out.push_str(".hl { background: #fff3c4; } .card { border: 1px solid #ddd; padding: 4px 12px; margin: 8px 0; }\n");
    out.push_str("</style>\n</head>\n<body>\n<nav id=\"top\"><a href=\"#top\">Home</a> <a href=\"#pricing\">Pricing</a> <a href=\"#trust\">Trust</a></nav>\n<main>\n");
    for (p, paragraph) in text.split("\n\n").enumerate() {
        let paragraph = paragraph.trim();
        if paragraph.is_empty() {
            continue;
        }
        if p % 5 == 0 {
            out.push_str("<h2>");
            escape(
                &mut out,
                HEADINGS[(rng.next() % HEADINGS.len() as u64) as usize],
            );
            out.push_str("</h2>\n");
        }
        let sentences: Vec<&str> = paragraph.split_inclusive(". ").map(str::trim_end).collect();
        let kind = rng.next() % 20;
        let attrs = if p % 97 == 96 {
            " hidden"
        } else if p % 89 == 88 {
            " style=\"display: none\""
        } else {
            ""
        };
        let (open, item_open, item_close, close) = match kind {
            0..=2 => ("<ul", "<li>", "</li>\n", "</ul>\n"),
            3 => ("<div class=\"card\"", "<p>", "</p>\n", "</div>\n"),
            _ => ("<p", "", "", "</p>\n"),
        };
        out.push_str(open);
        out.push_str(attrs);
        out.push_str(if item_open.is_empty() { ">" } else { ">\n" });
        for (s, sentence) in sentences.iter().enumerate() {
            let claim = CLAIMS.contains(sentence);
            let sentence = if claim && !claims {
                rng.pick(NEUTRAL)
            } else {
                sentence
            };
            if !item_open.is_empty() {
                out.push_str(item_open);
            } else if s > 0 {
                out.push(' ');
            }
            inline_sentence(&mut out, &mut rng, sentence, claim);
            out.push_str(item_close);
        }
        out.push_str(close);
    }
    out.push_str("</main>\n<footer id=\"trust\"><p>Acme\u{ae} Inc. All rights reserved.</p></footer>\n</body>\n</html>\n");
    out
}
