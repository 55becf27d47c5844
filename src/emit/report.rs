//! The review report of a checked case, as one self-contained HTML page (the
//! diagram inline and interactive, no network; its Content-Security-Policy
//! lets nothing run but the page's own script and style sheet, by their
//! hashes) or as Markdown for pull-request comments. Both are made from one
//! [`Review`], so they say the same thing. The HTML is also well-formed XML
//! (void elements closed, the script in CDATA), so any XML parser can check it.

mod page;

use crate::analysis::results;
use crate::analysis::risk::{exceeds, format_probability};
use crate::compile::Compilation;
use crate::diagnostic::{Code, JsonLocation, Severity};
use crate::emit::gsn::{svg, Drawing, ElementLocator};
use crate::emit::link;
use crate::emit::xml::escape;
use crate::ir::{ElementId, ElementKind};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::fmt::Write;

/// Whether a claim is argued all the way down to evidence.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Developed,
    Undeveloped,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Developed => "developed",
            Status::Undeveloped => "undeveloped",
        }
    }
}

/// The claims covering one (outcome, subsystem) cell; none means missing.
pub(crate) type Cell = Vec<(String, Status)>;

pub struct EvidenceRow {
    pub id: String,
    pub text: String,
    pub artifact: Option<String>,
    pub sha256: bool,
    pub date: Option<String>,
    pub supports: Vec<String>,
    pub status: &'static str,
    /// The stated result against its criterion, with the margin:
    /// `1 of 5, refuted at or above 3: margin 2`.
    pub result: Option<String>,
}

pub struct FindingRow {
    pub severity: Severity,
    pub code: Code,
    pub message: String,
    pub location: String,
    /// The drawn element it is on, for a link to the diagram.
    pub element: Option<String>,
}

/// One claim's row of the risk and strength table.
pub struct ClaimRow {
    pub id: String,
    /// Its risk bound as shown (as written when stated, else rounded up).
    pub bound: Option<String>,
    /// How the bound was obtained.
    pub rule: String,
    pub strength: Option<&'static str>,
}

/// One doubt raised against the argument: a defeater, or evidence whose
/// result refutes the claim it is cited for (counter-evidence).
pub struct DoubtRow {
    pub id: String,
    pub text: String,
    /// `rebuts`, `undermines` or `undercuts`; `None` when not said.
    pub doubt: Option<&'static str>,
    /// What it challenges, as ids: one, or a support link `[from, to]`.
    pub challenges: Vec<String>,
    /// `open`, `refuted`, `accepted`, or `counter-evidence` (always open).
    pub state: &'static str,
    pub answered_by: Vec<String>,
    pub owner: Option<String>,
    pub rationale: Option<String>,
    pub risk: Option<String>,
}

/// One review sign-off and whether it still matches what was reviewed.
pub struct SignoffRow {
    pub id: String,
    pub of: Option<String>,
    pub reviewer: Option<String>,
    pub date: Option<String>,
    /// `current`, `stale` or `unbound`.
    pub state: &'static str,
    /// Why it is not current.
    pub why: Option<String>,
}

/// One outcome's row of the outcomes × subsystems table.
pub struct CoverageRow {
    pub outcome: String,
    pub text: String,
    /// One cell per subsystem, in [`Review::subsystems`] order.
    pub cells: Vec<Cell>,
    /// Claims about the subsystems' joint behaviour, when there are two or more.
    pub joint: Option<Cell>,
}

