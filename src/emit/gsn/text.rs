//! Text measurement and wrapping, with no font files: a fixed per-character
//! width table for the font the diagrams declare (DejaVu Sans, whose metrics
//! are at least as wide as the fallbacks Verdana-less systems pick), plus a
//! safety margin, so wrapped text never overflows its node.

/// Text longer than this many lines is cut (the tooltip has all of it).
pub(crate) const MAX_TEXT_LINES: usize = 10;

/// The font stack the SVG declares; the width table below is DejaVu Sans's.
pub(crate) const FONT_FAMILY: &str = "DejaVu Sans, Verdana, Arial, sans-serif";

/// Advance widths of printable ASCII (space to `~`) in DejaVu Sans, in units
/// of 1/2048 em.
const ASCII_ADVANCE: [u16; 95] = [
    651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651,
    690, // ' ' to '/'
    1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, // digits
    690, 690, 1716, 1716, 1716, 1087, 2048, // ':' to '@'
    1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767, 1532, 1612, 1235,
    1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403, // 'A' to 'Z'
    799, 690, 799, 1716, 1024, 1024, // '[' to '`'
    1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995, 1298, 1253, 1300,
    1300, 842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075, // 'a' to 'z'
    1303, 690, 1303, 1716, // '{' to '~'
];

/// Bold glyphs are wider; this bounds DejaVu Sans Bold over the regular face.
const BOLD_FACTOR: f64 = 1.12;
/// Headroom for hinting and for fallback fonts.
const SAFETY: f64 = 1.06;

/// The width of one character, in em.
fn char_em(c: char) -> f64 {
    let code = c as u32;
    match code {
        32..=126 => f64::from(ASCII_ADVANCE[(code - 32) as usize]) / 2048.0,
        // Combining marks take no room of their own.
        0x0300..=0x036F | 0x200B..=0x200F => 0.0,
        // East Asian wide characters and emoji take a full em.
        0x1100..=0x115F
        | 0x2E80..=0xA4CF
        | 0xAC00..=0xD7A3
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6
        | 0x1F300..=0x1FAFF
        | 0x20000..=0x3FFFD => 1.0,
        // Other letters (accented Latin, Greek, Cyrillic…): as wide as the widest lower case.
        _ => 0.8,
    }
}

/// A text style: size in pixels and weight.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Font {
    pub size: f64,
    pub bold: bool,
}

impl Font {
    pub const fn regular(size: f64) -> Font {
        Font { size, bold: false }
    }

    pub const fn bold(size: f64) -> Font {
        Font { size, bold: true }
    }

    /// The estimated rendered width of `text`, in pixels (an upper bound).
    pub fn width(self, text: &str) -> f64 {
        let em: f64 = text.chars().map(char_em).sum();
        let weight = if self.bold { BOLD_FACTOR } else { 1.0 };
        em * self.size * weight * SAFETY
    }

    /// The distance between baselines.
    pub(crate) fn line_height(self) -> f64 {
        (self.size * 1.25).round()
    }
}

/// Wrap `text` into lines no wider than `max_width`, breaking at spaces and,
/// for a word too long for a line, inside the word. At most `max_lines`
/// lines: the last one ends with `…` when text was cut.
pub fn wrap(text: &str, font: Font, max_width: f64, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        let candidate = if line.is_empty() {
            word.to_string()
        } else {
            format!("{line} {word}")
        };
        if font.width(&candidate) <= max_width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        // The word alone: split it where it does not fit.
        for c in word.chars() {
            line.push(c);
            if font.width(&line) > max_width && line.chars().count() > 1 {
                line.pop();
                lines.push(std::mem::take(&mut line));
                line.push(c);
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    if lines.len() > max_lines.max(1) {
        lines.truncate(max_lines.max(1));
        if let Some(last) = lines.last_mut() {
            while !last.is_empty() && font.width(&format!("{last}…")) > max_width {
                last.pop();
            }
            let kept = last.trim_end().len();
            last.truncate(kept);
            last.push('…');
        }
    }
    lines
}

/// Whether `lines` (from [`wrap`]) broke a word of `text` across two lines;
/// a word cut short by the final `…` does not count.
pub(crate) fn breaks_a_word(text: &str, lines: &[String]) -> bool {
    let mut words = text.split_whitespace();
    for (k, line) in lines.iter().enumerate() {
        let cut = k + 1 == lines.len() && line.ends_with('…');
        let tokens: Vec<&str> = line.trim_end_matches('…').split_whitespace().collect();
        for (t, token) in tokens.iter().enumerate() {
            match words.next() {
                Some(word) if word == *token => {}
                Some(word) if cut && t + 1 == tokens.len() && word.starts_with(token) => {}
                _ => return true,
            }
        }
    }
    false
}

/// The width of the widest line.
pub(crate) fn widest(lines: &[String], font: Font) -> f64 {
    lines.iter().map(|l| font.width(l)).fold(0.0, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    const FONT: Font = Font::regular(12.0);

    #[test]
    fn lines_fit_the_width() {
        let text = "The assistant gives no meaningful uplift toward a cyberattack on critical infrastructure";
        let lines = wrap(text, FONT, 120.0, 20);
        assert!(lines.len() > 2);
        assert!(lines.iter().all(|l| FONT.width(l) <= 120.0), "{lines:?}");
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn long_words_are_split_and_never_overflow() {
        let lines = wrap(&"x".repeat(200), FONT, 50.0, 100);
        assert!(lines.len() > 5);
        assert!(lines.iter().all(|l| FONT.width(l) <= 50.0));
        assert_eq!(lines.concat(), "x".repeat(200));
    }

    #[test]
    fn too_many_lines_end_in_an_ellipsis() {
        let lines = wrap(&"word ".repeat(100), FONT, 60.0, 3);
        assert_eq!(lines.len(), 3);
        assert!(lines[2].ends_with('…'));
        assert!(lines.iter().all(|l| FONT.width(l) <= 60.0));
    }

    #[test]
    fn broken_words_are_noticed_but_not_a_cut_end() {
        let text = "situational-awareness evaluations under full elicitation";
        assert!(breaks_a_word(text, &wrap(text, FONT, 60.0, 10)));
        assert!(!breaks_a_word(text, &wrap(text, FONT, 200.0, 10)));
        assert!(!breaks_a_word(text, &wrap(text, FONT, 150.0, 1)));
    }

    #[test]
    fn wide_and_bold_text_is_wider() {
        assert!(FONT.width("漢字") > FONT.width("ab"));
        assert!(Font::bold(12.0).width("claim") > FONT.width("claim"));
        assert!(wrap("", FONT, 10.0, 3).is_empty());
        assert_eq!(wrap("é", FONT, 1.0, 3), vec!["é"]);
    }
}
