//! The JSON form of a checked case: a stable, versioned schema, published in
//! `docs/json-schema/casec-ir.schema.json`. Keys are sorted, so the same input
//! gives byte-identical output.

use crate::compile::Compilation;
use crate::diagnostic::JsonLocation;
use crate::ir::{
    ArgumentAttrs, Attrs, BlockAttrs, CaseAttrs, CategoryAttrs, ClaimAttrs, ComponentAttrs,
    DecisionAttrs, DefeaterAttrs, Element, ElementId, ElementKind, EvidenceAttrs, Origin,
    Probability, Rating, Ref, RoleAttrs, SignoffAttrs, Spanned, SubsystemAttrs,
};
use crate::syntax::kinds::JsonSection;
use serde_json::{json, Map, Value};

/// Bumped on any change that could break a consumer of the JSON.
pub(crate) const SCHEMA_VERSION: u32 = 1;

/// The schema's `$id`, written as `$schema` in every document: a URN names
/// the format and its major version without inviting a tool to fetch it.
pub(crate) const SCHEMA_ID: &str = "urn:casec:schema:ir:1";

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
        .filter(|(_, e)| e.kind.json_section() == JsonSection::Elements)
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
            if let Some(state) = graph.defeat_state(case, id) {
                object.insert("state".into(), json!(state.as_str()));
            }
            let challenged_by: Vec<&str> = graph.challengers[id.index()]
                .iter()
                .map(|d| case.get(*d).id.as_str())
                .collect();
            if !challenged_by.is_empty() {
                object.insert("challenged_by".into(), json!(challenged_by));
            }
            if e.kind == ElementKind::Evidence {
                object.insert("counter_evidence".into(), json!(graph.counter[id.index()]));
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
        "$schema": SCHEMA_ID,
        "format": "casec-ir",
        "version": SCHEMA_VERSION,
        "source": c.sources.get(c.file).name,
        "case": header,
        "top": graph.top.map(|t| case.get(t).id.as_str()),
        "risk": risk(c),
        "elements": elements,
        "definitions": definitions,
        "accepted": c.accepted.iter().map(|a| json!({
            "code": a.diagnostic.code.as_str(),
            "element": case.get(a.element).id.as_str(),
            "message": a.diagnostic.message,
            "reason": a.reason,
            "location": location(c, a.diagnostic.primary.span),
        })).collect::<Vec<_>>(),
        "instances": c.instances.iter().map(|i| json!({
            "id": i.id,
            "template": i.template,
            "location": location(c, i.span),
            "elements": i.elements,
        })).collect::<Vec<_>>(),
        "summary": {
            "elements": elements_len(case),
            "claims": claims,
            "developed_claims": developed,
            "complete": graph.top.is_some_and(|t| graph.developed[t.index()]),
            "errors": c.count(crate::diagnostic::Severity::Error),
            "warnings": c.count(crate::diagnostic::Severity::Warning),
            "accepted": c.accepted.len(),
            "doubts": doubts(c),
            "signoffs": signoffs(c),
        },
    })
}

/// Defeaters by state, and counter-evidence, for the summary.
fn doubts(c: &Compilation) -> Value {
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
    json!({ "open": counts[0], "refuted": counts[1], "accepted": counts[2], "counter_evidence": counter })
}

/// Sign-offs by whether they match what the case says now.
fn signoffs(c: &Compilation) -> Value {
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
    json!({ "current": counts[0], "stale": counts[1], "unbound": counts[2] })
}

