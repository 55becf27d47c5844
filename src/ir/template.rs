//! Templates: each `template` is checked once where it is declared, then
//! every `instance` is expanded into ordinary items, which the lowering and
//! every rule see like hand-written ones (docs/templates.md).
//!
//! An instance's items get the ids `INSTANCE.LOCAL`, where `LOCAL` is the
//! template's id with the placeholders filled in. Their spans are those of
//! the template's text, in a *frame* of their own (a virtual file that reads
//! as the template's file, see [`crate::source::Frame`]): so a finding on an
//! expanded item is reported at the instance, with a label at the template
//! line it came from (`compile` maps the frames back).

use super::properties::{self, Shape};
use super::ElementKind;
use crate::diagnostic::{Code, Diagnostic};
use crate::source::{FileId, Frame, Span};
use crate::suggest::closest;
use crate::syntax::kinds::{with_article, words};
use crate::syntax::{
    is_identifier, is_reference, relocate_item, Ast, Item, ItemKind, Key, Member, Param, Part,
    Property, Template, Text, Value, ValueKind,
};
use compact_str::{format_compact, CompactString};
use std::collections::{HashMap, HashSet};
use std::sync::Arc;

words! {
    /// What a template parameter takes.
    pub(crate) enum ParamKind {
        Component => "component",
        Subsystem => "subsystem",
        Outcome => "outcome",
        Claim => "claim",
        Argument => "argument",
        Evidence => "evidence",
        Context => "context",
        /// The id of any element of the case.
        Element => "element",
        /// A context with `members:`: a `for` repeats a part per member.
        Members => "members",
        /// Words separated by commas.
        List => "list",
        /// One identifier (for ids and texts).
        Word => "word",
        Text => "text",
        Number => "number",
        Date => "date",
    }
}

impl ParamKind {
    /// The element kinds an id argument may name; `None` for the kinds
    /// that take no id.
    pub(crate) fn element_kinds(self) -> Option<&'static [ElementKind]> {
        use ElementKind as K;
        const ELEMENTS: &[ElementKind] = &[
            K::Decision,
            K::Component,
            K::Subsystem,
            K::Outcome,
            K::Assumption,
            K::Context,
            K::Justification,
            K::Claim,
            K::Argument,
            K::Evidence,
        ];
        Some(match self {
            ParamKind::Component => &[K::Component],
            ParamKind::Subsystem => &[K::Subsystem],
            ParamKind::Outcome => &[K::Outcome],
            ParamKind::Claim => &[K::Claim],
            ParamKind::Argument => &[K::Argument],
            ParamKind::Evidence => &[K::Evidence],
            ParamKind::Context | ParamKind::Members => &[K::Context],
            ParamKind::Element => ELEMENTS,
            ParamKind::List
            | ParamKind::Word
            | ParamKind::Text
            | ParamKind::Number
            | ParamKind::Date => return None,
        })
    }

    /// Whether a `for` can iterate it.
    fn is_list(self) -> bool {
        matches!(self, ParamKind::List | ParamKind::Members)
    }
}

/// The keys an instance takes besides its template's parameters.
pub(crate) const INSTANCE_KEYS: &[&str] = &["template", "include", "undeveloped"];

/// Past this many nested instances, expansion stops (E1004).
const MAX_INSTANCE_DEPTH: usize = 32;
/// Expansion stops (E1004) past this many generated items per item written
/// in the file (templates multiply: one that instantiates another twice,
/// forty levels deep, would ask for 2^40)...
const EXPANSION_PER_ITEM: usize = 64;
/// ... or past this many, whichever is more.
const MIN_EXPANSION_LIMIT: usize = 200_000;

/// One expanded instance, for the outputs and the editor.
#[derive(Clone, Debug)]
pub struct Instance {
    /// The full id (`outer.inner` for an instance inside a template).
    pub id: CompactString,
    pub template: CompactString,
    /// The instance's id where it is written (in a frame, when nested).
    pub span: Span,
    /// The frame its items' spans are in: the nth instance's is the nth
    /// frame.
    pub frame: FileId,
    /// How many elements it produced, its nested instances' included.
    pub elements: usize,
}

/// What expanding a file's templates gives.
#[derive(Debug, Default)]
pub struct Expansion {
    /// The generated items, to be lowered after the file's own.
    pub ast: Ast,
    pub frames: Vec<Frame>,
    pub instances: Vec<Instance>,
    pub diagnostics: Vec<Diagnostic>,
}

/// A parameter's value in one instance.
#[derive(Clone, Debug)]
enum Arg {
    Word(CompactString),
    Words(Vec<CompactString>),
    /// A context with members: its id, and its members' ids.
    Members(CompactString, Vec<CompactString>),
    Text(Arc<str>),
    Number(Value),
    Date(Value),
}

impl Arg {
    /// How it reads inside a text.
    fn text(&self) -> String {
        match self {
            Arg::Word(word) => word.to_string(),
            Arg::Words(words) | Arg::Members(_, words) => {
                let words: Vec<&str> = words.iter().map(CompactString::as_str).collect();
                words.join(", ")
            }
            Arg::Text(text) => text.to_string(),
            Arg::Number(value) | Arg::Date(value) => match &value.kind {
                ValueKind::Number { written, .. } => written.to_string(),
                ValueKind::Date(date) => date.to_string(),
                _ => String::new(),
            },
        }
    }

    /// The words it stands for in an id or a reference: one, or one per
    /// member of a list.
    fn words(&self) -> Vec<CompactString> {
        match self {
            Arg::Words(words) => words.clone(),
            Arg::Members(context, _) => vec![context.clone()],
            other => vec![other.text().into()],
        }
    }
}

