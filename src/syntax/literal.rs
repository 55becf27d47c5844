//! Decoding of literals: strings, numbers and dates.

use super::ast::{Date, ValueKind};
use crate::diagnostic::{Code, Diagnostic};
use crate::source::{FileId, Span};

/// Decode the inside of a `"…"` string: escapes, and line breaks (with the
/// indentation around them) folded to one space.
pub fn line_string(raw: &str, file: FileId, start: usize, out: &mut Vec<Diagnostic>) -> String {
    let mut value = String::with_capacity(raw.len());
    let mut chars = raw.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some((_, 'n')) => value.push('\n'),
                Some((_, 't')) => value.push('\t'),
                Some((_, '"')) => value.push('"'),
                Some((_, '\\')) => value.push('\\'),
                other => {
                    let end = other.map_or(i + 1, |(j, c)| j + c.len_utf8());
                    let span = Span::new(file, start + i, start + end);
                    out.push(
                        Diagnostic::new(
                            Code::InvalidLiteral,
                            span,
                            format!("unknown escape `{}` in a string", &raw[i..end]),
                        )
                        .label("not a valid escape")
                        .help(r#"the escapes are `\"`, `\\`, `\n` and `\t`; write `\\` for a backslash"#),
                    );
                }
            },
            '\n' | '\r' => {
                while value.ends_with([' ', '\t']) {
                    value.pop();
                }
                while chars.next_if(|(_, c)| c.is_whitespace()).is_some() {}
                value.push(' ');
            }
            c => value.push(c),
        }
    }
    value
}

/// Decode the inside of a `"""…"""` string: drop the first and last line when
/// blank and remove the indentation common to all lines.
pub(crate) fn block_string(raw: &str) -> String {
    let mut lines: Vec<&str> = raw.split('\n').map(|l| l.trim_end_matches('\r')).collect();
    if lines.first().is_some_and(|l| l.trim().is_empty()) {
        lines.remove(0);
    }
    if lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    // The white space that starts every non-blank line, compared character
    // by character: a tab and a space, or two kinds of space, are no common
    // indentation.
    let mut written = lines.iter().filter(|l| !l.trim().is_empty());
    let mut indent = written.next().map_or("", |l| leading_white_space(l));
    for line in written {
        let common = indent
            .char_indices()
            .zip(line.chars())
            .find(|&((_, a), b)| a != b)
            .map_or(indent.len(), |((i, _), _)| i);
        indent = &indent[..common];
    }
    lines
        .iter()
        .map(|l| l.strip_prefix(indent).unwrap_or("").trim_end())
        .collect::<Vec<_>>()
        .join("\n")
}

fn leading_white_space(line: &str) -> &str {
    &line[..line.len() - line.trim_start().len()]
}

pub fn number(raw: &str, span: Span, out: &mut Vec<Diagnostic>) -> ValueKind {
    let percent = raw.ends_with('%');
    let digits = raw.trim_end_matches('%');
    match digits.parse::<f64>() {
        Ok(value) if value.is_finite() => ValueKind::Number {
            value,
            percent,
            written: raw.into(),
        },
        _ => {
            out.push(
                Diagnostic::new(
                    Code::InvalidLiteral,
                    span,
                    format!("`{raw}` is not a usable number"),
                )
                .label("out of range")
                .help("write a finite number such as `0.001`, `1e-3` or `0.1%`"),
            );
            ValueKind::Invalid
        }
    }
}

/// A `YYYY-MM-DD` date that exists in the calendar.
pub fn parse_date(raw: &str) -> Option<Date> {
    let field = |range: std::ops::Range<usize>| raw.get(range).and_then(|s| s.parse().ok());
    let (year, month, day) = (field(0..4)?, field(5..7)?, field(8..10)?);
    let shaped = raw.len() == 10 && raw.as_bytes()[4] == b'-' && raw.as_bytes()[7] == b'-';
    let valid = (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month as u8);
    (shaped && valid).then_some(Date {
        year,
        month: month as u8,
        day: day as u8,
    })
}

/// A date, or `None` once its error is reported.
pub fn date(raw: &str, span: Span, out: &mut Vec<Diagnostic>) -> Option<Date> {
    if let Some(date) = parse_date(raw) {
        return Some(date);
    }
    out.push(
        Diagnostic::new(
            Code::InvalidLiteral,
            span,
            format!("`{raw}` is not a calendar date"),
        )
        .label("no such day")
        .help("dates are written YYYY-MM-DD, e.g. `2026-03-31`"),
    );
    None
}

fn days_in_month(year: u16, month: u8) -> u16 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_dates_are_reported() {
        let mut out = Vec::new();
        let span = Span::new(FileId(1), 0, 10);
        assert_eq!(date("2024-02-29", span, &mut out).map(|d| d.day), Some(29));
        assert!(out.is_empty());
        assert_eq!(date("2025-02-29", span, &mut out), None);
        assert_eq!(date("2025-13-01", span, &mut out), None);
        assert_eq!(out.len(), 2);
    }

    #[test]
    fn day_numbers_round_trip_through_the_calendar() {
        let epoch = Date {
            year: 1970,
            month: 1,
            day: 1,
        };
        assert_eq!(epoch.days(), 0);
        let leap = parse_date("2024-02-29").unwrap();
        assert_eq!(parse_date("2024-03-01").unwrap().days() - leap.days(), 1);
        assert_eq!(
            parse_date("2027-01-01").unwrap().days() - parse_date("2026-01-01").unwrap().days(),
            365
        );
        for days in [-1000, 0, 19_000, 20_513, 40_000] {
            assert_eq!(Date::from_days(days).days(), days);
        }
        assert_eq!(parse_date("2026-1-01"), None);
    }

    #[test]
    fn a_block_string_indented_with_mixed_white_space_keeps_every_line() {
        // An ideographic space (three bytes) against two spaces: nothing is
        // common, so nothing is removed.
        assert_eq!(block_string("\n\u{3000}a\n  b\n"), "\u{3000}a\n  b");
        assert_eq!(block_string("\n  \u{3000}a\n  b\n  "), "\u{3000}a\nb");
        assert_eq!(
            block_string("\n\t\u{a0}x\n\t  y\n\n\t z"),
            "\u{a0}x\n  y\n\n z"
        );
        assert_eq!(block_string("\n    four\n  \n  two"), "  four\n\ntwo");
    }

    #[test]
    fn bad_escapes_are_located() {
        let mut out = Vec::new();
        let value = line_string(r"a\qb", FileId(1), 10, &mut out);
        assert_eq!(value, "ab");
        assert_eq!(out[0].primary.span, Span::new(FileId(1), 11, 13));
    }
}
