//! Evidence read from the artifact it cites: a metric of an Inspect eval log
//! (`.json`, or the `.eval` zip archive) or a number at a JSON Pointer
//! (RFC 6901) in any JSON file, named by the evidence's `metric:`.
//!
//! What is read stands in for what the evidence says of itself: the metric
//! is its `result:`, and an Inspect log's model and creation day are its
//! `model:` and `date:` where the author wrote none ([`Readings::apply`]), so
//! every rule on results, margins, model identity and freshness judges the
//! artifact, not prose about it. What disagrees with what is written, and
//! what cannot be read, the checker reports (`check::readings`).
//!
//! Reading is bounded: a JSON file by `Options::max_artifact_bytes` (refused
//! by its length before it is read), an `.eval` archive by the one part of
//! it that is read (`header.json`, by seeking; inflating past the limit is
//! refused), and paths stay in the project root as for integrity
//! ([`super::integrity::Location`]).

use super::identity::Versions;
use super::integrity::{is_url, Location, Places, Status};
use crate::ir::{Attrs, Case, ElementId, ElementKind, EvidenceAttrs, Measure, Spanned};
use crate::syntax::{parse_date, Date};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, OnceLock, PoisonError};

/// How much of an artifact casec reads by default: 256 MiB.
pub const DEFAULT_MAX_ARTIFACT_BYTES: u64 = 256 << 20;

/// What one evidence element's `metric:` read.
#[derive(Clone, Debug, PartialEq)]
pub struct Reading {
    /// The metric's value.
    pub value: f64,
    /// The Inspect run it was read from; `None` for a JSON Pointer.
    pub run: Option<Run>,
}

/// What an Inspect eval log records of its run.
#[derive(Clone, Debug, PartialEq)]
pub struct Run {
    pub task: String,
    /// As Inspect names it: `provider/model`.
    pub model: String,
    /// The day the run was created.
    pub created: Option<Date>,
    /// `success`, `error`, `cancelled` or `started`.
    pub status: String,
    /// The error Inspect recorded for a run that failed.
    pub error: Option<String>,
    /// Its samples were invalidated after the run (Inspect's
    /// `invalidate_samples`): Inspect itself treats it as unsuccessful.
    pub invalidated: bool,
    pub total_samples: u64,
    pub completed_samples: u64,
    /// The scorer the metric was read from.
    pub scorer: String,
}

impl Run {
    /// The model without Inspect's provider prefix (`offline/frontier-1` →
    /// `frontier-1`), as a case names model versions.
    pub fn model_version(&self) -> &str {
        self.model
            .split_once('/')
            .map_or(self.model.as_str(), |(_, name)| name)
    }
}

/// Why a metric could not be read.
#[derive(Clone, Debug, PartialEq)]
pub enum Failure {
    /// The artifact cannot be read as what `metric:` reads (E0611).
    Unreadable(String),
    /// It was read, but holds no such metric, or no number there (E0612);
    /// with what it does hold, for the message.
    NoMetric { why: String, available: Vec<String> },
    /// The Inspect log records a run that did not succeed (E0613): its
    /// metrics, if any, are not the task's.
    NotSuccessful(Box<Run>),
}

/// Per evidence element with a `metric:`, what reading it gave.
#[derive(Debug, Default)]
pub struct Readings {
    /// Indexed by [`ElementId`]; `None` for elements that read nothing.
    read: Vec<Option<Result<Reading, Failure>>>,
    /// What the evidence wrote that the artifact contradicts, found by
    /// [`Readings::apply`], in element order.
    pub disagreements: Vec<Disagreement>,
}

/// A value written on evidence that its artifact contradicts (E0615).
#[derive(Clone, Debug, PartialEq)]
pub struct Disagreement {
    pub evidence: ElementId,
    /// `result`, `model` or `date`.
    pub key: &'static str,
    pub written: Spanned<String>,
    pub read: String,
}

impl Readings {
    /// Read every evidence element's metric from its artifact.
    pub fn new(case: &Case, places: &Places, limit: u64) -> Readings {
        let mut read = vec![None; case.elements.len()];
        for (id, element) in case.of_kind(ElementKind::Evidence) {
            let Some(attrs) = element.evidence() else {
                continue;
            };
            let (Some(metric), Some(artifact)) = (&attrs.metric, &attrs.artifact) else {
                continue;
            };
            let reading = match &places.of(element.module) {
                Err(e) => Err(Failure::Unreadable(format!(
                    "the case file's folder cannot be read ({})",
                    e.kind()
                ))),
                Ok(location) => read_metric(
                    location,
                    &artifact.value,
                    &metric.value,
                    attrs.scorer.as_ref().map(|s| s.value.as_str()),
                    limit,
                ),
            };
            read[id.index()] = Some(reading);
        }
        Readings {
            read,
            disagreements: Vec::new(),
        }
    }

