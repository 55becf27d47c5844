//! Risk bounds: an upper bound, for every claim, argument and evidence, on
//! the probability that it is false over the deployment window, computed
//! bottom-up from the numbers the author states. `docs/risk.md` gives the
//! formulas and why each choice is the conservative one.
//!
//! - Evidence: its stated `risk:`, else unknown.
//! - Claims and arguments: their support combined by `combine:` (`all`, the
//!   default: the sum, capped at 1; `any`: the smallest; `independent`: the
//!   product, only with a justification in context and no common cause
//!   among the alternatives, else the smallest). A
//!   stated `risk:` may loosen that bound, never tighten it (the checker
//!   reports a tighter one); without a computed bound the stated one is used.
//! - Unknown anywhere below means unknown above: never silently zero.
//! - The case: the larger of the top claim's bound and the paper's
//!   decomposition, the sum over outcomes of each subsystem's unilateral risk
//!   plus the joint risk.

use crate::ir::{Case, Combine, DefeatState, ElementId, ElementKind, Graph};
use std::collections::HashMap;

/// Relative tolerance of comparisons between bounds, so that rounding in
/// sums does not count: `1e-4 + 2e-4` is neither above nor below `3e-4`.
pub(crate) const TOLERANCE: f64 = 1e-9;

/// Whether `bound` is above `limit` by more than rounding.
pub(crate) fn exceeds(bound: f64, limit: f64) -> bool {
    bound > limit * (1.0 + TOLERANCE)
}

/// How an element's bound was obtained.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Rule {
    /// Not a claim, argument or evidence: risk does not apply.
    NotApplicable,
    /// The element's own `risk:`: evidence, or support that gives no number.
    Stated,
    /// Its support, combined this way.
    Combined(Combine),
    /// Its own `risk:`, larger than what its support gives.
    StatedAboveSupport,
    /// No number: evidence or an element without support and without `risk:`.
    NoNumber,
    /// The bound of this supporting element is unknown.
    UnknownPremise(ElementId),
    /// On a support cycle, or with a `supported by` link that did not resolve.
    Broken,
    /// Evidence whose result refutes the claim it supports (E0609): it
    /// shows that claim false, so it bounds its failure by 1, whatever risk
    /// it states.
    Refuted,
    /// Evidence whose result is read from its artifact (`metric:`) and was
    /// not: until it is, it shows nothing, so it bounds its claim by 1.
    Unread,
}

impl Rule {
    /// A short description, for `--explain-risk` and the JSON output.
    pub fn describe(self, case: &Case, premises: usize) -> String {
        match self {
            Rule::Combined(_) if premises == 1 => "one premise: its bound".into(),
            Rule::NotApplicable => "not applicable".into(),
            Rule::Stated => "stated".into(),
            Rule::Combined(Combine::All) => format!("all of {premises} premises: sum, capped at 1"),
            Rule::Combined(Combine::Any) => format!("any of {premises} alternatives: smallest"),
            Rule::Combined(Combine::Independent) => {
                format!("{premises} independent alternatives: product")
            }
            Rule::Combined(Combine::Chain) => {
                format!("a chain of {premises} conditional steps: product")
            }
            Rule::StatedAboveSupport => "stated, above what its support gives".into(),
            Rule::NoNumber => "unknown: no risk stated".into(),
            Rule::UnknownPremise(id) => format!("unknown: `{}` has no bound", case.get(id).id),
            Rule::Broken => "unknown: support cycle or unresolved link".into(),
            Rule::Refuted => "1: its result refutes the claim it supports".into(),
            Rule::Unread => "1: its result is to be read from its artifact, and was not".into(),
        }
    }

    /// A stable keyword for the JSON output.
    pub fn keyword(self) -> &'static str {
        match self {
            Rule::NotApplicable => "not_applicable",
            Rule::Stated => "stated",
            Rule::Combined(Combine::All) => "sum",
            Rule::Combined(Combine::Any) => "min",
            Rule::Combined(Combine::Independent) => "product",
            Rule::Combined(Combine::Chain) => "chain_product",
            Rule::StatedAboveSupport => "stated_above_support",
            Rule::NoNumber => "no_number",
            Rule::UnknownPremise(_) => "unknown_premise",
            Rule::Broken => "broken",
            Rule::Refuted => "refuted",
            Rule::Unread => "unread",
        }
    }
}

