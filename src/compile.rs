//! The driver: source bytes → AST → IR → checked case, with all diagnostics.

use crate::analysis::integrity::Places;
use crate::analysis::readings::{Readings, DEFAULT_MAX_ARTIFACT_BYTES};
use crate::analysis::Analysis;
use crate::check;
use crate::config::RuleLevels;
use crate::diagnostic::{self, Code, Diagnostic, Severity};
use crate::ir::template::{self, Instance};
use crate::ir::{self, Case, Graph, Origin, Unit};
use crate::project::{self, Files};
use crate::source::{FileId, SourceMap, Span};
use crate::syntax::{self, Ast, ChunkCache, Date};
use std::sync::{Arc, OnceLock};

/// The built-in definitions, in the `.case` language (see `src/prelude.case`).
pub const PRELUDE: &str = include_str!("prelude.case");
pub(crate) const PRELUDE_NAME: &str = "<prelude>";

fn prelude_ast() -> &'static Ast {
    static AST: OnceLock<Ast> = OnceLock::new();
    AST.get_or_init(|| syntax::parse(FileId::PRELUDE, PRELUDE).0)
}

/// The shipped templates (the prelude's), which a case's own template of
/// the same name replaces.
pub fn library() -> &'static [crate::syntax::Template] {
    &prelude_ast().templates
}

pub use crate::check::{Options, DEFAULT_MAX_EVIDENCE_AGE};

impl Options {
    /// What `casec check` compiles a file on disk with, and the language
    /// server a document on disk: evidence files read and verified,
    /// freshness judged on [`check_date`].
    pub(crate) fn verifying() -> Options {
        Options {
            strict: false,
            verify_evidence: true,
            today: Some(check_date()),
            max_evidence_age: None,
            max_artifact_bytes: None,
        }
    }
}

/// What a caller pins of how freshness is judged (`--today`,
/// `--max-evidence-age`); the rest comes from the case and the check date.
#[derive(Clone, Copy, Debug, Default)]
pub struct Freshness {
    pub today: Option<Date>,
    pub max_evidence_age: Option<u32>,
    /// `--max-artifact-bytes`.
    pub max_artifact_bytes: Option<u64>,
}

impl Freshness {
    /// [`Options::verifying`] as pinned. Unpinned, the check date is the one
    /// of this call: a language server running for days asks every time.
    pub fn options(self) -> Options {
        let mut options = Options::verifying();
        options.today = self.today.or(options.today);
        options.max_evidence_age = self.max_evidence_age;
        options.max_artifact_bytes = self.max_artifact_bytes;
        options
    }
}

/// The date freshness is judged on when none is given: the day of
/// `SOURCE_DATE_EPOCH` (the reproducible-builds convention, seconds since
/// 1970) if it is set and valid, else today (UTC).
pub(crate) fn check_date() -> Date {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|value| epoch_day(&value))
        .unwrap_or_else(Date::today)
}

/// The UTC day of a `SOURCE_DATE_EPOCH` value; `None` if it is not a whole
/// number of seconds.
pub fn epoch_day(value: &str) -> Option<Date> {
    let seconds = value.trim().parse::<i64>().ok()?;
    Some(Date::from_days(seconds.div_euclid(86_400)))
}

/// Past this many findings of one code in a file, the rest are counted in a
/// note rather than shown: a thousand copies of one mistake teach no more
/// than the first few, and would drown the other findings.
const MAX_FINDINGS_PER_CODE: usize = 200;

/// Everything known about one compiled case file.
#[derive(Debug)]
pub struct Compilation {
    pub sources: SourceMap,
    pub file: FileId,
    pub ast: Ast,
    pub case: Case,
    pub graph: Graph,
    /// Risk bounds, strength and evidence integrity.
    pub analysis: Analysis,
    /// Sorted by position; syntax, lowering and rule findings together.
    pub diagnostics: Vec<Diagnostic>,
    /// Warnings accepted in review (`accept:`), in source order: not in
    /// `diagnostics`, not counted.
    pub accepted: Vec<crate::check::accept::Accepted>,
    /// The template instances the case expands, in the order written.
    pub instances: Vec<Instance>,
    /// Every file of the project, the entry first, with its module.
    pub files: Vec<CompiledFile>,
}

