//! The editor files in `editors/` agree with the language: the TextMate
//! grammar knows every item kind, property key, flag, choice word and
//! prelude name, and every VS Code snippet expands to a case that parses
//! and uses only properties its element takes. (The grammar's scopes are
//! tested with `vscode-tmgrammar-test`: see `.ci/steps/50-editors.sh`.)

mod common;

use casec::ir::properties::{Shape, PROPERTIES};
use casec::ir::ElementKind;
use casec::syntax::ItemKind;
use casec::{compile, Options};
use serde_json::Value;
use std::collections::BTreeSet;

fn read_json(path: &str) -> Value {
    let path = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn grammar() -> Value {
    read_json("editors/vscode/syntaxes/case.tmLanguage.json")
}

/// The words of every `(?:a|b|c)` or `(a|b|c)` group of a pattern.
fn alternatives(pattern: &str) -> BTreeSet<String> {
    let mut words = BTreeSet::new();
    for group in pattern.split('(').skip(1) {
        let group = group.trim_start_matches("?:");
        let Some(end) = group.find(')') else { continue };
        let inner = &group[..end];
        // A one-word group counts too: `(import)`.
        let one_word = !inner.is_empty() && inner.chars().all(|c| c.is_ascii_lowercase());
        if one_word {
            words.insert(inner.to_string());
        } else if inner.contains('|')
            && inner
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || "_|\\s+-".contains(c))
        {
            words.extend(inner.split('|').map(|w| w.replace("\\s+", " ")));
        }
    }
    words
}

fn pattern(rule: &Value) -> String {
    let mut text = String::new();
    if let Some(m) = rule["match"].as_str() {
        text.push_str(m);
    }
    for inner in rule["patterns"].as_array().into_iter().flatten() {
        text.push_str(&pattern(inner));
    }
    text
}

fn words(rule: &str) -> BTreeSet<String> {
    alternatives(&pattern(&grammar()["repository"][rule]))
}

fn set<'a>(words: impl IntoIterator<Item = &'a str>) -> BTreeSet<String> {
    words.into_iter().map(String::from).collect()
}

#[test]
fn the_grammar_colours_every_item_kind() {
    let kinds = set(ItemKind::ALL.iter().map(|k| k.keyword()));
    assert_eq!(words("item-header"), kinds);
}

#[test]
fn the_grammar_knows_every_property_key_flag_and_choice() {
    let is_link = |key: &str| key == "supported by" || key == "in context of";
    let keys = PROPERTIES
        .iter()
        .filter(|p| p.shape != Shape::Flag && !is_link(p.key))
        .map(|p| p.key);
    assert_eq!(words("property-key"), set(keys));
    let flags = PROPERTIES
        .iter()
        .filter(|p| p.shape == Shape::Flag)
        .map(|p| p.key);
    assert_eq!(words("flag"), set(flags));
    assert_eq!(words("link-key"), set(["supported by", "in context of"]));
    let choices = PROPERTIES.iter().flat_map(|p| match p.shape {
        Shape::Choice(words) => words.to_vec(),
        _ => Vec::new(),
    });
    assert_eq!(words("choice-word"), set(choices));
}

#[test]
fn the_grammar_knows_every_prelude_definition() {
    let compilation = compile("empty.case", "", Options::default());
    let mut expected = BTreeSet::new();
    for kind in [
        ElementKind::Category,
        ElementKind::Block,
        ElementKind::Topic,
    ] {
        let ids = compilation
            .case
            .elements
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| e.id.to_string());
        expected.extend(ids);
    }
    assert!(expected.contains("monitoring"), "{expected:?}");
    assert_eq!(words("prelude-name"), expected);
}

/// A snippet body with every placeholder replaced by its default (or first
/// choice) and every tab stop removed.
fn expand(body: &str) -> String {
    let mut out = String::new();
    let mut rest = body;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        if let Some(inner) = rest.strip_prefix('{') {
            let end = inner.find('}').expect("a closed placeholder");
            let placeholder = &inner[..end];
            let value = placeholder.trim_start_matches(|c: char| c.is_ascii_digit());
            let value = match value.strip_prefix('|') {
                Some(choices) => choices.split([',', '|']).next().unwrap_or(""),
                None => value.strip_prefix(':').unwrap_or(""),
            };
            out.push_str(value);
            rest = &inner[end + 1..];
        } else {
            rest = rest.trim_start_matches(|c: char| c.is_ascii_digit());
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn every_snippet_expands_to_a_case_that_parses() {
    let snippets = read_json("editors/vscode/snippets/case.json");
    let snippets = snippets.as_object().expect("an object of snippets");
    assert!(snippets.len() >= 10);
    for (name, snippet) in snippets {
        let lines: Vec<&str> = snippet["body"]
            .as_array()
            .expect("a body")
            .iter()
            .filter_map(Value::as_str)
            .collect();
        let text = expand(&lines.join("\n"));
        let prefix = snippet["prefix"].as_str().expect("a prefix");
        let kind = text.split_whitespace().next().unwrap_or("");
        assert!(
            prefix.starts_with(kind),
            "{name}: `{prefix}` inserts `{kind}`"
        );
        let compilation = compile("snippet.case", &text, Options::default());
        // Unresolved references and missing structure are the author's to
        // fill in; syntax, keys and values must already be right.
        let wrong: Vec<String> = compilation
            .diagnostics
            .iter()
            .filter(|d| common::is_malformed(d.code))
            .map(|d| format!("{} {}", d.code, d.message))
            .collect();
        assert!(wrong.is_empty(), "{name}:\n{text}\n{wrong:#?}");
    }
}

#[test]
fn the_snippet_expansion_used_above_is_faithful() {
    assert_eq!(
        expand("kind: ${3|ai,human|}\n  id ${1:x}$0 $12"),
        "kind: ai\n  id x "
    );
}
