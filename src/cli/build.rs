//! `casec build`: check one case and write it as JSON, a diagram or a review.

use super::args::ReportArgs;
use super::{write_out, Outcome};
use casec::emit::gsn::model::View;
use casec::emit::{link, render, Format, RenderOptions};
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
    /// Draw this template (the case's or a shipped one) in the GSN pattern
    /// notation instead of the case (svg, dot).
    #[arg(long, value_name = "NAME", conflicts_with = "root")]
    template: Option<String>,
    /// Draw one module of the project: its elements, and the elements of
    /// other files they link to as GSN away elements, each with a band
    /// naming its module (svg, dot, html).
    #[arg(long, value_name = "NAME", conflicts_with_all = ["root", "template", "modules"])]
    module: Option<String>,
    /// Draw the project's architecture: the case and its modules, with an
    /// arrow to each module a file imports (svg, dot).
    #[arg(long, conflicts_with_all = ["root", "template"])]
    modules: bool,
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

impl Emit {
    fn format(self) -> Format {
        match self {
            Emit::Json => Format::Json,
            Emit::Svg => Format::Svg,
            Emit::Dot => Format::Dot,
            Emit::Html => Format::Html,
            Emit::Markdown => Format::Markdown,
        }
    }
}

impl Build {
    pub fn run(self) -> Outcome {
        let Build {
            file,
            emit,
            output,
            root,
            template,
            module,
            modules,
            report: args,
        } = self;
        let (file, root) = (file.as_path(), root.as_deref());
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
        let view = match (module, modules) {
            (Some(name), _) => View::Module(name),
            (None, true) => View::Modules,
            (None, false) => View::Whole,
        };
        let options = RenderOptions {
            root: root.map(str::to_string),
            link_base: link::base(file, output),
            view,
        };
        let text = match &template {
            Some(name) => casec::emit::render_template(&compilation, name, emit.format()),
            None => render(&compilation, emit.format(), &options),
        }
        .map_err(|e| e.to_string())?;
        if !passes && matches!(emit, Emit::Json) {
            eprintln!(
                "error: `{}` has {found}; nothing was written",
                file.display()
            );
            return Ok(false);
        }
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