/// One element's bound.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NodeRisk {
    /// The bound in force; `None` is unknown.
    pub bound: Option<f64>,
    /// What the support alone gives, before a stated bound loosens it.
    pub computed: Option<f64>,
    pub rule: Rule,
}

impl Default for NodeRisk {
    fn default() -> NodeRisk {
        NodeRisk {
            bound: None,
            computed: None,
            rule: Rule::NotApplicable,
        }
    }
}

/// One term of an outcome's decomposition: a subsystem's unilateral risk,
/// or (with `subsystem: None`) the subsystems' joint risk.
#[derive(Clone, Debug, PartialEq)]
pub struct Term {
    pub subsystem: Option<ElementId>,
    /// The claim that bounds this term (the loosest, if several do).
    pub claim: Option<ElementId>,
    pub bound: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct OutcomeRisk {
    pub outcome: ElementId,
    pub terms: Vec<Term>,
    /// The sum of the terms, capped at 1; unknown if any term is.
    pub bound: Option<f64>,
}

#[derive(Debug, Default)]
pub struct Risk {
    /// Per element, indexed by [`ElementId`].
    pub nodes: Vec<NodeRisk>,
    /// Per outcome of the case, in source order.
    pub outcomes: Vec<OutcomeRisk>,
    /// The sum over outcomes, capped at 1; unknown if any outcome is.
    pub decomposed: Option<f64>,
    /// The case's bound: the larger of the top claim's and `decomposed`.
    pub case_bound: Option<f64>,
    /// The elements the top claim's bound is made of, with their shares,
    /// largest first.
    pub contributions: Vec<(ElementId, f64)>,
    /// Per element, the residual risk of the accepted doubts against it,
    /// included in its bound (0 when none).
    pub residual: Vec<f64>,
}

/// Whether an element that says `combine: independent` gives a
/// justification in context for that independence.
pub(crate) fn independence_justified(case: &Case, graph: &Graph, id: ElementId) -> bool {
    graph.contexts[id.index()]
        .iter()
        .any(|c| case.get(*c).kind == ElementKind::Justification)
}

/// The combination actually applied: independence that is unjustified, or
/// whose alternatives share a common cause, falls back to the smallest bound
/// (the checker reports it).
pub(crate) fn applied_combine(case: &Case, graph: &Graph, id: ElementId) -> Combine {
    match case.get(id).combine().map(|c| c.value) {
        Some(Combine::Independent)
            if independence_justified(case, graph, id)
                && super::independence::common_cause(case, graph, id).is_none() =>
        {
            Combine::Independent
        }
        Some(Combine::Chain) if chain_conditioned(case, graph, id) => Combine::Chain,
        Some(Combine::Independent) | Some(Combine::Any) | Some(Combine::Chain) => Combine::Any,
        _ => Combine::All,
    }
}

/// Combine known bounds; the caller has checked that there is at least one.
pub fn combine(how: Combine, bounds: impl Iterator<Item = f64>) -> f64 {
    match how {
        Combine::All => bounds.sum::<f64>().min(1.0),
        Combine::Any => bounds.fold(1.0, f64::min),
        Combine::Independent | Combine::Chain => bounds.product(),
    }
}

/// The first step of a `combine: chain` that is not stated as conditional:
/// each step after the first must state its `risk:` and name every step
/// before it in `given:`. `None` when the chain is well formed.
pub(crate) fn unconditioned_step(
    case: &Case,
    graph: &Graph,
    id: ElementId,
) -> Option<(ElementId, Vec<ElementId>)> {
    let steps: Vec<ElementId> = graph.premises(id).collect();
    for (k, &step) in steps.iter().enumerate().skip(1) {
        let element = case.get(step);
        // Sorted: a long chain's steps each name all the steps before them.
        let mut given: Vec<ElementId> = element.given.iter().filter_map(|r| r.target).collect();
        given.sort_unstable();
        let missing: Vec<ElementId> = steps[..k]
            .iter()
            .copied()
            .filter(|s| given.binary_search(s).is_err())
            .collect();
        if element.stated_risk().is_none() || !missing.is_empty() {
            return Some((step, missing));
        }
    }
    None
}

/// Whether a chain's steps after the first are all stated as conditional.
pub(crate) fn chain_conditioned(case: &Case, graph: &Graph, id: ElementId) -> bool {
    unconditioned_step(case, graph, id).is_none()
}

fn carries_risk(kind: ElementKind) -> bool {
    matches!(
        kind,
        ElementKind::Claim | ElementKind::Argument | ElementKind::Evidence
    )
}

impl Risk {
    pub fn new(case: &Case, graph: &Graph) -> Risk {
        let (nodes, residual) = node_bounds(case, graph);
        let outcomes = outcome_bounds(case, graph, &nodes);
        let decomposed = sum_known(outcomes.iter().map(|o| o.bound));
        let top = graph.top.and_then(|t| nodes[t.index()].bound);
        let case_bound = if outcomes.is_empty() {
            top
        } else {
            top.zip(decomposed).map(|(a, b)| a.max(b))
        };
        let contributions = graph
            .top
            .map_or_else(Vec::new, |t| contributions(case, graph, &nodes, t));
        Risk {
            nodes,
            outcomes,
            decomposed,
            case_bound,
            contributions,
            residual,
        }
    }

