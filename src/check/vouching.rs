//! Circular vouching (E0511): an argument that binds a component to a
//! trusted role rests on it, so the claims above the argument, about other
//! components, are only as good as it is. When those links close a circle
//! (the model under evaluation vouching for its advisor, which vouches for
//! it), nothing outside the circle supports any of them. Components that run
//! one model are one node: a copy vouching for the original is the original
//! vouching for itself.

use super::identity::{self, Versions};
use super::Checker;
use crate::diagnostic::{Code, Diagnostic};
use crate::ir::{ElementId, ElementKind, Trust};
use crate::source::Span;
use std::collections::{HashMap, HashSet};

/// `rests_on` relies on `trusted` in a trusted role, through `argument`.
struct Link {
    to: usize,
    rests_on: ElementId,
    trusted: ElementId,
    argument: ElementId,
    binding: Span,
}

pub fn check(cx: &mut Checker, self_trusted: &HashSet<ElementId>) {
    let case = cx.case;
    let components: Vec<ElementId> = case
        .of_kind(ElementKind::Component)
        .map(|(id, _)| id)
        .collect();
    if components.is_empty() {
        return;
    }
    let node = model_classes(cx, &components);
    let scopes = identity::scopes(cx, identity::Members::Evaluated);
    let mut links: Vec<Vec<Link>> = (0..components.len()).map(|_| Vec::new()).collect();
    for (argument, element) in case.of_kind(ElementKind::Argument) {
        if !cx.counts(argument) {
            continue;
        }
        let Some(attrs) = element.argument() else {
            continue;
        };
        for binding in &attrs.roles {
            let trusted_role = case
                .target(&binding.role)
                .and_then(|r| r.role()?.trust.as_ref())
                .is_some_and(|t| t.value == Trust::Trusted);
            // A component not declared trusted is E0505's finding already.
            let Some(trusted) = binding.component.target.filter(|c| {
                trusted_role
                    && case
                        .get(*c)
                        .component()
                        .and_then(|a| a.trust.as_ref())
                        .is_some_and(|t| t.value == Trust::Trusted)
            }) else {
                continue;
            };
            // Whom the supported claims speak about: the nearest `about`
            // above, so a claim with none inherits its parent's.
            let mut rests: Vec<ElementId> = cx.graph.parents[argument.index()]
                .iter()
                .filter(|p| cx.counts(**p))
                .flat_map(|p| scopes[p.index()].iter().copied())
                .collect();
            rests.sort_unstable();
            rests.dedup();
            for rests_on in rests {
                let (Some(&from), Some(&to)) = (node.get(&rests_on), node.get(&trusted)) else {
                    continue;
                };
                // A component trusted in its own argument is E0507's, and
                // a trusted copy of an untrusted one E0510's.
                let declared_trusted = case
                    .get(rests_on)
                    .component()
                    .and_then(|a| a.trust.as_ref())
                    .is_some_and(|t| t.value == Trust::Trusted);
                if rests_on == trusted || (from == to && !declared_trusted) {
                    continue;
                }
                links[from].push(Link {
                    to,
                    rests_on,
                    trusted,
                    argument,
                    binding: binding.component.span,
                });
            }
        }
    }
    // One finding per circle: a circle through components already reported
    // (here, or as E0507 when the chain is linked by support) is the same
    // mistake.
    let mut reported = vec![false; links.len()];
    for component in self_trusted {
        if let Some(&n) = node.get(component) {
            reported[n] = true;
        }
    }
    for circle in circles(&links) {
        if circle.iter().any(|(n, _)| reported[*n]) {
            continue;
        }
        for (n, _) in &circle {
            reported[*n] = true;
        }
        report(cx, &links, &circle);
    }
}

