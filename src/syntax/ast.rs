//! The syntax tree: what the author wrote, with a span on every node.

use super::kinds::ItemKind;
use crate::source::Span;
use compact_str::CompactString;

/// A parsed file: its items in source order and the spans of its comments
/// (kept for the formatter, which must not lose any).
#[derive(Clone, Debug, Default)]
pub struct Ast {
    pub items: Vec<Item>,
    pub comments: Vec<Span>,
    /// Items that failed to parse, by kind and id where those could be read,
    /// so that later stages do not report them as missing.
    pub broken: Vec<(ItemKind, String)>,
    /// Template declarations, in source order (`ir::template` expands them
    /// where `instance` items ask).
    pub templates: Vec<Template>,
}

impl Ast {
    /// Every item as written: the top-level ones, then those inside each
    /// template (in its loops, optional parts and options too).
    pub(crate) fn written_items(&self) -> Vec<&Item> {
        fn collect<'a>(members: &'a [Member], found: &mut Vec<&'a Item>) {
            for member in members {
                match member {
                    Member::Item(item) => found.push(item),
                    Member::Param(_) => {}
                    Member::For { members, .. } => collect(members, found),
                    Member::Optional(part) => collect(&part.members, found),
                    Member::Choice { part, options } => {
                        collect(&part.members, found);
                        for option in options {
                            collect(&option.members, found);
                        }
                    }
                }
            }
        }
        let mut found: Vec<&Item> = self.items.iter().collect();
        for template in &self.templates {
            collect(&template.members, &mut found);
        }
        found
    }

    /// The item and property whose key is written at `offset`.
    pub(crate) fn key_at(&self, offset: usize) -> Option<(&Item, &Property)> {
        let item = self.items.iter().find(|i| i.span.contains(offset))?;
        let body = item.body.as_ref()?;
        let property = body
            .properties
            .iter()
            .find(|p| p.key_span.contains(offset))?;
        Some((item, property))
    }
}

/// `template ID "text" { param …  items and parts }`: ids, texts and values
/// of its items may hold `{parameter}`, filled in by each instance.
#[derive(Clone, Debug)]
pub struct Template {
    pub kind_span: Span,
    pub id: Name,
    pub text: Option<Text>,
    pub params: Vec<Param>,
    pub members: Vec<Member>,
    pub span: Span,
}

impl Template {
    /// Its parameters and members in the order written: parameters may
    /// follow members, and the formatter keeps them where they are.
    pub(crate) fn written_order(&self) -> Vec<TemplateEntry<'_>> {
        let mut entries: Vec<TemplateEntry> =
            self.params.iter().map(TemplateEntry::Param).collect();
        entries.extend(self.members.iter().map(TemplateEntry::Member));
        entries.sort_by_key(|entry| match entry {
            TemplateEntry::Param(param) => param.span.start,
            TemplateEntry::Member(member) => member.span().start,
        });
        entries
    }
}

