//! `casec diff`: what a change did to the *argument*, per element id.
//!
//! [`diff`] compares two compiled versions of one case file (either may be
//! missing: a file added or removed) and returns a typed [`FileDiff`]:
//! elements added, removed, renamed and re-texted; support and context links
//! added and removed; claims that became developed or undeveloped; argument
//! categories and blocks, evidence artifacts, digests, dates and models that
//! changed; the claims whose support rests on changed evidence (the impact
//! set); risk bounds and strength that moved; findings that appeared or
//! disappeared, keyed by rule code and element rather than by line.
//! [`render`] writes a set of them as text, Markdown or JSON.
//!
//! Every list is in a fixed order (the new file's source order, then the old
//! file's for what is gone), and every stage is one pass over the elements
//! and their links through hash maps keyed by id.

pub mod render;

use crate::analysis::risk::{exceeds, format_probability};
use crate::compile::Compilation;
use crate::diagnostic::{Code, Severity};
use crate::ir::{Case, Element, ElementId, ElementKind, Graph, Rating};
use crate::source::FileId;
use std::collections::{HashMap, HashSet};

/// An element as a diff names it.
#[derive(Clone, Debug, PartialEq)]
pub struct Named {
    pub kind: ElementKind,
    pub id: String,
    pub text: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Rename {
    pub kind: ElementKind,
    pub old: String,
    pub new: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Retext {
    pub kind: ElementKind,
    pub id: String,
    pub old: String,
    pub new: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Relation {
    /// `supported by:`
    Support,
    /// `in context of:`
    Context,
}

impl Relation {
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Support => "support",
            Relation::Context => "context",
        }
    }
}

/// Whether something is in the new version only (added, appeared) or in the
/// old one only (removed, disappeared).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    Added,
    Removed,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Link {
    pub from: String,
    pub to: String,
    pub relation: Relation,
    pub change: Change,
}

/// A property that changed, old and new value as written (`None`: not
/// given).
#[derive(Clone, Debug, PartialEq)]
pub struct PropertyChange {
    pub id: String,
    pub property: &'static str,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// A claim that became developed (`developed: true`) or undeveloped.
#[derive(Clone, Debug, PartialEq)]
pub struct Development {
    pub claim: String,
    pub developed: bool,
}

/// A bound that moved; `None` is unknown.
#[derive(Clone, Debug, PartialEq)]
pub struct RiskChange {
    pub id: String,
    pub old: Option<f64>,
    pub new: Option<f64>,
}

impl RiskChange {
    /// Whether the bound got worse: higher, or known before and unknown now.
    pub fn increased(&self) -> bool {
        match (self.old, self.new) {
            (Some(old), Some(new)) => !same_bound(Some(old), Some(new)) && exceeds(new, old),
            (Some(_), None) => true,
            _ => false,
        }
    }
}

/// Whether two bounds are the same as people see them ([`format_probability`]):
/// a sum taken in another order is not a change.
fn same_bound(a: Option<f64>, b: Option<f64>) -> bool {
    a.map(format_probability) == b.map(format_probability)
}

/// The case's bound before and after, and the threshold it is held to.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CaseRisk {
    pub old: Option<f64>,
    pub new: Option<f64>,
    pub threshold: Option<f64>,
    /// The threshold as the case writes it (`1e-3`).
    pub threshold_written: Option<String>,
}

impl CaseRisk {
    pub fn changed(&self) -> bool {
        !same_bound(self.old, self.new)
    }

