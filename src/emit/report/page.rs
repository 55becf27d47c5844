//! The interactive parts of the review page: the data island its script
//! reads (every drawn node with what the review knows of it), the key to
//! the diagram's shapes, arrows and marks, and the script itself.

use super::{DoubtRow, Review};
use crate::compile::Compilation;
use crate::diagnostic::Code;
use crate::emit::gsn::model::{Relation, Shape};
use crate::emit::gsn::Drawing;
use serde::Serialize;
use std::collections::HashMap;

/// The page's script, as the page carries it: between comment-guarded
/// CDATA markers, so that the page stays well-formed XML, and allowed by
/// its hash in the Content-Security-Policy.
pub(crate) const SCRIPT: &str = concat!("\n//<![CDATA[\n", include_str!("review.js"), "//]]>\n");

#[derive(Serialize)]
struct Data<'a> {
    /// The node the page opens on: the top claim (or the root drawn).
    top: usize,
    nodes: Vec<NodeData<'a>>,
    edges: Vec<EdgeData>,
    doubts: Vec<DoubtData<'a>>,
}

#[derive(Serialize)]
struct NodeData<'a> {
    id: &'a str,
    kind: &'static str,
    shape: &'static str,
    text: &'a str,
    /// Drawn again beside another element (the first drawing is primary).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    copy: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    category: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    block: Option<&'a str>,
    /// The undeveloped decorator: no support at all.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    undeveloped: bool,
    /// For a claim: argued all the way down to evidence.
    #[serde(skip_serializing_if = "Option::is_none")]
    developed: Option<bool>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    supporting: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    counter: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    risk: Option<&'a str>,
    /// For a claim: how its bound was obtained.
    #[serde(skip_serializing_if = "Option::is_none")]
    rule: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    strength: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    artifact: Option<&'a str>,
    /// The artifact's link, vetted as the diagram's is.
    #[serde(skip_serializing_if = "Option::is_none")]
    link: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    evidence: Option<EvidenceData<'a>>,
    /// Evidence older than its maximum age, or whose artifact changed.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    stale: bool,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    findings: Vec<FindingData<'a>>,
    /// The doubts raised against it, as indices into `doubts`.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    doubts: Vec<usize>,
    /// For a defeater or counter-evidence: its own entry in `doubts`.
    #[serde(skip_serializing_if = "Option::is_none")]
    defeater: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    origin: Option<&'a str>,
}

#[derive(Serialize)]
struct EvidenceData<'a> {
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    date: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    result: Option<&'a str>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    sha256: bool,
}

#[derive(Serialize)]
struct FindingData<'a> {
    severity: &'static str,
    code: &'static str,
    message: &'a str,
}

#[derive(Serialize)]
struct EdgeData {
    from: usize,
    to: usize,
    rel: &'static str,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    beside: bool,
    /// The SVG does not draw it (its route has fewer than two points).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    undrawn: bool,
}

#[derive(Serialize)]
struct DoubtData<'a> {
    id: &'a str,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    doubt: Option<&'static str>,
    challenges: &'a [String],
    /// Whether `challenges` is a support link `[support, claim]`.
    link: bool,
    state: &'static str,
    answered_by: &'a [String],
    #[serde(skip_serializing_if = "Option::is_none")]
    residual: Option<String>,
}

