//! `casec import`: arguments written for other tools, turned into `.case`
//! files. The conversion is the library's (`casec::migrate`); this reads the
//! files, writes the results atomically into the output folder and reports
//! what was not carried over.

use super::Outcome;
use casec::migrate::gsn2x::{self, Conversion, Note, NoteKind, Source};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The most bytes of one gsn2x file read.
const MAX_FILE_BYTES: u64 = 64 * 1024 * 1024;

#[derive(clap::Args)]
pub struct Import {
    #[command(subcommand)]
    from: From,
}

#[derive(clap::Subcommand)]
enum From {
    /// Convert gsn2x YAML files (https://github.com/jonasthewolf/gsn2x) into
    /// `.case` files.
    ///
    /// The first FILE becomes the case (with a `case` header); every other
    /// file, and every file their `module: uses:` names (read relative to
    /// the file naming it), becomes a module the case imports. Goals become
    /// claims, strategies arguments, solutions evidence (a solution's `url`
    /// its artifact); contexts, assumptions and justifications keep their
    /// kind; `supportedBy`, `inContextOf`, `undeveloped` and
    /// `extends`/`develops` are kept, and so are ids and texts (an id that is
    /// not a casec identifier is renamed). What casec requires and gsn2x does
    /// not have (a deployment decision, an outcome, a justification for each
    /// assumption, `undeveloped` on unsupported goals) is written as an
    /// explicit PLACEHOLDER. What is not carried over (layout hints, classes,
    /// layers, assurance claim points, dialectic elements, unknown
    /// attributes) is listed on standard error per file and element, and
    /// written as `//` comments above the element. Existing files are not
    /// replaced without --force. See docs/migrating-from-gsn2x.md.
    #[command(after_help = "\
Examples:
  casec import gsn2x argument.gsn.yaml -o case/       one file: case/argument.case
  casec import gsn2x index.gsn.yaml -o case/          the case and every module it uses
  casec check case/argument.case                      then check what was written")]
    Gsn2x(Gsn2x),
}

#[derive(clap::Args)]
struct Gsn2x {
    /// The gsn2x files; the first is the case.
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// The folder to write the `.case` files into (created if missing).
    /// Every file goes directly into it, named after its gsn2x file.
    #[arg(short, long, value_name = "DIR", default_value = ".")]
    output: PathBuf,
    /// Replace `.case` files that already exist in the output folder.
    #[arg(long)]
    force: bool,
}

impl Import {
    pub fn run(self) -> Outcome {
        match self.from {
            From::Gsn2x(command) => command.run(),
        }
    }
}

impl Gsn2x {
    fn run(self) -> Outcome {
        let inputs = self.read()?;
        let sources: Vec<Source> = inputs
            .iter()
            .map(|(path, text)| Source { path, text })
            .collect();
        let conversion = gsn2x::convert(&sources).map_err(|e| e.to_string())?;
        self.write(&conversion)?;
        report(&conversion, &self.output);
        Ok(true)
    }

    /// The files named, then the files their `uses` name, each once, in
    /// the order they are first named.
    fn read(&self) -> Result<Vec<(String, String)>, String> {
        let mut queue: Vec<String> = self
            .files
            .iter()
            .map(|p| gsn2x::resolve("", &p.to_string_lossy()))
            .collect();
        let mut seen = BTreeSet::new();
        let mut inputs = Vec::new();
        let mut next = 0;
        while next < queue.len() {
            let path = queue[next].clone();
            next += 1;
            let identity = std::fs::canonicalize(&path).unwrap_or_else(|_| PathBuf::from(&path));
            if !seen.insert(identity) {
                continue;
            }
            let bytes = casec::input::read_regular(Path::new(&path), MAX_FILE_BYTES)
                .map_err(|e| format!("cannot read `{path}`: {e}"))?;
            let text = String::from_utf8(bytes)
                .map_err(|_| format!("cannot read `{path}`: it is not UTF-8 text"))?;
            let used = gsn2x::used_files(Source {
                path: &path,
                text: &text,
            })
            .map_err(|e| e.to_string())?;
            queue.extend(used);
            inputs.push((path, text));
        }
        Ok(inputs)
    }

