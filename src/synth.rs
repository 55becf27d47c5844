//! Synthetic cases for benchmarks and scale tests: valid, clean cases of any
//! size, shaped like real ones (outcomes × subsystems, then a tree of
//! inability arguments, claims and evidence, with shared evidence), and
//! adversarial [`Shape`]s of the same size.

use std::fmt::Write;

/// A clean case with about `elements` claims, arguments and evidence. Its
/// deployment window runs to 2099, so that it stays clean on any check date.
pub fn generate(elements: usize) -> String {
    generate_with_risk(elements, None)
}

/// Like [`generate`], with every evidence element stating `risk`, so that
/// every claim has a computed bound (for the risk benchmark).
pub fn generate_quantified(elements: usize, risk: &str) -> String {
    generate_with_risk(elements, Some(risk))
}

fn generate_with_risk(elements: usize, risk: Option<&str>) -> String {
    let risk_line = risk.map_or_else(String::new, |r| format!("  risk: {r}\n"));
    Tree {
        risk_line: &risk_line,
        ..Tree::default()
    }
    .case(elements)
}

/// Adversarial shapes for the scaling benchmark (`benches/shapes.rs`): each
/// stresses one way a rule could do more than linear work.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// [`generate`]'s ternary tree.
    Balanced,
    /// One chain of claims and arguments, half the case deep.
    DeepChain,
    /// One argument supported by a third of the case.
    WideFanOut,
    /// Every leaf argument supported by one claim (with its own support).
    FanIn,
    /// Every leaf supported by one evidence element.
    SharedEvidence,
    /// A chain of diamonds: two claims resting on one argument, each level
    /// doubling the paths from the top.
    Diamonds,
    /// Monitoring arguments, an eighth of the case, all trusting one
    /// watchdog whose justification holds half the case.
    Watchdog,
    /// The tree with 2 of every 5 support references misspelt.
    Unresolved,
    /// Every claim read in a context of its own.
    ManyContexts,
    /// Every claim with a text of about 400 characters.
    LongTexts,
    /// The tree written on one line.
    OneLine,
}

impl Shape {
    pub const ALL: [Shape; 11] = [
        Shape::Balanced,
        Shape::DeepChain,
        Shape::WideFanOut,
        Shape::FanIn,
        Shape::SharedEvidence,
        Shape::Diamonds,
        Shape::Watchdog,
        Shape::Unresolved,
        Shape::ManyContexts,
        Shape::LongTexts,
        Shape::OneLine,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Shape::Balanced => "balanced tree",
            Shape::DeepChain => "deep chain",
            Shape::WideFanOut => "wide fan-out",
            Shape::FanIn => "fan-in",
            Shape::SharedEvidence => "shared evidence",
            Shape::Diamonds => "diamonds",
            Shape::Watchdog => "one watchdog, many arguments",
            Shape::Unresolved => "40% unresolved references",
            Shape::ManyContexts => "many contexts",
            Shape::LongTexts => "long texts",
            Shape::OneLine => "one line",
        }
    }

    /// A case of this shape with about `elements` elements.
    pub fn generate(self, elements: usize) -> String {
        let tree = Tree::default();
        match self {
            Shape::Balanced => tree.case(elements),
            Shape::DeepChain => Tree {
                arity: 1,
                depth_first: true,
                numbered: true,
                ..tree
            }
            .case(elements),
            Shape::WideFanOut => Tree {
                arity: usize::MAX,
                ..tree
            }
            .case(elements),
            Shape::FanIn => Tree {
                leaf: Leaf::Claim,
                ..tree
            }
            .case(elements),
            Shape::SharedEvidence => Tree {
                leaf: Leaf::Evidence { share: usize::MAX },
                ..tree
            }
            .case(elements),
            Shape::Diamonds => diamonds(elements),
            Shape::Watchdog => watchdog(elements),
            Shape::Unresolved => Tree {
                typos: true,
                ..tree
            }
            .case(elements),
            Shape::ManyContexts => Tree {
                contexts: true,
                ..tree
            }
            .case(elements),
            Shape::LongTexts => Tree { pad: 8, ..tree }.case(elements),
            Shape::OneLine => tree.case(elements).replace('\n', " "),
        }
    }
}

const HEADER: &str = "case synthetic \"A synthetic case for benchmarks\" { threshold: 1e-3 }\n\n\
     decision deploy \"Deploy the agents internally\" {\n  setting: \"internal\"\n  access: \"staff\"\n  window: 2026-01-01 to 2099-12-31\n}\n\n";

const INABILITY: &str = "  category: inability\n  block: dangerous_capability_evals\n";