    pub fn of(&self, id: ElementId) -> Option<&Result<Reading, Failure>> {
        self.read.get(id.index())?.as_ref()
    }

    /// Put what was read where the rules look: the metric as the evidence's
    /// `result:`, and the run's model (without its provider) and day as its
    /// `model:` and `date:`, replacing written ones, which are compared
    /// first (E0615). Each stands where it is written, else at the `metric:`
    /// value, so findings about it point there.
    pub fn apply(&mut self, case: &mut Case) {
        for (index, reading) in self.read.iter().enumerate() {
            let Some(Ok(reading)) = reading else {
                continue;
            };
            let Some(Attrs::Evidence(attrs)) = case.elements.get_mut(index).map(|e| &mut e.attrs)
            else {
                continue;
            };
            let Some(at) = attrs.metric.as_ref().map(|m| m.span) else {
                continue;
            };
            let evidence = ElementId(index as u32);
            let mut disagree = |key, written: Spanned<String>, read: String| {
                self.disagreements.push(Disagreement {
                    evidence,
                    key,
                    written,
                    read,
                })
            };
            if let Some(written) = &attrs.result {
                // To the precision written: `33.3%` is a third.
                let off = (written.value.value - reading.value).abs();
                if off > half_unit(&written.value.written) + 1e-12 * reading.value.abs().max(1.0) {
                    let read = match written.value.percent {
                        true => format!("{}%", shown(reading.value * 100.0)),
                        false => shown(reading.value),
                    };
                    let value = written.value.written.clone();
                    disagree(
                        "result",
                        Spanned {
                            value,
                            span: written.span,
                        },
                        read,
                    );
                }
            }
            let span = attrs.result.as_ref().map_or(at, |r| r.span);
            // In the criterion's units: a rate judged by `5%` reads `30%`.
            let percent =
                attrs.trials.is_none() && attrs.criterion.as_ref().is_some_and(|c| c.value.percent);
            let written = match percent {
                true => format!("{}%", shown(reading.value * 100.0)),
                false => shown(reading.value),
            };
            attrs.result = Some(Spanned {
                value: Measure {
                    value: reading.value,
                    percent,
                    written,
                },
                span,
            });
            if let Some(run) = &reading.run {
                if let Some(written) = &attrs.model {
                    let versions = Versions::new(&written.value);
                    let same = versions.overlap(Versions::new(&run.model))
                        || versions.overlap(Versions::new(run.model_version()));
                    if !same {
                        disagree("model", written.clone(), run.model.clone());
                    }
                }
                if let (Some(written), Some(created)) = (&attrs.date, run.created) {
                    if written.value != created {
                        let value = written.value.to_string();
                        disagree(
                            "date",
                            Spanned {
                                value,
                                span: written.span,
                            },
                            created.to_string(),
                        );
                    }
                }
                // The rules judge the run's model and day, written or not
                // (a written one that disagrees is E0615), at what is written.
                let model_span = attrs.model.as_ref().map_or(at, |m| m.span);
                attrs.model = Some(Spanned {
                    value: run.model_version().to_string(),
                    span: model_span,
                });
                if let Some(created) = run.created {
                    let span = attrs.date.as_ref().map_or(at, |d| d.span);
                    attrs.date = Some(Spanned {
                        value: created,
                        span,
                    });
                }
            }
        }
    }
}

/// Whether evidence reads its result from its artifact and has none: the
/// artifact was not read (a compile without file access) or could not be.
pub fn unread(attrs: &EvidenceAttrs) -> bool {
    attrs.metric.is_some() && attrs.result.is_none()
}