/// Everything the report shows, gathered once.
pub struct Review {
    pub source: String,
    pub title: String,
    pub case_id: String,
    /// (label, value) rows: decision, setting, access, window, threshold,
    /// the case's risk bound against it.
    pub header: Vec<(&'static str, String)>,
    pub claim_rows: Vec<ClaimRow>,
    pub claims: usize,
    pub developed_claims: usize,
    pub complete: bool,
    pub subsystems: Vec<String>,
    pub coverage: Vec<CoverageRow>,
    pub evidence: Vec<EvidenceRow>,
    pub findings: Vec<FindingRow>,
    /// Warnings accepted in review, each with its reason.
    pub accepted: Vec<(FindingRow, String)>,
    /// Doubts raised against the argument, in source order.
    pub doubts: Vec<DoubtRow>,
    pub signoffs: Vec<SignoffRow>,
}

impl Review {
    pub fn new(c: &Compilation) -> Review {
        let case = &c.case;
        let graph = &c.graph;
        let (case_id, title, threshold) = match case.header() {
            Some((_, h)) => (
                h.id.to_string(),
                h.text().to_string(),
                h.case_attrs()
                    .and_then(|a| a.threshold.as_ref())
                    .map(|t| t.value.written.clone()),
            ),
            None => ("case".to_string(), String::new(), None),
        };
        let mut header = Vec::new();
        if let Some((_, d)) = case.decision() {
            header.push(("Decision", format!("{} ({})", d.text(), d.id)));
            if let Some(attrs) = d.decision() {
                let text =
                    |t: &Option<crate::ir::Spanned<String>>| t.as_ref().map(|t| t.value.clone());
                header.extend(text(&attrs.setting).map(|v| ("Setting", v)));
                header.extend(text(&attrs.access).map(|v| ("Access", v)));
                header.extend(
                    attrs
                        .window
                        .as_ref()
                        .map(|w| ("Window", format!("{} to {}", w.value.start, w.value.end))),
                );
            }
        }
        let bound = risk_bound(c, threshold.as_deref());
        header.extend(threshold.map(|t| ("Risk threshold", t)));
        header.extend(bound.map(|b| ("Risk bound", b)));

        let claims: Vec<ElementId> = case.of_kind(ElementKind::Claim).map(|(id, _)| id).collect();
        let status = |id: ElementId| {
            if graph.developed[id.index()] {
                Status::Developed
            } else {
                Status::Undeveloped
            }
        };
        let subsystem_ids: Vec<ElementId> = case
            .of_kind(ElementKind::Subsystem)
            .map(|(id, _)| id)
            .collect();
        let mut cells: HashMap<(ElementId, ElementId), Cell> = HashMap::new();
        let mut joint: HashMap<ElementId, Cell> = HashMap::new();
        for &id in &claims {
            let element = case.get(id);
            let Some(claim) = element.claim() else {
                continue;
            };
            for outcome in claim.addresses.iter().filter_map(|o| o.target) {
                if claim.joint.is_some() {
                    joint
                        .entry(outcome)
                        .or_default()
                        .push((element.id.to_string(), status(id)));
                }
                for subject in claim.about.iter().filter_map(|a| a.target) {
                    cells
                        .entry((outcome, subject))
                        .or_default()
                        .push((element.id.to_string(), status(id)));
                }
            }
        }
        let coverage = case
            .of_kind(ElementKind::Outcome)
            .map(|(outcome, o)| {
                let cells = subsystem_ids
                    .iter()
                    .map(|s| cells.remove(&(outcome, *s)).unwrap_or_default())
                    .collect();
                let joint =
                    (subsystem_ids.len() >= 2).then(|| joint.remove(&outcome).unwrap_or_default());
                CoverageRow {
                    outcome: o.id.to_string(),
                    text: o.text().to_string(),
                    cells,
                    joint,
                }
            })
            .collect();

        let evidence = case
            .of_kind(ElementKind::Evidence)
            .map(|(id, e)| {
                let attrs = e.evidence();
                let artifact = attrs
                    .and_then(|a| a.artifact.as_ref())
                    .map(|a| a.value.clone());
                let comparison = attrs.and_then(|a| results::compare(a).ok().flatten());
                let result = attrs.and_then(results::describe_result).map(|found| {
                    match (&comparison, attrs.and_then(|a| a.criterion.as_ref())) {
                        (Some(c), Some(criterion)) => format!(
                            "{found}, refuted {} {}: margin {}",
                            c.refutes.phrase(),
                            criterion.value.written,
                            results::describe_margin(c)
                        ),
                        _ => found,
                    }
                });
                let status = if comparison.as_ref().is_some_and(|c| c.refuted) {
                    "refutes its claim"
                } else if attrs.is_some_and(crate::analysis::readings::unread) {
                    "not read from its artifact"
                } else if !graph.reachable[id.index()] {
                    "unreachable"
                } else if artifact.is_none() {
                    "no artifact"
                } else {
                    "cited"
                };
                EvidenceRow {
                    id: e.id.to_string(),
                    text: e.text().to_string(),
                    artifact,
                    sha256: attrs.is_some_and(|a| a.sha256.is_some()),
                    date: attrs
                        .and_then(|a| a.date.as_ref())
                        .map(|d| d.value.to_string()),
                    supports: graph.parents[id.index()]
                        .iter()
                        .map(|p| case.get(*p).id.to_string())
                        .collect(),
                    status,
                    result,
                }
            })
            .collect();

        // Findings, each linked to the drawn element its location is in.
        let locator = ElementLocator::new(c);
        let findings = c
            .diagnostics
            .iter()
            .map(|d| {
                let location = JsonLocation::of(&c.sources, d.primary.span);
                let element = locator.element_of(d).map(|id| case.get(id).id.to_string());
                FindingRow {
                    severity: d.severity,
                    code: d.code,
                    message: d.message.clone(),
                    location: format!("{}:{}:{}", location.path, location.line, location.column),
                    element,
                }
            })
            .collect();
        let accepted = c
            .accepted
            .iter()
            .map(|a| {
                let location = JsonLocation::of(&c.sources, a.diagnostic.primary.span);
                let row = FindingRow {
                    severity: a.diagnostic.severity,
                    code: a.diagnostic.code,
                    message: a.diagnostic.message.clone(),
                    location: format!("{}:{}:{}", location.path, location.line, location.column),
                    element: Some(case.get(a.element).id.to_string()),
                };
                (row, a.reason.clone())
            })
            .collect();

        let risk = &c.analysis.risk;
        let claim_rows = claims
            .iter()
            .map(|&id| ClaimRow {
                id: case.get(id).id.to_string(),
                bound: risk.shown(case, id),
                rule: risk
                    .of(id)
                    .rule
                    .describe(case, graph.children[id.index()].len()),
                strength: c.analysis.strength.of(id).max.map(|(r, _)| r.as_str()),
            })
            .collect();

        let doubts = doubts(c);
        let signoffs = signoffs(c);
        Review {
            doubts,
            signoffs,
            source: c.sources.get(c.file).name.clone(),
            title,
            case_id,
            header,
            claim_rows,
            claims: claims.len(),
            developed_claims: claims
                .iter()
                .filter(|id| graph.developed[id.index()])
                .count(),
            complete: graph.top.is_some_and(|t| graph.developed[t.index()]),
            subsystems: subsystem_ids
                .iter()
                .map(|s| case.get(*s).id.to_string())
                .collect(),
            coverage,
            evidence,
            findings,
            accepted,
        }
    }

