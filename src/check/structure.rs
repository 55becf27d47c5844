//! Structure: cycles, unsupported elements, the top claim, reachability.

use super::Checker;
use crate::diagnostic::{Applicability, Code, Diagnostic, Fix};
use crate::ir::{ElementId, ElementKind};

pub fn check(cx: &mut Checker) {
    cycles(cx);
    context_cycles(cx);
    unsupported(cx);
    top_claim(cx);
    unreachable(cx);
}

/// How many elements of a support cycle, or top claims, are named and
/// labelled: a long list is shown by a few and a count.
const SHOWN: usize = 8;

fn cycles(cx: &mut Checker) {
    for cycle in &cx.graph.cycles {
        let (Some(&first), Some(&last)) = (cycle.first(), cycle.last()) else {
            continue;
        };
        let closing = cx.case.get(last);
        let Some(link) = closing
            .supported_by
            .iter()
            .find(|r| r.target == Some(first))
        else {
            continue;
        };
        // A long cycle is shown by its ends, in the message and the labels,
        // so that both stay readable however many elements go round.
        let (head, tail) = if cycle.len() <= SHOWN {
            (cycle.as_slice(), &[][..])
        } else {
            (&cycle[..SHOWN / 2], &cycle[cycle.len() - SHOWN / 2..])
        };
        let name = |id: &ElementId| cx.case.get(*id).id.as_str();
        let names = |ids: &[ElementId]| ids.iter().map(name).collect::<Vec<_>>().join(" → ");
        let path = if tail.is_empty() {
            format!("{} → {}", names(head), name(&first))
        } else {
            format!(
                "{} → … ({} more) … → {} → {}",
                names(head),
                cycle.len() - SHOWN,
                names(tail),
                name(&first)
            )
        };
        let mut diagnostic = Diagnostic::new(
            Code::SupportCycle,
            link.span,
            format!("support cycle: {path}"),
        )
        .label(format!(
            "`{}` is supported by `{}` here, closing the circle",
            closing.id, link.name
        ));
        // The closing element has the primary label.
        for id in head.iter().chain(tail).filter(|id| **id != last) {
            let element = cx.case.get(*id);
            diagnostic =
                diagnostic.secondary(element.id_span, format!("`{}` is on the cycle", element.id));
        }
        cx.report(diagnostic.help(
            "an element cannot rest on itself: remove one of the `supported by` links on the cycle",
        ));
    }
}

/// A cycle through `in context of`: what an element is read in the context
/// of rests, through its support, on that element.
fn context_cycles(cx: &mut Checker) {
    for cycle in cx.graph.context_cycles() {
        let (Some(&context), Some(&reader)) = (cycle.first(), cycle.last()) else {
            continue;
        };
        let Some(link) = cx
            .case
            .get(reader)
            .in_context_of
            .iter()
            .find(|r| r.target == Some(context))
        else {
            continue;
        };
        let name = |id: ElementId| cx.case.get(id).id.as_str();
        let step = |pair: &[ElementId]| {
            let how = if cx.graph.children[pair[0].index()].contains(&pair[1]) {
                "supported by"
            } else {
                "read in context of"
            };
            format!("{how} `{}`", name(pair[1]))
        };
        let mut looped = cycle.clone();
        looped.push(context);
        let steps: Vec<String> = looped.windows(2).map(step).collect();
        let shown = if steps.len() <= SHOWN {
            steps.join(", ")
        } else {
            format!(
                "{}, … ({} more) …, {}",
                steps[..SHOWN / 2].join(", "),
                steps.len() - SHOWN,
                steps[steps.len() - SHOWN / 2..].join(", ")
            )
        };
        let mut diagnostic = Diagnostic::new(
            Code::CircularJustification,
            link.span,
            format!("circular justification: `{}`, {shown}", name(context)),
        )
        .label(format!(
            "`{}` is read in context of `{}` here, closing the circle",
            name(reader),
            name(context)
        ));
        let labelled = cycle.len().min(SHOWN);
        for id in cycle.iter().take(labelled).filter(|id| **id != reader) {
            let element = cx.case.get(*id);
            diagnostic =
                diagnostic.secondary(element.id_span, format!("`{}` is on the cycle", element.id));
        }
        cx.report(diagnostic.help(format!(
            "what `{}` is justified by cannot assume it: support it with claims or evidence that do not rest on it, or remove this `in context of` link",
            name(context)
        )));
    }
}

