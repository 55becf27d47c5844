//! The typed IR: every element of a case after name resolution.
//!
//! All elements, the prelude's definitions included, live in one arena
//! ([`Case::elements`]) and refer to each other by [`ElementId`]. Every node
//! keeps its source span so that any later stage (checker, diagrams,
//! formatter, language server) can point back at the source.

mod graph;
mod lower;
pub mod properties;
pub(crate) mod query;
pub mod template;

pub use crate::syntax::kinds::{ElementKind, Namespace};
pub use graph::Graph;
pub use lower::{lower, Modules, Unit};
pub use query::Occurrence;

use crate::source::Span;
use crate::syntax::kinds::words;
use crate::syntax::Date;
pub use compact_str::CompactString;
use std::collections::HashMap;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ElementId(pub u32);

impl ElementId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A value with the span it was written at.
#[derive(Clone, Debug, PartialEq)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

/// A module of a project, by its index in [`Case::modules`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ModuleId(pub u32);

impl ModuleId {
    pub fn index(self) -> usize {
        self.0 as usize
    }
}

/// A module: a named file of a project's argument (`module NAME "text"`),
/// whose elements are named `NAME::ID` everywhere but in itself.
#[derive(Clone, Debug, PartialEq)]
pub struct Module {
    pub name: CompactString,
    /// The name in its `module` header.
    pub name_span: Span,
    pub text: Option<std::sync::Arc<str>>,
    /// The team that owns the module (`owner: "…"`).
    pub owner: Option<Spanned<String>>,
    /// The modules it imports itself, in the order written.
    pub imports: Vec<ModuleId>,
}

/// Where an element was declared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    Prelude,
    Case,
}

/// A reference to another element by id, resolved or not.
#[derive(Clone, Debug, PartialEq)]
pub struct Ref {
    pub name: CompactString,
    pub span: Span,
    /// `None` when the name did not resolve to an element of an allowed kind
    /// (that has been reported).
    pub target: Option<ElementId>,
}

words! {
    /// How a building block rates (`practicality`, `strength`, `scalability`).
    pub enum Rating {
        Weak => "weak",
        Moderate => "moderate",
        Strong => "strong",
    }
}

words! {
    /// How capable a component is declared to be (`capability: high`).
    pub enum Level {
        Low => "low",
        Moderate => "moderate",
        High => "high",
    }
}

words! {
    pub enum Trust {
        Trusted => "trusted",
        Untrusted => "untrusted",
    }
}

words! {
    pub enum ComponentKind {
        Ai => "ai",
        Human => "human",
        Software => "software",
        Infrastructure => "infrastructure",
    }
}

words! {
    /// How the risk bounds of an element's support combine into its own.
    pub enum Combine {
        /// Every supporting element is needed: the element fails if any does.
        All => "all",
        /// Each supporting element alone establishes the element (alternatives).
        Any => "any",
        /// Alternatives that fail independently, as a justification argues.
        Independent => "independent",
        /// Conditional steps: the element fails only if every step does, and
        /// each step after the first bounds its failure given the failures
        /// before it (`given:`), so the bounds multiply.
        Chain => "chain",
    }
}

words! {
    /// Which results refute the claim a piece of evidence supports, relative
    /// to its pre-registered `criterion:`.
    pub enum Refutes {
        /// A result at or above the criterion refutes (a capability threshold).
        AtOrAbove => "at_or_above",
        /// A result above the criterion refutes.
        Above => "above",
        /// A result at or below the criterion refutes.
        AtOrBelow => "at_or_below",
        /// A result below the criterion refutes (a required catch rate).
        Below => "below",
    }
}

words! {
    /// What kind of doubt a defeater raises (Assurance 2.0's three kinds).
    pub enum Doubt {
        /// A reason the challenged claim is false.
        Rebuts => "rebuts",
        /// A reason the challenged evidence is not valid (wrong model
        /// version, inadequate elicitation).
        Undermines => "undermines",
        /// A reason the support does not establish what it supports, even
        /// if the support holds: against an argument, or one support link.
        Undercuts => "undercuts",
    }
}