/// One file of a compiled project.
#[derive(Debug, Clone)]
pub struct CompiledFile {
    pub file: FileId,
    /// Canonical; `None` for a text that is not a file on disk.
    pub path: Option<std::path::PathBuf>,
    pub module: Option<ir::ModuleId>,
}

impl Compilation {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The instance whose expansion wrote the item at `span`, if any (the
    /// innermost, for instances inside templates).
    pub(crate) fn instance_at(&self, span: Span) -> Option<&Instance> {
        self.instances.get(span.file.frame_index()?)
    }

    /// The template of that name: the case's own, else the shipped one.
    pub fn template(&self, name: &str) -> Option<&crate::syntax::Template> {
        let own = self.ast.templates.iter().find(|t| t.id.name == name);
        own.or_else(|| library().iter().find(|t| t.id.name == name))
    }

    /// Every template a case can instantiate: its own and the shipped ones
    /// it does not replace.
    pub fn templates(&self) -> Vec<&crate::syntax::Template> {
        let own = self.ast.templates.iter();
        let shipped = library()
            .iter()
            .filter(|t| !self.ast.templates.iter().any(|o| o.id.name == t.id.name));
        own.chain(shipped).collect()
    }

    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics
            .iter()
            .filter(|d| d.severity == severity)
            .count()
    }
}

/// How a case is compiled: the checker's options and the project's rule
/// levels (casec.toml, applied before `strict` makes the remaining warnings
/// errors). An [`Options`] converts into settings with the default levels.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    pub options: Options,
    pub levels: RuleLevels,
    /// Where the modules a case imports are read from (by default, nowhere:
    /// an import is reported).
    pub files: Files,
}

impl From<Options> for Settings {
    fn from(options: Options) -> Settings {
        Settings {
            options,
            levels: RuleLevels::default(),
            files: Files::default(),
        }
    }
}

impl From<&Settings> for Settings {
    fn from(settings: &Settings) -> Settings {
        settings.clone()
    }
}

/// What a file's contents may be given as: owned bytes or text are
/// compiled without a copy, borrowed ones are copied once.
pub trait Bytes {
    fn into_bytes(self) -> Vec<u8>;
}

impl Bytes for Vec<u8> {
    fn into_bytes(self) -> Vec<u8> {
        self
    }
}

impl Bytes for String {
    fn into_bytes(self) -> Vec<u8> {
        String::into_bytes(self)
    }
}

impl Bytes for &[u8] {
    fn into_bytes(self) -> Vec<u8> {
        self.to_vec()
    }
}

impl Bytes for &Vec<u8> {
    fn into_bytes(self) -> Vec<u8> {
        self.clone()
    }
}

impl Bytes for &str {
    fn into_bytes(self) -> Vec<u8> {
        self.as_bytes().to_vec()
    }
}

impl Bytes for &String {
    fn into_bytes(self) -> Vec<u8> {
        self.as_bytes().to_vec()
    }
}

/// Compile one case file from its raw bytes: the entry point of every
/// caller (the CLI, the language server, the tests and the benchmarks).
/// Text that is not UTF-8 is reported (E0001); given a `Vec` or a `String`,
/// valid text is compiled without a copy.
pub fn compile(name: &str, bytes: impl Bytes, settings: impl Into<Settings>) -> Compilation {
    let settings = settings.into();
    match String::from_utf8(bytes.into_bytes()) {
        Ok(text) => compile_text(name, text, &settings, None),
        Err(err) => {
            let at = err.utf8_error().valid_up_to();
            let mut sources = base_sources();
            let file = sources.add(name, String::from_utf8_lossy(err.as_bytes()).into_owned());
            let diagnostic = Diagnostic::new(
                Code::UnreadableFile,
                // The lossy text holds U+FFFD where the bad byte was.
                Span::new(file, at, at + char::REPLACEMENT_CHARACTER.len_utf8()),
                format!("the file is not valid UTF-8 text (byte {at} cannot be decoded)"),
            )
            .label("not UTF-8")
            .help("casec reads UTF-8 text: re-save the file as UTF-8, or check that this is the file you meant");
            Compilation {
                sources,
                file,
                ast: Ast::default(),
                case: Case::default(),
                graph: Graph::default(),
                analysis: Analysis::default(),
                diagnostics: vec![diagnostic],
                accepted: Vec::new(),
                instances: Vec::new(),
                files: vec![CompiledFile {
                    file,
                    path: None,
                    module: None,
                }],
            }
        }
    }
}