fn unsupported(cx: &mut Checker) {
    for (id, element) in cx.case.case_elements() {
        let undeveloped = match (element.claim(), element.argument()) {
            (Some(claim), _) => claim.undeveloped,
            (_, Some(argument)) => argument.undeveloped,
            _ => continue,
        };
        let kind = element.kind.as_str();
        let public = element.claim().and_then(|c| c.public);
        match undeveloped {
            None if element.supported_by.is_empty() && public.is_some() => cx.report(
                Diagnostic::new(
                    Code::PublicClaimNotDeveloped,
                    element.id_span,
                    format!("public claim `{}` is developed by no module of this project", element.id),
                )
                .label("public: another module was to develop it")
                .help(format!(
                    "import the module that develops it (it writes `develops: {}` on what supports it), or mark the claim `undeveloped` until that argument is written",
                    element.id
                )),
            ),
            Some(flag) => cx.report(
                Diagnostic::new(Code::Undeveloped, flag, format!("{kind} `{}` is undeveloped", element.id))
                    .label("marked undeveloped")
                    .note("the case is incomplete here; `--strict` makes this an error"),
            ),
            None if element.supported_by.is_empty() => cx.report(
                Diagnostic::new(Code::UnsupportedElement, element.id_span, format!("{kind} `{}` has no support", element.id))
                    .label(format!("this {kind} is not supported by anything"))
                    .fix(Fix::new(
                        Applicability::Suggested,
                        format!("mark `{}` undeveloped", element.id),
                        vec![super::add_property(element, "undeveloped")],
                    ))
                    .help(format!(
                        "add `supported by: …` with the {} it rests on, or mark it `undeveloped` if it is not written yet",
                        if element.kind == ElementKind::Claim { "arguments, claims or evidence" } else { "claims or evidence" }
                    )),
            ),
            // Every premise resolved and is a supporting argument: the
            // element adds confidence, but nothing it relies on holds it up.
            None if cx.graph.children[id.index()].len() == element.supported_by.len()
                && cx.graph.premises(id).next().is_none() =>
            {
                cx.report(
                    Diagnostic::new(
                        Code::UnsupportedElement,
                        element.id_span,
                        format!("{kind} `{}` rests only on supporting arguments", element.id),
                    )
                    .label(format!("nothing this {kind} relies on supports it"))
                    .note("a `supporting` argument adds confidence, but the case does not rely on it: it counts in no bound and discharges no obligation")
                    .help("support it with an argument the case relies on as well, or remove `supporting` from the one that carries it"),
                )
            }
            None => {}
        }
    }
}

fn top_claim(cx: &mut Checker) {
    let declared = cx
        .case
        .header()
        .and_then(|(_, h)| h.case_attrs()?.top.clone());
    if declared.is_some() {
        return;
    }
    let roots = &cx.graph.roots;
    if cx.case.of_kind(ElementKind::Claim).next().is_none() {
        if cx.case.has_unparsed(ElementKind::Claim) {
            return;
        }
        let span = cx.file_span();
        cx.report(
            Diagnostic::new(Code::TopClaim, span, "the case has no claim")
                .label("this case argues for nothing yet")
                .help("state the top claim: `claim safe \"The deployment will not cause an unacceptable outcome\"`"),
        );
        return;
    }
    if roots.len() > 1 {
        let first = cx.case.get(roots[0]);
        let mut diagnostic = Diagnostic::new(
            Code::TopClaim,
            first.id_span,
            format!(
                "the case has {} top claims: {}",
                roots.len(),
                cx.ids(roots, SHOWN)
            ),
        )
        .label("supports nothing, so it is a top claim");
        for root in roots.iter().take(SHOWN).skip(1) {
            let element = cx.case.get(*root);
            diagnostic = diagnostic.secondary(element.id_span, "also supports nothing");
        }
        cx.report(diagnostic.help(
            "support all but one of them from the argument, or name the top claim in the header: `top: CLAIM`",
        ));
    } else if roots.is_empty() {
        let span = cx.file_span();
        cx.report(
            Diagnostic::new(Code::TopClaim, span, "every claim supports another claim, so there is no top claim")
                .label("no top claim in this case")
                .help(format!("the support links go round in a circle (see {}) or end in an assumption; name the top claim in the header: `top: CLAIM`", Code::SupportCycle)),
        );
    }
}

