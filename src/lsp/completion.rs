//! Completion of what fits at the cursor: item keywords between items,
//! property keys (from [`crate::ir::properties`]) in a body, and after a key
//! the ids of the kinds it takes or the words of its choice.

use super::convert;
use crate::ir::properties::{self, Shape};
use crate::ir::{Case, ElementKind, Origin};
use crate::source::Span;
use crate::syntax::cursor::{cursor_at, Slot};
use crate::syntax::kinds::Symbol;
use crate::syntax::ItemKind;
use crate::Compilation;
use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionTextEdit, Documentation, Position, TextEdit,
};

pub fn completion(compilation: &Compilation, position: Position) -> Vec<CompletionItem> {
    let offset = convert::offset(compilation, position);
    let text = &compilation.sources.get(compilation.file).text;
    let cursor = cursor_at(text, offset);
    let case = &compilation.case;
    // A value typed straight after `:` or `,` gets the customary space.
    let space = match cursor.slot {
        Slot::Value { .. } if text[..cursor.word_start].ends_with([':', ',']) => " ",
        _ => "",
    };
    // A module's own elements are offered as it writes them, without
    // `NAME::`; other modules' with it.
    let own = compilation
        .files
        .first()
        .and_then(|f| f.module)
        .map(|m| format!("{}::", case.modules[m.index()].name));
    let own = own.as_deref();
    let mut items = match cursor.slot {
        Slot::ItemKeyword => item_keywords(),
        Slot::Key(ItemKind::Instance) => super::templates::completion(compilation, offset, None),
        Slot::Value {
            item: ItemKind::Instance,
            key,
        } => super::templates::completion(compilation, offset, Some(&key)),
        Slot::Key(item) => item
            .element()
            .map_or_else(Vec::new, |kind| keys(case, kind, own)),
        Slot::Value { item, key } => item
            .element()
            .map_or_else(Vec::new, |kind| values(case, kind, &key, own)),
        Slot::Nothing => Vec::new(),
    };
    // Replace the whole word typed so far, even a multi-word key's first words.
    let replaced = convert::range(
        compilation,
        Span::new(compilation.file, cursor.word_start, offset),
    );
    for item in &mut items {
        let inserted = item
            .insert_text
            .take()
            .unwrap_or_else(|| item.label.clone());
        let new_text = format!("{space}{inserted}");
        item.text_edit = Some(CompletionTextEdit::Edit(TextEdit::new(replaced, new_text)));
    }
    items
}

fn item_keywords() -> Vec<CompletionItem> {
    ItemKind::ALL
        .iter()
        .filter(|kind| {
            kind.element().is_some()
                || matches!(
                    kind,
                    ItemKind::Instance | ItemKind::Module | ItemKind::Import
                )
        })
        .map(|kind| CompletionItem {
            label: kind.keyword().to_string(),
            kind: Some(CompletionItemKind::KEYWORD),
            insert_text: Some(format!("{} ", kind.keyword())),
            ..Default::default()
        })
        .collect()
}

fn keys(case: &Case, kind: ElementKind, own: Option<&str>) -> Vec<CompletionItem> {
    let mut items: Vec<CompletionItem> = properties::keys_for(kind)
        .map(|spec| CompletionItem {
            label: spec.key.to_string(),
            kind: Some(CompletionItemKind::PROPERTY),
            detail: Some(spec.shape.describe()),
            documentation: Some(Documentation::String(spec.doc.to_string())),
            insert_text: Some(match spec.shape {
                Shape::Flag => spec.key.to_string(),
                _ => format!("{}: ", spec.key),
            }),
            ..Default::default()
        })
        .collect();
    // An argument binds the roles of its building block like properties.
    if kind == ElementKind::Argument {
        items.extend(
            elements_of(case, &[ElementKind::Role], own).map(|mut item| {
                item.insert_text = Some(format!("{}: ", item.label));
                item.kind = Some(CompletionItemKind::PROPERTY);
                item
            }),
        );
    }
    items
}