/// One entry of a template's body, as [`Template::written_order`] lists them.
#[derive(Clone, Copy, Debug)]
pub(crate) enum TemplateEntry<'t> {
    Param(&'t Param),
    Member(&'t Member),
}

/// `param NAME: KIND "what it is"`
#[derive(Clone, Debug)]
pub struct Param {
    pub name: Name,
    pub kind: Name,
    pub text: Option<Text>,
    pub span: Span,
}

/// What a template's body (or one of its parts) holds.
#[derive(Clone, Debug)]
pub enum Member {
    Item(Item),
    /// A `param` written inside a `for`, `optional` or `choice` part: a
    /// mistake (E1005, a template's parameters belong to its body), kept so
    /// that the formatter writes it back where it was.
    Param(Param),
    /// `for VAR in LIST { … }`: the members once per element of the list.
    For {
        var: Name,
        list: Name,
        members: Vec<Member>,
        span: Span,
    },
    /// `optional NAME "text" { … }`: only in instances that `include:` it.
    Optional(Part),
    /// `choice NAME "text" { option A { … } option B { … } }`: an instance
    /// names the option it takes (`NAME: A`).
    Choice {
        part: Part,
        options: Vec<Part>,
    },
}

/// A named part of a template: an optional part, a choice or one option.
#[derive(Clone, Debug)]
pub struct Part {
    pub name: Name,
    pub text: Option<Text>,
    pub members: Vec<Member>,
    pub span: Span,
}

impl Member {
    pub fn span(&self) -> Span {
        match self {
            Member::Item(item) => item.span,
            Member::Param(param) => param.span,
            Member::For { span, .. } => *span,
            Member::Optional(part) | Member::Choice { part, .. } => part.span,
        }
    }
}

/// `KIND ID "text" { properties }`
#[derive(Clone, Debug)]
pub struct Item {
    pub kind: ItemKind,
    pub kind_span: Span,
    pub id: Name,
    pub text: Option<Text>,
    pub body: Option<Body>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Body {
    /// Boxed slices rather than vectors: a large file holds hundreds of
    /// thousands of bodies and property values, each sized exactly.
    pub properties: Box<[Property]>,
    pub span: Span,
}

/// An identifier where it is written.
#[derive(Clone, Debug, PartialEq)]
pub struct Name {
    pub name: CompactString,
    pub span: Span,
}

/// A string literal, decoded.
#[derive(Clone, Debug, PartialEq)]
pub struct Text {
    /// Shared with the IR's copy of an element's text.
    pub value: std::sync::Arc<str>,
    /// `"""…"""` (lines kept) rather than `"…"` (line breaks fold to spaces).
    pub block: bool,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Key {
    SupportedBy,
    InContextOf,
    Named(CompactString),
}

impl Key {
    pub fn as_str(&self) -> &str {
        match self {
            Key::SupportedBy => "supported by",
            Key::InContextOf => "in context of",
            Key::Named(name) => name,
        }
    }
}

/// `key: value, value` or a bare flag `key`.
#[derive(Clone, Debug)]
pub struct Property {
    pub key: Key,
    pub key_span: Span,
    pub values: Box<[Value]>,
    /// Whether a `:` follows the key (a flag has none).
    pub has_colon: bool,
    /// Whether it starts on the line where the property before it ends
    /// (never for a body's first property).
    pub same_line: bool,
    pub span: Span,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Days since 1970-01-01 in the proleptic Gregorian calendar (negative
    /// before it), so that ages and differences are plain subtractions.
    pub fn days(self) -> i64 {
        // Howard Hinnant's `days_from_civil`.
        let (month, day) = (i64::from(self.month), i64::from(self.day));
        let year = i64::from(self.year) - i64::from(month <= 2);
        let era = year.div_euclid(400);
        let year_of_era = year - era * 400;
        let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
        let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
        era * 146_097 + day_of_era - 719_468
    }

    /// The date `days` after 1970-01-01 (the inverse of [`Date::days`]).
    pub(crate) fn from_days(days: i64) -> Date {
        // Howard Hinnant's `civil_from_days`.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let day_of_era = z - era * 146_097;
        let year_of_era =
            (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
        let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
        let mp = (5 * day_of_year + 2) / 153;
        let day = day_of_year - (153 * mp + 2) / 5 + 1;
        let month = if mp < 10 { mp + 3 } else { mp - 9 };
        let year = year_of_era + era * 400 + i64::from(month <= 2);
        Date {
            year: year.clamp(0, 9999) as u16,
            month: month as u8,
            day: day as u8,
        }
    }

    /// Today's date in UTC, by the system clock.
    pub fn today() -> Date {
        let seconds = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        Date::from_days((seconds / 86_400) as i64)
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum ValueKind {
    Name(CompactString),
    Text(Text),
    /// A number: its value (`percent` when it ended in `%`) and its text,
    /// so that it is shown the way the author wrote it (`1e-4`, not `0.0001`).
    Number {
        value: f64,
        percent: bool,
        written: CompactString,
    },
    Date(Date),
    Range(Date, Date),
    /// A number or date that did not decode: reported (E0003) where it is
    /// read, and taken by nothing after.
    Invalid,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Value {
    pub kind: ValueKind,
    pub span: Span,
}

impl Value {
    /// What kind of value this is, for error messages.
    pub fn describe(&self) -> &'static str {
        match self.kind {
            ValueKind::Name(_) => "an identifier",
            ValueKind::Text(_) => "a string",
            ValueKind::Number { .. } => "a number",
            ValueKind::Date(_) => "a date",
            ValueKind::Range(..) => "a date range",
            ValueKind::Invalid => "a malformed literal",
        }
    }
}
