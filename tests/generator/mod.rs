//! A generator of plausible `.case` files, for property tests: a random but
//! well-typed case (a support tree from a top claim down to evidence, with
//! the components, outcomes, contexts and definitions it refers to), laid out
//! with random spacing, comments, wrapped and block strings, non-ASCII text
//! and line endings, and then, in most cases, a few near misses: a typo in a
//! reference or a key, a missing property, a cycle, a reference of the wrong
//! kind, a duplicate, a bad value, broken syntax. Deterministic: a seed is a
//! case.

use std::fmt::Write as _;

/// splitmix64: small, fast, and every seed (0 included) gives a good stream.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True `percent` times in a hundred.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, from: &'a [T]) -> &'a T {
        &from[self.below(from.len())]
    }

    /// Between `low` and `high` items of `from`, distinct, in order.
    fn some<T: Clone>(&mut self, from: &[T], low: usize, high: usize) -> Vec<T> {
        let want = (low + self.below(high - low + 1)).min(from.len());
        let mut chosen: Vec<usize> = Vec::new();
        while chosen.len() < want {
            let i = self.below(from.len());
            if !chosen.contains(&i) {
                chosen.push(i);
            }
        }
        chosen.sort_unstable();
        chosen.into_iter().map(|i| from[i].clone()).collect()
    }
}

/// What a generated case is meant to be.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Intent {
    /// Well-typed references and valid syntax (the framework's rules, such
    /// as which topics a category requires, may still find fault).
    WellFormed,
    /// With one or more deliberate mistakes.
    NearMiss,
}

pub struct Generated {
    pub text: String,
    pub intent: Intent,
    /// The mistakes made, for a failure message.
    pub faults: Vec<Fault>,
}

/// A deliberate mistake.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// A reference to an id with one character changed.
    TypoReference,
    /// A property key misspelt.
    TypoKey,
    /// A property an element needs left out.
    MissingProperty,
    /// A support edge from deep in the tree back to the top.
    Cycle,
    /// A reference to an element of the wrong kind.
    WrongKind,
    /// Two elements with one id.
    Duplicate,
    /// A value out of its range or of the wrong type.
    BadValue,
    /// A prelude definition's name used for an element of another kind.
    PreludeName,
    /// A missing brace or colon, an unknown escape, an unterminated string.
    BrokenSyntax,
}

const FAULTS: [Fault; 9] = [
    Fault::TypoReference,
    Fault::TypoKey,
    Fault::MissingProperty,
    Fault::Cycle,
    Fault::WrongKind,
    Fault::Duplicate,
    Fault::BadValue,
    Fault::BrokenSyntax,
    Fault::PreludeName,
];

const TOPICS: [&str; 6] = [
    "elicitation",
    "anti_sandbagging",
    "capability_margin",
    "control_evaluation",
    "collusion",
    "validation",
];
const CATEGORIES: [&str; 4] = ["inability", "control", "trustworthiness", "deference"];
const BLOCKS: [&str; 5] = [
    "dangerous_capability_evals",
    "isolation",
    "monitoring",
    "unlearning",
    "testbeds",
];
const WORDS: [&str; 24] = [
    "the",
    "agent",
    "cannot",
    "exfiltrate",
    "weights",
    "monitor",
    "flags",
    "every",
    "action",
    "red-team",
    "evaluation",
    "0.1%",
    "café",
    "naïve",
    "—",
    "日本語の説明文です",
    "🙂",
    "Ωmega",
    "tab\\there",
    "\\\"quoted\\\"",
    "back\\\\slash",
    "line\\nbreak",
    "x",
    "//not-a-comment",
];
const PROBABILITIES: [&str; 7] = ["0.001", "1e-3", "0.1%", "5e-4", "0", "1", "2.5E-2"];

/// One property: a key and its values, each value already written.
struct Property {
    key: String,
    values: Vec<String>,
}

impl Property {
    fn new(key: &str, values: Vec<String>) -> Property {
        Property {
            key: key.into(),
            values,
        }
    }

    fn flag(key: &str) -> Property {
        Property::new(key, Vec::new())
    }
}

struct Item {
    kind: &'static str,
    id: String,
    text: Option<String>,
    body: Option<Vec<Property>>,
}

impl Item {
    fn new(kind: &'static str, id: String, text: Option<String>) -> Item {
        Item {
            kind,
            id,
            text,
            body: None,
        }
    }

