//! Lowering: syntax trees → typed IR, resolving every reference.
//!
//! Two passes: the first declares every item (so references may point
//! forwards), the second checks each property against the table in
//! [`super::properties`] and resolves its references.

use super::properties::{self, join_or, Converted, PropertySpec, Shape};
use super::*;
use crate::diagnostic::{Applicability, Code, Diagnostic, Edit, Fix};
use crate::suggest::{nearest, Index};
use crate::syntax::kinds::with_article;
use crate::syntax::{Ast, Item, Key, Property, Value, ValueKind};
use std::collections::HashSet;

/// Suggestions are looked for on at most this many unresolved names per case,
/// so that a case whose every reference is broken still checks in linear time.
const MAX_SUGGESTIONS: usize = 200;

/// One parsed file (or a file's template expansion) to lower, and the
/// module it belongs to.
#[derive(Clone, Copy)]
pub struct Unit<'a> {
    pub origin: Origin,
    pub ast: &'a Ast,
    pub module: Option<ModuleId>,
}

impl<'a> Unit<'a> {
    /// A file of a case without modules (or the prelude).
    pub fn new(origin: Origin, ast: &'a Ast) -> Unit<'a> {
        Unit {
            origin,
            ast,
            module: None,
        }
    }
}

/// A project's modules and which of them each file sees: its own module,
/// and those it imports, directly or through other imports.
#[derive(Clone, Debug, Default)]
pub struct Modules {
    pub modules: Vec<Module>,
    /// Row `m` (and the last row, for the case file): a bit per module.
    seen: Vec<Vec<u64>>,
    by_name: HashMap<CompactString, ModuleId>,
    /// What the case file imports itself.
    case_imports: Vec<ModuleId>,
}

impl Modules {
    /// The modules and their direct imports (import cycles already broken):
    /// what each sees is computed here, once.
    pub fn new(modules: Vec<Module>, case_imports: &[ModuleId]) -> Modules {
        let words = modules.len().div_ceil(64);
        let count = modules.len();
        let mut seen = vec![vec![0u64; words]; count + 1];
        // Depth-first, post-order: a module's row is complete before any
        // importer's row takes it in. Iterative, for chains of any length.
        let mut done = vec![false; count];
        for start in 0..count {
            if done[start] {
                continue;
            }
            let mut stack = vec![(start, 0usize)];
            let mut on_stack = vec![false; count];
            on_stack[start] = true;
            while let Some(&mut (m, ref mut next)) = stack.last_mut() {
                if let Some(&import) = modules[m].imports.get(*next) {
                    *next += 1;
                    if !done[import.index()] && !on_stack[import.index()] {
                        on_stack[import.index()] = true;
                        stack.push((import.index(), 0));
                    }
                    continue;
                }
                stack.pop();
                on_stack[m] = false;
                done[m] = true;
                seen[m][m / 64] |= 1 << (m % 64);
                for import in modules[m].imports.clone() {
                    let row = seen[import.index()].clone();
                    for (word, bits) in seen[m].iter_mut().zip(row) {
                        *word |= bits;
                    }
                }
            }
        }
        for import in case_imports {
            let row = seen[import.index()].clone();
            for (word, bits) in seen[count].iter_mut().zip(row) {
                *word |= bits;
            }
        }
        let by_name = modules
            .iter()
            .enumerate()
            .map(|(i, m)| (m.name.clone(), ModuleId(i as u32)))
            .collect();
        Modules {
            modules,
            seen,
            by_name,
            case_imports: case_imports.to_vec(),
        }
    }

    /// Whether a file of module `from` (`None`: the case file) sees `module`.
    pub fn sees(&self, from: Option<ModuleId>, module: ModuleId) -> bool {
        let row = from.map_or(self.modules.len(), ModuleId::index);
        let m = module.index();
        self.seen
            .get(row)
            .and_then(|row| row.get(m / 64))
            .is_some_and(|word| word & (1 << (m % 64)) != 0)
    }

    pub fn by_name(&self, name: &str) -> Option<ModuleId> {
        self.by_name.get(name).copied()
    }
}

/// `NAME::ID`: how an element of a module is named outside it.
pub(crate) fn qualified(modules: &[Module], module: Option<ModuleId>, id: &str) -> CompactString {
    match module.and_then(|m| modules.get(m.index())) {
        Some(module) => {
            let mut name = CompactString::new(&module.name);
            name.push_str("::");
            name.push_str(id);
            name
        }
        None => id.into(),
    }
}

/// Lower the prelude and the files of a case into one [`Case`].
pub fn lower(units: &[Unit], modules: Modules) -> (Case, Vec<Diagnostic>) {
    let mut lowering = Lowering::default();
    // Sized up front: a doubling vector of large elements can hold twice
    // the memory the case needs.
    let item_count = units.iter().map(|unit| unit.ast.items.len()).sum();
    lowering.case.elements.reserve_exact(item_count);
    lowering.case.names.reserve(item_count);
    lowering.case.modules = modules.modules.clone();
    lowering.case.imports = modules.case_imports.clone();
    lowering.modules = modules;
    let mut items = Vec::with_capacity(item_count);
    for unit in units {
        for (kind, id) in &unit.ast.broken {
            let id = lowering.qualify(unit.module, id);
            if let Some(kind) = kind.element() {
                lowering.case.unparsed.push((kind, id.to_string()));
                lowering.unparsed.insert(id.to_string());
            } else if *kind == crate::syntax::ItemKind::Instance {
                lowering.case.unexpanded.insert(format!("{id}."));
            }
        }
    }
    for unit in units {
        for item in &unit.ast.items {
            if let Some(id) = lowering.declare(item, unit.origin, unit.module) {
                items.push((id, item));
            }
        }
    }
    for (id, item) in items {
        let element = lowering.case.get(id);
        lowering.scope = element.module;
        lowering.in_prelude = element.origin == Origin::Prelude;
        lowering.properties(id, item);
    }
    lowering.developments();
    (lowering.case, lowering.diagnostics)
}

/// What a name names from a scope.
enum Lookup<'n> {
    Found(ElementId),
    Missing,
    /// Declared in several modules the scope sees.
    Ambiguous(Vec<ElementId>),
    /// Qualified with a module the scope does not see (or none has).
    NotVisible(&'n str),
}

#[derive(Default)]
struct Lowering {
    case: Case,
    diagnostics: Vec<Diagnostic>,
    modules: Modules,
    /// The module of the item whose references are being resolved.
    scope: Option<ModuleId>,
    /// Whether that item is the prelude's.
    in_prelude: bool,
    /// The elements and definitions of modules by their id in the module
    /// (without `NAME::`), for names a file takes from the modules it
    /// imports.
    imported: [HashMap<CompactString, Vec<ElementId>>; 2],
    /// Prelude definitions the case file replaces, which modules still see.
    replaced: HashMap<CompactString, ElementId>,
    suggestions_tried: usize,
    /// The ids of items that did not parse, for a lookup per reference.
    unparsed: HashSet<String>,
    /// The element and definition names, indexed for suggestions when the
    /// first unknown one is met (the tables are complete by then).
    suggest: Option<[Index<ElementId>; 2]>,
    /// The end of the item whose properties are being converted: where a
    /// declaration stub for a name it refers to would go.
    item_end: Option<Span>,
}

impl Lowering {
    fn qualify(&self, module: Option<ModuleId>, id: &str) -> CompactString {
        qualified(&self.modules.modules, module, id)
    }

