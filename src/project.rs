//! Projects: the case file and the modules it imports, read, parsed and
//! joined before anything is lowered (docs/language.md, "Modules").
//!
//! A file that declares `module NAME` is a module; `import NAME "PATH"`
//! reads the module at PATH, relative to the importing file and never
//! outside the project root. Every file is read once however many files
//! import it, import cycles are broken at the import that closes them, and
//! what each file sees (its own module and everything it imports, directly
//! or not) is computed once, in [`Modules::new`].

use crate::analysis::integrity::{is_url, lexically_normal, Location, Status};
use crate::diagnostic::{Code, Diagnostic};
use crate::ir::{Module, ModuleId, Modules, Spanned};
use crate::source::{FileId, SourceMap, Span};
use crate::syntax::{self, Ast, Item, ItemKind, ValueKind};
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Where a project's imported files are read from.
#[derive(Clone, Debug, Default)]
pub struct Files {
    /// Read imported files from disk; when not (a text compiled on its
    /// own), an import is reported (E1101).
    pub disk: bool,
    /// Texts an editor holds, by canonical path: read instead of the disk's.
    pub open: Arc<BTreeMap<PathBuf, String>>,
    /// The imported files' parses of earlier compilations, to re-use.
    pub parses: Option<Parses>,
}

impl Files {
    /// Files read from disk, with no editor's texts.
    pub fn disk() -> Files {
        Files {
            disk: true,
            ..Files::default()
        }
    }
}

/// The parses of imported files, kept from one compilation to the next (the
/// language server's): an import whose text is the same, read as the same
/// file of the project, is not parsed again. Only an exact match of the text
/// is re-used, so a compilation is the one a fresh parse gives.
#[derive(Clone, Debug, Default)]
pub struct Parses(Arc<Mutex<HashMap<PathBuf, Parsed>>>);

#[derive(Debug)]
struct Parsed {
    file: FileId,
    text: String,
    ast: Arc<Ast>,
    diagnostics: Vec<Diagnostic>,
}

impl Parses {
    /// The parse of `text`, read from `real` as `file`: the kept one if it
    /// is of this very text and file.
    fn parse(&self, real: &Path, file: FileId, text: &str) -> (Arc<Ast>, Vec<Diagnostic>) {
        // A poisoned lock only means a compilation panicked (and was
        // answered as such): what the map holds is whole either way.
        let mut kept = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(parsed) = kept.get(real) {
            if parsed.file == file && parsed.text == text {
                return (parsed.ast.clone(), parsed.diagnostics.clone());
            }
        }
        let (ast, diagnostics) = syntax::parse(file, text);
        let ast = Arc::new(ast);
        let parsed = Parsed {
            file,
            text: text.to_string(),
            ast: ast.clone(),
            diagnostics: diagnostics.clone(),
        };
        kept.insert(real.to_path_buf(), parsed);
        (ast, diagnostics)
    }

    /// Forget the files no longer read by any project: those not in `keep`.
    pub fn retain(&self, keep: impl Fn(&Path) -> bool) {
        let mut kept = self.0.lock().unwrap_or_else(|e| e.into_inner());
        kept.retain(|path, _| keep(path));
    }
}

/// Whether a file's text declares a module (a line that starts with the
/// `module` keyword): what `casec check DIR` asks to check the cases first
/// and each module through them.
pub fn declares_module(text: &[u8]) -> bool {
    text.split(|b| *b == b'\n').any(|line| {
        line.strip_prefix(b"module")
            .is_some_and(|rest| rest.first().is_some_and(u8::is_ascii_whitespace))
    })
}

/// At most this many files in one project: past it, imports are reported.
const MAX_FILES: usize = 10_000;
/// The largest file an import reads, as for the files `casec check` is given.
const MAX_FILE_BYTES: u64 = 1 << 30;

/// A project's files, the entry first, each with its parsed items.
pub(crate) struct Project {
    pub files: Vec<ProjectFile>,
    pub modules: Modules,
}

pub(crate) struct ProjectFile {
    pub file: FileId,
    /// Shared with [`Parses`] when kept there.
    pub ast: Arc<Ast>,
    /// `None` for the case file; for a file left out (a second module of
    /// one name), its items are not lowered.
    pub module: Option<ModuleId>,
    pub lowered: bool,
    /// Canonical; `None` for an entry that is not a file on disk.
    pub real: Option<PathBuf>,
}

