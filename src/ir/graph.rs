//! Facts derived from the support structure, computed once and shared by the
//! checker and every emitter: parents, the top claim, reachability, support
//! cycles and whether each element is fully developed.
//!
//! Every walk is iterative, so a support chain of any depth is fine.

use super::{Case, DefeatState, Element, ElementId, ElementKind};

/// Whether a defeater is kept as residual doubt with what that takes: a
/// rationale, an owner and, in a case with a threshold, the residual risk
/// (what is missing is E0803).
pub fn accepted(case: &Case, defeater: &super::DefeaterAttrs) -> bool {
    let given =
        |t: &Option<super::Spanned<String>>| t.as_ref().is_some_and(|t| !t.value.trim().is_empty());
    let quantified = case
        .header()
        .and_then(|(_, h)| h.case_attrs()?.threshold.as_ref())
        .is_some();
    given(&defeater.accepted) && given(&defeater.owner) && (!quantified || defeater.risk.is_some())
}

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
    /// The defeaters that challenge each element (one of its support links
    /// included), in source order.
    pub challengers: Adjacency,
    /// Evidence whose result refutes the claim it is cited for: a rebutting
    /// doubt of its own (counter-evidence), never developed.
    pub counter: Vec<bool>,
    /// Claims that support nothing.
    pub roots: Vec<ElementId>,
    /// The top claim: the case's `top:`, else the only root claim.
    pub top: Option<ElementId>,
    /// Reachable from the top claim through support and context links.
    pub reachable: Vec<bool>,
    /// Arguments marked `supporting`: they add confidence, but the case
    /// does not rely on them (no bound, no coverage).
    pub supporting: Vec<bool>,
    /// Reachable from the top claim without passing a supporting argument:
    /// what the case relies on.
    pub relied: Vec<bool>,
    /// Supported all the way down to evidence, with nothing undeveloped and
    /// no cycle on the way.
    pub developed: Vec<bool>,
    /// Each support cycle found, as the elements on it in order.
    pub cycles: Vec<Vec<ElementId>>,
    /// Each cycle of doubts found: a defeater whose answer, through its
    /// support and the defeaters challenging it, rests on what the defeater
    /// challenges. The elements in order, each resting on the next.
    pub defeat_cycles: Vec<Vec<ElementId>>,
    /// Every element, each after all it rests on (cycles aside): the order
    /// for any bottom-up computation over the support structure.
    pub post_order: Vec<ElementId>,
}

impl Graph {
    /// The graph of a case whose evidence is taken at its word (no result
    /// is read as counter-evidence): see [`Graph::with_counter_evidence`].
    pub fn new(case: &Case) -> Graph {
        Graph::with_counter_evidence(case, |_| false)
    }