/// The JSON island: the review's facts about each drawn node, for the
/// script (false flags and empty lists left out, to keep it small). Written inside `<script type="application/json">`, so `<`, `>`
/// and `&` are escaped as `\u003c`, `\u003e`, `\u0026` (they can only occur
/// inside strings): no case text can close the element or start markup,
/// in HTML or in XML.
pub(crate) fn island(c: &Compilation, drawing: &Drawing, review: &Review) -> String {
    let case = &c.case;
    let graph = &c.graph;
    let claims: HashMap<&str, &super::ClaimRow> = review
        .claim_rows
        .iter()
        .map(|r| (r.id.as_str(), r))
        .collect();
    let evidence: HashMap<&str, &super::EvidenceRow> =
        review.evidence.iter().map(|e| (e.id.as_str(), e)).collect();
    let mut challenged: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut own: HashMap<&str, usize> = HashMap::new();
    for (k, d) in review.doubts.iter().enumerate() {
        own.insert(d.id.as_str(), k);
        let mut targets: Vec<&str> = d.challenges.iter().map(String::as_str).collect();
        targets.dedup();
        for target in targets {
            challenged.entry(target).or_default().push(k);
        }
    }
    let diagram = &drawing.diagram;
    let nodes = diagram
        .nodes
        .iter()
        .map(|node| {
            let element = case.get(node.element);
            let kind = element.kind;
            let index = node.element.index();
            let claim = (kind == crate::ir::ElementKind::Claim)
                .then(|| claims.get(node.id.as_str()))
                .flatten();
            let row = (node.shape == Shape::Solution)
                .then(|| evidence.get(node.id.as_str()))
                .flatten();
            NodeData {
                id: &node.id,
                kind: kind.as_str(),
                shape: node.shape.as_str(),
                text: &node.text,
                copy: !node.primary,
                category: node
                    .category
                    .and_then(|k| diagram.categories.get(k))
                    .map(|c| c.id.as_str()),
                block: node.block.as_deref(),
                undeveloped: node.undeveloped,
                developed: (kind == crate::ir::ElementKind::Claim)
                    .then(|| graph.developed.get(index).copied().unwrap_or(false)),
                supporting: node.supporting,
                counter: node.dialectic.counter,
                risk: node.risk.as_deref(),
                rule: claim.map(|r| r.rule.as_str()),
                strength: node.strength.map(|r| r.as_str()),
                artifact: node.artifact.as_deref(),
                // An away element's link is to its module's SVG, which the
                // review does not come with: its own section stands in.
                link: node.link.as_deref().filter(|_| node.away.is_none()),
                evidence: row.map(|e| EvidenceData {
                    status: e.status,
                    date: e.date.as_deref(),
                    result: e.result.as_deref(),
                    sha256: e.sha256,
                }),
                stale: node.shape == Shape::Solution
                    && node.findings.iter().any(|f| {
                        matches!(f.code, Code::StaleEvidence | Code::ArtifactHashMismatch)
                    }),
                findings: node
                    .findings
                    .iter()
                    .map(|f| FindingData {
                        severity: f.severity.as_str(),
                        code: f.code.as_str(),
                        message: &f.message,
                    })
                    .collect(),
                doubts: challenged
                    .get(node.id.as_str())
                    .cloned()
                    .unwrap_or_default(),
                defeater: own.get(node.id.as_str()).copied(),
                origin: node.origin.as_deref(),
            }
        })
        .collect();
    let edges = diagram
        .edges
        .iter()
        .zip(&drawing.layout.routes)
        .map(|(e, route)| EdgeData {
            from: e.from,
            to: e.to,
            rel: match e.relation {
                Relation::SupportedBy => "supported-by",
                Relation::InContextOf => "in-context-of",
                Relation::Challenges => "challenges",
            },
            beside: e.beside,
            undrawn: route.points.len() < 2,
        })
        .collect();
    let doubts = review.doubts.iter().map(doubt).collect();
    let top = graph
        .top
        .and_then(|t| {
            diagram
                .nodes
                .iter()
                .position(|n| n.element == t && n.primary)
        })
        .unwrap_or(0);
    let data = Data {
        top,
        nodes,
        edges,
        doubts,
    };
    let json = serde_json::to_string(&data).unwrap_or_else(|_| "{}".to_string());
    escape_json(&json)
}

fn doubt(d: &DoubtRow) -> DoubtData<'_> {
    DoubtData {
        id: &d.id,
        text: &d.text,
        doubt: d.doubt,
        challenges: &d.challenges,
        link: d.state != "counter-evidence" && d.challenges.len() == 2,
        state: d.state,
        answered_by: &d.answered_by,
        residual: d.residual(),
    }
}

