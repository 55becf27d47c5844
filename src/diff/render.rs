//! A set of [`FileDiff`]s as text for a terminal, Markdown for a
//! pull-request comment, or JSON (`docs/json-schema/casec-diff.schema.json`).
//! Text from a case is escaped in each: control characters shown as
//! escapes in the text form, Markdown markup escaped, JSON strings encoded.

use super::{Change, FileDiff, Finding, Link, PropertyChange, Retext};
use crate::analysis::risk::format_probability;
use crate::diagnostic::{one_line, Severity};
use crate::emit::report::{code, md};
use crate::ir::Rating;
use serde_json::{json, Value};
use std::fmt::Write;

/// What a run of `casec diff` found, over every file: what `--fail-on`
/// and the verdict line read.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Summary {
    pub support_lost: usize,
    /// Claims that were not developed and are now.
    pub support_gained: usize,
    pub new_errors: usize,
    pub new_warnings: usize,
    pub fixed_errors: usize,
    pub impacted: usize,
    pub risk_increased: bool,
    pub changed: bool,
}

impl Summary {
    pub fn of(diffs: &[FileDiff]) -> Summary {
        let mut s = Summary::default();
        for d in diffs {
            s.support_lost += d.support_lost().count();
            s.support_gained += d.development.iter().filter(|d| d.developed).count();
            s.new_errors += d.new_findings(Severity::Error);
            s.new_warnings += d.new_findings(Severity::Warning);
            s.fixed_errors += d
                .findings
                .iter()
                .filter(|f| f.change == Change::Removed && f.severity == Severity::Error)
                .count();
            s.impacted += d.impact.len();
            s.risk_increased |= d.risk_increased();
            s.changed |= !d.is_empty();
        }
        s
    }
}

fn probability(p: Option<f64>) -> String {
    p.map_or_else(|| "unknown".to_string(), format_probability)
}

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn file_name(d: &FileDiff) -> &str {
    d.new_file
        .as_deref()
        .or(d.old_file.as_deref())
        .unwrap_or("")
}

/// The one-line verdict: how the case risk moved against its threshold,
/// how many claims lost support or gained it, how many errors are new.
pub fn verdict(diffs: &[FileDiff]) -> String {
    let summary = Summary::of(diffs);
    let mut parts = Vec::new();
    let bounded: Vec<&FileDiff> = diffs
        .iter()
        .filter(|d| d.case_risk.old.is_some() || d.case_risk.new.is_some())
        .collect();
    for d in &bounded {
        let r = &d.case_risk;
        if bounded.len() > 1 && !r.changed() {
            continue;
        }
        let moved = if r.changed() {
            format!("{} → {}", probability(r.old), probability(r.new))
        } else {
            probability(r.new)
        };
        let of = r
            .threshold_written
            .as_ref()
            .map_or_else(String::new, |t| format!(" of {}", one_line(t)));
        let unchanged = if r.changed() { "" } else { " (unchanged)" };
        let prefix = if bounded.len() > 1 {
            format!("{}: ", one_line(file_name(d)))
        } else {
            String::new()
        };
        parts.push(format!("{prefix}risk {moved}{of}{unchanged}"));
    }
    if summary.support_lost > 0 {
        parts.push(format!(
            "{} support",
            plural(summary.support_lost, "claim loses", "claims lose")
        ));
    }
    if summary.support_gained > 0 {
        parts.push(format!(
            "{} developed",
            plural(summary.support_gained, "claim is now", "claims are now")
        ));
    }
    if summary.impacted > 0 {
        parts.push(format!(
            "{} on changed evidence",
            plural(summary.impacted, "claim rests", "claims rest")
        ));
    }
    if summary.new_errors > 0 {
        parts.push(plural(summary.new_errors, "new error", "new errors"));
    }
    if summary.new_warnings > 0 {
        parts.push(plural(summary.new_warnings, "new warning", "new warnings"));
    }
    if summary.fixed_errors > 0 {
        parts.push(plural(summary.fixed_errors, "error fixed", "errors fixed"));
    }
    if !summary.changed {
        parts.push("no change to the argument".to_string());
    }
    parts.join("; ")
}

