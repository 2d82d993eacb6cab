//! Command-line arguments.

use std::path::PathBuf;

use claimlint::Severity;
use clap::{Args, Parser, Subcommand, ValueEnum};

const EXIT_CODES: &str = "\
Exit codes:
  0  no findings at or above --fail-on
  1  findings at or above --fail-on
  2  usage error, unreadable or non-UTF-8 file, or a rule pack error (see --rules);
     every other file is still checked and reported first";

#[derive(Debug, Parser)]
#[command(
    name = "claimlint",
    version,
    about = "Finds inaccurate compliance claims (\"SOC 2 certified\") and suggests accurate wording",
    after_help = EXIT_CODES
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,

    /// When to color human output.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto, global = true)]
    pub color: ColorChoice,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Check files (.txt, .md, .markdown, .html, .htm; anything else is read as plain text).
    #[command(after_help = EXIT_CODES)]
    Check(CheckArgs),
    /// List the loaded rules.
    Rules(RulesArgs),
    /// Explain one rule: why, accurate wording, patterns and examples.
    Explain(ExplainArgs),
    /// Compile the loaded rules into one file that the Wasm engine (browser extension, website)
    /// loads without a regex compiler. Refuses to write when any rule fails to load.
    Compile(CompileArgs),
}

#[derive(Debug, Args)]
pub struct CompileArgs {
    /// Where to write the compiled pack.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,

    #[command(flatten)]
    pub rules: RuleArgs,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Files or directories to check; `-` (or nothing) reads standard input. Directories are
    /// searched for .txt, .md, .markdown, .html and .htm files, skipping hidden entries.
    pub paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,

    /// Lowest severity that makes the exit code 1.
    #[arg(long, value_enum, default_value_t = Level::Warning)]
    pub fail_on: Level,

    /// Also show mentions (quoted, negated, discussed or asked, not claimed) at info level, with
    /// the reason. Mentions never change the exit code.
    #[arg(long)]
    pub show_mentions: bool,

    /// Name (and so file type) to report for standard input, such as `page.md`.
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,

    #[command(flatten)]
    pub rules: RuleArgs,
}

#[derive(Debug, Args)]
pub struct RulesArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = ListFormat::Human)]
    pub format: ListFormat,

    #[command(flatten)]
    pub rules: RuleArgs,
}

#[derive(Debug, Args)]
pub struct ExplainArgs {
    /// Rule id, such as `soc2-certified`.
    pub rule: String,

    #[command(flatten)]
    pub rules: RuleArgs,
}

/// Which rules are loaded; shared by every subcommand.
#[derive(Debug, Args)]
pub struct RuleArgs {
    /// Add a rule pack (TOML, see rules/README.md); repeatable. Every pack error is printed to
    /// stderr and the rules that loaded still run; the exit code is then 2, after all files are
    /// checked and reported.
    #[arg(long = "rules", value_name = "FILE")]
    pub packs: Vec<PathBuf>,

    /// Leave a rule out, by id; repeatable. An unknown id is a usage error (exit code 2).
    #[arg(long, value_name = "RULE")]
    pub disable: Vec<String>,

    /// Do not load the built-in rules (only the --rules packs).
    #[arg(long)]
    pub no_builtin: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// file:line:col: severity[rule]: message, the line with the claim underlined, suggestions.
    Human,
    /// One JSON array of findings over all files (see docs/cli.md).
    Json,
    /// SARIF 2.1.0, for GitHub code scanning.
    Sarif,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Human,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Level {
    Error,
    Warning,
    Info,
}

impl Level {
    pub fn severity(self) -> Severity {
        match self {
            Level::Error => Severity::Error,
            Level::Warning => Severity::Warning,
            Level::Info => Severity::Info,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// Color when standard output is a terminal and NO_COLOR is not set.
    Auto,
    Always,
    Never,
}
