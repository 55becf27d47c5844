//! Argument categories and building blocks: the prelude's definitions applied
//! to each argument. Everything here reads the definitions (categories,
//! blocks, roles, topics) as data; no block or category is named in code.

use super::identity::{self, same_model};
use super::Checker;
use crate::analysis::strength::block_strength;
use crate::diagnostic::{Applicability, Code, Diagnostic, Edit, Fix};
use crate::ir::{ArgumentAttrs, Case, ElementId, ElementKind, Graph, Rating, Ref, Trust};
use crate::syntax::kinds::with_article;
use std::collections::{HashMap, HashSet};

/// Checks every argument; returns the components whose trust was found
/// circular (E0507), which the circles of [`super::vouching`] then skip.
pub fn check(cx: &mut Checker) -> HashSet<ElementId> {
    let facts = Facts::new(cx.case, cx.graph);
    let scopes = identity::scopes(cx, identity::Members::All);
    let arguments: Vec<ElementId> = cx
        .case
        .of_kind(ElementKind::Argument)
        .map(|(id, _)| id)
        .collect();
    let mut reported = Reported::default();
    for id in arguments {
        let Some(argument) = cx.case.get(id).argument() else {
            continue;
        };
        category_and_block(cx, id, argument);
        required_topics(cx, &facts, &scopes, &mut reported, id, argument);
        roles(cx, &facts, &mut reported, id, argument);
        weakest_premise(cx, id);
        scalability(cx, &facts, id, argument);
    }
    reported.self_trusted
}

/// Findings about a component made once, however many arguments rely on it.
#[derive(Default)]
struct Reported {
    /// Justifications found circular (E0507).
    circular: HashSet<ElementId>,
    /// The components those justify.
    self_trusted: HashSet<ElementId>,
    /// Trusted components that run an untrusted model (E0510).
    same_model: HashSet<ElementId>,
    /// Per trusted component: the first component the whole case treats as
    /// untrusted that runs its model, looked for once however many
    /// arguments bind it.
    untrusted_copy: HashMap<ElementId, Option<ElementId>>,
    /// Justifications searched for a component and found not to rely on
    /// it: one walk of a justification's support per component, however
    /// many arguments trust it.
    not_circular: HashSet<(ElementId, ElementId)>,
    /// Per topic and component, per element: whether it or an element below
    /// it shows the topic about the component. Computed once per pair, so
    /// that arguments over one shared subtree (monitors over one watchdog's
    /// justification) do not each walk it.
    shown_about: HashMap<(ElementId, ElementId), Vec<bool>>,
}

/// Facts computed bottom-up once, so that each rule is linear in the case.
struct Facts {
    /// Topic ids, indexed for the bitsets below.
    topic_index: HashMap<ElementId, usize>,
    words: usize,
    /// Per element: the topics it and everything below it show.
    shown: Vec<u64>,
    /// Per element: whether a `supported by` link at or below it failed to
    /// resolve (its findings would only echo that error).
    broken_below: Vec<bool>,
    /// Per component or subsystem: the claims directly about it, in source
    /// order (where its trust is justified, or fails to be).
    claims_about: HashMap<ElementId, Vec<ElementId>>,
    /// Components bound to an untrusted role anywhere: the systems under
    /// evaluation, which no advice may propose to trust.
    untrusted: HashSet<ElementId>,
    /// Per subsystem: its components.
    members: HashMap<ElementId, Vec<ElementId>>,
    /// The components, in source order.
    components: Vec<ElementId>,
}

fn block_rating(
    case: &Case,
    argument: &ArgumentAttrs,
    pick: fn(&crate::ir::BlockAttrs) -> Option<Rating>,
) -> Option<Rating> {
    let block = case.target(argument.block.as_ref()?)?.block()?;
    pick(block)
}