/// JSON safe inside a script element of an HTML or XML page.
pub(crate) fn escape_json(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for ch in json.chars() {
        match ch {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// The page's tools above the diagram: search, filter, zoom, fold.
pub(crate) const TOOLS: &str = "<div class=\"rv-tools\" role=\"toolbar\" aria-label=\"Diagram tools\">\n\
<label for=\"rv-search\">Search</label> <input type=\"search\" id=\"rv-search\" placeholder=\"id or text\" aria-label=\"Search the argument by id or text\" aria-controls=\"rv-results\"/>\n\
<label for=\"rv-filter\">Show</label> <select id=\"rv-filter\" aria-label=\"Filter the diagram\" aria-controls=\"rv-results\">\
<option value=\"\">all elements</option>\
<option value=\"findings\">Elements with findings</option>\
<option value=\"undeveloped\">Undeveloped claims</option>\
<option value=\"stale\">Stale evidence</option></select>\n\
<span class=\"rv-group\">\
<button type=\"button\" id=\"rv-zoom-in\" aria-label=\"Zoom in\">+</button>\
<button type=\"button\" id=\"rv-zoom-out\" aria-label=\"Zoom out\">−</button>\
<button type=\"button\" id=\"rv-fit\">Fit</button>\
<button type=\"button\" id=\"rv-home\">Top claim</button>\
<button type=\"button\" id=\"rv-collapse\">Collapse all</button>\
<button type=\"button\" id=\"rv-expand\">Expand all</button></span>\n\
</div>\n\
<p class=\"rv-hint\">Drag to pan, Ctrl + wheel to zoom; click or Tab to an element for its details, Enter or double click to collapse it (more in the key).</p>\n\
<div id=\"rv-results\" class=\"rv-results\" aria-live=\"polite\"></div>\n";

/// The detail panel, filled in by the script.
pub(crate) const PANEL: &str = "<aside id=\"rv-panel\" class=\"rv-panel\" aria-live=\"polite\" aria-label=\"Selected element\">\
<p>Select an element to see its text, status, risk bound and strength, evidence, findings and doubts.</p></aside>\n";

/// One entry of the key: a small drawing and what it means.
fn item(out: &mut String, drawing: &str, label: &str) {
    out.push_str("<li><svg xmlns=\"http://www.w3.org/2000/svg\" width=\"44\" height=\"26\" viewBox=\"0 0 44 26\" aria-hidden=\"true\">");
    out.push_str(drawing);
    out.push_str("</svg><span>");
    out.push_str(label);
    out.push_str("</span></li>\n");
}

const INK: &str = "#37474f";

/// The key to the diagram: every shape, arrow and mark it can draw (the
/// legend inside the diagram gives the colours of the categories used).
pub(crate) fn key() -> String {
    let plain = format!("fill=\"#ffffff\" stroke=\"{INK}\" stroke-width=\"1.5\"");
    let mut out = String::from(
        "<details class=\"rv-key\" id=\"key\">\n<summary>Key: shapes, arrows and marks</summary>\n\
         <p>Drag the diagram to pan; Ctrl + wheel, a pinch, or the + and − buttons (or keys) zoom; 0 fits the whole argument, Home goes back to the top claim. \
         Click an element, or Tab to it, to see its text, status, risk bound and strength, evidence, findings and doubts beside the diagram. \
         Enter or a double click collapses what it rests on (the +N mark counts what is hidden) and expands it again; \
         the arrow keys follow the links: down to what it rests on, up to what it supports, left and right to its neighbours. \
         The search finds elements by id or text (Enter goes to the next match); Show narrows the diagram to elements with findings, undeveloped claims or stale evidence. \
         Printing shows the whole argument.</p>\n<h3>Shapes</h3>\n<ul>\n",
    );
    let shapes = [
        (
            format!("<rect x=\"4\" y=\"4\" width=\"36\" height=\"18\" {plain}/>"),
            "Goal: a claim",
        ),
        (
            format!("<polygon points=\"10,4 40,4 34,22 4,22\" {plain}/>"),
            "Strategy: an argument, filled in its category's colour",
        ),
        (
            format!("<circle cx=\"22\" cy=\"13\" r=\"10\" {plain}/>"),
            "Solution: evidence",
        ),
        (
            format!("<rect x=\"4\" y=\"4\" width=\"36\" height=\"18\" rx=\"7\" ry=\"7\" {plain}/>"),
            "Context: a context or the deployment decision",
        ),
        (
            format!("<ellipse cx=\"20\" cy=\"12\" rx=\"15\" ry=\"8\" {plain}/><text x=\"33\" y=\"25\" font-size=\"10\" font-weight=\"bold\" fill=\"{INK}\">A</text>"),
            "Assumption",
        ),
        (
            format!("<ellipse cx=\"20\" cy=\"12\" rx=\"15\" ry=\"8\" {plain}/><text x=\"33\" y=\"25\" font-size=\"10\" font-weight=\"bold\" fill=\"{INK}\">J</text>"),
            "Justification",
        ),
        (
            format!("<rect x=\"4\" y=\"2\" width=\"36\" height=\"14\" {plain}/><polygon points=\"22,17 26,21 22,25 18,21\" fill=\"#ffffff\" stroke=\"{INK}\"/>"),
            "Undeveloped: a claim or argument with no support yet (hollow diamond)",
        ),
        (
            format!("<rect x=\"4\" y=\"4\" width=\"36\" height=\"18\" {plain} stroke-dasharray=\"5,2\"/>"),
            "Counter-goal: a defeater, a doubt raised against the argument",
        ),
        (
            format!("<circle cx=\"22\" cy=\"13\" r=\"10\" {plain} stroke-dasharray=\"4,2\"/>"),
            "Counter-solution: evidence whose result refutes its claim",
        ),
    ];
    for (drawing, label) in &shapes {
        item(&mut out, drawing, label);
    }
    out.push_str("</ul>\n<h3>Arrows</h3>\n<ul>\n");
    let arrows = [
        (
            format!("<path d=\"M4,13 L32,13\" stroke=\"{INK}\" stroke-width=\"1.5\"/><polygon points=\"32,8 42,13 32,18\" fill=\"{INK}\"/>"),
            "SupportedBy: the claim or argument rests on what it points to",
        ),
        (
            format!("<path d=\"M4,13 L32,13\" stroke=\"{INK}\" stroke-width=\"1.5\"/><polygon points=\"32,8 42,13 32,18\" fill=\"#ffffff\" stroke=\"{INK}\"/>"),
            "InContextOf: read it in the context, assumption or justification it points to",
        ),
        (
            "<path d=\"M4,13 L32,13\" stroke=\"#c62828\" stroke-width=\"1.5\" stroke-dasharray=\"5,3\"/><polygon points=\"32,8 42,13 32,18\" fill=\"#c62828\"/>".to_string(),
            "Challenges: a defeater's doubt about what it points to",
        ),
        (
            format!("<path d=\"M4,13 L40,13\" stroke=\"{INK}\" stroke-width=\"1.5\"/><path d=\"M16,7 L28,19 M16,19 L28,7\" stroke=\"#c62828\" stroke-width=\"2.5\"/>"),
            "A support link crossed out: an open doubt stands against it",
        ),
    ];
    for (drawing, label) in &arrows {
        item(&mut out, drawing, label);
    }
    out.push_str("</ul>\n<h3>Marks</h3>\n<ul>\n");
    let marks = [
        (
            "<rect x=\"4\" y=\"4\" width=\"36\" height=\"18\" fill=\"#ffffff\" stroke=\"#e69500\" stroke-width=\"3\"/>".to_string(),
            "Amber outline: a warning on the element",
        ),
        (
            "<rect x=\"4\" y=\"4\" width=\"36\" height=\"18\" fill=\"#ffffff\" stroke=\"#d32f2f\" stroke-width=\"3\"/>".to_string(),
            "Red outline: an error on the element",
        ),
        (
            format!("<rect x=\"4\" y=\"4\" width=\"36\" height=\"18\" {plain}/><path d=\"M4,4 L40,22 M4,22 L40,4\" stroke=\"#c62828\" stroke-width=\"2\"/>"),
            "Crossed out: defeated (a refuted defeater, or an element an open doubt stands against)",
        ),
        (
            format!("<rect x=\"4\" y=\"4\" width=\"36\" height=\"18\" {plain}/><circle cx=\"31\" cy=\"13\" r=\"7\" fill=\"#ffffff\" stroke=\"#b26a00\" stroke-width=\"1.5\"/><text x=\"31\" y=\"17\" text-anchor=\"middle\" font-size=\"9\" font-weight=\"bold\" fill=\"#b26a00\">R</text>"),
            "R: a doubt accepted as residual, with an owner",
        ),
        (
            "<rect x=\"4\" y=\"4\" width=\"36\" height=\"18\" fill=\"#ffffff\" stroke=\"#1565c0\" stroke-width=\"4\"/>".to_string(),
            "Blue outline: the element selected",
        ),
        (
            "<rect x=\"4\" y=\"4\" width=\"36\" height=\"18\" fill=\"#ffffff\" stroke=\"#6a1b9a\" stroke-width=\"4\"/>".to_string(),
            "Purple outline: it matches the search",
        ),
        (
            format!("<rect x=\"4\" y=\"2\" width=\"36\" height=\"14\" {plain}/><rect x=\"20\" y=\"17\" width=\"20\" height=\"9\" rx=\"4\" fill=\"#1565c0\"/><text x=\"30\" y=\"25\" text-anchor=\"middle\" font-size=\"8\" font-weight=\"bold\" fill=\"#ffffff\">+4</text>"),
            "+N: collapsed, N elements hidden below it",
        ),
        (
            format!("<rect x=\"4\" y=\"4\" width=\"36\" height=\"18\" {plain} opacity=\"0.25\"/>"),
            "Faded: outside the filter chosen",
        ),
    ];
    for (drawing, label) in &marks {
        item(&mut out, drawing, label);
    }
    out.push_str("</ul>\n</details>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_cannot_end_its_element_or_its_cdata() {
        assert!(!SCRIPT.to_ascii_lowercase().contains("</script"));
        assert_eq!(SCRIPT.matches("]]>").count(), 1);
        assert!(SCRIPT.ends_with("//]]>\n"));
    }

    #[test]
    fn json_in_a_script_element_has_no_markup() {
        assert_eq!(
            escape_json(r#"{"a":"</script><!-- & ]]>"}"#),
            r#"{"a":"\u003c/script\u003e\u003c!-- \u0026 ]]\u003e"}"#
        );
    }
}