    fn with(mut self, property: Property) -> Item {
        self.body.get_or_insert_with(Vec::new).push(property);
        self
    }

    fn property_mut(&mut self, key: &str) -> Option<&mut Property> {
        self.body.as_mut()?.iter_mut().find(|p| p.key == key)
    }
}

/// Generate case number `seed`.
pub fn generate(seed: u64) -> Generated {
    let mut rng = Rng::new(seed);
    let mut g = Builder {
        rng: &mut rng,
        items: Vec::new(),
    };
    g.well_formed_case();
    // One case in three is well-formed; the others carry one to three mistakes.
    let faults: Vec<Fault> = if g.rng.chance(33) {
        Vec::new()
    } else {
        (0..1 + g.rng.below(3))
            .map(|_| *g.rng.pick(&FAULTS[..FAULTS.len() - 1]))
            .collect()
    };
    for fault in &faults {
        g.inject(*fault);
    }
    let items = std::mem::take(&mut g.items);
    let mut text = Layout { rng: g.rng }.write(&items);
    if rng.chance(10) {
        text = text.replace('\n', "\r\n");
    }
    if rng.chance(5) {
        text.insert(0, '\u{feff}');
    }
    Generated {
        text,
        intent: if faults.is_empty() {
            Intent::WellFormed
        } else {
            Intent::NearMiss
        },
        faults,
    }
}

struct Builder<'r> {
    rng: &'r mut Rng,
    items: Vec<Item>,
}