/// One file read so far.
struct Loaded {
    file: FileId,
    ast: Arc<Ast>,
    /// Canonical; `None` for an entry that is not a file on disk.
    real: Option<PathBuf>,
    /// How its name is shown: the entry's name, or the path an import
    /// reached it by, joined to the importer's.
    shown: PathBuf,
    /// Its imports: the file read, where the import names it, the name given.
    imports: Vec<(usize, Span, String)>,
}

/// Reads every file the entry imports, directly or not; `path` is where the
/// entry is on disk (its folder is where its imports are looked for).
pub(crate) fn load(
    sources: &mut SourceMap,
    entry: FileId,
    ast: Ast,
    path: Option<&Path>,
    files: &Files,
    diagnostics: &mut Vec<Diagnostic>,
) -> Project {
    let location = path
        .filter(|_| files.disk)
        .and_then(|p| Location::of(p).ok());
    // An editor's document need not be saved yet: its folder is enough.
    let real = path.and_then(|p| {
        std::fs::canonicalize(p).ok().or_else(|| {
            let parent = p.parent().filter(|d| !d.as_os_str().is_empty());
            let dir = std::fs::canonicalize(parent.unwrap_or(Path::new("."))).ok()?;
            Some(dir.join(p.file_name()?))
        })
    });
    let mut loaded = vec![Loaded {
        file: entry,
        ast: Arc::new(ast),
        real: real.clone(),
        shown: PathBuf::from(sources.get(entry).name.as_str()),
        imports: Vec::new(),
    }];
    let mut by_path: HashMap<PathBuf, usize> = real.into_iter().map(|r| (r, 0)).collect();
    let mut next = 0;
    while next < loaded.len() {
        let imports: Vec<&Item> = loaded[next]
            .ast
            .items
            .iter()
            .filter(|item| item.kind == ItemKind::Import)
            .collect();
        let mut found = Vec::new();
        let mut read = Vec::new();
        for item in imports {
            let reader = Reader {
                location: location.as_ref(),
                files,
                from: &loaded[next],
            };
            match reader.import(item) {
                Err(d) => diagnostics.push(*d),
                Ok(Read(real, shown, bytes)) => {
                    if let Some(&known) = by_path.get(&real) {
                        found.push((known, item.id.span, item.id.name.to_string()));
                        continue;
                    }
                    let index = loaded.len() + read.len();
                    if index >= MAX_FILES {
                        diagnostics.push(import_error(
                            path_span(item),
                            format!("the project has more than {MAX_FILES} files"),
                            "split it into several projects (each case with the modules it imports)",
                        ));
                        continue;
                    }
                    by_path.insert(real.clone(), index);
                    found.push((index, item.id.span, item.id.name.to_string()));
                    read.push((real, shown, bytes, path_span(item)));
                }
            }
        }
        loaded[next].imports = found;
        for (real, shown, bytes, span) in read {
            let text = match String::from_utf8(bytes) {
                Ok(text) => text,
                Err(e) => {
                    diagnostics.push(import_error(
                        span,
                        format!(
                            "`{}` is not UTF-8 text (byte {} cannot be decoded)",
                            shown.display(),
                            e.utf8_error().valid_up_to()
                        ),
                        "casec reads UTF-8 text: re-save the module as UTF-8",
                    ));
                    String::from_utf8_lossy(e.as_bytes()).into_owned()
                }
            };
            let file = sources.add(shown.to_string_lossy().as_ref(), text);
            let text = &sources.get(file).text;
            let (ast, found) = match &files.parses {
                Some(parses) => parses.parse(&real, file, text),
                None => {
                    let (ast, found) = syntax::parse(file, text);
                    (Arc::new(ast), found)
                }
            };
            diagnostics.extend(found);
            loaded.push(Loaded {
                file,
                ast,
                real: Some(real),
                shown,
                imports: Vec::new(),
            });
        }
        next += 1;
    }
    join(loaded, diagnostics)
}

/// The file an import names, read: its canonical path, the path it is
/// shown by, its bytes.
struct Read(PathBuf, PathBuf, Vec<u8>);

struct Reader<'a> {
    location: Option<&'a Location>,
    files: &'a Files,
    from: &'a Loaded,
}

