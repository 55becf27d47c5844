//! What each node shows and how big its shape must be for that: the id, the
//! argument's category and building block, and the wrapped text, fitted
//! inside the GSN shape (the text box is inscribed in circles and ellipses).

use super::layout::LayoutNode;
use super::model::{Diagram, Node, Shape};
use super::text::{breaks_a_word, wrap, Font, MAX_TEXT_LINES};

pub(crate) const ID_FONT: Font = Font::bold(12.0);
pub(crate) const TEXT_FONT: Font = Font::regular(12.0);
pub(crate) const BADGE_FONT: Font = Font::regular(10.0);
/// Padding between the text box and the shape.
const PAD: f64 = 8.0;
/// Horizontal slant of a strategy's parallelogram.
pub(crate) const SKEW: f64 = 14.0;
/// The undeveloped diamond's height, and its gap below the shape.
pub(crate) const DIAMOND: f64 = 14.0;
pub(crate) const DIAMOND_GAP: f64 = 2.0;
/// Ids wider than this are wrapped (never cut) rather than widening the node further.
const MAX_ID_WIDTH: f64 = 320.0;

/// The content of a node and the size of its shape; the node's box is the
/// shape plus, for an undeveloped element, the diamond below it.
/// The height of an away element's band, below its shape, that names the
/// module it is in.
pub(crate) const AWAY_BAND: f64 = 18.0;

#[derive(Clone, Debug, PartialEq)]
pub struct Card {
    pub id_lines: Vec<String>,
    pub badge_lines: Vec<String>,
    pub text_lines: Vec<String>,
    /// What the analysis found: `risk ≤ 4.3e-4 · strength strong`.
    pub analysis_lines: Vec<String>,
    pub shape_width: f64,
    pub shape_height: f64,
    /// The height of the text block (id, badge, text).
    pub content_height: f64,
}

impl Card {
    pub fn new(node: &Node, diagram: &Diagram) -> Card {
        // The widest text line, by shape. A circle's text block is
        // inscribed, so it is tried at a few widths for the smallest circle.
        let widths: &[f64] = match node.shape {
            Shape::Goal | Shape::Strategy => &[200.0],
            Shape::Context => &[180.0],
            Shape::Assumption | Shape::Justification => &[150.0],
            Shape::Solution => &[90.0, 110.0, 130.0, 150.0, 170.0],
        };
        let badge = match (
            node.category.and_then(|k| diagram.categories.get(k)),
            &node.block,
        ) {
            (Some(category), Some(block)) if category.id != *block => {
                format!("{} · {block}", category.id)
            }
            (Some(category), _) => category.id.clone(),
            (None, Some(block)) => block.clone(),
            (None, None) => String::new(),
        };
        let badge = match (node.supporting, badge.is_empty()) {
            (false, _) => badge,
            (true, true) => "supporting".to_string(),
            (true, false) => format!("{badge} · supporting"),
        };
        let badge = match (&node.dialectic.badge, badge.is_empty()) {
            (None, _) => badge,
            (Some(words), true) => words.clone(),
            (Some(words), false) => format!("{badge} · {words}"),
        };
        let analysis = analysis_text(node);
        // Prefer widths that break no word, then the smallest shape.
        let breaks_a_word = |card: &Card| breaks_a_word(&node.text, &card.text_lines);
        widths
            .iter()
            .map(|&width| Card::wrapped(node, &badge, &analysis, width))
            .min_by(|a, b| {
                (breaks_a_word(a), a.shape_width)
                    .partial_cmp(&(breaks_a_word(b), b.shape_width))
                    .unwrap_or(std::cmp::Ordering::Equal)
            })
            .unwrap_or_else(|| Card::wrapped(node, &badge, &analysis, 200.0))
    }

    fn wrapped(node: &Node, badge: &str, analysis: &str, wrap_width: f64) -> Card {
        // The id is what reviewers search for: widen the node to keep it whole.
        let wrap_width = wrap_width.max(ID_FONT.width(&node.id).min(MAX_ID_WIDTH));
        let id_lines = wrap(&node.id, ID_FONT, wrap_width, usize::MAX);
        let badge_lines = wrap(badge, BADGE_FONT, wrap_width, 2);
        let text_lines = wrap(&node.text, TEXT_FONT, wrap_width, MAX_TEXT_LINES);
        let analysis_lines = wrap(analysis, BADGE_FONT, wrap_width, 2);
        let content_width = super::text::widest(&id_lines, ID_FONT)
            .max(super::text::widest(&badge_lines, BADGE_FONT))
            .max(super::text::widest(&text_lines, TEXT_FONT))
            .max(super::text::widest(&analysis_lines, BADGE_FONT));
        let content_height = id_lines.len() as f64 * ID_FONT.line_height()
            + (badge_lines.len() + analysis_lines.len()) as f64 * BADGE_FONT.line_height()
            + text_lines.len() as f64 * TEXT_FONT.line_height();
        let (shape_width, shape_height) = match node.shape {
            Shape::Goal | Shape::Context => (
                (content_width + 2.0 * PAD).max(80.0),
                content_height + 2.0 * PAD,
            ),
            Shape::Strategy => (
                (content_width + 2.0 * (PAD + SKEW)).max(100.0),
                content_height + 2.0 * PAD,
            ),
            Shape::Solution => {
                let diameter = (content_width.hypot(content_height) + 2.0 * PAD).max(64.0);
                (diameter, diameter)
            }
            // The text box's corners on an ellipse of semi-axes w/√2, h/√2;
            // the minimum keeps the corner free for the A or J mark.
            Shape::Assumption | Shape::Justification => {
                let a = (content_width / std::f64::consts::SQRT_2 + PAD).max(70.0);
                let b = (content_height / std::f64::consts::SQRT_2 + PAD).max(30.0);
                (2.0 * a, 2.0 * b)
            }
        };
        Card {
            id_lines,
            badge_lines,
            text_lines,
            analysis_lines,
            shape_width: shape_width.ceil(),
            shape_height: shape_height.ceil(),
            content_height,
        }
    }