    pub fn increased(&self) -> bool {
        RiskChange {
            id: String::new(),
            old: self.old,
            new: self.new,
        }
        .increased()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct StrengthChange {
    pub id: String,
    pub old: Option<Rating>,
    pub new: Option<Rating>,
}

/// A finding of one version that the other does not have, by rule and
/// element (a finding that merely moved lines is not a change).
#[derive(Clone, Debug, PartialEq)]
pub struct Finding {
    pub code: Code,
    pub severity: Severity,
    /// The element it is on, by its id in the new version; `None` for a
    /// finding on no element (a syntax error between items).
    pub element: Option<String>,
    pub message: String,
    pub change: Change,
}

/// What changed between two versions of one case file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FileDiff {
    /// The file's name in each version; `None` when it is not in that one.
    pub old_file: Option<String>,
    pub new_file: Option<String>,
    pub added: Vec<Named>,
    pub removed: Vec<Named>,
    pub renamed: Vec<Rename>,
    pub retexted: Vec<Retext>,
    pub links: Vec<Link>,
    pub development: Vec<Development>,
    pub arguments: Vec<PropertyChange>,
    pub evidence: Vec<PropertyChange>,
    /// Claims whose support rests, through any number of steps, on evidence
    /// in [`FileDiff::evidence`], in the new file's order.
    pub impact: Vec<String>,
    pub case_risk: CaseRisk,
    pub risk: Vec<RiskChange>,
    pub strength: Vec<StrengthChange>,
    pub findings: Vec<Finding>,
}

impl FileDiff {
    /// Whether nothing the diff reports changed.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
            && self.removed.is_empty()
            && self.renamed.is_empty()
            && self.retexted.is_empty()
            && self.links.is_empty()
            && self.development.is_empty()
            && self.arguments.is_empty()
            && self.evidence.is_empty()
            && !self.case_risk.changed()
            && self.risk.is_empty()
            && self.strength.is_empty()
            && self.findings.is_empty()
    }

    /// Claims that were developed and are not now.
    pub fn support_lost(&self) -> impl Iterator<Item = &str> {
        self.development
            .iter()
            .filter(|d| !d.developed)
            .map(|d| d.claim.as_str())
    }

    /// Findings of this severity that the new version has and the old does not.
    pub(crate) fn new_findings(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|f| f.change == Change::Added && f.severity == severity)
            .count()
    }

    /// Whether the case's bound or any claim's got worse.
    pub fn risk_increased(&self) -> bool {
        self.case_risk.increased() || self.risk.iter().any(RiskChange::increased)
    }
}

/// One version's case elements by id.
struct Version<'a> {
    compilation: &'a Compilation,
    ids: HashMap<&'a str, ElementId>,
}

impl<'a> Version<'a> {
    fn new(compilation: &'a Compilation) -> Version<'a> {
        let ids = compilation
            .case
            .case_elements()
            .map(|(id, e)| (e.id.as_str(), id))
            .collect();
        Version { compilation, ids }
    }

    fn case(&self) -> &'a Case {
        &self.compilation.case
    }

    fn graph(&self) -> &'a Graph {
        &self.compilation.graph
    }

    fn elements(&self) -> impl Iterator<Item = (ElementId, &'a Element)> {
        self.compilation.case.case_elements()
    }
}

fn named(e: &Element) -> Named {
    Named {
        kind: e.kind,
        id: e.id.to_string(),
        text: e.text().to_string(),
    }
}

/// What must be equal for an element under a new id to be the old one
/// renamed: kind, text, and links (as written in the new version; the old
/// version's are first renamed).
type Signature<'a> = (ElementKind, &'a str, Vec<&'a str>, Vec<&'a str>);

/// Links' names, each under its new name where it was renamed.
fn renamed<'a>(refs: &'a [crate::ir::Ref], renames: &HashMap<&'a str, &'a str>) -> Vec<&'a str> {
    refs.iter()
        .map(|r| {
            renames
                .get(r.name.as_str())
                .copied()
                .unwrap_or(r.name.as_str())
        })
        .collect()
}

fn signature(e: &Element) -> Signature<'_> {
    fn names(refs: &[crate::ir::Ref]) -> Vec<&str> {
        refs.iter().map(|r| r.name.as_str()).collect()
    }
    (
        e.kind,
        e.text(),
        names(&e.supported_by),
        names(&e.in_context_of),
    )
}

/// Compare two versions of a case file; `None` for a version the file is
/// not in.
pub fn diff(old: Option<&Compilation>, new: Option<&Compilation>) -> FileDiff {
    let name = |c: &Compilation| c.sources.get(c.file).name.clone();
    let mut out = FileDiff {
        old_file: old.map(name),
        new_file: new.map(name),
        ..FileDiff::default()
    };
    let old = old.map(Version::new);
    let new = new.map(Version::new);
    match (&old, &new) {
        (Some(old), Some(new)) => compare(old, new, &mut out),
        (None, Some(new)) => {
            out.added = new.elements().map(|(_, e)| named(e)).collect();
            out.case_risk = case_risk(None, Some(new));
            out.findings = findings(None, Some(new), &HashMap::new());
        }
        (Some(old), None) => {
            out.removed = old.elements().map(|(_, e)| named(e)).collect();
            out.case_risk = case_risk(Some(old), None);
            out.findings = findings(Some(old), None, &HashMap::new());
        }
        (None, None) => {}
    }
    out
}

