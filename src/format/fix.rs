//! `casec check --fix`: apply the safe fixes findings carry, check again,
//! and write the result in the canonical layout.

use super::{format_source, FormatError};
use crate::diagnostic::{self, Code, Fix};
use crate::Compilation;

/// At most this many rounds of fix, then check again: one fix can bring
/// another finding to light (a comma added, then the name it separates is
/// found misspelt), and a fix that fails to repair its finding must not loop.
pub(crate) const MAX_ROUNDS: usize = 8;

/// What fixing one file's text came to.
#[derive(Debug)]
pub enum Fixed {
    /// No finding had a safe fix that applied: the text is as it was.
    Nothing,
    /// The fixed text, formatted, and the findings the fixes repaired (code
    /// and what the fix did), in the order they were applied.
    Text {
        text: String,
        applied: Vec<(Code, String)>,
    },
    /// Fixes applied, but the text still has syntax errors no safe fix
    /// repairs, so it cannot be put in the canonical layout: the file is
    /// left as it was. The findings are of the fixed text.
    Untouched {
        applied: Vec<(Code, String)>,
        diagnostics: Vec<diagnostic::Diagnostic>,
    },
    /// The formatter could not verify its output (a formatter bug).
    Unverified(&'static str),
}

/// Apply the safe fixes of `text`'s findings, checking it with `check`
/// (which compiles a text as `casec check` does), for up to [`MAX_ROUNDS`]
/// rounds, then format it. Fixes never overlap: where two would, the first
/// is applied and the other is found again in the next round.
pub fn fix(name: &str, text: &str, mut check: impl FnMut(&str) -> Compilation) -> Fixed {
    let mut text = text.to_string();
    let mut applied: Vec<(Code, String)> = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let compilation = check(&text);
        let file = compilation.file;
        let safe: Vec<(Code, &Fix)> = compilation
            .diagnostics
            .iter()
            .filter_map(|d| Some((d.code, d.safe_fix()?)))
            .filter(|(_, f)| f.is_in(file))
            .collect();
        if safe.is_empty() {
            break;
        }
        let fixes: Vec<&Fix> = safe.iter().map(|(_, f)| *f).collect();
        let (fixed, taken) = diagnostic::fix::apply(&text, file, &fixes);
        if taken.is_empty() || fixed == text {
            break;
        }
        applied.extend(
            taken
                .iter()
                .map(|&i| (safe[i].0, safe[i].1.message.clone())),
        );
        text = fixed;
    }
    if applied.is_empty() {
        return Fixed::Nothing;
    }
    match format_source(name, &text) {
        Ok(text) => Fixed::Text { text, applied },
        Err(FormatError::Invalid { diagnostics, .. }) => Fixed::Untouched {
            applied,
            diagnostics,
        },
        Err(FormatError::Unverified(why)) => Fixed::Unverified(why),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{compile, Options};

    fn fixed(text: &str) -> Fixed {
        fix("t.case", text, |t| compile("t.case", t, Options::default()))
    }

    #[test]
    fn a_comma_then_a_name_are_fixed_and_the_text_formatted() {
        let text = "outcome o \"O\"\nclaim top \"T\" { addresses: o  supported by: e1 e2x }\n// kept\nevidence e1 \"E\" {artifact: \"a\"}\nevidence e2 \"E\" { artifact: \"b\" }\n";
        let Fixed::Text { text, applied } = fixed(text) else {
            panic!("not fixed");
        };
        assert!(text.contains("supported by: e1, e2\n"), "{text}");
        assert!(text.contains("// kept"), "{text}");
        let codes: Vec<Code> = applied.iter().map(|(c, _)| *c).collect();
        assert_eq!(codes, [Code::SyntaxError, Code::UnresolvedReference]);
    }

    #[test]
    fn nothing_to_fix_is_nothing() {
        assert!(matches!(
            fixed("claim c \"C\" { undeveloped }\n"),
            Fixed::Nothing
        ));
        // A suggested fix (marking a claim undeveloped) is not applied.
        assert!(matches!(fixed("claim c \"C\"\n"), Fixed::Nothing));
    }

    #[test]
    fn a_file_whose_syntax_errors_remain_is_left_untouched() {
        let text = "claim c \"C\" { supported by: e1 e2 }\nevidence e1 \"E\"\nevidence e2 \"E\"\nclaim broken {\n";
        assert!(matches!(fixed(text), Fixed::Untouched { .. }));
    }
}