fn base_sources() -> SourceMap {
    let mut sources = SourceMap::default();
    sources.add(PRELUDE_NAME, PRELUDE);
    sources
}

/// [`compile`] for a new version of a file an editor is changing: `cache`
/// keeps the parsed items of the previous version, so only the edited ones
/// are parsed (give the previous compilation's AST back with
/// [`ChunkCache::recycle`]). The result is the one [`compile`] gives.
pub fn compile_edited(
    name: &str,
    text: impl Into<String>,
    settings: impl Into<Settings>,
    cache: &mut ChunkCache,
) -> Compilation {
    compile_text(name, text.into(), &settings.into(), Some(cache))
}

fn compile_text(
    name: &str,
    text: String,
    settings: &Settings,
    cache: Option<&mut ChunkCache>,
) -> Compilation {
    let Settings {
        options,
        levels,
        files,
    } = settings;
    let mut sources = base_sources();
    let file = sources.add(name, text);
    let text = &sources.get(file).text;
    let (ast, mut diagnostics) = match cache {
        Some(cache) => syntax::parse_edited(file, text, cache),
        None => syntax::parse(file, text),
    };
    let path = std::path::Path::new(name);
    let mut project = project::load(&mut sources, file, ast, Some(path), files, &mut diagnostics);
    // Each file's instances, their frames numbered on from the files' before.
    let mut instances = Vec::new();
    let mut expansions = Vec::with_capacity(project.files.len());
    for unit in project.files.iter().filter(|f| f.lowered) {
        let expansion = template::expand(&unit.ast, library(), instances.len());
        diagnostics.extend(expansion.diagnostics);
        sources.add_frames(expansion.frames);
        instances.extend(expansion.instances);
        expansions.push((expansion.ast, unit.module));
    }
    let mut units = vec![Unit::new(Origin::Prelude, prelude_ast())];
    for (unit, (expansion, module)) in project.files.iter().filter(|f| f.lowered).zip(&expansions) {
        units.push(Unit {
            origin: Origin::Case,
            ast: &unit.ast,
            module: unit.module,
        });
        units.push(Unit {
            origin: Origin::Case,
            ast: expansion,
            module: *module,
        });
    }
    let modules = std::mem::take(&mut project.modules);
    let (mut case, lowering) = ir::lower(&units, modules);
    drop(units);
    let compiled: Vec<CompiledFile> = project
        .files
        .iter()
        .map(|f| CompiledFile {
            file: f.file,
            path: f.real.clone(),
            module: f.module,
        })
        .collect();
    // The entry's parse is the caller's alone (only imports are kept).
    let ast = Arc::try_unwrap(project.files.swap_remove(0).ast).unwrap_or_else(|a| (*a).clone());
    diagnostics.extend(lowering);
    // Each module's artifacts are looked for beside its file.
    let places = options.verify_evidence.then(|| {
        let mut dirs = vec![None; case.modules.len()];
        for file in &compiled {
            if let (Some(module), Some(path)) = (file.module, &file.path) {
                dirs[module.index()] = path.parent().map(std::path::Path::to_path_buf);
            }
        }
        Places::new(path, dirs)
    });
    let mut readings = places.as_ref().map(|places| {
        let limit = options
            .max_artifact_bytes
            .unwrap_or(DEFAULT_MAX_ARTIFACT_BYTES);
        Readings::new(&case, places, limit)
    });
    if let Some(readings) = &mut readings {
        readings.apply(&mut case);
    }
    // Counter-evidence: a result that refutes its claim, or one to be read
    // from the artifact that was not (E0611–E0613, or no file access): it
    // supports nothing until it is read.
    let graph = Graph::with_counter_evidence(&case, |e| {
        e.evidence().is_some_and(|attrs| {
            crate::analysis::readings::unread(attrs)
                || matches!(crate::analysis::results::compare(attrs), Ok(Some(c)) if c.refuted)
        })
    });
    let analysis = Analysis::new(&case, &graph, places.as_ref(), readings);
    // A module checked on its own has no case to judge it by: its syntax
    // and names are checked, its argument through the cases importing it.
    if compiled[0].module.is_none() {
        diagnostics.extend(check::check(&case, &graph, &analysis, file, options));
    }
    levels.apply(&mut diagnostics);
    let mut accepted = check::accept::apply(&case, &mut diagnostics);
    for d in diagnostics
        .iter_mut()
        .chain(accepted.iter_mut().map(|a| &mut a.diagnostic))
    {
        report_at_instance(&sources, &instances, d);
        // A fix edits the project's files: never the prelude, nor a
        // template instance's frame (whose text is the template's, shared
        // by every instance).
        d.fixes.retain(|fix| fix.is_in_files());
    }
    accepted.sort_by_key(|a| {
        (
            a.diagnostic.primary.span.file,
            a.diagnostic.primary.span.start,
        )
    });
    if options.strict {
        for d in &mut diagnostics {
            d.severity = Severity::Error;
        }
    }
    diagnostic::sort(&mut diagnostics);
    let diagnostics = diagnostic::limit_per_code(diagnostics, MAX_FINDINGS_PER_CODE);
    Compilation {
        sources,
        file,
        ast,
        case,
        graph,
        analysis,
        diagnostics,
        accepted,
        instances,
        files: compiled,
    }
}

