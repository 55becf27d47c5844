//! The diagram as Graphviz DOT, with the same shapes, colours, links and
//! tooltips as the SVG, for teams that lay out with Graphviz themselves.
//! Side nodes share their element's rank; the undeveloped diamond is a small
//! node of its own under the element.

use super::card::Card;
use super::model::{Node, PatternMark, Relation, Shape};
use super::Drawing;
use crate::diagnostic::Severity;
use std::fmt::Write;

/// A DOT quoted string: backslashes and quotes escaped, newlines as `\n`
/// (so labels keep their line breaks), other control characters dropped.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Unique DOT names: an element's id, then `id~2`, `id~3` for its copies.
fn names(nodes: &[Node]) -> Vec<String> {
    let mut seen = std::collections::HashMap::new();
    nodes
        .iter()
        .map(|n| {
            let count = seen.entry(n.element).or_insert(0usize);
            *count += 1;
            if *count == 1 {
                n.id.clone()
            } else {
                format!("{}~{count}", n.id)
            }
        })
        .collect()
}

pub fn render(drawing: &Drawing) -> String {
    let diagram = &drawing.diagram;
    let names = names(&diagram.nodes);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "digraph {} {{",
        quote(&format!("GSN {}", diagram.title))
    );
    let font = quote(super::text::FONT_FAMILY);
    let _ = writeln!(
        out,
        "  graph [rankdir=TB, nodesep=0.3, ranksep=0.5, fontname={font}];"
    );
    let _ = writeln!(out, "  node [fontname={font}, fontsize=10, style=filled, fillcolor=\"#ffffff\", color=\"#37474f\", margin=\"0.1,0.05\"];");
    let _ = writeln!(out, "  edge [color=\"#37474f\"];");
    for ((node, card), name) in diagram.nodes.iter().zip(&drawing.cards).zip(&names) {
        write_node(&mut out, drawing, node, card, name);
    }
    for edge in &diagram.edges {
        let arrow = match (edge.relation, edge.defeated) {
            (Relation::SupportedBy, false) => "arrowhead=normal",
            (Relation::SupportedBy, true) => {
                "arrowhead=normal, color=\"#c62828\", label=\"✗\", fontcolor=\"#c62828\""
            }
            (Relation::InContextOf, _) => "arrowhead=empty",
            // Challenges do not rank the layers: the defeater sits where its
            // own support puts it.
            (Relation::Challenges, _) => {
                "arrowhead=normal, color=\"#c62828\", style=dashed, constraint=false"
            }
        };
        // The pattern extension's marks, as Graphviz arrowheads ahead of
        // the arrow: a ball (filled: multiplicity; hollow: optional) or a
        // hollow diamond (choice).
        let arrow = match (edge.pattern, edge.relation) {
            (Some(mark), relation) => {
                let head = if relation == Relation::InContextOf {
                    "onormal"
                } else {
                    "normal"
                };
                let ahead = match mark {
                    PatternMark::Multiple => "dot",
                    PatternMark::Optional => "odot",
                    PatternMark::Choice => "odiamond",
                };
                format!("arrowhead={head}{ahead}")
            }
            (None, _) => arrow.to_string(),
        };
        let _ = writeln!(
            out,
            "  {} -> {} [{arrow}];",
            quote(&names[edge.from]),
            quote(&names[edge.to])
        );
        if edge.beside {
            let _ = writeln!(
                out,
                "  {{ rank=same; {}; {}; }}",
                quote(&names[edge.from]),
                quote(&names[edge.to])
            );
        }
    }
    out.push_str("}\n");
    out
}

fn write_node(out: &mut String, drawing: &Drawing, node: &Node, card: &Card, name: &str) {
    let shape = match node.shape {
        Shape::Goal => "shape=box",
        Shape::Strategy => "shape=parallelogram",
        Shape::Solution => "shape=circle",
        Shape::Context => "shape=box, style=\"rounded,filled\"",
        Shape::Assumption => "shape=ellipse, xlabel=\"A\"",
        Shape::Justification => "shape=ellipse, xlabel=\"J\"",
    };
    let lines: Vec<&str> = card
        .id_lines
        .iter()
        .chain(&card.badge_lines)
        .chain(&card.text_lines)
        .chain(&card.analysis_lines)
        .map(String::as_str)
        .collect();
    let mut lines = lines;
    // An away element: where it is, under its text (GSN's band).
    if let Some(away) = &node.away {
        lines.push(away);
    }
    let mut attributes = format!("{shape}, label={}", quote(&lines.join("\n")));
    if node.away.is_some() {
        attributes.push_str(", style=dashed");
    }
    if let Some(category) = node
        .category
        .and_then(|k| drawing.diagram.categories.get(k))
    {
        let _ = write!(attributes, ", fillcolor=\"{}\"", category.colour.fill);
    }
    if node.dialectic.counter {
        attributes.push_str(", style=\"dashed,filled\"");
    }
    if node.dialectic.defeated {
        attributes.push_str(", xlabel=\"✗ defeated\"");
    } else if node.dialectic.residual {
        attributes.push_str(", xlabel=\"R residual doubt\"");
    }
    match node.worst() {
        Some(Severity::Error) => attributes.push_str(", color=\"#d32f2f\", penwidth=3"),
        Some(Severity::Warning) => attributes.push_str(", color=\"#e69500\", penwidth=3"),
        None => {}
    }
    if let Some(link) = &node.link {
        let _ = write!(attributes, ", href={}", quote(link));
    }
    let mut tooltip = format!("{}: {}", node.id, node.text);
    if let Some(origin) = &node.origin {
        let _ = write!(tooltip, "\n{origin}");
    }
    for finding in &node.findings {
        let _ = write!(
            tooltip,
            "\n{}[{}]: {}",
            finding.severity.as_str(),
            finding.code,
            finding.message
        );
    }
    let _ = write!(attributes, ", tooltip={}", quote(&tooltip));
    let _ = writeln!(out, "  {} [{attributes}];", quote(name));
    if node.undeveloped {
        let diamond = quote(&format!("{name}~undeveloped"));
        let _ = writeln!(
            out,
            "  {diamond} [shape=diamond, label=\"\", width=0.2, height=0.2, fixedsize=true];"
        );
        let _ = writeln!(out, "  {} -> {diamond} [arrowhead=none];", quote(name));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn quoting_escapes_and_keeps_line_breaks() {
        assert_eq!(
            super::quote("a \"b\" \\ c\nd\u{7}"),
            "\"a \\\"b\\\" \\\\ c\\nd\""
        );
    }
}