fn elements_len(case: &crate::ir::Case) -> usize {
    case.case_elements()
        .filter(|(_, e)| e.kind.json_section() == JsonSection::Elements)
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
    if let Some(instance) = c.instance_at(e.span) {
        object.insert(
            "instance".into(),
            json!({ "id": instance.id, "template": instance.template }),
        );
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
    if !e.given.is_empty() {
        object.insert("given".into(), ids(&e.given));
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

/// The properties of the element's own kind. Each attributes struct is taken
/// apart field by field, so that a new property does not compile until it
/// has its place in the JSON (and in `docs/json-schema/`).
fn specific(c: &Compilation, e: &Element, o: &mut Map<String, Value>) {
    let case = &c.case;
    let text = |t: &Option<Spanned<String>>| json!(t.as_ref().map(|t| t.value.as_str()));
    let word = |w: Option<&'static str>| json!(w);
    match &e.attrs {
        // The header's properties are the JSON's `case` object.
        Attrs::Case(CaseAttrs {
            top: _,
            threshold: _,
            max_evidence_age: _,
        })
        | Attrs::Plain => {}
        Attrs::Context(crate::ir::ContextAttrs { members }) => {
            o.insert("members".into(), ids(members));
        }
        Attrs::Decision(DecisionAttrs {
            setting,
            access,
            window,
        }) => {
            o.insert("setting".into(), text(setting));
            o.insert("access".into(), text(access));
            o.insert(
                "window".into(),
                json!(window.as_ref().map(
                    |w| json!({"start": w.value.start.to_string(), "end": w.value.end.to_string()})
                )),
            );
        }
        Attrs::Component(ComponentAttrs {
            kind,
            trust,
            version,
            capability,
            not_deployed,
        }) => {
            o.insert("deployed".into(), json!(not_deployed.is_none()));
            o.insert(
                "component_kind".into(),
                word(kind.as_ref().map(|k| k.value.as_str())),
            );
            o.insert(
                "trust".into(),
                word(trust.as_ref().map(|t| t.value.as_str())),
            );
            o.insert("version".into(), text(version));
            o.insert(
                "capability".into(),
                word(capability.as_ref().map(|l| l.value.as_str())),
            );
        }
        Attrs::Subsystem(SubsystemAttrs { components }) => {
            o.insert("components".into(), ids(components));
        }
        Attrs::Claim(ClaimAttrs {
            about,
            addresses,
            undeveloped,
            joint,
            risk,
            combine,
        }) => {
            o.insert("about".into(), ids(about));
            o.insert("addresses".into(), ids(addresses));
            o.insert("undeveloped".into(), json!(undeveloped.is_some()));
            o.insert("joint".into(), json!(joint.is_some()));
            o.insert(
                "combine".into(),
                json!(combine.as_ref().map_or("all", |c| c.value.as_str())),
            );
            o.insert("risk".into(), json!(risk.as_ref().map(probability)));
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
            o.insert("supporting".into(), json!(supporting.is_some()));
            o.insert("over".into(), json!(over.as_ref().map(|r| r.name.as_str())));
            // The category in force: the argument's own, or its block's.
            let category = case
                .argument_category(argument)
                .map(|id| case.get(id).id.as_str());
            let rated = block
                .as_ref()
                .and_then(|b| case.target(b))
                .and_then(|b| b.block());
            o.insert("category".into(), json!(category));
            o.insert(
                "block".into(),
                json!(block.as_ref().map(|b| b.name.as_str())),
            );
            o.insert(
                "ratings".into(),
                json!(rated.map(|b| json!({
                    "practicality": rating(&b.practicality),
                    "strength": rating(&b.strength),
                    "scalability": rating(&b.scalability),
                }))),
            );
            let roles: Map<String, Value> = roles
                .iter()
                .map(|r| (r.role.name.to_string(), json!(r.component.name)))
                .collect();
            o.insert("roles".into(), Value::Object(roles));
            o.insert("undeveloped".into(), json!(undeveloped.is_some()));
            o.insert(
                "combine".into(),
                json!(combine.as_ref().map_or("all", |c| c.value.as_str())),
            );
            o.insert("risk".into(), json!(risk.as_ref().map(probability)));
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
            o.insert("artifact".into(), text(artifact));
            o.insert("sha256".into(), text(sha256));
            o.insert(
                "date".into(),
                json!(date.as_ref().map(|d| d.value.to_string())),
            );
            o.insert("model".into(), text(model));
            o.insert("risk".into(), json!(risk.as_ref().map(probability)));
            o.insert(
                "result".into(),
                json!(result.as_ref().map(|m| m.value.value)),
            );
            o.insert(
                "trials".into(),
                json!(trials.as_ref().map(|t| t.value as u64)),
            );
            o.insert(
                "criterion".into(),
                json!(criterion.as_ref().map(|m| m.value.value)),
            );
            o.insert(
                "refutes".into(),
                word(refutes.as_ref().map(|r| r.value.as_str())),
            );
            o.insert("metric".into(), text(metric));
            o.insert("scorer".into(), text(scorer));
            o.insert(
                "samples".into(),
                json!(samples.as_ref().map(|t| t.value as u64)),
            );
            let comparison = crate::analysis::results::compare(attrs).ok().flatten();
            o.insert(
                "margin".into(),
                json!(comparison.as_ref().map(|c| c.margin)),
            );
            o.insert(
                "refuted".into(),
                json!(comparison.as_ref().map(|c| c.refuted)),
            );
        }
        Attrs::Defeater(DefeaterAttrs {
            challenges,
            link,
            doubt,
            accepted,
            owner,
            risk,
        }) => {
            o.insert(
                "challenges".into(),
                json!(challenges.as_ref().map(|r| r.name.as_str())),
            );
            o.insert("link".into(), json!(link.as_ref().map(|r| r.name.as_str())));
            o.insert(
                "doubt".into(),
                word(doubt.as_ref().map(|d| d.value.as_str())),
            );
            o.insert("accepted".into(), text(accepted));
            o.insert("owner".into(), text(owner));
            o.insert("risk".into(), json!(risk.as_ref().map(probability)));
        }
        Attrs::Signoff(SignoffAttrs {
            of,
            reviewer,
            date,
            sha256,
        }) => {
            o.insert("of".into(), json!(of.as_ref().map(|r| r.name.as_str())));
            o.insert("reviewer".into(), text(reviewer));
            o.insert(
                "date".into(),
                json!(date.as_ref().map(|d| d.value.to_string())),
            );
            o.insert("sha256".into(), text(sha256));
            let review = case.lookup(&e.id).and_then(|id| {
                crate::analysis::signoff::review(case, &c.graph, c.analysis.integrity.as_ref(), id)
            });
            o.insert("current".into(), json!(review.as_ref().map(|r| r.current)));
            o.insert(
                "binding".into(),
                json!(review.as_ref().map(|r| r.binding.as_str())),
            );
        }
        Attrs::Category(CategoryAttrs {
            rank,
            requires,
            #[cfg(test)]
                probe_property: _,
        }) => {
            o.insert("rank".into(), json!(rank.as_ref().map(|r| r.value)));
            o.insert("requires".into(), ids(requires));
        }
        Attrs::Block(BlockAttrs {
            categories,
            practicality,
            strength,
            scalability,
            requires,
            roles,
        }) => {
            o.insert("categories".into(), ids(categories));
            o.insert("practicality".into(), rating(practicality));
            o.insert("strength".into(), rating(strength));
            o.insert("scalability".into(), rating(scalability));
            o.insert("requires".into(), ids(requires));
            o.insert("roles".into(), ids(roles));
        }
        Attrs::Role(RoleAttrs {
            trust,
            assurance,
            requires,
        }) => {
            o.insert(
                "trust".into(),
                word(trust.as_ref().map(|t| t.value.as_str())),
            );
            o.insert("assurance".into(), ids(assurance));
            o.insert("requires".into(), ids(requires));
        }
    }
}