impl Facts {
    fn new(case: &Case, graph: &Graph) -> Facts {
        let topic_index: HashMap<ElementId, usize> = case
            .ids()
            .filter(|id| case.get(*id).kind == ElementKind::Topic)
            .enumerate()
            .map(|(i, id)| (id, i))
            .collect();
        let words = topic_index.len().div_ceil(64).max(1);
        let n = case.elements.len();
        let mut shown = vec![0u64; n * words];
        let mut broken_below = vec![false; n];
        for &node in &graph.post_order {
            let element = case.get(node);
            broken_below[node.index()] = element.supported_by.iter().any(|r| r.target.is_none())
                || graph.children[node.index()]
                    .iter()
                    .any(|c| broken_below[c.index()]);
            let base = node.index() * words;
            for topic in element.shows.iter().filter_map(|t| t.target) {
                if let Some(&i) = topic_index.get(&topic) {
                    shown[base + i / 64] |= 1 << (i % 64);
                }
            }
            for child in &graph.children[node.index()] {
                let child_base = child.index() * words;
                for w in 0..words {
                    shown[base + w] |= shown[child_base + w];
                }
            }
        }
        let mut claims_about: HashMap<ElementId, Vec<ElementId>> = HashMap::new();
        for (id, element) in case.of_kind(ElementKind::Claim) {
            for subject in element.claim().into_iter().flat_map(|c| &c.about) {
                if let Some(component) = subject.target {
                    claims_about.entry(component).or_default().push(id);
                }
            }
        }
        let untrusted = case
            .of_kind(ElementKind::Argument)
            .flat_map(|(_, a)| a.argument().into_iter().flat_map(|a| &a.roles))
            .filter(|b| {
                case.target(&b.role)
                    .and_then(|r| r.role()?.trust.as_ref())
                    .is_some_and(|t| t.value == Trust::Untrusted)
            })
            .filter_map(|b| b.component.target)
            .collect();
        let members = case
            .of_kind(ElementKind::Subsystem)
            .map(|(id, s)| {
                let parts = s
                    .subsystem()
                    .into_iter()
                    .flat_map(|s| &s.components)
                    .filter_map(|c| c.target)
                    .collect();
                (id, parts)
            })
            .collect();
        let components = case
            .of_kind(ElementKind::Component)
            .map(|(id, _)| id)
            .collect();
        Facts {
            topic_index,
            words,
            shown,
            broken_below,
            claims_about,
            untrusted,
            members,
            components,
        }
    }

    fn shows(&self, node: ElementId, topic: ElementId) -> bool {
        self.topic_index
            .get(&topic)
            .is_some_and(|&i| self.shown[node.index() * self.words + i / 64] & (1 << (i % 64)) != 0)
    }

    /// The components a claim's `about` names, subsystems expanded.
    fn subjects(&self, about: &[Ref]) -> Vec<ElementId> {
        let mut out = Vec::new();
        for target in about.iter().filter_map(|r| r.target) {
            out.push(target);
            out.extend(self.members.get(&target).into_iter().flatten().copied());
        }
        out
    }

    /// The components the claims an argument supports are about.
    fn argument_subjects(&self, case: &Case, graph: &Graph, argument: ElementId) -> Vec<ElementId> {
        graph.parents[argument.index()]
            .iter()
            .filter_map(|p| case.get(*p).claim())
            .flat_map(|c| self.subjects(&c.about))
            .collect()
    }
}

fn describe_argument(case: &Case, argument: &ArgumentAttrs) -> String {
    match case.argument_category(argument) {
        Some(category) => format!("{} argument", case.get(category).id),
        None => "argument".to_string(),
    }
}