const SHOWS: &str = "elicitation, anti_sandbagging, capability_margin";

/// What the tree's leaf arguments rest on.
#[derive(Clone, Copy)]
enum Leaf {
    /// Evidence, one element for every `share` leaves.
    Evidence { share: usize },
    /// One claim for all, itself resting on one evidence element.
    Claim,
}

/// The generator of [`generate`]: outcomes × subsystems, then a tree of
/// inability arguments over claims, grown breadth first.
#[derive(Clone, Copy)]
struct Tree<'a> {
    arity: usize,
    depth_first: bool,
    leaf: Leaf,
    risk_line: &'a str,
    typos: bool,
    contexts: bool,
    /// Sentences added to each claim's text.
    pad: usize,
    /// Ids by number rather than by path, which would grow with the depth.
    numbered: bool,
    /// A claim written elsewhere that the top argument also rests on.
    also: Option<&'a str>,
}

impl Default for Tree<'_> {
    fn default() -> Self {
        Tree {
            arity: 3,
            depth_first: false,
            // Leaves share evidence in pairs, as real cases reuse one eval run.
            leaf: Leaf::Evidence { share: 2 },
            risk_line: "",
            typos: false,
            contexts: false,
            pad: 0,
            numbered: false,
            also: None,
        }
    }
}

impl Tree<'_> {
    fn case(self, elements: usize) -> String {
        let mut out = String::with_capacity(elements * 160);
        out.push_str(HEADER);
        out.push_str(
            "component agent_a \"Agent A\" { kind: ai  trust: untrusted }\n\n\
             component agent_b \"Agent B\" { kind: ai  trust: untrusted }\n\n\
             subsystem sub_a \"Agent A's deployment\" { components: agent_a }\n\n\
             subsystem sub_b \"Agent B's deployment\" { components: agent_b }\n\n",
        );
        let outcomes = ["o0", "o1", "o2", "o3"];
        for o in outcomes {
            let _ = writeln!(out, "outcome {o} \"Unacceptable outcome {o}\"\n");
        }
        let mut roots = Vec::new();
        for o in outcomes {
            for (subject, joint) in [("sub_a", ""), ("sub_b", ""), ("sub_a, sub_b", "  joint\n")] {
                let id = format!("c{}", roots.len());
                let _ = writeln!(
                    out,
                    "claim {id} \"The subsystems cannot cause outcome {o}\" {{\n  about: {subject}\n  addresses: {o}\n{joint}  supported by: a{id}\n}}\n"
                );
                roots.push(id);
            }
        }
        let _ = writeln!(
            out,
            "claim top \"The deployment causes no unacceptable outcome\" {{\n  in context of: deploy\n  supported by: split\n}}\n\n\
             argument split \"Argue over each outcome and subsystem\" {{\n  supported by: {}\n}}\n",
            roots.iter().map(String::as_str).chain(self.also).collect::<Vec<_>>().join(", ")
        );
        self.grow(&mut out, roots, elements);
        out
    }

    /// Writes an argument under each of `roots` and everything below it,
    /// until the case has about `elements` elements.
    fn grow(self, out: &mut String, roots: Vec<String>, elements: usize) {
        let mut queue: std::collections::VecDeque<String> = roots.into();
        let mut made = 0usize;
        let mut evidence = 0usize;
        let mut references = 0usize;
        let pad = " and the model fails it again under full elicitation".repeat(self.pad);
        loop {
            let next = if self.depth_first {
                queue.pop_back()
            } else {
                queue.pop_front()
            };
            let Some(claim) = next else { break };
            let mut children = Vec::new();
            while children.len() < self.arity && made + queue.len() < elements {
                let k = children.len();
                let child = if self.numbered {
                    format!("n{made}")
                } else {
                    format!("{claim}_{k}")
                };
                let context = if self.contexts {
                    let _ = writeln!(
                        out,
                        "context x{child} \"The conditions of sub-claim {k}\"\n"
                    );
                    made += 1;
                    format!("  in context of: x{child}\n")
                } else {
                    String::new()
                };
                let _ = writeln!(
                    out,
                    "claim {child} \"Sub-claim {k} of {claim}: the model fails proxy task family {k}{pad}\" {{\n{context}  supported by: a{child}\n}}\n"
                );
                queue.push_back(child.clone());
                children.push(child);
                made += 1;
            }
            if children.is_empty() {
                match self.leaf {
                    Leaf::Evidence { share } => {
                        if evidence.is_multiple_of(share) {
                            let _ = writeln!(
                                out,
                                "evidence e{evidence} \"Evaluation run {evidence}: 0 of 50 tasks solved\" {{\n  artifact: \"evals/run-{evidence}.json\"\n{}  shows: {SHOWS}\n}}\n",
                                self.risk_line
                            );
                            made += 1;
                        }
                        children.push(format!("e{}", evidence - evidence % share));
                        evidence += 1;
                    }
                    Leaf::Claim => {
                        if evidence == 0 {
                            let _ = writeln!(
                                out,
                                "claim common \"The model fails every proxy task\" {{\n  supported by: acommon\n}}\n\n\
                                 argument acommon \"One evaluation covers every task\" {{\n{INABILITY}  supported by: e0\n}}\n\n\
                                 evidence e0 \"Evaluation run 0: 0 of 50 tasks solved\" {{\n  artifact: \"evals/run-0.json\"\n  shows: {SHOWS}\n}}\n"
                            );
                            made += 3;
                        }
                        children.push("common".to_string());
                        evidence += 1;
                    }
                }
            }
            if self.typos {
                for child in &mut children {
                    if references % 5 < 2 {
                        child.push('z');
                    }
                    references += 1;
                }
            }
            let _ = writeln!(
                out,
                "argument a{claim} \"Capability evaluations rule out {claim}\" {{\n{INABILITY}  supported by: {}\n}}\n",
                children.join(", ")
            );
            made += 1;
        }
    }
}

