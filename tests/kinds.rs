//! The files outside the Rust code that list item kinds agree with the kinds
//! table (`src/syntax/kinds.rs`): the pest grammar, the JSON schema and the
//! Vim syntax. (The TextMate grammar is checked in tests/editors.rs.) A new
//! kind fails these until each file has it: docs/architecture.md, "Adding an
//! item kind".

use casec::ir::ElementKind;
use casec::syntax::kinds::JsonSection;
use casec::syntax::ItemKind;
use std::collections::BTreeSet;

fn read(path: &str) -> String {
    let path = format!("{}/{path}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn set<'a>(words: impl IntoIterator<Item = &'a str>) -> BTreeSet<String> {
    words.into_iter().map(String::from).collect()
}

fn keywords(kinds: &[ElementKind]) -> BTreeSet<String> {
    set(kinds.iter().map(|k| k.as_str()))
}

fn of_section(section: JsonSection) -> Vec<ElementKind> {
    ElementKind::ALL
        .iter()
        .copied()
        .filter(|k| k.json_section() == section)
        .collect()
}

/// The quoted words of the text between `start` and the next `end`.
fn quoted_between(text: &str, start: &str, end: &str) -> BTreeSet<String> {
    let from = text.find(start).unwrap_or_else(|| panic!("no `{start}`")) + start.len();
    let inner = &text[from..];
    let inner = &inner[..inner.find(end).unwrap_or_else(|| panic!("no `{end}`"))];
    inner
        .split('"')
        .skip(1)
        .step_by(2)
        .map(String::from)
        .collect()
}

#[test]
fn the_pest_grammar_accepts_exactly_the_tables_keywords() {
    let grammar = read("grammar/case.pest");
    let mut accepted = quoted_between(&grammar, "item_kind = @{", "~ !ident_char");
    // A template has a rule of its own, for its nested items.
    accepted.extend(quoted_between(
        &grammar,
        "word_template = @{",
        "~ !ident_char",
    ));
    assert_eq!(accepted, set(ItemKind::ALL.iter().map(|k| k.keyword())));
}

#[test]
fn the_json_schema_lists_every_kind_of_its_section() {
    let schema: serde_json::Value =
        serde_json::from_str(&read("docs/json-schema/casec-ir.schema.json")).expect("JSON");
    let listed = |definition: &str| -> BTreeSet<String> {
        let kinds = schema["$defs"][definition]["properties"]["kind"]["enum"]
            .as_array()
            .unwrap_or_else(|| panic!("no kind enum in `{definition}`"));
        kinds
            .iter()
            .map(|k| k.as_str().expect("a string").to_string())
            .collect()
    };
    assert_eq!(
        listed("element"),
        keywords(&of_section(JsonSection::Elements))
    );
    assert_eq!(
        listed("definition"),
        keywords(&of_section(JsonSection::Definitions))
    );
}

#[test]
fn the_vim_syntax_knows_every_keyword() {
    let vim = read("editors/neovim/syntax/case.vim");
    let group = |name: &str| -> BTreeSet<String> {
        let prefix = format!("syn keyword {name} ");
        let line = vim
            .lines()
            .find_map(|line| line.strip_prefix(&prefix))
            .unwrap_or_else(|| panic!("no `{prefix}`"));
        line.split_whitespace()
            .take_while(|word| !word.contains('='))
            .map(String::from)
            .collect()
    };
    let definitions: Vec<ElementKind> = ElementKind::ALL
        .iter()
        .copied()
        .filter(|k| k.is_definition())
        .collect();
    let elements: Vec<ElementKind> = ElementKind::ALL
        .iter()
        .copied()
        .filter(|k| !k.is_definition())
        .collect();
    let reserved = ItemKind::ALL
        .iter()
        .filter(|k| k.element().is_none())
        .map(|k| k.keyword());
    assert_eq!(group("caseKind"), keywords(&elements));
    assert_eq!(group("caseDefinition"), keywords(&definitions));
    assert_eq!(group("caseReserved"), set(reserved));
}
