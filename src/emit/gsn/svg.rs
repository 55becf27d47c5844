//! The diagram as SVG, in the GSN Community Standard's shapes. Plain SVG 1.1
//! elements and attributes (plus `href` links), so it renders the same in
//! browsers and in review tools, standalone or inline in HTML.

use super::card::{Card, BADGE_FONT, DIAMOND, DIAMOND_GAP, ID_FONT, SKEW, TEXT_FONT};
use super::layout::{Point, Rect, Route, RouteKind, MARGIN};
use super::model::{anchor, Node, PatternMark, Relation, Shape};
use super::text::{Font, FONT_FAMILY};
use super::Drawing;
use crate::diagnostic::Severity;
use crate::emit::xml::escape;
use std::fmt::Write;

const INK: &str = "#37474f";
/// The analysis line's colour: quieter than the text it annotates.
const ANALYSIS_INK: &str = "#455a64";
const WARNING: &str = "#e69500";
const ERROR: &str = "#d32f2f";
/// The dialectic marks: challenges, counter-goals, crossings-out.
const DOUBT: &str = "#c62828";
const RESIDUAL: &str = "#b26a00";
const LEGEND_HEIGHT: f64 = 30.0;
const SWATCH: f64 = 14.0;

/// A number with at most one decimal, for compact, stable output.
fn num(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded == rounded.trunc() {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded:.1}")
    }
}

/// The whole SVG document; `standalone` adds the XML declaration a file needs.
pub fn render(drawing: &Drawing, standalone: bool) -> String {
    let legend = legend_items(drawing);
    let legend_height = if legend.is_empty() {
        0.0
    } else {
        LEGEND_HEIGHT
    };
    let legend_width = legend
        .iter()
        .map(|item| item_width(&item.label))
        .sum::<f64>()
        + 2.0 * MARGIN;
    let width = drawing.layout.width.max(legend_width).ceil();
    let height = (drawing.layout.height + legend_height).ceil();
    let mut out = String::with_capacity(drawing.diagram.nodes.len() * 900 + 2048);
    if standalone {
        out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"gsn\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" \
         font-family=\"{FONT_FAMILY}\" font-size=\"12\" role=\"img\" aria-labelledby=\"gsn-title\">",
        w = num(width),
        h = num(height),
    );
    let _ = writeln!(
        out,
        "<title id=\"gsn-title\">GSN diagram: {}</title>",
        escape(&drawing.diagram.title)
    );
    out.push_str(concat!(
        "<defs>\n",
        "<marker id=\"gsn-supported-by\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"10\" markerHeight=\"10\" ",
        "markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#37474f\"/></marker>\n",
        "<marker id=\"gsn-in-context-of\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"10\" markerHeight=\"10\" ",
        "markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0.5,0.5 L9.5,5 L0.5,9.5 z\" fill=\"#ffffff\" stroke=\"#37474f\"/></marker>\n",
    ));
    if drawing
        .diagram
        .edges
        .iter()
        .any(|e| e.relation == Relation::Challenges)
    {
        let _ = writeln!(
            out,
            "<marker id=\"gsn-challenges\" viewBox=\"0 0 10 10\" refX=\"10\" refY=\"5\" markerWidth=\"10\" markerHeight=\"10\" markerUnits=\"userSpaceOnUse\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"{DOUBT}\"/></marker>"
        );
    }
    out.push_str("</defs>\n");
    if !legend.is_empty() {
        write_legend(&mut out, &legend);
    }
    let _ = writeln!(out, "<g transform=\"translate(0,{})\">", num(legend_height));
    out.push_str("<g class=\"gsn-edges\" fill=\"none\" stroke=\"#37474f\" stroke-width=\"1.2\">\n");
    for (edge, route) in drawing.diagram.edges.iter().zip(&drawing.layout.routes) {
        if route.points.len() < 2 {
            continue;
        }
        let marker = match edge.relation {
            Relation::SupportedBy => "gsn-supported-by",
            Relation::InContextOf => "gsn-in-context-of",
            Relation::Challenges => {
                let _ = writeln!(
                    out,
                    "<path class=\"gsn-challenges\" d=\"{}\" stroke=\"{DOUBT}\" stroke-dasharray=\"5,3\" marker-end=\"url(#gsn-challenges)\"/>",
                    path(route)
                );
                continue;
            }
        };
        let _ = writeln!(
            out,
            "<path d=\"{}\" marker-end=\"url(#{marker})\"/>",
            path(route)
        );
        if let Some(mark) = edge.pattern {
            write_pattern_mark(&mut out, route, mark);
        }
        if edge.defeated {
            // The link an open doubt stands against, crossed out halfway.
            let (a, b) = (route.points[0], route.points[route.points.len() - 1]);
            let (mx, my) = ((a.x + b.x) / 2.0, (a.y + b.y) / 2.0);
            let _ = writeln!(
                out,
                "<path class=\"gsn-defeated\" d=\"M{},{} L{},{} M{},{} L{},{}\" stroke=\"{DOUBT}\" stroke-width=\"2.5\"/>",
                num(mx - 6.0),
                num(my - 6.0),
                num(mx + 6.0),
                num(my + 6.0),
                num(mx - 6.0),
                num(my + 6.0),
                num(mx + 6.0),
                num(my - 6.0)
            );
        }
    }
    out.push_str("</g>\n<g class=\"gsn-nodes\">\n");
    for ((node, card), rect) in drawing
        .diagram
        .nodes
        .iter()
        .zip(&drawing.cards)
        .zip(&drawing.layout.boxes)
    {
        write_node(&mut out, drawing, node, card, *rect);
    }
    out.push_str("</g>\n</g>\n</svg>\n");
    out
}

