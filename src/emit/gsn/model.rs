//! The diagram graph: the GSN view of a checked case, independent of how it
//! is drawn. Claims become goals, arguments strategies, evidence solutions;
//! decisions and contexts become contexts; assumptions and justifications
//! keep their names. Every drawing format (SVG, DOT) is made from this.
//!
//! A context-like element (context, decision, assumption, justification)
//! that supports nothing of its own is drawn beside each element that refers
//! to it, one copy per referrer, so it always sits next to what it qualifies.
//! One that has support of its own (a justified assumption) is drawn once,
//! in the layers, like a goal.

use crate::compile::Compilation;
use crate::diagnostic::{Code, Severity};
use crate::emit::{link, EmitError};
use crate::ir::{DefeatState, Element, ElementId, ElementKind, Rating};
use crate::suggest::closest;
use std::collections::HashMap;

/// The shapes come with the kinds table; drawing them is this module's job.
pub use crate::syntax::kinds::GsnShape as Shape;

impl Shape {
    /// Drawn beside the element it qualifies rather than below it.
    fn is_context_like(self) -> bool {
        matches!(
            self,
            Shape::Context | Shape::Assumption | Shape::Justification
        )
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relation {
    SupportedBy,
    InContextOf,
    /// The GSN dialectic extension's challenge: from a defeater to what it
    /// challenges (laid out with the defeater below its target).
    Challenges,
}

/// How the GSN dialectic extension marks a node.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Dialectic {
    /// A counter-goal (a defeater) or a counter-solution (evidence whose
    /// result refutes the claim it is cited for).
    pub counter: bool,
    /// Crossed out: a refuted defeater, or an element an open doubt (or
    /// counter-evidence) stands against.
    pub defeated: bool,
    /// A defeater accepted as residual doubt.
    pub residual: bool,
    /// Words for the badge: `counter-goal · undermines · refuted`.
    pub badge: Option<String>,
}

/// A checker finding located on a drawn element.
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub severity: Severity,
    pub code: Code,
    pub message: String,
}

/// An argument category, with the colour its arguments are drawn in.
#[derive(Clone, Debug, PartialEq)]
pub struct Category {
    pub element: ElementId,
    pub id: String,
    pub colour: Colour,
}

/// A light fill and a dark ink of one hue.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Colour {
    pub fill: &'static str,
    pub ink: &'static str,
}

/// The prelude's four categories (by rank) take the first four; categories a
/// case declares take the rest in turn.
const PALETTE: [Colour; 8] = [
    Colour {
        fill: "#e3f2fd",
        ink: "#1565c0",
    },
    Colour {
        fill: "#e8f5e9",
        ink: "#2e7d32",
    },
    Colour {
        fill: "#f3e5f5",
        ink: "#6a1b9a",
    },
    Colour {
        fill: "#e0f7fa",
        ink: "#00695c",
    },
    Colour {
        fill: "#efebe9",
        ink: "#4e342e",
    },
    Colour {
        fill: "#fce4ec",
        ink: "#ad1457",
    },
    Colour {
        fill: "#eceff1",
        ink: "#37474f",
    },
    Colour {
        fill: "#f9fbe7",
        ink: "#5f6b00",
    },
];

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub element: ElementId,
    pub id: String,
    pub shape: Shape,
    pub text: String,
    /// Index into [`Diagram::categories`], for arguments.
    pub category: Option<usize>,
    /// The building block's id, for arguments.
    pub block: Option<String>,
    /// Drawn with the hollow diamond: a goal or strategy with no support yet.
    pub undeveloped: bool,
    /// A supporting argument: shown, but not relied on (badge `supporting`).
    pub supporting: bool,
    /// Where a solution's artifact is, when it is safe to link to.
    pub link: Option<String>,
    pub artifact: Option<String>,
    pub findings: Vec<Finding>,
    /// The first drawing of its element: the one anchors point at.
    pub primary: bool,
    /// What the analysis found, for a claim, argument or evidence: its
    /// risk bound as shown to people, and its strength.
    pub risk: Option<String>,
    pub strength: Option<Rating>,
    pub dialectic: Dialectic,
    /// For an element a template instance wrote: "instance `x` of template
    /// `t`", shown in its tooltip.
    pub origin: Option<String>,
    /// In a template drawn as a pattern: it holds a parameter still to be
    /// filled in (GSN's uninstantiated decorator, a hollow triangle).
    pub uninstantiated: bool,
    /// In one module's diagram, an element of another module (or of the
    /// case file) that it links to: GSN's away element, drawn with a band
    /// naming where it is (`module control`, `the case`).
    pub away: Option<String>,
}

