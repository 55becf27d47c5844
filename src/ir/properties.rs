//! Which properties each kind of item takes, and the shape of their values.
//!
//! One table serves the lowering (validation and error messages), the
//! language reference and editor completion.

use super::ElementKind::{self, *};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// References to elements of the given kinds.
    Refs {
        kinds: &'static [ElementKind],
        many: bool,
    },
    Text,
    /// A probability: `0.001`, `1e-3` or `0.1%`.
    Probability,
    Number,
    /// A whole number of days, zero or more.
    Days,
    Date,
    /// `YYYY-MM-DD to YYYY-MM-DD`
    Window,
    /// A bare word with no value: `undeveloped`.
    Flag,
    /// One word from a fixed list.
    Choice(&'static [&'static str]),
    /// A sha256 digest: 64 hexadecimal digits in quotes.
    Sha256,
}

impl Shape {
    /// What a value of this shape looks like, for messages.
    pub fn describe(self) -> String {
        match self {
            Shape::Refs { kinds, many } => {
                let names: Vec<&str> = kinds.iter().map(|k| k.as_str()).collect();
                let list = join_or(&names);
                if many {
                    format!("one or more ids of {list} elements, separated by commas")
                } else {
                    format!("the id of {}", with_article(&list))
                }
            }
            Shape::Text => "a string in quotes".into(),
            Shape::Probability => "a probability such as `0.001`, `1e-3` or `0.1%`".into(),
            Shape::Number => "a number".into(),
            Shape::Days => "a whole number of days such as `365`".into(),
            Shape::Date => "a date such as `2026-03-31`".into(),
            Shape::Window => "a date range such as `2026-01-01 to 2026-06-30`".into(),
            Shape::Flag => "no value".into(),
            Shape::Choice(words) => {
                let quoted: Vec<String> = words.iter().map(|w| format!("`{w}`")).collect();
                let quoted: Vec<&str> = quoted.iter().map(String::as_str).collect();
                format!("one of {}", join_or(&quoted))
            }
            Shape::Sha256 => "a sha256 digest (64 hexadecimal digits) in quotes".into(),
        }
    }
}

