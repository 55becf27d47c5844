//! The JSON form of a checked case: a stable, versioned schema, published in
//! `docs/json-schema/casec-ir.schema.json`. Keys are sorted, so the same input
//! gives byte-identical output.

use crate::compile::Compilation;
use crate::diagnostic::JsonLocation;
use crate::ir::{Element, ElementId, ElementKind, Origin, Probability, Rating, Ref, Spanned};
use serde_json::{json, Map, Value};

/// Bumped on any change that could break a consumer of the JSON.
pub const SCHEMA_VERSION: u32 = 1;

pub fn emit(compilation: &Compilation) -> String {
    let mut text = serde_json::to_string_pretty(&to_value(compilation)).unwrap_or_default();
    text.push('\n');
    text
}

pub fn to_value(c: &Compilation) -> Value {
    let case = &c.case;
    let graph = &c.graph;
    let elements: Vec<Value> = case
        .case_elements()
        .filter(|(_, e)| !e.kind.is_definition() && e.kind != ElementKind::Case)
        .map(|(id, e)| {
            let mut object = common(c, e);
            let supports: Vec<&str> = graph.parents[id.index()]
                .iter()
                .map(|p| case.get(*p).id.as_str())
                .collect();
            object.insert("supports".into(), json!(supports));
            object.insert("reachable".into(), json!(graph.reachable[id.index()]));
            if matches!(
                e.kind,
                ElementKind::Claim | ElementKind::Argument | ElementKind::Evidence
            ) {
                object.insert("developed".into(), json!(graph.developed[id.index()]));
                computed(c, id, &mut object);
            }
            specific(c, e, &mut object);
            Value::Object(object)
        })
        .collect();
    let mut definitions: Vec<(&crate::ir::CompactString, &crate::ir::ElementId)> =
        case.definitions.iter().collect();
    definitions.sort();
    let definitions: Vec<Value> = definitions
        .into_iter()
        .map(|(_, id)| {
            let e = case.get(*id);
            let mut object = common(c, e);
            object.insert(
                "origin".into(),
                json!(if e.origin == Origin::Prelude {
                    "prelude"
                } else {
                    "case"
                }),
            );
            specific(c, e, &mut object);
            Value::Object(object)
        })
        .collect();
    let header = case.header().map(|(_, h)| {
        let attrs = h.case_attrs();
        json!({
            "id": h.id,
            "title": h.text(),
            "threshold": attrs.and_then(|a| a.threshold.as_ref()).map(probability),
            "max_evidence_age": attrs.and_then(|a| a.max_evidence_age.as_ref()).map(|d| d.value as u64),
        })
    });
    let claims = case.of_kind(ElementKind::Claim).count();
    let developed = case
        .of_kind(ElementKind::Claim)
        .filter(|(id, _)| graph.developed[id.index()])
        .count();
    json!({
        "format": "casec-ir",
        "version": SCHEMA_VERSION,
        "source": c.sources.get(c.file).name,
        "case": header,
        "top": graph.top.map(|t| case.get(t).id.as_str()),
        "risk": risk(c),
        "elements": elements,
        "definitions": definitions,
        "summary": {
            "elements": elements_len(case),
            "claims": claims,
            "developed_claims": developed,
            "complete": graph.top.is_some_and(|t| graph.developed[t.index()]),
            "errors": c.count(crate::diagnostic::Severity::Error),
            "warnings": c.count(crate::diagnostic::Severity::Warning),
        },
    })
}

fn elements_len(case: &crate::ir::Case) -> usize {
    case.case_elements()
        .filter(|(_, e)| !e.kind.is_definition() && e.kind != ElementKind::Case)
        .count()
}

fn location(c: &Compilation, span: crate::source::Span) -> Value {
    let loc = JsonLocation::of(&c.sources, span);
    json!({ "line": loc.line, "column": loc.column, "end_line": loc.end_line, "end_column": loc.end_column })
}

fn ids(refs: &[Ref]) -> Value {
    json!(refs.iter().map(|r| r.name.as_str()).collect::<Vec<_>>())
}

fn probability(p: &Spanned<Probability>) -> Value {
    json!(p.value.value)
}

fn rating(r: &Option<Spanned<Rating>>) -> Value {
    json!(r.as_ref().map(|r| r.value.as_str()))
}

fn common(c: &Compilation, e: &Element) -> Map<String, Value> {
    let mut object = Map::new();
    object.insert("id".into(), json!(e.id));
    object.insert("kind".into(), json!(e.kind.as_str()));
    object.insert("text".into(), json!(e.text()));
    if e.origin == Origin::Case {
        object.insert("location".into(), location(c, e.span));
    }
    if !e.supported_by.is_empty()
        || matches!(
            e.kind,
            ElementKind::Claim | ElementKind::Argument | ElementKind::Assumption
        )
    {
        object.insert("supported_by".into(), ids(&e.supported_by));
    }
    if !e.in_context_of.is_empty() {
        object.insert("in_context_of".into(), ids(&e.in_context_of));
    }
    if !e.shows.is_empty() {
        object.insert("shows".into(), ids(&e.shows));
    }
    object
}

/// The computed facts about a claim, argument or evidence element.
fn computed(c: &Compilation, id: ElementId, o: &mut Map<String, Value>) {
    let node = c.analysis.risk.of(id);
    let premises = c.graph.children[id.index()].len();
    o.insert("risk_bound".into(), json!(node.bound));
    o.insert(
        "risk_rule".into(),
        json!({ "rule": node.rule.keyword(), "description": node.rule.describe(&c.case, premises) }),
    );
    let strength = c.analysis.strength.of(id).max;
    o.insert(
        "strength".into(),
        json!(strength.map(
            |(rating, source)| json!({ "rating": rating.as_str(), "from": c.case.get(source).id })
        )),
    );
    if c.case.get(id).kind == ElementKind::Evidence {
        let integrity = c.analysis.integrity.as_ref().and_then(|i| i.of(id));
        o.insert("integrity".into(), json!(integrity.map(|s| s.keyword())));
    }
}