fn compare(old: &Version, new: &Version, out: &mut FileDiff) {
    // Same id and kind: the same element.
    let same = |o: &Element| {
        new.ids
            .get(o.id.as_str())
            .map(|&n| new.case().get(n))
            .filter(|n| n.kind == o.kind)
    };
    let gone: Vec<&Element> = old
        .elements()
        .map(|(_, e)| e)
        .filter(|e| same(e).is_none())
        .collect();
    let fresh: Vec<&Element> = new
        .elements()
        .map(|(_, e)| e)
        .filter(|n| {
            old.ids
                .get(n.id.as_str())
                .is_none_or(|&o| old.case().get(o).kind != n.kind)
        })
        .collect();

    // Renames: an element gone and one new with the same kind and text,
    // each the only one with them, and the same links once the renames
    // already found are applied, so a sub-argument renamed as a whole is
    // seen as renamed: an element waits for the renames of what it links to,
    // and is looked at again when one is found (each element at most once
    // more per renamed link: linear).
    let mut fresh_by_signature: HashMap<Signature, Vec<&Element>> = HashMap::new();
    for e in &fresh {
        fresh_by_signature.entry(signature(e)).or_default().push(e);
    }
    let mut gone_by_text: HashMap<(ElementKind, &str), usize> = HashMap::new();
    let mut referrers: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, e) in gone.iter().enumerate() {
        *gone_by_text.entry((e.kind, e.text())).or_default() += 1;
        for r in e.supported_by.iter().chain(&e.in_context_of) {
            referrers.entry(r.name.as_str()).or_default().push(i);
        }
    }
    // old id → new id
    let mut renames: HashMap<&str, &str> = HashMap::new();
    let mut taken: HashMap<&str, usize> = HashMap::new();
    let mut queue: Vec<usize> = (0..gone.len()).rev().collect();
    while let Some(i) = queue.pop() {
        let o = gone[i];
        if renames.contains_key(o.id.as_str()) || gone_by_text[&(o.kind, o.text())] != 1 {
            continue;
        }
        let key = (
            o.kind,
            o.text(),
            renamed(&o.supported_by, &renames),
            renamed(&o.in_context_of, &renames),
        );
        let Some([e]) = fresh_by_signature.get(&key).map(Vec::as_slice) else {
            continue;
        };
        if taken.contains_key(e.id.as_str()) {
            continue;
        }
        taken.insert(e.id.as_str(), i);
        renames.insert(o.id.as_str(), e.id.as_str());
        queue.extend(referrers.get(o.id.as_str()).into_iter().flatten().rev());
    }
    // In the new file's order.
    for e in &fresh {
        if let Some(&i) = taken.get(e.id.as_str()) {
            out.renamed.push(Rename {
                kind: e.kind,
                old: gone[i].id.to_string(),
                new: e.id.to_string(),
            });
        }
    }
    // new id → old id
    let renamed_from: HashMap<&str, &str> = renames.iter().map(|(o, n)| (*n, *o)).collect();
    out.added = fresh
        .iter()
        .filter(|e| !renamed_from.contains_key(e.id.as_str()))
        .map(|e| named(e))
        .collect();
    out.removed = gone
        .iter()
        .filter(|e| !renames.contains_key(e.id.as_str()))
        .map(|e| named(e))
        .collect();

    // The pairs: each new element and the old one it was.
    let pairs: Vec<(ElementId, ElementId)> = new
        .elements()
        .filter_map(|(n, e)| {
            let old_name = renamed_from.get(e.id.as_str()).copied();
            let &o = old.ids.get(old_name.unwrap_or(e.id.as_str()))?;
            (old.case().get(o).kind == e.kind).then_some((o, n))
        })
        .collect();
    let to_new = |name: &str| {
        renames
            .get(name)
            .map_or(name.to_string(), |n| n.to_string())
    };

    for &(o, n) in &pairs {
        let (oe, ne) = (old.case().get(o), new.case().get(n));
        if oe.text() != ne.text() {
            out.retexted.push(Retext {
                kind: ne.kind,
                id: ne.id.to_string(),
                old: oe.text().to_string(),
                new: ne.text().to_string(),
            });
        }
        for (relation, old_refs, new_refs) in [
            (Relation::Support, &oe.supported_by, &ne.supported_by),
            (Relation::Context, &oe.in_context_of, &ne.in_context_of),
        ] {
            let before: HashSet<String> = old_refs.iter().map(|r| to_new(&r.name)).collect();
            let after: HashSet<&str> = new_refs.iter().map(|r| r.name.as_str()).collect();
            let mut seen = HashSet::new();
            for r in new_refs {
                if !before.contains(r.name.as_str()) && seen.insert(r.name.as_str()) {
                    out.links.push(link(ne, &r.name, relation, Change::Added));
                }
            }
            let mut seen = HashSet::new();
            for r in old_refs {
                let to = to_new(&r.name);
                if !after.contains(to.as_str()) && seen.insert(to.clone()) {
                    out.links.push(link(ne, &to, relation, Change::Removed));
                }
            }
        }
        let (og, ng) = (old.graph(), new.graph());
        if ne.kind == ElementKind::Claim {
            let (was, is) = (developed(og, o), developed(ng, n));
            if was != is {
                out.development.push(Development {
                    claim: ne.id.to_string(),
                    developed: is,
                });
            }
        }
        if let (Some(oa), Some(na)) = (oe.argument(), ne.argument()) {
            let name = |r: &Option<crate::ir::Ref>| r.as_ref().map(|r| r.name.to_string());
            property(
                out,
                ne,
                "category",
                name(&oa.category),
                name(&na.category),
                true,
            );
            property(out, ne, "block", name(&oa.block), name(&na.block), true);
        }
        if let (Some(oa), Some(na)) = (oe.evidence(), ne.evidence()) {
            let text = |s: &Option<crate::ir::Spanned<String>>| s.as_ref().map(|s| s.value.clone());
            let date = |d: &Option<crate::ir::Spanned<crate::syntax::Date>>| {
                d.as_ref().map(|d| d.value.to_string())
            };
            property(
                out,
                ne,
                "artifact",
                text(&oa.artifact),
                text(&na.artifact),
                false,
            );
            property(out, ne, "sha256", text(&oa.sha256), text(&na.sha256), false);
            property(out, ne, "date", date(&oa.date), date(&na.date), false);
            property(out, ne, "model", text(&oa.model), text(&na.model), false);
            // As written, or as read from the artifact (`metric:`).
            let result = |m: &Option<crate::ir::Spanned<crate::ir::Measure>>| {
                m.as_ref().map(|m| m.value.written.clone())
            };
            property(
                out,
                ne,
                "result",
                result(&oa.result),
                result(&na.result),
                false,
            );
        }
        if matches!(ne.kind, ElementKind::Claim) {
            let (or, nr) = (
                old.compilation.analysis.risk.of(o).bound,
                new.compilation.analysis.risk.of(n).bound,
            );
            if !same_bound(or, nr) {
                out.risk.push(RiskChange {
                    id: ne.id.to_string(),
                    old: or,
                    new: nr,
                });
            }
            let rating = |c: &Compilation, id| c.analysis.strength.of(id).max.map(|(r, _)| r);
            let (os, ns) = (rating(old.compilation, o), rating(new.compilation, n));
            if os != ns {
                out.strength.push(StrengthChange {
                    id: ne.id.to_string(),
                    old: os,
                    new: ns,
                });
            }
        }
    }
    out.impact = impact(new, &out.evidence);
    out.case_risk = case_risk(Some(old), Some(new));
    out.findings = findings(Some(old), Some(new), &renames);
}

