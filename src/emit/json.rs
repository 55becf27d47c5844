//! The JSON form of a checked case: a stable, versioned schema, published in
//! `docs/json-schema/casec-ir.schema.json`. Keys are sorted, so the same input
//! gives byte-identical output.
//!
//! Written straight from the IR: values borrow the compilation's strings,
//! and the elements are made one at a time as the writer reaches them, so
//! no tree of the whole document is held (it cost three times the check).

use crate::compile::Compilation;
use crate::diagnostic::JsonLocation;
use crate::ir::{
    ArgumentAttrs, Attrs, BlockAttrs, CaseAttrs, CategoryAttrs, ClaimAttrs, ComponentAttrs,
    DecisionAttrs, DefeaterAttrs, Element, ElementId, ElementKind, EvidenceAttrs, Origin,
    Probability, Rating, Ref, RoleAttrs, SignoffAttrs, Spanned, SubsystemAttrs,
};
use crate::syntax::kinds::JsonSection;
use serde::ser::{Serialize, SerializeMap, Serializer};
use serde_json::{Number, Value};

/// Bumped on any change that could break a consumer of the JSON.
pub(crate) const SCHEMA_VERSION: u32 = 1;

/// The schema's `$id`, written as `$schema` in every document: a URN names
/// the format and its major version without inviting a tool to fetch it.
pub(crate) const SCHEMA_ID: &str = "urn:casec:schema:ir:1";

pub fn emit(compilation: &Compilation) -> String {
    // About the size of the source, for a start.
    let source = compilation.sources.get(compilation.file).text.len();
    let mut out = Vec::with_capacity(source + source / 2);
    // Writing to memory fails only on a map key that is not a string, and
    // every key here is one.
    let _ = serde_json::to_writer_pretty(&mut out, &document(compilation));
    out.push(b'\n');
    String::from_utf8(out).unwrap_or_default()
}

/// The document as a `serde_json::Value`, for callers that inspect it.
pub fn to_value(c: &Compilation) -> Value {
    serde_json::to_value(document(c)).unwrap_or(Value::Null)
}

/// A JSON value borrowing from the compilation.
enum Json<'a> {
    Null,
    Bool(bool),
    Number(Number),
    Str(&'a str),
    String(String),
    List(Vec<Json<'a>>),
    Object(Object<'a>),
    /// The case's elements, each made when the writer reaches it.
    Elements(&'a Compilation),
}

/// An object's members, kept sorted by key as `serde_json::Map` keeps them;
/// a key inserted again replaces its value, as there.
#[derive(Default)]
struct Object<'a>(Vec<(&'a str, Json<'a>)>);

impl<'a> Object<'a> {
    fn insert(&mut self, key: &'a str, value: impl Into<Json<'a>>) {
        let value = value.into();
        match self.0.binary_search_by(|(k, _)| (*k).cmp(key)) {
            Ok(i) => self.0[i].1 = value,
            Err(i) => self.0.insert(i, (key, value)),
        }
    }
}

/// An object of these members.
fn object<'a, const N: usize>(members: [(&'a str, Json<'a>); N]) -> Json<'a> {
    Json::Object(self::members(members))
}

fn members<'a, const N: usize>(members: [(&'a str, Json<'a>); N]) -> Object<'a> {
    let mut object = Object::default();
    for (key, value) in members {
        object.insert(key, value);
    }
    object
}

impl Serialize for Object<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.0.len()))?;
        for (key, value) in &self.0 {
            map.serialize_entry(key, value)?;
        }
        map.end()
    }
}

impl Serialize for Json<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Json::Null => serializer.serialize_unit(),
            Json::Bool(b) => serializer.serialize_bool(*b),
            Json::Number(n) => n.serialize(serializer),
            Json::Str(s) => serializer.serialize_str(s),
            Json::String(s) => serializer.serialize_str(s),
            Json::List(items) => serializer.collect_seq(items),
            Json::Object(object) => object.serialize(serializer),
            Json::Elements(c) => serializer.collect_seq(
                c.case
                    .case_elements()
                    .filter(|(_, e)| e.kind.json_section() == JsonSection::Elements)
                    .map(|(id, e)| element(c, id, e)),
            ),
        }
    }
}

impl<'a> From<&'a str> for Json<'a> {
    fn from(s: &'a str) -> Self {
        Json::Str(s)
    }
}

