//! Whether alternatives said to fail independently share a common cause:
//! a supporting element, an artifact, or a model (the same trusted
//! component, or two that run one model). Multiplying their failure bounds
//! is only sound when they share none; the risk analysis then falls back to
//! the smallest bound and the checker reports what they share (E0706).

use super::identity::same_model;
use crate::ir::{Case, ElementId, Graph, Trust};
use std::collections::HashMap;

/// What two alternatives have in common.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Shared {
    /// Both rest on this element.
    Support(ElementId),
    /// These two evidence elements (one under each alternative) cite one artifact.
    Artifact(ElementId, ElementId),
    /// These trusted components (one under each alternative; maybe the same
    /// one) run one model.
    Model(ElementId, ElementId),
}

/// A common cause between two of an element's alternatives.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct CommonCause {
    pub first: ElementId,
    pub second: ElementId,
    pub shared: Shared,
}

/// The first common cause among the support of `id`, walking each
/// alternative's support once (an element below two of them is itself the
/// common cause, so no element is walked twice).
pub(crate) fn common_cause(case: &Case, graph: &Graph, id: ElementId) -> Option<CommonCause> {
    let alternatives = &graph.children[id.index()];
    let mut owner: HashMap<ElementId, usize> = HashMap::new();
    let mut artifacts: HashMap<&str, (usize, ElementId)> = HashMap::new();
    let mut trusted: Vec<(usize, ElementId)> = Vec::new();
    for (i, &alternative) in alternatives.iter().enumerate() {
        let mut stack = vec![alternative];
        while let Some(node) = stack.pop() {
            match owner.get(&node) {
                Some(&j) if j == i => continue,
                Some(&j) => {
                    return Some(CommonCause {
                        first: alternatives[j],
                        second: alternative,
                        shared: Shared::Support(node),
                    });
                }
                None => {
                    owner.insert(node, i);
                }
            }
            let element = case.get(node);
            if let Some(artifact) = element.evidence().and_then(|e| e.artifact.as_ref()) {
                let key = artifact.value.trim();
                match artifacts.get(key) {
                    Some(&(j, other)) if j != i => {
                        return Some(CommonCause {
                            first: alternatives[j],
                            second: alternative,
                            shared: Shared::Artifact(other, node),
                        });
                    }
                    Some(_) => {}
                    None => {
                        artifacts.insert(key, (i, node));
                    }
                }
            }
            for binding in element.argument().into_iter().flat_map(|a| &a.roles) {
                let is_trusted = case
                    .target(&binding.role)
                    .and_then(|r| r.role()?.trust.as_ref())
                    .is_some_and(|t| t.value == Trust::Trusted);
                if let Some(component) = binding.component.target.filter(|_| is_trusted) {
                    if let Some(&(j, other)) = trusted.iter().find(|(j, other)| {
                        *j != i && (*other == component || same_model(case, *other, component))
                    }) {
                        return Some(CommonCause {
                            first: alternatives[j],
                            second: alternative,
                            shared: Shared::Model(other, component),
                        });
                    }
                    trusted.push((i, component));
                }
            }
            stack.extend(graph.children[node.index()].iter().copied());
        }
    }
    None
}
