//! `casec check --explain-risk CLAIM`: how a claim's risk bound and strength
//! were derived, as an indented tree of its support (id, kind, rule, value).
//! Shared support is expanded once; later occurrences point back to it.

use crate::analysis::risk::{format_probability, Rule};
use crate::analysis::strength::block_strength;
use crate::compile::Compilation;
use crate::diagnostic::Code;
use crate::ir::{Combine, ElementId, ElementKind};
use std::collections::HashSet;
use std::fmt::Write;

/// How many levels the tree shows: the indentation of a deep chain would
/// otherwise grow with the square of its depth.
const MAX_DEPTH: usize = 40;

/// The derivation tree below `root`, one line per element.
pub fn explain(c: &Compilation, root: ElementId) -> String {
    let mut out = String::new();
    let mut shown = HashSet::new();
    let mut stack = vec![(root, 0usize)];
    while let Some((id, depth)) = stack.pop() {
        let indent = "  ".repeat(depth);
        let _ = write!(out, "{indent}{}", line(c, id));
        if !shown.insert(id) {
            out.push_str(" (derived above)\n");
            continue;
        }
        out.push('\n');
        if depth == MAX_DEPTH && !c.graph.children[id.index()].is_empty() {
            let _ = writeln!(
                out,
                "{indent}  … deeper support not shown: `--explain-risk {}` goes on from here",
                c.case.get(id).id
            );
            continue;
        }
        for child in c.graph.children[id.index()].iter().rev() {
            stack.push((*child, depth + 1));
        }
    }
    if c.graph.top == Some(root) {
        summary(c, &mut out);
    }
    out
}

fn line(c: &Compilation, id: ElementId) -> String {
    let element = c.case.get(id);
    let node = c.analysis.risk.of(id);
    let premises = c.graph.children[id.index()].len();
    let mut risk = risk_text(c.analysis.risk.shown(&c.case, id));
    if let (Rule::Combined(how), Some(_)) = (node.rule, node.bound) {
        risk.push_str(&arithmetic(c, id, how));
    }
    let residual = residual(c, id);
    if !residual.is_empty() && node.bound.is_some() {
        if !risk.contains(" = ") {
            let own = match (node.rule, element.stated_risk()) {
                (Rule::Stated | Rule::StatedAboveSupport, Some(stated)) => {
                    stated.value.written.clone()
                }
                _ => node
                    .bound
                    .map(|b| {
                        format_probability((b - c.analysis.risk.residual[id.index()]).max(0.0))
                    })
                    .unwrap_or_default(),
            };
            let _ = write!(risk, " = {own}");
        }
        for (defeater, value) in &residual {
            let _ = write!(risk, " + {value} (accepted doubt `{defeater}`)");
        }
    }
    let mut rule = node.rule.describe(&c.case, premises);
    let accepted_doubt = c.analysis.risk.residual[id.index()] > 0.0;
    if let Some(computed) = node
        .computed
        .filter(|_| node.bound != node.computed && !accepted_doubt)
    {
        let _ = write!(rule, "; support gives {}", format_probability(computed));
    }
    if element.combine().map(|c| c.value) == Some(Combine::Independent) {
        let justifications: Vec<String> = c.graph.contexts[id.index()]
            .iter()
            .filter(|j| c.case.get(**j).kind == ElementKind::Justification)
            .map(|j| format!("`{}`", c.case.get(*j).id))
            .collect();
        if justifications.is_empty() {
            let _ = write!(
                rule,
                "; independence not justified ({})",
                Code::UnjustifiedIndependence
            );
        } else {
            let _ = write!(
                rule,
                "; independence justified by {}",
                justifications.join(", ")
            );
        }
    }
    format!(
        "{} {}: {risk} [{rule}], {}",
        element.kind.as_str(),
        element.id,
        strength(c, id)
    )
}

/// The accepted doubts against an element that state a residual risk: their
/// ids and risks as written.
fn residual(c: &Compilation, id: ElementId) -> Vec<(String, String)> {
    c.graph.challengers[id.index()]
        .iter()
        .filter(|d| c.graph.defeat_state(&c.case, **d) == Some(crate::ir::DefeatState::Accepted))
        .filter_map(|d| {
            let element = c.case.get(*d);
            let risk = element.defeater()?.risk.as_ref()?;
            Some((element.id.to_string(), risk.value.written.clone()))
        })
        .collect()
}

