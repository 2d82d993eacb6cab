//! End-to-end tests of the `claimlint` binary: spans, positions, file formats, output formats,
//! exit codes, rule packs. Fixtures are in tests/fixtures/.
//!
//! Built-in rules change while packs are edited, so exact assertions are on `soc2-certified`
//! findings (or on a user pack with `--no-builtin`); other rules may add findings elsewhere.
#![cfg(feature = "cli")]

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

const RULE: &str = "soc2-certified";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}):\n{}", self.stdout))
    }
}

/// Run the binary in the crate root (so fixture paths are relative), with `stdin` as input.
fn run_with(args: &[&str], stdin: &str) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_claimlint"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run claimlint");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().expect("exit code"),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

fn run(args: &[&str]) -> Run {
    run_with(args, "")
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

/// JSON findings of one rule, in order.
fn of_rule(findings: &Value, rule: &str) -> Vec<Value> {
    findings
        .as_array()
        .expect("an array")
        .iter()
        .filter(|f| f["rule"] == rule)
        .cloned()
        .collect()
}

fn num(v: &Value) -> usize {
    v.as_u64().expect("a number") as usize
}

/// 1-based line and column (Unicode scalar values) of byte `offset`, computed independently.
fn position(source: &str, offset: usize) -> (usize, usize) {
    let before = &source[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, source[line_start..offset].chars().count() + 1)
}

/// `text` is the file's bytes at start..end, and line/column agree with the offsets.
fn assert_placed(source: &str, f: &Value) {
    let (start, end) = (num(&f["start"]), num(&f["end"]));
    assert_eq!(
        &source[start..end],
        f["text"].as_str().unwrap(),
        "span of {f}"
    );
    assert_eq!(
        position(source, start),
        (num(&f["line"]), num(&f["column"])),
        "start of {f}"
    );
    assert_eq!(
        position(source, end),
        (num(&f["end_line"]), num(&f["end_column"])),
        "end of {f}"
    );
}

#[test]
fn text_file_spans_and_columns_after_multibyte_and_tab() {
    let r = run(&["check", "--format", "json", "tests/fixtures/claims.txt"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let source = fixture("claims.txt");
    let all = r.json();
    for f in all.as_array().unwrap() {
        assert_placed(&source, f);
    }
    let found = of_rule(&all, RULE);
    let texts: Vec<&str> = found.iter().map(|f| f["text"].as_str().unwrap()).collect();
    // Line 4 is a negation (a mention), not reported without --show-mentions.
    assert_eq!(texts, ["SOC 2 certified", "SOC 2 Type II certified"]);
    let at = |f: &Value| [&f["line"], &f["column"], &f["end_line"], &f["end_column"]].map(num);
    assert_eq!(at(&found[0]), [2, 14, 2, 29]);
    // "\tTabbed: 日本語 Acme is ": the tab and each CJK character count as one column.
    assert_eq!(at(&found[1]), [3, 22, 3, 45]);
    assert_eq!(found[0]["suggestions"][0], "SOC 2 attested");
}

#[test]
fn markdown_joins_inline_markup_and_skips_code_and_html() {
    let r = run(&["check", "--format", "json", "tests/fixtures/page.md"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let source = fixture("page.md");
    let all = r.json();
    for f in all.as_array().unwrap() {
        assert_placed(&source, f);
        // Nothing from the code span, fenced and indented code, or the HTML block.
        assert!(num(&f["line"]) < 14, "finding in skipped content: {f}");
    }
    let found = of_rule(&all, RULE);
    let got: Vec<(usize, usize, &str)> = found
        .iter()
        .map(|f| {
            (
                num(&f["line"]),
                num(&f["column"]),
                f["text"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        got,
        [
            // After "Ünïcode prose: " (multibyte): column counts characters, not bytes. The
            // span ends with the claim's last character, before the closing `**`.
            (3, 29, "SOC 2 **certified"),
            (5, 6, "SOC 2](https://example.com/soc2) certified"),
            (7, 32, "SOC 2\n  certified"),
            (12, 11, "SOC 2 certified"),
        ]
    );
    // A claim over two lines ends on the second.
    assert_eq!(
        (num(&found[2]["end_line"]), num(&found[2]["end_column"])),
        (8, 12)
    );
    // The soft break reads as a space: the suggestion has no line break.
    assert_eq!(found[2]["suggestions"][0], "SOC 2 attested");
}

#[test]
fn html_skips_scripts_styles_attributes_comments_and_decodes_entities() {
    let r = run(&["check", "--format", "json", "tests/fixtures/page.html"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let source = fixture("page.html");
    let all = r.json();
    for f in all.as_array().unwrap() {
        assert_placed(&source, f);
        // Title, meta, style, script (lines 5-8) and comment, textarea, template, noscript, code
        // and the <br>-split claim (13-18) give nothing.
        let line = num(&f["line"]);
        assert!(line == 11 || line == 12, "unexpected finding: {f}");
    }
    let found = of_rule(&all, RULE);
    let texts: Vec<&str> = found.iter().map(|f| f["text"].as_str().unwrap()).collect();
    assert_eq!(
        texts,
        [
            "SOC&nbsp;2 <strong>cert</strong>ified",
            "SOC 2</a> certified"
        ]
    );
    // Columns after "Größe &amp; Qualität — " and "日本語のテキスト: ", in characters.
    assert_eq!((num(&found[0]["line"]), num(&found[0]["column"])), (11, 66));
    assert_eq!((num(&found[1]["line"]), num(&found[1]["column"])), (12, 69));
    // The entity is decoded for matching (the suggestion keeps the no-break space).
    assert_eq!(found[0]["suggestions"][0], "SOC\u{a0}2 attested");
}

#[test]
fn json_has_exactly_the_documented_keys_in_order() {
    let r = run(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/claims.txt",
        "tests/fixtures/page.md",
    ]);
    let all = r.json();
    let all = all.as_array().unwrap();
    assert!(all.len() >= 6);
    let keys = [
        "path",
        "rule",
        "severity",
        "line",
        "column",
        "end_line",
        "end_column",
        "start",
        "end",
        "text",
        "message",
        "suggestions",
    ];
    for f in all {
        let object = f.as_object().unwrap();
        assert_eq!(object.keys().map(String::as_str).collect::<Vec<_>>(), keys);
        for k in ["path", "rule", "text", "message"] {
            assert!(f[k].is_string(), "{k} in {f}");
        }
        for k in ["line", "column", "end_line", "end_column", "start", "end"] {
            assert!(f[k].is_u64(), "{k} in {f}");
        }
        assert!(["error", "warning", "info"].contains(&f["severity"].as_str().unwrap()));
        assert!(
            f["suggestions"]
                .as_array()
                .unwrap()
                .iter()
                .all(Value::is_string)
        );
    }
    // One array over all files, files in the order given.
    assert_eq!(all[0]["path"], "tests/fixtures/claims.txt");
    assert_eq!(all.last().unwrap()["path"], "tests/fixtures/page.md");
}

#[test]
fn no_findings_is_an_empty_array_and_exit_0() {
    let r = run(&["check", "--format", "json", "tests/fixtures/clean.txt"]);
    assert_eq!((r.code, r.stdout.trim()), (0, "[]"), "{}", r.stderr);
}

#[test]
fn sarif_is_complete_and_one_based() {
    let files = [
        "tests/fixtures/claims.txt",
        "tests/fixtures/page.md",
        "tests/fixtures/page.html",
    ];
    let r = run(&[&["check", "--format", "sarif"][..], &files[..]].concat());
    assert_eq!(r.code, 1, "{}", r.stderr);
    let log = r.json();
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().unwrap().starts_with("https://"));
    let run = &log["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "ClaimLint");
    // Optional in SARIF; present only when the package names a homepage or repository.
    if let Some(uri) = driver.get("informationUri") {
        assert!(uri.as_str().unwrap().starts_with("https://"));
    }
    assert!(driver["version"].is_string());

    // Every loaded rule is described.
    let listed = run_json_rules();
    let rules = driver["rules"].as_array().unwrap();
    let ids: Vec<&str> = rules.iter().map(|r| r["id"].as_str().unwrap()).collect();
    let listed_ids: Vec<&str> = listed.iter().map(|r| r["id"].as_str().unwrap()).collect();
    assert_eq!(ids, listed_ids);
    for (rule, listed) in rules.iter().zip(&listed) {
        assert!(rule["name"].is_string());
        assert!(
            !rule["shortDescription"]["text"]
                .as_str()
                .unwrap()
                .is_empty()
        );
        assert!(!rule["fullDescription"]["text"].as_str().unwrap().is_empty());
        assert!(rule["help"]["text"].is_string() && rule["help"]["markdown"].is_string());
        let level = &rule["defaultConfiguration"]["level"];
        let expected = match listed["severity"].as_str().unwrap() {
            "info" => "note",
            other => other,
        };
        assert_eq!(level, expected);
        assert_eq!(
            rule["helpUri"], listed["link"],
            "helpUri is the rule's link"
        );
    }

    // Results agree with the JSON output, 1-based.
    let json = run_json(&files);
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), json.len());
    for (result, f) in results.iter().zip(&json) {
        assert_eq!(result["ruleId"], f["rule"]);
        let index = num(&result["ruleIndex"]);
        assert_eq!(rules[index]["id"], f["rule"]);
        assert!(["error", "warning", "note"].contains(&result["level"].as_str().unwrap()));
        assert!(!result["message"]["text"].as_str().unwrap().is_empty());
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], f["path"]);
        let region = &location["region"];
        for (sarif, json) in [
            ("startLine", "line"),
            ("startColumn", "column"),
            ("endLine", "end_line"),
            ("endColumn", "end_column"),
        ] {
            assert!(num(&region[sarif]) >= 1);
            assert_eq!(region[sarif], f[json], "{sarif}");
        }
        assert!(result["partialFingerprints"].is_object());
    }
    // A fix only where the file holds exactly the flagged text (not across markup).
    let fixes = |i: usize| results[i].get("fixes").is_some();
    let plain = json
        .iter()
        .position(|f| f["text"] == "SOC 2 certified")
        .unwrap();
    let marked = json
        .iter()
        .position(|f| f["text"] == "SOC&nbsp;2 <strong>cert</strong>ified")
        .unwrap();
    assert!(fixes(plain) && !fixes(marked));
    assert_eq!(
        results[plain]["fixes"][0]["artifactChanges"][0]["replacements"][0]["insertedContent"]["text"],
        "SOC 2 attested"
    );
    assert_eq!(run["invocations"][0]["executionSuccessful"], true);
}

fn run_json_rules() -> Vec<Value> {
    let r = run(&["rules", "--format", "json"]);
    r.json().as_array().unwrap().clone()
}

fn run_json(files: &[&str]) -> Vec<Value> {
    let r = run(&[&["check", "--format", "json"][..], files].concat());
    r.json().as_array().unwrap().clone()
}

#[test]
fn human_output() {
    let input = "Intro line.\n\t日本: we use bank-grade security.\n";
    let r = run_with(
        &[
            "check",
            "--no-builtin",
            "--rules",
            "tests/fixtures/team-pack.toml",
            "--color",
            "never",
        ],
        input,
    );
    assert_eq!(r.code, 1, "{}", r.stderr);
    // The tab shows as four spaces and each CJK character as two columns, so the carets sit
    // under the claim; the column in the header counts characters.
    let expected = r#"<stdin>:2:13: warning[team-bank-grade]: "Bank-grade" names no standard; say which controls you have.
  |
2 |     日本: we use bank-grade security.
  |                  ^^^^^^^^^^^^^^^^^^^
  = help: try "AES-256 security" (name the control)

1 finding (1 warning) in 1 file
"#;
    assert_eq!(r.stdout, expected);
}

#[test]
fn human_output_summary_and_mentions() {
    let r = run(&[
        "check",
        "--show-mentions",
        "tests/fixtures/claims.txt",
        "tests/fixtures/clean.txt",
    ]);
    assert_eq!(r.code, 1);
    assert!(
        r.stdout
            .contains("tests/fixtures/claims.txt:2:14: error[soc2-certified]: ")
    );
    assert!(r.stdout.contains("  = help: try \"SOC 2 attested\"\n"));
    // The negated claim is shown at info level with its reason.
    assert!(
        r.stdout
            .contains("tests/fixtures/claims.txt:4:33: info[soc2-certified]: ")
    );
    assert!(
        r.stdout
            .contains("note: not counted as a claim: negated, not claimed")
    );
    let summary = r.stdout.lines().last().unwrap();
    assert!(summary.ends_with(" in 2 files"), "{summary}");
    assert!(
        summary.contains("2 errors") && summary.contains("1 info"),
        "{summary}"
    );
    // Findings are separated by blank lines.
    assert!(r.stdout.contains("\n\ntests/fixtures/claims.txt:3:22: "));
}

#[test]
fn color_only_when_asked_or_on_a_terminal() {
    let plain = run(&["check", "tests/fixtures/claims.txt"]);
    assert!(!plain.stdout.contains('\x1b'), "piped output has no color");
    let colored = run(&["check", "--color", "always", "tests/fixtures/claims.txt"]);
    assert!(
        colored
            .stdout
            .contains("\x1b[1;31merror[soc2-certified]\x1b[0m")
    );
}

#[test]
fn mentions_never_fail_the_run() {
    let text = "There is no such thing as being SOC 2 certified.\n";
    let r = run_with(&["check", "--show-mentions", "--fail-on", "info"], text);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(r.stdout.contains("info[soc2-certified]"));
    let r = run_with(&["check", "--show-mentions", "--format", "json"], text);
    assert_eq!(of_rule(&r.json(), RULE)[0]["severity"], "info");
}

#[test]
fn exit_codes() {
    let team = ["--no-builtin", "--rules", "tests/fixtures/team-pack.toml"];
    let warning_only = "We use bank-grade encryption.\n";
    let check = |extra: &[&str], input: &str| {
        run_with(&[&["check"][..], &team[..], extra].concat(), input).code
    };
    assert_eq!(check(&[], "Nothing to see.\n"), 0);
    assert_eq!(check(&[], warning_only), 1, "default --fail-on is warning");
    assert_eq!(check(&["--fail-on", "error"], warning_only), 0);
    assert_eq!(check(&["--fail-on", "info"], warning_only), 1);
    assert_eq!(check(&["--disable", "team-bank-grade"], warning_only), 0);

    assert_eq!(run(&["check", "tests/fixtures/clean.txt"]).code, 0);
    assert_eq!(run(&["check", "tests/fixtures/claims.txt"]).code, 1);
    assert_eq!(
        run(&["check", "--fail-on", "error", "tests/fixtures/claims.txt"]).code,
        1
    );
    // Usage errors.
    assert_eq!(run(&["check", "--format", "xml", "x.txt"]).code, 2);
    assert_eq!(run(&["frobnicate"]).code, 2);
    // A missing file wins over findings, and the other file is still reported.
    let r = run(&[
        "check",
        "tests/fixtures/claims.txt",
        "tests/fixtures/missing.md",
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("error: tests/fixtures/missing.md: No such file or directory")
    );
    assert!(
        r.stdout
            .contains("tests/fixtures/claims.txt:2:14: error[soc2-certified]")
    );
}

#[test]
fn disabled_rule_is_not_reported() {
    let r = run_with(
        &["check", "--format", "json", "--disable", RULE],
        "Acme is SOC 2 certified.",
    );
    assert!(of_rule(&r.json(), RULE).is_empty());
}

#[test]
fn unknown_disabled_rule_is_a_usage_error_with_a_hint() {
    let r = run(&[
        "check",
        "--disable",
        "soc2-certifed",
        "tests/fixtures/claims.txt",
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("error: unknown rule `soc2-certifed`"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("did you mean `soc2-certified`?"),
        "{}",
        r.stderr
    );
    assert!(r.stdout.is_empty());
}

#[test]
fn invalid_utf8_names_the_file_and_byte_and_other_files_still_run() {
    let r = run(&[
        "check",
        "--format",
        "json",
        "tests/fixtures/invalid-utf8.txt",
        "tests/fixtures/claims.txt",
    ]);
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains(
            "error: tests/fixtures/invalid-utf8.txt: not valid UTF-8 (byte 0x92 at offset 38)"
        ),
        "{}",
        r.stderr
    );
    let all = r.json();
    assert_eq!(of_rule(&all, RULE).len(), 2);
    assert!(
        all.as_array()
            .unwrap()
            .iter()
            .all(|f| f["path"] == "tests/fixtures/claims.txt")
    );
}

#[test]
fn broken_user_pack_is_reported_by_file_line_and_rule_and_the_rest_runs() {
    let r = run_with(
        &[
            "check",
            "--format",
            "json",
            "--rules",
            "tests/fixtures/broken-pack.toml",
        ],
        "We use bank-grade security and are SOC 2 certified.",
    );
    assert_eq!(r.code, 2, "pack errors make the exit code 2");
    assert!(
        r.stderr.contains(
            "error: tests/fixtures/broken-pack.toml:11: rule `team-military-grade`: pattern 1 \
             `military grade (encryption`: "
        ),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains(
        "error: tests/fixtures/broken-pack.toml:19: rule `team-bank-grade`: duplicate rule id"
    ));
    // The pack's good rule (its first definition) and the built-in rules still run.
    let all = r.json();
    assert_eq!(of_rule(&all, "team-bank-grade").len(), 1);
    assert_eq!(of_rule(&all, RULE).len(), 1);
    assert!(of_rule(&all, "team-military-grade").is_empty());

    // SARIF reports them as configuration notifications.
    let r = run_with(
        &[
            "check",
            "--format",
            "sarif",
            "--rules",
            "tests/fixtures/broken-pack.toml",
        ],
        "ok",
    );
    let invocation = &r.json()["runs"][0]["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notes = invocation["toolConfigurationNotifications"]
        .as_array()
        .unwrap();
    assert!(notes.iter().any(|n| {
        n["locations"][0]["physicalLocation"]["region"]["startLine"] == 11
            && n["message"]["text"]
                .as_str()
                .unwrap()
                .contains("team-military-grade")
    }));
}

#[test]
fn good_user_pack_adds_its_rules() {
    let r = run_with(
        &["check", "--rules", "tests/fixtures/team-pack.toml"],
        "Bank grade security, and SOC 2 certified too.",
    );
    assert_eq!(r.code, 1);
    assert!(!r.stderr.contains("team-pack.toml"), "{}", r.stderr);
    assert!(r.stdout.contains("warning[team-bank-grade]"));
    assert!(r.stdout.contains("error[soc2-certified]"));
    let listed = run(&["rules", "--rules", "tests/fixtures/team-pack.toml"]);
    assert!(listed.stdout.contains("team-bank-grade"));
}

#[test]
fn unreadable_pack_is_an_error() {
    let r = run_with(&["check", "--rules", "tests/fixtures/nope.toml"], "text");
    assert_eq!(r.code, 2);
    assert!(
        r.stderr
            .contains("error: tests/fixtures/nope.toml: No such file or directory")
    );
}

#[test]
fn rules_lists_id_severity_summary_in_columns() {
    let r = run(&["rules", "--color", "never"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(
        lines[0].starts_with("ID ")
            && lines[0].contains("SEVERITY")
            && lines[0].ends_with("SUMMARY")
    );
    let summary_at = lines[0].find("SUMMARY").unwrap();
    let row = lines
        .iter()
        .find(|l| l.starts_with("soc2-certified "))
        .unwrap();
    assert!(row.contains(" error "));
    assert_eq!(
        &row[summary_at..summary_at + 4],
        "SOC ",
        "summaries are aligned: {row}"
    );
    let listed = run_json_rules();
    assert!(r.stdout.trim_end().ends_with(&format!(
        "{} rule{}",
        listed.len(),
        if listed.len() == 1 { "" } else { "s" }
    )));
    let soc = listed.iter().find(|r| r["id"] == RULE).unwrap();
    assert_eq!(soc["severity"], "error");
    assert!(soc["summary"].is_string());
}

#[test]
fn explain_shows_everything_about_a_rule() {
    let r = run(&["explain", RULE, "--color", "never"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    for part in [
        "soc2-certified (error)",
        "SOC 2 is an attestation, not a certification",
        "Why",
        "AICPA",
        "Link: https://",
        "Patterns",
        "{soc2_fw}",
        "Suggestions",
        "Must flag",
        "\"Acme is SOC 2 certified.\"",
        "fix   \"Acme is SOC 2 attested.\"",
        "Must not flag",
        "\"Northwind maintains a SOC 2 Type 2 report.\"",
    ] {
        assert!(
            r.stdout.contains(part),
            "missing {part:?} in:\n{}",
            r.stdout
        );
    }
}

#[test]
fn explain_unknown_rule_suggests_a_close_one() {
    let r = run(&["explain", "soc2-certifed"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("error: unknown rule `soc2-certifed`"));
    assert!(r.stderr.contains("did you mean `soc2-certified`?"));
}

#[test]
fn stdin_with_and_without_a_file_name() {
    let md = "Intro.\n\nWe are SOC 2 *certified*.\n";
    // No paths: standard input as plain text, where `*` separates the words.
    let r = run_with(&["check", "--format", "json"], md);
    assert_eq!(r.code, 0, "{}", r.stdout);
    assert!(of_rule(&r.json(), RULE).is_empty());
    // `-` with --stdin-filename: named, and read as Markdown.
    let r = run_with(
        &[
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "docs/page.md",
            "-",
        ],
        md,
    );
    assert_eq!(r.code, 1);
    let found = of_rule(&r.json(), RULE);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["path"], "docs/page.md");
    assert_eq!(found[0]["text"], "SOC 2 *certified");
    assert_eq!((num(&found[0]["line"]), num(&found[0]["column"])), (3, 8));
    let r = run_with(&["check"], "Acme is SOC 2 certified.");
    assert!(
        r.stdout.starts_with("<stdin>:1:9: error[soc2-certified]"),
        "{}",
        r.stdout
    );
}

#[test]
fn directories_are_walked_for_known_extensions() {
    let r = run(&["check", "--format", "json", "tests/fixtures/site"]);
    let all = r.json();
    let paths: Vec<String> = of_rule(&all, RULE)
        .iter()
        .map(|f| f["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(
        paths,
        ["tests/fixtures/site/a.md", "tests/fixtures/site/b.html"]
    );
}

#[test]
fn compile_writes_a_pack_that_loads_and_refuses_broken_rules() {
    let dir = std::env::temp_dir().join(format!("claimlint-compile-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let out = dir.join("rules.bin");
    let out_arg = out.to_str().unwrap();

    let ok = run(&["compile", "-o", out_arg, "--disable", "soc2-compliant"]);
    assert_eq!(ok.code, 0, "{}", ok.stderr);
    assert!(
        ok.stderr.starts_with("compiled 32 rules into"),
        "{}",
        ok.stderr
    );
    let engine = claimlint::Engine::from_compiled(&std::fs::read(&out).unwrap()).unwrap();
    assert_eq!(engine.rules().len(), 32);
    assert!(engine.rule("soc2-compliant").is_none());
    assert_eq!(
        engine.check("We are SOC 2 certified.")[0].rule.as_ref(),
        RULE
    );
    std::fs::remove_file(&out).unwrap();

    // A pack with a broken rule: nothing is written, the error names the place.
    let broken = dir.join("team.toml");
    std::fs::write(
        &broken,
        "[[rule]]\nid = \"team-x\"\nseverity = \"error\"\nsummary = \"s\"\nmessage = \"m\"\nexplanation = \"e\"\npatterns = ['soc 2 (']\n",
    )
    .unwrap();
    let refused = run(&[
        "compile",
        "-o",
        out_arg,
        "--rules",
        broken.to_str().unwrap(),
    ]);
    assert_eq!(refused.code, 2);
    assert!(
        refused.stderr.contains("team.toml:1: rule `team-x`"),
        "{}",
        refused.stderr
    );
    assert!(
        refused.stderr.contains("not compiled"),
        "{}",
        refused.stderr
    );
    assert!(!out.exists());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn rules_json_carries_examples_suggestions_and_governing_body() {
    let team = run(&[
        "rules",
        "--format",
        "json",
        "--no-builtin",
        "--rules",
        "tests/fixtures/team-pack.toml",
    ]);
    assert_eq!(team.code, 0, "{}", team.stderr);
    let rules = team.json();
    let rule = &rules.as_array().unwrap()[0];
    assert_eq!(rule["id"], "team-bank-grade");
    // The pack's explanation names no governing body.
    assert_eq!(rule["governed_by"], Value::Null);
    assert_eq!(
        rule["suggestions"],
        serde_json::json!([{"text": "AES-256 {what}", "label": "name the control", "when": null}])
    );
    assert_eq!(
        rule["examples"],
        serde_json::json!({
            "flag": [{
                "text": "We use bank-grade encryption.",
                "flags": "bank-grade encryption",
                "fix": "We use AES-256 encryption.",
                "found": [{
                    "start": 7,
                    "end": 28,
                    "text": "bank-grade encryption",
                    "suggestions": [{"replacement": "AES-256 encryption", "label": "name the control"}],
                }],
            }],
            "not_flag": ["Our bank grades are fine."],
        })
    );

    // Built-in rules: the governing body is read from the explanation, every must-flag example
    // shows what the engine flags in it, and spans count Unicode scalar values.
    let listed = run_json_rules();
    let soc = listed.iter().find(|r| r["id"] == RULE).unwrap();
    assert_eq!(soc["governed_by"], "AICPA");
    assert!(soc["suggestions"].as_array().unwrap().len() >= 2);
    for rule in &listed {
        let flag = rule["examples"]["flag"].as_array().unwrap();
        assert!(flag.len() >= 5, "{}", rule["id"]);
        assert!(rule["examples"]["not_flag"].as_array().unwrap().len() >= 5);
        for example in flag {
            let text: Vec<char> = example["text"].as_str().unwrap().chars().collect();
            let found = example["found"].as_array().unwrap();
            assert!(!found.is_empty(), "{example}");
            for f in found {
                let span: String = text[num(&f["start"])..num(&f["end"])].iter().collect();
                assert_eq!(span, f["text"].as_str().unwrap());
            }
        }
    }
}