fn category_and_block(cx: &mut Checker, id: ElementId, argument: &ArgumentAttrs) {
    let element = cx.case.get(id);
    match (&argument.category, &argument.block) {
        (Some(category), None) if argument.undeveloped.is_none() => {
            let blocks: Vec<String> = cx
                .case
                .definitions
                .values()
                .map(|d| cx.case.get(*d))
                .filter(|d| {
                    d.block().is_some_and(|b| {
                        b.categories
                            .iter()
                            .any(|c| c.target == category.target && c.target.is_some())
                    })
                })
                .map(|d| format!("`{}`", d.id))
                .collect::<std::collections::BTreeSet<_>>()
                .into_iter()
                .collect();
            let diagnostic = Diagnostic::new(
                Code::MissingBuildingBlock,
                category.span,
                format!(
                    "{} argument `{}` names no building block",
                    category.name, element.id
                ),
            )
            .label("the category alone does not say how the argument works");
            let diagnostic = if blocks.is_empty() {
                diagnostic
                    .help("add `block: …` naming a building block of this category, or declare one")
            } else {
                diagnostic.help(format!(
                    "add `block: …`; the {} blocks are {}",
                    category.name,
                    blocks.join(", ")
                ))
            };
            cx.report(diagnostic);
        }
        (Some(category), Some(block)) => {
            let (Some(category_id), Some(block_element)) = (category.target, cx.case.target(block))
            else {
                return;
            };
            let Some(block_attrs) = block_element.block() else {
                return;
            };
            if block_attrs
                .categories
                .iter()
                .any(|c| c.target == Some(category_id))
            {
                return;
            }
            let belongs: Vec<&str> = block_attrs
                .categories
                .iter()
                .map(|c| c.name.as_str())
                .collect();
            cx.report(
                Diagnostic::new(
                    Code::BlockCategoryMismatch,
                    block.span,
                    format!(
                        "building block `{}` is not a {} block",
                        block.name, category.name
                    ),
                )
                .label(format!("a block of category {}", belongs.join(" / ")))
                .secondary(
                    category.span,
                    format!("the argument is in category `{}`", category.name),
                )
                .help(format!(
                    "change the category to `{}`, or choose a {} block",
                    belongs.first().copied().unwrap_or("…"),
                    category.name
                )),
            );
        }
        _ => {}
    }
}

fn required_topics(
    cx: &mut Checker,
    facts: &Facts,
    scopes: &[Vec<ElementId>],
    reported: &mut Reported,
    id: ElementId,
    argument: &ArgumentAttrs,
) {
    // Undeveloped or unsupported arguments are reported as such already.
    let element = cx.case.get(id);
    if argument.undeveloped.is_some()
        || element.supported_by.is_empty()
        || facts.broken_below[id.index()]
    {
        return;
    }
    let case = cx.case;
    let mut missing = HashSet::new();
    for requirement in case.requirements(argument) {
        let Some(topic) = requirement.topic.target else {
            continue;
        };
        if !facts.shows(id, topic) {
            if missing.insert(topic) {
                missing_topic(cx, id, argument, requirement.topic);
            }
            continue;
        }
        // What a role requires is about the component bound to it:
        // collusion evidence about another monitor does not discharge it.
        let Some(binding) = requirement.about else {
            continue;
        };
        let Some(component) = binding.component.target else {
            continue;
        };
        let about = |e: ElementId| {
            scopes[e.index()]
                .iter()
                .any(|c| *c == component || same_model(case, *c, component))
        };
        let below = reported
            .shown_about
            .entry((topic, component))
            .or_insert_with(|| shown_about_below(cx, topic, about));
        if below[id.index()] {
            continue;
        }
        // Not found bottom-up: the walk (exact even where support loops)
        // finds what shows it about something else, for the finding.
        let Some(elsewhere) = topic_shown_about(cx, id, topic, about) else {
            continue;
        };
        let topic_element = case.get(topic);
        let shown_by = case.get(elsewhere);
        cx.report(
            Diagnostic::new(
                Code::MissingRequiredSupport,
                binding.component.span,
                format!(
                    "{} `{}` does not show `{}` about its {} `{}`",
                    describe_argument(case, argument),
                    element.id,
                    topic_element.id,
                    binding.role.name,
                    binding.component.name
                ),
            )
            .label(format!(
                "nothing below this argument shows `{}` about `{}`",
                topic_element.id, binding.component.name
            ))
            .secondary(
                shown_by.id_span,
                format!(
                    "shows `{}`, but about {}",
                    topic_element.id,
                    cx.ids(&scopes[elsewhere.index()], 3)
                ),
            )
            .secondary(
                requirement.topic.span,
                format!("the {} role requires it", binding.role.name),
            )
            .note(format!("`{}`: {}", topic_element.id, topic_element.text()))
            .help(format!(
                "support the argument with evidence about `{}` marked `shows: {}`, or a claim with `about: {}` that establishes it",
                binding.component.name, topic_element.id, binding.component.name
            )),
        );
    }
}

