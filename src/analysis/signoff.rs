//! Review sign-offs bound to what was reviewed: the binding of an element
//! is a sha256 over its text, its support (each element's kind, id, text,
//! date and links, all the way down), the doubts raised against any of them
//! with their answers and acceptance, and its artifacts' digests. A sign-off
//! whose recorded binding differs from the element's binding now is stale.
//!
//! An artifact's digest is the one read from the file when the compilation
//! read files and found it changed, else the recorded `sha256:`: so a
//! changed artifact makes a sign-off stale at once, and re-locking the
//! evidence digests (`casec evidence lock`) never makes it current again.

use super::integrity::{hex, Integrity, Status};
use crate::ir::{Case, ElementId, ElementKind, Graph};
use sha2::{Digest, Sha256};
use std::collections::HashSet;

/// What a sign-off's binding says today.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Review {
    /// The element signed off.
    pub of: ElementId,
    /// The element's binding now.
    pub binding: String,
    /// A binding is recorded and it is the binding now.
    pub current: bool,
    /// No binding is recorded yet.
    pub unbound: bool,
    /// Evidence below the element whose artifact no longer has its
    /// recorded digest: the likeliest reason for a stale sign-off.
    pub changed_artifacts: Vec<ElementId>,
}

/// The review of the sign-off `signoff`; `None` when it is no sign-off or
/// names no element (that is reported where it is written).
pub fn review(
    case: &Case,
    graph: &Graph,
    integrity: Option<&Integrity>,
    signoff: ElementId,
) -> Option<Review> {
    let attrs = case.get(signoff).signoff()?;
    let of = attrs.of.as_ref()?.target?;
    let (binding, changed_artifacts) = binding(case, graph, integrity, of);
    let recorded = attrs.sha256.as_ref().map(|s| s.value.as_str());
    Some(Review {
        of,
        current: recorded == Some(binding.as_str()),
        unbound: recorded.is_none(),
        binding,
        changed_artifacts,
    })
}

/// The binding of `root` now, and the evidence below it whose artifact
/// changed since its digest was recorded.
pub fn binding(
    case: &Case,
    graph: &Graph,
    integrity: Option<&Integrity>,
    root: ElementId,
) -> (String, Vec<ElementId>) {
    let mut hasher = Sha256::new();
    let mut changed = Vec::new();
    let mut seen = HashSet::from([root]);
    let mut queue = std::collections::VecDeque::from([root]);
    while let Some(id) = queue.pop_front() {
        let element = case.get(id);
        let links: Vec<&str> = element
            .supported_by
            .iter()
            .map(|r| r.name.as_str())
            .collect();
        let mut record = vec![
            serde_json::json!(element.kind.as_str()),
            serde_json::json!(element.id.as_str()),
            serde_json::json!(element.text()),
            serde_json::json!(links),
        ];
        if element.kind == ElementKind::Evidence {
            let attrs = element.evidence();
            let status = integrity.and_then(|i| i.of(id));
            let digest = match status {
                Some(Status::Mismatch { actual }) => {
                    changed.push(id);
                    Some(actual.as_str())
                }
                _ => attrs
                    .and_then(|a| a.sha256.as_ref())
                    .map(|s| s.value.as_str()),
            };
            record.push(serde_json::json!(attrs
                .and_then(|a| a.artifact.as_ref())
                .map(|a| a.value.as_str())));
            record.push(serde_json::json!(digest));
            record.push(serde_json::json!(attrs
                .and_then(|a| a.date.as_ref())
                .map(|d| d.value.to_string())));
        }
        if let Some(d) = element.defeater() {
            let name = |r: &Option<crate::ir::Ref>| r.as_ref().map(|r| r.name.to_string());
            let text = |t: &Option<crate::ir::Spanned<String>>| t.as_ref().map(|t| t.value.clone());
            record.push(serde_json::json!([
                name(&d.challenges),
                name(&d.link),
                d.doubt.as_ref().map(|d| d.value.as_str()),
                text(&d.accepted),
                text(&d.owner),
                d.risk.as_ref().map(|r| r.value.written.clone()),
            ]));
        }
        // One JSON array per element, one per line: unambiguous framing.
        hasher.update(serde_json::Value::Array(record).to_string().as_bytes());
        hasher.update(b"\n");
        // What it rests on, and the doubts raised against it (whose answers
        // are their support).
        for child in graph.children[id.index()]
            .iter()
            .chain(&graph.challengers[id.index()])
        {
            if seen.insert(*child) {
                queue.push_back(*child);
            }
        }
    }
    (hex(&hasher.finalize()), changed)
}