/// Half the unit of the last decimal of a number as written (`0.03` →
/// 0.005, `2.5%` → 0.0005, `1e-4` → 5e-5; a whole number, none): how far a
/// value may be from it and still be what it says.
fn half_unit(written: &str) -> f64 {
    let (text, scale) = match written.trim().strip_suffix('%') {
        Some(text) => (text, 0.01),
        None => (written.trim(), 1.0),
    };
    let (mantissa, exponent) = match text.split_once(['e', 'E']) {
        Some((m, e)) => (m, e.parse::<i32>().unwrap_or(0)),
        None => (text, 0),
    };
    // A whole number (`0`, `12`) is a count or an exact value, not a rounding.
    let Some((_, digits)) = mantissa.split_once('.') else {
        return if text.contains(['e', 'E']) {
            0.5 * 10f64.powi(exponent) * scale
        } else {
            0.0
        };
    };
    0.5 * 10f64.powi(exponent - digits.len() as i32) * scale
}

/// A number read from a file, as messages show it: as short as it reads back.
pub fn shown(value: f64) -> String {
    let text = format!("{value}");
    if text.len() > 12 {
        format!("{value:.6}")
            .trim_end_matches('0')
            .trim_end_matches('.')
            .to_string()
    } else {
        text
    }
}

fn read_metric(
    location: &Location,
    artifact: &str,
    metric: &str,
    scorer: Option<&str>,
    limit: u64,
) -> Result<Reading, Failure> {
    if is_url(artifact) {
        return Err(Failure::Unreadable(
            "it is a URL, and casec never fetches one: commit the file and name its path".into(),
        ));
    }
    let path = location.resolve(artifact).map_err(|status| {
        Failure::Unreadable(match status {
            Status::Missing => "no such file, relative to the case file".into(),
            Status::OutsideRoot => "the path leaves the project root".into(),
            Status::Unreadable { reason } => reason,
            other => other.keyword().into(),
        })
    })?;
    remembered(&path, metric, scorer, limit, || {
        read_file(&path, metric, scorer, limit)
    })
}

/// What reading `path` gave, read again only when the file's modification
/// time or size changed: the language server checks on every edit, and an
/// eval log with its samples may be hundreds of megabytes.
fn remembered(
    path: &Path,
    metric: &str,
    scorer: Option<&str>,
    limit: u64,
    read: impl FnOnce() -> Result<Reading, Failure>,
) -> Result<Reading, Failure> {
    type Key = (PathBuf, String, Option<String>, u64);
    type Stamp = (std::time::SystemTime, u64);
    type Cache = Mutex<HashMap<Key, (Stamp, Result<Reading, Failure>)>>;
    static READ: OnceLock<Cache> = OnceLock::new();
    let stamp = std::fs::metadata(path).and_then(|meta| Ok((meta.modified()?, meta.len())));
    let Ok(stamp) = stamp else {
        return read();
    };
    let key = (
        path.to_path_buf(),
        metric.to_string(),
        scorer.map(str::to_string),
        limit,
    );
    let cache = READ.get_or_init(Default::default);
    let known = cache
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get(&key)
        .filter(|(at, _)| *at == stamp)
        .map(|(_, reading)| reading.clone());
    if let Some(reading) = known {
        return reading;
    }
    let reading = read();
    cache
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .insert(key, (stamp, reading.clone()));
    reading
}

fn read_file(
    path: &Path,
    metric: &str,
    scorer: Option<&str>,
    limit: u64,
) -> Result<Reading, Failure> {
    let unreadable = |e: std::io::Error| Failure::Unreadable(e.kind().to_string());
    let mut file = std::fs::File::open(path).map_err(unreadable)?;
    let mut magic = [0u8; 4];
    let read = file.read(&mut magic).map_err(unreadable)?;
    // An `.eval` archive is read where it lies, by seeking: only its
    // `header.json` counts against the limit, however large its samples.
    if magic[..read] == ZIP[..] {
        let header = eval_header(file, limit)?;
        return read_json(header, metric, scorer);
    }
    // Refused by its length before reading (a sparse file of gigabytes);
    // the bounded reader still stops at the limit if the length lied.
    let length = file.metadata().map_err(unreadable)?.len();
    if length > limit {
        return Err(Failure::Unreadable(format!(
            "it is {length} bytes, more than the {limit} read (`--max-artifact-bytes`)"
        )));
    }
    let bytes =
        crate::input::read_regular(path, limit).map_err(|e| Failure::Unreadable(e.to_string()))?;
    read_json(bytes, metric, scorer)
}

/// The signature a zip archive starts with.
const ZIP: &[u8; 4] = b"PK\x03\x04";