    fn write(&self, conversion: &Conversion) -> Result<(), String> {
        let dir = &self.output;
        std::fs::create_dir_all(dir)
            .map_err(|e| format!("cannot create `{}`: {e}", dir.display()))?;
        let targets: Vec<PathBuf> = conversion
            .files
            .iter()
            .map(|file| {
                // The converter names files plainly; a name that were not
                // would be refused here rather than written elsewhere.
                let plain = Path::new(&file.name)
                    .components()
                    .all(|c| matches!(c, std::path::Component::Normal(_)))
                    && !file.name.contains(['/', '\\']);
                if plain {
                    Ok(dir.join(&file.name))
                } else {
                    Err(format!(
                        "refusing to write `{}` outside `{}`",
                        file.name,
                        dir.display()
                    ))
                }
            })
            .collect::<Result<_, _>>()?;
        // A link in the folder could lead the write anywhere: refused, even
        // with --force.
        if let Some(link) = targets.iter().find(|t| {
            t.symlink_metadata()
                .is_ok_and(|m| m.file_type().is_symlink())
        }) {
            return Err(format!(
                "`{}` is a symbolic link: nothing was written (remove it, or write to another folder)",
                link.display()
            ));
        }
        if !self.force {
            let existing: Vec<String> = targets
                .iter()
                .filter(|t| t.symlink_metadata().is_ok())
                .map(|t| format!("`{}`", t.display()))
                .collect();
            if !existing.is_empty() {
                return Err(format!(
                    "{} already exist{}: nothing was written (--force replaces them)",
                    existing.join(", "),
                    if existing.len() == 1 { "s" } else { "" }
                ));
            }
        }
        for (file, target) in conversion.files.iter().zip(&targets) {
            casec::output::write_atomically(target, file.text.as_bytes())
                .map_err(|e| format!("cannot write `{}`: {e}", target.display()))?;
        }
        Ok(())
    }
}

/// What was written, and every note, per file and element, on standard
/// error.
fn report(conversion: &Conversion, dir: &Path) {
    let mut text = String::new();
    for file in &conversion.files {
        let what = match &file.module {
            None => "the case".to_string(),
            Some(module) => format!("module `{module}`"),
        };
        text.push_str(&format!(
            "wrote {} ({what}, from {})\n",
            dir.join(&file.name).display(),
            file.source
        ));
    }
    if !conversion.notes.is_empty() {
        text.push_str("\nnot carried over as written, per file and element:\n");
    }
    let mut current_file: Option<&str> = None;
    for note in &conversion.notes {
        if current_file != Some(note.source.as_str()) {
            text.push_str(&format!("  {}\n", note.source));
            current_file = Some(&note.source);
        }
        text.push_str(&format!("    {}\n", describe(note)));
    }
    let count = |kind: NoteKind| conversion.notes.iter().filter(|n| n.kind == kind).count();
    text.push_str(&format!(
        "\n{} file{} written: {} not carried over, {} placeholder{}, {} renamed\n",
        conversion.files.len(),
        if conversion.files.len() == 1 { "" } else { "s" },
        count(NoteKind::NotCarried),
        count(NoteKind::Placeholder),
        if count(NoteKind::Placeholder) == 1 {
            ""
        } else {
            "s"
        },
        count(NoteKind::Renamed),
    ));
    if let Some(case) = conversion.files.first() {
        text.push_str(&format!(
            "check the result: casec check {}\n",
            dir.join(&case.name).display()
        ));
    }
    eprint!("{text}");
}

fn describe(note: &Note) -> String {
    let element = note
        .element
        .as_deref()
        .map_or_else(|| "file".to_string(), |id| format!("`{id}`"));
    format!(
        "{element} (line {}): {}: {}",
        note.line,
        note.kind.as_str(),
        note.message
    )
}