impl Builder<'_> {
    fn sentence(&mut self) -> String {
        let words: Vec<&str> = (0..1 + self.rng.below(8))
            .map(|_| *self.rng.pick(&WORDS))
            .collect();
        words.join(" ")
    }

    fn quoted(&mut self) -> String {
        format!("\"{}\"", self.sentence())
    }

    fn well_formed_case(&mut self) {
        let r = &mut *self.rng;
        let components: Vec<String> = (0..1 + r.below(3)).map(|i| format!("comp_{i}")).collect();
        let outcomes: Vec<String> = (0..1 + r.below(3))
            .map(|i| format!("outcome-{i}"))
            .collect();
        let contexts: Vec<String> = (0..r.below(3)).map(|i| format!("ctx{i}")).collect();
        // The support tree, top first: each node is supported by later ones
        // only, so it has no cycle; the leaves are evidence.
        let claims = 1 + r.below(5);
        let arguments = r.below(4);
        let evidence = 1 + r.below(5);
        let mut nodes: Vec<(&'static str, String)> = Vec::new();
        for i in 0..claims.max(arguments) {
            if i < claims {
                nodes.push(("claim", format!("claim_{i}")));
            }
            if i < arguments {
                nodes.push(("argument", format!("arg_{i}")));
            }
        }
        let leaves: Vec<String> = (0..evidence).map(|i| format!("ev_{i}")).collect();
        let top = nodes[0].1.clone();

        let case_id = format!("case_{}", self.rng.below(1000));
        let text = self.quoted();
        let mut case = Item::new("case", case_id, Some(text))
            .with(Property::new("top", vec![top.clone()]))
            .with(Property::new("threshold", vec!["0.1%".into()]));
        if self.rng.chance(30) {
            case = case.with(Property::new("max_evidence_age", vec!["400".into()]));
        }
        self.items.push(case);
        let window = if self.rng.chance(50) {
            "2026-01-01 to 2026-12-31"
        } else {
            "2026-11-01 to 2027-04-30"
        };
        let (setting, access) = (self.quoted(), self.quoted());
        let text = self.quoted();
        self.items.push(
            Item::new("decision", "deploy".into(), Some(text))
                .with(Property::new("setting", vec![setting]))
                .with(Property::new("access", vec![access]))
                .with(Property::new("window", vec![window.into()])),
        );
        for id in &components {
            let text = self.quoted();
            let mut item = Item::new("component", id.clone(), Some(text))
                .with(Property::new(
                    "kind",
                    vec![(*self
                        .rng
                        .pick(&["ai", "human", "software", "infrastructure"]))
                    .into()],
                ))
                .with(Property::new(
                    "trust",
                    vec![(*self.rng.pick(&["trusted", "untrusted"])).into()],
                ));
            if self.rng.chance(50) {
                let version = format!("\"v{}\"", self.rng.below(10));
                item = item.with(Property::new("version", vec![version]));
            }
            if self.rng.chance(50) {
                let capability = *self.rng.pick(&["low", "moderate", "high"]);
                item = item.with(Property::new("capability", vec![capability.into()]));
            }
            self.items.push(item);
        }
        if components.len() > 1 {
            let text = self.quoted();
            self.items.push(
                Item::new("subsystem", "system".into(), Some(text))
                    .with(Property::new("components", components.clone())),
            );
        }
        for id in &outcomes {
            let text = self.quoted();
            self.items
                .push(Item::new("outcome", id.clone(), Some(text)));
        }
        for id in &contexts {
            let kind = *self.rng.pick(&["context", "assumption", "justification"]);
            let text = if self.rng.chance(40) {
                self.block()
            } else {
                self.quoted()
            };
            self.items.push(Item::new(kind, id.clone(), Some(text)));
        }
        if self.rng.chance(20) {
            let text = self.quoted();
            self.items
                .push(Item::new("topic", "own_topic".into(), Some(text)));
        }
        for (i, (kind, id)) in nodes.iter().enumerate() {
            let later: Vec<String> = nodes[i + 1..]
                .iter()
                .filter(|(k, _)| *kind == "claim" || *k == "claim")
                .map(|(_, id)| id.clone())
                .chain(leaves.iter().cloned())
                .collect();
            let text = self.quoted();
            let mut item = Item::new(kind, id.clone(), Some(text));
            if *kind == "claim" {
                let about = self.rng.some(&components, 0, 2);
                if !about.is_empty() {
                    item = item.with(Property::new("about", about));
                }
                let addresses = self.rng.some(&outcomes, 0, 2);
                if !addresses.is_empty() {
                    item = item.with(Property::new("addresses", addresses));
                }
                if self.rng.chance(10) {
                    item = item.with(Property::flag("joint"));
                }
            } else {
                if self.rng.chance(60) {
                    let category = *self.rng.pick(&CATEGORIES);
                    item = item.with(Property::new("category", vec![category.into()]));
                }
                if self.rng.chance(40) {
                    let block = *self.rng.pick(&BLOCKS);
                    item = item.with(Property::new("block", vec![block.into()]));
                    if block == "monitoring" {
                        let agent = self.rng.pick(&components).clone();
                        let watchdog = self.rng.pick(&components).clone();
                        item = item
                            .with(Property::new("agent", vec![agent]))
                            .with(Property::new("watchdog", vec![watchdog]));
                    }
                }
            }
            if i == 0 {
                item = item.with(Property::new("in context of", vec!["deploy".into()]));
            } else if !contexts.is_empty() && self.rng.chance(30) {
                let contexts = self.rng.some(&contexts, 1, 2);
                item = item.with(Property::new("in context of", contexts));
            }
            let support = self.rng.some(&later, 1, 3);
            if self.rng.chance(8) || support.is_empty() {
                item = item.with(Property::flag("undeveloped"));
            } else {
                item = item.with(Property::new("supported by", support));
            }
            if self.rng.chance(15) {
                let risk = *self.rng.pick(&PROBABILITIES);
                item = item.with(Property::new("risk", vec![risk.into()]));
            }
            if self.rng.chance(10) {
                let combine = *self.rng.pick(&["all", "any"]);
                item = item.with(Property::new("combine", vec![combine.into()]));
            }
            self.items.push(item);
        }
        for id in &leaves {
            let text = self.quoted();
            let mut item = Item::new("evidence", id.clone(), Some(text))
                .with(Property::new(
                    "artifact",
                    vec![format!("\"reports/{id}.pdf\"")],
                ))
                .with(Property::new(
                    "date",
                    vec![format!(
                        "2026-{:02}-{:02}",
                        1 + self.rng.below(11),
                        1 + self.rng.below(28)
                    )],
                ));
            if self.rng.chance(30) {
                let digest: String = (0..64)
                    .map(|_| *self.rng.pick(&b"0123456789abcdef"[..]) as char)
                    .collect();
                item = item.with(Property::new("sha256", vec![format!("\"{digest}\"")]));
            }
            if self.rng.chance(50) {
                let topics = self.rng.some(&TOPICS, 1, 3);
                let topics = topics.into_iter().map(String::from).collect();
                item = item.with(Property::new("shows", topics));
            }
            if self.rng.chance(20) {
                let risk = *self.rng.pick(&PROBABILITIES);
                item = item.with(Property::new("risk", vec![risk.into()]));
            }
            self.items.push(item);
        }
    }

    fn block(&mut self) -> String {
        let indent = *self.rng.pick(&["  ", "    ", "\t"]);
        let mut text = String::from("\"\"\"\n");
        for _ in 0..1 + self.rng.below(3) {
            let extra = if self.rng.chance(30) { "  " } else { "" };
            let line = self.sentence().replace('\\', "");
            let _ = writeln!(text, "{indent}{extra}{line}");
        }
        text.push_str(indent);
        text.push_str("\"\"\"");
        text
    }

    /// An item with a body, other than the case and the decision.
    fn some_item_with_body(&mut self) -> Option<usize> {
        let candidates: Vec<usize> = (0..self.items.len())
            .filter(|&i| self.items[i].body.is_some() && i > 1)
            .collect();
        (!candidates.is_empty()).then(|| *self.rng.pick(&candidates))
    }

    fn ids_of(&self, kind: &str) -> Vec<String> {
        self.items
            .iter()
            .filter(|i| i.kind == kind)
            .map(|i| i.id.clone())
            .collect()
    }

    fn inject(&mut self, fault: Fault) {
        let Some(at) = self.some_item_with_body() else {
            return;
        };
        match fault {
            Fault::TypoReference => {
                let rng = &mut *self.rng;
                let item = &mut self.items[at];
                let body = item.body.as_mut().expect("chosen for its body");
                let Some(property) = body.iter_mut().find(|p| !p.values.is_empty()) else {
                    return;
                };
                let value = rng.below(property.values.len());
                let word = &mut property.values[value];
                if word.starts_with(|c: char| c.is_ascii_alphabetic()) && word.len() > 1 {
                    let cut = 1 + rng.below(word.len() - 1);
                    word.remove(cut);
                }
            }
            Fault::TypoKey => {
                let item = &mut self.items[at];
                let body = item.body.as_mut().expect("chosen for its body");
                let i = self.rng.below(body.len());
                let key = &mut body[i].key;
                *key = match key.as_str() {
                    "supported by" => "suported by".into(),
                    "in context of" => "context".into(),
                    other => format!("{other}s"),
                };
            }
            Fault::MissingProperty => {
                let victim = *self
                    .rng
                    .pick(&["artifact", "window", "top", "kind", "supported by"]);
                for item in &mut self.items {
                    if let Some(body) = &mut item.body {
                        body.retain(|p| p.key != victim);
                    }
                }
            }
            Fault::Cycle => {
                let top = self.items[0]
                    .body
                    .as_ref()
                    .and_then(|b| b.iter().find(|p| p.key == "top"))
                    .map(|p| p.values[0].clone());
                let deepest = self
                    .items
                    .iter_mut()
                    .rev()
                    .find(|i| i.kind == "claim" || i.kind == "argument");
                if let (Some(top), Some(item)) = (top, deepest) {
                    match item.property_mut("supported by") {
                        Some(support) => support.values.push(top),
                        None => item
                            .body
                            .get_or_insert_with(Vec::new)
                            .push(Property::new("supported by", vec![top])),
                    }
                }
            }
            Fault::WrongKind => {
                let outcomes = self.ids_of("outcome");
                let claims = self.ids_of("claim");
                let wrong = match *self
                    .rng
                    .pick(&["supported by", "about", "addresses", "block"])
                {
                    "addresses" => ("addresses", claims.first().cloned()),
                    "block" => ("block", Some("control".into())),
                    "about" => ("about", outcomes.first().cloned()),
                    _ => ("supported by", outcomes.first().cloned()),
                };
                if let (key, Some(value)) = wrong {
                    let item = &mut self.items[at];
                    item.body
                        .get_or_insert_with(Vec::new)
                        .push(Property::new(key, vec![value]));
                }
            }
            Fault::Duplicate => {
                let item = &self.items[at];
                let copy = Item::new(item.kind, item.id.clone(), item.text.clone());
                self.items.push(copy);
            }
            Fault::BadValue => {
                let (key, value) = *self.rng.pick(&[
                    ("risk", "1.5"),
                    ("risk", "-1"),
                    ("risk", "\"high\""),
                    ("date", "2026-02-30"),
                    ("date", "2026-13-01"),
                    ("sha256", "\"abc\""),
                    ("kind", "robot"),
                    ("capability", "extreme"),
                    ("combine", "independent"),
                    ("window", "2027-01-01 to 2026-01-01"),
                    ("threshold", "150%"),
                    ("risk", "1e999"),
                ]);
                let item = &mut self.items[at];
                match item.property_mut(key) {
                    Some(property) => property.values = vec![value.into()],
                    None => item
                        .body
                        .get_or_insert_with(Vec::new)
                        .push(Property::new(key, vec![value.into()])),
                }
            }
            Fault::PreludeName => {
                let (kind, id) = *self.rng.pick(&[
                    ("role", "elicitation"),
                    ("topic", "monitoring"),
                    ("claim", "control"),
                    ("block", "agent"),
                ]);
                let text = self.quoted();
                self.items.push(Item::new(kind, id.into(), Some(text)));
            }
            Fault::BrokenSyntax => {
                let item = &mut self.items[at];
                match self.rng.below(4) {
                    // A colon lost: the key reads as a flag, its value as a key.
                    0 => {
                        if let Some(property) = item.body.as_mut().and_then(|b| b.first_mut()) {
                            property.key =
                                format!("{} {}", property.key, property.values.join(" "));
                            property.values.clear();
                        }
                    }
                    1 => item.text = Some("\"an unknown \\q escape\"".into()),
                    2 => item.kind = "clam",
                    _ => item.text = Some("\"unterminated — é".into()),
                }
            }
        }
    }
}

