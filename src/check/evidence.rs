//! Evidence: every piece of evidence names the artifact it is, a local
//! artifact exists, and one with a recorded sha256 is the file on disk (when
//! the compilation reads files: see [`crate::analysis::integrity`]).

use super::Checker;
use crate::analysis::integrity::Status;
use crate::diagnostic::{Code, Diagnostic};
use crate::ir::ElementKind;

pub fn check(cx: &mut Checker) {
    let bare: Vec<_> = cx
        .case
        .of_kind(ElementKind::Evidence)
        .filter(|(_, e)| e.evidence().is_some_and(|a| a.artifact.is_none()))
        .map(|(_, e)| (e.id.clone(), e.id_span))
        .collect();
    for (id, span) in bare {
        cx.report(
            Diagnostic::new(
                Code::EvidenceWithoutArtifact,
                span,
                format!("evidence `{id}` names no artifact"),
            )
            .label("a reviewer cannot find what this evidence is")
            .help("add `artifact: \"path/to/report.json\"` (relative to the case file) or a URL"),
        );
    }
    integrity(cx);
}

fn integrity(cx: &mut Checker) {
    let Some(integrity) = &cx.analysis.integrity else {
        return;
    };
    for (id, element) in cx.case.of_kind(ElementKind::Evidence) {
        let Some(status) = integrity.of(id) else {
            continue;
        };
        let Some(attrs) = element.evidence() else {
            continue;
        };
        let Some(artifact) = &attrs.artifact else {
            continue;
        };
        let path = &artifact.value;
        let Some(sha256) = &attrs.sha256 else {
            // Evidence read from its artifact says so itself (E0611).
            let read = attrs.metric.is_some() && cx.analysis.readings.is_some();
            if *status == Status::Missing && !read {
                cx.report(
                    Diagnostic::new(
                        Code::ArtifactMissing,
                        artifact.span,
                        format!("artifact `{path}` of evidence `{}` does not exist", element.id),
                    )
                    .label("no such file, relative to the case file")
                    .help("add the file, fix the path, or, for an artifact that is not a local file, give its URL"),
                );
            }
            continue;
        };
        let diagnostic = match status {
            Status::Mismatch { actual } => Diagnostic::new(
                Code::ArtifactHashMismatch,
                sha256.span,
                format!("`{path}` does not match the sha256 recorded for evidence `{}`", element.id),
            )
            .label("recorded digest")
            .secondary(artifact.span, "the file read")
            .note(format!("expected: {}", sha256.value))
            .note(format!("actual:   {actual}"))
            .help("the artifact changed since it was recorded; if the change is intended, review it and run `casec evidence lock FILE`"),
            Status::Missing => Diagnostic::new(
                Code::ArtifactUnreadable,
                artifact.span,
                format!("artifact `{path}` of evidence `{}` does not exist", element.id),
            )
            .label("no such file, relative to the case file")
            .secondary(sha256.span, "its sha256 is recorded here")
            .help("restore the file or fix the path; for an artifact that is not a local file, give a URL and no sha256"),
            Status::Unreadable { reason } => Diagnostic::new(
                Code::ArtifactUnreadable,
                artifact.span,
                format!("artifact `{path}` of evidence `{}` cannot be read: {reason}", element.id),
            )
            .label("cannot be read")
            .secondary(sha256.span, "its sha256 is recorded here")
            .help("point `artifact:` at the file itself"),
            Status::OutsideRoot => Diagnostic::new(
                Code::ArtifactOutsideRoot,
                artifact.span,
                format!("artifact `{path}` of evidence `{}` is outside the project root", element.id),
            )
            .label("leaves the project")
            .note("the project root is the nearest folder holding `casec.toml` or `.git`, else the case's folder; `..` and symbolic links may not lead out of it")
            .help("copy the artifact into the project and point at the copy"),
            Status::NoArtifact | Status::Url | Status::Unhashed | Status::Verified => continue,
        };
        cx.report(diagnostic);
    }
}
