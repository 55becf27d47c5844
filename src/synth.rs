//! Synthetic cases for benchmarks and scale tests: valid, clean cases of any
//! size, shaped like real ones (outcomes × subsystems, then a tree of
//! inability arguments, claims and evidence, with shared evidence).

use std::fmt::Write;

/// A clean case with about `elements` claims, arguments and evidence. Its
/// deployment window runs to 2099, so that it stays clean on any check date.
pub fn generate(elements: usize) -> String {
    generate_with_risk(elements, None)
}

/// Like [`generate`], with every evidence element stating `risk`, so that
/// every claim has a computed bound (for the risk benchmark).
pub fn generate_quantified(elements: usize, risk: &str) -> String {
    generate_with_risk(elements, Some(risk))
}

fn generate_with_risk(elements: usize, risk: Option<&str>) -> String {
    let risk_line = risk.map_or_else(String::new, |r| format!("  risk: {r}\n"));
    let mut out = String::with_capacity(elements * 160);
    out.push_str(
        "case synthetic \"A synthetic case for benchmarks\" { threshold: 1e-3 }\n\n\
         decision deploy \"Deploy the agents internally\" {\n  setting: \"internal\"\n  access: \"staff\"\n  window: 2026-01-01 to 2099-12-31\n}\n\n\
         component agent_a \"Agent A\" { kind: ai  trust: untrusted }\n\n\
         component agent_b \"Agent B\" { kind: ai  trust: untrusted }\n\n\
         subsystem sub_a \"Agent A's deployment\" { components: agent_a }\n\n\
         subsystem sub_b \"Agent B's deployment\" { components: agent_b }\n\n",
    );
    let outcomes = ["o0", "o1", "o2", "o3"];
    for o in outcomes {
        let _ = writeln!(out, "outcome {o} \"Unacceptable outcome {o}\"\n");
    }
    let mut roots = Vec::new();
    for o in outcomes {
        for (subject, joint) in [("sub_a", ""), ("sub_b", ""), ("sub_a, sub_b", "  joint\n")] {
            let id = format!("c{}", roots.len());
            let _ = writeln!(
                out,
                "claim {id} \"The subsystems cannot cause outcome {o}\" {{\n  about: {subject}\n  addresses: {o}\n{joint}  supported by: a{id}\n}}\n"
            );
            roots.push(id);
        }
    }
    let _ = writeln!(
        out,
        "claim top \"The deployment causes no unacceptable outcome\" {{\n  in context of: deploy\n  supported by: split\n}}\n\n\
         argument split \"Argue over each outcome and subsystem\" {{\n  supported by: {}\n}}\n",
        roots.join(", ")
    );
    let mut queue: std::collections::VecDeque<String> = roots.into();
    let mut made = 0usize;
    let mut evidence = 0usize;
    while let Some(claim) = queue.pop_front() {
        let mut children = Vec::new();
        for k in 0..3 {
            if made + queue.len() < elements {
                let child = format!("{claim}_{k}");
                let _ = writeln!(
                    out,
                    "claim {child} \"Sub-claim {k} of {claim}: the model fails proxy task family {k}\" {{\n  supported by: a{child}\n}}\n"
                );
                queue.push_back(child.clone());
                children.push(child);
                made += 1;
            }
        }
        // Leaves share evidence in pairs, as real cases reuse one eval run.
        if children.is_empty() {
            if evidence.is_multiple_of(2) {
                let _ = writeln!(
                    out,
                    "evidence e{evidence} \"Evaluation run {evidence}: 0 of 50 tasks solved\" {{\n  artifact: \"evals/run-{evidence}.json\"\n{risk_line}  shows: elicitation, anti_sandbagging, capability_margin\n}}\n"
                );
                made += 1;
            }
            children.push(format!("e{}", evidence - evidence % 2));
            evidence += 1;
        }
        let _ = writeln!(
            out,
            "argument a{claim} \"Capability evaluations rule out {claim}\" {{\n  category: inability\n  block: dangerous_capability_evals\n  supported by: {}\n}}\n",
            children.join(", ")
        );
        made += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantified_cases_have_a_bound_for_every_claim() {
        let text = generate_quantified(300, "1e-9");
        let compilation = crate::compile("synthetic.case", &text, crate::Options::default());
        assert!(
            compilation.diagnostics.is_empty(),
            "{:#?}",
            compilation.diagnostics.first()
        );
        let risk = &compilation.analysis.risk;
        assert!(risk.case_bound.is_some_and(|b| b > 0.0 && b < 1e-3));
        for (id, _) in compilation.case.of_kind(crate::ir::ElementKind::Claim) {
            assert!(risk.of(id).bound.is_some());
        }
    }

    #[test]
    fn generated_cases_are_clean_and_about_the_asked_size() {
        for size in [10, 500, 3000] {
            let text = generate(size);
            let compilation = crate::compile(
                "synthetic.case",
                &text,
                crate::Options {
                    strict: true,
                    ..Default::default()
                },
            );
            assert!(
                compilation.diagnostics.is_empty(),
                "{:#?}",
                &compilation.diagnostics[..3.min(compilation.diagnostics.len())]
            );
            let elements = compilation.case.case_elements().count();
            assert!(
                elements >= size && elements < size + size / 2 + 60,
                "{size} → {elements}"
            );
        }
    }
}