fn unreachable(cx: &mut Checker) {
    // Without one top claim, or with a broken link (the likely reason), the
    // cause's own error says enough.
    let Some(top) = cx.graph.top.filter(|_| cx.reach_known) else {
        return;
    };
    let top_name = &cx.case.get(top).id;
    let mut found: Vec<ElementId> = Vec::new();
    for (id, element) in cx.case.case_elements() {
        let gsn_node = matches!(
            element.kind,
            ElementKind::Claim
                | ElementKind::Argument
                | ElementKind::Evidence
                | ElementKind::Context
                | ElementKind::Assumption
                | ElementKind::Justification
        );
        // Among several top claims only the first is reported (by E0305).
        if gsn_node && !cx.reaches(id) {
            found.push(id);
        }
    }
    for id in found {
        let element = cx.case.get(id);
        cx.report(
            Diagnostic::new(
                Code::Unreachable,
                element.id_span,
                format!("{} `{}` is not part of the argument for `{top_name}`", element.kind.as_str(), element.id),
            )
            .label("nothing reachable from the top claim links here")
            .help(match element.kind {
                ElementKind::Context | ElementKind::Assumption | ElementKind::Justification => {
                    "link it from the claim or argument it applies to with `in context of:`, or remove it"
                }
                _ => "link it with `supported by:` from the claim or argument it supports, or remove it",
            }),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::{compile, Options};

    #[test]
    fn a_long_cycle_is_named_and_labelled_by_its_ends() {
        let mut text = String::from("case c \"C\"\noutcome o \"O\"\n");
        for i in 0..12 {
            text.push_str(&format!(
                "claim c{i} \"L\" {{ supported by: c{} }}\n",
                (i + 1) % 12
            ));
        }
        let compilation = compile("cycle.case", text, Options::default());
        let cycle = compilation
            .diagnostics
            .iter()
            .find(|d| d.code == Code::SupportCycle)
            .expect("the cycle is reported");
        assert_eq!(
            cycle.message,
            "support cycle: c0 → c1 → c2 → c3 → … (4 more) … → c8 → c9 → c10 → c11 → c0"
        );
        let labelled: Vec<&str> = cycle.secondary.iter().map(|l| l.message.as_str()).collect();
        let expected: Vec<String> = [0, 1, 2, 3, 8, 9, 10]
            .iter()
            .map(|i| format!("`c{i}` is on the cycle"))
            .collect();
        assert_eq!(labelled, expected);
    }

    #[test]
    fn many_top_claims_are_named_and_labelled_alike() {
        let mut text = String::from("case c \"C\"\n");
        for i in 0..20 {
            text.push_str(&format!("claim t{i} \"T\" {{ undeveloped }}\n"));
        }
        let compilation = compile("tops.case", text, Options::default());
        let tops = compilation
            .diagnostics
            .iter()
            .find(|d| d.code == Code::TopClaim)
            .expect("the top claims are reported");
        assert!(
            tops.message
                .starts_with("the case has 20 top claims: `t0`, `t1`")
                && tops.message.ends_with("`t7` and 12 more"),
            "{}",
            tops.message
        );
        // The first has the primary label, the other seven named ones theirs.
        assert_eq!(tops.secondary.len(), 7);
    }
}
