//! GSN diagrams of a case: the [`model`] (the GSN view of the IR), each
//! node's content and size ([`card`]), a layered [`layout`], and the [`svg`]
//! and [`dot`] writers.

pub(crate) mod card;
pub mod dot;
pub mod layout;
pub mod model;
pub mod pattern;
pub mod svg;
pub mod text;

use crate::compile::Compilation;
use crate::emit::EmitError;
use card::Card;
use layout::{Layout, LayoutEdge, Placement};
use model::Relation;
pub use model::{Diagram, ElementLocator};

/// A diagram with everything needed to draw it.
pub struct Drawing {
    pub diagram: Diagram,
    pub cards: Vec<Card>,
    pub layout: Layout,
}

impl Drawing {
    pub fn new(diagram: Diagram) -> Drawing {
        let cards: Vec<Card> = diagram
            .nodes
            .iter()
            .map(|n| Card::new(n, &diagram))
            .collect();
        let nodes: Vec<_> = cards
            .iter()
            .zip(&diagram.nodes)
            .map(|(c, n)| c.layout_node(n))
            .collect();
        let edges: Vec<LayoutEdge> = diagram
            .edges
            .iter()
            .map(|e| LayoutEdge {
                // A defeater is laid out below what it challenges; its
                // arrow is drawn back up to it.
                from: if e.relation == Relation::Challenges {
                    e.to
                } else {
                    e.from
                },
                to: if e.relation == Relation::Challenges {
                    e.from
                } else {
                    e.to
                },
                placement: if e.beside {
                    Placement::Beside
                } else {
                    Placement::Below
                },
            })
            .collect();
        let mut layout = layout::layout(&nodes, &edges);
        // Challenges were laid out from the target down to the defeater:
        // their routes run back up, from the challenger to what it challenges.
        for (edge, route) in diagram.edges.iter().zip(&mut layout.routes) {
            if edge.relation == Relation::Challenges {
                route.points.reverse();
            }
        }
        Drawing {
            diagram,
            cards,
            layout,
        }
    }

    /// The diagram of a case, or of the sub-argument under `root`.
    pub fn of(c: &Compilation, root: Option<&str>) -> Result<Drawing, EmitError> {
        Ok(Drawing::new(Diagram::new(c, root)?))
    }

    /// Links to artifacts at paths relative to the case file, made relative
    /// to where the diagram is written: `base` is the case file's directory
    /// as seen from there, URL-encoded and ending in `/` (or empty).
    pub(crate) fn with_link_base(mut self, base: &str) -> Drawing {
        // An away element links to its own module's diagram, drawn in the
        // same folder as this one.
        for node in self.diagram.nodes.iter_mut().filter(|n| n.away.is_none()) {
            node.link = node
                .artifact
                .as_deref()
                .and_then(|a| crate::emit::link::href(a, base));
        }
        self
    }
}