/// Each component's node: components whose versions overlap share one
/// (union-find; exact versions grouped by hashing, families compared with
/// the distinct versions, so no pass is quadratic in exact versions).
fn model_classes(cx: &Checker, components: &[ElementId]) -> HashMap<ElementId, usize> {
    let case = cx.case;
    let mut parent: Vec<usize> = (0..components.len()).collect();
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut by_version: HashMap<&str, usize> = HashMap::new();
    let mut patterns: Vec<(usize, &str)> = Vec::new();
    for (i, id) in components.iter().enumerate() {
        let Some(version) = case.get(*id).component().and_then(|c| c.version.as_ref()) else {
            continue;
        };
        let text = version.value.trim();
        if text.contains(['*', ',']) {
            patterns.push((i, text));
        } else if let Some(&first) = by_version.get(text) {
            let (a, b) = (find(&mut parent, i), find(&mut parent, first));
            parent[a] = b;
        } else {
            by_version.insert(text, i);
        }
    }
    let exact: Vec<(&str, usize)> = by_version.into_iter().collect();
    for (k, &(i, pattern)) in patterns.iter().enumerate() {
        let others = exact
            .iter()
            .copied()
            .chain(patterns[..k].iter().map(|&(j, p)| (p, j)));
        for (text, j) in others {
            if Versions::new(pattern).overlap(Versions::new(text)) {
                let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                parent[a] = b;
            }
        }
    }
    let mut index: HashMap<usize, usize> = HashMap::new();
    let mut node = HashMap::new();
    for (i, id) in components.iter().enumerate() {
        let root = find(&mut parent, i);
        let next = index.len();
        node.insert(*id, *index.entry(root).or_insert(next));
    }
    node
}

/// The circles among the links, each as the indices (node, link) that make
/// it; one per strongly connected group found by an iterative depth-first
/// search, so linear in the links.
fn circles(links: &[Vec<Link>]) -> Vec<Vec<(usize, usize)>> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        Open,
        Done,
    }
    let mut state = vec![State::New; links.len()];
    let mut found = Vec::new();
    for start in 0..links.len() {
        if state[start] != State::New {
            continue;
        }
        // The path: (node, index of the next link to follow).
        let mut path: Vec<(usize, usize)> = vec![(start, 0)];
        state[start] = State::Open;
        while let Some(&mut (at, ref mut next)) = path.last_mut() {
            let Some(link) = links[at].get(*next) else {
                state[at] = State::Done;
                path.pop();
                continue;
            };
            let taken = *next;
            *next += 1;
            match state[link.to] {
                State::New => {
                    state[link.to] = State::Open;
                    path.push((link.to, 0));
                }
                State::Open => {
                    // The links from `link.to` back round to here.
                    let from = path.iter().position(|(n, _)| *n == link.to).unwrap_or(0);
                    let mut circle: Vec<(usize, usize)> = path[from..path.len() - 1]
                        .iter()
                        .map(|&(n, k)| (n, k - 1))
                        .collect();
                    circle.push((at, taken));
                    found.push(circle);
                }
                State::Done => {}
            }
        }
    }
    found
}

fn report(cx: &mut Checker, links: &[Vec<Link>], circle: &[(usize, usize)]) {
    let case = cx.case;
    let steps: Vec<&Link> = circle.iter().map(|&(n, k)| &links[n][k]).collect();
    let Some(last) = steps.last() else {
        return;
    };
    let chain: Vec<String> = steps
        .iter()
        .map(|l| {
            format!(
                "`{}` rests on `{}` (in `{}`)",
                case.get(l.rests_on).id,
                case.get(l.trusted).id,
                case.get(l.argument).id
            )
        })
        .collect();
    let mut diagnostic = Diagnostic::new(
        Code::CircularVouching,
        last.binding,
        format!(
            "components vouch for each other in a circle: {}",
            chain.join(", ")
        ),
    )
    .label("this closes the circle");
    for step in &steps[..steps.len() - 1] {
        diagnostic = diagnostic.secondary(
            step.binding,
            format!(
                "`{}` rests on `{}` here",
                case.get(step.rests_on).id,
                case.get(step.trusted).id
            ),
        );
    }
    let same_model: Vec<String> = steps
        .windows(2)
        .chain(std::iter::once(&[steps[steps.len() - 1], steps[0]][..]))
        .filter(|pair| pair[0].trusted != pair[1].rests_on)
        .map(|pair| {
            format!(
                "`{}` and `{}` run one model",
                case.get(pair[0].trusted).id,
                case.get(pair[1].rests_on).id
            )
        })
        .collect();
    if !same_model.is_empty() {
        diagnostic = diagnostic.note(format!(
            "{}: a copy vouching is the model vouching",
            same_model.join("; ")
        ));
    }
    cx.report(diagnostic.help(
        "justify one component in the circle with evidence that does not depend on any of them (testbeds, human review, an independent model)",
    ));
}