impl<'a> From<&'a crate::ir::CompactString> for Json<'a> {
    fn from(s: &'a crate::ir::CompactString) -> Self {
        Json::Str(s.as_str())
    }
}

impl From<String> for Json<'_> {
    fn from(s: String) -> Self {
        Json::String(s)
    }
}

impl From<bool> for Json<'_> {
    fn from(b: bool) -> Self {
        Json::Bool(b)
    }
}

impl From<usize> for Json<'_> {
    fn from(n: usize) -> Self {
        Json::Number((n as u64).into())
    }
}

impl From<u64> for Json<'_> {
    fn from(n: u64) -> Self {
        Json::Number(n.into())
    }
}

impl From<u32> for Json<'_> {
    fn from(n: u32) -> Self {
        Json::Number(n.into())
    }
}

/// As `serde_json` writes a float: `null` when not finite.
impl From<f64> for Json<'_> {
    fn from(n: f64) -> Self {
        Number::from_f64(n).map_or(Json::Null, Json::Number)
    }
}

impl<'a, T: Into<Json<'a>>> From<Option<T>> for Json<'a> {
    fn from(value: Option<T>) -> Self {
        value.map_or(Json::Null, Into::into)
    }
}

impl<'a, T: Into<Json<'a>>> From<Vec<T>> for Json<'a> {
    fn from(items: Vec<T>) -> Self {
        Json::List(items.into_iter().map(Into::into).collect())
    }
}

fn document(c: &Compilation) -> Json<'_> {
    let case = &c.case;
    let graph = &c.graph;
    let mut definitions: Vec<(&crate::ir::CompactString, &crate::ir::ElementId)> =
        case.definitions.iter().collect();
    definitions.sort();
    let definitions: Vec<Json> = definitions
        .into_iter()
        .map(|(_, id)| {
            let e = case.get(*id);
            let mut object = common(c, e);
            object.insert(
                "origin",
                if e.origin == Origin::Prelude {
                    "prelude"
                } else {
                    "case"
                },
            );
            specific(c, e, &mut object);
            Json::Object(object)
        })
        .collect();
    let header = case.header().map(|(_, h)| {
        let attrs = h.case_attrs();
        object([
            ("id", (&h.id).into()),
            ("title", h.text().into()),
            (
                "threshold",
                attrs
                    .and_then(|a| a.threshold.as_ref())
                    .map(probability)
                    .into(),
            ),
            (
                "max_evidence_age",
                attrs
                    .and_then(|a| a.max_evidence_age.as_ref())
                    .map(|d| d.value as u64)
                    .into(),
            ),
        ])
    });
    let claims = case.of_kind(ElementKind::Claim).count();
    let developed = case
        .of_kind(ElementKind::Claim)
        .filter(|(id, _)| graph.developed[id.index()])
        .count();
    let accepted: Vec<Json> = c
        .accepted
        .iter()
        .map(|a| {
            object([
                ("code", a.diagnostic.code.as_str().into()),
                ("element", (&case.get(a.element).id).into()),
                ("message", a.diagnostic.message.as_str().into()),
                ("reason", a.reason.as_str().into()),
                ("location", location(c, a.diagnostic.primary.span)),
            ])
        })
        .collect();
    let instances: Vec<Json> = c
        .instances
        .iter()
        .map(|i| {
            object([
                ("id", (&i.id).into()),
                ("template", (&i.template).into()),
                ("location", location(c, i.span)),
                ("elements", i.elements.into()),
            ])
        })
        .collect();
    let mut document = members([
        ("$schema", SCHEMA_ID.into()),
        ("format", "casec-ir".into()),
        ("version", SCHEMA_VERSION.into()),
        ("source", c.sources.get(c.file).name.as_str().into()),
        ("case", header.into()),
        ("top", graph.top.map(|t| case.get(t).id.as_str()).into()),
        ("risk", risk(c)),
        ("elements", Json::Elements(c)),
        ("definitions", definitions.into()),
        ("accepted", accepted.into()),
        ("instances", instances.into()),
        (
            "summary",
            object([
                ("elements", elements_len(case).into()),
                ("claims", claims.into()),
                ("developed_claims", developed.into()),
                (
                    "complete",
                    graph.top.is_some_and(|t| graph.developed[t.index()]).into(),
                ),
                ("errors", c.count(crate::diagnostic::Severity::Error).into()),
                (
                    "warnings",
                    c.count(crate::diagnostic::Severity::Warning).into(),
                ),
                ("accepted", c.accepted.len().into()),
                ("doubts", doubts(c)),
                ("signoffs", signoffs(c)),
            ]),
        ),
    ]);
    // Only in a project with modules, so that a one-file case's JSON is
    // what it was.
    if !case.modules.is_empty() {
        document.insert("modules", modules(c));
    }
    Json::Object(document)
}

