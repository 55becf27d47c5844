//! What an evaluation found against the criterion it was pre-registered
//! with: `result:` (with `trials:` when it counts successes), `criterion:`
//! and `refutes:`, which says which side of the criterion refutes the claim
//! the evidence supports (docs/language.md, "Results and criteria").
//!
//! One reading serves the checker (malformed values, E0609) and the
//! emitters (the margin in the JSON and the review).

use crate::ir::{EvidenceAttrs, Measure, Refutes, Spanned};
use crate::source::Span;

/// A result compared with its criterion.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    /// The compared values: counts, or rates when a percentage criterion
    /// judges a count out of `trials:`, or the numbers as written.
    pub result: f64,
    pub criterion: f64,
    pub refutes: Refutes,
    /// How far the result is from the refuting side, in the units compared:
    /// positive on the safe side. At zero a criterion that includes its
    /// value (`at_or_above`, `at_or_below`) refutes.
    pub margin: f64,
    /// The result is on the refuting side of the criterion.
    pub refuted: bool,
    /// The units of the comparison, for messages.
    pub unit: Unit,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// Successes out of the trials.
    Count,
    /// A share of the trials or a rate, compared as fractions.
    Rate,
    /// Numbers as written.
    Number,
}

/// A combination of values that cannot be compared, where it was written.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub span: Span,
    pub message: String,
    pub label: &'static str,
    pub help: String,
}

impl Refutes {
    /// The words a message uses: "at or above".
    pub fn phrase(self) -> &'static str {
        match self {
            Refutes::AtOrAbove => "at or above",
            Refutes::Above => "above",
            Refutes::AtOrBelow => "at or below",
            Refutes::Below => "below",
        }
    }
}

/// The result as a reader says it: `4 of 5`, `80%`, `0.8`.
pub(crate) fn describe_result(attrs: &EvidenceAttrs) -> Option<String> {
    let result = attrs.result.as_ref()?;
    Some(match &attrs.trials {
        Some(trials) => format!("{} of {}", result.value.written, trials.value),
        None => result.value.written.clone(),
    })
}

/// A margin in the units compared: `2`, `0.15`, `15 percentage points`.
pub(crate) fn describe_margin(c: &Comparison) -> String {
    let rounded = |x: f64| {
        let s = format!("{x:.4}");
        let s = s.trim_end_matches('0').trim_end_matches('.');
        if s == "-0" {
            "0".to_string()
        } else {
            s.to_string()
        }
    };
    match c.unit {
        Unit::Rate => format!("{} percentage points", rounded(c.margin * 100.0)),
        Unit::Count | Unit::Number => rounded(c.margin),
    }
}

/// Read an evidence element's result and criterion. `Ok(None)` when it
/// states no comparison (no criterion, or no result: each alone is fine,
/// and what is missing from a half-written one is a [`Problem`]).
pub fn compare(attrs: &EvidenceAttrs) -> Result<Option<Comparison>, Problem> {
    let (result, criterion, refutes) = (&attrs.result, &attrs.criterion, &attrs.refutes);
    if let (Some(trials), None) = (&attrs.trials, result) {
        return Err(Problem {
            span: trials.span,
            message: "`trials` is given but no `result:` counts successes out of them".into(),
            label: "trials of what result?",
            help: "add the number of successes: `result: 1`".into(),
        });
    }
    if let (Some(c), None) = (criterion, refutes) {
        return Err(Problem {
            span: c.span,
            message: "`criterion` does not say which side of it refutes the claim".into(),
            label: "which results refute?",
            help: "add `refutes: at_or_above` (e.g. a capability threshold) or `refutes: below` (e.g. a required catch rate); `above` and `at_or_below` also exist".into(),
        });
    }
    if let (None, Some(r)) = (criterion, refutes) {
        return Err(Problem {
            span: r.span,
            message: "`refutes` is given but there is no `criterion:` to compare with".into(),
            label: "refutes relative to what?",
            help: "add the pre-registered criterion, e.g. `criterion: 3`".into(),
        });
    }
    // Read from the artifact (`metric:`): when it is not read (a compile
    // from a string, or an artifact that cannot be read, E0611/E0612),
    // there is nothing to judge, and nothing missing from the source.
    if result.is_none() && attrs.metric.is_some() {
        return Ok(None);
    }
    if let (Some(c), None) = (criterion, result) {
        return Err(Problem {
            span: c.span,
            message: "`criterion` is given but there is no `result:` to judge by it".into(),
            label: "no result to compare",
            help:
                "add what the evaluation found, e.g. `result: 1` with `trials: 5`, or `result: 12%`"
                    .into(),
        });
    }
    if let (Some(result), Some(trials)) = (result, &attrs.trials) {
        let n = result.value.value;
        if result.value.percent || n.fract() != 0.0 || n < 0.0 || n > trials.value {
            return Err(Problem {
                span: result.span,
                message: format!(
                    "`result` counts successes out of `trials: {}`, so it must be a whole number from 0 to {}, found {}",
                    trials.value, trials.value, result.value.written
                ),
                label: "not a count of the trials",
                help: format!(
                    "write the number of successes out of the {} trials (`result: 1`), or drop `trials:` and give a rate (`result: 20%`)",
                    trials.value
                ),
            });
        }
    }
    let (Some(result), Some(criterion), Some(refutes)) = (result, criterion, refutes) else {
        return Ok(None);
    };
    let (r, c, unit) = match &attrs.trials {
        Some(trials) if criterion.value.percent => (
            result.value.value / trials.value,
            criterion.value.value,
            Unit::Rate,
        ),
        Some(trials) => {
            let c = criterion.value.value;
            if !(0.0..=trials.value).contains(&c) {
                return Err(out_of_trials(criterion, trials.value));
            }
            (result.value.value, c, Unit::Count)
        }
        None => {
            let (a, b) = (&result.value, &criterion.value);
            if a.percent != b.percent {
                let plain = if a.percent { b } else { a };
                if !(0.0..=1.0).contains(&plain.value) {
                    return Err(Problem {
                        span: criterion.span,
                        message: format!(
                            "the result `{}` and the criterion `{}` are in different units: one is a percentage, the other a number outside 0 to 1",
                            a.written, b.written
                        ),
                        label: "cannot be compared",
                        help: "write both as percentages (`12%`, `5%`), or give the count with `trials:`".into(),
                    });
                }
            }
            let unit = if a.percent || b.percent {
                Unit::Rate
            } else {
                Unit::Number
            };
            (a.value, b.value, unit)
        }
    };
    let (margin, refuted) = match refutes.value {
        Refutes::AtOrAbove => (c - r, r >= c),
        Refutes::Above => (c - r, r > c),
        Refutes::AtOrBelow => (r - c, r <= c),
        Refutes::Below => (r - c, r < c),
    };
    Ok(Some(Comparison {
        result: r,
        criterion: c,
        refutes: refutes.value,
        margin,
        refuted,
        unit,
    }))
}