/// The case's risk: its bound, the paper's decomposition over outcomes, and
/// the elements the top claim's bound is made of.
fn risk(c: &Compilation) -> Value {
    let risk = &c.analysis.risk;
    let name = |id: ElementId| c.case.get(id).id.as_str();
    let outcomes: Vec<Value> = risk
        .outcomes
        .iter()
        .map(|o| {
            let terms: Vec<Value> = o
                .terms
                .iter()
                .map(|t| json!({ "subsystem": t.subsystem.map(name), "claim": t.claim.map(name), "bound": t.bound }))
                .collect();
            json!({ "outcome": name(o.outcome), "bound": o.bound, "terms": terms })
        })
        .collect();
    let contributions: Vec<Value> = risk
        .contributions
        .iter()
        .map(|(id, share)| json!({ "id": name(*id), "share": share }))
        .collect();
    json!({
        "bound": risk.case_bound,
        "top": c.graph.top.and_then(|t| risk.of(t).bound),
        "decomposed": risk.decomposed,
        "outcomes": outcomes,
        "contributions": contributions,
    })
}

fn specific(c: &Compilation, e: &Element, o: &mut Map<String, Value>) {
    let case = &c.case;
    let text = |t: &Option<Spanned<String>>| json!(t.as_ref().map(|t| t.value.as_str()));
    if let Some(d) = e.decision() {
        o.insert("setting".into(), text(&d.setting));
        o.insert("access".into(), text(&d.access));
        o.insert(
            "window".into(),
            json!(d.window.as_ref().map(
                |w| json!({"start": w.value.start.to_string(), "end": w.value.end.to_string()})
            )),
        );
    }
    if let Some(a) = e.component() {
        o.insert(
            "component_kind".into(),
            json!(a.kind.as_ref().map(|k| k.value.as_str())),
        );
        o.insert(
            "trust".into(),
            json!(a.trust.as_ref().map(|t| t.value.as_str())),
        );
        o.insert("version".into(), text(&a.version));
        o.insert(
            "capability".into(),
            json!(a.capability.as_ref().map(|l| l.value.as_str())),
        );
    }
    if let Some(s) = e.subsystem() {
        o.insert("components".into(), ids(&s.components));
    }
    if let Some(a) = e.claim() {
        o.insert("about".into(), ids(&a.about));
        o.insert("addresses".into(), ids(&a.addresses));
        o.insert("undeveloped".into(), json!(a.undeveloped.is_some()));
        o.insert("joint".into(), json!(a.joint.is_some()));
        o.insert(
            "combine".into(),
            json!(a.combine.as_ref().map_or("all", |c| c.value.as_str())),
        );
        o.insert("risk".into(), json!(a.risk.as_ref().map(probability)));
    }
    if let Some(a) = e.argument() {
        let category = case.argument_category(a).map(|id| case.get(id).id.as_str());
        let block = a
            .block
            .as_ref()
            .and_then(|b| case.target(b))
            .and_then(|b| b.block().map(|attrs| (b, attrs)));
        o.insert("category".into(), json!(category));
        o.insert(
            "block".into(),
            json!(a.block.as_ref().map(|b| b.name.as_str())),
        );
        o.insert(
            "ratings".into(),
            json!(block.map(|(_, b)| json!({
                "practicality": rating(&b.practicality),
                "strength": rating(&b.strength),
                "scalability": rating(&b.scalability),
            }))),
        );
        let roles: Map<String, Value> = a
            .roles
            .iter()
            .map(|r| (r.role.name.to_string(), json!(r.component.name)))
            .collect();
        o.insert("roles".into(), Value::Object(roles));
        o.insert("undeveloped".into(), json!(a.undeveloped.is_some()));
        o.insert(
            "combine".into(),
            json!(a.combine.as_ref().map_or("all", |c| c.value.as_str())),
        );
        o.insert("risk".into(), json!(a.risk.as_ref().map(probability)));
    }
    if let Some(a) = e.evidence() {
        o.insert("artifact".into(), text(&a.artifact));
        o.insert("sha256".into(), text(&a.sha256));
        o.insert(
            "date".into(),
            json!(a.date.as_ref().map(|d| d.value.to_string())),
        );
        o.insert("model".into(), text(&a.model));
        o.insert("risk".into(), json!(a.risk.as_ref().map(probability)));
    }
    if let Some(a) = e.category() {
        o.insert("rank".into(), json!(a.rank.as_ref().map(|r| r.value)));
        o.insert("requires".into(), ids(&a.requires));
    }
    if let Some(a) = e.block() {
        o.insert("categories".into(), ids(&a.categories));
        o.insert("practicality".into(), rating(&a.practicality));
        o.insert("strength".into(), rating(&a.strength));
        o.insert("scalability".into(), rating(&a.scalability));
        o.insert("requires".into(), ids(&a.requires));
        o.insert("roles".into(), ids(&a.roles));
    }
    if let Some(a) = e.role() {
        o.insert(
            "trust".into(),
            json!(a.trust.as_ref().map(|t| t.value.as_str())),
        );
        o.insert("assurance".into(), ids(&a.assurance));
        o.insert("requires".into(), ids(&a.requires));
    }
}