    fn declare(
        &mut self,
        item: &Item,
        origin: Origin,
        module: Option<ModuleId>,
    ) -> Option<ElementId> {
        use crate::syntax::ItemKind;
        // An instance declares the items it expands to (`ir::template`).
        if item.kind == ItemKind::Instance {
            return None;
        }
        let Some(kind) = item.kind.element() else {
            // A file's `module` and `import` items are read by `project`;
            // one that a template writes would be read by nothing.
            if item.span.file.frame_index().is_some() {
                self.diagnostics.push(
                    Diagnostic::new(
                        Code::ReservedItem,
                        item.kind_span,
                        format!(
                            "`{}` cannot be written in a template",
                            item.kind.keyword()
                        ),
                    )
                    .label("in a template's body")
                    .help(format!(
                        "write the `{}` at the top level of the file that instantiates the template",
                        item.kind.keyword()
                    )),
                );
            }
            return None;
        };
        if let Some((_, local)) = item.id.name.split_once("::") {
            let named = self.qualify(module, local);
            self.diagnostics.push(
                Diagnostic::new(
                    Code::QualifiedDeclaration,
                    item.id.span,
                    format!("`{}` is declared with a module's name", item.id.name),
                )
                .label("an id of this file is written without `NAME::`")
                .help(format!(
                    "declare it as `{local}` (other files name it `{named}`); to support a claim of another module, write `develops: MODULE::CLAIM` on an element of this file"
                )),
            );
            return None;
        }
        if let (Some(module), ElementKind::Case | ElementKind::Decision) = (module, kind) {
            let name = &self.modules.modules[module.index()].name;
            self.diagnostics.push(
                Diagnostic::new(
                    Code::ModuleHeader,
                    item.kind_span,
                    format!("module `{name}` cannot hold {}", kind.with_article()),
                )
                .label(format!("{} in a module", kind.as_str()))
                .help(format!(
                    "the case header and the deployment decision belong in the case file, which imports the modules; move this {} there",
                    kind.as_str()
                )),
            );
            return None;
        }
        let full = self.qualify(module, &item.id.name);
        let text = item.text.as_ref().map(|t| Spanned {
            value: t.value.clone(),
            span: t.span,
        });
        if text.is_none() {
            self.diagnostics.push(
                Diagnostic::new(
                    Code::MissingText,
                    item.id.span,
                    format!("{} `{}` has no text", kind.as_str(), item.id.name),
                )
                .label("a text in quotes should follow the id")
                .help(format!(
                    "say what it states, e.g. `{} {} \"…\"`",
                    kind.as_str(),
                    item.id.name
                )),
            );
        }
        let table = if kind.is_definition() {
            &self.case.definitions
        } else {
            &self.case.names
        };
        if let Some(first) = table.get(full.as_str()) {
            let first = &self.case.elements[first.index()];
            // A case's own definition replaces the prelude's of the same
            // kind. One of another kind is left out and reported here: taken
            // in, it would turn the prelude's references to the name (a
            // category's `requires: elicitation`) into findings located in
            // the prelude, a file the user cannot see or change.
            if first.origin == Origin::Prelude && origin == Origin::Case && first.kind != kind {
                self.diagnostics.push(
                    Diagnostic::new(
                        Code::DuplicateId,
                        item.id.span,
                        format!(
                            "`{}` is {} of the prelude, and cannot be redefined as {}",
                            item.id.name,
                            first.kind.with_article(),
                            kind.with_article()
                        ),
                    )
                    .label(format!("declared here as {}", kind.with_article()))
                    .secondary(
                        first.id_span,
                        format!(
                            "the prelude's {}, which other definitions use",
                            first.kind.as_str()
                        ),
                    )
                    .help(format!(
                        "rename this {}; a definition replaces the prelude's only as {}",
                        kind.as_str(),
                        first.kind.with_article()
                    )),
                );
                return None;
            }
            if first.origin == Origin::Prelude && origin == Origin::Case {
                self.replaced.insert(full.clone(), table[full.as_str()]);
            }
            if first.origin == origin {
                self.diagnostics.push(
                    Diagnostic::new(
                        Code::DuplicateId,
                        item.id.span,
                        format!("the id `{}` is declared twice", item.id.name),
                    )
                    .label(format!("second declaration, of {}", kind.with_article()))
                    .secondary(
                        first.id_span,
                        format!("first declared here, as {}", first.kind.with_article()),
                    )
                    .help("every element needs its own id: rename one of them"),
                );
                // Left out, so that it is not also taken for a second top
                // claim or an outcome nothing addresses.
                return None;
            }
        }
        let id = ElementId(self.case.elements.len() as u32);
        if module.is_some() {
            let namespace = usize::from(kind.is_definition());
            let local = item.id.name.clone();
            self.imported[namespace].entry(local).or_default().push(id);
        }
        self.case.elements.push(Element {
            kind,
            id: full.clone(),
            id_span: item.id.span,
            span: item.span,
            text,
            supported_by: Vec::new(),
            in_context_of: Vec::new(),
            shows: Vec::new(),
            accepts: Vec::new(),
            given: Vec::new(),
            attrs: Attrs::empty(kind),
            origin,
            module,
            develops: None,
        });
        let table = if kind.is_definition() {
            &mut self.case.definitions
        } else {
            &mut self.case.names
        };
        table.insert(full, id);
        Some(id)
    }