fn out_of_trials(criterion: &Spanned<Measure>, trials: f64) -> Problem {
    Problem {
        span: criterion.span,
        message: format!(
            "the criterion {} is not a count from 0 to the {trials} trials, so no result could meet it",
            criterion.value.written
        ),
        label: "outside the trials",
        help: format!(
            "give the criterion as a count of the {trials} trials, or as a percentage of them (`criterion: 60%`)"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn at<T>(value: T) -> Option<Spanned<T>> {
        Some(Spanned {
            value,
            span: Span::new(FileId(1), 0, 0),
        })
    }

    fn measure(written: &str) -> Option<Spanned<Measure>> {
        let percent = written.ends_with('%');
        let n: f64 = written.trim_end_matches('%').parse().unwrap();
        at(Measure {
            value: if percent { n / 100.0 } else { n },
            percent,
            written: written.into(),
        })
    }

    fn evidence(
        result: &str,
        trials: Option<f64>,
        criterion: &str,
        refutes: Refutes,
    ) -> EvidenceAttrs {
        EvidenceAttrs {
            result: measure(result),
            trials: trials.and_then(at),
            criterion: measure(criterion),
            refutes: at(refutes),
            ..EvidenceAttrs::default()
        }
    }

    fn outcome(e: &EvidenceAttrs) -> (bool, f64) {
        let c = compare(e).expect("well formed").expect("compared");
        (c.refuted, c.margin)
    }

    #[test]
    fn a_capability_criterion_is_met_at_its_value() {
        let e = |r| evidence(r, Some(5.0), "3", Refutes::AtOrAbove);
        assert_eq!(outcome(&e("4")), (true, -1.0));
        assert_eq!(outcome(&e("3")), (true, 0.0));
        assert_eq!(outcome(&e("1")), (false, 2.0));
        let strict = evidence("3", Some(5.0), "3", Refutes::Above);
        assert_eq!(outcome(&strict), (false, 0.0));
    }

    #[test]
    fn a_required_rate_is_refuted_below_it() {
        let e = |r| evidence(r, None, "95%", Refutes::Below);
        assert!(outcome(&e("90%")).0);
        assert!(!outcome(&e("0.95")).0);
        assert!(!outcome(&e("97%")).0);
        let at_most = evidence("95%", None, "95%", Refutes::AtOrBelow);
        assert!(outcome(&at_most).0);
    }

    #[test]
    fn a_percentage_criterion_judges_the_share_of_the_trials() {
        let e = evidence("4", Some(5.0), "80%", Refutes::AtOrAbove);
        assert!(outcome(&e).0);
        let e = evidence("3", Some(5.0), "80%", Refutes::AtOrAbove);
        let c = compare(&e).unwrap().unwrap();
        assert_eq!(c.unit, Unit::Rate);
        assert_eq!(describe_margin(&c), "20 percentage points");
    }

    #[test]
    fn malformed_combinations_are_problems() {
        let mut e = evidence("4", Some(5.0), "3", Refutes::AtOrAbove);
        e.refutes = None;
        assert!(compare(&e).is_err());
        for (r, t, c) in [
            ("6", 5.0, "3"),
            ("2.5", 5.0, "3"),
            ("40%", 5.0, "3"),
            ("1", 5.0, "6"),
        ] {
            let e = evidence(r, Some(t), c, Refutes::AtOrAbove);
            assert!(compare(&e).is_err(), "{r} of {t} against {c}");
        }
        let mixed = evidence("12%", None, "5", Refutes::AtOrAbove);
        assert!(compare(&mixed).is_err());
        let bare = EvidenceAttrs {
            trials: at(5.0),
            ..EvidenceAttrs::default()
        };
        assert!(compare(&bare).is_err());
        let result_only = EvidenceAttrs {
            result: measure("4"),
            trials: at(5.0),
            ..EvidenceAttrs::default()
        };
        assert_eq!(compare(&result_only), Ok(None));
    }
}