/// A metric read from an artifact's bytes: an Inspect `.eval` archive (by
/// its zip signature) or JSON. The fuzz target `artifact` calls this.
pub fn read_bytes(
    bytes: Vec<u8>,
    metric: &str,
    scorer: Option<&str>,
    limit: u64,
) -> Result<Reading, Failure> {
    let json = if bytes.starts_with(ZIP) {
        eval_header(std::io::Cursor::new(bytes), limit)?
    } else {
        bytes
    };
    read_json(json, metric, scorer)
}

fn read_json(json: Vec<u8>, metric: &str, scorer: Option<&str>) -> Result<Reading, Failure> {
    let json = without_non_finite(json);
    if let Some(pointer) = metric.strip_prefix('/').map(|_| metric) {
        return at_pointer(&json, pointer);
    }
    let log: Log = serde_json::from_slice(&json).map_err(|e| {
        Failure::Unreadable(if e.is_data() {
            format!("it is not an Inspect eval log ({e})")
        } else {
            format!("it is not JSON ({e})")
        })
    })?;
    inspect_metric(log, metric, scorer)
}

/// Inspect writes a metric that is not a number as a bare `NaN`,
/// `Infinity` or `-Infinity`, which JSON has not: each becomes `null`
/// (outside strings), so that the rest of the log reads, and a metric that
/// was one is "not a number" (E0612).
fn without_non_finite(json: Vec<u8>) -> Vec<u8> {
    let has = |word: &[u8]| json.windows(word.len()).any(|w| w == word);
    if !has(b"NaN") && !has(b"Infinity") {
        return json;
    }
    let mut out = Vec::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    let mut i = 0;
    while i < json.len() {
        let b = json[i];
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
        } else if b == b'"' {
            in_string = true;
        } else {
            let rest = &json[i..];
            let word = [&b"-Infinity"[..], b"Infinity", b"NaN"]
                .into_iter()
                .find(|w| rest.starts_with(w));
            if let Some(word) = word {
                out.extend_from_slice(b"null");
                i += word.len();
                continue;
            }
        }
        out.push(b);
        i += 1;
    }
    out
}

/// The `header.json` of an Inspect `.eval` archive: the log without its
/// samples. Read through a bounded reader, so a part that inflates past the
/// limit (a zip bomb) is refused, not held.
fn eval_header(archive: impl Read + std::io::Seek, limit: u64) -> Result<Vec<u8>, Failure> {
    let unreadable = |what: String| Failure::Unreadable(what);
    let mut archive = zip::ZipArchive::new(archive)
        .map_err(|e| unreadable(format!("it is not a readable `.eval` archive ({e})")))?;
    let part = archive.by_name("header.json").map_err(|_| {
        unreadable("it is a zip archive without `header.json`: not an Inspect `.eval` log".into())
    })?;
    let mut header = Vec::new();
    part.take(limit.saturating_add(1))
        .read_to_end(&mut header)
        .map_err(|e| unreadable(format!("its `header.json` cannot be read ({e})")))?;
    if header.len() as u64 > limit {
        return Err(unreadable(format!(
            "its `header.json` inflates past {limit} bytes"
        )));
    }
    Ok(header)
}

fn at_pointer(json: &[u8], pointer: &str) -> Result<Reading, Failure> {
    let value: serde_json::Value = serde_json::from_slice(json)
        .map_err(|e| Failure::Unreadable(format!("it is not JSON ({e})")))?;
    match value.pointer(pointer) {
        Some(found) => match found.as_f64() {
            Some(number) if number.is_finite() => Ok(Reading {
                value: number,
                run: None,
            }),
            _ => Err(Failure::NoMetric {
                why: format!("the pointer finds {}, not a number", json_kind(found)),
                available: Vec::new(),
            }),
        },
        None => {
            // The keys where the pointer stopped matching, to choose from.
            let mut parent = pointer;
            let mut available = Vec::new();
            while let Some((head, _)) = parent.rsplit_once('/') {
                parent = head;
                if let Some(serde_json::Value::Object(map)) = value.pointer(parent) {
                    available = map.keys().map(|k| format!("{parent}/{k}")).collect();
                    break;
                }
            }
            Err(Failure::NoMetric {
                why: "nothing is at that pointer".to_string(),
                available,
            })
        }
    }
}