    /// The node's box as the layout sees it.
    pub(crate) fn layout_node(&self, node: &Node) -> LayoutNode {
        let decorator = if node.undeveloped {
            DIAMOND + DIAMOND_GAP
        } else {
            0.0
        };
        let band = if node.away.is_some() { AWAY_BAND } else { 0.0 };
        LayoutNode {
            width: self.shape_width,
            height: self.shape_height + decorator + band,
            side_inset: if node.shape == Shape::Strategy {
                SKEW / 2.0
            } else {
                0.0
            },
        }
    }
}

/// The analysis line of a node: its risk bound and strength, when known.
fn analysis_text(node: &Node) -> String {
    let risk = node.risk.as_ref().map(|r| format!("risk ≤ {r}"));
    let strength = node.strength.map(|s| format!("strength {}", s.as_str()));
    let parts: Vec<String> = risk.into_iter().chain(strength).collect();
    parts.join(" · ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::emit::gsn::model::{Category, Colour};
    use crate::ir::ElementId;

    fn node(shape: Shape, id: &str, text: &str) -> Node {
        Node {
            element: ElementId(0),
            id: id.into(),
            shape,
            text: text.into(),
            category: Some(0),
            block: Some("absence_of_precursor_capabilities".into()),
            undeveloped: true,
            supporting: false,
            link: None,
            artifact: None,
            findings: Vec::new(),
            primary: true,
            risk: Some("4.3e-4".into()),
            strength: Some(crate::ir::Rating::Moderate),
            dialectic: Default::default(),
            origin: None,
            uninstantiated: false,
            away: None,
        }
    }

    /// Every line of every block fits inside the shape at its height.
    #[test]
    fn text_fits_inside_every_shape() {
        let diagram = Diagram {
            categories: vec![Category {
                element: ElementId(0),
                id: "trustworthiness".into(),
                colour: Colour {
                    fill: "#fff",
                    ink: "#000",
                },
            }],
            ..Diagram::default()
        };
        let texts = [
            "",
            "x",
            "A short claim",
            "The agent does not exfiltrate weights: the monitor blocks every attempt before it runs, even when the agent and its users pursue their best strategy",
            "Supercalifragilisticexpialidocious-and-then-some-more-characters-without-any-space-at-all",
            "漢字のテキストも幅を持つ 漢字のテキストも幅を持つ",
        ];
        let shapes = [
            Shape::Goal,
            Shape::Strategy,
            Shape::Solution,
            Shape::Context,
            Shape::Assumption,
            Shape::Justification,
        ];
        for shape in shapes {
            for text in texts {
                for id in ["a", "a_rather_long_identifier_for_an_element_of_the_case_that_goes_on_and_on_and_on"] {
                    let n = node(shape, id, text);
                    let card = Card::new(&n, &diagram);
                    let (w, h) = (card.shape_width, card.shape_height);
                    let mut top = (h - card.content_height) / 2.0;
                    let blocks = [(&card.id_lines, ID_FONT), (&card.badge_lines, BADGE_FONT), (&card.text_lines, TEXT_FONT), (&card.analysis_lines, BADGE_FONT)];
                    for (lines, font) in blocks {
                        for line in lines {
                            let half = font.width(line) / 2.0;
                            let (y0, y1) = (top - h / 2.0, top + font.line_height() - h / 2.0);
                            // The line's box, centred, must lie inside the shape.
                            let fits = match shape {
                                Shape::Goal | Shape::Context => half <= w / 2.0 - 4.0 && top >= 0.0 && top + font.line_height() <= h,
                                Shape::Strategy => half <= w / 2.0 - SKEW - 4.0,
                                Shape::Solution => [y0, y1].iter().all(|y| half.hypot(*y) <= w / 2.0),
                                Shape::Assumption | Shape::Justification => {
                                    [y0, y1].iter().all(|y| (half / (w / 2.0)).powi(2) + (y / (h / 2.0)).powi(2) <= 1.0)
                                }
                            };
                            assert!(fits, "{shape:?} {id:?}: `{line}` overflows a {w}x{h} shape");
                            top += font.line_height();
                        }
                    }
                    let layout = card.layout_node(&n);
                    assert_eq!(layout.height, h + DIAMOND + DIAMOND_GAP, "the diamond is inside the box");
                }
            }
        }
    }
}