fn rating(r: Option<Rating>) -> &'static str {
    r.map_or("unrated", Rating::as_str)
}

fn value(v: &Option<String>) -> String {
    v.as_deref()
        .map_or_else(|| "(none)".to_string(), |v| format!("\"{}\"", one_line(v)))
}

fn severity_word(f: &Finding) -> &'static str {
    f.severity.as_str()
}

/// One line per change, each a sign (`+` new, `-` gone, `~` changed), what
/// changed and the element's id; text escaped as in `casec check`'s messages.
pub fn human(diffs: &[FileDiff], color: bool) -> String {
    let paint = |code: &str, text: String| {
        if color {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text
        }
    };
    let plus = |t: String| paint("32", format!("+ {t}"));
    let minus = |t: String| paint("31", format!("- {t}"));
    let tilde = |t: String| paint("33", format!("~ {t}"));
    let mut out = String::new();
    for d in diffs.iter().filter(|d| !d.is_empty()) {
        let header = match (&d.old_file, &d.new_file) {
            (Some(o), Some(n)) if o == n => one_line(n).into_owned(),
            (Some(o), Some(n)) => format!("{} → {}", one_line(o), one_line(n)),
            (None, Some(n)) => format!("{} (new file)", one_line(n)),
            (Some(o), None) => format!("{} (removed)", one_line(o)),
            (None, None) => String::new(),
        };
        let _ = writeln!(out, "{}", paint("1", header));
        let mut line = |text: String| {
            let _ = writeln!(out, "  {text}");
        };
        let r = &d.case_risk;
        if r.changed() {
            let of = r
                .threshold_written
                .as_ref()
                .map_or_else(String::new, |t| format!(" (threshold {})", one_line(t)));
            line(tilde(format!(
                "case risk {} → {}{of}",
                probability(r.old),
                probability(r.new)
            )));
        }
        for e in &d.added {
            line(plus(format!(
                "{} {} \"{}\"",
                e.kind.as_str(),
                e.id,
                one_line(&e.text)
            )));
        }
        for e in &d.removed {
            line(minus(format!(
                "{} {} \"{}\"",
                e.kind.as_str(),
                e.id,
                one_line(&e.text)
            )));
        }
        for r in &d.renamed {
            line(tilde(format!(
                "{} {} renamed to {}",
                r.kind.as_str(),
                r.old,
                r.new
            )));
        }
        for Retext { kind, id, old, new } in &d.retexted {
            line(tilde(format!(
                "{} {id} text \"{}\" → \"{}\"",
                kind.as_str(),
                one_line(old),
                one_line(new)
            )));
        }
        for l in &d.links {
            let text = link_text(l);
            line(match l.change {
                Change::Added => plus(text),
                Change::Removed => minus(text),
            });
        }
        for dev in &d.development {
            let what = if dev.developed {
                "is now developed"
            } else {
                "lost support: now undeveloped"
            };
            line(tilde(format!("claim {} {what}", dev.claim)));
        }
        for p in &d.arguments {
            line(tilde(format!("argument {}", property_text(p, &value))));
        }
        for p in &d.evidence {
            line(tilde(format!("evidence {}", property_text(p, &value))));
        }
        if !d.impact.is_empty() {
            line(tilde(format!(
                "claims resting on changed evidence: {}",
                d.impact.join(", ")
            )));
        }
        for r in &d.risk {
            line(tilde(format!(
                "risk of {} {} → {}",
                r.id,
                probability(r.old),
                probability(r.new)
            )));
        }
        for s in &d.strength {
            line(tilde(format!(
                "strength of {} {} → {}",
                s.id,
                rating(s.old),
                rating(s.new)
            )));
        }
        for f in &d.findings {
            let on = f
                .element
                .as_ref()
                .map_or_else(String::new, |e| format!(" on {e}"));
            let text = format!(
                "{}[{}]{on}: {}",
                severity_word(f),
                f.code,
                one_line(&f.message)
            );
            line(match f.change {
                Change::Added => plus(text),
                Change::Removed => minus(format!("{text} (fixed)")),
            });
        }
    }
    let _ = writeln!(out, "{}", verdict(diffs));
    out
}

