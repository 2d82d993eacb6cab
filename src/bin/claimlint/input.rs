//! Which files to check, and reading them as UTF-8.

use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::check::Kind;

/// Something to check.
#[derive(Debug)]
pub enum Target {
    Stdin,
    File(PathBuf),
}

/// A file's contents, ready to check.
pub struct Input {
    /// The path as shown in output (as given, or as found under a given directory).
    pub path: String,
    /// None for standard input.
    pub file: Option<PathBuf>,
    pub kind: Kind,
    pub source: String,
}

/// Expand the command-line paths: `-` is standard input, directories are walked (sorted, hidden
/// entries skipped, only checked extensions). No paths means standard input.
pub fn targets(paths: &[PathBuf], errors: &mut Vec<String>) -> Vec<Target> {
    if paths.is_empty() {
        return vec![Target::Stdin];
    }
    let mut out = Vec::new();
    let mut stdin_seen = false;
    for path in paths {
        if path.as_os_str() == "-" {
            if !stdin_seen {
                out.push(Target::Stdin);
            }
            stdin_seen = true;
        } else if path.is_dir() {
            walk(path, &mut out, errors);
        } else {
            out.push(Target::File(path.clone()));
        }
    }
    out
}

fn walk(dir: &Path, out: &mut Vec<Target>, errors: &mut Vec<String>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            errors.push(format!("{}: {}", dir.display(), io_message(&e)));
            return;
        }
    };
    let mut entries: Vec<_> = entries.filter_map(Result::ok).collect();
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        // file_type() does not follow symbolic links: a linked directory is not walked (no loops).
        let Ok(file_type) = entry.file_type() else {
            continue;
        };
        if file_type.is_dir() {
            walk(&path, out, errors);
        } else if Kind::is_checked_extension(&name) && path.is_file() {
            out.push(Target::File(path));
        }
    }
}

/// Read a target; the error is a complete message naming the file.
pub fn read(target: &Target, stdin_filename: Option<&str>) -> Result<Input, String> {
    let (path, file, bytes) = match target {
        Target::Stdin => {
            let name = stdin_filename.unwrap_or("<stdin>").to_string();
            let mut bytes = Vec::new();
            io::stdin()
                .read_to_end(&mut bytes)
                .map_err(|e| format!("{name}: {}", io_message(&e)))?;
            (name, None, bytes)
        }
        Target::File(file) => {
            let path = file.display().to_string();
            let bytes = std::fs::read(file).map_err(|e| format!("{path}: {}", io_message(&e)))?;
            (path, Some(file.clone()), bytes)
        }
    };
    let source = String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let byte = e.as_bytes()[at];
        format!("{path}: not valid UTF-8 (byte {byte:#04x} at offset {at})")
    })?;
    let kind = Kind::of(&path);
    Ok(Input {
        path,
        file,
        kind,
        source,
    })
}

/// An IO error without the "(os error N)" suffix.
pub fn io_message(e: &io::Error) -> String {
    let text = e.to_string();
    match text.find(" (os error") {
        Some(i) => text[..i].to_string(),
        None => text,
    }
}