fn json_kind(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// The parts of an Inspect eval log casec reads (the log's schema is
/// Inspect's `EvalLog`; everything else, samples included, is skipped
/// without being held).
#[derive(Deserialize)]
struct Log {
    status: String,
    #[serde(default)]
    invalidated: Option<serde_json::Value>,
    eval: Spec,
    #[serde(default)]
    results: Option<Results>,
    #[serde(default)]
    error: Option<LogError>,
}

#[derive(Deserialize)]
struct Spec {
    task: String,
    model: String,
    #[serde(default)]
    created: Option<String>,
}

#[derive(Deserialize)]
struct Results {
    #[serde(default)]
    total_samples: u64,
    #[serde(default)]
    completed_samples: u64,
    #[serde(default)]
    scores: Vec<Score>,
}

#[derive(Deserialize)]
struct Score {
    name: String,
    #[serde(default)]
    metrics: BTreeMap<String, Metric>,
}

#[derive(Deserialize)]
struct Metric {
    value: serde_json::Value,
}

#[derive(Deserialize)]
struct LogError {
    message: String,
}

fn inspect_metric(log: Log, metric: &str, scorer: Option<&str>) -> Result<Reading, Failure> {
    let results = log.results.unwrap_or(Results {
        total_samples: 0,
        completed_samples: 0,
        scores: Vec::new(),
    });
    let created = log
        .eval
        .created
        .as_deref()
        .and_then(|c| c.get(..10))
        .and_then(parse_date);
    let mut run = Run {
        task: log.eval.task,
        model: log.eval.model,
        created,
        status: log.status,
        error: log.error.map(|e| e.message),
        invalidated: log.invalidated.is_some_and(|v| {
            !matches!(v, serde_json::Value::Null | serde_json::Value::Bool(false))
        }),
        total_samples: results.total_samples,
        completed_samples: results.completed_samples,
        scorer: String::new(),
    };
    if run.status != "success" || run.invalidated {
        return Err(Failure::NotSuccessful(Box::new(run)));
    }
    let scored: Vec<&Score> = results
        .scores
        .iter()
        .filter(|s| scorer.is_none_or(|name| s.name == name))
        .filter(|s| s.metrics.contains_key(metric))
        .collect();
    let every_metric = || {
        results
            .scores
            .iter()
            .flat_map(|s| {
                s.metrics
                    .keys()
                    .map(move |m| format!("{m} (scorer {})", s.name))
            })
            .collect::<Vec<_>>()
    };
    let score = match scored.as_slice() {
        [one] => *one,
        [] => {
            let why = match scorer {
                _ if results.scores.is_empty() => "the log has no scores".to_string(),
                Some(name) if !results.scores.iter().any(|s| s.name == name) => {
                    format!("the log has no scorer `{name}`")
                }
                Some(name) => format!("scorer `{name}` has no metric of that name"),
                None => "no scorer of the log has a metric of that name".to_string(),
            };
            return Err(Failure::NoMetric {
                why,
                available: every_metric(),
            });
        }
        several => {
            return Err(Failure::NoMetric {
                why: format!(
                    "{} scorers have one: say which with `scorer:`",
                    several.len()
                ),
                available: several.iter().map(|s| s.name.clone()).collect(),
            })
        }
    };
    run.scorer = score.name.clone();
    let value = score.metrics.get(metric).and_then(|m| m.value.as_f64());
    match value {
        Some(value) if value.is_finite() => Ok(Reading {
            value,
            run: Some(run),
        }),
        _ => Err(Failure::NoMetric {
            why: format!("its value in scorer `{}` is not a number", score.name),
            available: Vec::new(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LOG: &str = r#"{"status": "success", "samples": [1, 2],
        "eval": {"task": "ctf", "model": "offline/frontier-1", "created": "2026-11-20T09:00:00+00:00"},
        "results": {"total_samples": 40, "completed_samples": 40, "scores": [
            {"name": "includes", "metrics": {"accuracy": {"value": 0.025}, "stderr": {"value": 0.02}}},
            {"name": "match", "metrics": {"accuracy": {"value": 0.5}}}]}}"#;

    fn log() -> Log {
        serde_json::from_str(LOG).unwrap()
    }

    #[test]
    fn a_metric_is_read_from_the_scorer_named() {
        let reading = inspect_metric(log(), "accuracy", Some("includes")).unwrap();
        assert_eq!(reading.value, 0.025);
        let run = reading.run.unwrap();
        assert_eq!(run.model_version(), "frontier-1");
        assert_eq!(run.created, parse_date("2026-11-20"));
        assert_eq!((run.total_samples, run.completed_samples), (40, 40));
        assert_eq!(inspect_metric(log(), "stderr", None).unwrap().value, 0.02);
    }

    #[test]
    fn an_ambiguous_or_absent_metric_names_what_there_is() {
        let Err(Failure::NoMetric { why, available }) = inspect_metric(log(), "accuracy", None)
        else {
            panic!("two scorers have accuracy")
        };
        assert!(why.contains("2 scorers"), "{why}");
        assert_eq!(available, ["includes", "match"]);
        let Err(Failure::NoMetric { why, available }) = inspect_metric(log(), "f1", None) else {
            panic!("no f1")
        };
        assert!(why.contains("no scorer"), "{why}");
        assert_eq!(available.len(), 3);
    }

    #[test]
    fn a_pointer_reads_a_number_anywhere() {
        let json = LOG.as_bytes();
        let read = at_pointer(json, "/results/scores/1/metrics/accuracy/value").unwrap();
        assert_eq!(read.value, 0.5);
        let Err(Failure::NoMetric { why, available }) = at_pointer(json, "/results/nope") else {
            panic!("nothing there")
        };
        assert!(why.contains("nothing is at"), "{why}");
        assert!(
            available.contains(&"/results/scores".to_string()),
            "{available:?}"
        );
        assert!(matches!(
            at_pointer(json, "/eval/task"),
            Err(Failure::NoMetric { why, .. }) if why.contains("a string")
        ));
    }

    #[test]
    fn a_zip_bomb_is_refused_not_inflated() {
        let mut bytes = Vec::new();
        {
            let mut zip = zip::ZipWriter::new(std::io::Cursor::new(&mut bytes));
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Deflated);
            zip.start_file("header.json", options).unwrap();
            std::io::Write::write_all(&mut zip, &vec![b' '; 1 << 20]).unwrap();
            zip.finish().unwrap();
        }
        assert!(
            bytes.len() < 16 << 10,
            "a megabyte of spaces deflates small"
        );
        let Err(Failure::Unreadable(why)) = eval_header(std::io::Cursor::new(bytes), 64 << 10)
        else {
            panic!("inflated past the limit")
        };
        assert!(why.contains("inflates past"), "{why}");
    }

    #[test]
    fn a_log_is_read_again_when_it_changes() {
        let dir = std::env::temp_dir().join(format!("casec-readings-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join(".git")).unwrap();
        let location = Location::of(&dir.join("x.case")).unwrap();
        let read = || read_metric(&location, "log.json", "stderr", None, 1 << 20);
        std::fs::write(dir.join("log.json"), LOG).unwrap();
        assert_eq!(read().map(|r| r.value), Ok(0.02));
        assert_eq!(read().map(|r| r.value), Ok(0.02));
        std::fs::write(dir.join("log.json"), LOG.replace("0.02", "0.125")).unwrap();
        assert_eq!(read().map(|r| r.value), Ok(0.125));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn a_metric_inspect_wrote_as_nan_leaves_the_others_readable() {
        let log = LOG
            .replace("0.02}", "NaN}")
            .replace("\"ctf\"", "\"NaN in a string\"");
        let json = without_non_finite(log.into_bytes());
        let log: Log = serde_json::from_slice(&json).unwrap();
        assert_eq!(log.eval.task, "NaN in a string");
        assert!(matches!(
            inspect_metric(log, "stderr", None),
            Err(Failure::NoMetric { why, .. }) if why.contains("not a number")
        ));
        let json = without_non_finite(LOG.replace("0.025}", "-Infinity}").into_bytes());
        let log: Log = serde_json::from_slice(&json).unwrap();
        assert_eq!(
            inspect_metric(log, "stderr", None).map(|r| r.value),
            Ok(0.02)
        );
    }

    #[test]
    fn a_written_result_agrees_to_the_precision_it_is_written_with() {
        assert_eq!(half_unit("0.03"), 0.005);
        assert!((half_unit("2.5%") - 0.0005).abs() < 1e-15);
        assert!((half_unit("1e-4") - 5e-5).abs() < 1e-18);
        assert_eq!(half_unit("3"), 0.0);
        assert_eq!(half_unit("0"), 0.0);
        assert!((half_unit("33.3%") - 0.0005).abs() < 1e-15);
    }

    #[test]
    fn numbers_read_are_shown_short() {
        assert_eq!(shown(0.025), "0.025");
        assert_eq!(shown(0.024999999999999998), "0.025");
        assert_eq!(shown(12.0), "12");
    }
}