impl Node {
    /// A node with none of what the analysis of a case adds (no category,
    /// finding, bound or mark), for diagrams of something other than a
    /// case's elements: a template's pattern, the files of a project. Its
    /// element id is its index, which nothing looks up.
    pub(crate) fn plain(index: usize, id: String, shape: Shape, text: String) -> Node {
        Node {
            element: ElementId(index as u32),
            id,
            shape,
            text,
            category: None,
            block: None,
            undeveloped: false,
            supporting: false,
            link: None,
            artifact: None,
            findings: Vec::new(),
            primary: true,
            risk: None,
            strength: None,
            dialectic: Dialectic::default(),
            origin: None,
            uninstantiated: false,
            away: None,
        }
    }

    pub(crate) fn worst(&self) -> Option<Severity> {
        self.findings.iter().map(|f| f.severity).max()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Edge {
    pub from: usize,
    pub to: usize,
    pub relation: Relation,
    /// The target is drawn beside the source (a context-like copy).
    pub beside: bool,
    /// A support link an open doubt stands against: crossed out.
    pub defeated: bool,
    /// In a template drawn as a pattern: what the link repeats, makes
    /// optional or chooses among.
    pub pattern: Option<PatternMark>,
}

/// The GSN pattern extension's marks on a link (docs/diagrams.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PatternMark {
    /// Multiplicity: one link per member of a list (a filled ball).
    Multiple,
    /// Optionality: the link may be left out (a hollow ball).
    Optional,
    /// Choice: one of several alternatives (a hollow diamond).
    Choice,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Diagram {
    /// The case's id, or the root's when drawing a sub-argument.
    pub title: String,
    pub nodes: Vec<Node>,
    pub edges: Vec<Edge>,
    /// The categories of the arguments drawn, in the paper's order.
    pub categories: Vec<Category>,
}

impl Diagram {
    /// The whole argument from the top claim (then any other root, then any
    /// element not reachable from them), or, with `root`, the sub-argument
    /// under that element. An unknown root is an error message for the user.
    pub fn new(c: &Compilation, root: Option<&str>) -> Result<Diagram, EmitError> {
        let case = &c.case;
        let mut builder = Builder::new(c);
        let title;
        match root {
            Some(name) => {
                let id = case
                    .lookup(name)
                    .filter(|id| drawn_shape(c, *id).is_some())
                    .ok_or_else(|| unknown_root(c, name))?;
                title = name.to_string();
                builder.add_reachable(&[id]);
            }
            None => {
                title = case
                    .header()
                    .map_or_else(|| "case".to_string(), |(_, h)| h.id.to_string());
                let starts: Vec<ElementId> = c
                    .graph
                    .top
                    .into_iter()
                    .chain(c.graph.roots.iter().copied())
                    .collect();
                builder.add_reachable(&starts);
                // Then whatever the argument does not reach, in source order,
                // except context-like elements already drawn beside a referrer.
                let rest: Vec<ElementId> = case
                    .case_elements()
                    .filter(|(id, e)| {
                        e.kind.gsn_shape().is_some() && builder.node_of[id.index()].is_none()
                    })
                    .map(|(id, _)| id)
                    .collect();
                for id in rest {
                    if builder.node_of[id.index()].is_none() && !builder.referenced[id.index()] {
                        builder.add_reachable(&[id]);
                    }
                }
            }
        }
        Ok(builder.finish(title))
    }
}

/// Which part of a project a diagram draws.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum View {
    /// The whole argument, every module's elements in it (or, with a root,
    /// the sub-argument under that element).
    #[default]
    Whole,
    /// One module's elements, and as away elements those of other files
    /// that they link to or that rest on them.
    Module(String),
    /// The project's architecture: the case and its modules, each with an
    /// arrow to every module it imports.
    Modules,
}

impl Diagram {
    /// The diagram `view` asks for; `root` applies to the whole argument.
    pub fn view(c: &Compilation, view: &View, root: Option<&str>) -> Result<Diagram, EmitError> {
        match view {
            View::Whole => Diagram::new(c, root),
            View::Module(name) => {
                let module = c
                    .case
                    .modules
                    .iter()
                    .position(|m| m.name == name.as_str())
                    .map(|m| crate::ir::ModuleId(m as u32))
                    .ok_or_else(|| EmitError::UnknownModule {
                        name: name.clone(),
                        nearest: closest(name, c.case.modules.iter().map(|m| m.name.as_str()))
                            .map(str::to_string),
                    })?;
                let mut builder = Builder::new(c);
                builder.add_module(module);
                Ok(builder.finish(format!("module {name}")))
            }
            View::Modules => Ok(architecture(c)),
        }
    }