/// Expand every instance of `ast`, a case file. `library` holds the shipped
/// templates (the prelude's); the case's own template of the same name
/// replaces one. Frames are numbered from `first_frame` (the frames of the
/// project's files expanded before this one) in the order instances are
/// met, so their ids are fixed by the sources alone.
pub fn expand(ast: &Ast, library: &[Template], first_frame: usize) -> Expansion {
    let mut expander = Expander {
        first_frame,
        templates: HashMap::new(),
        broken: HashSet::new(),
        // Instances declare no element: an instance may share its id with
        // the context it is about.
        declared: ast
            .items
            .iter()
            .filter(|item| item.kind != ItemKind::Instance)
            .map(|item| (item.id.name.clone(), item))
            .collect(),
        out: Expansion::default(),
        kind_checks: Vec::new(),
        generated: 0,
        limit: MIN_EXPANSION_LIMIT.max(EXPANSION_PER_ITEM.saturating_mul(ast.items.len())),
        invalid_ids: HashSet::new(),
        loops_reported: HashSet::new(),
    };
    for template in library {
        expander
            .templates
            .insert(template.id.name.clone(), template);
    }
    let shipped: HashSet<&str> = library.iter().map(|t| t.id.name.as_str()).collect();
    for template in &ast.templates {
        if shipped.contains(template.id.name.as_str()) {
            expander
                .templates
                .insert(template.id.name.clone(), template);
        } else {
            expander.declare(template);
        }
    }
    // In source order: each declaration's findings come out in the same
    // order on every run.
    let mut declared: Vec<&Template> = expander.templates.values().copied().collect();
    declared.sort_by_key(|t| (t.id.span.file, t.id.span.start));
    for template in declared {
        if !expander.check_declaration(template) {
            expander.broken.insert(template.id.name.clone());
        }
    }
    let mut instance_ids: HashMap<&str, Span> = HashMap::new();
    for item in &ast.items {
        if item.kind == ItemKind::Instance {
            if let Some(first) = instance_ids.insert(item.id.name.as_str(), item.id.span) {
                expander.out.diagnostics.push(
                    Diagnostic::new(
                        Code::DuplicateId,
                        item.id.span,
                        format!("the instance id `{}` is used twice", item.id.name),
                    )
                    .label("second instance of that id")
                    .secondary(first, "first used here")
                    .help("give each instance an id of its own: its elements are named `ID.…`"),
                );
                continue;
            }
            let instance = Site {
                item,
                id: item.id.name.clone(),
                frame: None,
            };
            expander.instantiate(&instance, &mut Vec::new());
        }
    }
    expander.check_kinds();
    expander.out
}

/// An instance item being expanded, with its full id and the frame its
/// spans are in (`None`: the file itself).
struct Site<'a> {
    item: &'a Item,
    id: CompactString,
    frame: Option<FileId>,
}

struct Expander<'a> {
    /// The index of the first frame this expansion makes.
    first_frame: usize,
    templates: HashMap<CompactString, &'a Template>,
    /// Templates whose declaration has errors: not expanded.
    broken: HashSet<CompactString>,
    /// The file's own items, by id (a `members` argument names one).
    declared: HashMap<CompactString, &'a Item>,
    out: Expansion,
    /// Id arguments to check once every item is known: the value, the kinds
    /// it may name, the parameter.
    kind_checks: Vec<(Value, ParamKind, CompactString)>,
    generated: usize,
    /// How many items the expansion may generate.
    limit: usize,
    /// Instance items already reported as closing a loop (`None`: nesting
    /// too deep, reported once).
    loops_reported: HashSet<Option<u32>>,
    /// Ids already reported as not identifiers once filled in (E1008).
    invalid_ids: HashSet<(FileId, u32)>,
}

/// What one instance's expansion knows.
struct Scope {
    frame: FileId,
    prefix: CompactString,
    args: HashMap<CompactString, Arg>,
    chosen: HashMap<CompactString, CompactString>,
    included: HashSet<CompactString>,
    undeveloped: HashSet<CompactString>,
}

impl<'a> Expander<'a> {
    fn declare(&mut self, template: &'a Template) {
        let name = template.id.name.clone();
        if let Some(first) = self.templates.get(&name) {
            self.out.diagnostics.push(
                Diagnostic::new(
                    Code::DuplicateId,
                    template.id.span,
                    format!("the template `{name}` is declared twice"),
                )
                .label("second declaration")
                .secondary(first.id.span, "first declared here")
                .help("rename one of them; instances name their template by its id"),
            );
            return;
        }
        self.templates.insert(name, template);
    }