/// The project's modules: name, file, owner, the modules each imports and
/// how many elements it declares.
fn modules(c: &Compilation) -> Json<'_> {
    let mut counts = vec![0usize; c.case.modules.len()];
    for module in c.case.elements.iter().filter_map(|e| e.module) {
        counts[module.index()] += 1;
    }
    let modules = c.case.modules.iter().zip(counts).map(|(m, count)| {
        let imports: Vec<&str> = m
            .imports
            .iter()
            .map(|i| c.case.modules[i.index()].name.as_str())
            .collect();
        object([
            ("name", m.name.as_str().into()),
            ("text", m.text.as_deref().into()),
            ("owner", m.owner.as_ref().map(|o| o.value.as_str()).into()),
            ("file", c.sources.get(m.name_span.file).name.as_str().into()),
            ("imports", imports.into()),
            ("elements", count.into()),
        ])
    });
    Json::List(modules.collect())
}

/// One element of the `elements` section.
fn element<'a>(c: &'a Compilation, id: ElementId, e: &'a Element) -> Json<'a> {
    let case = &c.case;
    let graph = &c.graph;
    let mut object = common(c, e);
    let supports: Vec<&str> = graph.parents[id.index()]
        .iter()
        .map(|p| case.get(*p).id.as_str())
        .collect();
    object.insert("supports", supports);
    object.insert("reachable", graph.reachable[id.index()]);
    if matches!(
        e.kind,
        ElementKind::Claim | ElementKind::Argument | ElementKind::Evidence
    ) {
        object.insert("developed", graph.developed[id.index()]);
        computed(c, id, &mut object);
    }
    if let Some(state) = graph.defeat_state(case, id) {
        object.insert("state", state.as_str());
    }
    let challenged_by: Vec<&str> = graph.challengers[id.index()]
        .iter()
        .map(|d| case.get(*d).id.as_str())
        .collect();
    if !challenged_by.is_empty() {
        object.insert("challenged_by", challenged_by);
    }
    if e.kind == ElementKind::Evidence {
        object.insert("counter_evidence", graph.counter[id.index()]);
    }
    specific(c, e, &mut object);
    Json::Object(object)
}

/// Defeaters by state, and counter-evidence, for the summary.
fn doubts(c: &Compilation) -> Json<'_> {
    let mut counts = [0usize; 3];
    for (id, _) in c.case.of_kind(ElementKind::Defeater) {
        match c.graph.defeat_state(&c.case, id) {
            Some(crate::ir::DefeatState::Refuted) => counts[1] += 1,
            Some(crate::ir::DefeatState::Accepted) => counts[2] += 1,
            _ => counts[0] += 1,
        }
    }
    let counter = c
        .case
        .of_kind(ElementKind::Evidence)
        .filter(|(id, _)| c.graph.counter[id.index()])
        .count();
    object([
        ("open", counts[0].into()),
        ("refuted", counts[1].into()),
        ("accepted", counts[2].into()),
        ("counter_evidence", counter.into()),
    ])
}

/// Sign-offs by whether they match what the case says now.
fn signoffs(c: &Compilation) -> Json<'_> {
    let mut counts = [0usize; 3];
    for (id, _) in c.case.of_kind(ElementKind::Signoff) {
        let review =
            crate::analysis::signoff::review(&c.case, &c.graph, c.analysis.integrity.as_ref(), id);
        match review {
            Some(r) if r.current => counts[0] += 1,
            Some(r) if !r.unbound => counts[1] += 1,
            _ => counts[2] += 1,
        }
    }
    object([
        ("current", counts[0].into()),
        ("stale", counts[1].into()),
        ("unbound", counts[2].into()),
    ])
}

fn elements_len(case: &crate::ir::Case) -> usize {
    case.case_elements()
        .filter(|(_, e)| e.kind.json_section() == JsonSection::Elements)
        .count()
}

