//! The checker: the domain's rules over the typed IR, one module per family.
//! Every rule's code, name, severity and explanation is in the table of
//! [`Code`](crate::diagnostic::Code).

pub mod accept;
mod categories;
mod decomposition;
mod dialectic;
mod evidence;
mod framework;
mod freshness;
mod identity;
mod macrosystem;
mod options;
mod readings;
mod results;
mod risk;
mod signoffs;
mod structure;
mod vouching;

use crate::analysis::Analysis;
use crate::diagnostic::{Diagnostic, Edit};
use crate::ir::{Case, Element, ElementId, Graph};
use crate::source::{FileId, Span};
pub use options::{Options, DEFAULT_MAX_EVIDENCE_AGE};

/// What every rule sees.
pub(crate) struct Checker<'a> {
    pub case: &'a Case,
    pub graph: &'a Graph,
    pub analysis: &'a Analysis,
    pub options: &'a Options,
    /// The case file, for findings about something missing from it.
    pub file: FileId,
    /// Whether what the top claim reaches is known: there is one top claim
    /// and every link resolved. When not, that cause is reported once, and
    /// every claim counts toward the obligations so none is echoed.
    reach_known: bool,
    pub out: Vec<Diagnostic>,
}

impl Checker<'_> {
    /// Where to point when something is missing from the whole file: the
    /// case header if there is one, else the file's first byte.
    pub(crate) fn file_span(&self) -> Span {
        self.case
            .header()
            .map_or(Span::new(self.file, 0, 0), |(_, h)| h.id_span)
    }

    /// Whether an element discharges obligations (an outcome addressed, a
    /// subsystem covered, a component's trust justified): only what the top
    /// claim reaches, not through a supporting argument, is relied on.
    pub fn counts(&self, id: ElementId) -> bool {
        !self.reach_known || self.graph.relied[id.index()]
    }

    /// Whether the top claim reaches an element at all (through supporting
    /// arguments too): what W0306 asks.
    pub fn reaches(&self, id: ElementId) -> bool {
        !self.reach_known || self.graph.reachable[id.index()]
    }

    /// Adds to `diagnostic` why `element`, which `would` discharge the
    /// obligation, does not: the top claim does not reach it, or reaches it
    /// only through a supporting argument; and how to link it in from
    /// `link_from`.
    pub(crate) fn not_relied_on(
        &self,
        diagnostic: Diagnostic,
        element: ElementId,
        would: &str,
        link_from: &str,
    ) -> Diagnostic {
        let claim = self.case.get(element);
        let top = self.graph.top.map_or("", |t| self.case.get(t).id.as_str());
        let why = if self.reaches(element) {
            "it is reached only through a supporting argument, which the case does not rely on"
                .to_string()
        } else {
            format!("the top claim `{top}` does not reach it")
        };
        diagnostic
            .secondary(claim.id_span, format!("`{}` {would}, but {why}", claim.id))
            .help(format!(
                "link `{}` into the argument for `{top}` with `supported by:` from {link_from}",
                claim.id
            ))
    }

    pub fn report(&mut self, diagnostic: Diagnostic) {
        self.out.push(diagnostic);
    }

    /// Elements' ids for a message, in backticks: the first `max`, then how
    /// many more, so that a message stays one readable line on any case.
    pub fn ids(&self, elements: &[ElementId], max: usize) -> String {
        let names: Vec<String> = elements
            .iter()
            .take(max)
            .map(|id| format!("`{}`", self.case.get(*id).id))
            .collect();
        match elements.len().saturating_sub(max) {
            0 => names.join(", "),
            more => format!("{} and {more} more", names.join(", ")),
        }
    }
}

/// An edit that writes `property` (`undeveloped`, `shows: x`) into
/// `element`'s body, giving it a body if it has none. An item's span ends
/// at its closing brace when it has a body, and at its text (or id)
/// otherwise.
pub(crate) fn add_property(element: &Element, property: &str) -> Edit {
    let head_end = element
        .text
        .as_ref()
        .map_or(element.id_span.end, |t| t.span.end.max(element.id_span.end));
    let end = element.span.end;
    if end > head_end {
        Edit {
            span: Span {
                start: end - 1,
                end: end - 1,
                ..element.span
            },
            replacement: format!(" {property} "),
        }
    } else {
        Edit {
            span: Span {
                start: end,
                ..element.span
            },
            replacement: format!(" {{ {property} }}"),
        }
    }
}

/// Run every rule family over a lowered case.
pub fn check(
    case: &Case,
    graph: &Graph,
    analysis: &Analysis,
    file: FileId,
    options: &Options,
) -> Vec<Diagnostic> {
    let broken_link = case.case_elements().any(|(_, e)| {
        e.supported_by
            .iter()
            .chain(&e.in_context_of)
            .any(|r| r.target.is_none())
    });
    let mut checker = Checker {
        case,
        graph,
        analysis,
        options,
        file,
        reach_known: graph.top.is_some() && !broken_link,
        out: Vec::new(),
    };
    structure::check(&mut checker);
    decomposition::check(&mut checker);
    dialectic::check(&mut checker);
    framework::check(&mut checker);
    macrosystem::check(&mut checker);
    let self_trusted = categories::check(&mut checker);
    vouching::check(&mut checker, &self_trusted);
    evidence::check(&mut checker);
    readings::check(&mut checker);
    results::check(&mut checker);
    freshness::check(&mut checker);
    risk::check(&mut checker);
    signoffs::check(&mut checker);
    checker.out
}