/// E0503 for a topic nothing below the argument shows.
fn missing_topic(cx: &mut Checker, id: ElementId, argument: &ArgumentAttrs, requirement: &Ref) {
    let case = cx.case;
    let element = case.get(id);
    let Some(topic) = requirement.target else {
        return;
    };
    let topic_element = case.get(topic);
    // Each claim or evidence the argument rests on directly could be the
    // one that shows it: the author chooses (a few are offered).
    let fixes = element
        .supported_by
        .iter()
        .filter_map(|r| r.target)
        .filter(|&s| matches!(case.get(s).kind, ElementKind::Claim | ElementKind::Evidence))
        .take(3)
        .map(|s| {
            let support = case.get(s);
            let edit = match support.shows.last() {
                Some(last) => Edit {
                    span: crate::source::Span {
                        start: last.span.end,
                        ..last.span
                    },
                    replacement: format!(", {}", topic_element.id),
                },
                None => super::add_property(support, &format!("shows: {}", topic_element.id)),
            };
            Fix::new(
                Applicability::Suggested,
                format!("mark `{}` `shows: {}`", support.id, topic_element.id),
                vec![edit],
            )
        });
    let mut diagnostic = Diagnostic::new(
        Code::MissingRequiredSupport,
        element.id_span,
        format!(
            "{} `{}` does not show `{}`",
            describe_argument(case, argument),
            element.id,
            topic_element.id
        ),
    )
    .label(format!(
        "nothing below this argument shows `{}`",
        topic_element.id
    ))
    .secondary(requirement.span, "required here")
    .note(format!("`{}`: {}", topic_element.id, topic_element.text()))
    .help(format!(
        "support the argument with a claim or evidence that establishes it, marked `shows: {}`",
        topic_element.id
    ));
    diagnostic.fixes.extend(fixes);
    cx.report(diagnostic);
}

/// Per element: whether it or one below it shows `topic` and is `about`
/// the wanted component. One pass from the bottom up; where support loops,
/// an element may miss what only the loop leads to (never the reverse), so
/// only a `true` is taken as the answer.
fn shown_about_below(
    cx: &Checker,
    topic: ElementId,
    about: impl Fn(ElementId) -> bool,
) -> Vec<bool> {
    let mut below = vec![false; cx.case.elements.len()];
    for &node in &cx.graph.post_order {
        below[node.index()] = (cx
            .case
            .get(node)
            .shows
            .iter()
            .any(|t| t.target == Some(topic))
            && about(node))
            || cx.graph.children[node.index()]
                .iter()
                .any(|c| below[c.index()]);
    }
    below
}

/// Below `argument`, the elements that show `topic`: `None` when one of
/// them is `about` the wanted component, else one that shows it about
/// something else (the caller knows that one exists). A walk of the
/// argument's own support, each element visited once.
fn topic_shown_about(
    cx: &Checker,
    argument: ElementId,
    topic: ElementId,
    about: impl Fn(ElementId) -> bool,
) -> Option<ElementId> {
    let case = cx.case;
    let mut seen = HashSet::from([argument]);
    let mut stack = vec![argument];
    let mut elsewhere = None;
    while let Some(node) = stack.pop() {
        if case.get(node).shows.iter().any(|t| t.target == Some(topic)) {
            if about(node) {
                return None;
            }
            elsewhere = elsewhere.or(Some(node));
        }
        for child in &cx.graph.children[node.index()] {
            if seen.insert(*child) {
                stack.push(*child);
            }
        }
    }
    elsewhere.or(Some(argument))
}