/// A finding on an item a template instance made is reported at the
/// instance, with a label at the template line it came from (and one at each
/// instance in between, for instances inside templates): the author sees
/// whether the template or the arguments are wrong.
fn report_at_instance(sources: &SourceMap, instances: &[Instance], d: &mut Diagnostic) {
    // Instances and frames are made together: the nth frame is the nth
    // instance's.
    let template_of = |frame: crate::source::FileId| {
        let instance = frame.frame_index().and_then(|i| instances.get(i));
        instance.map_or("", |i| i.template.as_str())
    };
    for label in &mut d.secondary {
        label.span.file = sources.real(label.span.file);
    }
    let Some(first) = sources.frame(d.primary.span.file) else {
        return;
    };
    let mut labels = vec![crate::diagnostic::Label {
        span: Span {
            file: first.file,
            ..d.primary.span
        },
        message: format!(
            "in template `{}`: {}",
            template_of(d.primary.span.file),
            d.primary.message
        ),
    }];
    let mut at = first.at;
    while let Some(frame) = sources.frame(at.file) {
        labels.push(crate::diagnostic::Label {
            span: Span {
                file: frame.file,
                ..at
            },
            message: format!(
                "through this instance, in template `{}`",
                template_of(at.file)
            ),
        });
        at = frame.at;
    }
    d.within = Some(d.primary.span);
    d.primary.span = at;
    d.primary.message = "in this instance".into();
    labels.append(&mut d.secondary);
    d.secondary = labels;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_prelude_is_clean() {
        let (_, syntax_errors) = syntax::parse(FileId::PRELUDE, PRELUDE);
        assert!(syntax_errors.is_empty(), "{syntax_errors:#?}");
        let (_, lowering) = ir::lower(
            &[Unit::new(Origin::Prelude, prelude_ast())],
            ir::Modules::default(),
        );
        assert!(lowering.is_empty(), "{lowering:#?}");
    }

    #[test]
    fn source_date_epoch_values_name_utc_days() {
        let day = |value| epoch_day(value).map(|d| d.to_string());
        assert_eq!(day("0").as_deref(), Some("1970-01-01"));
        assert_eq!(day("86399").as_deref(), Some("1970-01-01"));
        assert_eq!(day("86400").as_deref(), Some("1970-01-02"));
        assert_eq!(day("-1").as_deref(), Some("1969-12-31"));
        assert_eq!(day(" 1780272000\n").as_deref(), Some("2026-06-01"));
        assert_eq!(day("1795564800").as_deref(), Some("2026-11-25"));
        assert_eq!(day(""), None);
        assert_eq!(day("2026-06-01"), None);
        assert_eq!(day("1.5"), None);
    }

    #[test]
    fn verifying_options_read_evidence_and_judge_freshness() {
        let options = Options::verifying();
        assert!(options.verify_evidence && !options.strict);
        assert_eq!(options.max_evidence_age, None);
        // Whatever the environment says, a date is set: SOURCE_DATE_EPOCH's
        // day or today.
        assert!(options.today.is_some());
    }

    #[test]
    fn invalid_utf8_is_located() {
        let compilation = compile("x.case", &b"claim a \"\xff\""[..], Options::default());
        assert_eq!(compilation.diagnostics.len(), 1);
        assert_eq!(compilation.diagnostics[0].code, Code::UnreadableFile);
        assert_eq!(compilation.diagnostics[0].primary.span.start, 9);
    }
}
