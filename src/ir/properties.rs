//! Which properties each kind of item takes, and the shape of their values.
//!
//! One table serves the lowering (validation, error messages and where each
//! value is stored), the language reference and editor completion. A new
//! property is one row here plus the field it is stored in, which the
//! compiler asks for (docs/architecture.md, "Adding a property").

use super::ElementKind::{self, *};
use super::Rating;
use super::{Acceptance, Attrs, Combine, ComponentKind, Doubt, Element, Level, Probability};
use super::{Measure, Ref, Refutes, Spanned, Trust, Window};
use crate::source::Span;
use crate::syntax::kinds::with_article;
use crate::syntax::Date;

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
    /// A number or a percentage: `4`, `0.8`, `80%`.
    Measure,
    /// A whole number, one or more.
    Count,
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
    /// Warnings accepted in review: strings `"RULE: reason"`, separated by commas.
    Acceptances,
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
            Shape::Measure => "a number or a percentage such as `4`, `0.8` or `80%`".into(),
            Shape::Count => "a whole number, one or more, such as `5`".into(),
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
            Shape::Acceptances => {
                "one or more strings `\"RULE: reason\"` (a warning's code or name, then why it does not apply), separated by commas".into()
            }
        }
    }
}

pub(crate) fn join_or(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

#[derive(Debug)]
pub struct PropertySpec {
    pub key: &'static str,
    pub on: &'static [ElementKind],
    pub shape: Shape,
    pub doc: &'static str,
    /// Stores a value of `shape` on an element of a kind in `on`; false if
    /// the value is not of the shape (which `convert` rules out).
    pub(crate) assign: fn(&mut Element, Converted) -> bool,
}

/// A property value after its shape has been checked.
pub(crate) enum Converted {
    Refs(Vec<Ref>),
    Text(Spanned<String>),
    Probability(Spanned<Probability>),
    Number(Spanned<f64>),
    Measure(Spanned<Measure>),
    Date(Spanned<Date>),
    Window(Spanned<Window>),
    Flag(Span),
    Choice(Spanned<&'static str>),
    Acceptances(Vec<Acceptance>),
}

const SUPPORT: &[ElementKind] = &[Claim, Argument, Evidence];
const CONTEXT: &[ElementKind] = &[Context, Assumption, Justification, Decision];
const SUBJECTS: &[ElementKind] = &[Component, Subsystem];

/// One row: `"key" on [kinds] => where.field: shape, "doc";`, where `where`
/// is `element` (a field every element has) or `attrs` (a field of the
/// kinds' own attributes). The shape picks both the `Shape` and the setter,
/// so a field of the wrong type does not compile.
macro_rules! properties {
    ($($(#[$attr:meta])*
        $key:literal on [$($kind:ident),+] => $place:ident . $field:ident :
            $shape:ident $(($($arg:tt)*))?, $doc:literal;)*) => {
        pub static PROPERTIES: &[PropertySpec] = &[$(
            $(#[$attr])*
            PropertySpec {
                key: $key,
                on: &[$($kind),+],
                shape: shape!($shape $(($($arg)*))?),
                doc: $doc,
                assign: |element, value| {
                    place!(element, [$($kind),+], $place.$field, setter!($shape $(($($arg)*))?), value)
                },
            },
        )*];
    };
}

macro_rules! shape {
    (refs($kinds:expr)) => {
        Shape::Refs {
            kinds: $kinds,
            many: true,
        }
    };
    (one($kinds:expr)) => {
        Shape::Refs {
            kinds: $kinds,
            many: false,
        }
    };
    (Choice($words:ident)) => {
        Shape::Choice($words::NAMES)
    };
    ($shape:ident) => {
        Shape::$shape
    };
}

macro_rules! setter {
    (refs($kinds:expr)) => {
        set_refs
    };
    (one($kinds:expr)) => {
        set_one
    };
    (Choice($words:ident)) => {
        |field, value| set_choice(field, value, $words::parse)
    };
    (Text) => {
        set_text
    };
    (Sha256) => {
        set_text
    };
    (Probability) => {
        set_probability
    };
    (Number) => {
        set_number
    };
    (Days) => {
        set_number
    };
    (Count) => {
        set_number
    };
    (Measure) => {
        set_measure
    };
    (Date) => {
        set_date
    };
    (Window) => {
        set_window
    };
    (Flag) => {
        set_flag
    };
    (Acceptances) => {
        set_acceptances
    };
}

macro_rules! place {
    ($element:ident, [$($kind:ident),+], element.$field:ident, $set:expr, $value:ident) => {
        ($set)(&mut $element.$field, $value)
    };
    ($element:ident, [$($kind:ident),+], attrs.$field:ident, $set:expr, $value:ident) => {
        match &mut $element.attrs {
            $(Attrs::$kind(attrs) => ($set)(&mut attrs.$field, $value),)+
            // `lookup` only hands the row to the kinds it lists.
            _ => false,
        }
    };
}

fn set_refs(field: &mut Vec<Ref>, value: Converted) -> bool {
    let Converted::Refs(refs) = value else {
        return false;
    };
    *field = refs;
    true
}

fn set_one(field: &mut Option<Ref>, value: Converted) -> bool {
    let Converted::Refs(mut refs) = value else {
        return false;
    };
    *field = refs.pop();
    true
}

fn set_text(field: &mut Option<Spanned<String>>, value: Converted) -> bool {
    let Converted::Text(text) = value else {
        return false;
    };
    *field = Some(text);
    true
}

fn set_probability(field: &mut Option<Spanned<Probability>>, value: Converted) -> bool {
    let Converted::Probability(p) = value else {
        return false;
    };
    *field = Some(p);
    true
}

fn set_number(field: &mut Option<Spanned<f64>>, value: Converted) -> bool {
    let Converted::Number(n) = value else {
        return false;
    };
    *field = Some(n);
    true
}

fn set_measure(field: &mut Option<Spanned<Measure>>, value: Converted) -> bool {
    let Converted::Measure(m) = value else {
        return false;
    };
    *field = Some(m);
    true
}

fn set_date(field: &mut Option<Spanned<Date>>, value: Converted) -> bool {
    let Converted::Date(d) = value else {
        return false;
    };
    *field = Some(d);
    true
}

fn set_window(field: &mut Option<Spanned<Window>>, value: Converted) -> bool {
    let Converted::Window(w) = value else {
        return false;
    };
    *field = Some(w);
    true
}

fn set_flag(field: &mut Option<Span>, value: Converted) -> bool {
    let Converted::Flag(span) = value else {
        return false;
    };
    *field = Some(span);
    true
}

fn set_acceptances(field: &mut Vec<Acceptance>, value: Converted) -> bool {
    let Converted::Acceptances(acceptances) = value else {
        return false;
    };
    *field = acceptances;
    true
}

fn set_choice<T>(
    field: &mut Option<Spanned<T>>,
    value: Converted,
    parse: fn(&str) -> Option<T>,
) -> bool {
    let Converted::Choice(word) = value else {
        return false;
    };
    let Some(parsed) = parse(word.value) else {
        return false;
    };
    *field = Some(Spanned {
        value: parsed,
        span: word.span,
    });
    true
}

properties! {
    // A throw-away property of test builds: the files that must name it for
    // the test build to compile are what a new property costs (the test
    // `a_new_property_costs_...` below).
    #[cfg(test)]
    "probe_property" on [Category] => attrs.probe_property: Flag,
        "A property that exists only in test builds.";
    "supported by" on [Claim, Assumption, Justification] => element.supported_by: refs(SUPPORT),
        "The claims, arguments and evidence this element rests on (GSN SupportedBy).";
    "supported by" on [Argument] => element.supported_by: refs(&[Claim, Evidence]),
        "The premises of this argument: claims and evidence (GSN SupportedBy).";
    "in context of" on [Claim, Argument] => element.in_context_of: refs(CONTEXT),
        "Contexts, assumptions, justifications or the decision this element is read in (GSN InContextOf).";
    "accept" on [Case, Decision, Component, Subsystem, Outcome, Context, Assumption, Justification, Claim, Argument, Evidence]
        => element.accepts: Acceptances,
        "Warnings on this item that a reviewer has accepted, each `\"RULE: why it does not apply here\"`: they are not counted (not even under `--strict`) but shown in the summary, the JSON and the review; one that accepts nothing is an error.";
    "top" on [Case] => attrs.top: one(&[Claim]),
        "The top claim, when it is not the only claim that supports nothing.";
    "threshold" on [Case] => attrs.threshold: Probability,
        "The acceptable probability of any unacceptable outcome over the deployment window.";
    "max_evidence_age" on [Case] => attrs.max_evidence_age: Days,
        "Evidence older than this many days is stale (default 365; `--max-evidence-age` overrides it).";
    "setting" on [Decision] => attrs.setting: Text,
        "Where the system is deployed: internal use, an API, open weights, …";
    "access" on [Decision] => attrs.access: Text,
        "Who has access, and with which affordances.";
    "window" on [Decision] => attrs.window: Window,
        "The deployment window: how long the case holds before it must be re-assessed.";
    "kind" on [Component] => attrs.kind: Choice(ComponentKind),
        "What the component is: an AI model, a human, software or infrastructure.";
    "trust" on [Component] => attrs.trust: Choice(Trust),
        "Whether the case treats the component as trusted or (conservatively) untrusted.";
    "version" on [Component] => attrs.version: Text,
        "The model the component runs: one version, several separated by commas, or a family ending in `*`; components whose versions overlap run one model.";
    "capability" on [Component] => attrs.capability: Choice(Level),
        "How capable the component is; `high` flags building blocks that do not scale.";
    "not_deployed" on [Component] => attrs.not_deployed: Flag,
        "Marks a component used to make the case but not deployed (an advisor panel consulted during evaluation, a red-team model, the base model of an amplification chain): it need not belong to a subsystem.";
    "components" on [Subsystem] => attrs.components: refs(&[Component]),
        "The components that make up the subsystem.";
    "about" on [Claim] => attrs.about: refs(SUBJECTS),
        "The components or subsystems the claim is about.";
    "addresses" on [Claim] => attrs.addresses: refs(&[Outcome]),
        "The unacceptable outcomes the claim rules out.";
    "undeveloped" on [Claim, Argument] => attrs.undeveloped: Flag,
        "Marks an element whose support is not written yet (GSN's undeveloped diamond); another module may develop such a claim.";
    "public" on [Claim] => attrs.public: Flag,
        "Marks a claim of a module that another module develops (the module's interface, GSN's public goal): some module of the project must support it.";
    "develops" on [Claim, Argument, Evidence] => element.develops: one(&[Claim]),
        "The claim of another module, marked `public` or `undeveloped` there, that this element supports (GSN's away goal): written by the team that develops it.";
    "supporting" on [Argument] => attrs.supporting: Flag,
        "Marks an argument that adds confidence but that the case does not rely on: shown in every view, left out of the risk bound, the strength and the coverage rules.";
    "joint" on [Claim] => attrs.joint: Flag,
        "Marks a claim about the subsystems' joint behaviour (collusion, correlated failures).";
    "risk" on [Claim, Argument, Evidence] => attrs.risk: Probability,
        "An upper bound on the probability that this element is false over the window.";
    "combine" on [Claim, Argument] => attrs.combine: Choice(Combine),
        "How the support's risks combine: `all` premises are needed (the default, risks add up), `any` one alternative suffices (the smallest risk), `independent` alternatives fail independently (risks multiply; needs a justification in context), `chain` conditional steps (risks multiply; each step after the first states its `risk:` `given:` the steps before it).";
    "given" on [Claim, Argument, Evidence] => element.given: refs(SUPPORT),
        "In a `combine: chain`, the earlier steps this element's `risk:` is conditional on: it bounds the probability that this step fails given that those failed.";
    "shows" on [Claim, Argument, Evidence] => element.shows: refs(&[Topic]),
        "Topics this element establishes, e.g. `elicitation`, that building blocks require.";
    "category" on [Argument] => attrs.category: one(&[Category]),
        "The argument category: inability, control, trustworthiness or deference.";
    "block" on [Argument] => attrs.block: one(&[Block]),
        "The building block the argument uses, e.g. `monitoring`.";
    "members" on [Context] => attrs.members: refs(&[Context, Outcome, Component, Subsystem]),
        "What the context enumerates (risk models, proxy tasks, threat models, collective strategies…), as contexts, outcomes, components or subsystems; an argument `over:` this context must cover each.";
    "over" on [Argument] => attrs.over: one(&[Context]),
        "The context whose `members:` this argument decomposes over: each member needs a premise that covers it (E0308).";
    "artifact" on [Evidence] => attrs.artifact: Text,
        "Where the evidence is: a path relative to the case file, or a URL.";
    "sha256" on [Evidence] => attrs.sha256: Sha256,
        "The sha256 digest of the artifact file.";
    "date" on [Evidence] => attrs.date: Date,
        "When the evidence was produced.";
    "model" on [Evidence] => attrs.model: Text,
        "The model versions the evidence was produced on: one, several separated by commas, or a family ending in `*`.";
    "result" on [Evidence] => attrs.result: Measure,
        "What the evaluation found, in numbers: successes out of `trials:` (`4`), a rate (`0.8`, `80%`) or a score.";
    "trials" on [Evidence] => attrs.trials: Count,
        "How many tasks, challenges or attempts `result:` counts successes out of.";
    "criterion" on [Evidence] => attrs.criterion: Measure,
        "The pre-registered criterion the result is judged by, in the units of `result:` (with `trials:`, a count, or a percentage of the trials).";
    "refutes" on [Evidence] => attrs.refutes: Choice(Refutes),
        "Which results refute the claim the evidence supports: `at_or_above` the criterion (a capability threshold, an attack-success limit), `above`, `below` (a required catch rate) or `at_or_below`.";
    "metric" on [Evidence] => attrs.metric: Text,
        "Read `result:` from the artifact: a metric of an Inspect eval log (`\"accuracy\"`, from a `.json` or `.eval` log), or a JSON Pointer (`\"/results/accuracy\"`) to a number in any JSON file. casec reads it on every check; an Inspect log's model and day stand for `model:` and `date:` where none is written.";
    "scorer" on [Evidence] => attrs.scorer: Text,
        "With `metric:`, the Inspect scorer whose metric it is, when several scorers have one of that name.";
    "samples" on [Evidence] => attrs.samples: Count,
        "With `metric:` on an Inspect log, how many samples the run must have completed, at least.";
    "challenges" on [Defeater] => attrs.challenges: one(SUPPORT),
        "The claim, argument or evidence this doubt is about.";
    "link" on [Defeater] => attrs.link: one(SUPPORT),
        "With `challenges:`, one element of its `supported by`: the doubt is about that support link (the inference from it), not the element.";
    "doubt" on [Defeater] => attrs.doubt: Choice(Doubt),
        "What kind of doubt: `rebuts` a claim (a reason it is false), `undermines` evidence (a reason it is not valid), `undercuts` an argument or a `link:` (a reason the support does not establish what it supports).";
    "supported by" on [Defeater] => element.supported_by: refs(SUPPORT),
        "The claims, arguments or evidence that answer the doubt: when every one stands (developed, not itself defeated), the defeater is refuted.";
    "accepted" on [Defeater] => attrs.accepted: Text,
        "Keeps the doubt as residual doubt, saying why that is acceptable; needs an `owner:` (and a `risk:` in a case with a threshold).";
    "owner" on [Defeater] => attrs.owner: Text,
        "Who owns an accepted residual doubt.";
    "risk" on [Defeater] => attrs.risk: Probability,
        "The residual risk an accepted doubt leaves: it adds to the risk bound of what the defeater challenges.";
    "of" on [Signoff] => attrs.of: one(SUPPORT),
        "The claim, argument or evidence the reviewer accepted, with everything it rests on.";
    "reviewer" on [Signoff] => attrs.reviewer: Text,
        "Who signed off: a name, and the body they review for.";
    "date" on [Signoff] => attrs.date: Date,
        "When the reviewer signed off.";
    "sha256" on [Signoff] => attrs.sha256: Sha256,
        "The binding `casec evidence sign` records: a digest of the element's text, its support (each element's text and links, all the way down), the doubts raised against them with their answers, and its artifacts' digests. When any of them changes the sign-off is stale (W0805); `casec evidence lock` never changes it.";
    "rank" on [Category] => attrs.rank: Number,
        "The category's place in the order inability → control → trustworthiness → deference.";
    "requires" on [Category, Block, Role] => attrs.requires: refs(&[Topic]),
        "Topics that an argument using this definition must have shown in its support.";
    "category" on [Block] => attrs.categories: refs(&[Category]),
        "The categories the building block belongs to.";
    "practicality" on [Block] => attrs.practicality: Choice(Rating),
        "Whether the building block can be made to work soon.";
    "strength" on [Block] => attrs.strength: Choice(Rating),
        "How much confidence the building block can give at most.";
    "scalability" on [Block] => attrs.scalability: Choice(Rating),
        "Whether the building block still works for much more capable AI.";
    "roles" on [Block] => attrs.roles: refs(&[Role]),
        "The roles an argument using this block must bind to components.";
    "trust" on [Role] => attrs.trust: Choice(Trust),
        "Whether the component playing this role must be trusted.";
    "assurance" on [Role] => attrs.assurance: refs(&[Category]),
        "Categories of argument, one of which must be made about the component in this role.";
}

/// The specification of `key` on an element of `kind`, if it takes one.
pub fn lookup(kind: ElementKind, key: &str) -> Option<&'static PropertySpec> {
    PROPERTIES
        .iter()
        .find(|spec| spec.key == key && spec.on.contains(&kind))
}

/// Every property an element of `kind` takes.
pub(crate) fn keys_for(kind: ElementKind) -> impl Iterator<Item = &'static PropertySpec> {
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

#[cfg(test)]
mod tests {
    use crate::syntax::kinds::recipe::{files_mentioning, recipe_files};

    /// The claim of docs/architecture.md's "Adding a property": a new
    /// property is a row in this table plus the Rust files the recipe names.
    /// The probe row exists in test builds, stored in a field of test builds:
    /// the files that had to name it for this test to compile are what any
    /// new property costs.
    #[test]
    fn a_new_property_costs_the_table_row_and_the_files_the_recipe_lists() {
        assert!(super::lookup(super::Category, "probe_property").is_some());
        let table = "src/ir/properties.rs";
        let mut touched = files_mentioning("probe_property");
        touched.retain(|file| file != table);
        assert!(touched.len() <= 4, "a new property touches {touched:?}");
        let mut recipe = recipe_files("## Adding a property");
        assert!(recipe.iter().any(|file| file == table), "{recipe:?}");
        recipe.retain(|file| file != table);
        assert_eq!(
            recipe, touched,
            "docs/architecture.md's recipe lists other files than a new property touches"
        );
    }
}