    /// The id of each element drawn, with the anchor of its first drawing,
    /// for links into the diagram.
    pub(crate) fn anchors(&self) -> HashMap<&str, String> {
        self.nodes
            .iter()
            .filter(|n| n.primary)
            .map(|n| (n.id.as_str(), anchor(&n.id)))
            .collect()
    }
}

/// The name the case file's complete diagram is drawn under, beside the
/// modules' (`case.case` → `case`).
fn case_stem(c: &Compilation) -> String {
    let name = &c.sources.get(c.file).name;
    let stem = std::path::Path::new(name).file_stem();
    stem.map_or_else(|| "case".to_string(), |s| s.to_string_lossy().into_owned())
}

/// The anchor (`id` attribute) of an element's drawing. The SVG's own ids
/// start with `gsn-`, so no element id can collide with them.
pub(crate) fn anchor(id: &str) -> String {
    format!("node-{id}")
}

/// The shape an element is drawn as; `None` for what is not drawn (the
/// prelude's definitions, components, subsystems, outcomes).
pub(crate) fn drawn_shape(c: &Compilation, id: ElementId) -> Option<Shape> {
    let e = c.case.get(id);
    if e.origin == crate::ir::Origin::Case {
        e.kind.gsn_shape()
    } else {
        None
    }
}

fn unknown_root(c: &Compilation, name: &str) -> EmitError {
    let case = &c.case;
    if let Some(id) = case.lookup(name) {
        return EmitError::RootNotDrawn {
            name: name.to_string(),
            kind: case.get(id).kind,
        };
    }
    let drawable = case
        .case_elements()
        .filter(|(_, e)| e.kind.gsn_shape().is_some())
        .map(|(_, e)| e.id.as_str());
    EmitError::UnknownRoot {
        name: name.to_string(),
        nearest: closest(name, drawable).map(str::to_string),
    }
}

struct Builder<'a> {
    c: &'a Compilation,
    diagram: Diagram,
    /// The primary node of each element, by element index.
    node_of: Vec<Option<usize>>,
    /// Context-like elements some drawn element refers to.
    referenced: Vec<bool>,
    /// Each category's place in the paper's order, by element index.
    category_order: Vec<Option<usize>>,
    category_index: Vec<Option<usize>>,
    /// The findings located on each element, by element index.
    findings: Vec<Vec<Finding>>,
}