fn link_text(l: &Link) -> String {
    let relation = match l.relation {
        super::Relation::Support => "supported by",
        super::Relation::Context => "in context of",
    };
    format!("{} {relation} {}", l.from, l.to)
}

fn property_text(p: &PropertyChange, show: &dyn Fn(&Option<String>) -> String) -> String {
    format!(
        "{} {} {} → {}",
        p.id,
        p.property,
        show(&p.old),
        show(&p.new)
    )
}

fn md_value(v: &Option<String>) -> String {
    v.as_deref().map_or_else(|| "(none)".to_string(), code)
}

/// Markdown for a pull-request comment: the verdict in bold first, then one
/// section per changed file with a bullet per change.
pub fn markdown(diffs: &[FileDiff]) -> String {
    let mut out = format!("**casec diff:** {}\n", md(&verdict(diffs)));
    for d in diffs.iter().filter(|d| !d.is_empty()) {
        let _ = write!(out, "\n### {}", code(file_name(d)));
        match (&d.old_file, &d.new_file) {
            (None, Some(_)) => out.push_str(" (new file)"),
            (Some(_), None) => out.push_str(" (removed)"),
            (Some(o), Some(n)) if o != n => {
                let _ = write!(out, " (was {})", code(o));
            }
            _ => {}
        }
        out.push_str("\n\n");
        let mut section = |title: &str, items: Vec<String>| {
            if items.is_empty() {
                return;
            }
            let _ = writeln!(out, "**{title}**\n");
            for item in items {
                let _ = writeln!(out, "- {item}");
            }
            out.push('\n');
        };
        let r = &d.case_risk;
        if r.changed() || !d.risk.is_empty() {
            let mut items = Vec::new();
            if r.changed() {
                let of = r
                    .threshold_written
                    .as_ref()
                    .map_or_else(String::new, |t| format!(" (threshold {})", md(t)));
                let worse = if r.increased() { ", **worse**" } else { "" };
                items.push(format!(
                    "case: {} → {}{worse}{of}",
                    probability(r.old),
                    probability(r.new)
                ));
            }
            items.extend(d.risk.iter().map(|c| {
                format!(
                    "{}: {} → {}",
                    code(&c.id),
                    probability(c.old),
                    probability(c.new)
                )
            }));
            section("Risk bounds", items);
        }
        section(
            "Claims that lost support",
            d.support_lost().map(code).collect(),
        );
        section(
            "Claims resting on changed evidence",
            d.impact.iter().map(|c| code(c)).collect(),
        );
        section(
            "Evidence changed",
            d.evidence.iter().map(property_text_md).collect(),
        );
        section(
            "Findings",
            d.findings
                .iter()
                .map(|f| {
                    let sign = match f.change {
                        Change::Added => "new",
                        Change::Removed => "fixed",
                    };
                    let on = f
                        .element
                        .as_ref()
                        .map_or_else(String::new, |e| format!(" on {}", code(e)));
                    format!(
                        "{sign} {} {}{on}: {}",
                        severity_word(f),
                        code(&f.code.to_string()),
                        md(&f.message)
                    )
                })
                .collect(),
        );
        let mut elements = Vec::new();
        elements.extend(
            d.added
                .iter()
                .map(|e| format!("added {} {}: {}", e.kind.as_str(), code(&e.id), md(&e.text))),
        );
        elements.extend(d.removed.iter().map(|e| {
            format!(
                "removed {} {}: {}",
                e.kind.as_str(),
                code(&e.id),
                md(&e.text)
            )
        }));
        elements.extend(d.renamed.iter().map(|r| {
            format!(
                "renamed {} {} to {}",
                r.kind.as_str(),
                code(&r.old),
                code(&r.new)
            )
        }));
        elements.extend(d.retexted.iter().map(|r| {
            format!(
                "re-texted {} {}: {} → {}",
                r.kind.as_str(),
                code(&r.id),
                md(&r.old),
                md(&r.new)
            )
        }));
        elements.extend(
            d.development
                .iter()
                .filter(|d| d.developed)
                .map(|d| format!("claim {} is now developed", code(&d.claim))),
        );
        section("Elements", elements);
        section(
            "Links",
            d.links
                .iter()
                .map(|l| {
                    let relation = match l.relation {
                        super::Relation::Support => "supported by",
                        super::Relation::Context => "in context of",
                    };
                    let sign = match l.change {
                        Change::Added => "added",
                        Change::Removed => "removed",
                    };
                    format!("{sign}: {} {relation} {}", code(&l.from), code(&l.to))
                })
                .collect(),
        );
        section(
            "Arguments changed",
            d.arguments.iter().map(property_text_md).collect(),
        );
        section(
            "Strength",
            d.strength
                .iter()
                .map(|s| format!("{}: {} → {}", code(&s.id), rating(s.old), rating(s.new)))
                .collect(),
        );
    }
    out
}