    /// The graph, with `refuted` telling which evidence reports a result
    /// that refutes the claim it supports (the comparison is the analysis
    /// layer's): such counter-evidence is never developed.
    pub(crate) fn with_counter_evidence(case: &Case, refuted: impl Fn(&Element) -> bool) -> Graph {
        let n = case.elements.len();
        fn resolved(refs: &[super::Ref]) -> impl Iterator<Item = &ElementId> {
            refs.iter().filter_map(|r| r.target.as_ref())
        }
        let children = Adjacency::from_lists(n, |i| resolved(&case.elements[i].supported_by));
        let contexts = Adjacency::from_lists(n, |i| resolved(&case.elements[i].in_context_of));
        let parents = children.reversed();
        // Each defeater listed under the element it challenges.
        let mut challenged: Vec<Vec<ElementId>> = vec![Vec::new(); n];
        for (i, element) in case.elements.iter().enumerate() {
            if let Some(target) = element
                .defeater()
                .and_then(|d| d.challenges.as_ref()?.target)
            {
                challenged[target.index()].push(ElementId(i as u32));
            }
        }
        let challengers = Adjacency::from_lists(n, |i| challenged[i].iter());
        let counter = case
            .elements
            .iter()
            .map(|e| e.kind == ElementKind::Evidence && refuted(e))
            .collect();
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
            challengers,
            counter,
            roots,
            top,
            reachable: vec![false; n],
            supporting: case
                .elements
                .iter()
                .map(|e| e.argument().is_some_and(|a| a.supporting.is_some()))
                .collect(),
            relied: vec![false; n],
            developed: vec![false; n],
            cycles: Vec::new(),
            defeat_cycles: Vec::new(),
            post_order: Vec::with_capacity(n),
        };
        graph.mark_reachable(case);
        graph.walk_support(case);
        graph
    }

    /// What the top claim reaches through support and context links, and
    /// through the lists a decomposition names: the context an argument
    /// argues `over`, and the `members` that context lists.
    fn mark_reachable(&mut self, case: &Case) {
        self.reachable = self.reach(case, false);
        self.relied = self.reach(case, true);
    }

    /// The premises of an element that the case relies on: its support,
    /// less supporting arguments.
    pub(crate) fn premises(&self, id: ElementId) -> impl Iterator<Item = ElementId> + '_ {
        self.children[id.index()]
            .iter()
            .copied()
            .filter(|c| !self.supporting[c.index()])
    }

    fn reach(&self, case: &Case, skip_supporting: bool) -> Vec<bool> {
        let mut reached = vec![false; case.elements.len()];
        let Some(top) = self.top else { return reached };
        let mut stack = vec![top];
        reached[top.index()] = true;
        while let Some(node) = stack.pop() {
            let element = &case.elements[node.index()];
            let listed = element
                .argument()
                .and_then(|a| a.over.as_ref())
                .into_iter()
                .chain(element.context().into_iter().flat_map(|c| &c.members))
                .filter_map(|r| r.target);
            let next: Vec<ElementId> = self.children[node.index()]
                .iter()
                .chain(&self.contexts[node.index()])
                .chain(&self.challengers[node.index()])
                .copied()
                .chain(listed)
                .collect();
            for next in &next {
                if skip_supporting && self.supporting[next.index()] {
                    continue;
                }
                if !reached[next.index()] {
                    reached[next.index()] = true;
                    stack.push(*next);
                }
            }
        }
        reached
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
                let (support, doubts) = (
                    &self.children[node.index()],
                    &self.challengers[node.index()],
                );
                let child = support
                    .get(*next)
                    .or_else(|| doubts.get(*next - support.len()));
                if let Some(&child) = child {
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
                            // Only challenge links lead to a defeater.
                            let dialectic = cycle
                                .iter()
                                .any(|m| case.get(*m).kind == ElementKind::Defeater);
                            if dialectic {
                                self.defeat_cycles.push(cycle);
                            } else {
                                self.cycles.push(cycle);
                            }
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
        let kids = &self.children[node.index()];
        let answered = || {
            !kids.is_empty()
                && kids.len() == element.supported_by.len()
                && kids.iter().all(|k| self.developed[k.index()])
        };
        // A defeater is "developed" when it no longer stands against what
        // it challenges: refuted by answers that stand, or accepted.
        if let Some(defeater) = element.defeater() {
            return answered() || accepted(case, defeater);
        }
        let undoubted = self.challengers[node.index()]
            .iter()
            .all(|d| self.developed[d.index()]);
        let marked_undeveloped = match element.kind {
            ElementKind::Claim => element.claim().is_some_and(|c| c.undeveloped.is_some()),
            ElementKind::Argument => element.argument().is_some_and(|a| a.undeveloped.is_some()),
            ElementKind::Evidence => return undoubted && !self.counter[node.index()],
            _ => false,
        };
        !marked_undeveloped && undoubted && answered()
    }

    /// Where a defeater stands: refuted when every answer stands, else
    /// accepted when it is kept as residual doubt with an owner and a
    /// rationale, else open; `None` for an element that is no defeater.
    pub(crate) fn defeat_state(&self, case: &Case, id: ElementId) -> Option<DefeatState> {
        let element = case.get(id);
        let defeater = element.defeater()?;
        let kids = &self.children[id.index()];
        let refuted = self.developed[id.index()]
            && !kids.is_empty()
            && kids.len() == element.supported_by.len()
            && kids.iter().all(|k| self.developed[k.index()]);
        Some(if refuted {
            DefeatState::Refuted
        } else if self.developed[id.index()] && accepted(case, defeater) {
            DefeatState::Accepted
        } else {
            DefeatState::Open
        })
    }

    /// The shortest chain of support links from `root` down to the first
    /// element (`root` included) that `found` accepts: breadth first, so
    /// linear in what lies below `root`.
    pub(crate) fn path_down(
        &self,
        root: ElementId,
        found: impl Fn(ElementId) -> bool,
    ) -> Option<Vec<ElementId>> {
        let mut came_from = std::collections::HashMap::from([(root, root)]);
        let mut order = vec![root];
        let mut i = 0;
        while let Some(&node) = order.get(i) {
            if found(node) {
                let mut chain = vec![node];
                let mut at = node;
                while at != root {
                    at = came_from[&at];
                    chain.push(at);
                }
                chain.reverse();
                return Some(chain);
            }
            for child in &self.children[node.index()] {
                if !came_from.contains_key(child) {
                    came_from.insert(*child, node);
                    order.push(*child);
                }
            }
            i += 1;
        }
        None
    }

    /// Cycles that pass through an `in context of` link (an assumption
    /// justified by a claim read in its own context): one per strongly
    /// connected component of the support and context links, as the
    /// elements in order, the last reading the first as its context. Pure
    /// support cycles are in [`Graph::cycles`].
    pub(crate) fn context_cycles(&self) -> Vec<Vec<ElementId>> {
        let n = self.reachable.len();
        let component = self.components(n);
        let mut cycles = Vec::new();
        let mut done = vec![false; n];
        for from in 0..n {
            let scc = component[from];
            if done[scc] {
                continue;
            }
            let Some(&to) = self.contexts[from]
                .iter()
                .find(|to| component[to.index()] == scc)
            else {
                continue;
            };
            done[scc] = true;
            // The shortest way back from the context to the element that
            // reads it, inside the component.
            let from = ElementId(from as u32);
            let mut came_from = vec![None; n];
            came_from[to.index()] = Some(to);
            let mut queue = std::collections::VecDeque::from([to]);
            while let Some(node) = queue.pop_front() {
                if node == from {
                    break;
                }
                for next in self.links(node) {
                    if component[next.index()] == scc && came_from[next.index()].is_none() {
                        came_from[next.index()] = Some(node);
                        queue.push_back(*next);
                    }
                }
            }
            let mut cycle = vec![from];
            let mut at = from;
            while at != to {
                let Some(previous) = came_from[at.index()] else {
                    break;
                };
                cycle.push(previous);
                at = previous;
            }
            cycle.reverse();
            cycles.push(cycle);
        }
        cycles
    }

    /// Support links, then context links.
    fn links(&self, node: ElementId) -> impl Iterator<Item = &ElementId> {
        self.children[node.index()]
            .iter()
            .chain(&self.contexts[node.index()])
    }

    /// Each element's strongly connected component over support and context
    /// links (Tarjan's algorithm, iterative): a component id per element.
    fn components(&self, n: usize) -> Vec<usize> {
        const NONE: u32 = u32::MAX;
        let mut index = vec![NONE; n];
        let mut low = vec![0u32; n];
        let mut on_stack = vec![false; n];
        let mut stack: Vec<ElementId> = Vec::new();
        let mut component = vec![usize::MAX; n];
        let mut next_index = 0u32;
        let mut components = 0;
        let mut path: Vec<(ElementId, usize)> = Vec::new();
        for start in 0..n {
            if index[start] != NONE {
                continue;
            }
            path.push((ElementId(start as u32), 0));
            while let Some(&mut (node, ref mut edge)) = path.last_mut() {
                let i = node.index();
                if *edge == 0 && index[i] == NONE {
                    index[i] = next_index;
                    low[i] = next_index;
                    next_index += 1;
                    stack.push(node);
                    on_stack[i] = true;
                }
                let (support, context) = (&self.children[i], &self.contexts[i]);
                let next = support
                    .get(*edge)
                    .or_else(|| context.get(*edge - support.len()));
                if let Some(&next) = next {
                    *edge += 1;
                    let j = next.index();
                    if index[j] == NONE {
                        path.push((next, 0));
                    } else if on_stack[j] {
                        low[i] = low[i].min(index[j]);
                    }
                    continue;
                }
                path.pop();
                if let Some(&(parent, _)) = path.last() {
                    low[parent.index()] = low[parent.index()].min(low[i]);
                }
                if low[i] == index[i] {
                    while let Some(member) = stack.pop() {
                        on_stack[member.index()] = false;
                        component[member.index()] = components;
                        if member == node {
                            break;
                        }
                    }
                    components += 1;
                }
            }
        }
        component
    }
}