fn roles(
    cx: &mut Checker,
    facts: &Facts,
    reported: &mut Reported,
    id: ElementId,
    argument: &ArgumentAttrs,
) {
    let case = cx.case;
    let element = case.get(id);
    if let Some(block_ref) = &argument.block {
        if let Some(block) = case.target(block_ref).and_then(|b| b.block()) {
            for role in &block.roles {
                if argument
                    .roles
                    .iter()
                    .any(|b| b.role.target.is_some() && b.role.target == role.target)
                {
                    continue;
                }
                let role_text = case.target(role).map_or("", |r| r.text());
                cx.report(
                    Diagnostic::new(
                        Code::MissingRole,
                        block_ref.span,
                        format!(
                            "{} argument `{}` does not say which component is the `{}`",
                            block_ref.name, element.id, role.name
                        ),
                    )
                    .label(format!("`{}` needs a `{}`", block_ref.name, role.name))
                    .secondary(role.span, "the role is required here")
                    .note(format!("`{}`: {role_text}", role.name))
                    .help(format!(
                        "bind it on the argument: `{}: COMPONENT`",
                        role.name
                    )),
                );
            }
        }
    }
    // Only what the claims name directly: a watchdog is part of the
    // subsystem it guards, but must not be the system a claim is about.
    let direct_subjects: Vec<ElementId> = cx.graph.parents[id.index()]
        .iter()
        .filter_map(|p| case.get(*p).claim())
        .flat_map(|c| c.about.iter().filter_map(|r| r.target))
        .collect();
    for binding in &argument.roles {
        let (Some(role), Some(component_id)) = (
            case.target(&binding.role).and_then(|r| r.role()),
            binding.component.target,
        ) else {
            continue;
        };
        if role.trust.as_ref().map(|t| t.value) != Some(Trust::Trusted) {
            continue;
        }
        let component = case.get(component_id);
        let declared = component.component().and_then(|c| c.trust.as_ref());
        if declared.map(|t| t.value) != Some(Trust::Trusted) {
            let diagnostic = Diagnostic::new(
                Code::UntrustedInTrustedRole,
                binding.component.span,
                format!(
                    "the {} `{}` must be trusted, but is not declared `trust: trusted`",
                    binding.role.name, component.id
                ),
            )
            .label(format!("relied on as the {}", binding.role.name));
            let diagnostic = match declared {
                Some(t) => diagnostic.secondary(t.span, "declared untrusted here"),
                None => {
                    diagnostic.secondary(component.id_span, "declared here without a trust label")
                }
            };
            let under_evaluation =
                facts.untrusted.contains(&component_id) || direct_subjects.contains(&component_id);
            // Never advise trusting the system the case is evaluating.
            let help = if under_evaluation {
                format!(
                    "`{}` is the system under evaluation here: bind a different component as the {}, one declared `trust: trusted` and justified by an argument about it",
                    component.id, binding.role.name
                )
            } else {
                format!(
                    "bind a trusted component as the {}, or, if `{}` can be trusted, label it `trust: trusted` and justify that trust with an argument about it",
                    binding.role.name, component.id
                )
            };
            cx.report(diagnostic.help(help));
        } else if !reported.same_model.contains(&component_id) {
            // The first untrusted copy in source order: of those the whole
            // case treats as untrusted (looked for once), and of this
            // argument's own subjects.
            let everywhere = *reported
                .untrusted_copy
                .entry(component_id)
                .or_insert_with(|| {
                    facts.components.iter().copied().find(|u| {
                        is_untrusted(case, facts, &[], *u) && same_model(case, component_id, *u)
                    })
                });
            let here = direct_subjects
                .iter()
                .copied()
                .filter(|u| {
                    facts.components.binary_search(u).is_ok() && same_model(case, component_id, *u)
                })
                .min();
            if let Some(untrusted) = everywhere.into_iter().chain(here).min() {
                same_model_as_untrusted(cx, binding, component_id, untrusted, &direct_subjects);
                reported.same_model.insert(component_id);
            }
        }
        // A copy of an untrusted model cannot be justified: that is the
        // finding, not the missing justification.
        if reported.same_model.contains(&component_id) {
            continue;
        }
        if role.assurance.is_empty() {
            continue;
        }
        let categories: Vec<ElementId> = role.assurance.iter().filter_map(|c| c.target).collect();
        let claims = facts
            .claims_about
            .get(&component_id)
            .map_or(&[][..], Vec::as_slice);
        // A trust justification: an argument of an assurance category under
        // a claim about the component. Any other argument about it (how well
        // a monitor performs, say) is not one.
        let justifying = |claim: &ElementId| {
            cx.graph.children[claim.index()].iter().copied().find(|a| {
                case.get(*a)
                    .argument()
                    .and_then(|a| case.argument_category(a))
                    .is_some_and(|c| categories.contains(&c))
            })
        };
        let justifications: Vec<(ElementId, ElementId)> = claims
            .iter()
            .filter(|c| cx.counts(**c))
            .filter_map(|c| Some((*c, justifying(c)?)))
            .collect();
        if justifications.is_empty() {
            unjustified_trust(cx, id, argument, binding, role, claims, justifying);
            continue;
        }
        for (claim, justification) in justifications {
            if reported.circular.contains(&justification)
                || reported
                    .not_circular
                    .contains(&(justification, component_id))
            {
                continue;
            }
            if circular_trust(cx, claim, justification, component_id, &binding.component) {
                reported.circular.insert(justification);
                reported.self_trusted.insert(component_id);
            } else {
                reported.not_circular.insert((justification, component_id));
            }
        }
    }
}

