//! Hover: what the id under the cursor is (kind, text and, for arguments and
//! building blocks, the category, ratings and requirements the checker
//! applies), or what a property key means.

use super::convert;
use crate::ir::properties;
use crate::ir::{Attrs, BlockAttrs, Case, ElementId, Origin, Ref};
use crate::Compilation;
use lsp_types::{Hover, HoverContents, MarkupContent, MarkupKind, Position};
use std::fmt::Write;

pub fn hover(compilation: &Compilation, position: Position) -> Option<Hover> {
    let offset = convert::offset(compilation, position);
    let case = &compilation.case;
    let (text, span) = if let Some(found) = super::templates::hover(compilation, offset) {
        found
    } else if let Some(occurrence) = case.occurrence_at(compilation.file, offset) {
        let text = match case.resolve(occurrence.namespace, occurrence.name) {
            Some(id) => {
                let mut text =
                    describe(case, id) + &dialectic(compilation, id) + &read(compilation, id);
                if let Some(instance) = compilation.instance_at(case.get(id).span) {
                    let _ = write!(
                        text,
                        "\n\nwritten by instance `{}` of template `{}`",
                        instance.id, instance.template
                    );
                }
                text
            }
            None => format!("`{}` is not declared", occurrence.name),
        };
        (text, occurrence.span)
    } else {
        let (item, property) = compilation.ast.key_at(offset)?;
        let key = property.key.as_str();
        let spec = properties::lookup(item.kind.element()?, key)?;
        let text = format!(
            "**{key}**: {}\n\nTakes {}.",
            spec.doc,
            spec.shape.describe()
        );
        (text, property.key_span)
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range: Some(convert::range(compilation, span)),
    })
}

/// A Markdown description of an element.
pub fn describe(case: &Case, id: ElementId) -> String {
    let element = case.get(id);
    let mut out = format!("{} `{}`", element.kind.as_str(), element.id);
    if element.origin == Origin::Prelude {
        out.push_str(" (built into casec)");
    }
    if let Some(module) = element.module.and_then(|m| case.modules.get(m.index())) {
        let _ = write!(out, " in module `{}`", module.name);
        if let Some(owner) = &module.owner {
            let _ = write!(out, " (owned by {})", owner.value);
        }
    }
    if let Some(text) = &element.text {
        let _ = write!(out, "\n\n{}", text.value);
    }
    let mut facts: Vec<(&str, String)> = Vec::new();
    match &element.attrs {
        Attrs::Argument(argument) => {
            if let Some(category) = case.argument_category(argument) {
                facts.push(("category", named(case, category)));
            }
            if let Some(block) = argument.block.as_ref().and_then(|b| b.target) {
                facts.push(("building block", named(case, block)));
                if let Some(attrs) = case.get(block).block() {
                    facts.push(("ratings", ratings(attrs)));
                }
            }
            let roles: Vec<String> = argument
                .roles
                .iter()
                .map(|b| format!("{} → `{}`", b.role.name, b.component.name))
                .collect();
            facts.push(("roles", roles.join(", ")));
            facts.push(("must show", ids(&requirements(case, id))));
        }
        Attrs::Block(block) => {
            facts.push(("category", ids(&block.categories)));
            facts.push(("ratings", ratings(block)));
            facts.push(("roles", ids(&block.roles)));
            facts.push(("requires", ids(&block.requires)));
        }
        Attrs::Category(category) => {
            if let Some(rank) = &category.rank {
                facts.push(("rank", rank.value.to_string()));
            }
            facts.push(("requires", ids(&category.requires)));
        }
        Attrs::Role(role) => {
            if let Some(trust) = &role.trust {
                facts.push(("trust", trust.value.as_str().to_string()));
            }
            facts.push(("justified by", ids(&role.assurance)));
            facts.push(("requires", ids(&role.requires)));
        }
        Attrs::Component(component) => {
            if let Some(kind) = &component.kind {
                facts.push(("kind", kind.value.as_str().to_string()));
            }
            if let Some(trust) = &component.trust {
                facts.push(("trust", trust.value.as_str().to_string()));
            }
            if let Some(capability) = &component.capability {
                facts.push(("capability", capability.value.as_str().to_string()));
            }
        }
        Attrs::Subsystem(subsystem) => facts.push(("components", ids(&subsystem.components))),
        Attrs::Claim(claim) => {
            facts.push(("about", ids(&claim.about)));
            facts.push(("addresses", ids(&claim.addresses)));
            if claim.undeveloped.is_some() {
                facts.push(("undeveloped", "yes".into()));
            }
        }
        Attrs::Signoff(signoff) => {
            facts.push(("of", ids(signoff.of.as_slice())));
            if let Some(reviewer) = &signoff.reviewer {
                facts.push(("reviewer", reviewer.value.clone()));
            }
            if let Some(date) = &signoff.date {
                facts.push(("date", date.value.to_string()));
            }
        }
        Attrs::Defeater(defeater) => {
            if let Some(doubt) = &defeater.doubt {
                facts.push(("doubt", doubt.value.as_str().to_string()));
            }
            facts.push(("challenges", ids(defeater.challenges.as_slice())));
            if defeater.link.is_some() {
                facts.push(("link", ids(defeater.link.as_slice())));
            }
            facts.push(("answered by", ids(&element.supported_by)));
            if let Some(accepted) = &defeater.accepted {
                facts.push(("accepted", accepted.value.clone()));
            }
            if let Some(owner) = &defeater.owner {
                facts.push(("owner", owner.value.clone()));
            }
            if let Some(risk) = &defeater.risk {
                facts.push(("residual risk", risk.value.written.clone()));
            }
        }
        Attrs::Evidence(evidence) => {
            if let Some(artifact) = &evidence.artifact {
                facts.push(("artifact", format!("`{}`", artifact.value)));
            }
            if let Some(date) = &evidence.date {
                facts.push(("date", date.value.to_string()));
            }
        }
        Attrs::Decision(decision) => {
            if let Some(window) = &decision.window {
                let window = window.value;
                facts.push(("window", format!("{} to {}", window.start, window.end)));
            }
        }
        Attrs::Context(context) => {
            if !context.members.is_empty() {
                facts.push(("members", ids(&context.members)));
            }
        }
        Attrs::Case(_) | Attrs::Plain => {}
    }
    for (name, value) in facts.iter().filter(|(_, value)| !value.is_empty()) {
        let _ = write!(out, "\n\n**{name}**: {value}");
    }
    out
}