/// Where a defeater stands, computed from the argument (never written, so
/// not a word list: nothing parses it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) enum DefeatState {
    /// Nothing answers it, or an answer does not stand.
    Open,
    /// Answered by claims or evidence that stand.
    Refuted,
    /// Kept as residual doubt, with an owner and a rationale.
    Accepted,
}

impl DefeatState {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            DefeatState::Open => "open",
            DefeatState::Refuted => "refuted",
            DefeatState::Accepted => "accepted",
        }
    }
}

/// A number an evaluation reports or is judged by: `4`, `0.8` or `80%`
/// (a percentage is stored as the fraction, 0.8).
#[derive(Clone, Debug, PartialEq)]
pub struct Measure {
    pub value: f64,
    /// Written as a percentage.
    pub percent: bool,
    pub written: String,
}

/// A probability in [0, 1], with the text it was written as.
#[derive(Clone, Debug, PartialEq)]
pub struct Probability {
    pub value: f64,
    pub written: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    pub start: Date,
    pub end: Date,
}

/// An argument's use of a role from its building block: `watchdog: monitor`.
#[derive(Clone, Debug, PartialEq)]
pub struct RoleBinding {
    pub role: Ref,
    pub component: Ref,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct CaseAttrs {
    pub top: Option<Ref>,
    pub threshold: Option<Spanned<Probability>>,
    /// Evidence older than this many days is stale.
    pub max_evidence_age: Option<Spanned<f64>>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct DecisionAttrs {
    pub setting: Option<Spanned<String>>,
    pub access: Option<Spanned<String>>,
    pub window: Option<Spanned<Window>>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ComponentAttrs {
    pub kind: Option<Spanned<ComponentKind>>,
    pub trust: Option<Spanned<Trust>>,
    pub version: Option<Spanned<String>>,
    pub capability: Option<Spanned<Level>>,
    /// Used to make the case (an advisor consulted in evaluation, a red-team
    /// or base model), not part of the deployment.
    pub not_deployed: Option<Span>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SubsystemAttrs {
    pub components: Vec<Ref>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClaimAttrs {
    pub about: Vec<Ref>,
    pub addresses: Vec<Ref>,
    pub undeveloped: Option<Span>,
    /// A claim about the subsystems' joint (collective) behaviour.
    pub joint: Option<Span>,
    /// Part of its module's interface: another module may develop it, and
    /// some module must (`public`).
    pub public: Option<Span>,
    pub risk: Option<Spanned<Probability>>,
    pub combine: Option<Spanned<Combine>>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ArgumentAttrs {
    pub category: Option<Ref>,
    pub block: Option<Ref>,
    pub roles: Vec<RoleBinding>,
    pub undeveloped: Option<Span>,
    pub risk: Option<Spanned<Probability>>,
    pub combine: Option<Spanned<Combine>>,
    /// The list (a context's `members:`) this argument decomposes over.
    pub over: Option<Ref>,
    /// Adds confidence, but the case does not rely on it (Balesni et al.'s
    /// supporting alignment arguments): not in the bound, not in coverage.
    pub supporting: Option<Span>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct ContextAttrs {
    /// What the context enumerates (risk models, proxy tasks, …): each one
    /// an argument `over:` it must cover with a premise.
    pub members: Vec<Ref>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct EvidenceAttrs {
    pub artifact: Option<Spanned<String>>,
    pub sha256: Option<Spanned<String>>,
    pub date: Option<Spanned<Date>>,
    pub model: Option<Spanned<String>>,
    pub risk: Option<Spanned<Probability>>,
    /// What the evaluation found, in numbers.
    pub result: Option<Spanned<Measure>>,
    /// How many trials `result` counts successes out of.
    pub trials: Option<Spanned<f64>>,
    /// The pre-registered criterion the result is compared with.
    pub criterion: Option<Spanned<Measure>>,
    /// Which side of the criterion refutes the supported claim.
    pub refutes: Option<Spanned<Refutes>>,
    /// The metric `result` is read from, in the artifact.
    pub metric: Option<Spanned<String>>,
    /// The Inspect scorer the metric belongs to.
    pub scorer: Option<Spanned<String>>,
    /// How many samples the artifact's run must have completed.
    pub samples: Option<Spanned<f64>>,
}

/// A doubt raised against the argument (`defeater ID "text" { … }`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DefeaterAttrs {
    /// The claim, argument or evidence the doubt is about.
    pub challenges: Option<Ref>,
    /// With `challenges`, one element of its `supported by`: the doubt is
    /// about that one support link.
    pub link: Option<Ref>,
    pub doubt: Option<Spanned<Doubt>>,
    /// Why the doubt is kept as residual doubt.
    pub accepted: Option<Spanned<String>>,
    /// Who owns the residual doubt.
    pub owner: Option<Spanned<String>>,
    /// The residual risk an accepted doubt adds to what it challenges.
    pub risk: Option<Spanned<Probability>>,
}

/// A reviewer's sign-off of an element, bound to what was reviewed
/// (`signoff ID "text" { of: … reviewer: … date: … sha256: … }`).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SignoffAttrs {
    /// The claim, argument or evidence signed off, with all it rests on.
    pub of: Option<Ref>,
    pub reviewer: Option<Spanned<String>>,
    pub date: Option<Spanned<Date>>,
    /// The binding `casec evidence sign` recorded: the digest of the
    /// element's content when it was signed off.
    pub sha256: Option<Spanned<String>>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct CategoryAttrs {
    /// Position in the paper's order inability → control → trustworthiness → deference.
    pub rank: Option<Spanned<f64>>,
    pub requires: Vec<Ref>,
    /// A throw-away property of test builds (see `ir::properties`).
    #[cfg(test)]
    pub probe_property: Option<Span>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct BlockAttrs {
    pub categories: Vec<Ref>,
    pub practicality: Option<Spanned<Rating>>,
    pub strength: Option<Spanned<Rating>>,
    pub scalability: Option<Spanned<Rating>>,
    pub requires: Vec<Ref>,
    pub roles: Vec<Ref>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct RoleAttrs {
    pub trust: Option<Spanned<Trust>>,
    /// Categories of argument, any one of which must justify the component
    /// bound to this role.
    pub assurance: Vec<Ref>,
    pub requires: Vec<Ref>,
}

/// What each kind of element carries beyond the common fields.
#[derive(Clone, Debug, PartialEq)]
pub enum Attrs {
    Case(CaseAttrs),
    Decision(DecisionAttrs),
    Component(ComponentAttrs),
    Subsystem(SubsystemAttrs),
    Claim(ClaimAttrs),
    Argument(ArgumentAttrs),
    Evidence(EvidenceAttrs),
    Defeater(DefeaterAttrs),
    Signoff(SignoffAttrs),
    Category(CategoryAttrs),
    Block(BlockAttrs),
    Role(RoleAttrs),
    Context(ContextAttrs),
    /// Outcomes, assumptions, justifications and topics.
    Plain,
}

impl Attrs {
    /// The attributes of a new element of `kind`, before its properties.
    pub fn empty(kind: ElementKind) -> Attrs {
        match kind {
            ElementKind::Case => Attrs::Case(CaseAttrs::default()),
            ElementKind::Decision => Attrs::Decision(DecisionAttrs::default()),
            ElementKind::Component => Attrs::Component(ComponentAttrs::default()),
            ElementKind::Subsystem => Attrs::Subsystem(SubsystemAttrs::default()),
            ElementKind::Claim => Attrs::Claim(ClaimAttrs::default()),
            ElementKind::Argument => Attrs::Argument(ArgumentAttrs::default()),
            ElementKind::Evidence => Attrs::Evidence(EvidenceAttrs::default()),
            ElementKind::Defeater => Attrs::Defeater(DefeaterAttrs::default()),
            ElementKind::Signoff => Attrs::Signoff(SignoffAttrs::default()),
            ElementKind::Category => Attrs::Category(CategoryAttrs::default()),
            ElementKind::Block => Attrs::Block(BlockAttrs::default()),
            ElementKind::Role => Attrs::Role(RoleAttrs::default()),
            ElementKind::Context => Attrs::Context(ContextAttrs::default()),
            ElementKind::Outcome
            | ElementKind::Assumption
            | ElementKind::Justification
            | ElementKind::Topic => Attrs::Plain,
            #[cfg(test)]
            ElementKind::Probe => Attrs::Plain,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Element {
    pub kind: ElementKind,
    pub id: CompactString,
    pub id_span: Span,
    /// The whole item, keyword to closing brace.
    pub span: Span,
    pub text: Option<Spanned<std::sync::Arc<str>>>,
    pub supported_by: Vec<Ref>,
    pub in_context_of: Vec<Ref>,
    /// Topics this element establishes (e.g. `shows: elicitation`).
    pub shows: Vec<Ref>,
    /// Warnings on this item accepted in review (`accept:`).
    pub accepts: Vec<Acceptance>,
    /// The earlier steps of a chain this element's risk is conditional on.
    pub given: Vec<Ref>,
    pub attrs: Attrs,
    pub origin: Origin,
    /// The module it belongs to; `None` for the case file's own elements
    /// and the prelude's.
    pub module: Option<ModuleId>,
    /// The claim of another module this element supports (`develops:`).
    pub develops: Option<Ref>,
}

/// One `accept: "RULE: reason"`: a warning of `code` on this item, accepted.
#[derive(Clone, Debug, PartialEq)]
pub struct Acceptance {
    pub code: crate::diagnostic::Code,
    pub reason: String,
    /// The string as written.
    pub span: Span,
}

impl Element {
    /// The `risk:` this element states, if it takes one and gives it.
    pub(crate) fn stated_risk(&self) -> Option<&Spanned<Probability>> {
        match &self.attrs {
            Attrs::Claim(a) => a.risk.as_ref(),
            Attrs::Argument(a) => a.risk.as_ref(),
            Attrs::Evidence(a) => a.risk.as_ref(),
            _ => None,
        }
    }

    /// How this element's support combines (`combine:`), if it says.
    pub fn combine(&self) -> Option<&Spanned<Combine>> {
        match &self.attrs {
            Attrs::Claim(a) => a.combine.as_ref(),
            Attrs::Argument(a) => a.combine.as_ref(),
            _ => None,
        }
    }

    pub fn text(&self) -> &str {
        self.text.as_ref().map_or("", |t| &t.value)
    }
}

macro_rules! attrs_accessor {
    ($($fn:ident => $variant:ident($ty:ty);)*) => {
        impl Element {
            $(pub fn $fn(&self) -> Option<&$ty> {
                match &self.attrs { Attrs::$variant(a) => Some(a), _ => None }
            })*
        }
    };
}

attrs_accessor! {
    case_attrs => Case(CaseAttrs);
    decision => Decision(DecisionAttrs);
    component => Component(ComponentAttrs);
    subsystem => Subsystem(SubsystemAttrs);
    claim => Claim(ClaimAttrs);
    argument => Argument(ArgumentAttrs);
    evidence => Evidence(EvidenceAttrs);
    defeater => Defeater(DefeaterAttrs);
    signoff => Signoff(SignoffAttrs);
    category => Category(CategoryAttrs);
    block => Block(BlockAttrs);
    role => Role(RoleAttrs);
    context => Context(ContextAttrs);
}

/// A whole case after lowering: the prelude's definitions and the case's own
/// elements, with name tables for both namespaces.
#[derive(Clone, Debug, Default)]
pub struct Case {
    pub elements: Vec<Element>,
    /// Case elements by id.
    pub names: HashMap<CompactString, ElementId>,
    /// Definitions (categories, blocks, roles, topics) by id; a case's own
    /// definition overrides the prelude's of the same id.
    pub definitions: HashMap<CompactString, ElementId>,
    /// Items that did not parse: references to their ids are not reported,
    /// nor are they reported missing (the syntax error says enough).
    pub unparsed: Vec<(ElementKind, String)>,
    /// `ID.` of each template instance that could not be (wholly) expanded
    /// (reported then): references into it are not reported again.
    pub unexpanded: std::collections::HashSet<String>,
    /// Properties written with a value that could not be used (reported
    /// then): checks for a missing property leave these alone.
    pub rejected: Vec<(ElementId, &'static str)>,
    /// The project's modules, when the case imports any.
    pub modules: Vec<Module>,
    /// The modules the case file imports itself, in the order written.
    pub imports: Vec<ModuleId>,
}

impl Case {
    pub fn get(&self, id: ElementId) -> &Element {
        &self.elements[id.index()]
    }

    /// Whether `key` was written on `id` with a value already reported as
    /// unusable.
    pub(crate) fn rejected(&self, id: ElementId, key: &str) -> bool {
        self.rejected.iter().any(|(e, k)| *e == id && *k == key)
    }

    pub fn ids(&self) -> impl Iterator<Item = ElementId> {
        (0..self.elements.len() as u32).map(ElementId)
    }

    /// The case's own elements (not the prelude's), in source order.
    pub(crate) fn case_elements(&self) -> impl Iterator<Item = (ElementId, &Element)> {
        self.ids()
            .map(|id| (id, self.get(id)))
            .filter(|(_, e)| e.origin == Origin::Case)
    }

    pub fn of_kind(&self, kind: ElementKind) -> impl Iterator<Item = (ElementId, &Element)> {
        self.case_elements().filter(move |(_, e)| e.kind == kind)
    }

    /// The element a reference points at, if it resolved.
    pub fn target(&self, reference: &Ref) -> Option<&Element> {
        reference.target.map(|id| self.get(id))
    }

    pub fn lookup(&self, name: &str) -> Option<ElementId> {
        self.names.get(name).copied()
    }

    pub fn definition(&self, name: &str) -> Option<ElementId> {
        self.definitions.get(name).copied()
    }

    /// Whether an item of `kind` failed to parse.
    pub(crate) fn has_unparsed(&self, kind: ElementKind) -> bool {
        self.unparsed.iter().any(|(k, _)| *k == kind)
    }

    /// The case header (`case ID "title" { … }`), if there is one.
    pub fn header(&self) -> Option<(ElementId, &Element)> {
        self.of_kind(ElementKind::Case).next()
    }

    /// The deployment decision, if there is one.
    pub fn decision(&self) -> Option<(ElementId, &Element)> {
        self.of_kind(ElementKind::Decision).next()
    }

    /// The categories an argument belongs to: its own, or its block's.
    pub(crate) fn argument_category(&self, argument: &ArgumentAttrs) -> Option<ElementId> {
        argument
            .category
            .as_ref()
            .and_then(|c| c.target)
            .or_else(|| {
                let block = self.target(argument.block.as_ref()?)?.block()?;
                block.categories.first()?.target
            })
    }

    /// What an argument must show, from the definitions it uses: its
    /// category's topics, its block's, and each bound role's, which are
    /// about the component bound to it. Each topic once, first place kept.
    pub fn requirements<'a>(&'a self, argument: &'a ArgumentAttrs) -> Vec<Requirement<'a>> {
        let mut out = Vec::new();
        let category = self
            .argument_category(argument)
            .and_then(|c| self.get(c).category());
        for topic in category.into_iter().flat_map(|c| &c.requires) {
            out.push(Requirement { topic, about: None });
        }
        let block = argument
            .block
            .as_ref()
            .and_then(|b| self.target(b)?.block());
        for topic in block.into_iter().flat_map(|b| &b.requires) {
            out.push(Requirement { topic, about: None });
        }
        for binding in &argument.roles {
            let role = self.target(&binding.role).and_then(|r| r.role());
            for topic in role.into_iter().flat_map(|r| &r.requires) {
                out.push(Requirement {
                    topic,
                    about: Some(binding),
                });
            }
        }
        let mut seen = std::collections::HashSet::new();
        out.retain(|r| seen.insert((r.topic.name.as_str(), r.about.map(|b| &b.component.name))));
        out
    }
}

/// A topic an argument must show, and the binding it must be shown about
/// when a role requires it.
#[derive(Clone, Copy, Debug)]
pub struct Requirement<'a> {
    pub topic: &'a Ref,
    pub about: Option<&'a RoleBinding>,
}