/// How many premises an arithmetic expression spells out.
const TERMS: usize = 8;

/// ` = a + b`, ` = min(a, b)` or ` = a × b`: the combination of the premises'
/// bounds, for two or more premises (one premise's bound is its own).
fn arithmetic(c: &Compilation, id: ElementId, how: Combine) -> String {
    let children = &c.graph.children[id.index()];
    if children.len() < 2 {
        return String::new();
    }
    let mut terms: Vec<String> = children
        .iter()
        .take(TERMS)
        .map(|child| {
            c.analysis
                .risk
                .shown(&c.case, *child)
                .unwrap_or_else(|| "unknown".to_string())
        })
        .collect();
    if children.len() > TERMS {
        terms.push(format!("… ({} more)", children.len() - TERMS));
    }
    match how {
        Combine::All => {
            let sum = terms.join(" + ");
            let total: f64 = children
                .iter()
                .filter_map(|child| c.analysis.risk.of(*child).bound)
                .sum();
            if total > 1.0 {
                format!(" = min(1, {sum})")
            } else {
                format!(" = {sum}")
            }
        }
        Combine::Any => format!(" = min({})", terms.join(", ")),
        Combine::Independent | Combine::Chain => format!(" = {}", terms.join(" × ")),
    }
}

fn risk_text(bound: Option<String>) -> String {
    match bound {
        Some(bound) => format!("risk ≤ {bound}"),
        None => "risk unknown".to_string(),
    }
}

fn strength(c: &Compilation, id: ElementId) -> String {
    let Some((rating, source)) = c.analysis.strength.of(id).max else {
        return "strength unrated".to_string();
    };
    let block = c
        .case
        .get(source)
        .argument()
        .and_then(|a| a.block.as_ref())
        .map_or("", |b| b.name.as_str());
    let from = if source == id && block_strength(&c.case, id).is_some() {
        format!("its block `{block}`")
    } else {
        format!("block `{block}` of `{}`", c.case.get(source).id)
    };
    format!("strength {} [{from}]", rating.as_str())
}

/// For the top claim: the paper's decomposition and the case's bound.
fn summary(c: &Compilation, out: &mut String) {
    let risk = &c.analysis.risk;
    let value = |b: Option<f64>| b.map_or_else(|| "unknown".to_string(), format_probability);
    for outcome in &risk.outcomes {
        let terms: Vec<String> = outcome
            .terms
            .iter()
            .map(|t| {
                let part = t
                    .subsystem
                    .map_or_else(|| "joint".to_string(), |s| c.case.get(s).id.to_string());
                let claim = t.claim.map_or_else(
                    || "no claim".to_string(),
                    |id| format!("`{}`", c.case.get(id).id),
                );
                let bound = t.claim.and_then(|id| risk.shown(&c.case, id));
                format!("{part} {} ({claim})", bound.as_deref().unwrap_or("unknown"))
            })
            .collect();
        let _ = writeln!(
            out,
            "outcome {}: {} = {}",
            c.case.get(outcome.outcome).id,
            risk_text(outcome.bound.map(format_probability)),
            terms.join(" + ")
        );
    }
    let threshold = c
        .case
        .header()
        .and_then(|(_, h)| h.case_attrs()?.threshold.as_ref())
        .map(|t| format!(", threshold {}", t.value.written))
        .unwrap_or_default();
    let decomposed = if risk.outcomes.is_empty() {
        String::new()
    } else {
        format!(", over outcomes {}", value(risk.decomposed))
    };
    let _ = writeln!(
        out,
        "case: {} (the larger of the top claim's {}{decomposed}){threshold}",
        risk_text(risk.case_bound.map(format_probability)),
        value(c.graph.top.and_then(|t| risk.of(t).bound)),
    );
}

