//! gsn2x YAML → `.case` files.
//!
//! [gsn2x](https://github.com/jonasthewolf/gsn2x) describes a GSN argument
//! as a YAML mapping from element ids to their attributes; the id's prefix
//! (`G`, `S`, `Sn`, `C`, `A`, `J`, and `CG`, `CSn` for the dialectic
//! extension) or `nodeType` gives the kind. A file may start with a `module`
//! header (`name`, `brief`, `uses`, `extends`). [`convert`] turns a set of
//! such files into one `.case` file each: the first file becomes the case
//! (with its header), every other one a module that the case imports.
//!
//! Goals become claims, strategies arguments, solutions evidence, and
//! contexts, assumptions and justifications keep their kind. Ids and texts
//! are kept (an id that is not a casec identifier is renamed, and said so).
//! Where casec requires something gsn2x does not have (a deployment
//! decision, an outcome, a justification for an assumption, an explicit
//! `undeveloped`), an explicit placeholder is written. Everything not carried
//! over (layout hints, styling, layers, assurance claim points, dialectic
//! elements, unknown attributes, links casec cannot express) is returned as
//! a [`Note`] and written as `//` comments above the element, so nothing is
//! lost silently. The output is deterministic: the order is the files' and
//! the elements' own.

use std::collections::{BTreeSet, HashMap};
use std::fmt::{self, Write as _};

use crate::diagnostic::Code;

mod read;

pub use read::resolve;
use read::{one_line, parse_file, shape, Element, Extension, File, Header, Kind};

/// One gsn2x file: the path it was named by (with `/` separators; `uses`
/// entries are resolved relative to its folder) and its text.
#[derive(Clone, Copy, Debug)]
pub struct Source<'a> {
    pub path: &'a str,
    pub text: &'a str,
}

/// What [`convert`] made.
#[derive(Debug, Default)]
pub struct Conversion {
    /// One file per source, the case first.
    pub files: Vec<Generated>,
    /// Everything not carried over as it was, in file and element order.
    pub notes: Vec<Note>,
}

/// A generated `.case` file.
#[derive(Debug)]
pub struct Generated {
    /// The gsn2x file it was made from, as named in its [`Source`].
    pub source: String,
    /// Its file name: a plain name (no folder), unique among the files.
    pub name: String,
    /// The module it declares; `None` for the case.
    pub module: Option<String>,
    pub text: String,
}

/// Something of a gsn2x file that is not in the output as it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// The gsn2x file, as named in its [`Source`].
    pub source: String,
    /// The element's gsn2x id; `None` for the file or its `module` header.
    pub element: Option<String>,
    /// The line in the gsn2x file (1-based).
    pub line: usize,
    pub kind: NoteKind,
    pub message: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoteKind {
    /// In the gsn2x file, not in the output.
    NotCarried,
    /// Not in the gsn2x file, written because casec requires it.
    Placeholder,
    /// Written under another name.
    Renamed,
}

impl NoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NoteKind::NotCarried => "not carried over",
            NoteKind::Placeholder => "placeholder",
            NoteKind::Renamed => "renamed",
        }
    }
}

/// Why the files could not be converted at all.
#[derive(Debug, PartialEq, Eq)]
pub enum Error {
    /// No file was given.
    NoInput,
    /// The text is not YAML.
    Yaml {
        source: String,
        line: usize,
        column: usize,
        message: String,
    },
    /// YAML, but not shaped like a gsn2x file.
    Shape {
        source: String,
        line: usize,
        message: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::NoInput => write!(f, "no gsn2x file was given"),
            Error::Yaml {
                source,
                line,
                column,
                message,
            } => write!(f, "{source}:{line}:{column}: not valid YAML: {message}"),
            Error::Shape {
                source,
                line,
                message,
            } => write!(f, "{source}:{line}: {message}"),
        }
    }
}

impl std::error::Error for Error {}

/// The files `uses:` names in a gsn2x file's `module` header, resolved
/// against the file's own folder (`a/b.yaml` using `c.yaml` is `a/c.yaml`),
/// so that a caller can read them before [`convert`]ing the whole set.
pub fn used_files(source: Source<'_>) -> Result<Vec<String>, Error> {
    let file = parse_file(source)?;
    Ok(file.header.uses.into_iter().map(|(path, _)| path).collect())
}