/// Whether the case treats `component` as untrusted: declared so, bound to
/// an untrusted role, or the subject of the claims an argument supports.
fn is_untrusted(case: &Case, facts: &Facts, subjects: &[ElementId], component: ElementId) -> bool {
    facts.untrusted.contains(&component)
        || subjects.contains(&component)
        || case
            .get(component)
            .component()
            .and_then(|c| c.trust.as_ref())
            .is_some_and(|t| t.value == Trust::Untrusted)
}

/// E0510: the trusted `component` runs the model of the untrusted one.
fn same_model_as_untrusted(
    cx: &mut Checker,
    binding: &crate::ir::RoleBinding,
    component: ElementId,
    untrusted: ElementId,
    subjects: &[ElementId],
) {
    let case = cx.case;
    let (trusted, other) = (case.get(component), case.get(untrusted));
    let why = if subjects.contains(&untrusted) {
        "the system this argument is about"
    } else {
        "which the case treats as untrusted"
    };
    let mut diagnostic = Diagnostic::new(
        Code::SameModelAsUntrusted,
        binding.component.span,
        format!(
            "the {} `{}` runs the same model as `{}`, {why}",
            binding.role.name, trusted.id, other.id
        ),
    )
    .label(format!("trusted as the {} here", binding.role.name));
    for (id, element) in [(component, trusted), (untrusted, other)] {
        if let Some(version) = identity::model_of(case, id) {
            diagnostic = diagnostic.secondary(
                version.span,
                format!("`{}` runs `{}`", element.id, version.value),
            );
        }
    }
    cx.report(
        diagnostic
            .note("two components that run one model share every disposition: if one would attack, its copy would not report it")
            .help(format!(
                "bind {} that runs a different model, or, if `{}` and `{}` run different weights, give each its own `version:`",
                with_article(&binding.role.name), trusted.id, other.id
            )),
    );
}

