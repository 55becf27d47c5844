//! Who is who: which components each element speaks about, and (from
//! [`crate::analysis::identity`]) which model each component runs.

use super::Checker;
use crate::ir::ElementId;

pub use crate::analysis::identity::{model_of, same_model, Versions};

/// Which members of a subsystem a claim about it speaks about.
#[derive(Clone, Copy, PartialEq)]
pub(crate) enum Members {
    All,
    /// Those not declared trusted: the systems under evaluation, not the
    /// watchdogs and advisors that help argue about them.
    Evaluated,
}

/// Per element, the components it speaks about: what a claim is `about`
/// (subsystems expanded to their `members`), else what the elements it
/// supports speak about, plus the components an argument binds to roles.
/// One pass from the top down (parents before children), so linear in
/// links times components.
pub fn scopes(cx: &Checker, members: Members) -> Vec<Vec<ElementId>> {
    let case = cx.case;
    let counted = |c: &ElementId| {
        members == Members::All
            || case
                .get(*c)
                .component()
                .and_then(|a| a.trust.as_ref())
                .is_none_or(|t| t.value != crate::ir::Trust::Trusted)
    };
    let expand = |id: ElementId, into: &mut Vec<ElementId>| match case.get(id).subsystem() {
        Some(s) => into.extend(s.components.iter().filter_map(|c| c.target).filter(counted)),
        None => into.push(id),
    };
    let mut scopes: Vec<Vec<ElementId>> = vec![Vec::new(); case.elements.len()];
    for &id in cx.graph.post_order.iter().rev() {
        let element = case.get(id);
        let mut here = Vec::new();
        match element.claim().map(|c| &c.about) {
            Some(about) if !about.is_empty() => {
                for subject in about.iter().filter_map(|a| a.target) {
                    expand(subject, &mut here);
                }
            }
            _ => {
                for parent in &cx.graph.parents[id.index()] {
                    here.extend_from_slice(&scopes[parent.index()]);
                }
                for binding in element.argument().into_iter().flat_map(|a| &a.roles) {
                    if let Some(component) = binding.component.target {
                        expand(component, &mut here);
                    }
                }
            }
        }
        here.sort_unstable();
        here.dedup();
        scopes[id.index()] = here;
    }
    scopes
}