    fn summary(&self) -> String {
        let count = |severity: Severity| {
            let n = self
                .findings
                .iter()
                .filter(|f| f.severity == severity)
                .count();
            format!("{n} {}{}", severity.as_str(), if n == 1 { "" } else { "s" })
        };
        let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
        let warnings = match self.accepted.len() {
            0 => warnings,
            n => format!("{warnings} ({n} more accepted in review)"),
        };
        let verdict = if self.findings.iter().any(|f| f.severity == Severity::Error) {
            format!("{errors}, {warnings}; the case does not check")
        } else {
            format!(
                "{warnings}; the argument is {}",
                if self.complete {
                    "complete"
                } else {
                    "incomplete"
                }
            )
        };
        let mut review = String::new();
        let open = self
            .doubts
            .iter()
            .filter(|d| d.state == "open" || d.state == "counter-evidence")
            .count();
        if !self.doubts.is_empty() {
            let _ = write!(review, "; {} doubts, {open} open", self.doubts.len());
        }
        let stale = self
            .signoffs
            .iter()
            .filter(|s| s.state != "current")
            .count();
        if !self.signoffs.is_empty() {
            let _ = write!(
                review,
                "; {} sign-offs, {stale} not current",
                self.signoffs.len()
            );
        }
        format!(
            "{} of {} claims developed down to evidence; {} evidence{review}; {verdict}.",
            self.developed_claims,
            self.claims,
            self.evidence.len(),
        )
    }
}

/// The style class a doubt's or sign-off's state is shown in (the page's
/// style sheet is fixed: its hash is in the Content-Security-Policy).
fn state_class(state: &str) -> &'static str {
    match state {
        "refuted" | "current" => "developed",
        "accepted" => "warning",
        _ => "missing",
    }
}

fn doubts(c: &Compilation) -> Vec<DoubtRow> {
    let case = &c.case;
    let graph = &c.graph;
    let mut rows = Vec::new();
    for (id, e) in case.case_elements() {
        if let Some(d) = e.defeater() {
            let mut challenges: Vec<String> = d.link.iter().map(|l| l.name.to_string()).collect();
            challenges.extend(d.challenges.iter().map(|r| r.name.to_string()));
            let text = |t: &Option<crate::ir::Spanned<String>>| t.as_ref().map(|t| t.value.clone());
            rows.push(DoubtRow {
                id: e.id.to_string(),
                text: e.text().to_string(),
                doubt: d.doubt.as_ref().map(|d| d.value.as_str()),
                challenges,
                state: graph.defeat_state(case, id).map_or("open", |s| s.as_str()),
                answered_by: e.supported_by.iter().map(|r| r.name.to_string()).collect(),
                owner: text(&d.owner),
                rationale: text(&d.accepted),
                risk: d.risk.as_ref().map(|r| r.value.written.clone()),
            });
        } else if graph.counter[id.index()] {
            rows.push(DoubtRow {
                id: e.id.to_string(),
                text: e.text().to_string(),
                doubt: Some("rebuts"),
                challenges: graph.parents[id.index()]
                    .iter()
                    .map(|p| case.get(*p).id.to_string())
                    .collect(),
                state: "counter-evidence",
                answered_by: Vec::new(),
                owner: None,
                rationale: None,
                risk: None,
            });
        }
    }
    rows
}

fn signoffs(c: &Compilation) -> Vec<SignoffRow> {
    let case = &c.case;
    case.of_kind(ElementKind::Signoff)
        .map(|(id, e)| {
            let attrs = e.signoff();
            let review = crate::analysis::signoff::review(
                case,
                &c.graph,
                c.analysis.integrity.as_ref(),
                id,
            );
            let (state, why) = match &review {
                Some(r) if r.current => ("current", None),
                Some(r) if r.unbound => ("unbound", Some("no binding recorded: `casec evidence sign`".to_string())),
                Some(r) if !r.changed_artifacts.is_empty() => (
                    "stale",
                    Some(format!(
                        "the artifact of {} changed since the review",
                        r.changed_artifacts
                            .iter()
                            .map(|a| format!("`{}`", case.get(*a).id))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )),
                ),
                Some(_) => (
                    "stale",
                    Some("its text, its support or an artifact's recorded digest changed since the review".to_string()),
                ),
                None => ("unbound", Some("it names no element".to_string())),
            };
            SignoffRow {
                id: e.id.to_string(),
                of: attrs.and_then(|a| a.of.as_ref()).map(|r| r.name.to_string()),
                reviewer: attrs.and_then(|a| a.reviewer.as_ref()).map(|r| r.value.clone()),
                date: attrs.and_then(|a| a.date.as_ref()).map(|d| d.value.to_string()),
                state,
                why,
            }
        })
        .collect()
}