impl<'a> Builder<'a> {
    fn new(c: &'a Compilation) -> Builder<'a> {
        let n = c.case.elements.len();
        let mut categories: Vec<(ElementId, &Element)> = c
            .case
            .definitions
            .values()
            .map(|id| (*id, c.case.get(*id)))
            .filter(|(_, e)| e.kind == ElementKind::Category)
            .collect();
        let rank = |e: &Element| {
            e.category()
                .and_then(|a| a.rank.as_ref())
                .map_or(f64::INFINITY, |r| r.value)
        };
        categories.sort_by(|a, b| {
            rank(a.1)
                .total_cmp(&rank(b.1))
                .then_with(|| a.1.id.cmp(&b.1.id))
        });
        let mut category_order = vec![None; n];
        for (k, (id, _)) in categories.iter().enumerate() {
            category_order[id.index()] = Some(k);
        }
        Builder {
            c,
            diagram: Diagram::default(),
            node_of: vec![None; n],
            referenced: vec![false; n],
            category_order,
            category_index: vec![None; n],
            findings: locate_findings(c),
        }
    }

    fn shape(&self, id: ElementId) -> Option<Shape> {
        drawn_shape(self.c, id)
    }

    /// Drawn beside its referrers: context-like with no support of its own.
    fn is_side(&self, id: ElementId) -> bool {
        self.shape(id).is_some_and(Shape::is_context_like)
            && self.c.graph.children[id.index()].is_empty()
    }

    /// Add every element reachable from `starts` (support links, and context
    /// links to justified assumptions), breadth first, then link them.
    fn add_reachable(&mut self, starts: &[ElementId]) {
        let first = self.diagram.nodes.len();
        for &start in starts {
            if self.node_of[start.index()].is_none() && self.shape(start).is_some() {
                self.add_node(start);
            }
        }
        let mut next = first;
        while next < self.diagram.nodes.len() {
            let element = self.diagram.nodes[next].element;
            let graph = &self.c.graph;
            let support = graph.children[element.index()].iter();
            let contexts = graph.contexts[element.index()]
                .iter()
                .filter(|c| !self.is_side(**c));
            let found: Vec<ElementId> = support
                .chain(contexts)
                .copied()
                .filter(|id| self.node_of[id.index()].is_none() && self.shape(*id).is_some())
                .collect();
            for id in found {
                if self.node_of[id.index()].is_none() {
                    self.add_node(id);
                }
            }
            next += 1;
        }
        for k in first..self.diagram.nodes.len() {
            if self.diagram.nodes[k].primary {
                self.link(k);
            }
        }
    }

    /// The elements of `module` and, as away elements, those of other
    /// files they link to or that rest on them: each module's diagram
    /// shows its part and where it connects (GSN's away elements).
    fn add_module(&mut self, module: crate::ir::ModuleId) {
        let c = self.c;
        let own = |id: ElementId| c.case.get(id).module == Some(module);
        let members: Vec<ElementId> = c
            .case
            .case_elements()
            .filter(|(id, _)| own(*id) && self.shape(*id).is_some() && !self.is_side(*id))
            .map(|(id, _)| id)
            .collect();
        for &id in &members {
            self.add_node(id);
        }
        let graph = &c.graph;
        let mut away = Vec::new();
        for &id in &members {
            let linked = graph.children[id.index()]
                .iter()
                .chain(&graph.contexts[id.index()])
                .chain(&graph.parents[id.index()]);
            for &other in linked {
                if !own(other) && self.shape(other).is_some() && !self.is_side(other) {
                    away.push(other);
                }
            }
        }
        for id in away {
            if self.node_of[id.index()].is_none() {
                let k = self.add_node(id);
                let element = c.case.get(id);
                let node = &mut self.diagram.nodes[k];
                // Each view drawn into one folder under its name (docs/modules.md):
                // `MODULE.svg`, and the complete argument under the case file's name.
                let (band, diagram) = match element.module {
                    Some(m) => {
                        let name = &c.case.modules[m.index()].name;
                        (format!("module {name}"), name.to_string())
                    }
                    None => ("the case".to_string(), case_stem(c)),
                };
                node.away = Some(band);
                node.link = Some(format!("{diagram}.svg#{}", anchor(&node.id)));
                // Developed (or not) in its own file.
                node.undeveloped = false;
            }
        }
        for k in 0..self.diagram.nodes.len() {
            if self.diagram.nodes[k].primary {
                self.link(k);
            }
        }
        // Links between two away elements belong to their own diagrams.
        let nodes = &self.diagram.nodes;
        self.diagram
            .edges
            .retain(|e| nodes[e.from].away.is_none() || nodes[e.to].away.is_none());
    }

    fn add_node(&mut self, id: ElementId) -> usize {
        let k = self.diagram.nodes.len();
        let primary = self.node_of[id.index()].is_none();
        if primary {
            self.node_of[id.index()] = Some(k);
        }
        let node = self.describe(id, primary);
        self.diagram.nodes.push(node);
        k
    }

    /// Edges out of node `k`: support, then contexts (copies drawn beside).
    fn link(&mut self, k: usize) {
        let element = self.diagram.nodes[k].element;
        let graph = &self.c.graph;
        let mut edges = Vec::new();
        for child in &graph.children[element.index()] {
            if let Some(to) = self.node_of[child.index()] {
                edges.push(Edge {
                    from: k,
                    to,
                    relation: Relation::SupportedBy,
                    beside: false,
                    defeated: self.link_defeated(element, *child),
                    pattern: None,
                });
            }
        }
        // An away element's contexts are drawn in its own module's diagram.
        let contexts: Vec<ElementId> = if self.diagram.nodes[k].away.is_some() {
            Vec::new()
        } else {
            graph.contexts[element.index()].to_vec()
        };
        for context in contexts {
            if self.shape(context).is_none() {
                continue;
            }
            if self.is_side(context) {
                self.referenced[context.index()] = true;
                let to = self.add_node(context);
                edges.push(Edge {
                    from: k,
                    to,
                    relation: Relation::InContextOf,
                    beside: true,
                    defeated: false,
                    pattern: None,
                });
            } else if let Some(to) = self.node_of[context.index()] {
                edges.push(Edge {
                    from: k,
                    to,
                    relation: Relation::InContextOf,
                    beside: false,
                    defeated: false,
                    pattern: None,
                });
            }
        }
        self.diagram.edges.extend(edges);
    }

    fn describe(&mut self, id: ElementId, primary: bool) -> Node {
        let case = &self.c.case;
        let e = case.get(id);
        let shape = e.kind.gsn_shape().unwrap_or(Shape::Context);
        let (mut category, mut block, mut undeveloped, mut artifact) = (None, None, false, None);
        let supporting = e.argument().is_some_and(|a| a.supporting.is_some());
        if let Some(a) = e.argument() {
            category = case.argument_category(a).and_then(|c| self.category(c));
            block = a.block.as_ref().map(|b| b.name.to_string());
            undeveloped = a.undeveloped.is_some() || e.supported_by.is_empty();
        }
        if let Some(a) = e.claim() {
            undeveloped = a.undeveloped.is_some() || e.supported_by.is_empty();
        }
        if let Some(a) = e.evidence() {
            artifact = a
                .artifact
                .as_ref()
                .map(|a| self.seen_from_case_folder(e, &a.value));
        }
        let analysis = &self.c.analysis;
        let dialectic = self.dialectic(id);
        Node {
            dialectic,
            element: id,
            id: e.id.to_string(),
            shape,
            text: e.text().to_string(),
            category,
            block,
            undeveloped,
            supporting,
            link: artifact.as_deref().and_then(|a| link::href(a, "")),
            artifact,
            findings: self.findings[id.index()].clone(),
            primary,
            risk: analysis.risk.shown(case, id),
            strength: analysis.strength.of(id).max.map(|(rating, _)| rating),
            origin: self.c.instance_at(e.span).map(|instance| {
                format!(
                    "from instance `{}` of template `{}`",
                    instance.id, instance.template
                )
            }),
            uninstantiated: false,
            away: None,
        }
    }

    /// An artifact path as seen from the case file's folder: a module's
    /// artifacts are relative to the module's file.
    fn seen_from_case_folder(&self, e: &Element, artifact: &str) -> String {
        let Some(module) = e.module else {
            return artifact.to_string();
        };
        if crate::analysis::integrity::is_url(artifact) {
            return artifact.to_string();
        }
        let sources = &self.c.sources;
        let folder = |file| {
            let name = &sources.get(file).name;
            std::path::Path::new(name.as_str())
                .parent()
                .map(std::path::Path::to_path_buf)
                .unwrap_or_default()
        };
        let case = folder(self.c.file);
        let module = folder(self.c.case.modules[module.index()].name_span.file);
        let (case, module): (Vec<_>, Vec<_>) =
            (case.components().collect(), module.components().collect());
        let common = case.iter().zip(&module).take_while(|(a, b)| a == b).count();
        let mut path = std::path::PathBuf::new();
        for _ in common..case.len() {
            path.push("..");
        }
        for part in &module[common..] {
            path.push(part);
        }
        path.push(artifact);
        path.to_string_lossy().replace('\\', "/")
    }

    /// Whether an open doubt stands against the support link `from` → `to`.
    fn link_defeated(&self, from: ElementId, to: ElementId) -> bool {
        let (case, graph) = (&self.c.case, &self.c.graph);
        graph.challengers[from.index()].iter().any(|d| {
            let on_link = case
                .get(*d)
                .defeater()
                .and_then(|a| a.link.as_ref()?.target)
                == Some(to);
            on_link && graph.defeat_state(case, *d) == Some(DefeatState::Open)
        })
    }

    /// The dialectic marks of an element.
    fn dialectic(&self, id: ElementId) -> Dialectic {
        let (case, graph) = (&self.c.case, &self.c.graph);
        let e = case.get(id);
        // Doubts on the element itself (a link's doubt crosses the link).
        let open_against = graph.challengers[id.index()].iter().any(|d| {
            case.get(*d).defeater().is_some_and(|a| a.link.is_none())
                && graph.defeat_state(case, *d) == Some(DefeatState::Open)
        }) || graph.children[id.index()]
            .iter()
            .any(|c| graph.counter[c.index()]);
        if let Some(defeater) = e.defeater() {
            let state = graph.defeat_state(case, id).unwrap_or(DefeatState::Open);
            let mut badge = String::from("counter-goal");
            if let Some(doubt) = &defeater.doubt {
                badge.push_str(" · ");
                badge.push_str(doubt.value.as_str());
            }
            badge.push_str(" · ");
            badge.push_str(match state {
                DefeatState::Accepted => "accepted residual doubt",
                other => other.as_str(),
            });
            return Dialectic {
                counter: true,
                defeated: state == DefeatState::Refuted || open_against,
                residual: state == DefeatState::Accepted,
                badge: Some(badge),
            };
        }
        if graph.counter[id.index()] {
            let unread = case
                .get(id)
                .evidence()
                .is_some_and(crate::analysis::readings::unread);
            let badge = match unread {
                true => "not read · result from its artifact",
                false => "counter-solution · refutes its claim",
            };
            return Dialectic {
                counter: !unread,
                defeated: open_against,
                residual: false,
                badge: Some(badge.into()),
            };
        }
        Dialectic {
            defeated: open_against,
            ..Dialectic::default()
        }
    }

    /// Challenge edges, from each drawn defeater to the drawn element it
    /// challenges (once every node is drawn, whatever the order).
    fn challenges(&mut self) {
        let mut edges = Vec::new();
        for (k, node) in self.diagram.nodes.iter().enumerate() {
            if !node.primary {
                continue;
            }
            let target = self
                .c
                .case
                .get(node.element)
                .defeater()
                .and_then(|d| d.challenges.as_ref()?.target);
            if let Some(to) = target.and_then(|t| self.node_of[t.index()]) {
                edges.push(Edge {
                    from: k,
                    to,
                    relation: Relation::Challenges,
                    beside: false,
                    defeated: false,
                    pattern: None,
                });
            }
        }
        self.diagram.edges.extend(edges);
    }

    /// The legend index of a category, adding it on first use.
    fn category(&mut self, id: ElementId) -> Option<usize> {
        if let Some(k) = self.category_index[id.index()] {
            return Some(k);
        }
        let order = self.category_order[id.index()]?;
        let k = self.diagram.categories.len();
        let colour = PALETTE[order % PALETTE.len()];
        self.diagram.categories.push(Category {
            element: id,
            id: self.c.case.get(id).id.to_string(),
            colour,
        });
        self.category_index[id.index()] = Some(k);
        Some(k)
    }

    fn finish(mut self, title: String) -> Diagram {
        self.diagram.title = title;
        self.challenges();
        // Categories in the paper's order, as the colours were given.
        let order = |c: &Category| self.category_order[c.element.index()];
        let mut sorted: Vec<usize> = (0..self.diagram.categories.len()).collect();
        sorted.sort_by_key(|&k| order(&self.diagram.categories[k]));
        let mut remap = vec![0; sorted.len()];
        for (new, &old) in sorted.iter().enumerate() {
            remap[old] = new;
        }
        for node in &mut self.diagram.nodes {
            node.category = node.category.map(|k| remap[k]);
        }
        self.diagram.categories = sorted
            .iter()
            .map(|&k| self.diagram.categories[k].clone())
            .collect();
        self.diagram
    }
}

/// Finds the drawn case element a source offset falls inside: their spans
/// sorted once, then a binary search per lookup.
pub struct ElementLocator {
    file: crate::source::FileId,
    /// By file (a template instance's elements are in its frame), then start.
    spans: Vec<(crate::source::FileId, u32, u32, ElementId)>,
}

impl ElementLocator {
    pub fn new(c: &Compilation) -> ElementLocator {
        let mut spans: Vec<_> = c
            .case
            .case_elements()
            .filter(|(id, e)| {
                (e.span.file == c.file || c.instance_at(e.span).is_some())
                    && drawn_shape(c, *id).is_some()
            })
            .map(|(id, e)| (e.span.file, e.span.start, e.span.end, id))
            .collect();
        spans.sort_unstable();
        ElementLocator {
            file: c.file,
            spans,
        }
    }