fn values(case: &Case, kind: ElementKind, key: &str, own: Option<&str>) -> Vec<CompletionItem> {
    let shape = match properties::lookup(kind, key) {
        Some(spec) => spec.shape,
        None => {
            let is_role = case
                .definition(key)
                .is_some_and(|id| case.get(id).kind == ElementKind::Role);
            if kind != ElementKind::Argument || !is_role {
                return Vec::new();
            }
            Shape::Refs {
                kinds: &[ElementKind::Component],
                many: false,
            }
        }
    };
    match shape {
        Shape::Refs { kinds, .. } => elements_of(case, kinds, own).collect(),
        Shape::Choice(words) => words
            .iter()
            .map(|word| CompletionItem {
                label: word.to_string(),
                kind: Some(CompletionItemKind::ENUM_MEMBER),
                ..Default::default()
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// The elements of `kinds` that a name resolves to, sorted by id (a case's
/// own definition hides the prelude's of the same id).
fn elements_of<'a>(
    case: &'a Case,
    kinds: &'a [ElementKind],
    own: Option<&'a str>,
) -> impl Iterator<Item = CompletionItem> + 'a {
    let mut ids: Vec<_> = case
        .names
        .values()
        .chain(case.definitions.values())
        .map(|id| case.get(*id))
        .filter(|element| kinds.contains(&element.kind))
        .collect();
    ids.sort_by(|a, b| a.id.cmp(&b.id));
    ids.into_iter().map(move |element| CompletionItem {
        label: own
            .and_then(|own| element.id.strip_prefix(own))
            .unwrap_or(&element.id)
            .to_string(),
        kind: Some(item_kind(element.kind)),
        detail: Some(match (element.origin, element.module) {
            (Origin::Prelude, _) => format!("{} (built into casec)", element.kind.as_str()),
            (Origin::Case, Some(m)) => {
                format!(
                    "{} in module `{}`",
                    element.kind.as_str(),
                    case.modules[m.index()].name
                )
            }
            (Origin::Case, None) => element.kind.as_str().to_string(),
        }),
        documentation: element
            .text
            .as_ref()
            .map(|text| Documentation::String(text.value.to_string())),
        ..Default::default()
    })
}

/// Completion offers fewer kinds than the outline: an element that is not
/// a claim, argument, evidence, component or definition is a plain value.
fn item_kind(kind: ElementKind) -> CompletionItemKind {
    match kind.symbol() {
        Symbol::Interface => CompletionItemKind::INTERFACE,
        Symbol::Function => CompletionItemKind::FUNCTION,
        Symbol::Constant => CompletionItemKind::CONSTANT,
        Symbol::Class | Symbol::Module => CompletionItemKind::CLASS,
        Symbol::Enum => CompletionItemKind::ENUM,
        Symbol::Struct => CompletionItemKind::STRUCT,
        Symbol::TypeParameter => CompletionItemKind::TYPE_PARAMETER,
        Symbol::File | Symbol::Event | Symbol::EnumMember | Symbol::Property => {
            CompletionItemKind::VALUE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{compile, Options};

    const CASE: &str = "component model \"m\"\nsubsystem sub \"s\" { components: model }\n\
        evidence ev \"e\"\nclaim c \"x\" {\n  supported by: \n}\n";

    /// The labels offered right after `typed`, written in place of line `line`.
    fn labels_at(line: usize, typed: &str) -> Vec<String> {
        let mut lines: Vec<&str> = CASE.lines().collect();
        let after = lines.split_off(line + 1);
        lines[line] = typed;
        let before = lines.join("\n");
        let text = format!("{before}\n{}", after.join("\n"));
        let compilation = compile("t.case", &text, Options::default());
        let (line, column) = compilation
            .sources
            .get(compilation.file)
            .utf16_position(before.len());
        let at = Position::new(line, column);
        completion(&compilation, at)
            .into_iter()
            .map(|i| i.label)
            .collect()
    }

    #[test]
    fn ids_of_the_kinds_a_key_takes() {
        // `c` itself does not parse while its value is missing.
        assert_eq!(labels_at(4, "  supported by: "), ["ev"]);
        assert_eq!(labels_at(4, "  supported by: ev"), ["c", "ev"]);
        assert_eq!(labels_at(4, "  about: s"), ["model", "sub"]);
        let blocks = labels_at(4, "  supported by: ev }\nargument a \"y\" { block: ");
        assert!(
            blocks.contains(&"monitoring".to_string()) && blocks.len() > 10,
            "{blocks:?}"
        );
        assert_eq!(
            labels_at(4, "  supported by: ev }\nargument a \"y\" { category: "),
            ["control", "deference", "inability", "trustworthiness"]
        );
    }

    #[test]
    fn keys_keywords_and_words() {
        let keys = labels_at(4, "  sup");
        assert!(keys.contains(&"supported by".to_string()) && keys.contains(&"about".to_string()));
        assert!(labels_at(4, "  supported by: ev }\nargument a \"y\" { ")
            .contains(&"watchdog".to_string()));
        assert!(labels_at(4, "}\nev").contains(&"evidence".to_string()));
        assert_eq!(
            labels_at(0, "component m \"x\" { trust: "),
            ["trusted", "untrusted"]
        );
        assert!(labels_at(4, "  supported by: \"in a string ").is_empty());
    }

    #[test]
    fn a_multi_word_key_replaces_what_was_typed() {
        let text = "claim c \"x\" {\n  supported b\n}\n";
        let compilation = compile("t.case", text, Options::default());
        let items = completion(&compilation, Position::new(1, 13));
        let supported = items.iter().find(|i| i.label == "supported by").unwrap();
        let Some(CompletionTextEdit::Edit(edit)) = &supported.text_edit else {
            panic!("no edit")
        };
        assert_eq!(edit.range.start, Position::new(1, 2));
        assert_eq!(edit.new_text, "supported by: ");
    }
}