    pub fn of(&self, id: ElementId) -> NodeRisk {
        self.nodes.get(id.index()).copied().unwrap_or_default()
    }

    /// An element's bound for people: the author's number as written when
    /// the bound is the one stated, else the computed bound rounded up
    /// ([`format_probability`]); `None` when unknown.
    pub fn shown(&self, case: &Case, id: ElementId) -> Option<String> {
        let node = self.of(id);
        let bound = node.bound?;
        if self.residual.get(id.index()).is_some_and(|r| *r > 0.0) {
            return Some(format_probability(bound));
        }
        match (node.rule, case.get(id).stated_risk()) {
            (Rule::Stated | Rule::StatedAboveSupport, Some(stated)) => {
                Some(stated.value.written.clone())
            }
            _ => Some(format_probability(bound)),
        }
    }
}

/// The sum of bounds, capped at 1, or unknown if any is (or there are none).
fn sum_known(bounds: impl Iterator<Item = Option<f64>>) -> Option<f64> {
    let mut total = 0.0;
    let mut any = false;
    for bound in bounds {
        total += bound?;
        any = true;
    }
    any.then_some(total.min(1.0))
}

fn node_bounds(case: &Case, graph: &Graph) -> (Vec<NodeRisk>, Vec<f64>) {
    let mut nodes = vec![NodeRisk::default(); case.elements.len()];
    let mut residual = vec![0.0; case.elements.len()];
    let mut on_cycle = vec![false; case.elements.len()];
    for member in graph.cycles.iter().flatten() {
        on_cycle[member.index()] = true;
    }
    for &id in &graph.post_order {
        let element = case.get(id);
        if !carries_risk(element.kind) {
            continue;
        }
        let stated = element.stated_risk().map(|r| r.value.value);
        let linked = graph.children[id.index()].len();
        let children: Vec<ElementId> = graph.premises(id).collect();
        let node = if graph.counter[id.index()] {
            let unread = element.evidence().is_some_and(super::readings::unread);
            NodeRisk {
                bound: Some(1.0),
                computed: None,
                rule: if unread { Rule::Unread } else { Rule::Refuted },
            }
        } else if on_cycle[id.index()] || linked != element.supported_by.len() {
            NodeRisk {
                bound: None,
                computed: None,
                rule: Rule::Broken,
            }
        } else if children.is_empty() {
            match stated {
                Some(value) => NodeRisk {
                    bound: Some(value),
                    computed: None,
                    rule: Rule::Stated,
                },
                None => NodeRisk {
                    bound: None,
                    computed: None,
                    rule: Rule::NoNumber,
                },
            }
        } else {
            let unknown = children.iter().find(|c| nodes[c.index()].bound.is_none());
            match (unknown, stated) {
                (Some(_), Some(value)) => NodeRisk {
                    bound: Some(value),
                    computed: None,
                    rule: Rule::Stated,
                },
                (Some(&premise), None) => NodeRisk {
                    bound: None,
                    computed: None,
                    rule: Rule::UnknownPremise(premise),
                },
                (None, _) => {
                    let how = applied_combine(case, graph, id);
                    let computed =
                        combine(how, children.iter().filter_map(|c| nodes[c.index()].bound));
                    match stated {
                        Some(value) if value > computed => NodeRisk {
                            bound: Some(value),
                            computed: Some(computed),
                            rule: Rule::StatedAboveSupport,
                        },
                        _ => NodeRisk {
                            bound: Some(computed),
                            computed: Some(computed),
                            rule: Rule::Combined(how),
                        },
                    }
                }
            }
        };
        nodes[id.index()] = with_residual(case, graph, id, node, &mut residual[id.index()]);
    }
    (nodes, residual)
}

/// An element's bound with the residual risk of the accepted doubts
/// against it added (capped at 1): an accepted doubt without a `risk:`
/// makes the bound unknown, never silently zero.
fn with_residual(
    case: &Case,
    graph: &Graph,
    id: ElementId,
    mut node: NodeRisk,
    residual: &mut f64,
) -> NodeRisk {
    for &defeater in &graph.challengers[id.index()] {
        if graph.defeat_state(case, defeater) != Some(DefeatState::Accepted) {
            continue;
        }
        match case.get(defeater).defeater().and_then(|d| d.risk.as_ref()) {
            Some(risk) => *residual += risk.value.value,
            None => {
                return NodeRisk {
                    bound: None,
                    computed: None,
                    rule: Rule::UnknownPremise(defeater),
                }
            }
        }
    }
    if *residual > 0.0 {
        node.bound = node.bound.map(|b| (b + *residual).min(1.0));
    }
    node
}

/// The paper's decomposition: per outcome, each subsystem's unilateral risk
/// plus the joint risk, read from the reachable claims that are `about` a
/// subsystem (or marked `joint`) and `addresses` the outcome.
fn outcome_bounds(case: &Case, graph: &Graph, nodes: &[NodeRisk]) -> Vec<OutcomeRisk> {
    let subsystems: Vec<ElementId> = case
        .of_kind(ElementKind::Subsystem)
        .map(|(id, _)| id)
        .collect();
    // Several claims may bound one term: keep the loosest, and unknown wins.
    let mut covering: HashMap<(Option<ElementId>, ElementId), (ElementId, Option<f64>)> =
        HashMap::new();
    let mut keep = |key, claim: ElementId| {
        let bound = nodes[claim.index()].bound;
        let entry = covering.entry(key).or_insert((claim, bound));
        let looser = match (entry.1, bound) {
            (Some(old), Some(new)) => new > old,
            (Some(_), None) => true,
            (None, _) => false,
        };
        if looser {
            *entry = (claim, bound);
        }
    };
    for (id, element) in case.of_kind(ElementKind::Claim) {
        let Some(claim) = element.claim() else {
            continue;
        };
        if !graph.reachable[id.index()] {
            continue;
        }
        for outcome in claim.addresses.iter().filter_map(|o| o.target) {
            if claim.joint.is_some() || subsystems.is_empty() {
                keep((None, outcome), id);
            } else {
                for subject in claim.about.iter().filter_map(|a| a.target) {
                    keep((Some(subject), outcome), id);
                }
            }
        }
    }
    case.of_kind(ElementKind::Outcome)
        .map(|(outcome, _)| {
            let mut terms: Vec<Term> = subsystems
                .iter()
                .map(|s| {
                    let found = covering.get(&(Some(*s), outcome));
                    Term {
                        subsystem: Some(*s),
                        claim: found.map(|f| f.0),
                        bound: found.and_then(|f| f.1),
                    }
                })
                .collect();
            let joint = covering.get(&(None, outcome));
            // One subsystem has no joint behaviour to bound.
            if joint.is_some() || subsystems.len() != 1 {
                terms.push(Term {
                    subsystem: None,
                    claim: joint.map(|f| f.0),
                    bound: joint.and_then(|f| f.1),
                });
            }
            let bound = sum_known(terms.iter().map(|t| t.bound));
            OutcomeRisk {
                outcome,
                terms,
                bound,
            }
        })
        .collect()
}

/// Split the top claim's bound over the elements it is made of: the sum of
/// an `all` combination is passed down to each premise; an `any` to the
/// alternative that gives the bound; a stated bound, a product or evidence
/// is a contribution of its own. One pass in topological order (parents
/// before children), so shared support adds up its shares.
///
/// A weight counts the paths from the top claim, which doubles with every
/// diamond in the support: it saturates at `f64::MAX` instead of becoming
/// infinite (where `inf × 0` would be NaN), and a share, like every bound,
/// is capped at 1.
fn contributions(
    case: &Case,
    graph: &Graph,
    nodes: &[NodeRisk],
    top: ElementId,
) -> Vec<(ElementId, f64)> {
    if nodes[top.index()].bound.is_none() {
        return Vec::new();
    }
    let mut weight = vec![0.0f64; case.elements.len()];
    weight[top.index()] = 1.0;
    let mut out = Vec::new();
    for &id in graph.post_order.iter().rev() {
        let w = weight[id.index()];
        if w == 0.0 {
            continue;
        }
        let node = nodes[id.index()];
        let children: Vec<ElementId> = graph.premises(id).collect();
        match node.rule {
            Rule::Combined(Combine::All) => {
                for child in children {
                    add_paths(&mut weight[child.index()], w);
                }
            }
            Rule::Combined(Combine::Any) => {
                let best = children
                    .iter()
                    .filter(|c| nodes[c.index()].bound == node.computed)
                    .min_by_key(|c| c.index());
                if let Some(best) = best {
                    add_paths(&mut weight[best.index()], w);
                }
            }
            _ => out.push((id, (w * node.bound.unwrap_or(0.0)).min(1.0))),
        }
    }
    out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    out
}

/// Add `paths` to a path count, saturating at the largest finite float.
fn add_paths(count: &mut f64, paths: f64) {
    *count = (*count + paths).min(f64::MAX);
}

/// A computed probability for people: three significant digits, rounded
/// *up*, so that a bound shown is never below the bound computed; plain
/// below 1 down to 0.001, scientific notation below that (`4.3e-4`,
/// `1.25e-6`, `0.05`, `0.00124`, `1`). The value is first read to twelve
/// significant digits, so that floating-point noise in a sum
/// (`0.00043000000000000004`) does not round `4.3e-4` up to `4.31e-4`.
/// Numbers the author wrote are shown as written, not through this.
pub fn format_probability(p: f64) -> String {
    // A bound is in [0, 1]; anything else (never computed) is shown as
    // the most conservative bound.
    if p.is_nan() || p >= 1.0 {
        return "1".to_string();
    }
    if p <= 0.0 {
        return "0".to_string();
    }
    let (digits, exponent) = significant_digits_up(p);
    let digits = format!("{digits:03}");
    if exponent < -3 {
        let mantissa = format!("{}.{}", &digits[..1], &digits[1..]);
        return format!("{}e{exponent}", trim_zeros(&mantissa));
    }
    // 0.001 <= p < 1: `exponent` is -3..=-1 (or 0 when rounding reached 1).
    let text = match exponent {
        0 => format!("{}.{}", &digits[..1], &digits[1..]),
        _ => format!(
            "0.{}{digits}",
            "0".repeat(exponent.unsigned_abs() as usize - 1)
        ),
    };
    trim_zeros(&text).to_string()
}

/// `p` (positive, finite) as three digits `d` and an exponent `e`, with
/// `d × 10^(e-2)` the smallest such number not below `p` read to twelve
/// significant digits.
fn significant_digits_up(p: f64) -> (u64, i32) {
    let text = format!("{p:.11e}");
    let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
    let mut exponent: i32 = exponent.parse().unwrap_or(0);
    let twelve: u64 = mantissa.replace('.', "").parse().unwrap_or(0);
    const DROPPED: u64 = 1_000_000_000;
    let mut three = twelve / DROPPED + u64::from(!twelve.is_multiple_of(DROPPED));
    if three == 1000 {
        three = 100;
        exponent += 1;
    }
    (three, exponent)
}

fn trim_zeros(text: &str) -> &str {
    if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::{compile, Options};

    /// A one-outcome, one-subsystem case whose argument is `body`.
    fn analyse(body: &str) -> (crate::Compilation, Risk) {
        let text = format!(
            "case c \"t\" {{ threshold: 1e-2 }}\n\
             decision d \"d\" {{ window: 2026-01-01 to 2026-12-31 }}\n\
             component m \"m\" {{ kind: ai }}\n\
             subsystem s \"s\" {{ components: m }}\n\
             outcome o \"o\"\n\
             {body}\n"
        );
        let compilation = compile("t.case", &text, Options::default());
        let risk = Risk::new(&compilation.case, &compilation.graph);
        (compilation, risk)
    }

    fn bound(c: &crate::Compilation, risk: &Risk, id: &str) -> Option<f64> {
        risk.of(c.case.lookup(id).unwrap()).bound
    }

    fn close(actual: Option<f64>, expected: f64) -> bool {
        actual.is_some_and(|a| (a - expected).abs() <= 1e-12 * expected.max(1e-300))
    }

    #[test]
    fn conjunctive_support_adds_up() {
        let (c, risk) = analyse(
            "claim top \"t\" { about: s addresses: o supported by: arg }\n\
             argument arg \"a\" { supported by: e1, e2, sub }\n\
             claim sub \"s\" { supported by: e3, e4 }\n\
             evidence e1 \"1\" { risk: 1e-4 }\nevidence e2 \"2\" { risk: 2e-4 }\n\
             evidence e3 \"3\" { risk: 0.1% }\nevidence e4 \"4\" { risk: 3e-3 }",
        );
        assert!(close(bound(&c, &risk, "sub"), 4e-3));
        assert!(close(bound(&c, &risk, "arg"), 4.3e-3));
        assert!(close(bound(&c, &risk, "top"), 4.3e-3));
        assert!(close(risk.case_bound, 4.3e-3));
        let shares: Vec<(&str, f64)> = risk
            .contributions
            .iter()
            .map(|(id, w)| (c.case.get(*id).id.as_str(), *w))
            .collect();
        assert_eq!(
            shares.iter().map(|s| s.0).collect::<Vec<_>>(),
            ["e4", "e3", "e2", "e1"]
        );
    }

    #[test]
    fn sums_are_capped_at_one() {
        let (c, risk) = analyse(
            "claim top \"t\" { about: s addresses: o supported by: e1, e2 }\n\
             evidence e1 \"1\" { risk: 0.7 }\nevidence e2 \"2\" { risk: 60% }",
        );
        assert_eq!(bound(&c, &risk, "top"), Some(1.0));
    }

    #[test]
    fn alternatives_take_the_smallest_and_justified_independence_multiplies() {
        let (c, risk) = analyse(
            "justification indep \"Different teams, methods and data\"\n\
             claim top \"t\" { about: s addresses: o supported by: any_claim, indep_claim, bare_claim }\n\
             claim any_claim \"a\" { combine: any supported by: e1, e2 }\n\
             claim indep_claim \"i\" { combine: independent in context of: indep supported by: e1, e2 }\n\
             claim bare_claim \"b\" { combine: independent supported by: e1, e2 }\n\
             evidence e1 \"1\" { risk: 1e-2 }\nevidence e2 \"2\" { risk: 3e-2 }",
        );
        assert!(close(bound(&c, &risk, "any_claim"), 1e-2));
        assert!(close(bound(&c, &risk, "indep_claim"), 3e-4));
        // Without a justification, independence is not assumed.
        assert!(close(bound(&c, &risk, "bare_claim"), 1e-2));
        assert!(close(bound(&c, &risk, "top"), 1e-2 + 3e-4 + 1e-2));
    }

    #[test]
    fn a_stated_bound_loosens_but_never_tightens() {
        let (c, risk) = analyse(
            "claim top \"t\" { about: s addresses: o supported by: loose, tight }\n\
             claim loose \"l\" { risk: 1e-2 supported by: e1 }\n\
             claim tight \"t\" { risk: 1e-6 supported by: e1 }\n\
             evidence e1 \"1\" { risk: 1e-3 }",
        );
        let loose = risk.of(c.case.lookup("loose").unwrap());
        assert_eq!(
            (loose.bound, loose.computed, loose.rule),
            (Some(1e-2), Some(1e-3), Rule::StatedAboveSupport)
        );
        let tight = risk.of(c.case.lookup("tight").unwrap());
        assert_eq!(
            (tight.bound, tight.rule),
            (Some(1e-3), Rule::Combined(Combine::All))
        );
        assert!(close(bound(&c, &risk, "top"), 1.1e-2));
    }

    #[test]
    fn unknown_is_never_zero() {
        let (c, risk) = analyse(
            "claim top \"t\" { about: s addresses: o supported by: e1, e2 }\n\
             evidence e1 \"1\" { risk: 1e-3 }\nevidence e2 \"2\"",
        );
        let top = risk.of(c.case.lookup("top").unwrap());
        assert_eq!(top.bound, None);
        assert_eq!(top.rule, Rule::UnknownPremise(c.case.lookup("e2").unwrap()));
        assert_eq!(risk.case_bound, None);
        assert!(risk.contributions.is_empty());
    }

    #[test]
    fn a_stated_bound_stands_in_for_support_without_numbers() {
        let (c, risk) = analyse(
            "claim top \"t\" { about: s addresses: o risk: 1e-3 supported by: e1 }\nevidence e1 \"1\"",
        );
        assert_eq!(risk.of(c.case.lookup("top").unwrap()).rule, Rule::Stated);
        assert_eq!(bound(&c, &risk, "top"), Some(1e-3));
    }

    #[test]
    fn the_case_bound_sums_unilateral_and_joint_risk_over_outcomes() {
        let text = "case c \"t\" { threshold: 1e-2 }\n\
            decision d \"d\" { window: 2026-01-01 to 2026-12-31 }\n\
            component m1 \"m\" { kind: ai }\ncomponent m2 \"m\" { kind: ai }\n\
            subsystem s1 \"s\" { components: m1 }\nsubsystem s2 \"s\" { components: m2 }\n\
            outcome o1 \"o\"\noutcome o2 \"o\"\n\
            claim top \"t\" { supported by: p1, p2, p3, q1, q2, q3 }\n\
            claim p1 \"p\" { about: s1 addresses: o1 risk: 1e-4 undeveloped }\n\
            claim p2 \"p\" { about: s2 addresses: o1 risk: 2e-4 undeveloped }\n\
            claim p3 \"p\" { joint addresses: o1 risk: 3e-4 undeveloped }\n\
            claim q1 \"q\" { about: s1 addresses: o2 risk: 4e-4 undeveloped }\n\
            claim q2 \"q\" { about: s2 addresses: o2 risk: 5e-4 undeveloped }\n\
            claim q3 \"q\" { joint addresses: o2 risk: 6e-4 undeveloped }\n";
        let c = compile("t.case", text, Options::default());
        let risk = Risk::new(&c.case, &c.graph);
        assert!(close(risk.outcomes[0].bound, 6e-4));
        assert!(close(risk.outcomes[1].bound, 1.5e-3));
        assert!(close(risk.decomposed, 2.1e-3));
        assert!(close(risk.case_bound, 2.1e-3));
        assert_eq!(risk.outcomes[0].terms.len(), 3);
    }

    #[test]
    fn the_decomposition_binds_when_alternatives_lower_the_tree() {
        let text = "case c \"t\" { threshold: 1e-2 }\n\
            decision d \"d\" { window: 2026-01-01 to 2026-12-31 }\n\
            component m \"m\" { kind: ai }\nsubsystem s \"s\" { components: m }\noutcome o \"o\"\n\
            claim top \"t\" { combine: any supported by: p, q }\n\
            claim p \"p\" { about: s addresses: o risk: 1e-4 undeveloped }\n\
            claim q \"q\" { about: s addresses: o risk: 5e-4 undeveloped }\n";
        let c = compile("t.case", text, Options::default());
        let risk = Risk::new(&c.case, &c.graph);
        assert!(close(bound(&c, &risk, "top"), 1e-4));
        // The loosest claim about (s, o) bounds the term.
        assert!(close(risk.case_bound, 5e-4));
    }

    #[test]
    fn accepted_residual_doubt_adds_to_what_it_challenges() {
        let base = "claim top \"t\" { supported by: a }\n\
            argument a \"a\" { supported by: e }\nevidence e \"e\" { risk: 1e-4 }\n";
        let accepted = "defeater dd \"d\" { challenges: a doubt: undercuts accepted: \"why\" owner: \"who\" risk: 2e-4 }\n";
        let (c, risk) = analyse(&format!("{base}{accepted}"));
        assert!(close(bound(&c, &risk, "a"), 3e-4));
        assert!(close(bound(&c, &risk, "top"), 3e-4));
        assert!(close(bound(&c, &risk, "e"), 1e-4));
        // Without a risk, in a case with a threshold the acceptance is
        // incomplete (E0803) and the doubt open; in one without, the bound is
        // unknown, never the support's alone.
        let (c, _) = analyse(&format!("{base}{}", accepted.replace(" risk: 2e-4", "")));
        let d = c.case.names["dd"];
        assert_eq!(c.graph.defeat_state(&c.case, d), Some(DefeatState::Open));
        let c = compile(
            "t.case",
            format!("{base}{}", accepted.replace(" risk: 2e-4", "")),
            Options::default(),
        );
        let (a, dd) = (c.case.names["a"], c.case.names["dd"]);
        assert_eq!(c.analysis.risk.of(a).bound, None);
        assert_eq!(c.analysis.risk.of(a).rule, Rule::UnknownPremise(dd));
        // Refuted and open doubts add nothing.
        let (c, risk) = analyse(&format!(
            "{base}defeater dd \"d\" {{ challenges: a doubt: undercuts supported by: f }}\nevidence f \"f\"\n"
        ));
        assert!(close(bound(&c, &risk, "a"), 1e-4));
    }

    #[test]
    fn probabilities_print_with_three_significant_digits_rounded_up() {
        assert_eq!(format_probability(1e-4), "1e-4");
        assert_eq!(format_probability(1e-4 + 2e-4), "3e-4");
        assert_eq!(format_probability(0.00043000000000000004), "4.3e-4");
        assert_eq!(format_probability(1.25e-6), "1.25e-6");
        assert_eq!(format_probability(1.2501e-6), "1.26e-6");
        assert_eq!(format_probability(0.05), "0.05");
        assert_eq!(format_probability(0.0012345), "0.00124");
        assert_eq!(format_probability(0.001), "0.001");
        assert_eq!(format_probability(0.000_999_91), "0.001");
        assert_eq!(format_probability(1.0 / 3.0), "0.334");
        assert_eq!(format_probability(0.2), "0.2");
        assert_eq!(format_probability(0.9991), "1");
        assert_eq!(format_probability(1.0), "1");
        assert_eq!(format_probability(0.0), "0");
        assert_eq!(format_probability(f64::MIN_POSITIVE), "2.23e-308");
        assert_eq!(format_probability(f64::NAN), "1");
    }

    /// Rounding up: over many values, what is shown is never below the
    /// value (read to twelve digits) and within one step of the third digit.
    #[test]
    fn a_shown_bound_is_never_below_the_computed_one() {
        let mut x = 0.123_456_789_f64;
        for _ in 0..10_000 {
            x = (x * 7.3 + 0.011).fract() * 10f64.powi(-((x * 1000.0) as i32 % 12));
            let shown: f64 = format_probability(x).parse().unwrap();
            assert!(shown >= x * (1.0 - 1e-11), "{x} shown as {shown}");
            assert!(shown <= x * 1.011 + 1e-300, "{x} shown as {shown}");
        }
    }
}