impl DoubtRow {
    /// What it challenges, in words with ids in `id`'s form.
    fn target(&self, id: &dyn Fn(&str) -> String) -> String {
        match self.challenges.as_slice() {
            [link, to] => format!("the link {} → {}", id(link), id(to)),
            ids => ids.iter().map(|i| id(i)).collect::<Vec<_>>().join(", "),
        }
    }

    /// Owner, rationale and residual risk of an accepted doubt.
    fn residual(&self) -> Option<String> {
        let rationale = self.rationale.as_ref()?;
        let mut out = rationale.clone();
        if let Some(owner) = &self.owner {
            out.push_str(&format!(" (owner: {owner})"));
        }
        if let Some(risk) = &self.risk {
            out.push_str(&format!(" (residual risk {risk})"));
        }
        Some(out)
    }
}

/// The case's bound, against the threshold when there is one; `None` when
/// the case neither sets a threshold nor states any risk.
fn risk_bound(c: &Compilation, threshold: Option<&str>) -> Option<String> {
    let limit = c
        .case
        .header()
        .and_then(|(_, h)| h.case_attrs()?.threshold.as_ref())
        .map(|t| t.value.value);
    match (c.analysis.risk.case_bound, threshold.zip(limit)) {
        (Some(bound), Some((written, limit))) => Some(format!(
            "{} ({} the threshold {written})",
            format_probability(bound),
            if exceeds(bound, limit) {
                "above"
            } else {
                "within"
            }
        )),
        (Some(bound), None) => Some(format!(
            "{} (the case sets no threshold)",
            format_probability(bound)
        )),
        (None, Some(_)) => Some("unknown: an element it rests on states no risk".into()),
        (None, None) => None,
    }
}