/// A clean project of about `elements` elements in `modules` team modules
/// (each a balanced tree under one public root claim, named alike in every
/// module), a shared module with the system and its outcome, and the case
/// file that imports them all: `(path, text)` pairs, the case first, paths
/// relative to the project's folder.
pub fn project(modules: usize, elements: usize) -> Vec<(String, String)> {
    let modules = modules.max(1);
    let mut case = String::from(HEADER);
    case.push_str("import lab \"lab.case\"\n");
    for m in 0..modules {
        let _ = writeln!(case, "import m{m} \"teams/m{m}.case\"");
    }
    let roots: Vec<String> = (0..modules).map(|m| format!("m{m}::root")).collect();
    let _ = writeln!(
        case,
        "\nclaim top \"The deployment causes no unacceptable outcome\" {{\n  about: sub_a\n  addresses: o0\n  in context of: deploy\n  supported by: {}\n}}",
        roots.join(", ")
    );
    let lab = "module lab \"The system and its outcome\" { owner: \"safety case leads\" }\n\n\
        component agent_a \"Agent A\" { kind: ai  trust: untrusted }\n\n\
        subsystem sub_a \"Agent A's deployment\" { components: agent_a }\n\n\
        outcome o0 \"Unacceptable outcome o0\"\n"
        .to_string();
    let mut files = vec![
        ("case.case".to_string(), case),
        ("lab.case".to_string(), lab),
    ];
    for m in 0..modules {
        let mut out = String::with_capacity(elements / modules * 160);
        let _ = writeln!(
            out,
            "module m{m} \"Team {m}'s part of the argument\" {{ owner: \"team {m}\" }}\n\n\
             import lab \"../lab.case\"\n\n\
             claim root \"Team {m}'s agents cannot cause the outcome\" {{\n  about: sub_a\n  supported by: aroot\n}}\n"
        );
        Tree::default().grow(&mut out, vec!["root".into()], elements / modules);
        files.push((format!("teams/m{m}.case"), out));
    }
    files
}

/// The balanced tree's roots on one evidence element, and beside them a
/// chain of diamonds: claim `k{i}` rests on an argument
/// over claims `l{i}` and `r{i}`, which both rest on argument `m{i}`, which
/// rests on claim `k{i+1}`.
fn diamonds(elements: usize) -> String {
    let mut out = Tree {
        leaf: Leaf::Evidence { share: usize::MAX },
        also: Some("k0"),
        ..Tree::default()
    }
    .case(0);
    let levels = (elements / 5).max(1);
    let _ = writeln!(
        out,
        "claim k0 \"Level 0 holds\" {{\n  supported by: ak0\n}}\n"
    );
    for i in 0..levels {
        let next = if i + 1 < levels {
            format!("k{}", i + 1)
        } else {
            "e0".to_string()
        };
        let _ = writeln!(
            out,
            "argument ak{i} \"Both halves of level {i} hold\" {{\n{INABILITY}  supported by: l{i}, r{i}\n}}\n\n\
             claim l{i} \"The left half of level {i} holds\" {{\n  supported by: m{i}\n}}\n\n\
             claim r{i} \"The right half of level {i} holds\" {{\n  supported by: m{i}\n}}\n\n\
             argument m{i} \"Level {i} rests on the next\" {{\n{INABILITY}  supported by: {next}\n}}\n"
        );
        if i + 1 < levels {
            let _ = writeln!(
                out,
                "claim {next} \"Level {} holds\" {{\n  supported by: a{next}\n}}\n",
                i + 1
            );
        }
    }
    out
}