/// The claim called `name`, if the case has one.
/// The claim or argument called `name`: both have a derivation to explain.
pub fn find_explainable(c: &Compilation, name: &str) -> Result<ElementId, Option<String>> {
    let explainable = |kind| matches!(kind, ElementKind::Claim | ElementKind::Argument);
    if let Some(id) = c
        .case
        .lookup(name)
        .filter(|id| explainable(c.case.get(*id).kind))
    {
        return Ok(id);
    }
    // Else the nearest such id, for a did-you-mean.
    let candidates = c
        .case
        .case_elements()
        .filter(|(_, e)| explainable(e.kind))
        .map(|(_, e)| e.id.as_str());
    Err(crate::suggest::closest(name, candidates).map(str::to_string))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::{compile, Options};

    #[test]
    fn the_tree_shows_each_rule_and_value_and_shared_support_once() {
        let text = "case c \"t\" { threshold: 1e-3 }\n\
            decision d \"d\" { window: 2026-01-01 to 2026-12-31 }\n\
            component m \"m\" { kind: ai }\nsubsystem s \"s\" { components: m }\noutcome o \"o\"\n\
            claim top \"t\" { about: s addresses: o supported by: arg, shared }\n\
            argument arg \"a\" { block: dangerous_capability_evals supported by: shared, e2 }\n\
            evidence shared \"1\" { risk: 1e-4 }\nevidence e2 \"2\" { risk: 2e-4 }\n";
        let c = compile("t.case", text, Options::default());
        let top = find_explainable(&c, "top").unwrap();
        insta::assert_snapshot!(explain(&c, top), @r"
        claim top: risk ≤ 4e-4 = 3e-4 + 1e-4 [all of 2 premises: sum, capped at 1], strength strong [block `dangerous_capability_evals` of `arg`]
          argument arg: risk ≤ 3e-4 = 1e-4 + 2e-4 [all of 2 premises: sum, capped at 1], strength strong [its block `dangerous_capability_evals`]
            evidence shared: risk ≤ 1e-4 [stated], strength unrated
            evidence e2: risk ≤ 2e-4 [stated], strength unrated
          evidence shared: risk ≤ 1e-4 [stated], strength unrated (derived above)
        outcome o: risk ≤ 4e-4 = s 4e-4 (`top`)
        case: risk ≤ 4e-4 (the larger of the top claim's 4e-4, over outcomes 4e-4), threshold 1e-3
        ");
    }

    #[test]
    fn a_deep_chain_is_shown_to_a_bounded_depth() {
        let mut text = String::new();
        for i in 0..3_000 {
            text.push_str(&format!(
                "claim c{i} \"t\" {{ supported by: c{} }}\n",
                i + 1
            ));
        }
        text.push_str("claim c3000 \"t\" { supported by: e }\nevidence e \"e\" { risk: 1e-4 }\n");
        let c = compile("t.case", text, Options::default());
        let tree = explain(&c, find_explainable(&c, "c0").unwrap());
        let lines: Vec<&str> = tree.lines().collect();
        // 41 levels, the note, and the case's summary (c0 is the top claim).
        assert_eq!(lines.len(), MAX_DEPTH + 3, "{tree}");
        assert!(
            lines[MAX_DEPTH + 1].ends_with("`--explain-risk c40` goes on from here"),
            "{tree}"
        );
        assert!(tree.len() < 10_000);
    }

    #[test]
    fn capped_sums_and_alternatives_show_their_arithmetic() {
        let text = "claim top \"t\" { supported by: capped, alts }\n\
            claim capped \"c\" { supported by: e1, e2 }\n\
            claim alts \"a\" { combine: any supported by: e3, e4 }\n\
            evidence e1 \"1\" { risk: 0.7 }\nevidence e2 \"2\" { risk: 60% }\n\
            evidence e3 \"3\" { risk: 0.2 }\nevidence e4 \"4\" { risk: 0.1 }\n";
        let c = compile("t.case", text, Options::default());
        let tree = explain(&c, find_explainable(&c, "top").unwrap());
        let lines: Vec<&str> = tree.lines().collect();
        assert!(
            lines[0].starts_with("claim top: risk ≤ 1 = min(1, 1 + 0.1) ["),
            "{tree}"
        );
        assert!(
            lines[1].starts_with("  claim capped: risk ≤ 1 = min(1, 0.7 + 60%) ["),
            "{tree}"
        );
        assert!(
            lines[4].starts_with("  claim alts: risk ≤ 0.1 = min(0.2, 0.1) ["),
            "{tree}"
        );
    }
}