/// What evidence with `metric:` read from its artifact, as of this check
/// (the language server checks again when the artifact changes).
fn read(compilation: &Compilation, id: ElementId) -> String {
    use crate::analysis::readings::{shown, Failure};
    let Some(reading) = compilation
        .analysis
        .readings
        .as_ref()
        .and_then(|r| r.of(id))
    else {
        return String::new();
    };
    let metric = compilation
        .case
        .get(id)
        .evidence()
        .and_then(|e| e.metric.as_ref())
        .map_or("", |m| m.value.as_str());
    let what = match reading {
        Ok(reading) => match &reading.run {
            Some(run) => format!(
                "`{metric}` = {} (scorer `{}`, {} of {} samples, task `{}` on `{}`{})",
                shown(reading.value),
                run.scorer,
                run.completed_samples,
                run.total_samples,
                run.task,
                run.model,
                run.created.map(|d| format!(", {d}")).unwrap_or_default()
            ),
            None => format!("`{metric}` = {}", shown(reading.value)),
        },
        Err(Failure::Unreadable(why)) => format!("not read: {why}"),
        Err(Failure::NoMetric { why, .. }) => format!("no `{metric}`: {why}"),
        Err(Failure::NotSuccessful(run)) => {
            format!("the run did not succeed (status `{}`)", run.status)
        }
    };
    format!("\n\n**read from the artifact**: {what}")
}

/// Where a defeater stands, the doubts raised against an element, and
/// whether a sign-off is current: what the graph and the analysis compute.
pub(crate) fn dialectic(compilation: &Compilation, id: ElementId) -> String {
    let (case, graph) = (&compilation.case, &compilation.graph);
    let mut out = String::new();
    if let Some(state) = graph.defeat_state(case, id) {
        let _ = write!(out, "\n\n**state**: {}", state.as_str());
    }
    if graph.counter.get(id.index()).copied().unwrap_or(false) {
        out.push_str("\n\n**counter-evidence**: its result refutes the claim it is cited for");
    }
    let doubts: Vec<String> = graph.challengers[id.index()]
        .iter()
        .map(|d| {
            let state = graph.defeat_state(case, *d).map_or("open", |s| s.as_str());
            format!("`{}` ({state})", case.get(*d).id)
        })
        .collect();
    if !doubts.is_empty() {
        let _ = write!(out, "\n\n**doubts**: {}", doubts.join(", "));
    }
    if let Some(review) =
        crate::analysis::signoff::review(case, graph, compilation.analysis.integrity.as_ref(), id)
    {
        let state = if review.current {
            "current"
        } else if review.unbound {
            "not bound yet"
        } else {
            "stale: what was reviewed has changed"
        };
        let _ = write!(out, "\n\n**sign-off**: {state}");
    }
    out
}