fn location(c: &Compilation, span: crate::source::Span) -> Json<'static> {
    let loc = JsonLocation::of(&c.sources, span);
    object([
        ("line", loc.line.into()),
        ("column", loc.column.into()),
        ("end_line", loc.end_line.into()),
        ("end_column", loc.end_column.into()),
    ])
}

fn ids(refs: &[Ref]) -> Json<'_> {
    Json::List(refs.iter().map(|r| Json::Str(&r.name)).collect())
}

fn probability(p: &Spanned<Probability>) -> Json<'static> {
    p.value.value.into()
}

fn rating(r: &Option<Spanned<Rating>>) -> Json<'static> {
    r.as_ref().map(|r| r.value.as_str()).into()
}

fn common<'a>(c: &'a Compilation, e: &'a Element) -> Object<'a> {
    let mut object = Object::default();
    object.insert("id", &e.id);
    object.insert("kind", e.kind.as_str());
    object.insert("text", e.text());
    if e.origin == Origin::Case {
        object.insert("location", location(c, e.span));
    }
    if let Some(instance) = c.instance_at(e.span) {
        object.insert(
            "instance",
            self::object([
                ("id", (&instance.id).into()),
                ("template", (&instance.template).into()),
            ]),
        );
    }
    if !e.supported_by.is_empty()
        || matches!(
            e.kind,
            ElementKind::Claim | ElementKind::Argument | ElementKind::Assumption
        )
    {
        object.insert("supported_by", ids(&e.supported_by));
    }
    if !e.in_context_of.is_empty() {
        object.insert("in_context_of", ids(&e.in_context_of));
    }
    if !e.shows.is_empty() {
        object.insert("shows", ids(&e.shows));
    }
    if !e.given.is_empty() {
        object.insert("given", ids(&e.given));
    }
    if let Some(module) = e.module {
        object.insert("module", c.case.modules[module.index()].name.as_str());
        object.insert(
            "file",
            c.sources.get(c.sources.real(e.span.file)).name.as_str(),
        );
    }
    if let Some(develops) = &e.develops {
        object.insert("develops", Json::Str(&develops.name));
    }
    object
}

/// The computed facts about a claim, argument or evidence element.
fn computed<'a>(c: &'a Compilation, id: ElementId, o: &mut Object<'a>) {
    let node = c.analysis.risk.of(id);
    let premises = c.graph.children[id.index()].len();
    o.insert("risk_bound", node.bound);
    o.insert(
        "risk_rule",
        object([
            ("rule", node.rule.keyword().into()),
            ("description", node.rule.describe(&c.case, premises).into()),
        ]),
    );
    let strength = c.analysis.strength.of(id).max;
    o.insert(
        "strength",
        strength.map(|(rating, source)| {
            object([
                ("rating", rating.as_str().into()),
                ("from", (&c.case.get(source).id).into()),
            ])
        }),
    );
    if c.case.get(id).kind == ElementKind::Evidence {
        let integrity = c.analysis.integrity.as_ref().and_then(|i| i.of(id));
        o.insert("integrity", integrity.map(|s| s.keyword()));
    }
}

/// The case's risk: its bound, the paper's decomposition over outcomes, and
/// the elements the top claim's bound is made of.
fn risk(c: &Compilation) -> Json<'_> {
    let risk = &c.analysis.risk;
    let name = |id: ElementId| c.case.get(id).id.as_str();
    let outcomes: Vec<Json> = risk
        .outcomes
        .iter()
        .map(|o| {
            let terms: Vec<Json> = o
                .terms
                .iter()
                .map(|t| {
                    object([
                        ("subsystem", t.subsystem.map(name).into()),
                        ("claim", t.claim.map(name).into()),
                        ("bound", t.bound.into()),
                    ])
                })
                .collect();
            object([
                ("outcome", name(o.outcome).into()),
                ("bound", o.bound.into()),
                ("terms", terms.into()),
            ])
        })
        .collect();
    let contributions: Vec<Json> = risk
        .contributions
        .iter()
        .map(|(id, share)| object([("id", name(*id).into()), ("share", (*share).into())]))
        .collect();
    object([
        ("bound", risk.case_bound.into()),
        ("top", c.graph.top.and_then(|t| risk.of(t).bound).into()),
        ("decomposed", risk.decomposed.into()),
        ("outcomes", outcomes.into()),
        ("contributions", contributions.into()),
    ])
}