fn property_text_md(p: &PropertyChange) -> String {
    format!(
        "{} {}: {} → {}",
        code(&p.id),
        p.property,
        md_value(&p.old),
        md_value(&p.new)
    )
}

/// The JSON form (`docs/json-schema/casec-diff.schema.json`), one document,
/// keys sorted.
pub fn json(diffs: &[FileDiff]) -> String {
    let summary = Summary::of(diffs);
    let properties = |list: &[PropertyChange]| -> Vec<Value> {
        list.iter()
            .map(|p| json!({ "id": p.id, "property": p.property, "old": p.old, "new": p.new }))
            .collect()
    };
    let change = |c: Change| match c {
        Change::Added => "added",
        Change::Removed => "removed",
    };
    let files: Vec<Value> = diffs
        .iter()
        .map(|d| {
            let element = |e: &super::Named| json!({ "kind": e.kind.as_str(), "id": e.id, "text": e.text });
            json!({
                "old_file": d.old_file,
                "new_file": d.new_file,
                "changed": !d.is_empty(),
                "added": d.added.iter().map(element).collect::<Vec<_>>(),
                "removed": d.removed.iter().map(element).collect::<Vec<_>>(),
                "renamed": d.renamed.iter().map(|r| json!({ "kind": r.kind.as_str(), "old": r.old, "new": r.new })).collect::<Vec<_>>(),
                "retexted": d.retexted.iter().map(|r| json!({ "kind": r.kind.as_str(), "id": r.id, "old": r.old, "new": r.new })).collect::<Vec<_>>(),
                "links": d.links.iter().map(|l| json!({ "from": l.from, "to": l.to, "relation": l.relation.as_str(), "change": change(l.change) })).collect::<Vec<_>>(),
                "development": d.development.iter().map(|v| json!({ "claim": v.claim, "developed": v.developed })).collect::<Vec<_>>(),
                "arguments": properties(&d.arguments),
                "evidence": properties(&d.evidence),
                "impact": d.impact,
                "case_risk": {
                    "old": d.case_risk.old,
                    "new": d.case_risk.new,
                    "threshold": d.case_risk.threshold,
                    "threshold_written": d.case_risk.threshold_written,
                },
                "risk": d.risk.iter().map(|r| json!({ "id": r.id, "old": r.old, "new": r.new })).collect::<Vec<_>>(),
                "strength": d.strength.iter().map(|s| json!({ "id": s.id, "old": s.old.map(Rating::as_str), "new": s.new.map(Rating::as_str) })).collect::<Vec<_>>(),
                "findings": d.findings.iter().map(|f| json!({
                    "code": f.code.to_string(),
                    "severity": f.severity.as_str(),
                    "element": f.element,
                    "message": f.message,
                    "change": match f.change { Change::Added => "appeared", Change::Removed => "disappeared" },
                })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let document = json!({
        "$schema": "urn:casec:schema:diff:1",
        "format": "casec-diff",
        "version": 1,
        "verdict": verdict(diffs),
        "summary": {
            "changed": summary.changed,
            "support_lost": summary.support_lost,
            "support_gained": summary.support_gained,
            "impacted": summary.impacted,
            "new_errors": summary.new_errors,
            "new_warnings": summary.new_warnings,
            "fixed_errors": summary.fixed_errors,
            "risk_increased": summary.risk_increased,
        },
        "files": files,
    });
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_default();
    text.push('\n');
    text
}