impl Reader<'_> {
    fn import(&self, item: &Item) -> Result<Read, Box<Diagnostic>> {
        let name = &item.id.name;
        if !is_module_name(name) {
            return Err(Box::new(
                Diagnostic::new(
                    Code::NotAModule,
                    item.id.span,
                    format!("`{name}` is not a module's name"),
                )
                .label("a module's name is one word")
                .help(
                    "import a module by the name it declares: `import security \"security.case\"`",
                ),
            ));
        }
        if let Some(body) = &item.body {
            return Err(Box::new(
                Diagnostic::new(
                    Code::UnknownProperty,
                    body.span,
                    format!("`import {name}` takes no properties"),
                )
                .label("remove this body")
                .help(format!("an import is written `import {name} \"PATH\"`")),
            ));
        }
        let Some(text) = &item.text else {
            return Err(Box::new(Diagnostic::new(
                Code::ImportUnreadable,
                item.id.span,
                format!("`import {name}` has no path"),
            )
            .label("the path in quotes should follow the name")
            .help(format!(
                "write the path of the module's file, relative to this file: `import {name} \"{name}.case\"`"
            ))));
        };
        let path: &str = &text.value;
        let at = |code, message: String, help: &str| {
            Box::new(
                Diagnostic::new(code, text.span, message)
                    .label("imported here")
                    .help(help.to_string()),
            )
        };
        if is_url(path) || Path::new(path).is_absolute() {
            return Err(at(
                Code::ImportOutsideProject,
                format!("`{path}` is not a path inside the project"),
                "import a file of the project by its path relative to this file; casec reads no URL and no absolute path",
            ));
        }
        let (Some(location), Some(real)) = (self.location, &self.from.real) else {
            return Err(at(
                Code::ImportUnreadable,
                format!("module `{name}` cannot be read: this text is not checked as a file on disk"),
                "check the case file itself (`casec check FILE`), or give standard input its path with `--stdin-filename`",
            ));
        };
        let dir = real.parent().unwrap_or(&location.root).to_path_buf();
        let here = Location {
            dir,
            root: location.root.clone(),
        };
        let resolved = here.resolve(path).map_err(|status| match status {
            Status::OutsideRoot => at(
                Code::ImportOutsideProject,
                format!("`{path}` leaves the project root"),
                "keep the project's modules inside its root (the folder of casec.toml or .git): copy the module into the project",
            ),
            Status::Missing => at(
                Code::ImportUnreadable,
                format!("no file `{path}` for module `{name}`"),
                "the path is relative to this file: fix it, or create the module there",
            ),
            other => {
                let reason = match other {
                    Status::Unreadable { reason } => reason,
                    _ => "it cannot be read".to_string(),
                };
                at(
                    Code::ImportUnreadable,
                    format!("`{path}` cannot be read: {reason}"),
                    "import a regular `.case` file",
                )
            }
        })?;
        let shown = lexically_normal(&self.from.shown.parent().unwrap_or(Path::new("")).join(path));
        if let Some(text) = self.files.open.get(&resolved) {
            return Ok(Read(resolved, shown, text.clone().into_bytes()));
        }
        match crate::input::read_regular(&resolved, MAX_FILE_BYTES) {
            Ok(bytes) => Ok(Read(resolved, shown, bytes)),
            Err(e) => Err(at(
                Code::ImportUnreadable,
                format!("`{path}` cannot be read: {e}"),
                "import a regular `.case` file",
            )),
        }
    }
}

/// Where an import's path is written (its name, if it has none).
fn path_span(item: &Item) -> Span {
    item.text.as_ref().map_or(item.id.span, |t| t.span)
}

fn import_error(span: Span, message: String, help: &str) -> Diagnostic {
    Diagnostic::new(Code::ImportUnreadable, span, message)
        .label("imported here")
        .help(help.to_string())
}

/// A module's name: one identifier word, without `.` or `::`.
fn is_module_name(name: &str) -> bool {
    !name.contains(['.', ':'])
}