/// The topics an argument's support must show: from its category, its
/// building block and the roles the block binds.
fn requirements(case: &Case, argument: ElementId) -> Vec<Ref> {
    let Some(attrs) = case.get(argument).argument() else {
        return Vec::new();
    };
    let mut seen = std::collections::HashSet::new();
    case.requirements(attrs)
        .into_iter()
        .filter(|r| seen.insert(&r.topic.name))
        .map(|r| r.topic.clone())
        .collect()
}

fn named(case: &Case, id: ElementId) -> String {
    let element = case.get(id);
    format!("`{}` — {}", element.id, element.text())
}

fn ids(refs: &[Ref]) -> String {
    let names: Vec<String> = refs.iter().map(|r| format!("`{}`", r.name)).collect();
    names.join(", ")
}

fn ratings(block: &BlockAttrs) -> String {
    let rating = |r: &Option<crate::ir::Spanned<crate::ir::Rating>>| {
        r.as_ref().map_or("–", |r| r.value.as_str())
    };
    format!(
        "practicality {} · strength {} · scalability {}",
        rating(&block.practicality),
        rating(&block.strength),
        rating(&block.scalability)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{compile, Options};

    fn hover_text(text: &str, word: &str) -> String {
        let compilation = compile("t.case", text, Options::default());
        let offset = text.find(word).unwrap();
        let (line, column) = compilation
            .sources
            .get(compilation.file)
            .utf16_position(offset);
        match hover(&compilation, Position::new(line, column))
            .unwrap()
            .contents
        {
            HoverContents::Markup(markup) => markup.value,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn an_argument_shows_its_category_block_ratings_and_requirements() {
        let text = "argument a \"Watch it\" { block: monitoring }\n";
        let shown = hover_text(text, "a \"");
        assert!(shown.starts_with("argument `a`\n\nWatch it"), "{shown}");
        assert!(shown.contains("**category**: `control`"), "{shown}");
        assert!(
            shown.contains("**building block**: `monitoring`"),
            "{shown}"
        );
        assert!(
            shown.contains("practicality strong · strength strong · scalability strong"),
            "{shown}"
        );
        assert!(
            shown.contains("**must show**: `control_evaluation`, `red_team_elicitation`, `deployment_effectiveness`, `conservative_extrapolation`"),
            "{shown}"
        );
    }

    #[test]
    fn evidence_shows_what_it_read_from_its_log() {
        let dir = std::env::temp_dir().join(format!("casec-hover-read-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join(".git")).unwrap();
        let log = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/fixtures/inspect/ctf-frontier-2026-11.json"
        );
        std::fs::copy(log, dir.join("log.json")).unwrap();
        let text = "evidence e \"E\" { artifact: \"log.json\" metric: \"accuracy\" }\n";
        let options = Options {
            verify_evidence: true,
            ..Options::default()
        };
        let compilation = compile(&dir.join("t.case").to_string_lossy(), text, options);
        let (line, column) = compilation.sources.get(compilation.file).utf16_position(9);
        let Some(Hover {
            contents: HoverContents::Markup(markup),
            ..
        }) = hover(&compilation, Position::new(line, column))
        else {
            panic!("a hover")
        };
        assert!(
            markup.value.contains("**read from the artifact**: `accuracy` = 0.025 (scorer `includes`, 40 of 40 samples, task `ctf_proxy` on `offline/frontier-2026-11`, 2026-05-20)"),
            "{}",
            markup.value
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_defeater_shows_its_state_and_an_element_its_doubts() {
        let text = "claim c \"C\" { supported by: e }\nevidence e \"E\"\n\
            defeater d \"D\" { challenges: c doubt: rebuts supported by: f }\n\
            evidence f \"F\"\ndefeater g \"G\" { challenges: c doubt: rebuts }\n\
            signoff s \"S\" { of: c reviewer: \"R\" date: 2026-01-01 }\n";
        let shown = hover_text(text, "d \"D");
        assert!(shown.contains("**state**: refuted"), "{shown}");
        assert!(shown.contains("**challenges**: `c`"), "{shown}");
        let shown = hover_text(text, "c \"C");
        assert!(
            shown.contains("**doubts**: `d` (refuted), `g` (open)"),
            "{shown}"
        );
        let shown = hover_text(text, "s \"S");
        assert!(shown.contains("**sign-off**: not bound yet"), "{shown}");
    }

    #[test]
    fn prelude_definitions_and_property_keys() {
        let text = "argument a \"x\" { block: isolation }\n";
        let shown = hover_text(text, "isolation");
        assert!(
            shown.starts_with("block `isolation` (built into casec)"),
            "{shown}"
        );
        assert!(shown.contains("**requires**: `channels_argued`"), "{shown}");
        let key = hover_text(text, "block");
        assert!(key.starts_with("**block**: The building block"), "{key}");
    }
}