/// Convert gsn2x files into `.case` files: the first is the case, every
/// other a module. Every file that a `uses:` names must be among them
/// ([`used_files`] lists them); a module that `extends` is looked up by
/// its `name` (or, without a header, its file name).
pub fn convert(sources: &[Source<'_>]) -> Result<Conversion, Error> {
    if sources.is_empty() {
        return Err(Error::NoInput);
    }
    let mut files = Vec::with_capacity(sources.len());
    for source in sources {
        files.push(parse_file(*source)?);
    }
    Converter::new(files)?.run()
}

// ---------------------------------------------------------------------------
// The conversion.

/// Where an element is: its file and its index there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct At {
    file: usize,
    element: usize,
}

struct Converter {
    files: Vec<File>,
    /// The casec id of each file's module (the case's id for the first).
    module_ids: Vec<String>,
    /// The file name each is written to.
    out_names: Vec<String>,
    /// gsn2x id → where it is declared.
    by_id: HashMap<String, At>,
    /// gsn2x id → casec id.
    new_ids: HashMap<String, String>,
    /// Every casec id written, for placeholders to avoid.
    taken: BTreeSet<String>,
    /// The imports each module makes (indices of files), in order.
    imports: Vec<Vec<usize>>,
    /// Main goals developed by other modules: goal → (module, developing element)s.
    developed_main: HashMap<String, Vec<(usize, String)>>,
    /// Elements that develop a goal of a non-main module: element → goals.
    develops: HashMap<String, Vec<(usize, String)>>,
    notes: Vec<Note>,
}

impl Converter {
    fn new(files: Vec<File>) -> Result<Converter, Error> {
        let mut by_id = HashMap::new();
        for (f, file) in files.iter().enumerate() {
            for (e, element) in file.elements.iter().enumerate() {
                if let Some(previous) = by_id.insert(
                    element.id.clone(),
                    At {
                        file: f,
                        element: e,
                    },
                ) {
                    return Err(shape(
                        &file.path,
                        element.line,
                        format!(
                            "`{}` is declared in `{}` too: gsn2x ids are unique across modules",
                            element.id, files[previous.file].path
                        ),
                    ));
                }
            }
        }
        let mut converter = Converter {
            module_ids: Vec::new(),
            out_names: Vec::new(),
            by_id,
            new_ids: HashMap::new(),
            taken: BTreeSet::new(),
            imports: vec![Vec::new(); files.len()],
            developed_main: HashMap::new(),
            develops: HashMap::new(),
            notes: Vec::new(),
            files,
        };
        converter.name_things();
        Ok(converter)
    }

    fn note(
        &mut self,
        file: usize,
        element: Option<&str>,
        line: usize,
        kind: NoteKind,
        message: String,
    ) {
        self.notes.push(Note {
            source: self.files[file].path.clone(),
            element: element.map(str::to_string),
            line,
            kind,
            message,
        });
    }

    /// Module ids, file names and element ids, each unique.
    fn name_things(&mut self) {
        let mut module_ids = BTreeSet::new();
        let mut out_names = BTreeSet::new();
        for f in 0..self.files.len() {
            let file = &self.files[f];
            let stem = stem(&file.path);
            let name = file.header.name.clone().unwrap_or_else(|| stem.clone());
            let id = unique(identifier(&name), &mut module_ids);
            let out = unique_file(&file_name(&stem), &mut out_names);
            if id != name {
                let line = file.header.line.max(1);
                self.note(
                    f,
                    None,
                    line,
                    NoteKind::Renamed,
                    format!("module `{name}` is written as `{id}`, a casec identifier"),
                );
            }
            self.module_ids.push(id);
            self.out_names.push(out);
        }
        // Ids that are identifiers keep their names; the others are renamed
        // around them.
        for file in &self.files {
            for element in &file.elements {
                if crate::syntax::is_identifier(&element.id) {
                    self.taken.insert(element.id.clone());
                    self.new_ids.insert(element.id.clone(), element.id.clone());
                }
            }
        }
        for f in 0..self.files.len() {
            for e in 0..self.files[f].elements.len() {
                let element = &self.files[f].elements[e];
                let (id, line) = (element.id.clone(), element.line);
                if self.new_ids.contains_key(&id) {
                    continue;
                }
                let new = unique(identifier(&id), &mut self.taken);
                if new != id {
                    self.note(
                        f,
                        Some(&id),
                        line,
                        NoteKind::Renamed,
                        format!("`{id}` is not a casec identifier: written as `{new}`"),
                    );
                }
                self.new_ids.insert(id, new);
            }
        }
        // The case's own id shares the elements' namespace.
        let case_id = self.module_ids[0].clone();
        if self.taken.contains(&case_id) {
            let renamed = unique(format!("{case_id}_case"), &mut self.taken);
            self.module_ids[0] = renamed;
        } else {
            self.taken.insert(case_id);
        }
    }