    /// Check a template once, before any instance; `false` if it has errors.
    fn check_declaration(&mut self, template: &Template) -> bool {
        let before = self.out.diagnostics.len();
        // In declaration order: messages list the names in scope.
        let mut scope: Vec<(&str, ParamKind)> = Vec::with_capacity(template.params.len());
        for param in &template.params {
            let Some(kind) = ParamKind::parse(&param.kind.name) else {
                let mut d = Diagnostic::new(
                    Code::TemplateDeclaration,
                    param.kind.span,
                    format!("`{}` is not a kind of parameter", param.kind.name),
                )
                .label("unknown kind")
                .note(format!("the kinds are {}", ParamKind::NAMES.join(", ")));
                if let Some(near) = closest(&param.kind.name, ParamKind::NAMES.iter().copied()) {
                    d = d.help(format!("did you mean `{near}`?"));
                }
                self.out.diagnostics.push(d);
                continue;
            };
            let name = param.name.name.as_str();
            let taken = scope.iter().any(|(p, _)| *p == name);
            if !taken {
                scope.push((name, kind));
            }
            if taken || INSTANCE_KEYS.contains(&name) {
                self.out.diagnostics.push(
                    Diagnostic::new(
                        Code::TemplateDeclaration,
                        param.name.span,
                        format!("the parameter name `{name}` is taken"),
                    )
                    .label("declared already, or a key every instance uses")
                    .help(format!(
                        "give each parameter a name of its own, other than {}",
                        INSTANCE_KEYS
                            .iter()
                            .map(|k| format!("`{k}`"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                );
            }
        }
        let mut parts = HashMap::new();
        self.check_members(&template.members, &scope, &mut parts);
        for (name, span) in parts {
            if scope.iter().any(|(p, _)| *p == name) {
                self.out.diagnostics.push(
                    Diagnostic::new(
                        Code::TemplateDeclaration,
                        span,
                        format!("the part `{name}` has the name of a parameter"),
                    )
                    .label("an instance could not tell them apart")
                    .help("rename the part or the parameter"),
                );
            }
        }
        self.out.diagnostics.len() == before
    }

    fn check_members<'m>(
        &mut self,
        members: &'m [Member],
        scope: &[(&'m str, ParamKind)],
        parts: &mut HashMap<&'m str, Span>,
    ) {
        for member in members {
            match member {
                Member::Item(item) => self.check_item(item, scope),
                Member::Param(param) => self.out.diagnostics.push(
                    Diagnostic::new(
                        Code::TemplateDeclaration,
                        param.span,
                        format!(
                            "the parameter `{}` is declared inside a part of the template",
                            param.name.name
                        ),
                    )
                    .label("inside a `for`, `optional` or `choice`")
                    .help(format!(
                        "move `param {}` up into the template's own body, beside its other parameters: every instance fills in every parameter, whichever parts it takes",
                        param.name.name
                    )),
                ),
                Member::For {
                    var, list, members, ..
                } => {
                    match scope.iter().rev().find(|(p, _)| *p == list.name) {
                        Some((_, kind)) if kind.is_list() => {}
                        found => {
                            let what = match found {
                                Some((_, kind)) => format!("a `{}` parameter", kind.as_str()),
                                None => "no parameter".to_string(),
                            };
                            self.out.diagnostics.push(
                                Diagnostic::new(
                                    Code::TemplateDeclaration,
                                    list.span,
                                    format!("`for` cannot iterate `{}`: it is {what}", list.name),
                                )
                                .label("expected a `list` or `members` parameter")
                                .help("declare it as `param NAME: list` (words) or `param NAME: members` (a context with `members:`)"),
                            );
                        }
                    }
                    let mut inner = scope.to_vec();
                    inner.push((var.name.as_str(), ParamKind::Word));
                    self.check_members(members, &inner, parts);
                }
                Member::Optional(part) => {
                    self.check_part_name(part, parts);
                    self.check_members(&part.members, scope, parts);
                }
                Member::Choice { part, options } => {
                    self.check_part_name(part, parts);
                    let mut seen = HashMap::new();
                    for option in options {
                        if let Some(first) =
                            seen.insert(option.name.name.as_str(), option.name.span)
                        {
                            self.out.diagnostics.push(
                                Diagnostic::new(
                                    Code::TemplateDeclaration,
                                    option.name.span,
                                    format!("the option `{}` is declared twice", option.name.name),
                                )
                                .label("second option of that name")
                                .secondary(first, "first declared here")
                                .help("give each option of a choice a name of its own"),
                            );
                        }
                        self.check_members(&option.members, scope, parts);
                    }
                }
            }
        }
    }

    fn check_part_name<'m>(&mut self, part: &'m Part, parts: &mut HashMap<&'m str, Span>) {
        if let Some(first) = parts.insert(part.name.name.as_str(), part.name.span) {
            self.out.diagnostics.push(
                Diagnostic::new(
                    Code::TemplateDeclaration,
                    part.name.span,
                    format!("the part `{}` is declared twice", part.name.name),
                )
                .label("second part of that name")
                .secondary(first, "first declared here")
                .help("instances name optional parts and choices: give each a name of its own"),
            );
        }
    }

    /// Every placeholder of an item names something in scope; a list
    /// parameter stands in an id only as a value (where it expands).
    fn check_item(&mut self, item: &Item, scope: &[(&str, ParamKind)]) {
        let lookup = |name: &str| scope.iter().rev().find(|(p, _)| *p == name).map(|s| s.1);
        let mut unknown: Vec<(Span, String)> = Vec::new();
        let mut list_in_id = None;
        for (name, span) in placeholders(&item.id.name, item.id.span) {
            match lookup(name) {
                None => unknown.push((span, name.to_string())),
                Some(kind) if kind.is_list() => list_in_id = Some((span, name)),
                Some(_) => {}
            }
        }
        // A value stands for the members of one list at most: two would
        // multiply (write nested `for` parts for every combination).
        let mut several_lists = None;
        if let Some(text) = &item.text {
            for (name, span) in text_placeholders(text) {
                if lookup(name).is_none() {
                    unknown.push((span, name.to_string()));
                }
            }
        }
        if let Some(body) = &item.body {
            for property in body.properties.iter() {
                for value in property.values.iter() {
                    let found = match &value.kind {
                        ValueKind::Name(name) => placeholders(name, value.span),
                        ValueKind::Text(text) => text_placeholders(text),
                        _ => Vec::new(),
                    };
                    if matches!(value.kind, ValueKind::Name(_)) {
                        let lists = found
                            .iter()
                            .filter(|(name, _)| lookup(name).is_some_and(ParamKind::is_list))
                            .count();
                        if lists > 1 {
                            several_lists = Some(value.span);
                        }
                    }
                    for (name, span) in found {
                        if lookup(name).is_none() {
                            unknown.push((span, name.to_string()));
                        }
                    }
                }
            }
        }
        for (span, name) in unknown {
            let names: Vec<&str> = scope.iter().map(|s| s.0).collect();
            let mut d = Diagnostic::new(
                Code::TemplateDeclaration,
                span,
                format!("`{{{name}}}` names no parameter of this template"),
            )
            .label("unknown placeholder");
            d = match closest(&name, names.iter().copied()) {
                Some(near) => d.help(format!("did you mean `{{{near}}}`?")),
                None if names.is_empty() => d.help(
                    "declare it: `param NAME: KIND` (write `{{` and `}}` for braces in a text)",
                ),
                None => d.help(format!(
                    "the names in scope are {} (write `{{{{` and `}}}}` for braces in a text)",
                    names.join(", ")
                )),
            };
            self.out.diagnostics.push(d);
        }
        if let Some(span) = several_lists {
            self.out.diagnostics.push(
                Diagnostic::new(
                    Code::TemplateDeclaration,
                    span,
                    "this reference combines the members of two lists",
                )
                .label("more than one `list` or `members` parameter in one word")
                .help("repeat the part with nested `for` loops, one per list, and refer to `{x}` and `{y}` inside them"),
            );
        }
        if let Some((span, name)) = list_in_id {
            self.out.diagnostics.push(
                Diagnostic::new(
                    Code::TemplateDeclaration,
                    span,
                    format!("the list `{name}` cannot be part of one item's id"),
                )
                .label("a list stands for several words")
                .help(format!(
                    "repeat the item per member: `for x in {name} {{ … {{x}} … }}`"
                )),
            );
        }
    }

    /// Expand one instance (and the instances inside it), or report why not.
    fn instantiate(&mut self, site: &Site, stack: &mut Vec<CompactString>) {
        if !self.try_instantiate(site, stack) {
            self.unexpanded(&site.id);
        }
    }

    /// Record that an instance's elements are (partly) missing, so that the
    /// lowering does not also report references to them as unknown.
    fn unexpanded(&mut self, id: &CompactString) {
        self.out
            .ast
            .broken
            .push((ItemKind::Instance, id.to_string()));
    }

    /// `false` when the instance could not be expanded (reported).
    fn try_instantiate(&mut self, site: &Site, stack: &mut Vec<CompactString>) -> bool {
        let item = site.item;
        let Some(template) = self.template_of(site) else {
            return false;
        };
        if self.broken.contains(&template.id.name) {
            return false;
        }
        if stack.contains(&template.id.name) || stack.len() >= MAX_INSTANCE_DEPTH {
            // Once per instance item of a template (or once in all, for
            // depth), however many times the loop is entered.
            let key = if stack.len() >= MAX_INSTANCE_DEPTH {
                None
            } else {
                Some(item.id.span.start)
            };
            if !self.loops_reported.insert(key) {
                return false;
            }
            let chain: Vec<&str> = stack.iter().map(CompactString::as_str).collect();
            let message = if stack.contains(&template.id.name) {
                format!(
                    "the template `{}` instantiates itself: {} → {}",
                    template.id.name,
                    chain.join(" → "),
                    template.id.name
                )
            } else {
                format!("instances nest deeper than {MAX_INSTANCE_DEPTH} levels")
            };
            let (label, help) = match key {
                Some(_) => (
                    "this instance closes the loop",
                    "a template cannot contain an instance of itself, directly or through another template",
                ),
                None => {
                    // Whatever else would expand is as deep: stop here.
                    self.generated = self.limit.saturating_add(1);
                    (
                        "one level too deep",
                        "flatten the chain: instantiate the inner templates side by side in the case",
                    )
                }
            };
            self.out.diagnostics.push(
                Diagnostic::new(
                    Code::TemplateRecursion,
                    self.at(site, item.id.span),
                    message,
                )
                .label(label)
                .help(help),
            );
            return false;
        }
        let Some(scope) = self.scope(site, template) else {
            return false;
        };
        let frame = FileId::frame(self.first_frame + self.out.frames.len());
        self.out.frames.push(Frame {
            file: template.span.file,
            at: self.at(site, item.id.span),
        });
        let scope = Scope { frame, ..scope };
        let mut locals = Locals::default();
        collect_ids(
            &template.members,
            &scope,
            &mut Vec::new(),
            true,
            false,
            &mut locals,
        );
        let index = self.out.instances.len();
        self.out.instances.push(Instance {
            id: site.id.clone(),
            template: template.id.name.clone(),
            span: self.at(site, item.id.span),
            frame,
            elements: 0,
        });
        let first_item = self.out.ast.items.len();
        stack.push(template.id.name.clone());
        self.emit(&template.members, &scope, &locals, &mut Vec::new(), stack);
        stack.pop();
        // Nested instances write their items in place: this instance's
        // are the run since it started.
        self.out.instances[index].elements = self.out.ast.items.len() - first_item;
        true
    }

    /// The span `span` of the site's own item, in the frame it is written in.
    fn at(&self, site: &Site, span: Span) -> Span {
        match site.frame {
            Some(frame) => Span {
                file: frame,
                ..span
            },
            None => span,
        }
    }

    fn template_of(&mut self, site: &Site) -> Option<&'a Template> {
        let item = site.item;
        let property = item.body.as_ref().and_then(|body| {
            body.properties
                .iter()
                .find(|p| p.key.as_str() == "template")
        });
        let Some(property) = property else {
            self.out.diagnostics.push(
                Diagnostic::new(
                    Code::TemplateArgument,
                    self.at(site, item.id.span),
                    format!("the instance `{}` names no template", site.id),
                )
                .label("which template does it instantiate?")
                .help(format!(
                    "add `template: NAME` to its body, e.g. `instance {} {{ template: NAME … }}`",
                    item.id.name
                )),
            );
            return None;
        };
        let name = match property.values.first().map(|v| &v.kind) {
            Some(ValueKind::Name(name)) if property.values.len() == 1 => name,
            _ => {
                self.out.diagnostics.push(
                    Diagnostic::new(
                        Code::TemplateArgument,
                        self.at(site, property.span),
                        "`template:` takes the id of one template",
                    )
                    .label("expected one id")
                    .help("write `template: NAME`"),
                );
                return None;
            }
        };
        if let Some(template) = self.templates.get(name).copied() {
            return Some(template);
        }
        let mut d = Diagnostic::new(
            Code::UnknownTemplate,
            self.at(site, property.values[0].span),
            format!("there is no template `{name}`"),
        )
        .label("unknown template");
        d = match closest(name, self.templates.keys().map(CompactString::as_str)) {
            Some(near) => d.help(format!("did you mean `{near}`?")),
            None => d.help("declare it with `template NAME \"…\" { param … }`, or use one of the shipped templates (docs/templates.md)"),
        };
        self.out.diagnostics.push(d);
        None
    }

    /// The instance's arguments and selections, checked against the
    /// template; `None` (reported) if it cannot be expanded.
    fn scope(&mut self, site: &Site, template: &'a Template) -> Option<Scope> {
        let item = site.item;
        let before = self.out.diagnostics.len();
        let mut choices: HashMap<&str, &[Part]> = HashMap::new();
        let mut optional: HashSet<&str> = HashSet::new();
        parts_of(&template.members, &mut choices, &mut optional);
        let mut scope = Scope {
            frame: template.span.file,
            prefix: site.id.clone(),
            args: HashMap::new(),
            chosen: HashMap::new(),
            included: HashSet::new(),
            undeveloped: HashSet::new(),
        };
        let properties: &[Property] = item.body.as_ref().map_or(&[], |b| &b.properties);
        let mut given: HashSet<&str> = HashSet::new();
        for property in properties {
            let key = property.key.as_str();
            if key == "template" {
                continue;
            }
            if !given.insert(key) {
                self.out.diagnostics.push(
                    Diagnostic::new(
                        Code::TemplateArgument,
                        self.at(site, property.key_span),
                        format!("`{key}` is given twice"),
                    )
                    .label("given again here")
                    .help("give each parameter once; a list parameter takes its values separated by commas"),
                );
                continue;
            }
            if key == "include" || key == "undeveloped" {
                for value in property.values.iter() {
                    let ValueKind::Name(name) = &value.kind else {
                        continue;
                    };
                    let known = if key == "include" {
                        optional.contains(name.as_str())
                    } else {
                        optional.contains(name.as_str()) || choices.contains_key(name.as_str())
                    };
                    if !known {
                        let candidates: Vec<&str> = if key == "include" {
                            optional.iter().copied().collect()
                        } else {
                            optional.iter().chain(choices.keys()).copied().collect()
                        };
                        let what = if key == "include" {
                            "optional part"
                        } else {
                            "optional part or choice"
                        };
                        let mut d = Diagnostic::new(
                            Code::ChoiceNotMade,
                            self.at(site, value.span),
                            format!("the template `{}` has no {what} `{name}`", template.id.name),
                        )
                        .label(format!("not an {what} of the template"));
                        if let Some(near) = closest(name, candidates.iter().copied()) {
                            d = d.help(format!("did you mean `{near}`?"));
                        }
                        self.out.diagnostics.push(d);
                    } else if key == "include" {
                        scope.included.insert(name.clone());
                    } else {
                        scope.undeveloped.insert(name.clone());
                    }
                }
                continue;
            }
            if let Some(options) = choices.get(key) {
                let option = match property.values.first().map(|v| &v.kind) {
                    Some(ValueKind::Name(name)) if property.values.len() == 1 => Some(name),
                    _ => None,
                };
                match option {
                    Some(name) if options.iter().any(|o| o.name.name == *name) => {
                        scope.chosen.insert(key.into(), name.clone());
                    }
                    _ => {
                        let names: Vec<&str> =
                            options.iter().map(|o| o.name.name.as_str()).collect();
                        let mut d = Diagnostic::new(
                            Code::ChoiceNotMade,
                            self.at(site, property.span),
                            format!("`{key}` takes one of its options: {}", names.join(", ")),
                        )
                        .label("not an option of this choice");
                        if let Some(near) = option.and_then(|o| closest(o, names.iter().copied())) {
                            d = d.help(format!("did you mean `{near}`?"));
                        }
                        self.out.diagnostics.push(d);
                    }
                }
                continue;
            }
            let Some(param) = template.params.iter().find(|p| p.name.name == key) else {
                let names: Vec<&str> = template
                    .params
                    .iter()
                    .map(|p| p.name.name.as_str())
                    .chain(choices.keys().copied())
                    .chain(INSTANCE_KEYS.iter().copied())
                    .collect();
                let mut d = Diagnostic::new(
                    Code::TemplateArgument,
                    self.at(site, property.key_span),
                    format!(
                        "the template `{}` has no parameter `{key}`",
                        template.id.name
                    ),
                )
                .label("unknown parameter");
                d = match closest(key, names.iter().copied()) {
                    Some(near) => d.help(format!("did you mean `{near}`?")),
                    None => d.help(format!("its parameters are {}", params_list(template))),
                };
                self.out.diagnostics.push(d);
                continue;
            };
            if let Some(arg) = self.argument(site, param, property) {
                scope.args.insert(param.name.name.clone(), arg);
            }
        }
        let missing: Vec<&Param> = template
            .params
            .iter()
            .filter(|p| !given.contains(p.name.name.as_str()))
            .collect();
        if !missing.is_empty() {
            let names: Vec<String> = missing
                .iter()
                .map(|p| format!("`{}: {}`", p.name.name, p.kind.name))
                .collect();
            let mut d = Diagnostic::new(
                Code::TemplateArgument,
                self.at(site, item.id.span),
                format!(
                    "the instance `{}` does not give {}, {} of the template `{}`",
                    site.id,
                    missing
                        .iter()
                        .map(|p| format!("`{}`", p.name.name))
                        .collect::<Vec<_>>()
                        .join(", "),
                    if missing.len() == 1 {
                        "a parameter"
                    } else {
                        "parameters"
                    },
                    template.id.name
                ),
            )
            .label(format!("missing {}", names.join(", ")))
            .secondary(missing[0].span, "declared here")
            .help(format!(
                "add {} to the instance's body",
                missing
                    .iter()
                    .map(|p| format!("`{}: …`", p.name.name))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            if let Some(text) = &missing[0].text {
                d = d.note(format!("`{}`: {}", missing[0].name.name, text.value));
            }
            self.out.diagnostics.push(d);
        }
        let mut unmade: Vec<&str> = choices
            .keys()
            .filter(|c| !given.contains(**c) && !scope.undeveloped.contains(**c))
            .copied()
            .collect();
        unmade.sort_unstable();
        for choice in unmade {
            let names: Vec<&str> = choices[choice]
                .iter()
                .map(|o| o.name.name.as_str())
                .collect();
            self.out.diagnostics.push(
                Diagnostic::new(
                    Code::ChoiceNotMade,
                    self.at(site, item.id.span),
                    format!("the instance `{}` makes no choice for `{choice}`", site.id),
                )
                .label(format!("`{choice}` needs one of {}", names.join(", ")))
                .help(format!(
                    "add `{choice}: {}` (or another option), or `undeveloped: {choice}` to leave it open on purpose",
                    names.first().copied().unwrap_or("OPTION")
                )),
            );
        }
        (self.out.diagnostics.len() == before).then_some(scope)
    }

    /// One argument, converted to its parameter's kind.
    fn argument(&mut self, site: &Site, param: &Param, property: &Property) -> Option<Arg> {
        let kind = ParamKind::parse(&param.kind.name)?;
        let values = &property.values;
        let wrong = |me: &mut Self, span: Span, found: &str| {
            me.out.diagnostics.push(
                Diagnostic::new(
                    Code::WrongParameterKind,
                    me.at(site, span),
                    format!(
                        "`{}` takes {}, not {found}",
                        param.name.name,
                        describe(kind)
                    ),
                )
                .label(format!("expected {}", describe(kind)))
                .secondary(param.span, "the parameter is declared here"),
            );
        };
        let Some(first) = values.first() else {
            wrong(self, property.span, "nothing");
            return None;
        };
        if kind != ParamKind::List && values.len() > 1 {
            self.out.diagnostics.push(
                Diagnostic::new(
                    Code::TemplateArgument,
                    self.at(site, values[1].span),
                    format!(
                        "`{}` takes one value, not {}",
                        param.name.name,
                        values.len()
                    ),
                )
                .label("a second value")
                .secondary(param.span, "declared here as one value")
                .help("declare the parameter as `list` to pass several words"),
            );
            return None;
        }
        match (kind, &first.kind) {
            (ParamKind::Text, ValueKind::Text(text)) => Some(Arg::Text(text.value.clone())),
            (ParamKind::Number, ValueKind::Number { .. }) => Some(Arg::Number(first.clone())),
            (ParamKind::Date, ValueKind::Date(_)) => Some(Arg::Date(first.clone())),
            (ParamKind::List, _) => {
                let mut words = Vec::with_capacity(values.len());
                for value in values.iter() {
                    match &value.kind {
                        ValueKind::Name(name) => words.push(name.clone()),
                        _ => {
                            wrong(self, value.span, value.describe());
                            return None;
                        }
                    }
                }
                Some(Arg::Words(words))
            }
            (ParamKind::Members, ValueKind::Name(name)) => {
                let members = self.declared.get(name).and_then(|item| {
                    (item.kind == ItemKind::Context).then(|| {
                        let body = item.body.as_ref();
                        let members = body.and_then(|b| {
                            b.properties.iter().find(|p| p.key.as_str() == "members")
                        });
                        let values = members.map_or(&[][..], |p| &p.values[..]);
                        values
                            .iter()
                            .filter_map(|v| match &v.kind {
                                ValueKind::Name(n) => Some(n.clone()),
                                _ => None,
                            })
                            .collect::<Vec<_>>()
                    })
                });
                match members {
                    None => {
                        wrong(
                            self,
                            first.span,
                            &format!("`{name}`, which is no context of this file"),
                        );
                        None
                    }
                    Some(members) if members.is_empty() => {
                        self.out.diagnostics.push(
                            Diagnostic::new(
                                Code::EmptyMembers,
                                self.at(site, first.span),
                                format!("the context `{name}` has no members to repeat the template's parts over"),
                            )
                            .label("no `members:`")
                            .secondary(param.span, "the template repeats parts per member of this")
                            .help(format!("list them on the context: `context {name} \"…\" {{ members: a, b }}`")),
                        );
                        None
                    }
                    Some(members) => Some(Arg::Members(name.clone(), members)),
                }
            }
            (_, ValueKind::Name(name))
                if kind.element_kinds().is_some() || kind == ParamKind::Word =>
            {
                if kind == ParamKind::Word && !is_identifier(name) {
                    wrong(self, first.span, "a qualified id");
                    return None;
                }
                if kind.element_kinds().is_some() {
                    self.kind_checks.push((
                        Value {
                            kind: first.kind.clone(),
                            span: self.at(site, first.span),
                        },
                        kind,
                        param.name.name.clone(),
                    ));
                }
                Some(Arg::Word(name.clone()))
            }
            (_, found) => {
                let found = Value {
                    kind: found.clone(),
                    span: first.span,
                };
                wrong(self, first.span, found.describe());
                None
            }
        }
    }

    /// Write the members of a template (or part) into the expansion.
    fn emit(
        &mut self,
        members: &[Member],
        scope: &Scope,
        locals: &Locals,
        vars: &mut Vec<(CompactString, Arg)>,
        stack: &mut Vec<CompactString>,
    ) {
        for member in members {
            match member {
                Member::Item(item) => self.emit_item(item, scope, locals, vars, stack),
                // Reported where the template is checked; never expanded.
                Member::Param(_) => {}
                Member::For {
                    var, list, members, ..
                } => {
                    let Some(arg) = lookup(scope, vars, &list.name) else {
                        continue;
                    };
                    let words = match arg {
                        Arg::Words(words) | Arg::Members(_, words) => words.clone(),
                        other => other.words(),
                    };
                    for word in words {
                        vars.push((var.name.clone(), Arg::Word(word)));
                        self.emit(members, scope, locals, vars, stack);
                        vars.pop();
                    }
                }
                Member::Optional(part) => {
                    if scope.included.contains(&part.name.name) {
                        self.emit(&part.members, scope, locals, vars, stack);
                    }
                }
                Member::Choice { part, options } => {
                    let chosen = scope.chosen.get(&part.name.name);
                    if let Some(option) = options.iter().find(|o| Some(&o.name.name) == chosen) {
                        self.emit(&option.members, scope, locals, vars, stack);
                    }
                }
            }
        }
    }

    fn emit_item(
        &mut self,
        item: &Item,
        scope: &Scope,
        locals: &Locals,
        vars: &[(CompactString, Arg)],
        stack: &mut Vec<CompactString>,
    ) {
        if self.generated >= self.limit {
            if self.generated == self.limit {
                self.generated += 1;
                self.out.diagnostics.push(
                    Diagnostic::new(
                        Code::TemplateRecursion,
                        Span {
                            file: scope.frame,
                            ..item.id.span
                        },
                        format!(
                            "templates expand to more than {} items, {EXPANSION_PER_ITEM} per item written",
                            self.limit
                        ),
                    )
                    .label("expansion stopped here")
                    .help("instances multiply: check for templates that instantiate others several times over"),
                );
            }
            return;
        }
        self.generated += 1;
        let Some(local) = self.local_id(item, scope, vars) else {
            return;
        };
        let mut generated = item.clone();
        relocate_item(&mut generated, &|span: &mut Span| span.file = scope.frame);
        generated.id.name = format_compact!("{}.{local}", scope.prefix);
        if let Some(text) = &mut generated.text {
            text.value = fill_text(&text.value, scope, vars).into();
        }
        let mut lost_support = false;
        if let Some(body) = &mut generated.body {
            let mut properties = Vec::with_capacity(body.properties.len());
            let no_locals = Locals::default();
            for property in body.properties.iter() {
                // What a nested instance names by its keys (its template,
                // its parts) are not elements of this one.
                let is_selection = item.kind == ItemKind::Instance
                    && INSTANCE_KEYS.contains(&property.key.as_str());
                let locals = if is_selection || !names_elements(item.kind, &property.key) {
                    &no_locals
                } else {
                    locals
                };
                let mut values = Vec::with_capacity(property.values.len());
                for value in property.values.iter() {
                    self.fill_value(value, scope, locals, vars, &mut values, &mut lost_support);
                }
                if values.is_empty() && !property.values.is_empty() {
                    continue;
                }
                properties.push(Property {
                    values: values.into_boxed_slice(),
                    ..property.clone()
                });
            }
            if lost_support
                && matches!(item.kind, ItemKind::Claim | ItemKind::Argument)
                && !properties.iter().any(|p| p.key.as_str() == "undeveloped")
            {
                properties.push(Property {
                    key: Key::Named("undeveloped".into()),
                    key_span: body.span,
                    values: Box::default(),
                    has_colon: false,
                    same_line: false,
                    span: body.span,
                });
            }
            body.properties = properties.into_boxed_slice();
        }
        if item.kind == ItemKind::Instance {
            let id = generated.id.name.clone();
            let site = Site {
                item: &generated,
                id: id.clone(),
                frame: Some(scope.frame),
            };
            self.instantiate(&site, stack);
            return;
        }
        self.out.ast.items.push(generated);
    }

    /// The item's id with its placeholders filled in; `None` (reported) when
    /// that is not an identifier.
    fn local_id(
        &mut self,
        item: &Item,
        scope: &Scope,
        vars: &[(CompactString, Arg)],
    ) -> Option<CompactString> {
        let filled = fill_words(&item.id.name, scope, vars);
        match filled.as_slice() {
            [one] if is_reference(one) => Some(one.clone()),
            // One finding per id of the template, not per member of a list.
            _ if !self.invalid_ids.insert((scope.frame, item.id.span.start)) => None,
            _ => {
                let shown = filled.first().map_or("", |s| s.as_str()).to_string();
                self.out.diagnostics.push(
                    Diagnostic::new(
                        Code::InvalidExpandedId,
                        Span {
                            file: scope.frame,
                            ..item.id.span
                        },
                        format!("this instance makes the id `{}` into `{shown}`, which is not an identifier", item.id.name),
                    )
                    .label("not an identifier once filled in")
                    .help("pass a `word` (letters, digits, `_` and `-`) for parameters used in ids"),
                );
                self.unexpanded(&scope.prefix);
                None
            }
        }
    }

    fn fill_value(
        &mut self,
        value: &Value,
        scope: &Scope,
        locals: &Locals,
        vars: &[(CompactString, Arg)],
        out: &mut Vec<Value>,
        lost_support: &mut bool,
    ) {
        let span = Span {
            file: scope.frame,
            ..value.span
        };
        match &value.kind {
            ValueKind::Name(name) => {
                // `{threshold}` alone takes the argument's own kind of value.
                if let Some(inner) = whole_placeholder(name) {
                    match lookup(scope, vars, inner) {
                        Some(Arg::Number(v) | Arg::Date(v)) => {
                            out.push(Value {
                                kind: v.kind.clone(),
                                span,
                            });
                            return;
                        }
                        Some(Arg::Text(text)) => {
                            out.push(Value {
                                kind: ValueKind::Text(Text {
                                    value: text.clone(),
                                    block: false,
                                    span,
                                }),
                                span,
                            });
                            return;
                        }
                        _ => {}
                    }
                }
                for word in fill_words(name, scope, vars) {
                    let word = match locals.resolve(&word) {
                        Resolved::Local => format_compact!("{}.{word}", scope.prefix),
                        Resolved::Dropped(undeveloped) => {
                            *lost_support |= undeveloped;
                            continue;
                        }
                        Resolved::Outside => word,
                    };
                    out.push(Value {
                        kind: ValueKind::Name(word),
                        span,
                    });
                }
            }
            ValueKind::Text(text) => out.push(Value {
                kind: ValueKind::Text(Text {
                    value: fill_text(&text.value, scope, vars).into(),
                    block: text.block,
                    span,
                }),
                span,
            }),
            other => out.push(Value {
                kind: other.clone(),
                span,
            }),
        }
    }

    /// Id arguments name elements of their parameter's kind, now that every
    /// generated item is known.
    fn check_kinds(&mut self) {
        if self.kind_checks.is_empty() {
            return;
        }
        let mut kinds: HashMap<&str, ItemKind> = HashMap::new();
        for item in self.declared.values() {
            kinds.insert(item.id.name.as_str(), item.kind);
        }
        for item in &self.out.ast.items {
            kinds.insert(item.id.name.as_str(), item.kind);
        }
        let mut found = Vec::new();
        for (value, kind, param) in &self.kind_checks {
            let ValueKind::Name(name) = &value.kind else {
                continue;
            };
            let Some(allowed) = kind.element_kinds() else {
                continue;
            };
            // Unknown names are left to the lowering, which reports them
            // where they are used (with a suggestion).
            let Some(item_kind) = kinds.get(name.as_str()) else {
                continue;
            };
            let ok = item_kind.element().is_some_and(|k| allowed.contains(&k));
            if !ok {
                found.push(
                    Diagnostic::new(
                        Code::WrongParameterKind,
                        value.span,
                        format!(
                            "`{param}` takes {}, but `{name}` is {}",
                            describe(*kind),
                            with_article(item_kind.keyword())
                        ),
                    )
                    .label(format!("{} here", with_article(item_kind.keyword())))
                    .help(format!("pass {}", describe(*kind))),
                );
            }
        }
        self.out.diagnostics.extend(found);
    }
}

/// Whether a property's values may name elements (so a name of this
/// template's own is this instance's element): not a topic, category or
/// other definition, nor a literal. Unknown keys (role bindings, an
/// instance's parameters) may.
fn names_elements(kind: ItemKind, key: &Key) -> bool {
    let Some(spec) = kind
        .element()
        .and_then(|kind| properties::lookup(kind, key.as_str()))
    else {
        return true;
    };
    match spec.shape {
        Shape::Refs { kinds, .. } => kinds.iter().any(|k| !k.is_definition()),
        _ => false,
    }
}

fn describe(kind: ParamKind) -> String {
    match kind {
        ParamKind::Members => "a context with `members:`".into(),
        ParamKind::List => "a list of words".into(),
        ParamKind::Word => "a word (an identifier)".into(),
        ParamKind::Text => "a string".into(),
        ParamKind::Number => "a number".into(),
        ParamKind::Date => "a date".into(),
        ParamKind::Element => "the id of an element".into(),
        other => format!("the id of {}", with_article(other.as_str())),
    }
}

fn params_list(template: &Template) -> String {
    if template.params.is_empty() {
        return "none".into();
    }
    template
        .params
        .iter()
        .map(|p| format!("`{}: {}`", p.name.name, p.kind.name))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The choices (with their options) and optional parts of a template.
fn parts_of<'m>(
    members: &'m [Member],
    choices: &mut HashMap<&'m str, &'m [Part]>,
    optional: &mut HashSet<&'m str>,
) {
    for member in members {
        match member {
            Member::Item(_) | Member::Param(_) => {}
            Member::For { members, .. } => parts_of(members, choices, optional),
            Member::Optional(part) => {
                optional.insert(part.name.name.as_str());
                parts_of(&part.members, choices, optional);
            }
            Member::Choice { part, options } => {
                choices.insert(part.name.name.as_str(), options);
                for option in options {
                    parts_of(&option.members, choices, optional);
                }
            }
        }
    }
}

/// The local ids an instance declares, and those of the parts it leaves out.
#[derive(Default)]
struct Locals {
    declared: HashSet<CompactString>,
    /// Left out: `true` when deliberately undeveloped (its referrers are
    /// then marked undeveloped).
    dropped: HashMap<CompactString, bool>,
    /// Nested instances: references into them (`inner.x`) are local too.
    instances: HashSet<CompactString>,
}

enum Resolved {
    Local,
    Dropped(bool),
    Outside,
}

impl Locals {
    fn resolve(&self, word: &str) -> Resolved {
        if self.declared.contains(word) {
            return Resolved::Local;
        }
        if let Some(head) = word.split('.').next() {
            if word.contains('.') && self.instances.contains(head) {
                return Resolved::Local;
            }
        }
        match self.dropped.get(word) {
            Some(undeveloped) => Resolved::Dropped(*undeveloped),
            None => Resolved::Outside,
        }
    }
}

/// Walk the members as the instance will, collecting the local ids that
/// are written and those of the parts left out.
fn collect_ids(
    members: &[Member],
    scope: &Scope,
    vars: &mut Vec<(CompactString, Arg)>,
    written: bool,
    undeveloped: bool,
    locals: &mut Locals,
) {
    for member in members {
        match member {
            Member::Item(item) => {
                for word in fill_words(&item.id.name, scope, vars) {
                    if written {
                        if item.kind == ItemKind::Instance {
                            locals.instances.insert(word.clone());
                        }
                        locals.dropped.remove(&word);
                        locals.declared.insert(word);
                    } else if !locals.declared.contains(&word) {
                        *locals.dropped.entry(word).or_insert(false) |= undeveloped;
                    }
                }
            }
            Member::Param(_) => {}
            Member::For {
                var, list, members, ..
            } => {
                let words = match lookup(scope, vars, &list.name) {
                    Some(Arg::Words(words) | Arg::Members(_, words)) => words.clone(),
                    Some(other) => other.words(),
                    None => Vec::new(),
                };
                for word in words {
                    vars.push((var.name.clone(), Arg::Word(word)));
                    collect_ids(members, scope, vars, written, undeveloped, locals);
                    vars.pop();
                }
            }
            Member::Optional(part) => {
                let name = &part.name.name;
                let on = written && scope.included.contains(name);
                let left_open = undeveloped || scope.undeveloped.contains(name);
                collect_ids(&part.members, scope, vars, on, left_open, locals);
            }
            Member::Choice { part, options } => {
                let chosen = scope.chosen.get(&part.name.name);
                let left_open = undeveloped || scope.undeveloped.contains(&part.name.name);
                for option in options {
                    let on = written && Some(&option.name.name) == chosen;
                    collect_ids(&option.members, scope, vars, on, left_open, locals);
                }
            }
        }
    }
}

fn lookup<'s>(scope: &'s Scope, vars: &'s [(CompactString, Arg)], name: &str) -> Option<&'s Arg> {
    vars.iter()
        .rev()
        .find(|(var, _)| var == name)
        .map(|(_, arg)| arg)
        .or_else(|| scope.args.get(name))
}

/// The `{name}` placeholders of an id or value, with their spans (`span` is
/// where `word` is written).
fn placeholders(word: &str, span: Span) -> Vec<(&str, Span)> {
    let mut found = Vec::new();
    let mut rest = word;
    let mut offset = 0usize;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}') else {
            break;
        };
        let name = &rest[open + 1..open + close];
        let start = span.start as usize + offset + open;
        found.push((name, Span::new(span.file, start, start + close + 1)));
        offset += open + close + 1;
        rest = &rest[open + close + 1..];
    }
    found
}

/// The `{name}` placeholders of a text (not `{{`-escaped), located in the
/// string as written when it reads as written (a one-line string without
/// escapes), else at the whole string.
fn text_placeholders(text: &Text) -> Vec<(&str, Span)> {
    let span = text.span;
    let text = &*text.value;
    let as_written = span.range().len() == text.len() + 2;
    let at = |start: usize, len: usize| {
        if as_written {
            let start = span.start as usize + 1 + start;
            Span::new(span.file, start, start + len)
        } else {
            span
        }
    };
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'{' {
            if bytes.get(i + 1) == Some(&b'{') {
                i += 2;
                continue;
            }
            if let Some(close) = text[i..].find('}') {
                let name = &text[i + 1..i + close];
                if is_identifier(name) {
                    found.push((name, at(i, close + 1)));
                    i += close + 1;
                    continue;
                }
            }
        }
        i += 1;
    }
    found
}

/// `name` if `word` is exactly `{name}`.
fn whole_placeholder(word: &str) -> Option<&str> {
    let inner = word.strip_prefix('{')?.strip_suffix('}')?;
    (!inner.contains(['{', '}'])).then_some(inner)
}

/// An id or reference with its placeholders filled in: one word per
/// combination of the list arguments in it.
fn fill_words(word: &str, scope: &Scope, vars: &[(CompactString, Arg)]) -> Vec<CompactString> {
    if !word.contains('{') {
        return vec![word.into()];
    }
    // A members argument alone is its context (`over: {models}`); within a
    // longer word it stands for each member (`{models}-safe`).
    let whole = whole_placeholder(word).is_some();
    // One pass over the word; the declaration check allows at most one
    // list in a word, so this makes at most one word per member.
    let mut filled = vec![String::with_capacity(word.len())];
    let mut rest = word;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else {
            break;
        };
        for f in &mut filled {
            f.push_str(&rest[..open]);
        }
        let words = lookup(scope, vars, &rest[open + 1..close]).map(|arg| match arg {
            Arg::Members(_, members) if !whole => members.clone(),
            other => other.words(),
        });
        match words.as_deref() {
            None => filled
                .iter_mut()
                .for_each(|f| f.push_str(&rest[open..=close])),
            Some([one]) => filled.iter_mut().for_each(|f| f.push_str(one)),
            Some(many) => {
                filled = filled
                    .iter()
                    .flat_map(|f| many.iter().map(move |w| format!("{f}{w}")))
                    .collect();
            }
        }
        rest = &rest[close + 1..];
    }
    filled
        .into_iter()
        .map(|mut f| {
            f.push_str(rest);
            f.into()
        })
        .collect()
}

