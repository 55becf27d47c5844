//! `casec build`: check one case and write it as JSON, a diagram or a review.

use super::args::ReportArgs;
use super::{write_out, Outcome};
use casec::emit::gsn::{self, model::encode_path, Drawing};
use casec::emit::{json, report};
use clap::ValueEnum;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Build {
    /// The case file.
    file: PathBuf,
    /// The output form.
    #[arg(long, value_enum, default_value = "json")]
    emit: Emit,
    /// Where to write (atomically); standard output if omitted or `-`.
    #[arg(short, long)]
    output: Option<PathBuf>,
    /// Draw only the sub-argument under this element (svg, dot, html).
    #[arg(long, value_name = "ID")]
    root: Option<String>,
    #[command(flatten)]
    report: ReportArgs,
}

#[derive(Clone, Copy, ValueEnum)]
enum Emit {
    /// The checked IR (docs/json-schema/casec-ir.schema.json).
    Json,
    /// A GSN diagram (goal, strategy, solution, context shapes).
    Svg,
    /// The same GSN diagram as Graphviz DOT.
    Dot,
    /// A self-contained review page: diagram, coverage, evidence, findings.
    Html,
    /// The review as Markdown, for pull-request comments.
    Markdown,
}

impl Build {
    pub fn run(self) -> Outcome {
        let Build {
            file,
            emit,
            output,
            root,
            report: args,
        } = self;
        let (file, root) = (file.as_path(), root.as_deref());
        if root.is_some() && matches!(emit, Emit::Json | Emit::Markdown) {
            return Err("--root applies to a diagram: use it with --emit svg, dot or html".into());
        }
        // `-o -` is standard output, as `-` is standard input for `casec fmt`.
        let output = output.as_deref().filter(|path| *path != Path::new("-"));
        if let Some(path) = output {
            let same = |a: &Path, b: &Path| matches!((std::fs::canonicalize(a), std::fs::canonicalize(b)), (Ok(a), Ok(b)) if a == b);
            if same(path, file) {
                return Err(format!(
                    "`-o {}` is the case file itself: writing there would replace the case; name another file",
                    path.display()
                ));
            }
        }
        let mut configs = args.configs();
        let stderr = std::io::stderr();
        let mut reporter = args.reporter(stderr.lock(), stderr.is_terminal());
        let compilation = args.compile(file, &mut configs, &mut reporter)?;
        reporter.report(&compilation.sources, &compilation.diagnostics);
        let (errors, warnings) = (reporter.errors(), reporter.warnings());
        reporter.finish();
        let passes = args.passes(errors, warnings);
        let found = if errors > 0 {
            format!("{errors} error(s)")
        } else {
            format!("{warnings} warning(s) and --deny-warnings is set")
        };
        // The IR is a contract for tools: never written for a case that fails.
        // A diagram or review is for people, and most useful where the case
        // fails: it is written, with the findings marked on it, and the exit
        // status still says the case fails.
        if !passes && matches!(emit, Emit::Json) {
            eprintln!(
                "error: `{}` has {found}; nothing was written",
                file.display()
            );
            return Ok(false);
        }
        let text = match emit {
            Emit::Json => json::emit(&compilation),
            Emit::Svg => {
                let drawing =
                    Drawing::of(&compilation, root)?.with_link_base(&link_base(file, output));
                gsn::svg::render(&drawing, true)
            }
            Emit::Dot => {
                let drawing =
                    Drawing::of(&compilation, root)?.with_link_base(&link_base(file, output));
                gsn::dot::render(&drawing)
            }
            Emit::Html => report::html(&compilation, root, &link_base(file, output))?,
            Emit::Markdown => report::markdown(&compilation),
        };
        match output {
            Some(path) => casec::output::write_atomically(path, text.as_bytes())
                .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?,
            None => write_out(&text)?,
        }
        if !passes {
            eprintln!(
                "error: `{}` has {found}, marked in the {}",
                file.display(),
                if matches!(emit, Emit::Markdown) {
                    "review"
                } else {
                    "diagram"
                }
            );
        }
        Ok(passes)
    }
}

/// The case file's directory as seen from the output's, URL-encoded and
/// ending in `/` (empty when they are the same), so that links to artifacts
/// (paths relative to the case file) work from the written diagram. Standard
/// output is taken to be read from the current directory.
fn link_base(case: &Path, output: Option<&Path>) -> String {
    let dir = |p: Option<&Path>| match p {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let (Ok(from), Ok(to)) = (
        std::fs::canonicalize(dir(output.and_then(Path::parent))),
        std::fs::canonicalize(dir(case.parent())),
    ) else {
        return String::new();
    };
    let (from, to): (Vec<_>, Vec<_>) = (from.components().collect(), to.components().collect());
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    if common == 0 {
        // Different roots (drives): only an absolute URL can reach the case.
        let path = to.iter().collect::<PathBuf>();
        return format!(
            "file:///{}/",
            encode_path(path.to_string_lossy().trim_start_matches('/'))
        );
    }
    let mut base = "../".repeat(from.len() - common);
    for part in &to[common..] {
        base.push_str(&encode_path(&part.as_os_str().to_string_lossy()));
        base.push('/');
    }
    base
}
