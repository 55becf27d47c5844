//! `casec diff`: compare two versions of the cases, element by element.
//! Each side is a file, a folder, or a git revision (read through `git`).

use super::args::{use_color_auto, FreshnessArgs};
use super::{files, write_out, Outcome};
use casec::diff::render::{self, Summary};
use casec::diff::{diff, FileDiff};
use casec::{compile, Compilation};
use clap::ValueEnum;
use std::collections::BTreeMap;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

const AFTER_HELP: &str = "\
Examples:
  casec diff main                          the work tree's cases against branch main's
  casec diff main cases/                   only the cases under cases/
  casec diff HEAD~1:case.case case.case    one file at an earlier commit against the work tree
  casec diff old.case new.case             two files
  casec diff --format markdown origin/main > comment.md   a pull-request comment
  casec diff main --fail-on support-lost --fail-on new-error   a CI gate

A side that is not a file or folder on disk is read from git: `REV:PATH` as git
names it (PATH from the repository's root, or `./PATH` from here), or a bare
revision, which reads the other side's path (default `.`) at that revision.
Files are paired by their path under the folder (or revision) given.

Evidence files are read as `casec check` reads them, each side's from where
that side is (a git revision's from a temporary checkout of its tree), so a
result read from an eval log (`metric:`) is compared; findings are those of
`casec check` without casec.toml's rule levels.

Exit status: 0 whatever changed, unless a condition named with --fail-on holds
(then 1); 2 if a side cannot be read (a bad revision, git missing, no cases).
The JSON format is described by docs/json-schema/casec-diff.schema.json.";

#[derive(clap::Args)]
#[command(after_help = AFTER_HELP)]
pub struct Diff {
    /// The old version: a case file, a folder, `REV:PATH`, or a git revision.
    old: String,
    /// The new version, likewise (default: the work tree's `.`).
    new: Option<String>,
    /// How to print the changes.
    #[arg(long, value_enum, default_value = "human")]
    format: DiffFormat,
    /// Exit 1 when this happens (repeatable, or comma-separated).
    #[arg(long, value_enum, value_delimiter = ',', value_name = "CONDITION")]
    fail_on: Vec<FailOn>,
    #[command(flatten)]
    freshness: FreshnessArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    /// One line per change (coloured on a terminal unless NO_COLOR is set).
    Human,
    /// A verdict line, then a section per file: for a pull-request comment.
    Markdown,
    /// One JSON document (docs/json-schema/casec-diff.schema.json).
    Json,
}

#[derive(Clone, Copy, PartialEq, ValueEnum)]
enum FailOn {
    /// A finding of error severity that the old version does not have.
    NewError,
    /// The case's risk bound, or a claim's, is higher (or no longer known).
    RiskIncrease,
    /// A claim that was developed (supported down to evidence) is not now.
    SupportLost,
}

/// One side's case files, by the path they are paired on.
type Files = BTreeMap<String, CaseFile>;

/// A case file of one side.
struct CaseFile {
    /// Its name in the output.
    name: String,
    bytes: Vec<u8>,
    /// Where it is on disk, for its artifacts to be read relative to it
    /// (for a git revision, in a checkout of the revision's tree).
    on_disk: PathBuf,
}

/// What one side read: its files, whether it is a single file (then paired
/// with the other side whatever the names), and the temporary checkout of a
/// git revision they are in, removed when this is dropped.
struct Read {
    files: Files,
    single: bool,
    _checkout: Option<tempfile::TempDir>,
}

/// Where a side's cases are.
enum Side {
    Disk(PathBuf),
    /// A git object, `REV:PATH`, as git resolves it.
    Git(String),
}

impl Side {
    fn parse(arg: &str, other: Option<&str>) -> Side {
        if Path::new(arg).exists() {
            return Side::Disk(PathBuf::from(arg));
        }
        if arg.contains(':') {
            return Side::Git(arg.to_string());
        }
        let path = other.filter(|p| Path::new(p).exists()).unwrap_or(".");
        let path = path.trim_start_matches("./");
        Side::Git(format!("{arg}:./{}", if path == "." { "" } else { path }))
    }

    /// The path the other side reads at a bare revision.
    fn path(&self) -> Option<&str> {
        match self {
            Side::Disk(path) => path.to_str(),
            Side::Git(_) => None,
        }
    }

    fn read(&self) -> Result<Read, String> {
        let on_disk = |files, single| Read {
            files,
            single,
            _checkout: None,
        };
        match self {
            Side::Disk(path) if path.is_dir() => {
                let mut out = Files::new();
                for file in files::collect(std::slice::from_ref(path), None)? {
                    let key = file.strip_prefix(path).unwrap_or(&file);
                    let key = key.to_string_lossy().replace('\\', "/");
                    let case = CaseFile {
                        name: files::display_name(&file),
                        bytes: files::read_case(&file)?,
                        on_disk: file.clone(),
                    };
                    out.insert(key, case);
                }
                Ok(on_disk(out, false))
            }
            Side::Disk(path) => {
                let case = CaseFile {
                    name: files::display_name(path),
                    bytes: files::read_case(path)?,
                    on_disk: path.clone(),
                };
                Ok(on_disk(single(path.to_string_lossy().as_ref(), case), true))
            }
            Side::Git(object) => read_git(object),
        }
    }
}

fn single(path: &str, case: CaseFile) -> Files {
    let key = path.rsplit('/').next().unwrap_or(path).to_string();
    Files::from([(key, case)])
}

fn git(args: &[&str]) -> Result<Vec<u8>, String> {
    let output = Command::new("git").args(args).output().map_err(|e| {
        format!(
            "cannot run git to read `{}`: {e} (is git installed and on the PATH?)",
            args.last().copied().unwrap_or_default()
        )
    })?;
    if !output.status.success() {
        let why = String::from_utf8_lossy(&output.stderr);
        return Err(format!(
            "git cannot read `{}`: {} (name a case file, a folder, or a git revision such as `main` or `main:cases/`)",
            args.last().copied().unwrap_or_default(),
            casec::diagnostic::one_line(why.trim())
        ));
    }
    Ok(output.stdout)
}

/// A git object's case files: a blob is one; a tree gives every `.case`
/// blob under it (hidden files and folders skipped, as a folder walk does).
fn read_git(object: &str) -> Result<Read, String> {
    let kind = git(&["cat-file", "-t", object])?;
    let (rev, path) = object.split_once(':').unwrap_or((object, ""));
    let checkout = checkout(rev)?;
    // The object's path from the repository's root: `./` paths are from here.
    let from_root = match path.strip_prefix("./") {
        Some(rest) => {
            let prefix = git(&["rev-parse", "--show-prefix"])?;
            format!("{}{rest}", String::from_utf8_lossy(prefix.trim_ascii()))
        }
        None => path.to_string(),
    };
    let in_checkout = checkout.path().join(from_root.trim_end_matches('/'));
    if kind.trim_ascii() == b"blob" {
        let case = CaseFile {
            name: object.to_string(),
            bytes: git(&["cat-file", "blob", object])?,
            on_disk: in_checkout,
        };
        return Ok(Read {
            files: single(path, case),
            single: true,
            _checkout: Some(checkout),
        });
    }
    if kind.trim_ascii() != b"tree" {
        return Err(format!(
            "`{object}` is a git {}, not a file or a folder",
            String::from_utf8_lossy(kind.trim_ascii())
        ));
    }
    // The checkout's case files, found as a folder check finds them: what
    // .gitignore and casec.toml's `exclude` leave out at that revision is
    // left out.
    let mut out = Files::new();
    for file in files::collect(std::slice::from_ref(&in_checkout), None)? {
        let name = file.strip_prefix(&in_checkout).unwrap_or(&file);
        let name = name.to_string_lossy().replace('\\', "/");
        let base = path.trim_start_matches("./").trim_end_matches('/');
        let shown = if base.is_empty() || base == "." {
            name.clone()
        } else {
            format!("{base}/{name}")
        };
        let case = CaseFile {
            name: format!("{rev}:{shown}"),
            bytes: files::read_case(&file)?,
            on_disk: file.clone(),
        };
        out.insert(name, case);
    }
    if out.is_empty() {
        return Err(format!("no .case files in `{object}`"));
    }
    Ok(Read {
        files: out,
        single: false,
        _checkout: Some(checkout),
    })
}

/// The revision's whole tree in a temporary folder (`git archive`, unpacked
/// by `tar`), so that its cases' artifacts are read as they were at that
/// revision. Its root is marked as a repository's (an empty `.git`), as the
/// real one is, so that artifact paths may reach anywhere in it.
fn checkout(rev: &str) -> Result<tempfile::TempDir, String> {
    let failed = |why: String| format!("cannot check out `{rev}` to read its artifacts: {why}");
    let dir = tempfile::tempdir().map_err(|e| failed(e.to_string()))?;
    // From the top level: in a subfolder, `git archive` writes that subtree.
    let top = git(&["rev-parse", "--show-toplevel"])?;
    let top = PathBuf::from(String::from_utf8_lossy(top.trim_ascii()).into_owned());
    let mut archive = Command::new("git")
        .current_dir(&top)
        .args(["archive", "--format=tar", rev])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| failed(format!("git: {e}")))?;
    let tar = Command::new("tar")
        .arg("-x")
        .arg("-C")
        .arg(dir.path())
        .stdin(archive.stdout.take().map_or(Stdio::null(), Stdio::from))
        .status()
        .map_err(|e| failed(format!("tar: {e} (is tar installed?)")))?;
    let archived = archive.wait().map_err(|e| failed(e.to_string()))?;
    if !archived.success() || !tar.success() {
        return Err(failed("git archive or tar failed".into()));
    }
    std::fs::create_dir_all(dir.path().join(".git")).map_err(|e| failed(e.to_string()))?;
    Ok(dir)
}

impl Diff {
    pub fn run(self) -> Outcome {
        let new_arg = self.new.as_deref().unwrap_or(".");
        let new = Side::parse(new_arg, None);
        let old = Side::parse(&self.old, new.path());
        let (old, new) = (old.read()?, new.read()?);
        let (old_files, old_single, new_files, new_single) =
            (&old.files, old.single, &new.files, new.single);
        let options = self.freshness.pinned().options();
        // Compiled where it is on disk, so that its artifacts are read (a
        // result read with `metric:` is compared), then named as shown.
        // The modules a case imports are read beside it, on its side.
        let settings = casec::Settings {
            options,
            files: casec::project::Files::disk(),
            ..casec::Settings::default()
        };
        let compile = |case: &CaseFile| {
            let mut compilation = compile(
                &case.on_disk.to_string_lossy(),
                case.bytes.clone(),
                &settings,
            );
            compilation
                .sources
                .rename(compilation.file, case.name.clone());
            compilation
        };
        let mut diffs: Vec<FileDiff> = Vec::new();
        if old_single && new_single {
            let (Some(o), Some(n)) = (old_files.values().next(), new_files.values().next()) else {
                return Err("nothing to compare".into());
            };
            diffs.push(diff(Some(&compile(o)), Some(&compile(n))));
        } else {
            let mut keys: Vec<&String> = old_files.keys().chain(new_files.keys()).collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                let o: Option<Compilation> = old_files.get(key).map(compile);
                let n: Option<Compilation> = new_files.get(key).map(compile);
                diffs.push(diff(o.as_ref(), n.as_ref()));
            }
        }
        let text = match self.format {
            DiffFormat::Human => {
                render::human(&diffs, use_color_auto(std::io::stdout().is_terminal()))
            }
            DiffFormat::Markdown => render::markdown(&diffs),
            DiffFormat::Json => render::json(&diffs),
        };
        write_out(&text)?;
        let summary = Summary::of(&diffs);
        let mut passes = true;
        for condition in &self.fail_on {
            let why = match condition {
                FailOn::NewError if summary.new_errors > 0 => {
                    format!("{} new error(s)", summary.new_errors)
                }
                FailOn::RiskIncrease if summary.risk_increased => {
                    "a risk bound increased".to_string()
                }
                FailOn::SupportLost if summary.support_lost > 0 => {
                    format!("{} claim(s) lost support", summary.support_lost)
                }
                _ => continue,
            };
            let name = condition
                .to_possible_value()
                .map(|v| v.get_name().to_string())
                .unwrap_or_default();
            eprintln!("casec diff: failing (--fail-on {name}): {why}");
            passes = false;
        }
        Ok(passes)
    }
}