/// Straight inside bands; a vertical S-curve across each gap between bands
/// (it stays inside the gap: a cubic keeps to its control points' hull).
fn path(route: &Route) -> String {
    let mut d = String::new();
    let mut previous: Option<Point> = None;
    for &p in &route.points {
        match previous {
            None => {
                let _ = write!(d, "M{},{}", num(p.x), num(p.y));
            }
            Some(q) if route.kind == RouteKind::Layered && (q.x - p.x).abs() > 0.05 => {
                let middle = (q.y + p.y) / 2.0;
                let _ = write!(
                    d,
                    " C{},{} {},{} {},{}",
                    num(q.x),
                    num(middle),
                    num(p.x),
                    num(middle),
                    num(p.x),
                    num(p.y)
                );
            }
            Some(_) => {
                let _ = write!(d, " L{},{}", num(p.x), num(p.y));
            }
        }
        previous = Some(p);
    }
    d
}

fn outline(node: &Node) -> (&'static str, &'static str) {
    match node.worst() {
        Some(Severity::Error) => (ERROR, "3"),
        Some(Severity::Warning) => (WARNING, "3"),
        None => (INK, "1.5"),
    }
}

fn tooltip(node: &Node) -> String {
    let mut text = format!("{} {}: {}", node.shape.as_str(), node.id, node.text);
    if let Some(origin) = &node.origin {
        let _ = write!(text, "\n{origin}");
    }
    if let Some(artifact) = &node.artifact {
        let _ = write!(text, "\nartifact: {artifact}");
    }
    for finding in &node.findings {
        let _ = write!(
            text,
            "\n{}[{}]: {}",
            finding.severity.as_str(),
            finding.code,
            finding.message
        );
    }
    text
}