/// E0506, naming what stands where the justification should: a claim about
/// the component that the top claim does not reach, or one that rests on
/// another kind of argument.
fn unjustified_trust(
    cx: &mut Checker,
    id: ElementId,
    argument: &ArgumentAttrs,
    binding: &crate::ir::RoleBinding,
    role: &crate::ir::RoleAttrs,
    claims: &[ElementId],
    justifying: impl Fn(&ElementId) -> Option<ElementId>,
) {
    let case = cx.case;
    let element = case.get(id);
    let component = &binding.component.name;
    let names: Vec<&str> = role.assurance.iter().map(|c| c.name.as_str()).collect();
    let names = crate::ir::properties::join_or(&names);
    let first_category = role
        .assurance
        .first()
        .map_or("trustworthiness", |c| c.name.as_str());
    let mut diagnostic = Diagnostic::new(
        Code::UnjustifiedTrust,
        binding.component.span,
        format!(
            "{} argument `{}` trusts the {} `{component}`, but no {names} argument about `{component}` justifies that trust",
            describe_argument(case, argument).trim_end_matches(" argument"),
            element.id,
            binding.role.name,
        ),
    )
    .label(format!("`{component}` is relied on as a trusted {} here", binding.role.name));
    if let Some(target) = binding.component.target {
        diagnostic = diagnostic.secondary(
            case.get(target).id_span,
            format!("`{component}` is declared here"),
        );
    }
    let unreached_claim = claims.iter().find(|c| justifying(c).is_some());
    let counted_claim = claims.iter().find(|c| cx.counts(**c));
    let diagnostic = if let Some(claim) = unreached_claim {
        cx.not_relied_on(
            diagnostic,
            *claim,
            "would justify it",
            &format!("the argument that relies on `{component}`"),
        )
    } else if let Some(claim) = counted_claim {
        let claim_element = case.get(*claim);
        let rests_on = cx.graph.children[claim.index()]
            .iter()
            .find_map(|a| Some((*a, case.get(*a).argument()?)));
        let wrong_kind = match rests_on {
            Some((a, attrs)) => match case.argument_category(attrs) {
                Some(category) => format!(
                    "rests on `{}`, of category {}",
                    case.get(a).id,
                    case.get(category).id
                ),
                None => format!("rests on `{}`, which has no category", case.get(a).id),
            },
            None => "rests on no argument".to_string(),
        };
        diagnostic
            .secondary(claim_element.id_span, format!("a claim about `{component}`, but not one that justifies trust"))
            .note(format!(
                "`{}` is about `{component}`, but {wrong_kind}: trust in the {} needs an argument of category {names}",
                claim_element.id,
                binding.role.name,
            ))
            .help(format!(
                "support `{}` (or another claim about `{component}`) with an argument with `category: {first_category}`",
                claim_element.id
            ))
    } else {
        diagnostic.help(format!(
            "add a claim with `about: {component}`, supported by an argument with `category: {first_category}`"
        ))
    };
    cx.report(
        diagnostic.note("a trusted component must itself be justified: the paper requires a trustworthiness argument (or an inability argument) for it"),
    );
}

/// Report when the argument justifying trust in `component` itself relies on
/// `component` in a trusted role, printing the chain from the claim about it
/// to where it is relied on; whether it did.
fn circular_trust(
    cx: &mut Checker,
    claim: ElementId,
    justification: ElementId,
    component: ElementId,
    used: &Ref,
) -> bool {
    let case = cx.case;
    let trusted_binding = |below: ElementId| {
        case.get(below).argument()?.roles.iter().find(|b| {
            b.component
                .target
                .is_some_and(|c| c == component || same_model(case, c, component))
                && case
                    .target(&b.role)
                    .and_then(|r| r.role())
                    .and_then(|r| r.trust.as_ref())
                    .map(|t| t.value)
                    == Some(Trust::Trusted)
        })
    };
    let Some(chain) = cx
        .graph
        .path_down(justification, |below| trusted_binding(below).is_some())
    else {
        return false;
    };
    let Some(relied) = chain.last().and_then(|below| trusted_binding(*below)) else {
        return false;
    };
    let name = &case.get(component).id;
    let path: Vec<&str> = std::iter::once(claim)
        .chain(chain.iter().copied())
        .map(|e| case.get(e).id.as_str())
        .collect();
    let relied_name = &relied.component.name;
    let itself = if relied_name == name {
        format!("`{name}` itself")
    } else {
        format!("`{relied_name}`, which runs the same model")
    };
    let mut diagnostic = Diagnostic::new(
        Code::CircularTrust,
        used.span,
        format!("trust in `{name}` rests on {itself}: {}", path.join(" → ")),
    )
    .label(format!("`{name}` is trusted here"))
    .secondary(
        case.get(justification).id_span,
        format!("the argument that justifies trusting `{name}`…"),
    );
    if relied.component.span != used.span {
        diagnostic = diagnostic.secondary(
            relied.component.span,
            format!(
                "…relies on `{relied_name}` as the trusted {} here",
                relied.role.name
            ),
        );
    }
    cx.report(diagnostic.help(format!(
        "justify `{name}` with evidence that does not depend on `{name}`'s own judgement"
    )));
    true
}

