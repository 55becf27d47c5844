//! Evidence read from its artifact (`metric:`, see
//! [`crate::analysis::readings`]): the artifact could be read, holds the
//! metric, records a run that succeeded with enough samples, and agrees with
//! what the evidence writes of it.

use super::Checker;
use crate::analysis::readings::{Failure, Reading};
use crate::diagnostic::{Code, Diagnostic};
use crate::ir::{ElementKind, EvidenceAttrs};

/// How many of the names an artifact holds a message lists.
const LISTED: usize = 8;

pub fn check(cx: &mut Checker) {
    let Some(readings) = &cx.analysis.readings else {
        return;
    };
    for (id, element) in cx.case.of_kind(ElementKind::Evidence) {
        let (Some(reading), Some(attrs)) = (readings.of(id), element.evidence()) else {
            continue;
        };
        let (Some(metric), Some(artifact)) = (&attrs.metric, &attrs.artifact) else {
            continue;
        };
        let path = &artifact.value;
        match reading {
            Err(Failure::Unreadable(why)) => cx.out.push(
                Diagnostic::new(
                    Code::MetricUnreadable,
                    artifact.span,
                    format!(
                        "evidence `{}` reads `{}` from `{path}`, which cannot be read: {why}",
                        element.id, metric.value
                    ),
                )
                .label("the result is read from here")
                .help("commit the Inspect eval log the evidence cites at this path (relative to the case file), or, to read a number from another JSON file, make `metric:` a JSON Pointer such as `\"/results/accuracy\"`"),
            ),
            Err(Failure::NoMetric { why, available }) => {
                let mut d = Diagnostic::new(
                    Code::MetricNotFound,
                    metric.span,
                    format!("cannot find metric `{}` in `{path}`: {why}", metric.value),
                )
                .label("not in the artifact");
                let names = available.iter().map(|a| a.split(' ').next().unwrap_or(a));
                if let Some(near) = crate::suggest::closest(&metric.value, names) {
                    d = d.help(format!("did you mean `{near}`?"));
                }
                if !available.is_empty() {
                    d = d.note(format!("it has {}", listed(available)));
                }
                if d.help.is_none() {
                    d = d.help("name a metric as the log names it, add `scorer:` to choose among scorers, or fix the JSON Pointer");
                }
                cx.out.push(d);
            }
            Err(Failure::NotSuccessful(run)) => {
                let mut d = Diagnostic::new(
                    Code::EvaluationNotSuccessful,
                    artifact.span,
                    format!(
                        "the Inspect run in `{path}` did not succeed: its status is `{}`",
                        run.status
                    ),
                )
                .label(format!("task `{}` on `{}`", run.task, run.model));
                if let Some(error) = &run.error {
                    d = d.note(format!("Inspect recorded: {}", first_line(error)));
                }
                cx.out.push(d.help(format!(
                    "re-run the evaluation to completion and commit its log: evidence `{}` cannot rest on a run that did not finish",
                    element.id
                )));
            }
            Ok(reading) => too_few_samples(cx, &element.id, attrs, reading),
        }
    }
    for d in &readings.disagreements {
        let evidence = &cx.case.get(d.evidence).id;
        let artifact = cx
            .case
            .get(d.evidence)
            .evidence()
            .and_then(|a| a.artifact.as_ref());
        let mut diagnostic = Diagnostic::new(
            Code::ArtifactDisagrees,
            d.written.span,
            format!(
                "evidence `{evidence}` says {} `{}`, but its artifact records `{}`",
                d.key, d.written.value, d.read
            ),
        )
        .label(format!("the artifact says `{}`", d.read));
        if let Some(artifact) = artifact {
            diagnostic = diagnostic.secondary(artifact.span, "read from this artifact");
        }
        cx.out.push(diagnostic.help(format!(
            "write `{}: {}`, or remove `{}:` and let the artifact speak",
            d.key,
            quoted(d.key, &d.read),
            d.key
        )));
    }
}

fn too_few_samples(cx: &mut Checker, evidence: &str, attrs: &EvidenceAttrs, reading: &Reading) {
    let (Some(run), Some(artifact), Some(samples)) =
        (&reading.run, &attrs.artifact, &attrs.samples)
    else {
        return;
    };
    let needed = samples.value as u64;
    if run.completed_samples < needed {
        cx.out.push(
            Diagnostic::new(
                Code::TooFewSamples,
                samples.span,
                format!(
                    "the Inspect run in `{}` completed {} of {} samples; evidence `{evidence}` needs at least {needed}",
                    artifact.value, run.completed_samples, run.total_samples
                ),
            )
            .label(format!("at least {needed} samples"))
            .secondary(artifact.span, "read from this log")
            .help("run the whole task, or claim only what the smaller run shows"),
        );
    }
}

/// A value as it is written in a case: dates bare, the rest in quotes.
fn quoted(key: &str, value: &str) -> String {
    match key {
        "date" | "result" => value.to_string(),
        _ => format!("\"{value}\""),
    }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or("")
}

fn listed(names: &[String]) -> String {
    let mut shown: Vec<String> = names
        .iter()
        .take(LISTED)
        .map(|n| format!("`{n}`"))
        .collect();
    if names.len() > LISTED {
        shown.push(format!("{} more", names.len() - LISTED));
    }
    shown.join(", ")
}