    fn module_named(&self, name: &str) -> Option<usize> {
        (0..self.files.len())
            .find(|&f| self.files[f].header.name.as_deref() == Some(name))
            .or_else(|| {
                (0..self.files.len()).find(|&f| {
                    self.files[f].header.name.is_none()
                        && (stem(&self.files[f].path) == name || self.files[f].path == name)
                })
            })
    }

    fn reaches(&self, from: usize, to: usize) -> bool {
        let mut stack = vec![from];
        let mut seen = BTreeSet::new();
        while let Some(m) = stack.pop() {
            if m == to {
                return true;
            }
            if seen.insert(m) {
                stack.extend(self.imports[m].iter().copied());
            }
        }
        false
    }

    /// Add the import `from` → `to` unless it is there already; `false`
    /// when it cannot be (the case, or a cycle).
    fn import(&mut self, from: usize, to: usize) -> bool {
        if from == to || self.imports[from].contains(&to) {
            return true;
        }
        if to == 0 || self.reaches(to, from) {
            return false;
        }
        self.imports[from].push(to);
        true
    }

    fn run(mut self) -> Result<Conversion, Error> {
        self.plan_imports();
        let mut generated = Vec::new();
        for f in 0..self.files.len() {
            let text = self.write_file(f);
            let text = canonical(&self.out_names[f], text);
            generated.push(Generated {
                source: self.files[f].path.clone(),
                name: self.out_names[f].clone(),
                module: (f != 0).then(|| self.module_ids[f].clone()),
                text,
            });
        }
        let mut notes = self.notes;
        // In file order, then line order; stable, so a line's notes keep theirs.
        let order: HashMap<String, usize> = self
            .files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.path.clone(), i))
            .collect();
        notes.sort_by_key(|n| (order.get(&n.source).copied(), n.line));
        Ok(Conversion {
            files: generated,
            notes,
        })
    }

    /// The imports of every module, in a fixed order: `uses`, then
    /// `extends`, then the references of its elements. An import that
    /// would point at the case or close a cycle is not made; what needed it
    /// is reported where it is written.
    fn plan_imports(&mut self) {
        for f in 1..self.files.len() {
            let uses = self.files[f].header.uses.clone();
            for (path, line) in uses {
                match (0..self.files.len()).find(|&g| resolve("", &self.files[g].path) == path) {
                    None => self.note(
                        f,
                        None,
                        line,
                        NoteKind::NotCarried,
                        format!("uses `{path}`, which is not among the files converted"),
                    ),
                    Some(0) => self.note(
                        f,
                        None,
                        line,
                        NoteKind::NotCarried,
                        format!(
                            "uses `{path}`, the first file, which becomes the case: a module cannot import the case"
                        ),
                    ),
                    Some(g) => {
                        if !self.import(f, g) {
                            self.note(
                                f,
                                None,
                                line,
                                NoteKind::NotCarried,
                                format!("uses `{path}`: importing it would make the imports circular"),
                            );
                        }
                    }
                }
            }
        }
        for f in 0..self.files.len() {
            let extends = std::mem::take(&mut self.files[f].header.extends);
            for extension in &extends {
                self.plan_extension(f, extension);
            }
            self.files[f].header.extends = extends;
        }
        for f in 1..self.files.len() {
            let mut targets = Vec::new();
            for element in &self.files[f].elements {
                for (id, _) in element.supported_by.iter().chain(&element.in_context_of) {
                    if let Some(at) = self.by_id.get(id) {
                        targets.push(at.file);
                    }
                }
            }
            for g in targets {
                if g != 0 {
                    self.import(f, g);
                }
            }
        }
        // The case imports every module, so that the project is all of them.
        for g in 1..self.files.len() {
            self.import(0, g);
        }
    }

    fn plan_extension(&mut self, f: usize, extension: &Extension) {
        let Some(other) = self.module_named(&extension.module) else {
            self.note(
                f,
                None,
                extension.line,
                NoteKind::NotCarried,
                format!(
                    "extends module `{}`, which is not among the files converted",
                    extension.module
                ),
            );
            return;
        };
        for (goal, elements, line) in &extension.develops {
            let goal_ok = match self.by_id.get(goal) {
                Some(at) if at.file == other => {
                    let target = &self.files[other].elements[at.element];
                    if target.kind != Some(Kind::Goal) {
                        Err(format!("`{goal}` is not a goal"))
                    } else if !target.undeveloped {
                        Err(format!(
                            "`{goal}` is not marked undeveloped in `{}`",
                            extension.module
                        ))
                    } else {
                        Ok(())
                    }
                }
                _ => Err(format!(
                    "`{goal}` is not an element of module `{}`",
                    extension.module
                )),
            };
            let mut developing = Vec::new();
            for id in elements {
                match self.by_id.get(id) {
                    Some(at)
                        if at.file == f
                            && self.files[f].elements[at.element]
                                .kind
                                .is_some_and(|k| Kind::Goal.supports(k)) =>
                    {
                        developing.push(id.clone())
                    }
                    _ => self.note(
                        f,
                        None,
                        *line,
                        NoteKind::NotCarried,
                        format!(
                            "develops `{goal}` with `{id}`, which is not a goal, strategy or solution of this module"
                        ),
                    ),
                }
            }
            if let Err(why) = goal_ok {
                self.note(
                    f,
                    None,
                    *line,
                    NoteKind::NotCarried,
                    format!("develops `{goal}` of module `{}`: {why}", extension.module),
                );
                continue;
            }
            if other == 0 {
                let entry = self.developed_main.entry(goal.clone()).or_default();
                entry.extend(developing.into_iter().map(|id| (f, id)));
            } else if self.import(f, other) {
                for id in developing {
                    self.develops
                        .entry(id)
                        .or_default()
                        .push((other, goal.clone()));
                }
            } else {
                self.note(
                    f,
                    None,
                    *line,
                    NoteKind::NotCarried,
                    format!(
                        "develops `{goal}` of module `{}`: importing it would make the imports circular",
                        extension.module
                    ),
                );
            }
        }
    }

    /// How file `f` writes a reference to `id`, or why it cannot.
    fn reference(&self, f: usize, id: &str) -> Result<(String, Kind), String> {
        let Some(at) = self.by_id.get(id) else {
            return Err(format!("`{id}` names no element of the files converted"));
        };
        let target = &self.files[at.file].elements[at.element];
        let Some(kind) = target.kind else {
            return Err(format!("`{id}` is of no known kind, and not carried over"));
        };
        if kind.keyword().is_none() {
            return Err(format!("`{id}` is a {}, not carried over", kind.gsn_name()));
        }
        let local = self.new_ids[id].clone();
        if at.file == f {
            return Ok((local, kind));
        }
        let module = &self.module_ids[at.file];
        if at.file == 0 {
            return Err(format!(
                "`{id}` is in `{}`, the first file, which becomes the case: a module cannot refer to the case",
                self.files[0].path
            ));
        }
        if self.reaches(f, at.file) {
            Ok((format!("{module}::{local}"), kind))
        } else {
            Err(format!(
                "`{id}` is in module `{module}`, and importing it would make the imports circular"
            ))
        }
    }

    fn write_file(&mut self, f: usize) -> String {
        let mut out = String::new();
        let path = self.files[f].path.clone();
        let file_name = path.rsplit(['/', '\\']).next().unwrap_or(&path);
        let _ = writeln!(
            out,
            "// Imported from gsn2x by `casec import gsn2x`: {}",
            one_line(file_name)
        );
        for (line, message) in self.files[f].notes.clone() {
            let _ = writeln!(out, "// gsn2x: not carried over (line {line}): {message}");
            self.note(f, None, line, NoteKind::NotCarried, message);
        }
        let header = std::mem::take(&mut self.files[f].header);
        let file_comments = self.header_comments(f, &header);
        out.push('\n');
        for line in &file_comments {
            let _ = writeln!(out, "// {line}");
        }
        let brief = header.brief.clone();
        let name = header.name.clone().unwrap_or_else(|| stem(&path));
        let text = brief.clone().unwrap_or_else(|| name.clone());
        let mut top = None;
        if f == 0 {
            top = self.top_goal();
            let id = &self.module_ids[0];
            let _ = write!(out, "case {id} {}", quote(&text));
            match &top {
                Some(goal) => {
                    let _ = writeln!(out, " {{ top: {} }}", self.new_ids[goal]);
                }
                None => out.push('\n'),
            }
        } else {
            let id = &self.module_ids[f];
            let _ = writeln!(out, "module {id} {}", quote(&text));
        }
        self.files[f].header = header;
        if !self.imports[f].is_empty() {
            out.push('\n');
        }
        for &g in &self.imports[f].clone() {
            let _ = writeln!(
                out,
                "import {} {}",
                self.module_ids[g],
                quote(&self.out_names[g])
            );
        }
        let outcome = if f == 0 {
            Some(self.write_placeholders(&mut out, top.as_deref()))
        } else {
            None
        };
        for e in 0..self.files[f].elements.len() {
            out.push('\n');
            let addresses = match (&top, &outcome) {
                (Some(goal), Some(outcome)) if *goal == self.files[f].elements[e].id => {
                    Some(outcome.clone())
                }
                _ => None,
            };
            self.write_element(&mut out, f, e, addresses);
        }
        out
    }

    fn header_comments(&mut self, f: usize, header: &Header) -> Vec<String> {
        let mut lines = Vec::new();
        for leftover in &header.leftovers {
            lines.push(format!(
                "gsn2x: not carried over from `module`: {}: {} ({})",
                leftover.key, leftover.value, leftover.why
            ));
            self.note(
                f,
                None,
                leftover.line,
                NoteKind::NotCarried,
                format!(
                    "module {}: {} ({})",
                    leftover.key, leftover.value, leftover.why
                ),
            );
        }
        if f == 0 && !header.uses.is_empty() {
            lines.push(format!(
                "gsn2x: uses {}: the case imports every module below",
                header
                    .uses_written
                    .iter()
                    .map(|p| one_line(p))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        lines
    }

    /// The main file's goal that nothing supports (gsn2x's root), if there
    /// is exactly one.
    fn top_goal(&mut self) -> Option<String> {
        let mut referenced = BTreeSet::new();
        for file in &self.files {
            for element in &file.elements {
                for (id, _) in &element.supported_by {
                    referenced.insert(id.clone());
                }
            }
        }
        let roots: Vec<&Element> = self.files[0]
            .elements
            .iter()
            .filter(|e| e.kind == Some(Kind::Goal) && !referenced.contains(&e.id))
            .collect();
        match roots.as_slice() {
            [one] => Some(one.id.clone()),
            _ => {
                let names: Vec<String> = roots.iter().map(|e| format!("`{}`", e.id)).collect();
                let message = if names.is_empty() {
                    "no goal of the first file is a root (supported by nothing): the case names no `top:`".to_string()
                } else {
                    format!(
                        "the first file has {} root goals ({}): the case names no `top:`, and casec will ask for one ({})",
                        names.len(),
                        names.join(", "),
                        Code::TopClaim.as_str()
                    )
                };
                self.note(0, None, 1, NoteKind::Placeholder, message);
                None
            }
        }
    }

    /// The decision and outcome casec requires and gsn2x does not have.
    /// Returns the outcome's id.
    fn write_placeholders(&mut self, out: &mut String, top: Option<&str>) -> String {
        let decision = unique("deployment".into(), &mut self.taken);
        let outcome = unique("unacceptable_outcome".into(), &mut self.taken);
        let _ = write!(
            out,
            "\n// PLACEHOLDER: gsn2x has no deployment decision; casec requires one with a window\n\
             // ({}, {}). Write the setting, the access and the real window here: this\n\
             // window has ended, so every check warns until it is replaced ({}).\n",
            Code::DeploymentDecision.as_str(),
            Code::DeploymentWindow.as_str(),
            Code::WindowEnded.as_str(),
        );
        let _ = writeln!(
            out,
            "decision {decision} \"PLACEHOLDER: the deployment decision this case supports (not in the gsn2x files)\" {{\n  window: 2000-01-01 to 2000-01-01\n}}"
        );
        let _ = write!(
            out,
            "\n// PLACEHOLDER: gsn2x has no unacceptable outcomes; casec requires at least one,\n\
             // addressed by a claim ({}, {}). Name the outcomes the top claim rules out.\n",
            Code::NoOutcomes.as_str(),
            Code::OutcomeNotAddressed.as_str(),
        );
        let _ = writeln!(
            out,
            "outcome {outcome} \"PLACEHOLDER: the unacceptable outcome this case rules out (not in the gsn2x files)\""
        );
        self.note(
            0,
            None,
            1,
            NoteKind::Placeholder,
            format!("decision `{decision}`: gsn2x has no deployment decision; its window (2000-01-01 to 2000-01-01) is a placeholder"),
        );
        let addressed = match top {
            Some(goal) => format!(", addressed by the top claim `{}`", self.new_ids[goal]),
            None => format!(
                ", addressed by no claim ({}) as there is no single top goal",
                Code::OutcomeNotAddressed.as_str()
            ),
        };
        self.note(
            0,
            None,
            1,
            NoteKind::Placeholder,
            format!("outcome `{outcome}`: gsn2x has no unacceptable outcomes{addressed}"),
        );
        outcome
    }

    fn write_element(&mut self, out: &mut String, f: usize, e: usize, addresses: Option<String>) {
        let element = &self.files[f].elements[e];
        let id = element.id.clone();
        let line = element.line;
        let mut comments: Vec<String> = Vec::new();
        let mut notes: Vec<(usize, NoteKind, String)> = Vec::new();
        let Some(keyword) = element.kind.and_then(Kind::keyword) else {
            self.write_dropped(out, f, e);
            return;
        };
        let kind = element.kind.unwrap_or(Kind::Goal);
        let new_id = self.new_ids[&id].clone();
        if new_id != id {
            comments.push(format!(
                "gsn2x: renamed: its gsn2x id is {} (not a casec identifier)",
                one_line(&id)
            ));
        }
        let mut properties: Vec<String> = Vec::new();
        if let Some(outcome) = addresses {
            properties.push(format!(
                "addresses: {outcome} // PLACEHOLDER: see the outcome above"
            ));
            notes.push((
                line,
                NoteKind::Placeholder,
                format!("addresses the placeholder outcome `{outcome}`"),
            ));
        }
        let element = &self.files[f].elements[e];
        let mut context = Vec::new();
        let mut listed = BTreeSet::new();
        for (target, at_line) in element.in_context_of.clone() {
            if !listed.insert(target.clone()) {
                let why = format!("inContextOf `{target}` a second time (gsn2x V05): listed once");
                comments.push(format!("gsn2x: not carried over: {why}"));
                notes.push((at_line, NoteKind::NotCarried, why));
                continue;
            }
            let why = match self.reference(f, &target) {
                Ok((written, target_kind)) if kind.takes_context() && target_kind.is_context() => {
                    context.push(written);
                    continue;
                }
                Ok(_) if !kind.takes_context() => format!(
                    "inContextOf `{target}`: a casec {keyword} is read in no context"
                ),
                Ok((_, target_kind)) => format!(
                    "inContextOf `{target}`, a {}: casec reads claims and arguments in contexts, assumptions and justifications",
                    target_kind.gsn_name()
                ),
                Err(why) => format!("inContextOf {why}"),
            };
            comments.push(format!("gsn2x: not carried over: {why}"));
            notes.push((at_line, NoteKind::NotCarried, why));
        }
        let mut support = Vec::new();
        let element = &self.files[f].elements[e];
        let mut listed = BTreeSet::new();
        for (target, at_line) in element.supported_by.clone() {
            if !listed.insert(target.clone()) {
                let why = format!("supportedBy `{target}` a second time (gsn2x V05): listed once");
                comments.push(format!("gsn2x: not carried over: {why}"));
                notes.push((at_line, NoteKind::NotCarried, why));
                continue;
            }
            let why = match self.reference(f, &target) {
                Ok((written, target_kind)) if kind.supports(target_kind) => {
                    support.push(written);
                    continue;
                }
                Ok((_, target_kind)) => match kind {
                    Kind::Strategy if target_kind == Kind::Strategy => format!(
                        "supportedBy `{target}`, a strategy: a casec argument rests on claims and evidence"
                    ),
                    _ if !matches!(kind, Kind::Goal | Kind::Strategy | Kind::Assumption | Kind::Justification) => format!(
                        "supportedBy `{target}`: a casec {keyword} rests on nothing"
                    ),
                    _ => format!(
                        "supportedBy `{target}`, a {}: not something a {keyword} can rest on",
                        target_kind.gsn_name()
                    ),
                },
                Err(why) => format!("supportedBy {why}"),
            };
            comments.push(format!("gsn2x: not carried over: {why}"));
            notes.push((at_line, NoteKind::NotCarried, why));
        }
        let developed_by = if f == 0 {
            self.developed_main.get(&id).cloned().unwrap_or_default()
        } else {
            Vec::new()
        };
        for (module, developing) in &developed_by {
            support.push(format!(
                "{}::{}",
                self.module_ids[*module], self.new_ids[developing]
            ));
        }
        if !developed_by.is_empty() {
            comments.push(format!(
                "gsn2x: developed by module {} (extends/develops)",
                developed_by
                    .iter()
                    .map(|(m, _)| format!("`{}`", self.module_ids[*m]))
                    .collect::<BTreeSet<_>>()
                    .into_iter()
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        if !context.is_empty() {
            properties.push(format!("in context of: {}", context.join(", ")));
        }
        if !support.is_empty() {
            properties.push(format!("supported by: {}", support.join(", ")));
        }
        if let Some(goals) = self.develops.get(&id) {
            let goals: Vec<String> = goals
                .iter()
                .map(|(m, g)| format!("{}::{}", self.module_ids[*m], self.new_ids[g]))
                .collect();
            properties.push(format!("develops: {}", goals.join(", ")));
        }
        let element = &self.files[f].elements[e];
        let undeveloped = element.undeveloped;
        if kind.can_be_undeveloped() {
            if undeveloped && developed_by.is_empty() && !support.is_empty() {
                let why = "undeveloped: true beside supportedBy: the support is kept".to_string();
                comments.push(format!("gsn2x: not carried over: {why}"));
                notes.push((line, NoteKind::NotCarried, why));
            } else if undeveloped && developed_by.is_empty() {
                properties.push("undeveloped".into());
            } else if !undeveloped && support.is_empty() {
                properties.push(format!(
                    "undeveloped // PLACEHOLDER: casec requires unsupported claims and arguments to say so ({})",
                    Code::UnsupportedElement.as_str()
                ));
                notes.push((
                    line,
                    NoteKind::Placeholder,
                    format!(
                        "marked undeveloped: it has no support, and casec requires that to be said ({})",
                        Code::UnsupportedElement.as_str()
                    ),
                ));
            }
        } else if undeveloped {
            let why = format!("undeveloped: true (a casec {keyword} is never undeveloped)");
            comments.push(format!("gsn2x: not carried over: {why}"));
            notes.push((line, NoteKind::NotCarried, why));
        }
        let element = &self.files[f].elements[e];
        if let Some((url, url_line)) = element.url.clone() {
            if kind == Kind::Solution && artifact_like(&url) {
                properties.push(format!("artifact: {}", quote_line(&url)));
            } else {
                let why = if kind == Kind::Solution {
                    format!(
                        "url: {} (not a URL or a relative path casec can check as an artifact)",
                        one_line(&url)
                    )
                } else {
                    format!(
                        "url: {} (a navigation link: casec has no link property on a {keyword})",
                        one_line(&url)
                    )
                };
                comments.push(format!("gsn2x: not carried over: {why}"));
                notes.push((url_line, NoteKind::NotCarried, why));
            }
        }
        let element = &self.files[f].elements[e];
        for leftover in &element.leftovers {
            let why = format!("{}: {} ({})", leftover.key, leftover.value, leftover.why);
            comments.push(format!("gsn2x: not carried over: {why}"));
            notes.push((leftover.line, NoteKind::NotCarried, why));
        }
        let mut extra_item = None;
        if kind == Kind::Assumption && support.is_empty() {
            let placeholder = unique(format!("{new_id}_justified"), &mut self.taken);
            properties.push(format!("supported by: {placeholder}"));
            notes.push((
                line,
                NoteKind::Placeholder,
                format!(
                    "supported by `{placeholder}`, an undeveloped claim: casec requires an assumption to be justified ({})",
                    Code::UnjustifiedAssumption.as_str()
                ),
            ));
            extra_item = Some(format!(
                "// PLACEHOLDER: casec requires every assumption to be justified ({}); gsn2x does not.\n\
                 claim {placeholder} \"PLACEHOLDER: why the assumption `{new_id}` holds (not in the gsn2x files)\" {{ undeveloped }}\n",
                Code::UnjustifiedAssumption.as_str()
            ));
        }
        let text = self.files[f].elements[e].text.clone();
        for comment in &comments {
            let _ = writeln!(out, "// {comment}");
        }
        let _ = write!(out, "{keyword} {new_id} {}", quote(&text));
        if properties.is_empty() {
            out.push('\n');
        } else {
            out.push_str(" {\n");
            for property in &properties {
                let _ = writeln!(out, "  {property}");
            }
            out.push_str("}\n");
        }
        if let Some(extra) = extra_item {
            out.push('\n');
            out.push_str(&extra);
        }
        for (at_line, kind, message) in notes {
            self.note(f, Some(&id), at_line, kind, message);
        }
    }

    /// An element casec has no kind for, written whole as comments.
    fn write_dropped(&mut self, out: &mut String, f: usize, e: usize) {
        let element = &self.files[f].elements[e];
        let (id, line) = (element.id.clone(), element.line);
        let why = match element.kind {
            Some(kind) => format!(
                "a {} (the dialectic extension): casec's defeaters are doubts that support answers, not counter-arguments that support the doubt",
                kind.gsn_name()
            ),
            None => "neither its id's prefix (G, S, Sn, C, A, J) nor a nodeType says what it is".to_string(),
        };
        let _ = writeln!(
            out,
            "// gsn2x: not carried over: element {}, {why}:",
            one_line(&id)
        );
        if !element.text.is_empty() {
            let _ = writeln!(out, "//   text: {}", one_line(&element.text));
        }
        for (key, list) in [
            ("supportedBy", &element.supported_by),
            ("inContextOf", &element.in_context_of),
        ] {
            if !list.is_empty() {
                let ids: Vec<String> = list.iter().map(|(i, _)| one_line(i)).collect();
                let _ = writeln!(out, "//   {key}: [{}]", ids.join(", "));
            }
        }
        if element.undeveloped {
            out.push_str("//   undeveloped: true\n");
        }
        if let Some((url, _)) = &element.url {
            let _ = writeln!(out, "//   url: {}", one_line(url));
        }
        for leftover in &element.leftovers {
            let _ = writeln!(out, "//   {}: {}", leftover.key, leftover.value);
        }
        let message = format!("the whole element: {why}");
        self.note(f, Some(&id), line, NoteKind::NotCarried, message);
    }
}

/// Whether a solution's `url` can be its evidence's `artifact`: a URL, or
/// a relative path that stays below the case's folder (casec refuses
/// others as outside the project root).
fn artifact_like(url: &str) -> bool {
    if url.contains("://") {
        return true;
    }
    !url.is_empty()
        && !url.starts_with(['/', '\\'])
        && !url.contains(':')
        && !url.split(['/', '\\']).any(|p| p == "..")
}

/// The file's name without folder and without `.yaml`/`.yml` and `.gsn`.
fn stem(path: &str) -> String {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let name = name
        .strip_suffix(".yaml")
        .or_else(|| name.strip_suffix(".yml"))
        .unwrap_or(name);
    let name = name.strip_suffix(".gsn").unwrap_or(name);
    if name.is_empty() {
        "module".into()
    } else {
        name.to_string()
    }
}

/// A casec identifier for a gsn2x name: other characters become `_`, and
/// one that does not start with a letter or `_` gets a `_` in front.
fn identifier(name: &str) -> String {
    let mut id: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if !id.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_') {
        id.insert(0, '_');
    }
    id
}

fn unique(base: String, taken: &mut BTreeSet<String>) -> String {
    let mut candidate = base.clone();
    let mut n = 2;
    while taken.contains(&candidate) {
        candidate = format!("{base}_{n}");
        n += 1;
    }
    taken.insert(candidate.clone());
    candidate
}

/// A plain file name (letters, digits, `_`, `-`, `.`; never hidden, never
/// a folder) ending in `.case`.
fn file_name(stem: &str) -> String {
    let mut name: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect();
    if name.starts_with('.') || name.is_empty() {
        name.insert(0, '_');
    }
    name
}

fn unique_file(stem: &str, taken: &mut BTreeSet<String>) -> String {
    let mut candidate = format!("{stem}.case");
    let mut n = 2;
    while taken.contains(&candidate.to_ascii_lowercase()) {
        candidate = format!("{stem}-{n}.case");
        n += 1;
    }
    taken.insert(candidate.to_ascii_lowercase());
    candidate
}

/// A text as a casec string that reads back as exactly the text (a final
/// line break, which YAML's `|` adds, is dropped): a `"""` block string
/// when it has several lines and reads back the same, else a `"…"` string
/// with escapes.
pub fn quote(text: &str) -> String {
    let text = text.trim_end_matches('\n');
    if text.contains('\n') && !text.contains("\"\"\"") && !text.contains('\r') {
        let mut block = String::from("\"\"\"\n");
        for line in text.split('\n') {
            if !line.is_empty() {
                block.push_str("  ");
                block.push_str(line);
            }
            block.push('\n');
        }
        block.push_str("  \"\"\"");
        if reads_as(&block, text) {
            return block;
        }
    }
    quote_line(text)
}

/// Whether the parser reads `string` as `text`.
fn reads_as(string: &str, text: &str) -> bool {
    let (ast, diagnostics) =
        crate::syntax::parse(crate::source::FileId(1), &format!("context x {string}\n"));
    diagnostics.is_empty()
        && ast.items.len() == 1
        && ast.items[0]
            .text
            .as_ref()
            .is_some_and(|t| &*t.value == text)
}

/// A text as a `"…"` string, every character kept by an escape where it
/// needs one (a line break would be read as a space).
pub fn quote_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            // casec has no escape for a carriage return; YAML reads line
            // breaks as `\n`, so one is only there when escaped in YAML.
            '\r' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The text in casec's canonical layout, when the formatter can read it
/// (it verifies that it changed nothing but layout).
fn canonical(name: &str, text: String) -> String {
    match crate::format::format_source(name, &text) {
        Ok(formatted) => formatted,
        Err(_) => text,
    }
}

#[cfg(test)]
mod tests;
