//! Doubts raised against the argument (defeaters): what each challenges,
//! whether it fits, whether it is kept as residual doubt properly, whether
//! the dialogue goes round in a circle, and which doubts are still open on
//! what the case relies on. Where a defeater stands is computed by the
//! graph ([`Graph::defeat_state`](crate::ir::Graph::defeat_state)).

use super::Checker;
use crate::diagnostic::{Code, Diagnostic};
use crate::ir::{DefeatState, DefeaterAttrs, Doubt, Element, ElementId, ElementKind};

pub fn check(cx: &mut Checker) {
    let defeaters: Vec<ElementId> = cx
        .case
        .of_kind(ElementKind::Defeater)
        .map(|(id, _)| id)
        .collect();
    let mut on_cycle = vec![false; cx.case.elements.len()];
    for member in cx.graph.defeat_cycles.iter().flatten() {
        on_cycle[member.index()] = true;
    }
    for &id in &defeaters {
        let element = cx.case.get(id);
        let Some(defeater) = element.defeater() else {
            continue;
        };
        target(cx, id, element, defeater);
        acceptance(cx, id, element, defeater);
        if !on_cycle[id.index()] {
            open(cx, id, element, defeater);
        }
    }
    cycles(cx);
}

/// E0801: what the defeater challenges, and whether its kind of doubt fits.
fn target(cx: &mut Checker, id: ElementId, element: &Element, defeater: &DefeaterAttrs) {
    let name = &element.id;
    if defeater.challenges.is_none() && !cx.case.rejected(id, "challenges") {
        cx.report(
            Diagnostic::new(
                Code::BadChallenge,
                element.id_span,
                format!("defeater `{name}` challenges nothing"),
            )
            .label("no `challenges:`")
            .help("name the claim, argument or evidence the doubt is about: `challenges: ID`"),
        );
    }
    if defeater.doubt.is_none() && !cx.case.rejected(id, "doubt") {
        cx.report(
            Diagnostic::new(
                Code::BadChallenge,
                element.id_span,
                format!("defeater `{name}` does not say what kind of doubt it is"),
            )
            .label("no `doubt:`")
            .help(format!(
                "add `doubt:` with one of {}",
                Doubt::NAMES
                    .iter()
                    .map(|w| format!("`{w}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        );
    }
    let Some(challenged) = defeater.challenges.as_ref() else {
        return;
    };
    let Some(target) = challenged.target.map(|t| cx.case.get(t)) else {
        return;
    };
    if let Some(link) = &defeater.link {
        if link.target.is_some() && !target.supported_by.iter().any(|r| r.target == link.target) {
            let support = if target.supported_by.is_empty() {
                format!("`{}` is supported by nothing", target.id)
            } else {
                format!(
                    "`{}` is supported by {}",
                    target.id,
                    target
                        .supported_by
                        .iter()
                        .map(|r| format!("`{}`", r.name))
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            };
            cx.report(
                Diagnostic::new(
                    Code::BadChallenge,
                    link.span,
                    format!(
                        "defeater `{name}` challenges a link that does not exist: `{}` is not in the support of `{}`",
                        link.name, target.id
                    ),
                )
                .label("no such support link")
                .secondary(target.id_span, support)
                .help(format!(
                    "`link:` names one element of `{}`'s `supported by`; to doubt `{}` itself, challenge it directly",
                    target.id, link.name
                )),
            );
        }
    }
    let Some(doubt) = &defeater.doubt else { return };
    let linked = defeater.link.is_some();
    let fits = match doubt.value {
        Doubt::Rebuts => target.kind == ElementKind::Claim && !linked,
        Doubt::Undermines => target.kind == ElementKind::Evidence && !linked,
        Doubt::Undercuts => linked || target.kind == ElementKind::Argument,
    };
    if fits {
        return;
    }
    let instead = if linked {
        "a support link is undercut: `doubt: undercuts`"
    } else {
        match target.kind {
            ElementKind::Claim => "a claim is rebutted (`doubt: rebuts`), or one of its support links undercut (`doubt: undercuts` with `link:`)",
            ElementKind::Evidence => "evidence is undermined: `doubt: undermines`",
            _ => "an argument is undercut: `doubt: undercuts`",
        }
    };
    let challenged_what = if linked {
        format!(
            "the link from `{}` to `{}`",
            defeater.link.as_ref().map_or("", |l| l.name.as_str()),
            target.id
        )
    } else {
        format!("{} `{}`", target.kind.as_str(), target.id)
    };
    cx.report(
        Diagnostic::new(
            Code::BadChallenge,
            doubt.span,
            format!(
                "defeater `{name}` {} {challenged_what}, which cannot be {}",
                doubt.value.as_str(),
                participle(doubt.value)
            ),
        )
        .label(format!(
            "`{}` does not fit what is challenged",
            doubt.value.as_str()
        ))
        .secondary(
            target.id_span,
            format!("`{}` is {}", target.id, target.kind.with_article()),
        )
        .help(instead),
    );
}

fn participle(doubt: Doubt) -> &'static str {
    match doubt {
        Doubt::Rebuts => "rebutted: only a claim is",
        Doubt::Undermines => "undermined: only evidence is",
        Doubt::Undercuts => "undercut: only an argument or a support link is",
    }
}

/// E0803: residual doubt needs a rationale, an owner and, in a quantified
/// case, its risk.
fn acceptance(cx: &mut Checker, id: ElementId, element: &Element, defeater: &DefeaterAttrs) {
    let name = &element.id;
    let quantified = cx
        .case
        .header()
        .and_then(|(_, h)| h.case_attrs()?.threshold.as_ref())
        .is_some();
    let Some(accepted) = &defeater.accepted else {
        let stray = defeater
            .owner
            .as_ref()
            .map(|o| (o.span, "`owner`"))
            .or(defeater.risk.as_ref().map(|r| (r.span, "`risk`")));
        if let Some((span, what)) = stray {
            cx.report(
                Diagnostic::new(
                    Code::IncompleteAcceptance,
                    span,
                    format!("defeater `{name}` gives {what} for a residual doubt, but does not accept it"),
                )
                .label("residual doubt not accepted")
                .help("say why the doubt is acceptable with `accepted: \"…\"`, or remove this"),
            );
        }
        return;
    };
    let mut missing: Vec<&str> = Vec::new();
    if accepted.value.trim().is_empty() {
        missing.push("a rationale (the text of `accepted:` is empty)");
    }
    if defeater
        .owner
        .as_ref()
        .is_none_or(|o| o.value.trim().is_empty())
        && !cx.case.rejected(id, "owner")
    {
        missing.push("an `owner:`");
    }
    if quantified && defeater.risk.is_none() && !cx.case.rejected(id, "risk") {
        missing.push("a `risk:` (the case has a threshold)");
    }
    if missing.is_empty() {
        return;
    }
    let list = crate::ir::properties::join_or(&missing).replace(" or ", " and ");
    cx.report(
        Diagnostic::new(
            Code::IncompleteAcceptance,
            accepted.span,
            format!("defeater `{name}` is accepted as residual doubt without {list}"),
        )
        .label("accepted here")
        .note("until it has them the doubt stays open")
        .help("residual doubt is a decision someone answers for: `owner: \"who\"`, and the residual `risk:` it leaves where the case is quantified"),
    );
}

/// W0802: an open doubt on what the case relies on.
fn open(cx: &mut Checker, id: ElementId, element: &Element, defeater: &DefeaterAttrs) {
    if cx.graph.defeat_state(cx.case, id) != Some(DefeatState::Open) {
        return;
    }
    let Some(challenged) = defeater.challenges.as_ref() else {
        return;
    };
    let Some(target_id) = challenged.target else {
        return;
    };
    // What the top claim reaches, through supporting arguments too: an
    // open doubt leaves the element, and all above it, not developed.
    if !cx.reaches(target_id) {
        return;
    }
    // A link that does not exist is E0801's, and one that did not resolve
    // has been reported.
    if let Some(link) = &defeater.link {
        let exists = link.target.is_some_and(|l| {
            cx.case
                .get(target_id)
                .supported_by
                .iter()
                .any(|r| r.target == Some(l))
        });
        if !exists {
            return;
        }
    }
    let target = cx.case.get(target_id);
    let what = match &defeater.link {
        Some(link) => format!("the support of `{}` by `{}`", target.id, link.name),
        None => format!("{} `{}`", target.kind.as_str(), target.id),
    };
    let mut diagnostic = Diagnostic::new(
        Code::OpenDefeater,
        element.id_span,
        format!("open doubt `{}` against {what}", element.id),
    )
    .label(if !element.supported_by.is_empty() {
        "its answer does not stand"
    } else if defeater.accepted.is_some() {
        "accepted, but without what acceptance takes"
    } else {
        "nothing answers this doubt yet"
    })
    .secondary(
        target.id_span,
        format!(
            "`{}` counts as not developed while the doubt is open",
            target.id
        ),
    );
    // Why answers given do not refute it.
    let standing: Vec<String> = cx.graph.children[id.index()]
        .iter()
        .filter(|a| !cx.graph.developed[a.index()])
        .map(|a| format!("`{}`", cx.case.get(*a).id))
        .collect();
    if !element.supported_by.is_empty() {
        diagnostic = diagnostic.note(format!(
            "its answer does not stand yet: {} {} not developed, or challenged by a doubt of its own that is open",
            standing.join(", "),
            if standing.len() == 1 { "is" } else { "are" }
        ));
    }
    if defeater.accepted.is_some() {
        diagnostic = diagnostic.note(format!(
            "its acceptance is incomplete ({}), so it does not count as accepted",
            Code::IncompleteAcceptance
        ));
    }
    cx.report(diagnostic.help(
        "answer it with `supported by:` claims or evidence that refute it, or keep it as residual doubt: `accepted: \"why\"` with an `owner:`",
    ));
}

/// E0804: a dialogue that goes round in a circle.
fn cycles(cx: &mut Checker) {
    for cycle in &cx.graph.defeat_cycles {
        let Some(at) = cycle
            .iter()
            .position(|m| cx.case.get(*m).kind == ElementKind::Defeater)
        else {
            continue;
        };
        // From the doubt: its answer, what that rests on, … what it doubts.
        let mut cycle = cycle.clone();
        cycle.rotate_left(at);
        let first = cycle[0];
        let defeater = cx.case.get(first);
        let shown = cycle.len().min(8);
        let path: Vec<&str> = cycle
            .iter()
            .take(shown)
            .map(|m| cx.case.get(*m).id.as_str())
            .collect();
        let more = if cycle.len() > shown {
            format!(" … ({} more)", cycle.len() - shown)
        } else {
            String::new()
        };
        let mut diagnostic = Diagnostic::new(
            Code::DefeatCycle,
            defeater.id_span,
            format!(
                "doubt `{}` is answered by what it calls into question: {}{more} → {}",
                defeater.id,
                path.join(" → "),
                path.first().copied().unwrap_or_default()
            ),
        )
        .label("this doubt's answer rests on what it challenges");
        for member in cycle.iter().take(shown).filter(|m| **m != first) {
            let element = cx.case.get(*member);
            diagnostic = diagnostic.secondary(
                element.id_span,
                format!("`{}` is on the circle", element.id),
            );
        }
        cx.report(diagnostic.help(
            "answer the doubt with claims and evidence that do not rest on the element it challenges",
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Code;
    use crate::ir::DefeatState;
    use crate::{Compilation, Options};

    const BASE: &str = "claim top \"T\" { supported by: e }\nevidence e \"E\"\n";

    fn compile(extra: &str) -> Compilation {
        crate::compile("t.case", format!("{BASE}{extra}"), Options::default())
    }

    fn state(c: &Compilation, id: &str) -> Option<DefeatState> {
        c.graph.defeat_state(&c.case, c.case.names[id])
    }

    /// The findings of doubts and sign-offs (and refuting results): the
    /// fragments have no header, decision or outcomes.
    fn codes(c: &Compilation) -> Vec<Code> {
        c.diagnostics
            .iter()
            .map(|d| d.code)
            .filter(|k| {
                k.family() == crate::diagnostic::Family::Review || *k == Code::ResultRefutesClaim
            })
            .collect()
    }

    #[test]
    fn answers_can_be_challenged_to_any_depth() {
        // d1 is answered by a, which d2 doubts; d2 is answered by b, which d3
        // doubts, and nothing answers d3: every level stays open.
        let chain = "defeater d1 \"1\" { challenges: top doubt: rebuts supported by: a }\n\
            claim a \"A\" { supported by: ea }\nevidence ea \"EA\"\n\
            defeater d2 \"2\" { challenges: a doubt: rebuts supported by: b }\n\
            claim b \"B\" { supported by: eb }\nevidence eb \"EB\"\n\
            defeater d3 \"3\" { challenges: eb doubt: undermines }\n";
        let c = compile(chain);
        for d in ["d1", "d2", "d3"] {
            assert_eq!(state(&c, d), Some(DefeatState::Open), "{d}");
        }
        assert!(!c.graph.developed[c.case.names["top"].index()]);
        let open = codes(&c)
            .iter()
            .filter(|k| **k == Code::OpenDefeater)
            .count();
        assert_eq!(open, 3, "{:#?}", c.diagnostics);
        // Answering the deepest doubt refutes every level, and the top claim
        // is developed again.
        let answered = chain.replace(
            "doubt: undermines }",
            "doubt: undermines supported by: ec }\nevidence ec \"EC\"",
        );
        let c = compile(&answered);
        for d in ["d1", "d2", "d3"] {
            assert_eq!(state(&c, d), Some(DefeatState::Refuted), "{d}");
        }
        assert!(c.graph.developed[c.case.names["top"].index()]);
        assert!(codes(&c).is_empty(), "{:#?}", c.diagnostics);
    }

    #[test]
    fn an_accepted_doubt_stops_the_chain_and_an_incomplete_one_does_not() {
        let c = compile(
            "defeater d \"D\" { challenges: top doubt: rebuts accepted: \"why\" owner: \"who\" }\n",
        );
        assert_eq!(state(&c, "d"), Some(DefeatState::Accepted));
        assert!(codes(&c).is_empty(), "{:#?}", c.diagnostics);
        let c = compile("defeater d \"D\" { challenges: top doubt: rebuts accepted: \"why\" }\n");
        assert_eq!(state(&c, "d"), Some(DefeatState::Open));
        assert_eq!(codes(&c), [Code::OpenDefeater, Code::IncompleteAcceptance]);
    }

    #[test]
    fn counter_evidence_answers_no_doubt() {
        let c = compile(
            "defeater d \"D\" { challenges: e doubt: undermines supported by: rerun }\n\
             evidence rerun \"4 of 5\" { result: 4 trials: 5 criterion: 3 refutes: at_or_above }\n",
        );
        assert!(c.graph.counter[c.case.names["rerun"].index()]);
        assert_eq!(state(&c, "d"), Some(DefeatState::Open));
        assert!(codes(&c).contains(&Code::ResultRefutesClaim));
        assert!(codes(&c).contains(&Code::OpenDefeater));
    }

    #[test]
    fn a_dialogue_in_a_circle_is_one_error_and_no_open_doubt_echo() {
        let c = compile(
            "defeater d \"D\" { challenges: e doubt: undermines supported by: m }\n\
             claim m \"M\" { supported by: e }\n",
        );
        assert_eq!(codes(&c), [Code::DefeatCycle], "{:#?}", c.diagnostics);
        assert_eq!(state(&c, "d"), Some(DefeatState::Open));
    }
}
