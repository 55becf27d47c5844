//! Facts derived from the support structure, computed once and shared by the
//! checker and every emitter: parents, the top claim, reachability, support
//! cycles and whether each element is fully developed.
//!
//! Every walk is iterative, so a support chain of any depth is fine.

use super::{Case, ElementId, ElementKind};

#[derive(Debug, Default)]
pub struct Graph {
    /// Resolved `supported by` targets, per element.
    pub children: Vec<Vec<ElementId>>,
    /// The elements each element supports.
    pub parents: Vec<Vec<ElementId>>,
    /// Resolved `in context of` targets, per element.
    pub contexts: Vec<Vec<ElementId>>,
    /// Claims that support nothing.
    pub roots: Vec<ElementId>,
    /// The top claim: the case's `top:`, else the only root claim.
    pub top: Option<ElementId>,
    /// Reachable from the top claim through support and context links.
    pub reachable: Vec<bool>,
    /// Supported all the way down to evidence, with nothing undeveloped and
    /// no cycle on the way.
    pub developed: Vec<bool>,
    /// Each support cycle found, as the elements on it in order.
    pub cycles: Vec<Vec<ElementId>>,
    /// Every element, each after all it rests on (cycles aside): the order
    /// for any bottom-up computation over the support structure.
    pub post_order: Vec<ElementId>,
}

impl Graph {
    pub fn new(case: &Case) -> Graph {
        let n = case.elements.len();
        let resolved = |refs: &[super::Ref]| -> Vec<ElementId> {
            refs.iter().filter_map(|r| r.target).collect()
        };
        let children: Vec<Vec<ElementId>> = case
            .elements
            .iter()
            .map(|e| resolved(&e.supported_by))
            .collect();
        let contexts = case
            .elements
            .iter()
            .map(|e| resolved(&e.in_context_of))
            .collect();
        let mut parents = vec![Vec::new(); n];
        for (parent, kids) in children.iter().enumerate() {
            for child in kids {
                parents[child.index()].push(ElementId(parent as u32));
            }
        }
        let roots: Vec<ElementId> = case
            .of_kind(ElementKind::Claim)
            .filter(|(id, _)| parents[id.index()].is_empty())
            .map(|(id, _)| id)
            .collect();
        let declared_top = case
            .header()
            .and_then(|(_, h)| h.case_attrs()?.top.as_ref()?.target);
        let top = declared_top.or(match roots.as_slice() {
            [only] => Some(*only),
            _ => None,
        });
        let mut graph = Graph {
            children,
            parents,
            contexts,
            roots,
            top,
            reachable: vec![false; n],
            developed: vec![false; n],
            cycles: Vec::new(),
            post_order: Vec::with_capacity(n),
        };
        graph.mark_reachable();
        graph.walk_support(case);
        graph
    }

    fn mark_reachable(&mut self) {
        let Some(top) = self.top else { return };
        let mut stack = vec![top];
        self.reachable[top.index()] = true;
        while let Some(node) = stack.pop() {
            for next in self.children[node.index()]
                .iter()
                .chain(&self.contexts[node.index()])
            {
                if !self.reachable[next.index()] {
                    self.reachable[next.index()] = true;
                    stack.push(*next);
                }
            }
        }
    }

    /// One depth-first walk over support links that finds cycles and
    /// computes `developed` bottom-up.
    fn walk_support(&mut self, case: &Case) {
        const NEW: u8 = 0;
        const OPEN: u8 = 1;
        const DONE: u8 = 2;
        let n = case.elements.len();
        let mut state = vec![NEW; n];
        let mut on_cycle = vec![false; n];
        let mut path: Vec<(ElementId, usize)> = Vec::new();
        for start in case.ids() {
            if state[start.index()] != NEW {
                continue;
            }
            state[start.index()] = OPEN;
            path.push((start, 0));
            while let Some(&mut (node, ref mut next)) = path.last_mut() {
                if let Some(&child) = self.children[node.index()].get(*next) {
                    *next += 1;
                    match state[child.index()] {
                        NEW => {
                            state[child.index()] = OPEN;
                            path.push((child, 0));
                        }
                        OPEN => {
                            let from = path.iter().position(|(p, _)| *p == child).unwrap_or(0);
                            let cycle: Vec<ElementId> =
                                path[from..].iter().map(|(p, _)| *p).collect();
                            for member in &cycle {
                                on_cycle[member.index()] = true;
                            }
                            self.cycles.push(cycle);
                        }
                        _ => {}
                    }
                    continue;
                }
                path.pop();
                state[node.index()] = DONE;
                self.post_order.push(node);
                self.developed[node.index()] =
                    !on_cycle[node.index()] && self.is_developed(case, node);
            }
        }
    }

    fn is_developed(&self, case: &Case, node: ElementId) -> bool {
        let element = case.get(node);
        let marked_undeveloped = match element.kind {
            ElementKind::Claim => element.claim().is_some_and(|c| c.undeveloped.is_some()),
            ElementKind::Argument => element.argument().is_some_and(|a| a.undeveloped.is_some()),
            ElementKind::Evidence => return true,
            _ => false,
        };
        let kids = &self.children[node.index()];
        !marked_undeveloped
            && !kids.is_empty()
            && kids.len() == element.supported_by.len()
            && kids.iter().all(|k| self.developed[k.index()])
    }

    /// Every element below `root` through support links, `root` included.
    pub fn descendants(&self, root: ElementId) -> Vec<ElementId> {
        let mut seen = std::collections::HashSet::from([root]);
        let mut order = vec![root];
        let mut i = 0;
        while i < order.len() {
            for child in &self.children[order[i].index()] {
                if seen.insert(*child) {
                    order.push(*child);
                }
            }
            i += 1;
        }
        order
    }
}