    /// The drawn element a finding is about: the instance's element it was
    /// on, for a finding reported at a template instance; else the one its
    /// primary location is in, else the first one a secondary label points
    /// into (a finding located on the case header, such as a risk bound
    /// above the threshold, names the claim it is about in a label).
    pub(crate) fn element_of(&self, d: &crate::diagnostic::Diagnostic) -> Option<ElementId> {
        if let Some(within) = d.within {
            return self.element_at(within);
        }
        std::iter::once(&d.primary)
            .chain(&d.secondary)
            .filter(|label| label.span.file == self.file)
            .find_map(|label| self.element_at(label.span))
    }

    /// The element whose item contains the start of `span`.
    pub(crate) fn element_at(&self, span: crate::source::Span) -> Option<ElementId> {
        let after = self
            .spans
            .partition_point(|(file, start, _, _)| (*file, *start) <= (span.file, span.start));
        let (file, _, end, id) = *self.spans.get(after.checked_sub(1)?)?;
        (file == span.file && span.start < end).then_some(id)
    }
}

/// The diagnostics of the case file, by the element they are located on.
fn locate_findings(c: &Compilation) -> Vec<Vec<Finding>> {
    let locator = ElementLocator::new(c);
    let mut findings = vec![Vec::new(); c.case.elements.len()];
    for d in &c.diagnostics {
        if let Some(id) = locator.element_of(d) {
            findings[id.index()].push(Finding {
                severity: d.severity,
                code: d.code,
                message: d.message.clone(),
            });
        }
    }
    findings
}

/// The project's architecture view: the case and each module as a box
/// (its name, owner and what it argues), with an arrow from each file to
/// every module it imports. Its nodes stand for files, not elements.
fn architecture(c: &Compilation) -> Diagram {
    let case = &c.case;
    let mut diagram = Diagram {
        title: "modules".to_string(),
        ..Diagram::default()
    };
    let file_node = |id: String, text: String, badge: String, index: usize| Node {
        block: Some(badge),
        ..Node::plain(index, id, Shape::Context, text)
    };
    let entry_is_module = c.files.first().is_some_and(|f| f.module.is_some());
    if !entry_is_module {
        let (id, text) = case.header().map_or_else(
            || ("case".to_string(), String::new()),
            |(_, h)| (h.id.to_string(), h.text().to_string()),
        );
        diagram
            .nodes
            .push(file_node(id, text, "the case".into(), 0));
    }
    let first = diagram.nodes.len();
    for (m, module) in case.modules.iter().enumerate() {
        let owner = module
            .owner
            .as_ref()
            .map_or_else(|| "module".to_string(), |o| format!("module · {}", o.value));
        let text = module.text.as_deref().unwrap_or_default().to_string();
        diagram
            .nodes
            .push(file_node(module.name.to_string(), text, owner, first + m));
    }
    let edge = |from: usize, to: usize| Edge {
        from,
        to,
        relation: Relation::SupportedBy,
        beside: false,
        defeated: false,
        pattern: None,
    };
    let mut edges = Vec::new();
    if !entry_is_module {
        for import in &case.imports {
            edges.push(edge(0, first + import.index()));
        }
    }
    for (m, module) in case.modules.iter().enumerate() {
        for import in &module.imports {
            edges.push(edge(first + m, first + import.index()));
        }
    }
    diagram.edges = edges;
    diagram
}