/// Each file's module header, its imports checked against what they read,
/// import cycles broken, and the modules made.
fn join(loaded: Vec<Loaded>, diagnostics: &mut Vec<Diagnostic>) -> Project {
    let mut headers: Vec<Option<Module>> = Vec::with_capacity(loaded.len());
    let mut names: HashMap<String, Span> = HashMap::new();
    let mut lowered = vec![true; loaded.len()];
    for (index, file) in loaded.iter().enumerate() {
        let header = header(&file.ast, diagnostics);
        if let Some(module) = &header {
            if let Some(first) = names.get(module.name.as_str()) {
                diagnostics.push(
                    Diagnostic::new(
                        Code::DuplicateModule,
                        module.name_span,
                        format!("a second file declares module `{}`", module.name),
                    )
                    .label("declared again here")
                    .secondary(*first, "first declared here")
                    .help("give each module its own name; this file is left out until then"),
                );
                lowered[index] = false;
                headers.push(None);
                continue;
            }
            names.insert(module.name.to_string(), module.name_span);
        }
        // An imported file that is not a module is reported at its import
        // below, and its items left out.
        lowered[index] = index == 0 || header.is_some();
        headers.push(header);
    }
    // The imports that stand: to a module, by its name.
    let mut edges: Vec<Vec<(usize, Span)>> = vec![Vec::new(); loaded.len()];
    for (index, file) in loaded.iter().enumerate() {
        if !lowered[index] {
            continue;
        }
        for (target, span, name) in &file.imports {
            let shown = loaded[*target].shown.display();
            match &headers[*target] {
                // A module whose header was reported (a second module of
                // one name, a name that is not one word).
                None if has_header(&loaded[*target].ast) => {}
                None => {
                    let is_case = loaded[*target]
                        .ast
                        .items
                        .iter()
                        .any(|i| i.kind == ItemKind::Case);
                    let why = if is_case {
                        "it is a case (it has a `case` header), which imports modules and is imported by none"
                    } else {
                        "it has no `module` header"
                    };
                    diagnostics.push(
                        Diagnostic::new(
                            Code::NotAModule,
                            *span,
                            format!("`{shown}` is not a module: {why}"),
                        )
                        .label("imported here")
                        .help(format!(
                            "begin the file with `module {name} \"what it argues\"`, or import a module"
                        )),
                    );
                }
                Some(module) if module.name != name.as_str() => {
                    diagnostics.push(
                        Diagnostic::new(
                            Code::NotAModule,
                            *span,
                            format!("`{shown}` declares module `{}`, not `{name}`", module.name),
                        )
                        .label("imported under another name")
                        .secondary(module.name_span, "the module's name")
                        .help(format!(
                            "import it by its name: `import {} \"…\"`",
                            module.name
                        ))
                        .fix(crate::diagnostic::Fix::did_you_mean(
                            *span,
                            &module.name,
                            true,
                        )),
                    );
                }
                Some(_) => {
                    if !edges[index].iter().any(|(t, _)| t == target) {
                        edges[index].push((*target, *span));
                    }
                }
            }
        }
    }
    break_cycles(&loaded, &headers, &mut edges, diagnostics);
    let mut ids: Vec<Option<ModuleId>> = Vec::with_capacity(loaded.len());
    let mut modules = Vec::new();
    for header in &headers {
        ids.push(header.as_ref().map(|_| ModuleId(modules.len() as u32)));
        if let Some(module) = header {
            modules.push(module.clone());
        }
    }
    for (index, header) in headers.iter().enumerate() {
        if let Some(id) = ids[index].filter(|_| header.is_some()) {
            modules[id.index()].imports =
                edges[index].iter().filter_map(|(t, _)| ids[*t]).collect();
        }
    }
    let case_imports: Vec<ModuleId> = edges[0].iter().filter_map(|(t, _)| ids[*t]).collect();
    let modules = Modules::new(modules, &case_imports);
    let files = loaded
        .into_iter()
        .enumerate()
        .map(|(index, file)| ProjectFile {
            file: file.file,
            ast: file.ast,
            module: ids[index],
            lowered: lowered[index],
            real: file.real,
        })
        .collect();
    Project { files, modules }
}

fn has_header(ast: &Ast) -> bool {
    ast.items.iter().any(|i| i.kind == ItemKind::Module)
}

/// The file's `module NAME "text" { owner: "…" }`, if it declares one.
fn header(ast: &Ast, diagnostics: &mut Vec<Diagnostic>) -> Option<Module> {
    let mut headers = ast.items.iter().filter(|i| i.kind == ItemKind::Module);
    let first = headers.next()?;
    for again in headers {
        diagnostics.push(
            Diagnostic::new(
                Code::ModuleHeader,
                again.kind_span,
                "a file declares one module".to_string(),
            )
            .label("a second `module` header")
            .secondary(first.id.span, "the file's module")
            .help("put this module's elements in a file of its own, or remove this header"),
        );
    }
    if !is_module_name(&first.id.name) {
        diagnostics.push(
            Diagnostic::new(
                Code::ModuleHeader,
                first.id.span,
                format!("`{}` is not a module's name", first.id.name),
            )
            .label("a module's name is one word")
            .help("name the module with one identifier, such as `security`"),
        );
        return None;
    }
    let mut owner = None;
    for property in first.body.iter().flat_map(|b| b.properties.iter()) {
        match (property.key.as_str(), &property.values[..]) {
            ("owner", [value]) if matches!(value.kind, ValueKind::Text(_)) => {
                if let ValueKind::Text(text) = &value.kind {
                    owner = Some(Spanned {
                        value: text.value.to_string(),
                        span: value.span,
                    });
                }
            }
            ("owner", _) => diagnostics.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    property.span,
                    "`owner` expects one string".to_string(),
                )
                .label("unexpected value")
                .help("name the team that owns the module: `owner: \"security team\"`"),
            ),
            (key, _) => diagnostics.push(
                Diagnostic::new(
                    Code::UnknownProperty,
                    property.key_span,
                    format!("module `{}` has no property `{key}`", first.id.name),
                )
                .label("unknown property")
                .help("a module takes `owner:` (the team that owns it)"),
            ),
        }
    }
    Some(Module {
        name: first.id.name.clone(),
        name_span: first.id.span,
        text: first.text.as_ref().map(|t| t.value.clone()),
        owner,
        imports: Vec::new(),
    })
}