pub fn join_or(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

fn with_article(word: &str) -> String {
    let article = if word.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {word}")
}

#[derive(Debug)]
pub struct PropertySpec {
    pub key: &'static str,
    pub on: &'static [ElementKind],
    pub shape: Shape,
    pub doc: &'static str,
}

pub const RATINGS: &[&str] = &["weak", "moderate", "strong"];
pub const LEVELS: &[&str] = &["low", "moderate", "high"];
pub const TRUST: &[&str] = &["trusted", "untrusted"];
pub const COMBINE: &[&str] = super::Combine::NAMES;
pub const COMPONENT_KINDS: &[&str] = &["ai", "human", "software", "infrastructure"];

const SUPPORT: &[ElementKind] = &[Claim, Argument, Evidence];
const CONTEXT: &[ElementKind] = &[Context, Assumption, Justification, Decision];
const SUBJECTS: &[ElementKind] = &[Component, Subsystem];

const fn refs(kinds: &'static [ElementKind]) -> Shape {
    Shape::Refs { kinds, many: true }
}

const fn one(kinds: &'static [ElementKind]) -> Shape {
    Shape::Refs { kinds, many: false }
}

pub static PROPERTIES: &[PropertySpec] = &[
    PropertySpec { key: "supported by", on: &[Claim, Assumption], shape: refs(SUPPORT), doc: "The claims, arguments and evidence this element rests on (GSN SupportedBy)." },
    PropertySpec { key: "supported by", on: &[Argument], shape: refs(&[Claim, Evidence]), doc: "The premises of this argument: claims and evidence (GSN SupportedBy)." },
    PropertySpec { key: "in context of", on: &[Claim, Argument], shape: refs(CONTEXT), doc: "Contexts, assumptions, justifications or the decision this element is read in (GSN InContextOf)." },
    PropertySpec { key: "top", on: &[Case], shape: one(&[Claim]), doc: "The top claim, when it is not the only claim that supports nothing." },
    PropertySpec { key: "threshold", on: &[Case], shape: Shape::Probability, doc: "The acceptable probability of any unacceptable outcome over the deployment window." },
    PropertySpec { key: "max_evidence_age", on: &[Case], shape: Shape::Days, doc: "Evidence older than this many days is stale (default 365; `--max-evidence-age` overrides it)." },
    PropertySpec { key: "setting", on: &[Decision], shape: Shape::Text, doc: "Where the system is deployed: internal use, an API, open weights, …" },
    PropertySpec { key: "access", on: &[Decision], shape: Shape::Text, doc: "Who has access, and with which affordances." },
    PropertySpec { key: "window", on: &[Decision], shape: Shape::Window, doc: "The deployment window: how long the case holds before it must be re-assessed." },
    PropertySpec { key: "kind", on: &[Component], shape: Shape::Choice(COMPONENT_KINDS), doc: "What the component is: an AI model, a human, software or infrastructure." },
    PropertySpec { key: "trust", on: &[Component], shape: Shape::Choice(TRUST), doc: "Whether the case treats the component as trusted or (conservatively) untrusted." },
    PropertySpec { key: "version", on: &[Component], shape: Shape::Text, doc: "The model or software version the case is about." },
    PropertySpec { key: "capability", on: &[Component], shape: Shape::Choice(LEVELS), doc: "How capable the component is; `high` flags building blocks that do not scale." },
    PropertySpec { key: "components", on: &[Subsystem], shape: refs(&[Component]), doc: "The components that make up the subsystem." },
    PropertySpec { key: "about", on: &[Claim], shape: refs(SUBJECTS), doc: "The components or subsystems the claim is about." },
    PropertySpec { key: "addresses", on: &[Claim], shape: refs(&[Outcome]), doc: "The unacceptable outcomes the claim rules out." },
    PropertySpec { key: "undeveloped", on: &[Claim, Argument], shape: Shape::Flag, doc: "Marks an element whose support is not written yet (GSN's undeveloped diamond)." },
    PropertySpec { key: "joint", on: &[Claim], shape: Shape::Flag, doc: "Marks a claim about the subsystems' joint behaviour (collusion, correlated failures)." },
    PropertySpec { key: "risk", on: &[Claim, Argument, Evidence], shape: Shape::Probability, doc: "An upper bound on the probability that this element is false over the window." },
    PropertySpec { key: "combine", on: &[Claim, Argument], shape: Shape::Choice(COMBINE), doc: "How the support's risks combine: `all` premises are needed (the default, risks add up), `any` one alternative suffices (the smallest risk), `independent` alternatives fail independently (risks multiply; needs a justification in context)." },
    PropertySpec { key: "shows", on: &[Claim, Argument, Evidence], shape: refs(&[Topic]), doc: "Topics this element establishes, e.g. `elicitation`, that building blocks require." },
    PropertySpec { key: "category", on: &[Argument], shape: one(&[Category]), doc: "The argument category: inability, control, trustworthiness or deference." },
    PropertySpec { key: "block", on: &[Argument], shape: one(&[Block]), doc: "The building block the argument uses, e.g. `monitoring`." },
    PropertySpec { key: "artifact", on: &[Evidence], shape: Shape::Text, doc: "Where the evidence is: a path relative to the case file, or a URL." },
    PropertySpec { key: "sha256", on: &[Evidence], shape: Shape::Sha256, doc: "The sha256 digest of the artifact file." },
    PropertySpec { key: "date", on: &[Evidence], shape: Shape::Date, doc: "When the evidence was produced." },
    PropertySpec { key: "model", on: &[Evidence], shape: Shape::Text, doc: "The model version the evidence was produced on." },
    PropertySpec { key: "rank", on: &[Category], shape: Shape::Number, doc: "The category's place in the order inability → control → trustworthiness → deference." },
    PropertySpec { key: "requires", on: &[Category, Block, Role], shape: refs(&[Topic]), doc: "Topics that an argument using this definition must have shown in its support." },
    PropertySpec { key: "category", on: &[Block], shape: refs(&[Category]), doc: "The categories the building block belongs to." },
    PropertySpec { key: "practicality", on: &[Block], shape: Shape::Choice(RATINGS), doc: "Whether the building block can be made to work soon." },
    PropertySpec { key: "strength", on: &[Block], shape: Shape::Choice(RATINGS), doc: "How much confidence the building block can give at most." },
    PropertySpec { key: "scalability", on: &[Block], shape: Shape::Choice(RATINGS), doc: "Whether the building block still works for much more capable AI." },
    PropertySpec { key: "roles", on: &[Block], shape: refs(&[Role]), doc: "The roles an argument using this block must bind to components." },
    PropertySpec { key: "trust", on: &[Role], shape: Shape::Choice(TRUST), doc: "Whether the component playing this role must be trusted." },
    PropertySpec { key: "assurance", on: &[Role], shape: refs(&[Category]), doc: "Categories of argument, one of which must be made about the component in this role." },
];

/// The specification of `key` on an element of `kind`, if it takes one.
pub fn lookup(kind: ElementKind, key: &str) -> Option<&'static PropertySpec> {
    PROPERTIES
        .iter()
        .find(|spec| spec.key == key && spec.on.contains(&kind))
}

/// Every property an element of `kind` takes.
pub fn keys_for(kind: ElementKind) -> impl Iterator<Item = &'static PropertySpec> {
    PROPERTIES
        .iter()
        .filter(move |spec| spec.on.contains(&kind))
}

/// The property reference of docs/language.md: every kind and the properties
/// it takes, from the same table the checker validates against.
pub fn markdown() -> String {
    let mut out = String::new();
    for &kind in ElementKind::ALL {
        let specs: Vec<&PropertySpec> = keys_for(kind).collect();
        out.push_str(&format!("\n### `{}`\n\n", kind.as_str()));
        if specs.is_empty() {
            out.push_str("No properties: the id and the text say it all.\n");
            continue;
        }
        out.push_str("| Property | Value | Meaning |\n| --- | --- | --- |\n");
        for spec in specs {
            out.push_str(&format!(
                "| `{}` | {} | {} |\n",
                spec.key,
                spec.shape.describe(),
                spec.doc
            ));
        }
        if kind == Argument {
            out.push_str(
                "| *role name* | the id of a component | Binds a component to a role of the building block, e.g. `watchdog: monitor_model`. |\n",
            );
        }
    }
    out
}