const STYLE: &str = concat!(
    "
body { font-family: DejaVu Sans, Verdana, Arial, sans-serif; margin: 24px; color: #1a1a1a; background: #ffffff; }
h1 { font-size: 1.5em; margin-bottom: 0.2em; }
h2 { font-size: 1.2em; margin-top: 1.6em; border-bottom: 1px solid #cfd8dc; }
.source, .summary { color: #455a64; }
table { border-collapse: collapse; margin: 0.5em 0; }
th, td { border: 1px solid #cfd8dc; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #eceff1; }
dl { display: grid; grid-template-columns: max-content auto; gap: 4px 16px; }
dt { font-weight: bold; }
dd { margin: 0; }
code { font-family: DejaVu Sans Mono, monospace; font-size: 0.95em; }
.developed { color: #2e7d32; }
.undeveloped { color: #b26a00; }
.missing { color: #d32f2f; font-weight: bold; }
.warning { color: #b26a00; }
.error { color: #d32f2f; }
th .text { font-weight: normal; }
td.date { white-space: nowrap; }
.diagram { overflow: auto; max-height: 85vh; border: 1px solid #cfd8dc; }
.diagram svg { display: block; }
.gsn g.gsn-node:target > rect, .gsn g.gsn-node:target > polygon, .gsn g.gsn-node:target > circle,
.gsn g.gsn-node:target > ellipse { stroke: #1565c0; stroke-width: 5; }
",
    include_str!("report/review.css")
);

/// The page's Content-Security-Policy: nothing may load or run but the
/// page's own style sheet and script, each allowed by its hash (the inline
/// SVG uses presentation attributes, no `style`; the script sets styles
/// through the CSSOM, which the policy allows). A script that got into the
/// page (through a bug in escaping) would not run; the data island is JSON,
/// which no browser runs.
fn content_security_policy() -> String {
    let style = base64(&Sha256::digest(STYLE.as_bytes()));
    let script = base64(&Sha256::digest(page::SCRIPT.as_bytes()));
    format!(
        "default-src 'none'; style-src 'sha256-{style}'; script-src 'sha256-{script}'; base-uri 'none'; form-action 'none'"
    )
}

/// Standard base64 with padding (RFC 4648), for the style sheet's hash.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (k, b)| n | u32::from(*b) << (16 - 8 * k));
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(char::from(ALPHABET[(n >> (18 - 6 * k) & 63) as usize]));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// The self-contained HTML review page around `drawing` (the whole case or
/// a sub-argument, its links made relative to where the page is read).
pub(crate) fn html(c: &Compilation, drawing: &Drawing, link_base: &str) -> String {
    let review = Review::new(c);
    let anchors = drawing.diagram.anchors();
    let link = |id: &str| match anchors.get(id) {
        Some(anchor) => format!(
            "<a href=\"#{}\"><code>{}</code></a>",
            escape(anchor),
            escape(id)
        ),
        None => format!("<code>{}</code>", escape(id)),
    };
    let mut out = String::new();
    let heading = if review.title.is_empty() {
        review.case_id.clone()
    } else {
        review.title.clone()
    };
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{}\"/>\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n\
         <title>Safety case review: {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        content_security_policy(),
        escape(&heading)
    );
    let _ = writeln!(out, "<header>\n<h1>{}</h1>", escape(&heading));
    let _ = writeln!(
        out,
        "<p class=\"source\">Case <code>{}</code> from <code>{}</code></p>",
        escape(&review.case_id),
        escape(&review.source)
    );
    let _ = writeln!(
        out,
        "<p class=\"summary\">{}</p>\n</header>",
        escape(&review.summary())
    );

    // The diagram first, so that the page opens on the argument.
    out.push_str("<section id=\"diagram\">\n<h2>Argument (GSN)</h2>\n");
    out.push_str(page::TOOLS);
    out.push_str(&page::key());
    out.push_str("<div class=\"rv-main\">\n<div class=\"diagram rv-view\" id=\"rv-view\" tabindex=\"0\" aria-label=\"The argument as a GSN diagram\">\n");
    out.push_str(&svg::render(drawing, false));
    out.push_str("</div>\n");
    out.push_str(page::PANEL);
    out.push_str("</div>\n</section>\n");

    out.push_str("<section id=\"decision\">\n<h2>Deployment decision</h2>\n");
    if review.header.is_empty() {
        out.push_str("<p class=\"missing\">The case declares no deployment decision.</p>\n");
    } else {
        out.push_str("<dl>\n");
        for (label, value) in &review.header {
            let _ = writeln!(out, "<dt>{label}</dt><dd>{}</dd>", escape(value));
        }
        out.push_str("</dl>\n");
    }
    out.push_str("</section>\n");

    let _ = writeln!(
        out,
        "<section id=\"findings\">\n<h2>Findings ({})</h2>",
        review.findings.len()
    );
    if review.findings.is_empty() {
        out.push_str("<p>The checker found nothing to report.</p>\n");
    } else {
        out.push_str("<div class=\"rv-scroll\"><table>\n<tr><th>severity</th><th>code</th><th>element</th><th>message</th><th>location</th></tr>\n");
        for f in &review.findings {
            let severity = f.severity.as_str();
            let _ = writeln!(
                out,
                "<tr class=\"{severity}\"><td>{severity}</td><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td></tr>",
                f.code,
                f.element.as_deref().map(&link).unwrap_or_default(),
                escape(&f.message),
                escape(&f.location)
            );
        }
        out.push_str("</table></div>\n");
    }
    if !review.accepted.is_empty() {
        let _ = writeln!(
            out,
            "<h3>Accepted in review ({})</h3>\n<div class=\"rv-scroll\"><table>\n<tr><th>code</th><th>element</th><th>message</th><th>reason</th><th>location</th></tr>",
            review.accepted.len()
        );
        for (f, reason) in &review.accepted {
            let _ = writeln!(
                out,
                "<tr class=\"accepted\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><code>{}</code></td></tr>",
                f.code,
                f.element.as_deref().map(&link).unwrap_or_default(),
                escape(&f.message),
                escape(reason),
                escape(&f.location)
            );
        }
        out.push_str("</table></div>\n");
    }
    out.push_str("</section>\n");

    out.push_str("<section id=\"coverage\">\n<h2>Outcomes × subsystems</h2>\n");
    out.push_str("<p>Which claim argues that each subsystem cannot cause each unacceptable outcome, and its status.</p>\n");
    out.push_str("<div class=\"rv-scroll\"><table>\n<tr><th>outcome</th>");
    for s in &review.subsystems {
        let _ = write!(out, "<th><code>{}</code></th>", escape(s));
    }
    if review.coverage.iter().any(|row| row.joint.is_some()) {
        out.push_str("<th>joint</th>");
    }
    out.push_str("</tr>\n");
    let cell_html = |cell: &Cell| {
        if cell.is_empty() {
            return "<td class=\"missing\">missing</td>".to_string();
        }
        let claims: Vec<String> = cell
            .iter()
            .map(|(id, status)| {
                format!(
                    "{} <span class=\"{s}\">{s}</span>",
                    link(id),
                    s = status.as_str()
                )
            })
            .collect();
        format!("<td>{}</td>", claims.join("<br/>"))
    };
    for CoverageRow {
        outcome: id,
        text,
        cells,
        joint,
    } in &review.coverage
    {
        let _ = write!(
            out,
            "<tr><th><code>{}</code><br/><span class=\"text\">{}</span></th>",
            escape(id),
            escape(text)
        );
        for cell in cells {
            out.push_str(&cell_html(cell));
        }
        if let Some(cell) = joint {
            out.push_str(&cell_html(cell));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</table></div>\n</section>\n");

    out.push_str("<section id=\"claims\">\n<h2>Claims: risk and strength</h2>\n");
    out.push_str("<p>Each claim's bound on the probability that it is false over the window (the author's number where stated, else computed and rounded up), and the most confidence its argument can give.</p>\n");
    out.push_str(
        "<div class=\"rv-scroll\"><table>\n<tr><th>claim</th><th>risk bound</th><th>how</th><th>strength</th></tr>\n",
    );
    for row in &review.claim_rows {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            link(&row.id),
            escape(row.bound.as_deref().unwrap_or("unknown")),
            escape(&row.rule),
            row.strength.unwrap_or("unrated")
        );
    }
    out.push_str("</table></div>\n</section>\n");

    let _ = writeln!(
        out,
        "<section id=\"evidence\">\n<h2>Evidence ({})</h2>",
        review.evidence.len()
    );
    out.push_str("<div class=\"rv-scroll\"><table>\n<tr><th>evidence</th><th>what it shows</th><th>artifact</th><th>date</th><th>supports</th><th>status</th></tr>\n");
    for e in &review.evidence {
        let pinned = if e.sha256 { " (sha256 pinned)" } else { "" };
        let artifact = match &e.artifact {
            Some(a) => match link::href(a, link_base) {
                Some(href) => format!(
                    "<a href=\"{}\"><code>{}</code></a>{pinned}",
                    escape(&href),
                    escape(a)
                ),
                None => format!("<code>{}</code>{pinned}", escape(a)),
            },
            None => "<span class=\"warning\">none</span>".to_string(),
        };
        let supports: Vec<String> = e.supports.iter().map(|s| link(s)).collect();
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{artifact}</td><td class=\"date\">{}</td><td>{}</td><td>{}</td></tr>",
            link(&e.id),
            match &e.result {
                Some(r) => format!("{}<br/><small>result: {}</small>", escape(&e.text), escape(r)),
                None => escape(&e.text),
            },
            escape(e.date.as_deref().unwrap_or("")),
            supports.join(", "),
            e.status
        );
    }
    out.push_str("</table></div>\n</section>\n");

    if !review.doubts.is_empty() {
        let _ = writeln!(
            out,
            "<section id=\"doubts\">\n<h2>Doubts ({})</h2>\n<p>Defeaters raised against the argument and counter-evidence: open until answered by claims or evidence that stand (refuted), or kept as residual doubt with an owner (accepted).</p>",
            review.doubts.len()
        );
        out.push_str("<div class=\"rv-scroll\"><table>\n<tr><th>doubt</th><th>what it says</th><th>kind</th><th>challenges</th><th>state</th><th>answered by</th><th>residual doubt</th></tr>\n");
        for d in &review.doubts {
            let answered: Vec<String> = d.answered_by.iter().map(|a| link(a)).collect();
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td><span class=\"{}\">{}</span></td><td>{}</td><td>{}</td></tr>",
                link(&d.id),
                escape(&d.text),
                d.doubt.unwrap_or(""),
                d.target(&|i| link(i)),
                state_class(d.state),
                d.state,
                answered.join(", "),
                escape(&d.residual().unwrap_or_default())
            );
        }
        out.push_str("</table></div>\n</section>\n");
    }
    if !review.signoffs.is_empty() {
        let _ = writeln!(
            out,
            "<section id=\"sign-offs\">\n<h2>Sign-offs ({})</h2>\n<p>Each reviewer's sign-off is bound to the element's text, its support and its artifacts' digests as reviewed; a stale one no longer matches the case.</p>",
            review.signoffs.len()
        );
        out.push_str("<div class=\"rv-scroll\"><table>\n<tr><th>sign-off</th><th>of</th><th>reviewer</th><th>date</th><th>state</th><th>why</th></tr>\n");
        for s in &review.signoffs {
            let _ = writeln!(
                out,
                "<tr><td><code>{}</code></td><td>{}</td><td>{}</td><td class=\"date\">{}</td><td><span class=\"{}\">{}</span></td><td>{}</td></tr>",
                escape(&s.id),
                s.of.as_deref().map(&link).unwrap_or_default(),
                escape(s.reviewer.as_deref().unwrap_or("")),
                escape(s.date.as_deref().unwrap_or("")),
                state_class(s.state),
                s.state,
                escape(s.why.as_deref().unwrap_or(""))
            );
        }
        out.push_str("</table></div>\n</section>\n");
    }
    let modules = module_rows(c);
    if !modules.is_empty() {
        let _ = writeln!(
            out,
            "<section id=\"modules\">\n<h2>Modules ({})</h2>\n<p>The files of the project, each owned by a team; the argument above joins them.</p>",
            modules.len()
        );
        out.push_str(
            "<div class=\"rv-scroll\"><table>\n<tr><th>module</th><th>owner</th><th>file</th><th>imports</th><th>elements</th><th>findings</th></tr>\n",
        );
        for m in &modules {
            let imports: Vec<String> = m
                .imports
                .iter()
                .map(|i| format!("<code>{}</code>", escape(i)))
                .collect();
            let _ = writeln!(
                out,
                "<tr><td><code>{}</code><br/>{}</td><td>{}</td><td><code>{}</code></td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&m.name),
                escape(&m.text),
                escape(&m.owner),
                escape(&m.file),
                imports.join(", "),
                m.elements,
                m.findings()
            );
        }
        out.push_str("</table></div>\n</section>\n");
    }
    let templates = instances_by_template(c);
    if !templates.is_empty() {
        let _ = writeln!(
            out,
            "<section id=\"templates\">\n<h2>Template instances ({})</h2>",
            c.instances.len()
        );
        out.push_str(
            "<div class=\"rv-scroll\"><table>\n<tr><th>template</th><th>instances (elements each wrote)</th></tr>\n",
        );
        for (template, instances) in &templates {
            let listed: Vec<String> = instances
                .iter()
                .map(|i| format!("<code>{}</code> ({})", escape(&i.id), i.elements))
                .collect();
            let _ = writeln!(
                out,
                "<tr><td><code>{}</code></td><td>{}</td></tr>",
                escape(template),
                listed.join(", ")
            );
        }
        out.push_str("</table></div>\n</section>\n");
    }

    // What the script reads, as JSON (no browser runs it), then the script.
    let _ = write!(
        out,
        "<script type=\"application/json\" id=\"review-data\">{}</script>\n<script id=\"review-script\">{}</script>\n</body>\n</html>\n",
        page::island(c, drawing, &review),
        page::SCRIPT
    );
    out
}

/// Markdown text: no markup characters, no line breaks (one table cell).
pub(crate) fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '&' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// An id, a path or a value as inline code: a backtick becomes a quote so
/// the span cannot be broken out of, a line break or `|` a space, and a
/// control character (a terminal escape read from an artifact) is dropped.
pub(crate) fn code(text: &str) -> String {
    let inner: String = text
        .chars()
        .filter_map(|c| match c {
            '`' => Some('\''),
            '\n' | '\r' | '|' => Some(' '),
            c if crate::source::acts_on_terminal(c, None) => None,
            c => Some(c),
        })
        .collect();
    format!("`{inner}`")
}

/// The review as Markdown, for a pull-request comment.
pub(crate) fn markdown(c: &Compilation) -> String {
    let review = Review::new(c);
    let mut out = String::new();
    let heading = if review.title.is_empty() {
        review.case_id.clone()
    } else {
        review.title.clone()
    };
    let _ = writeln!(out, "# Safety case review: {}\n", md(&heading));
    let _ = writeln!(
        out,
        "Case {} from {}. {}\n",
        code(&review.case_id),
        code(&review.source),
        md(&review.summary())
    );
    out.push_str("## Deployment decision\n\n");
    if review.header.is_empty() {
        out.push_str("**The case declares no deployment decision.**\n");
    } else {
        out.push_str("| | |\n|---|---|\n");
        for (label, value) in &review.header {
            let _ = writeln!(out, "| {label} | {} |", md(value));
        }
    }
    let _ = writeln!(out, "\n## Findings ({})\n", review.findings.len());
    if review.findings.is_empty() {
        out.push_str("The checker found nothing to report.\n");
    }
    for f in &review.findings {
        let on = f
            .element
            .as_deref()
            .map(|e| format!(" on {}", code(e)))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "- **{}[{}]**{on} at {}: {}",
            f.severity.as_str(),
            f.code,
            code(&f.location),
            md(&f.message)
        );
    }
    if !review.accepted.is_empty() {
        let _ = writeln!(
            out,
            "\n### Accepted in review ({})\n",
            review.accepted.len()
        );
        for (f, reason) in &review.accepted {
            let on = f
                .element
                .as_deref()
                .map(|e| format!(" on {}", code(e)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "- **{}**{on} at {}: {} (accepted: {})",
                f.code,
                code(&f.location),
                md(&f.message),
                md(reason)
            );
        }
    }
    out.push_str("\n## Outcomes × subsystems\n\n| outcome |");
    for s in &review.subsystems {
        let _ = write!(out, " {} |", code(s));
    }
    let has_joint = review.coverage.iter().any(|row| row.joint.is_some());
    if has_joint {
        out.push_str(" joint |");
    }
    out.push_str("\n|---|");
    out.push_str(&"---|".repeat(review.subsystems.len() + usize::from(has_joint)));
    out.push('\n');
    let cell_md = |cell: &Cell| {
        if cell.is_empty() {
            return "**missing**".to_string();
        }
        cell.iter()
            .map(|(id, status)| format!("{} ({})", code(id), status.as_str()))
            .collect::<Vec<_>>()
            .join("<br>")
    };
    for CoverageRow {
        outcome: id,
        text,
        cells,
        joint,
    } in &review.coverage
    {
        let _ = write!(out, "| {} {} |", code(id), md(text));
        for cell in cells.iter().chain(joint) {
            let _ = write!(out, " {} |", cell_md(cell));
        }
        out.push('\n');
    }
    out.push_str("\n## Claims: risk and strength\n\n| claim | risk bound | how | strength |\n|---|---|---|---|\n");
    for row in &review.claim_rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} |",
            code(&row.id),
            md(row.bound.as_deref().unwrap_or("unknown")),
            md(&row.rule),
            row.strength.unwrap_or("unrated")
        );
    }
    let _ = writeln!(out, "\n## Evidence ({})\n", review.evidence.len());
    out.push_str("| evidence | what it shows | artifact | date | supports | status |\n|---|---|---|---|---|---|\n");
    for e in &review.evidence {
        let artifact = match &e.artifact {
            Some(a) => format!(
                "{}{}",
                code(a),
                if e.sha256 { " (sha256 pinned)" } else { "" }
            ),
            None => "none".to_string(),
        };
        let supports: Vec<String> = e.supports.iter().map(|s| code(s)).collect();
        let _ = writeln!(
            out,
            "| {} | {} | {artifact} | {} | {} | {} |",
            code(&e.id),
            match &e.result {
                Some(r) => md(&format!("{} (result: {r})", e.text)),
                None => md(&e.text),
            },
            e.date.as_deref().unwrap_or(""),
            supports.join(", "),
            e.status
        );
    }
    if !review.doubts.is_empty() {
        let _ = writeln!(out, "\n## Doubts ({})\n", review.doubts.len());
        out.push_str("| doubt | what it says | kind | challenges | state | answered by | residual doubt |\n|---|---|---|---|---|---|---|\n");
        for d in &review.doubts {
            let answered: Vec<String> = d.answered_by.iter().map(|a| code(a)).collect();
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | **{}** | {} | {} |",
                code(&d.id),
                md(&d.text),
                d.doubt.unwrap_or(""),
                d.target(&|i| code(i)),
                d.state,
                answered.join(", "),
                md(&d.residual().unwrap_or_default())
            );
        }
    }
    if !review.signoffs.is_empty() {
        let _ = writeln!(out, "\n## Sign-offs ({})\n", review.signoffs.len());
        out.push_str(
            "| sign-off | of | reviewer | date | state | why |\n|---|---|---|---|---|---|\n",
        );
        for s in &review.signoffs {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | **{}** | {} |",
                code(&s.id),
                s.of.as_deref().map(code).unwrap_or_default(),
                md(s.reviewer.as_deref().unwrap_or("")),
                s.date.as_deref().unwrap_or(""),
                s.state,
                md(s.why.as_deref().unwrap_or(""))
            );
        }
    }
    let modules = module_rows(c);
    if !modules.is_empty() {
        let _ = writeln!(out, "\n## Modules ({})\n", modules.len());
        out.push_str("| module | owner | file | imports | elements | findings |\n|---|---|---|---|---|---|\n");
        for m in &modules {
            let imports: Vec<String> = m.imports.iter().map(|i| code(i)).collect();
            let _ = writeln!(
                out,
                "| {}: {} | {} | {} | {} | {} | {} |",
                code(&m.name),
                md(&m.text),
                md(&m.owner),
                code(&m.file),
                imports.join(", "),
                m.elements,
                m.findings()
            );
        }
    }
    let templates = instances_by_template(c);
    if !templates.is_empty() {
        let _ = writeln!(out, "\n## Template instances ({})\n", c.instances.len());
        out.push_str("| template | instances (elements each wrote) |\n|---|---|\n");
        for (template, instances) in &templates {
            let listed: Vec<String> = instances
                .iter()
                .map(|i| format!("{} ({})", code(&i.id), i.elements))
                .collect();
            let _ = writeln!(out, "| {} | {} |", code(template), listed.join(", "));
        }
    }
    out
}

/// One module of the project, as the review lists it.
struct ModuleRow {
    name: String,
    text: String,
    owner: String,
    file: String,
    imports: Vec<String>,
    elements: usize,
    errors: usize,
    warnings: usize,
}

impl ModuleRow {
    fn findings(&self) -> String {
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        match (self.errors, self.warnings) {
            (0, 0) => "none".to_string(),
            (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
        }
    }
}

/// The project's modules with what each holds and the findings in its file.
fn module_rows(c: &Compilation) -> Vec<ModuleRow> {
    let case = &c.case;
    let mut rows: Vec<ModuleRow> = case
        .modules
        .iter()
        .map(|m| ModuleRow {
            name: m.name.to_string(),
            text: m.text.as_deref().unwrap_or_default().to_string(),
            owner: m
                .owner
                .as_ref()
                .map(|o| o.value.clone())
                .unwrap_or_default(),
            file: c.sources.get(m.name_span.file).name.clone(),
            imports: m
                .imports
                .iter()
                .map(|i| case.modules[i.index()].name.to_string())
                .collect(),
            elements: 0,
            errors: 0,
            warnings: 0,
        })
        .collect();
    for module in case.elements.iter().filter_map(|e| e.module) {
        rows[module.index()].elements += 1;
    }
    let by_file: std::collections::HashMap<crate::source::FileId, usize> = case
        .modules
        .iter()
        .enumerate()
        .map(|(i, m)| (m.name_span.file, i))
        .collect();
    for d in &c.diagnostics {
        let file = c.sources.real(d.primary.span.file);
        if let Some(&row) = by_file.get(&file) {
            match d.severity {
                crate::diagnostic::Severity::Error => rows[row].errors += 1,
                crate::diagnostic::Severity::Warning => rows[row].warnings += 1,
            }
        }
    }
    rows
}

/// The case's template instances, by template name, in the order written.
fn instances_by_template(
    c: &Compilation,
) -> std::collections::BTreeMap<&str, Vec<&crate::ir::template::Instance>> {
    let mut by_template = std::collections::BTreeMap::new();
    for instance in &c.instances {
        by_template
            .entry(instance.template.as_str())
            .or_insert_with(Vec::new)
            .push(instance);
    }
    by_template
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_code_cannot_be_broken_out_of_nor_carry_escapes() {
        assert_eq!(code("a`b|c\nd"), "`a'b c d`");
        assert_eq!(code("model\x1b[31m\u{202e}x"), "`model[31mx`");
    }

    #[test]
    fn base64_matches_rfc_4648() {
        for (text, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(text.as_bytes()), encoded);
        }
    }

    #[test]
    fn markdown_text_cannot_break_a_table() {
        assert_eq!(md("a | b\n*c* <x>"), "a \\| b \\*c\\* \\<x\\>");
        assert_eq!(code("a`b|c"), "`a'b c`");
    }
}
