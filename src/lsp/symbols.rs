//! The document outline: one symbol per item, named by its id.

use super::convert;
use crate::ir::ElementKind;
use crate::syntax::kinds::Symbol;
use crate::Compilation;
use lsp_types::{DocumentSymbol, SymbolKind};

/// How much of an element's text the outline shows beside its id.
const DETAIL_CHARS: usize = 80;

pub(crate) fn document_symbols(compilation: &Compilation) -> Vec<DocumentSymbol> {
    compilation
        .case
        .case_elements()
        .map(|(id, element)| {
            let mut detail: String = element.text().chars().take(DETAIL_CHARS).collect();
            if detail.len() < element.text().len() {
                detail.push('…');
            }
            // A defeater's state leads its detail, so open doubts stand out
            // in the outline.
            let kind = match compilation.graph.defeat_state(&compilation.case, id) {
                Some(state) => format!("defeater ({})", state.as_str()),
                None => element.kind.as_str().to_string(),
            };
            #[allow(deprecated)] // `deprecated` has no default; `tags` replaced it.
            DocumentSymbol {
                name: element.id.to_string(),
                detail: Some(format!("{kind} {detail}")),
                kind: symbol_kind(element.kind),
                tags: None,
                deprecated: None,
                range: convert::range(compilation, element.span),
                selection_range: convert::range(compilation, element.id_span),
                children: None,
            }
        })
        .collect()
}

fn symbol_kind(kind: ElementKind) -> SymbolKind {
    match kind.symbol() {
        Symbol::File => SymbolKind::FILE,
        Symbol::Event => SymbolKind::EVENT,
        Symbol::Class => SymbolKind::CLASS,
        Symbol::Module => SymbolKind::MODULE,
        Symbol::EnumMember => SymbolKind::ENUM_MEMBER,
        Symbol::Property => SymbolKind::PROPERTY,
        Symbol::Interface => SymbolKind::INTERFACE,
        Symbol::Function => SymbolKind::FUNCTION,
        Symbol::Constant => SymbolKind::CONSTANT,
        Symbol::Enum => SymbolKind::ENUM,
        Symbol::Struct => SymbolKind::STRUCT,
        Symbol::TypeParameter => SymbolKind::TYPE_PARAMETER,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{compile, Options};

    #[test]
    fn one_symbol_per_item_in_source_order() {
        let long = "y".repeat(100);
        let text = format!("claim a \"x\" {{ undeveloped }}\n\nevidence e \"{long}\"\n");
        let compilation = compile("t.case", &text, Options::default());
        let symbols = document_symbols(&compilation);
        let names: Vec<&str> = symbols.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["a", "e"]);
        assert_eq!(symbols[0].kind, SymbolKind::INTERFACE);
        assert_eq!(symbols[0].detail.as_deref(), Some("claim x"));
        assert_eq!(symbols[0].range.end.character, 27);
        assert_eq!(symbols[0].selection_range.start.character, 6);
        assert!(symbols[1].detail.as_ref().unwrap().ends_with("y…"));
    }

    #[test]
    fn open_defeaters_are_marked_in_the_outline() {
        let text = "claim a \"x\" { undeveloped }\ndefeater d \"why not\" { challenges: a doubt: rebuts }\n";
        let compilation = compile("t.case", text, Options::default());
        let symbols = document_symbols(&compilation);
        assert_eq!(
            symbols[1].detail.as_deref(),
            Some("defeater (open) why not")
        );
        assert_eq!(symbols[1].kind, SymbolKind::EVENT);
    }
}
