//! Facts derived from the support structure, computed once and shared by the
//! checker and every emitter: parents, the top claim, reachability, support
//! cycles and whether each element is fully developed.
//!
//! Every walk is iterative, so a support chain of any depth is fine.

use super::{Case, ElementId, ElementKind};

/// Links from each element, in one flat array (`graph.children[i]` is the
/// slice of element `i`'s targets): a large case's walks stay in cache, and
/// there is no small allocation per element.
#[derive(Debug, Default)]
pub struct Adjacency {
    /// `targets[offsets[i]..offsets[i + 1]]` are element `i`'s links.
    offsets: Vec<u32>,
    targets: Vec<ElementId>,
}

impl Adjacency {
    /// Each element's links, in order, from a function of its index.
    fn from_lists<'a, I>(n: usize, links: impl Fn(usize) -> I) -> Adjacency
    where
        I: Iterator<Item = &'a ElementId>,
    {
        let mut adjacency = Adjacency {
            offsets: Vec::with_capacity(n + 1),
            targets: Vec::new(),
        };
        adjacency.offsets.push(0);
        for i in 0..n {
            adjacency.targets.extend(links(i));
            adjacency.offsets.push(adjacency.targets.len() as u32);
        }
        adjacency
    }

    /// The same links, reversed: for each element, the elements linking to
    /// it, in the order of those elements.
    fn reversed(&self) -> Adjacency {
        let n = self.offsets.len().saturating_sub(1);
        let mut offsets = vec![0u32; n + 1];
        for target in &self.targets {
            offsets[target.index() + 1] += 1;
        }
        for i in 0..n {
            offsets[i + 1] += offsets[i];
        }
        let mut next = offsets.clone();
        let mut targets = vec![ElementId(0); self.targets.len()];
        for source in 0..n {
            for target in &self[source] {
                let slot = &mut next[target.index()];
                targets[*slot as usize] = ElementId(source as u32);
                *slot += 1;
            }
        }
        Adjacency { offsets, targets }
    }
}

impl std::ops::Index<usize> for Adjacency {
    type Output = [ElementId];

    fn index(&self, element: usize) -> &[ElementId] {
        &self.targets[self.offsets[element] as usize..self.offsets[element + 1] as usize]
    }
}

#[derive(Debug, Default)]
pub struct Graph {
    /// Resolved `supported by` targets, per element.
    pub children: Adjacency,
    /// The elements each element supports.
    pub parents: Adjacency,
    /// Resolved `in context of` targets, per element.
    pub contexts: Adjacency,
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
        fn resolved(refs: &[super::Ref]) -> impl Iterator<Item = &ElementId> {
            refs.iter().filter_map(|r| r.target.as_ref())
        }
        let children = Adjacency::from_lists(n, |i| resolved(&case.elements[i].supported_by));
        let contexts = Adjacency::from_lists(n, |i| resolved(&case.elements[i].in_context_of));
        let parents = children.reversed();
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