/// Depth-first over the imports between modules: an import that reaches a
/// module still being visited closes a cycle; it is reported (with the
/// cycle's path) and dropped, so what is left is acyclic.
fn break_cycles(
    loaded: &[Loaded],
    headers: &[Option<Module>],
    edges: &mut [Vec<(usize, Span)>],
    diagnostics: &mut Vec<Diagnostic>,
) {
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let name = |i: usize| {
        headers[i].as_ref().map_or_else(
            || loaded[i].shown.display().to_string(),
            |m| m.name.to_string(),
        )
    };
    let mut mark = vec![Mark::New; loaded.len()];
    for start in 0..loaded.len() {
        if mark[start] != Mark::New {
            continue;
        }
        let mut stack = vec![(start, 0usize)];
        mark[start] = Mark::Open;
        while let Some(&(node, next)) = stack.last() {
            let Some(&(target, span)) = edges[node].get(next) else {
                mark[node] = Mark::Done;
                stack.pop();
                continue;
            };
            if let Some(top) = stack.last_mut() {
                top.1 += 1;
            }
            match mark[target] {
                Mark::New => {
                    mark[target] = Mark::Open;
                    stack.push((target, 0));
                }
                Mark::Open => {
                    let from = stack.iter().position(|(n, _)| *n == target).unwrap_or(0);
                    let mut path: Vec<String> = stack[from..]
                        .iter()
                        .map(|(n, _)| format!("`{}`", name(*n)))
                        .collect();
                    path.push(format!("`{}`", name(target)));
                    diagnostics.push(
                        Diagnostic::new(
                            Code::ImportCycle,
                            span,
                            format!("importing `{}` here closes a cycle of imports", name(target)),
                        )
                        .label("closes the cycle")
                        .note(format!("the cycle: {}", path.join(" imports ")))
                        .help(format!(
                            "remove this import; if `{}` is to support a claim of `{}`, that claim is marked `public` and `{}` writes `develops:` on what supports it",
                            name(node),
                            name(target),
                            name(node)
                        )),
                    );
                    edges[node].retain(|(t, _)| *t != target);
                    if let Some(top) = stack.last_mut() {
                        top.1 -= 1;
                    }
                }
                Mark::Done => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_parse_is_used_only_for_the_same_text_and_file() {
        let parses = Parses::default();
        let path = Path::new("/project/lab.case");
        let text = "module lab \"Lab\"\nclaim a \"x\" {\n";
        let (first, found) = parses.parse(path, FileId(3), text);
        assert_eq!(found.len(), 1, "the unclosed claim is reported");
        // The same text read as the same file: the very same parse, and
        // its findings again.
        let (again, found_again) = parses.parse(path, FileId(3), text);
        assert!(Arc::ptr_eq(&first, &again));
        assert_eq!(found_again.len(), 1);
        // Another file id (the project's files read in another order) or
        // another text: parsed again, as a fresh parse would.
        let (moved, _) = parses.parse(path, FileId(4), text);
        assert!(!Arc::ptr_eq(&first, &moved));
        assert_eq!(moved.items[0].span.file, FileId(4));
        let fixed = "module lab \"Lab\"\nclaim a \"x\"\n";
        let (edited, found) = parses.parse(path, FileId(4), fixed);
        assert!(found.is_empty());
        assert_eq!(edited.items.len(), 2);
        parses.retain(|_| false);
        let (fresh, _) = parses.parse(path, FileId(4), fixed);
        assert!(!Arc::ptr_eq(&edited, &fresh));
    }
}