/// Strength flows up as [`crate::analysis::strength`] computes it: the
/// premises' combined strength against the argument's own block.
fn weakest_premise(cx: &mut Checker, id: ElementId) {
    let case = cx.case;
    let Some(strength) = block_strength(case, id) else {
        return;
    };
    let Some((rating, weakest)) = cx.analysis.strength.of(id).support else {
        return;
    };
    if rating >= strength {
        return;
    }
    let element = case.get(id);
    let weak = case.get(weakest);
    cx.report(
        Diagnostic::new(
            Code::WeakestPremise,
            element.id_span,
            format!(
                "argument `{}` uses a {} building block but rests on `{}`, which is only {}",
                element.id,
                strength.as_str(),
                weak.id,
                rating.as_str()
            ),
        )
        .label(format!("no stronger than {}", rating.as_str()))
        .secondary(weak.id_span, format!("a {} premise", rating.as_str()))
        .help("a conjunctive argument is no stronger than its weakest premise: strengthen that premise, or add an independent argument"),
    );
}

fn scalability(cx: &mut Checker, facts: &Facts, id: ElementId, argument: &ArgumentAttrs) {
    let case = cx.case;
    if block_rating(case, argument, |b| b.scalability.as_ref().map(|s| s.value))
        != Some(Rating::Weak)
    {
        return;
    }
    let mut components = facts.argument_subjects(case, cx.graph, id);
    components.extend(argument.roles.iter().filter_map(|b| b.component.target));
    let high = components.into_iter().find(|c| {
        case.get(*c)
            .component()
            .and_then(|c| c.capability.as_ref())
            .is_some_and(|l| l.value == crate::ir::Level::High)
    });
    let (Some(high), Some(block)) = (high, &argument.block) else {
        return;
    };
    let component = case.get(high);
    // The blocks of the same category that the definitions rate strong.
    let category = case.argument_category(argument);
    let scaling: std::collections::BTreeSet<String> = case
        .definitions
        .values()
        .map(|d| case.get(*d))
        .filter(|d| {
            d.block().is_some_and(|b| {
                b.scalability
                    .as_ref()
                    .is_some_and(|s| s.value == Rating::Strong)
                    && b.categories
                        .iter()
                        .any(|c| c.target.is_some() && c.target == category)
            })
        })
        .map(|d| format!("`{}`", d.id))
        .collect();
    let alternatives = if scaling.is_empty() {
        "a block that scales".to_string()
    } else {
        format!(
            "a block that scales ({})",
            scaling.into_iter().collect::<Vec<_>>().join(", ")
        )
    };
    cx.report(
        Diagnostic::new(
            Code::DoesNotScale,
            block.span,
            format!("building block `{}` scales weakly, but `{}` is declared highly capable", block.name, component.id),
        )
        .label("rated weak on scalability")
        .secondary(component.id_span, "declared `capability: high`")
        .help(format!(
            "back this argument with {alternatives}, or, if `{}` still holds for `{}`, declare `block {} \"…\" {{ … }}` in the case with the scalability you defend and say why in its text: a case's definition replaces the prelude's",
            block.name, component.id, block.name
        )),
    );
}