fn write_node(out: &mut String, drawing: &Drawing, node: &Node, card: &Card, rect: Rect) {
    let (stroke, stroke_width) = outline(node);
    let id = if node.primary {
        format!(" id=\"{}\"", escape(&anchor(&node.id)))
    } else {
        String::new()
    };
    let flagged = match node.worst() {
        Some(severity) => format!(" gsn-{}", severity.as_str()),
        None => String::new(),
    };
    let _ = writeln!(
        out,
        "<g{id} class=\"gsn-node gsn-{}{flagged}\">",
        node.shape.as_str()
    );
    let _ = writeln!(out, "<title>{}</title>", escape(&tooltip(node)));
    if let Some(link) = &node.link {
        let _ = writeln!(out, "<a href=\"{}\" target=\"_blank\">", escape(link));
    }
    let category = node
        .category
        .and_then(|k| drawing.diagram.categories.get(k));
    let fill = category.map_or("#ffffff", |c| c.colour.fill);
    let dash = if node.dialectic.counter {
        " stroke-dasharray=\"6,3\""
    } else {
        ""
    };
    let paint =
        format!("fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"{stroke_width}\"{dash}");
    let (x, y, w, h) = (rect.x, rect.y, card.shape_width, card.shape_height);
    let (cx, cy) = (x + w / 2.0, y + h / 2.0);
    match node.shape {
        Shape::Goal => {
            let _ = writeln!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" {paint}/>",
                num(x),
                num(y),
                num(w),
                num(h)
            );
        }
        Shape::Context => {
            let _ = writeln!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"12\" ry=\"12\" {paint}/>",
                num(x),
                num(y),
                num(w),
                num(h)
            );
        }
        Shape::Strategy => {
            let _ = writeln!(
                out,
                "<polygon points=\"{},{} {},{} {},{} {},{}\" {paint}/>",
                num(x + SKEW),
                num(y),
                num(x + w),
                num(y),
                num(x + w - SKEW),
                num(y + h),
                num(x),
                num(y + h)
            );
        }
        Shape::Solution => {
            let _ = writeln!(
                out,
                "<circle cx=\"{}\" cy=\"{}\" r=\"{}\" {paint}/>",
                num(cx),
                num(cy),
                num(w / 2.0)
            );
        }
        Shape::Assumption | Shape::Justification => {
            let _ = writeln!(
                out,
                "<ellipse cx=\"{}\" cy=\"{}\" rx=\"{}\" ry=\"{}\" {paint}/>",
                num(cx),
                num(cy),
                num(w / 2.0),
                num(h / 2.0)
            );
            let mark = if node.shape == Shape::Assumption {
                "A"
            } else {
                "J"
            };
            // The mark sits just outside the ellipse, at its lower right
            // (45 degrees), as in the GSN standard; the card's minimum
            // semi-axes keep it inside the node's box.
            let (a, b) = (w / 2.0, h / 2.0);
            let _ = writeln!(
                out,
                "<text class=\"gsn-mark\" x=\"{}\" y=\"{}\" font-weight=\"bold\" fill=\"{INK}\">{mark}</text>",
                num(cx + a * std::f64::consts::FRAC_1_SQRT_2 + 4.0),
                num(cy + b * std::f64::consts::FRAC_1_SQRT_2 + 8.0)
            );
        }
    }
    if node.dialectic.defeated {
        // Crossed out, corner to corner (GSN dialectic: defeated).
        let _ = writeln!(
            out,
            "<path class=\"gsn-defeated\" d=\"M{},{} L{},{} M{},{} L{},{}\" stroke=\"{DOUBT}\" stroke-width=\"2\" opacity=\"0.8\"/>",
            num(x),
            num(y),
            num(x + w),
            num(y + h),
            num(x),
            num(y + h),
            num(x + w),
            num(y)
        );
    }
    if node.dialectic.residual {
        let _ = writeln!(
            out,
            "<g class=\"gsn-residual\"><circle cx=\"{}\" cy=\"{}\" r=\"8\" fill=\"#ffffff\" stroke=\"{RESIDUAL}\" stroke-width=\"1.5\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"10\" font-weight=\"bold\" fill=\"{RESIDUAL}\">R</text></g>",
            num(x + w - 11.0),
            num(y + 11.0),
            num(x + w - 11.0),
            num(y + 14.5)
        );
    }
    if node.uninstantiated {
        // GSN's uninstantiated decorator: a hollow triangle on the bottom
        // edge, inside the shape.
        let (base, half) = (y + h - 2.0, 6.0);
        let _ = writeln!(
            out,
            "<polygon class=\"gsn-uninstantiated\" points=\"{},{} {},{} {},{}\" fill=\"#ffffff\" stroke=\"{INK}\" stroke-width=\"1.2\"/>",
            num(cx - half),
            num(base),
            num(cx + half),
            num(base),
            num(cx),
            num(base - 9.0)
        );
    }
    if let Some(away) = &node.away {
        // GSN's away element: the shape over a band naming its module.
        let _ = writeln!(
            out,
            "<g class=\"gsn-away\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#f5f5f5\" stroke=\"{stroke}\" stroke-width=\"{stroke_width}\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"10\" fill=\"{INK}\">{}</text></g>",
            num(x),
            num(y + h),
            num(w),
            num(super::card::AWAY_BAND),
            num(cx),
            num(y + h + 13.0),
            escape(away)
        );
    }
    if node.undeveloped {
        let top = y + h + DIAMOND_GAP;
        let half = DIAMOND / 2.0;
        let _ = writeln!(
            out,
            "<polygon class=\"gsn-undeveloped\" points=\"{},{} {},{} {},{} {},{}\" fill=\"#ffffff\" stroke=\"{stroke}\" stroke-width=\"{stroke_width}\"/>",
            num(cx),
            num(top),
            num(cx + half),
            num(top + half),
            num(cx),
            num(top + DIAMOND),
            num(cx - half),
            num(top + half)
        );
    }
    let mut line_top = cy - card.content_height / 2.0;
    let ink = category.map_or(INK, |c| c.colour.ink);
    let blocks: [(&[String], Font, &str, &str); 4] = [
        (&card.id_lines, ID_FONT, "#1a1a1a", " font-weight=\"bold\""),
        (
            &card.badge_lines,
            BADGE_FONT,
            ink,
            " font-size=\"10\" font-style=\"italic\"",
        ),
        (&card.text_lines, TEXT_FONT, "#1a1a1a", ""),
        (
            &card.analysis_lines,
            BADGE_FONT,
            ANALYSIS_INK,
            " class=\"gsn-analysis\" font-size=\"10\"",
        ),
    ];
    for (lines, font, colour, style) in blocks {
        for line in lines {
            let baseline =
                line_top + (font.line_height() - 1.17 * font.size) / 2.0 + 0.93 * font.size;
            let _ = writeln!(
                out,
                "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"{colour}\"{style}>{}</text>",
                num(cx),
                num(baseline),
                escape(line)
            );
            line_top += font.line_height();
        }
    }
    if node.link.is_some() {
        out.push_str("</a>\n");
    }
    out.push_str("</g>\n");
}