/// Writes items with random but valid layout.
struct Layout<'r> {
    rng: &'r mut Rng,
}

impl Layout<'_> {
    fn write(&mut self, items: &[Item]) -> String {
        let mut out = String::new();
        if self.rng.chance(40) {
            out.push_str("// A generated case — naïve\n\n");
        }
        for item in items {
            if !out.is_empty() {
                out.push_str(self.rng.pick::<&str>(&["\n", "\n\n", "\n\n\n"]));
            }
            if self.rng.chance(15) {
                out.push_str("// about the next item: 日本語\n");
            }
            out.push_str(item.kind);
            out.push_str(self.gap());
            out.push_str(&item.id);
            if let Some(text) = &item.text {
                out.push_str(self.gap());
                out.push_str(&self.wrapped(text));
            }
            let Some(body) = &item.body else { continue };
            out.push_str(self.gap());
            out.push('{');
            for property in body {
                out.push_str(self.rng.pick::<&str>(&["\n  ", "\n    ", " ", "\n\t"]));
                for (i, word) in property.key.split(' ').enumerate() {
                    if i > 0 {
                        out.push_str(self.gap());
                    }
                    out.push_str(word);
                }
                if property.values.is_empty() {
                    continue;
                }
                out.push_str(self.rng.pick::<&str>(&[":", " :", ": "]));
                for (i, value) in property.values.iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    out.push_str(self.gap());
                    out.push_str(&self.wrapped(value));
                }
                if self.rng.chance(10) {
                    out.push_str(" // trailing note ✓\n");
                }
            }
            out.push_str(self.rng.pick::<&str>(&["\n}", " }", "}", "\n  }"]));
            if self.rng.chance(10) {
                out.push_str(" // end");
            }
        }
        out.push('\n');
        out
    }

    /// White space between two tokens, sometimes with a comment.
    fn gap(&mut self) -> &'static str {
        match self.rng.below(40) {
            0 => " // a comment — between tokens\n    ",
            1 => "\n      ",
            2 => "\t",
            3 => "   ",
            _ => " ",
        }
    }

    /// A `"…"` string broken over lines at some of its spaces (it reads the
    /// same); anything else as it is.
    fn wrapped(&mut self, value: &str) -> String {
        if !value.starts_with('"') || value.starts_with("\"\"\"") || !self.rng.chance(20) {
            return value.to_string();
        }
        let mut out = String::new();
        for (i, word) in value.split(' ').enumerate() {
            if i > 0 {
                out.push_str(self.rng.pick::<&str>(&[" ", "\n    ", " \n  ", "\n"]));
            }
            out.push_str(word);
        }
        out
    }
}