    fn properties(&mut self, id: ElementId, item: &Item) {
        self.item_end = Some(Span {
            start: item.span.end,
            ..item.span
        });
        let Some(body) = &item.body else { return };
        let kind = self.case.get(id).kind;
        let mended = self.mend(kind, &body.properties);
        let properties: &[Property] = mended.as_deref().unwrap_or(&body.properties);
        let mut seen: Vec<(&str, Span)> = Vec::new();
        for property in properties {
            let key = property.key.as_str();
            if let Some((_, first)) = seen.iter().find(|(k, _)| *k == key) {
                self.diagnostics.push(
                    Diagnostic::new(
                        Code::RepeatedProperty,
                        property.key_span,
                        format!(
                            "`{key}` is given twice on {} `{}`",
                            kind.as_str(),
                            item.id.name
                        ),
                    )
                    .label("given again here")
                    .secondary(*first, "first given here")
                    .help("give it once; a list takes several values separated by commas"),
                );
                continue;
            }
            seen.push((key, property.key_span));
            match properties::lookup(kind, key) {
                Some(spec) => match self.convert(kind, spec.shape, property) {
                    Some(value) => self.assign(id, spec, value),
                    None => self.case.rejected.push((id, spec.key)),
                },
                None => self.unknown_property(id, property),
            }
        }
    }

    /// Whether `key` names a role, which an argument takes as a property.
    fn is_role(&self, kind: ElementKind, key: &str) -> bool {
        kind == ElementKind::Argument
            && self
                .definition(key)
                .is_some_and(|d| self.case.get(d).kind == ElementKind::Role)
    }

    /// `shows: a b` (commas missing) and `kind ai` (a colon missing) parse
    /// as a property followed by flags that the item does not take, on the
    /// same line. Reported once, at the cause, and read as meant, so that
    /// the mistake costs one finding; `None` when there is nothing to mend.
    fn mend(&mut self, kind: ElementKind, properties: &[Property]) -> Option<Vec<Property>> {
        let stray: Vec<bool> = properties
            .iter()
            .map(|p| {
                p.same_line
                    && !p.has_colon
                    && matches!(p.key, Key::Named(_))
                    && properties::lookup(kind, p.key.as_str()).is_none()
                    && !self.is_role(kind, p.key.as_str())
            })
            .collect();
        if !stray.iter().any(|s| *s) {
            return None;
        }
        let mut mended = Vec::with_capacity(properties.len());
        let mut i = 0;
        while i < properties.len() {
            let property = &properties[i];
            let run_end = i + 1 + stray[i + 1..].iter().take_while(|s| **s).count();
            let key = property.key.as_str();
            let takes_values = properties::lookup(kind, key)
                .map_or(self.is_role(kind, key), |spec| spec.shape != Shape::Flag);
            let missing_commas = property.has_colon && !property.values.is_empty();
            let missing_colon = !property.has_colon && takes_values;
            if run_end == i + 1 || !(missing_commas || missing_colon) {
                mended.push(property.clone());
                i += 1;
                continue;
            }
            if let Some(range) = self.glued_range(property, &properties[i + 1..run_end]) {
                mended.push(range);
                i = run_end;
                continue;
            }
            let added = properties[i + 1..run_end].iter().map(|flag| Value {
                kind: ValueKind::Name(flag.key.as_str().into()),
                span: flag.key_span,
            });
            let values: Vec<Value> = property.values.iter().cloned().chain(added).collect();
            let written = values.iter().map(written).collect::<Vec<_>>().join(", ");
            let first_added = property.values.len();
            // A comma after each value that a value follows on the line, as
            // the help line writes them; the colon too when it is missing.
            let commas = values
                .windows(2)
                .skip(first_added.saturating_sub(1))
                .map(|pair| Edit {
                    span: Span {
                        start: pair[0].span.end,
                        ..pair[0].span
                    },
                    replacement: ",".into(),
                });
            let mut edits: Vec<Edit> = Vec::new();
            if missing_colon {
                edits.push(Edit {
                    span: Span {
                        start: property.key_span.end,
                        ..property.key_span
                    },
                    replacement: ":".into(),
                });
            }
            edits.extend(commas);
            let fix = Fix::new(
                Applicability::Safe,
                if missing_colon {
                    format!("write `{key}: {written}`")
                } else {
                    "add the missing commas".to_string()
                },
                edits,
            );
            let diagnostic = if missing_colon {
                let mut d = Diagnostic::new(
                    Code::SyntaxError,
                    property.key_span,
                    format!("expected `:` after `{key}`"),
                )
                .label("add `:` after this key")
                .secondary(values[0].span, "read as a property of its own");
                if values.len() > 1 {
                    d = d.note("the words after it need commas between them too");
                }
                d.help(format!(
                    "a property is written `key: value`: `{key}: {written}`"
                ))
            } else {
                let mut d = Diagnostic::new(
                    Code::SyntaxError,
                    values[first_added].span,
                    if values.len() - first_added > 1 {
                        format!("expected `,` between the values of `{key}` (commas missing)")
                    } else {
                        format!("expected `,` between the values of `{key}`")
                    },
                )
                .label("`,` missing before this");
                for value in &values[first_added + 1..] {
                    d = d.secondary(value.span, "and before this");
                }
                d.help(format!(
                    "separate the values with commas: `{key}: {written}`"
                ))
            };
            self.diagnostics.push(diagnostic.fix(fix));
            let mut property = property.clone();
            property.has_colon = true;
            property.span.end = values.last().map_or(property.span.end, |v| v.span.end);
            property.values = values.into_boxed_slice();
            mended.push(property);
            i = run_end;
        }
        Some(mended)
    }

    /// `2026-01-01 to2026-06-30`: a range whose `to` is written together
    /// with the second date (read as a word of its own). Reported at the
    /// word, with the space as a safe fix, and read as the range meant.
    fn glued_range(&mut self, property: &Property, stray: &[Property]) -> Option<Property> {
        let ([first], [word]) = (&property.values[..], stray) else {
            return None;
        };
        let ValueKind::Date(from) = first.kind else {
            return None;
        };
        let text = word.key.as_str();
        let to = text
            .strip_prefix("to")
            .and_then(crate::syntax::parse_date)?;
        let key = property.key.as_str();
        self.diagnostics.push(
            Diagnostic::new(
                Code::SyntaxError,
                word.key_span,
                format!("`to` is written together with the date after it, in `{key}`"),
            )
            .label("read as one word")
            .help(format!(
                "a date range is written with spaces: `{key}: {from} to {to}`"
            ))
            .fix(Fix::new(
                Applicability::Safe,
                "add the space after `to`",
                vec![Edit {
                    span: Span {
                        start: word.key_span.start + 2,
                        end: word.key_span.start + 2,
                        ..word.key_span
                    },
                    replacement: " ".into(),
                }],
            )),
        );
        let mut range = property.clone();
        range.values = vec![Value {
            kind: ValueKind::Range(from, to),
            span: first.span.to(word.key_span),
        }]
        .into_boxed_slice();
        range.span.end = word.key_span.end;
        Some(range)
    }