fn developed(graph: &Graph, id: ElementId) -> bool {
    graph.developed.get(id.index()).copied().unwrap_or(false)
}

fn link(from: &Element, to: &str, relation: Relation, change: Change) -> Link {
    Link {
        from: from.id.to_string(),
        to: to.to_string(),
        relation,
        change,
    }
}

fn property(
    out: &mut FileDiff,
    e: &Element,
    property: &'static str,
    old: Option<String>,
    new: Option<String>,
    argument: bool,
) {
    if old == new {
        return;
    }
    let change = PropertyChange {
        id: e.id.to_string(),
        property,
        old,
        new,
    };
    if argument {
        out.arguments.push(change);
    } else {
        out.evidence.push(change);
    }
}

/// Every claim whose support rests on changed evidence: one walk up the new
/// version's support links from all the changed evidence at once.
fn impact(new: &Version, changed: &[PropertyChange]) -> Vec<String> {
    let graph = new.graph();
    let mut seen = vec![false; new.case().elements.len()];
    let mut stack: Vec<ElementId> = Vec::new();
    for change in changed {
        if let Some(&id) = new.ids.get(change.id.as_str()) {
            if !std::mem::replace(&mut seen[id.index()], true) {
                stack.push(id);
            }
        }
    }
    while let Some(id) = stack.pop() {
        for &parent in &graph.parents[id.index()] {
            if !std::mem::replace(&mut seen[parent.index()], true) {
                stack.push(parent);
            }
        }
    }
    new.elements()
        .filter(|(id, e)| e.kind == ElementKind::Claim && seen[id.index()])
        .map(|(_, e)| e.id.to_string())
        .collect()
}