enum Swatch {
    Category {
        fill: &'static str,
        ink: &'static str,
    },
    Outline(&'static str),
    Undeveloped,
    /// A counter-goal or counter-solution's dashed outline.
    Counter,
    /// A crossed-out box.
    Defeated,
    /// The residual-doubt mark.
    Residual,
    /// A challenge edge.
    Challenge,
    /// The uninstantiated decorator of a template's element.
    Uninstantiated,
    /// A pattern mark on a template's link.
    Pattern(PatternMark),
}

struct LegendItem {
    swatch: Swatch,
    label: String,
}

fn legend_items(drawing: &Drawing) -> Vec<LegendItem> {
    let diagram = &drawing.diagram;
    let has_mark = |mark| diagram.edges.iter().any(|e| e.pattern == Some(mark));
    let mut items: Vec<LegendItem> = diagram
        .categories
        .iter()
        .map(|c| LegendItem {
            swatch: Swatch::Category {
                fill: c.colour.fill,
                ink: c.colour.ink,
            },
            label: c.id.clone(),
        })
        .collect();
    if diagram.nodes.iter().any(|n| n.undeveloped) {
        items.push(LegendItem {
            swatch: Swatch::Undeveloped,
            label: "undeveloped".into(),
        });
    }
    let marks = [
        (
            diagram.nodes.iter().any(|n| n.dialectic.counter),
            Swatch::Counter,
            "counter-goal / counter-evidence",
        ),
        (
            diagram
                .edges
                .iter()
                .any(|e| e.relation == super::model::Relation::Challenges),
            Swatch::Challenge,
            "challenges",
        ),
        (
            diagram.nodes.iter().any(|n| n.dialectic.defeated)
                || diagram.edges.iter().any(|e| e.defeated),
            Swatch::Defeated,
            "defeated",
        ),
        (
            diagram.nodes.iter().any(|n| n.dialectic.residual),
            Swatch::Residual,
            "accepted residual doubt",
        ),
        (
            diagram.nodes.iter().any(|n| n.uninstantiated),
            Swatch::Uninstantiated,
            "uninstantiated",
        ),
        (
            has_mark(PatternMark::Multiple),
            Swatch::Pattern(PatternMark::Multiple),
            "one per member",
        ),
        (
            has_mark(PatternMark::Optional),
            Swatch::Pattern(PatternMark::Optional),
            "optional",
        ),
        (
            has_mark(PatternMark::Choice),
            Swatch::Pattern(PatternMark::Choice),
            "choice",
        ),
    ];
    for (present, swatch, label) in marks {
        if present {
            items.push(LegendItem {
                swatch,
                label: label.into(),
            });
        }
    }
    for (severity, colour) in [(Severity::Warning, WARNING), (Severity::Error, ERROR)] {
        if diagram.nodes.iter().any(|n| n.worst() == Some(severity)) {
            items.push(LegendItem {
                swatch: Swatch::Outline(colour),
                label: severity.as_str().into(),
            });
        }
    }
    items
}

fn item_width(label: &str) -> f64 {
    SWATCH + 6.0 + TEXT_FONT.width(label) + 18.0
}

fn write_legend(out: &mut String, items: &[LegendItem]) {
    out.push_str("<g class=\"gsn-legend\">\n");
    let mut x = MARGIN;
    let y = (LEGEND_HEIGHT - SWATCH) / 2.0 + 4.0;
    for item in items {
        let (sx, sy) = (num(x), num(y));
        match item.swatch {
            Swatch::Category { fill, ink } => {
                let _ = writeln!(out, "<rect x=\"{sx}\" y=\"{sy}\" width=\"14\" height=\"14\" fill=\"{fill}\" stroke=\"{ink}\"/>");
            }
            Swatch::Outline(colour) => {
                let _ = writeln!(
                    out,
                    "<rect x=\"{sx}\" y=\"{sy}\" width=\"14\" height=\"14\" fill=\"#ffffff\" stroke=\"{colour}\" stroke-width=\"3\"/>"
                );
            }
            Swatch::Counter => {
                let _ = writeln!(
                    out,
                    "<rect x=\"{sx}\" y=\"{sy}\" width=\"14\" height=\"14\" fill=\"#ffffff\" stroke=\"{INK}\" stroke-width=\"1.5\" stroke-dasharray=\"4,2\"/>"
                );
            }
            Swatch::Defeated => {
                let _ = writeln!(
                    out,
                    "<rect x=\"{sx}\" y=\"{sy}\" width=\"14\" height=\"14\" fill=\"#ffffff\" stroke=\"{INK}\"/><path d=\"M{sx},{sy} l14,14 M{sx},{} l14,-14\" stroke=\"{DOUBT}\" stroke-width=\"2\"/>",
                    num(y + SWATCH)
                );
            }
            Swatch::Residual => {
                let _ = writeln!(
                    out,
                    "<circle cx=\"{}\" cy=\"{}\" r=\"7\" fill=\"#ffffff\" stroke=\"{RESIDUAL}\" stroke-width=\"1.5\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\" font-size=\"10\" font-weight=\"bold\" fill=\"{RESIDUAL}\">R</text>",
                    num(x + SWATCH / 2.0),
                    num(y + SWATCH / 2.0),
                    num(x + SWATCH / 2.0),
                    num(y + SWATCH / 2.0 + 3.5)
                );
            }
            Swatch::Challenge => {
                let _ = writeln!(
                    out,
                    "<path d=\"M{sx},{} l14,0\" stroke=\"{DOUBT}\" stroke-width=\"1.5\" stroke-dasharray=\"4,2\"/>",
                    num(y + SWATCH / 2.0)
                );
            }
            Swatch::Uninstantiated => {
                let _ = writeln!(
                    out,
                    "<polygon points=\"{},{} {},{} {},{}\" fill=\"#ffffff\" stroke=\"{INK}\" stroke-width=\"1.2\"/>",
                    num(x + 1.0),
                    num(y + SWATCH - 1.0),
                    num(x + SWATCH - 1.0),
                    num(y + SWATCH - 1.0),
                    num(x + SWATCH / 2.0),
                    num(y + 2.0)
                );
            }
            Swatch::Pattern(mark) => {
                let _ = writeln!(
                    out,
                    "<path d=\"M{sx},{} l14,0\" stroke=\"{INK}\" stroke-width=\"1.2\"/>",
                    num(y + SWATCH / 2.0)
                );
                pattern_shape(out, x + SWATCH / 2.0, y + SWATCH / 2.0, mark);
            }
            Swatch::Undeveloped => {
                let (cx, cy) = (x + SWATCH / 2.0, y + SWATCH / 2.0);
                let _ = writeln!(
                    out,
                    "<polygon points=\"{},{} {},{} {},{} {},{}\" fill=\"#ffffff\" stroke=\"{INK}\" stroke-width=\"1.5\"/>",
                    num(cx),
                    num(y),
                    num(x + SWATCH),
                    num(cy),
                    num(cx),
                    num(y + SWATCH),
                    num(x),
                    num(cy)
                );
            }
        }
        let _ = writeln!(
            out,
            "<text x=\"{}\" y=\"{}\" fill=\"#1a1a1a\">{}</text>",
            num(x + SWATCH + 6.0),
            num(y + 11.0),
            escape(&item.label)
        );
        x += item_width(&item.label);
    }
    out.push_str("</g>\n");
}

/// A pattern mark on a link, a little before its arrowhead.
fn write_pattern_mark(out: &mut String, route: &Route, mark: PatternMark) {
    let points = &route.points;
    let (end, before) = (points[points.len() - 1], points[points.len() - 2]);
    let (dx, dy) = (end.x - before.x, end.y - before.y);
    let length = (dx * dx + dy * dy).sqrt().max(1.0);
    let back = 18.0_f64.min(length / 2.0);
    let (x, y) = (end.x - dx / length * back, end.y - dy / length * back);
    pattern_shape(out, x, y, mark);
}

/// The GSN pattern extension's mark centred at (x, y): a filled ball for
/// multiplicity, a hollow ball for optionality, a hollow diamond for choice.
fn pattern_shape(out: &mut String, x: f64, y: f64, mark: PatternMark) {
    let _ = match mark {
        PatternMark::Multiple => writeln!(
            out,
            "<circle class=\"gsn-multiple\" cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"{INK}\" stroke=\"{INK}\"/>",
            num(x),
            num(y)
        ),
        PatternMark::Optional => writeln!(
            out,
            "<circle class=\"gsn-optional\" cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"#ffffff\" stroke=\"{INK}\"/>",
            num(x),
            num(y)
        ),
        PatternMark::Choice => writeln!(
            out,
            "<polygon class=\"gsn-choice\" points=\"{},{} {},{} {},{} {},{}\" fill=\"#ffffff\" stroke=\"{INK}\"/>",
            num(x),
            num(y - 5.0),
            num(x + 5.0),
            num(y),
            num(x),
            num(y + 5.0),
            num(x - 5.0),
            num(y)
        ),
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(12.04), "12");
        assert_eq!(num(12.25), "12.3");
        assert_eq!(num(-0.01), "0");
    }
}