    fn unknown_property(&mut self, id: ElementId, property: &Property) {
        let element = self.case.get(id);
        let (kind, name) = (element.kind, element.id.clone());
        let key = property.key.as_str();
        if property.key == Key::SupportedBy {
            self.diagnostics.push(
                Diagnostic::new(
                    Code::SupportedLeaf,
                    property.key_span,
                    format!("{} `{name}` cannot be supported by anything", kind.as_str()),
                )
                .label(format!("{} is a leaf of the argument", kind.with_article()))
                .help(match kind {
                    ElementKind::Evidence => {
                        "evidence is where an argument bottoms out; put what supports it in a claim that the evidence supports"
                    }
                    _ => "only claims, arguments, assumptions and justifications are supported; link this element with `in context of` instead",
                }),
            );
            return;
        }
        if kind == ElementKind::Argument {
            if let Some(role) = self.definition(key) {
                if self.case.get(role).kind == ElementKind::Role {
                    self.role_binding(id, role, property);
                    return;
                }
            }
        }
        let mut known: Vec<&str> = properties::keys_for(kind).map(|s| s.key).collect();
        let roles: Vec<&str> = if kind == ElementKind::Argument {
            self.case
                .definitions
                .iter()
                .filter(|(_, d)| self.case.get(**d).kind == ElementKind::Role)
                .map(|(n, _)| n.as_str())
                .collect()
        } else {
            Vec::new()
        };
        known.extend(roles.iter().copied());
        known.sort_unstable();
        known.dedup();
        let mut diagnostic = Diagnostic::new(
            Code::UnknownProperty,
            property.key_span,
            format!("{} `{name}` has no property `{key}`", kind.as_str()),
        )
        .label("unknown property");
        diagnostic = match nearest(key, known.iter().copied()) {
            Some(near) => diagnostic
                .help(format!("did you mean `{}`?", near.name))
                .fix(Fix::did_you_mean(property.key_span, near.name, near.unique)),
            None if known.is_empty() => diagnostic.help(format!(
                "{} takes no properties: remove it, or say it in the text",
                kind.with_article()
            )),
            None => diagnostic.help(format!(
                "{} takes: {}",
                kind.with_article(),
                known
                    .iter()
                    .map(|k| format!("`{k}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        };
        self.diagnostics.push(diagnostic);
    }

    fn role_binding(&mut self, id: ElementId, role: ElementId, property: &Property) {
        let shape = Shape::Refs {
            kinds: &[ElementKind::Component],
            many: false,
        };
        let Some(Converted::Refs(mut components)) =
            self.convert(ElementKind::Argument, shape, property)
        else {
            return;
        };
        let Some(component) = components.pop() else {
            return;
        };
        let binding = RoleBinding {
            role: Ref {
                name: self.case.get(role).id.clone(),
                span: property.key_span,
                target: Some(role),
            },
            component,
        };
        if let Attrs::Argument(argument) = &mut self.case.elements[id.index()].attrs {
            argument.roles.push(binding);
        }
    }

    fn value_error(&mut self, span: Span, key: &str, spec_shape: Shape, found: &str) {
        self.diagnostics.push(
            Diagnostic::new(
                Code::InvalidValue,
                span,
                format!("`{key}` expects {}, found {found}", spec_shape.describe()),
            )
            .label("unexpected value")
            .help(example_for(key, spec_shape)),
        );
    }

    /// One `"RULE: reason"` of `accept:`, or a located error.
    fn acceptance(&mut self, key: &str, value: &Value) -> Option<Acceptance> {
        let ValueKind::Text(text) = &value.kind else {
            self.value_error(value.span, key, Shape::Acceptances, value.describe());
            return None;
        };
        let (rule, reason) = text.value.split_once(':').unwrap_or((&text.value, ""));
        let (rule, reason) = (rule.trim(), reason.trim());
        let Some(code) = Code::find(rule) else {
            let mut diagnostic = Diagnostic::new(
                Code::InvalidValue,
                value.span,
                format!("`{key}` names no rule casec knows: `{rule}`"),
            )
            .label("not a rule's code or name");
            if let Some(near) = Code::nearest(rule) {
                diagnostic =
                    diagnostic.help(format!("did you mean `{near}`? `casec rules` lists them"));
            } else {
                diagnostic = diagnostic.help(format!(
                    "start the string with a warning's code or name, such as `\"{}: …\"`; `casec rules` lists them",
                    Code::DoesNotScale.as_str()
                ));
            }
            self.diagnostics.push(diagnostic);
            return None;
        };
        if reason.is_empty() {
            self.diagnostics.push(
                Diagnostic::new(
                    Code::InvalidValue,
                    value.span,
                    format!("`{key}` accepts `{}` without saying why", code.as_str()),
                )
                .label("no reason given")
                .help(format!(
                    "say why the finding does not apply here, for the reviewer: `\"{}: …\"`",
                    code.as_str()
                )),
            );
            return None;
        }
        Some(Acceptance {
            code,
            reason: reason.to_string(),
            span: value.span,
        })
    }

    /// Check a property's values against its shape and convert them.
    fn convert(
        &mut self,
        kind: ElementKind,
        shape: Shape,
        property: &Property,
    ) -> Option<Converted> {
        let key = property.key.as_str();
        let values = &property.values;
        // A literal that did not decode has been reported where it was read.
        if values.iter().any(|v| v.kind == ValueKind::Invalid) {
            return None;
        }
        if shape == Shape::Flag {
            if property.has_colon {
                let span = values.first().map_or(property.span, |v| v.span);
                self.value_error(span, key, shape, "a value");
                return None;
            }
            return Some(Converted::Flag(property.key_span));
        }
        if !property.has_colon || values.is_empty() {
            self.value_error(property.key_span, key, shape, "nothing");
            return None;
        }
        let many = matches!(shape, Shape::Refs { many: true, .. } | Shape::Acceptances);
        if values.len() > 1 && !many {
            self.value_error(
                values[1].span,
                key,
                shape,
                &format!("{} values", values.len()),
            );
            return None;
        }
        let value = &values[0];
        match (shape, &value.kind) {
            (Shape::Refs { kinds, .. }, _) => {
                let mut refs: Vec<Ref> = Vec::with_capacity(values.len());
                let mut listed: HashMap<&str, Span> = HashMap::new();
                for value in values {
                    let ValueKind::Name(name) = &value.kind else {
                        self.value_error(value.span, key, shape, value.describe());
                        continue;
                    };
                    if values.len() > 1 {
                        if let Some(first) = listed.insert(name, value.span) {
                            listed.insert(name, first);
                            self.diagnostics.push(
                                Diagnostic::new(
                                    Code::RepeatedReference,
                                    value.span,
                                    format!("`{key}` lists `{name}` twice"),
                                )
                                .label("listed again here")
                                .secondary(first, "first listed here")
                                .help("list each element once; the repeat is left out"),
                            );
                            continue;
                        }
                    }
                    refs.push(self.resolve(kind, key, kinds, name, value.span));
                }
                Some(Converted::Refs(refs))
            }
            (Shape::Acceptances, _) => {
                let accepted = values
                    .iter()
                    .filter_map(|value| self.acceptance(key, value))
                    .collect();
                Some(Converted::Acceptances(accepted))
            }
            (Shape::Text, ValueKind::Text(text)) => Some(Converted::Text(Spanned {
                value: text.value.to_string(),
                span: value.span,
            })),
            (Shape::Sha256, ValueKind::Text(text)) => {
                let digest = text.value.to_ascii_lowercase();
                if digest.len() == 64 && digest.bytes().all(|b| b.is_ascii_hexdigit()) {
                    Some(Converted::Text(Spanned {
                        value: digest,
                        span: value.span,
                    }))
                } else {
                    self.value_error(value.span, key, shape, "a string that is not one");
                    None
                }
            }
            (
                Shape::Probability,
                ValueKind::Number {
                    value: n, percent, ..
                },
            ) => self.probability(*n, *percent, value, key),
            (Shape::Number, ValueKind::Number { value: n, .. }) => {
                Some(Converted::Number(Spanned {
                    value: *n,
                    span: value.span,
                }))
            }
            (
                Shape::Measure,
                ValueKind::Number {
                    value: n,
                    percent,
                    written,
                },
            ) => Some(Converted::Measure(Spanned {
                value: Measure {
                    value: if *percent { *n / 100.0 } else { *n },
                    percent: *percent,
                    written: written.to_string(),
                },
                span: value.span,
            })),
            (
                Shape::Count,
                ValueKind::Number {
                    value: n,
                    percent: false,
                    ..
                },
            ) if *n >= 1.0 && n.fract() == 0.0 => Some(Converted::Number(Spanned {
                value: *n,
                span: value.span,
            })),
            (
                Shape::Days,
                ValueKind::Number {
                    value: n,
                    percent: false,
                    ..
                },
            ) if *n >= 0.0 && n.fract() == 0.0 => Some(Converted::Number(Spanned {
                value: *n,
                span: value.span,
            })),
            (Shape::Date, ValueKind::Date(date)) => Some(Converted::Date(Spanned {
                value: *date,
                span: value.span,
            })),
            (Shape::Window, ValueKind::Range(start, end)) => {
                if end < start {
                    self.diagnostics.push(
                        Diagnostic::new(
                            Code::InvalidValue,
                            value.span,
                            format!("the window ends ({end}) before it starts ({start})"),
                        )
                        .label("empty window")
                        .help("write the earlier date first: `window: START to END`"),
                    );
                    return None;
                }
                Some(Converted::Window(Spanned {
                    value: Window {
                        start: *start,
                        end: *end,
                    },
                    span: value.span,
                }))
            }
            (Shape::Choice(words), ValueKind::Name(name)) => {
                match words.iter().find(|w| **w == name.as_str()) {
                    Some(word) => Some(Converted::Choice(Spanned {
                        value: word,
                        span: value.span,
                    })),
                    None => {
                        let mut diagnostic = Diagnostic::new(
                            Code::InvalidValue,
                            value.span,
                            format!("`{key}` expects {}, found `{name}`", shape.describe()),
                        )
                        .label("not one of the allowed words");
                        if let Some(near) = nearest(name, words.iter().copied()) {
                            diagnostic = diagnostic
                                .help(format!("did you mean `{}`?", near.name))
                                .fix(Fix::did_you_mean(value.span, near.name, near.unique));
                        }
                        self.diagnostics.push(diagnostic);
                        None
                    }
                }
            }
            (shape, _) => {
                self.value_error(value.span, key, shape, value.describe());
                None
            }
        }
    }

    fn probability(
        &mut self,
        n: f64,
        percent: bool,
        value: &Value,
        key: &str,
    ) -> Option<Converted> {
        let p = if percent { n / 100.0 } else { n };
        if (0.0..=1.0).contains(&p) {
            let written = match &value.kind {
                ValueKind::Number { written, .. } => written.to_string(),
                _ => String::new(),
            };
            return Some(Converted::Probability(Spanned {
                value: Probability { value: p, written },
                span: value.span,
            }));
        }
        self.diagnostics.push(
            Diagnostic::new(
                Code::InvalidProbability,
                value.span,
                format!("`{key}` must be a probability between 0 and 1, found {}", if percent { format!("{n}%") } else { format!("{n}") }),
            )
            .label(if p < 0.0 { "negative" } else { "greater than 1" })
            .help("write it as a fraction (`0.001`), in scientific notation (`1e-3`) or as a percentage (`0.1%`)"),
        );
        None
    }

    /// Resolve `name`, used by `key` on an element of `kind`, to an element of
    /// one of `kinds`.
    fn resolve(
        &mut self,
        kind: ElementKind,
        key: &str,
        kinds: &[ElementKind],
        name: &str,
        span: Span,
    ) -> Ref {
        let definitions_wanted = kinds.iter().all(|k| k.is_definition());
        // Only for messages: most references resolve, so build it lazily.
        let wanted = || join_or(&kinds.iter().map(|k| k.as_str()).collect::<Vec<_>>());
        let Ok(found) = self.find(name, definitions_wanted, span) else {
            return Ref {
                name: name.into(),
                span,
                target: None,
            };
        };
        let scoped = self.qualify_unqualified(name);
        let name = name.to_string();
        let name = name.as_str();
        match found {
            // Named by its id in the project (`MODULE::ID`), whichever way
            // it was written, so that every later stage compares ids.
            Some(target) if kinds.contains(&self.case.get(target).kind) => Ref {
                name: self.case.get(target).id.clone(),
                span,
                target: Some(target),
            },
            // The item the author meant did not parse: its syntax error is
            // the finding, not a prelude definition of the same name.
            Some(_) if self.unparsed.contains(scoped.as_str()) => Ref {
                name: name.into(),
                span,
                target: None,
            },
            Some(target) => {
                let element = self.case.get(target);
                let mut diagnostic = Diagnostic::new(
                    Code::WrongKindReference,
                    span,
                    format!(
                        "`{key}` on {} expects {}, but `{name}` is {}",
                        kind.with_article(),
                        with_article(&wanted()),
                        element.kind.with_article()
                    ),
                )
                .label(format!("{} here", element.kind.with_article()));
                if element.origin == Origin::Case {
                    diagnostic = diagnostic.secondary(
                        element.id_span,
                        format!(
                            "`{name}` is declared here as {}",
                            element.kind.with_article()
                        ),
                    );
                }
                let diagnostic = diagnostic.help(format!(
                    "refer to {} here, or use a property that takes {}",
                    with_article(&wanted()),
                    element.kind.with_article()
                ));
                self.diagnostics.push(diagnostic);
                Ref {
                    name: name.into(),
                    span,
                    target: None,
                }
            }
            None if self.unparsed.contains(scoped.as_str())
                || scoped
                    .match_indices('.')
                    .any(|(dot, _)| self.case.unexpanded.contains(&scoped[..=dot])) =>
            {
                Ref {
                    name: name.into(),
                    span,
                    target: None,
                }
            }
            None => {
                let mut diagnostic = Diagnostic::new(
                    Code::UnresolvedReference,
                    span,
                    format!("no {} is called `{name}`", wanted()),
                )
                .label("not declared anywhere");
                let suggestion = if self.suggestions_tried < MAX_SUGGESTIONS {
                    self.suggestions_tried += 1;
                    let case = &self.case;
                    let [names, definitions] = self.suggest.get_or_insert_with(|| {
                        let index = |table: &HashMap<CompactString, ElementId>| {
                            Index::new(table.iter().map(|(n, id)| (n.as_str(), *id)))
                        };
                        [index(&case.names), index(&case.definitions)]
                    });
                    let index = if definitions_wanted {
                        definitions
                    } else {
                        names
                    };
                    // Near the name as this scope's own, so that a module's
                    // own elements are found and suggested as it writes them.
                    let own = match self.scope {
                        Some(m) => format!("{}::", self.modules.modules[m.index()].name),
                        None => String::new(),
                    };
                    index
                        .nearest(&scoped, |id| kinds.contains(&case.get(id).kind))
                        .map(|(n, id)| {
                            let near = n.name.strip_prefix(own.as_str()).unwrap_or(n.name);
                            (near.to_string(), n.unique, id)
                        })
                } else {
                    None
                };
                diagnostic = match suggestion {
                    Some((near, unique, near_id)) => {
                        let near_element = self.case.get(near_id);
                        let mut d = diagnostic
                            .help(format!("did you mean `{near}`?"))
                            .fix(Fix::did_you_mean(span, &near, unique));
                        if near_element.origin == Origin::Case {
                            d = d.secondary(
                                near_element.id_span,
                                format!("`{near}` is declared here"),
                            );
                        }
                        d
                    }
                    None => {
                        let d = diagnostic.help(format!(
                            "declare it (`{} {name} \"…\"`) or fix the spelling",
                            kinds[0].as_str()
                        ));
                        match (self.item_end, kinds.first()) {
                            (Some(end), Some(&stub)) if !name.contains('.') => {
                                d.fix(declaration_stub(end, stub, name))
                            }
                            _ => d,
                        }
                    }
                };
                self.diagnostics.push(diagnostic);
                Ref {
                    name: name.into(),
                    span,
                    target: None,
                }
            }
        }
    }

    /// `name` as the current scope names its own elements: unchanged if
    /// qualified or in the case file, else `MODULE::name`.
    fn qualify_unqualified(&self, name: &str) -> CompactString {
        if name.contains("::") {
            name.into()
        } else {
            self.qualify(self.scope, name)
        }
    }

    /// What `name` names from the current scope, in the namespace wanted
    /// (else the other, for a wrong-kind finding); `Err` when the name
    /// cannot be looked up and that was reported (an ambiguous name, a
    /// module not imported).
    fn find(
        &mut self,
        name: &str,
        definitions_wanted: bool,
        span: Span,
    ) -> Result<Option<ElementId>, ()> {
        match self.lookup(name, definitions_wanted) {
            Lookup::Found(id) => Ok(Some(id)),
            Lookup::Missing => Ok(None),
            Lookup::Ambiguous(candidates) => {
                self.ambiguous(name, &candidates, span);
                Err(())
            }
            Lookup::NotVisible(module) => {
                self.module_not_visible(module, span);
                Err(())
            }
        }
    }

    /// Qualified, `name` is the element of that module; unqualified, the
    /// scope's own element, else the one element of that id among the
    /// modules the scope sees, else the prelude's (which a lab's shared
    /// module may thus replace).
    fn lookup<'n>(&self, name: &'n str, definitions_wanted: bool) -> Lookup<'n> {
        let namespaces = if definitions_wanted { [1, 0] } else { [0, 1] };
        let table = |namespace: usize| {
            if namespace == 1 {
                &self.case.definitions
            } else {
                &self.case.names
            }
        };
        if self.in_prelude {
            // The prelude's references name the prelude's definitions, or
            // the case's that replace them.
            let found = namespaces.iter().find_map(|&n| table(n).get(name));
            return found.copied().map_or(Lookup::Missing, Lookup::Found);
        }
        if let Some((module, _)) = name.split_once("::") {
            return match self.modules.by_name(module) {
                Some(m) if self.scope == Some(m) || self.modules.sees(self.scope, m) => {
                    let found = namespaces.iter().find_map(|&n| table(n).get(name));
                    found.copied().map_or(Lookup::Missing, Lookup::Found)
                }
                _ => Lookup::NotVisible(module),
            };
        }
        let own = self.qualify(self.scope, name);
        for namespace in namespaces {
            let table = table(namespace);
            if let Some(&id) = table.get(own.as_str()) {
                if self.case.get(id).origin == Origin::Case {
                    return Lookup::Found(id);
                }
            }
            let seen: Vec<ElementId> = self.imported[namespace]
                .get(name)
                .into_iter()
                .flatten()
                .copied()
                .filter(|id| {
                    let module = self.case.get(*id).module;
                    module.is_some_and(|m| self.modules.sees(self.scope, m))
                })
                .collect();
            match seen[..] {
                [] => {}
                [one] => return Lookup::Found(one),
                _ => return Lookup::Ambiguous(seen),
            }
            let prelude = table
                .get(name)
                .and_then(|&id| match self.case.get(id).origin {
                    Origin::Case => self.replaced.get(name).copied(),
                    Origin::Prelude => Some(id),
                });
            if let Some(id) = prelude {
                return Lookup::Found(id);
            }
        }
        Lookup::Missing
    }

    /// The definition `key` names from the current scope, if it names one.
    fn definition(&self, key: &str) -> Option<ElementId> {
        match self.lookup(key, true) {
            Lookup::Found(id) if self.case.get(id).kind.is_definition() => Some(id),
            _ => None,
        }
    }

    fn module_not_visible(&mut self, module: &str, span: Span) {
        let here = match self.scope {
            Some(m) => format!("module `{}`", self.modules.modules[m.index()].name),
            None => "the case file".to_string(),
        };
        let span = Span {
            end: span.start + module.len() as u32,
            ..span
        };
        match self.modules.by_name(module) {
            Some(m) => {
                let declared = self.modules.modules[m.index()].name_span;
                self.diagnostics.push(
                    Diagnostic::new(
                        Code::UnknownModule,
                        span,
                        format!("module `{module}` is not imported by {here}"),
                    )
                    .label("not imported here")
                    .secondary(declared, format!("module `{module}` is declared here"))
                    .help(format!(
                        "add `import {module} \"PATH\"` to this file, with the path of that module's file relative to it"
                    )),
                );
            }
            None => {
                let names = self.modules.modules.iter().map(|m| m.name.as_str());
                let mut d = Diagnostic::new(
                    Code::UnknownModule,
                    span,
                    format!("no module is called `{module}`"),
                )
                .label("no such module in the project");
                d = match nearest(module, names) {
                    Some(near) => d
                        .help(format!("did you mean `{}`?", near.name))
                        .fix(Fix::did_you_mean(span, near.name, near.unique)),
                    None => d.help(format!(
                        "import the module that declares it (`import {module} \"PATH\"`), or fix the name before `::`"
                    )),
                };
                self.diagnostics.push(d);
            }
        }
    }

    fn ambiguous(&mut self, name: &str, candidates: &[ElementId], span: Span) {
        let mut d = Diagnostic::new(
            Code::AmbiguousReference,
            span,
            format!(
                "`{name}` is declared in {} modules this file imports",
                candidates.len()
            ),
        )
        .label("which one?");
        for id in candidates.iter().take(5) {
            let element = self.case.get(*id);
            d = d.secondary(
                element.id_span,
                format!("`{}`, {}", element.id, element.kind.with_article()),
            );
        }
        let names: Vec<String> = candidates
            .iter()
            .map(|id| format!("`{}`", self.case.get(*id).id))
            .collect();
        self.diagnostics.push(d.help(format!(
            "write the module's name before it: {}",
            join_or(&names.iter().map(String::as_str).collect::<Vec<_>>())
        )));
    }

    /// `develops:` links, once the whole project is declared: an element
    /// that develops a claim of another module joins that claim's support
    /// (a link written at the element's own id), and the claim is then
    /// developed; a claim it may not develop is reported at the link.
    fn developments(&mut self) {
        let written_support: Vec<bool> = self
            .case
            .elements
            .iter()
            .map(|e| !e.supported_by.is_empty())
            .collect();
        // The module that develops each claim, and where it first says so.
        let mut developer: HashMap<ElementId, (Option<ModuleId>, Span)> = HashMap::new();
        for index in 0..self.case.elements.len() {
            let element = &self.case.elements[index];
            let Some(link) = &element.develops else {
                continue;
            };
            let Some(claim) = link.target else { continue };
            let (span, by) = (link.span, element.module);
            let target = self.case.get(claim);
            let owner = target.module;
            let open = target
                .claim()
                .is_some_and(|c| c.public.is_some() || c.undeveloped.is_some());
            let owner_name = |m: Option<ModuleId>| match m {
                Some(m) => format!("module `{}`", self.modules.modules[m.index()].name),
                None => "the case file".to_string(),
            };
            let problem = if owner == by {
                Some((
                    format!("`{}` is a claim of this file's own module", target.id),
                    "support it here with `supported by:` on the claim".to_string(),
                ))
            } else if written_support[claim.index()] {
                Some((
                    format!("`{}` is already supported in {}", target.id, owner_name(owner)),
                    "only a claim its owner leaves open (`public`, with no support of its own) can be developed elsewhere: support what the claim rests on, or ask its owner to open it".to_string(),
                ))
            } else if !open {
                Some((
                    format!("`{}` is not open to development by another module", target.id),
                    format!(
                        "its owner marks it `public` (or `undeveloped`) in {} to let another module develop it",
                        owner_name(owner)
                    ),
                ))
            } else {
                None
            };
            // Reported, and linked all the same: the support the author
            // meant is checked as written, so one mistake is one finding.
            let first_developer = developer.get(&claim).copied();
            if let Some((message, help)) = problem {
                let d = Diagnostic::new(Code::InvalidDevelopment, span, message)
                    .label("cannot be developed here")
                    .secondary(target.id_span, format!("`{}` is declared here", target.id))
                    .help(help);
                self.diagnostics.push(d);
            } else if let Some((first_by, first)) = first_developer {
                if first_by != by {
                    let d = Diagnostic::new(
                        Code::DevelopedTwice,
                        span,
                        format!(
                            "`{}` is developed by {} and by {}",
                            target.id,
                            owner_name(first_by),
                            owner_name(by)
                        ),
                    )
                    .label("a second module develops it")
                    .secondary(first, "first developed here")
                    .help("develop the claim in one module; the other may support that module's claims instead");
                    self.diagnostics.push(d);
                }
            }
            developer.entry(claim).or_insert((by, span));
            let support = Ref {
                name: element.id.clone(),
                span: element.id_span,
                target: Some(ElementId(index as u32)),
            };
            let target = &mut self.case.elements[claim.index()];
            target.supported_by.push(support);
            if let Attrs::Claim(attrs) = &mut target.attrs {
                attrs.undeveloped = None;
            }
        }
    }

    fn assign(&mut self, id: ElementId, spec: &PropertySpec, value: Converted) {
        let assigned = (spec.assign)(&mut self.case.elements[id.index()], value);
        // `convert` makes a value of the spec's shape, which is what it stores.
        debug_assert!(assigned, "`{}` was not assigned", spec.key);
    }
}

/// A value as it would be written, for a hint.
fn written(value: &Value) -> String {
    match &value.kind {
        ValueKind::Name(name) => name.to_string(),
        ValueKind::Text(_) => "\"…\"".to_string(),
        ValueKind::Number { written, .. } => written.to_string(),
        ValueKind::Date(date) => date.to_string(),
        ValueKind::Range(from, to) => format!("{from} to {to}"),
        ValueKind::Invalid => "…".to_string(),
    }
}

fn example_for(key: &str, shape: Shape) -> String {
    let example = match shape {
        Shape::Refs { many: true, .. } => "id1, id2",
        Shape::Refs { many: false, .. } => "id",
        Shape::Text => "\"…\"",
        Shape::Probability => "1e-4",
        Shape::Number => "2",
        Shape::Measure => "80%",
        Shape::Count => "5",
        Shape::Days => "365",
        Shape::Date => "2026-03-31",
        Shape::Window => "2026-01-01 to 2026-06-30",
        Shape::Flag => return format!("write `{key}` alone, with no `:` and no value"),
        Shape::Choice(words) => words[0],
        Shape::Sha256 => "\"<64 hexadecimal digits>\"",
        Shape::Acceptances => {
            return format!(
                "write it as `{key}: \"{}: why the warning does not apply here\"`",
                Code::DoesNotScale.as_str()
            )
        }
    };
    format!("write it as `{key}: {example}`")
}

/// A suggested declaration for a name nothing declares, after the item that
/// refers to it: the author writes what it states (and, for a claim or
/// argument, its support).
fn declaration_stub(at: Span, kind: ElementKind, name: &str) -> Fix {
    let body = if matches!(kind, ElementKind::Claim | ElementKind::Argument) {
        " { undeveloped }"
    } else {
        ""
    };
    Fix::new(
        Applicability::Suggested,
        format!("declare {} `{name}`", kind.as_str()),
        vec![Edit {
            span: at,
            replacement: format!(
                "\n\n{} {name} \"TODO: state what `{name}` is\"{body}",
                kind.as_str()
            ),
        }],
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    #[test]
    fn a_malformed_literal_is_reported_once_not_as_missing_or_mistyped() {
        let fixture = include_str!("../../tests/fixtures/diagnostics/valid.case");
        for (from, to) in [
            ("2026-01-01 to 2026-06-30", "2026-12-01 to 2027-02-30"),
            (
                "2026-01-01 to 2026-06-30",
                "2026-01-01 to 2026-06-30\n  owner: 2026-13-01",
            ),
            ("threshold: 1e-3", "threshold: 1e999"),
            (
                "  artifact: \"evals/cyber.json\"\n",
                "  artifact: \"evals/cyber.json\"\n  date: 2026-02-30\n",
            ),
        ] {
            assert!(fixture.contains(from), "{from}");
            let text = fixture.replacen(from, to, 1);
            let options = crate::Options {
                today: crate::syntax::parse_date("2026-06-01"),
                ..Default::default()
            };
            let compilation = crate::compile("t.case", text, options);
            let codes: Vec<Code> = compilation.diagnostics.iter().map(|d| d.code).collect();
            let expected: &[Code] = if to.contains("owner") {
                // An unknown property is still one, whatever its value
                // (after the literal's error: syntax errors come first).
                &[Code::InvalidLiteral, Code::UnknownProperty]
            } else {
                &[Code::InvalidLiteral]
            };
            assert_eq!(codes, expected, "{to}");
        }
    }

    #[test]
    fn every_property_in_the_table_is_assigned() {
        for spec in properties::PROPERTIES {
            for kind in spec.on {
                let value = match spec.shape {
                    Shape::Refs { .. } => Converted::Refs(vec![Ref {
                        name: "r".into(),
                        span: Span::new(FileId(1), 0, 0),
                        target: None,
                    }]),
                    Shape::Text | Shape::Sha256 => Converted::Text(Spanned {
                        value: String::new(),
                        span: Span::new(FileId(1), 0, 0),
                    }),
                    Shape::Probability => Converted::Probability(Spanned {
                        value: Probability {
                            value: 0.5,
                            written: "0.5".into(),
                        },
                        span: Span::new(FileId(1), 0, 0),
                    }),
                    Shape::Number | Shape::Days | Shape::Count => Converted::Number(Spanned {
                        value: 1.0,
                        span: Span::new(FileId(1), 0, 0),
                    }),
                    Shape::Measure => Converted::Measure(Spanned {
                        value: Measure {
                            value: 1.0,
                            percent: false,
                            written: "1".into(),
                        },
                        span: Span::new(FileId(1), 0, 0),
                    }),
                    Shape::Date => Converted::Date(Spanned {
                        value: Default::default(),
                        span: Span::new(FileId(1), 0, 0),
                    }),
                    Shape::Window => Converted::Window(Spanned {
                        value: Window {
                            start: Default::default(),
                            end: Default::default(),
                        },
                        span: Span::new(FileId(1), 0, 0),
                    }),
                    Shape::Flag => Converted::Flag(Span::new(FileId(1), 0, 0)),
                    Shape::Acceptances => Converted::Acceptances(vec![Acceptance {
                        code: Code::Unreachable,
                        reason: "r".into(),
                        span: Span::new(FileId(1), 0, 0),
                    }]),
                    Shape::Choice(words) => Converted::Choice(Spanned {
                        value: words[0],
                        span: Span::new(FileId(1), 0, 0),
                    }),
                };
                let mut lowering = Lowering::default();
                lowering.case.elements.push(Element {
                    kind: *kind,
                    id: "x".into(),
                    id_span: Span::new(FileId(1), 0, 0),
                    span: Span::new(FileId(1), 0, 0),
                    text: None,
                    supported_by: Vec::new(),
                    in_context_of: Vec::new(),
                    shows: Vec::new(),
                    accepts: Vec::new(),
                    given: Vec::new(),
                    attrs: Attrs::empty(*kind),
                    origin: Origin::Case,
                    module: None,
                    develops: None,
                });
                let before = lowering.case.elements[0].clone();
                lowering.assign(ElementId(0), spec, value);
                assert!(
                    lowering.case.elements[0] != before,
                    "`{}` on {:?} is not assigned",
                    spec.key,
                    kind
                );
            }
        }
    }
}