/// The properties of the element's own kind. Each attributes struct is taken
/// apart field by field, so that a new property does not compile until it
/// has its place in the JSON (and in `docs/json-schema/`).
fn specific<'a>(c: &'a Compilation, e: &'a Element, o: &mut Object<'a>) {
    let case = &c.case;
    let text = |t: &'a Option<Spanned<String>>| -> Json<'a> {
        t.as_ref().map(|t| t.value.as_str()).into()
    };
    let word = |w: Option<&'static str>| Json::from(w);
    match &e.attrs {
        // The header's properties are the JSON's `case` object.
        Attrs::Case(CaseAttrs {
            top: _,
            threshold: _,
            max_evidence_age: _,
        })
        | Attrs::Plain => {}
        Attrs::Context(crate::ir::ContextAttrs { members }) => {
            o.insert("members", ids(members));
        }
        Attrs::Decision(DecisionAttrs {
            setting,
            access,
            window,
        }) => {
            o.insert("setting", text(setting));
            o.insert("access", text(access));
            o.insert(
                "window",
                window.as_ref().map(|w| {
                    object([
                        ("start", w.value.start.to_string().into()),
                        ("end", w.value.end.to_string().into()),
                    ])
                }),
            );
        }
        Attrs::Component(ComponentAttrs {
            kind,
            trust,
            version,
            capability,
            not_deployed,
        }) => {
            o.insert("deployed", not_deployed.is_none());
            o.insert(
                "component_kind",
                word(kind.as_ref().map(|k| k.value.as_str())),
            );
            o.insert("trust", word(trust.as_ref().map(|t| t.value.as_str())));
            o.insert("version", text(version));
            o.insert(
                "capability",
                word(capability.as_ref().map(|l| l.value.as_str())),
            );
        }
        Attrs::Subsystem(SubsystemAttrs { components }) => {
            o.insert("components", ids(components));
        }
        Attrs::Claim(ClaimAttrs {
            about,
            addresses,
            undeveloped,
            joint,
            public,
            risk,
            combine,
        }) => {
            // Only in projects with modules, so that a one-file case's
            // JSON is what it was.
            if public.is_some() {
                o.insert("public", true);
            }
            o.insert("about", ids(about));
            o.insert("addresses", ids(addresses));
            o.insert("undeveloped", undeveloped.is_some());
            o.insert("joint", joint.is_some());
            o.insert(
                "combine",
                combine.as_ref().map_or("all", |c| c.value.as_str()),
            );
            o.insert("risk", risk.as_ref().map(probability));
        }
        Attrs::Argument(
            argument @ ArgumentAttrs {
                category: _,
                block,
                roles,
                undeveloped,
                risk,
                combine,
                over,
                supporting,
            },
        ) => {
            o.insert("supporting", supporting.is_some());
            o.insert("over", over.as_ref().map(|r| r.name.as_str()));
            // The category in force: the argument's own, or its block's.
            let category = case
                .argument_category(argument)
                .map(|id| case.get(id).id.as_str());
            let rated = block
                .as_ref()
                .and_then(|b| case.target(b))
                .and_then(|b| b.block());
            o.insert("category", category);
            o.insert("block", block.as_ref().map(|b| b.name.as_str()));
            o.insert(
                "ratings",
                rated.map(|b| {
                    object([
                        ("practicality", rating(&b.practicality)),
                        ("strength", rating(&b.strength)),
                        ("scalability", rating(&b.scalability)),
                    ])
                }),
            );
            let mut bound = Object::default();
            for r in roles {
                bound.insert(&r.role.name, &r.component.name);
            }
            o.insert("roles", Json::Object(bound));
            o.insert("undeveloped", undeveloped.is_some());
            o.insert(
                "combine",
                combine.as_ref().map_or("all", |c| c.value.as_str()),
            );
            o.insert("risk", risk.as_ref().map(probability));
        }
        Attrs::Evidence(
            attrs @ EvidenceAttrs {
                artifact,
                sha256,
                date,
                model,
                risk,
                result,
                trials,
                criterion,
                refutes,
                metric,
                scorer,
                samples,
            },
        ) => {
            o.insert("artifact", text(artifact));
            o.insert("sha256", text(sha256));
            o.insert("date", date.as_ref().map(|d| d.value.to_string()));
            o.insert("model", text(model));
            o.insert("risk", risk.as_ref().map(probability));
            o.insert("result", result.as_ref().map(|m| m.value.value));
            o.insert("trials", trials.as_ref().map(|t| t.value as u64));
            o.insert("criterion", criterion.as_ref().map(|m| m.value.value));
            o.insert("refutes", word(refutes.as_ref().map(|r| r.value.as_str())));
            o.insert("metric", text(metric));
            o.insert("scorer", text(scorer));
            o.insert("samples", samples.as_ref().map(|t| t.value as u64));
            let comparison = crate::analysis::results::compare(attrs).ok().flatten();
            o.insert("margin", comparison.as_ref().map(|c| c.margin));
            o.insert("refuted", comparison.as_ref().map(|c| c.refuted));
        }
        Attrs::Defeater(DefeaterAttrs {
            challenges,
            link,
            doubt,
            accepted,
            owner,
            risk,
        }) => {
            o.insert("challenges", challenges.as_ref().map(|r| r.name.as_str()));
            o.insert("link", link.as_ref().map(|r| r.name.as_str()));
            o.insert("doubt", word(doubt.as_ref().map(|d| d.value.as_str())));
            o.insert("accepted", text(accepted));
            o.insert("owner", text(owner));
            o.insert("risk", risk.as_ref().map(probability));
        }
        Attrs::Signoff(SignoffAttrs {
            of,
            reviewer,
            date,
            sha256,
        }) => {
            o.insert("of", of.as_ref().map(|r| r.name.as_str()));
            o.insert("reviewer", text(reviewer));
            o.insert("date", date.as_ref().map(|d| d.value.to_string()));
            o.insert("sha256", text(sha256));
            let review = case.lookup(&e.id).and_then(|id| {
                crate::analysis::signoff::review(case, &c.graph, c.analysis.integrity.as_ref(), id)
            });
            o.insert("current", review.as_ref().map(|r| r.current));
            o.insert("binding", review.map(|r| r.binding));
        }
        Attrs::Category(CategoryAttrs {
            rank,
            requires,
            #[cfg(test)]
                probe_property: _,
        }) => {
            o.insert("rank", rank.as_ref().map(|r| r.value));
            o.insert("requires", ids(requires));
        }
        Attrs::Block(BlockAttrs {
            categories,
            practicality,
            strength,
            scalability,
            requires,
            roles,
        }) => {
            o.insert("categories", ids(categories));
            o.insert("practicality", rating(practicality));
            o.insert("strength", rating(strength));
            o.insert("scalability", rating(scalability));
            o.insert("requires", ids(requires));
            o.insert("roles", ids(roles));
        }
        Attrs::Role(RoleAttrs {
            trust,
            assurance,
            requires,
        }) => {
            o.insert("trust", word(trust.as_ref().map(|t| t.value.as_str())));
            o.insert("assurance", ids(assurance));
            o.insert("requires", ids(requires));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cases(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                cases(&path, out);
            } else if path.extension().is_some_and(|e| e == "case") {
                out.push(path);
            }
        }
    }

    /// The writer keeps each object's keys as `serde_json::Map` does (sorted,
    /// each once): its output is the value tree's, byte for byte. (Checked
    /// against the emitter it replaced, which built the tree, before that
    /// was deleted.)
    #[test]
    fn written_straight_from_the_ir_as_the_value_tree_writes_it() {
        let mut files = Vec::new();
        for dir in ["examples", "tests/fixtures"] {
            cases(std::path::Path::new(dir), &mut files);
        }
        files.sort();
        assert!(files.len() > 100, "only {} cases found", files.len());
        let mut inputs: Vec<(String, Vec<u8>)> = files
            .iter()
            .map(|f| {
                (
                    f.display().to_string(),
                    std::fs::read(f).unwrap_or_default(),
                )
            })
            .collect();
        inputs.push((
            "synth.case".into(),
            crate::synth::generate(3000).into_bytes(),
        ));
        for shape in crate::synth::Shape::ALL {
            inputs.push((
                format!("{}.case", shape.name()),
                shape.generate(600).into_bytes(),
            ));
        }
        for (name, bytes) in inputs {
            let c = crate::compile(&name, bytes, crate::Options::default());
            let mut tree = serde_json::to_string_pretty(&to_value(&c)).unwrap_or_default();
            tree.push('\n');
            assert_eq!(emit(&c), tree, "{name}");
        }
    }
}