/// The shape: an eighth of the case in monitoring arguments, each
/// trusting one watchdog, whose trustworthiness rests on a tree of half
/// the case (which the circular-trust rule must search for the watchdog).
fn watchdog(elements: usize) -> String {
    let monitors = (elements / 8).max(1);
    let mut out = String::with_capacity(elements * 160);
    out.push_str(HEADER);
    out.push_str(
        "component agent \"The agent\" { kind: ai  trust: untrusted  version: \"frontier-2026-11\" }\n\n\
         component watchdog \"The watchdog\" { kind: ai  trust: trusted  version: \"watchdog-7b\" }\n\n\
         subsystem monitored \"The agent and its watchdog\" { components: agent, watchdog }\n\n\
         outcome o0 \"Unacceptable outcome o0\"\n\n\
         claim top \"The monitored agent causes no unacceptable outcome\" {\n  about: monitored\n  addresses: o0\n  in context of: deploy\n  supported by: split\n}\n\n",
    );
    let names: Vec<String> = (0..monitors).map(|i| format!("m{i}")).collect();
    let _ = writeln!(
        out,
        "argument split \"Argue over each kind of action\" {{\n  supported by: {}\n}}\n\n\
         claim no_collusion \"The watchdog and the agent cannot coordinate\" {{\n  supported by: collusion_tests\n}}\n\n\
         evidence collusion_tests \"Signals the agent hid were not recognised\" {{\n  artifact: \"evals/collusion.json\"\n  shows: collusion\n}}\n\n\
         claim w \"The watchdog lacks the capabilities to fake alignment\" {{\n  about: watchdog\n  supported by: aw\n}}\n",
        names.join(", ")
    );
    for m in &names {
        let _ = writeln!(
            out,
            "claim {m} \"The watchdog blocks attacks of kind {m}\" {{\n  about: monitored\n  supported by: a{m}\n}}\n\n\
             argument a{m} \"The watchdog flags attacks of kind {m}\" {{\n  category: control\n  block: monitoring\n  agent: agent\n  watchdog: watchdog\n  supported by: red_{m}, no_collusion, w\n}}\n\n\
             evidence red_{m} \"0 of 100 red-team attacks of kind {m} got through\" {{\n  artifact: \"evals/{m}.json\"\n  shows: control_evaluation, red_team_elicitation, deployment_effectiveness, conservative_extrapolation\n}}\n"
        );
    }
    Tree::default().grow(
        &mut out,
        vec!["w".to_string()],
        elements.saturating_sub(3 * monitors),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantified_cases_have_a_bound_for_every_claim() {
        let text = generate_quantified(300, "1e-9");
        let compilation = crate::compile("synthetic.case", &text, crate::Options::default());
        assert!(
            compilation.diagnostics.is_empty(),
            "{:#?}",
            compilation.diagnostics.first()
        );
        let risk = &compilation.analysis.risk;
        assert!(risk.case_bound.is_some_and(|b| b > 0.0 && b < 1e-3));
        for (id, _) in compilation.case.of_kind(crate::ir::ElementKind::Claim) {
            assert!(risk.of(id).bound.is_some());
        }
    }

    #[test]
    fn generated_cases_are_clean_and_about_the_asked_size() {
        for size in [10, 500, 3000] {
            let text = generate(size);
            let compilation = crate::compile(
                "synthetic.case",
                &text,
                crate::Options {
                    strict: true,
                    ..Default::default()
                },
            );
            assert!(
                compilation.diagnostics.is_empty(),
                "{:#?}",
                &compilation.diagnostics[..3.min(compilation.diagnostics.len())]
            );
            let elements = compilation.case.case_elements().count();
            assert!(
                elements >= size && elements < size + size / 2 + 60,
                "{size} → {elements}"
            );
        }
    }

    #[test]
    fn every_shape_is_about_the_asked_size_and_only_the_misspelt_one_has_errors() {
        for shape in Shape::ALL {
            let text = shape.generate(600);
            let compilation = crate::compile("shape.case", &text, crate::Options::default());
            let elements = compilation.case.case_elements().count();
            assert!(
                (550..800).contains(&elements),
                "{}: {elements} elements",
                shape.name()
            );
            assert_eq!(
                compilation.has_errors(),
                shape == Shape::Unresolved,
                "{}: {:#?}",
                shape.name(),
                compilation.diagnostics.first()
            );
        }
    }
}
