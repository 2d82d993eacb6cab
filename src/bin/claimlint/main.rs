//! `claimlint`: check files for inaccurate compliance claims. See docs/cli.md.

mod args;
mod blocks;
mod catalog;
mod check;
mod extract_html;
mod extract_markdown;
mod input;
mod lines;
mod output_human;
mod output_json;
mod output_sarif;
mod packs;
mod style;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use claimlint::CheckOptions;
use clap::Parser;

use crate::args::{
    CheckArgs, Cli, Command, CompileArgs, ExplainArgs, Format, ListFormat, RulesArgs,
};
use crate::check::{Kind, Located};
use crate::style::Style;

/// No findings at or above `--fail-on`.
const CLEAN: u8 = 0;
/// Findings at or above `--fail-on`.
const FINDINGS: u8 = 1;
/// Usage error, unreadable file, pack error. Wins over `FINDINGS`.
const TROUBLE: u8 = 2;

/// One checked file and its findings.
pub struct FileReport {
    pub path: String,
    /// None for standard input.
    pub file: Option<PathBuf>,
    pub kind: Kind,
    pub source: String,
    pub findings: Vec<Located>,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let style = Style::new(cli.color);
    let code = match cli.command {
        Command::Check(args) => run_check(&args, style),
        Command::Rules(args) => run_rules(&args, style),
        Command::Explain(args) => run_explain(&args, style),
        Command::Compile(args) => run_compile(&args),
    };
    ExitCode::from(code)
}

/// Load the rule packs and print their errors; `None` after a usage error (already printed).
fn load_rules(args: &args::RuleArgs) -> Option<packs::Loaded> {
    match packs::load(args) {
        Ok(loaded) => {
            loaded.report();
            Some(loaded)
        }
        Err(message) => {
            eprintln!("error: {message}");
            None
        }
    }
}

fn run_compile(args: &CompileArgs) -> u8 {
    let Some(loaded) = load_rules(&args.rules) else {
        return TROUBLE;
    };
    // A half-loaded pack would ship silently: every rule must load.
    if !loaded.errors.is_empty() || !loaded.read_errors.is_empty() {
        eprintln!("error: not compiled: fix the pack errors above");
        return TROUBLE;
    }
    let bytes = match loaded.engine.to_compiled() {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("error: cannot compile the rules: {e}");
            return TROUBLE;
        }
    };
    if let Err(e) = std::fs::write(&args.output, &bytes) {
        eprintln!(
            "error: {}: {}",
            args.output.display(),
            input::io_message(&e)
        );
        return TROUBLE;
    }
    eprintln!(
        "compiled {} rules into {} ({} bytes)",
        loaded.engine.rules().len(),
        args.output.display(),
        bytes.len()
    );
    CLEAN
}

fn run_check(args: &CheckArgs, style: Style) -> u8 {
    let Some(loaded) = load_rules(&args.rules) else {
        return TROUBLE;
    };

    let mut read_errors = loaded.read_errors.clone();
    let mut walk_errors = Vec::new();
    let targets = input::targets(&args.paths, &mut walk_errors);
    for e in walk_errors {
        eprintln!("error: {e}");
        read_errors.push(e);
    }
    let options = CheckOptions {
        include_mentions: args.show_mentions,
    };
    let mut reports = Vec::new();
    for target in &targets {
        match input::read(target, args.stdin_filename.as_deref()) {
            Ok(input) => {
                let findings = check::check(&loaded.engine, &input.source, input.kind, options);
                reports.push(FileReport {
                    path: input.path,
                    file: input.file,
                    kind: input.kind,
                    source: input.source,
                    findings,
                });
            }
            Err(message) => {
                eprintln!("error: {message}");
                read_errors.push(message);
            }
        }
    }

    let trouble = !read_errors.is_empty() || loaded.failed();
    let output = match args.format {
        Format::Human => output_human::render(&reports, style),
        Format::Json => output_json::render(&reports),
        Format::Sarif => output_sarif::render(
            &reports,
            loaded.engine.rules(),
            &output_sarif::Problems {
                pack_errors: &loaded.errors,
                read_errors: &read_errors,
                failed: trouble,
            },
        ),
    };
    write_stdout(&output);

    let threshold = args.fail_on.severity();
    let failing = reports
        .iter()
        .flat_map(|r| &r.findings)
        .any(|l| l.finding.mention.is_none() && l.finding.severity >= threshold);
    if trouble {
        TROUBLE
    } else if failing {
        FINDINGS
    } else {
        CLEAN
    }
}

fn run_rules(args: &RulesArgs, style: Style) -> u8 {
    let Some(loaded) = load_rules(&args.rules) else {
        return TROUBLE;
    };
    let output = match args.format {
        ListFormat::Human => catalog::list_human(&loaded.engine, style),
        ListFormat::Json => catalog::list_json(&loaded.engine),
    };
    write_stdout(&output);
    if loaded.failed() { TROUBLE } else { CLEAN }
}

fn run_explain(args: &ExplainArgs, style: Style) -> u8 {
    let Some(loaded) = load_rules(&args.rules) else {
        return TROUBLE;
    };
    let Some(rule) = loaded.engine.rule(&args.rule) else {
        let known = loaded.engine.rules().iter().map(|r| &*r.id);
        eprintln!(
            "error: {}",
            packs::unknown_rule(&args.rule, known, "not a loaded rule")
        );
        return TROUBLE;
    };
    write_stdout(&catalog::explain(&loaded.engine, rule, style));
    if loaded.failed() { TROUBLE } else { CLEAN }
}

/// Write all output at once; a closed pipe (`claimlint ... | head`) is not an error.
fn write_stdout(text: &str) {
    let mut stdout = std::io::stdout().lock();
    if let Err(e) = stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        eprintln!("error: writing output: {e}");
    }
}