fn case_risk(old: Option<&Version>, new: Option<&Version>) -> CaseRisk {
    let bound = |v: Option<&Version>| v.and_then(|v| v.compilation.analysis.risk.case_bound);
    let threshold = new.or(old).and_then(|v| {
        v.case()
            .header()
            .and_then(|(_, h)| h.case_attrs()?.threshold.as_ref())
            .map(|t| &t.value)
    });
    CaseRisk {
        old: bound(old),
        new: bound(new),
        threshold: threshold.map(|t| t.value),
        threshold_written: threshold.map(|t| t.written.clone()),
    }
}

/// Which case element each offset of a version is in: the elements' spans
/// sorted per file, searched by halves.
struct Locator<'a> {
    spans: Vec<(FileId, usize, usize, &'a str)>,
}

impl<'a> Locator<'a> {
    fn new(version: &Version<'a>) -> Locator<'a> {
        let mut spans: Vec<_> = version
            .elements()
            .map(|(_, e)| {
                (
                    e.span.file,
                    e.span.start as usize,
                    e.span.end as usize,
                    e.id.as_str(),
                )
            })
            .collect();
        spans.sort_by_key(|&(file, start, _, _)| (file, start));
        Locator { spans }
    }

    fn element(&self, file: FileId, offset: usize) -> Option<&'a str> {
        let after = self
            .spans
            .partition_point(|&(f, start, _, _)| (f, start) <= (file, offset));
        let &(f, start, end, id) = self.spans.get(after.checked_sub(1)?)?;
        (f == file && start <= offset && offset < end.max(start + 1)).then_some(id)
    }
}

type FindingKey = (Code, Option<String>);

/// Each version's findings by (code, element), the old one's elements under
/// their new ids; what one has more of than the other appeared or
/// disappeared.
fn findings(
    old: Option<&Version>,
    new: Option<&Version>,
    renames: &HashMap<&str, &str>,
) -> Vec<Finding> {
    let keyed = |v: &Version, rename: bool| -> Vec<(FindingKey, Finding)> {
        let locator = Locator::new(v);
        v.compilation
            .diagnostics
            .iter()
            .map(|d| {
                let span = d.within.unwrap_or(d.primary.span);
                let element = locator.element(span.file, span.start as usize).map(|id| {
                    if rename {
                        renames.get(id).copied().unwrap_or(id)
                    } else {
                        id
                    }
                    .to_string()
                });
                (
                    (d.code, element.clone()),
                    Finding {
                        code: d.code,
                        severity: d.severity,
                        element,
                        message: d.message.clone(),
                        change: Change::Added,
                    },
                )
            })
            .collect()
    };
    let old = old.map(|v| keyed(v, true)).unwrap_or_default();
    let new = new.map(|v| keyed(v, false)).unwrap_or_default();
    let count = |list: &[(FindingKey, Finding)]| {
        let mut counts: HashMap<FindingKey, usize> = HashMap::new();
        for (key, _) in list {
            *counts.entry(key.clone()).or_default() += 1;
        }
        counts
    };
    let (mut in_old, mut in_new) = (count(&old), count(&new));
    let mut out = Vec::new();
    // A finding of the new version beyond as many of its key as the old had
    // appeared; one of the old beyond as many as the new has disappeared.
    for (key, finding) in new {
        match in_old.get_mut(&key) {
            Some(n) if *n > 0 => *n -= 1,
            _ => out.push(finding),
        }
    }
    for (key, mut finding) in old {
        match in_new.get_mut(&key) {
            Some(n) if *n > 0 => *n -= 1,
            _ => {
                finding.change = Change::Removed;
                out.push(finding);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests;