/// A text with its placeholders filled in and `{{`, `}}` unescaped.
fn fill_text(text: &str, scope: &Scope, vars: &[(CompactString, Arg)]) -> String {
    if !text.contains(['{', '}']) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(['{', '}']) {
        out.push_str(&rest[..at]);
        let tail = &rest[at..];
        if tail.starts_with("{{") || tail.starts_with("}}") {
            out.push_str(&tail[..1]);
            rest = &tail[2..];
            continue;
        }
        if let Some(close) = tail.find('}').filter(|_| tail.starts_with('{')) {
            let name = &tail[1..close];
            if let Some(arg) = is_identifier(name)
                .then(|| lookup(scope, vars, name))
                .flatten()
            {
                out.push_str(&arg.text());
                rest = &tail[close + 1..];
                continue;
            }
        }
        out.push_str(&tail[..1]);
        rest = &tail[1..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn param_kinds_name_element_kinds_only_for_ids() {
        for name in ParamKind::NAMES {
            let kind = ParamKind::parse(name).expect("round trip");
            assert_eq!(kind.as_str(), *name);
        }
        assert!(ParamKind::Text.element_kinds().is_none());
        assert_eq!(
            ParamKind::Component.element_kinds(),
            Some(&[ElementKind::Component][..])
        );
    }

    #[test]
    fn placeholders_are_found_with_their_spans() {
        let span = Span::new(FileId(1), 10, 24);
        let found = placeholders("{a}-x-{bb}", span);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].0, "a");
        assert_eq!(found[0].1.range(), 10..13);
        assert_eq!(found[1].1.range(), 16..20);
        assert_eq!(whole_placeholder("{x}"), Some("x"));
        assert_eq!(whole_placeholder("{x}-y"), None);
        let text = Text {
            value: "a {{literal}} {b} {not an id}".into(),
            block: false,
            span: Span::new(FileId(1), 0, 31),
        };
        let texts = text_placeholders(&text);
        assert_eq!(texts.iter().map(|t| t.0).collect::<Vec<_>>(), ["b"]);
        assert_eq!(texts[0].1.range(), 15..18, "located inside the string");
    }
}
