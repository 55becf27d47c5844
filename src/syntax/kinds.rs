//! The one table of item kinds: what every stage needs to know about a kind,
//! declared once. A new kind is one row here; every `match` that must handle
//! it is exhaustive, so the compiler lists the rest (docs/architecture.md,
//! "Adding an item kind"). Which properties a kind takes is the other table,
//! `ir::properties`.
//!
//! The table lives at the bottom of the layers (the parser reads keywords
//! from it), so the GSN shape and the outline symbol are named by enums of
//! its own: only `emit` draws shapes and only `lsp` maps symbols to LSP.

/// Ids of case elements and ids of definitions (categories, blocks, roles,
/// topics) live apart: the same word may name one of each.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Namespace {
    /// Case elements: claims, evidence, components, …
    Elements,
    /// Definitions (categories, building blocks, roles, topics), shared with
    /// the prelude.
    Definitions,
}

/// The GSN node an element is drawn as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GsnShape {
    Goal,
    Strategy,
    Solution,
    Context,
    Assumption,
    Justification,
}

impl GsnShape {
    pub fn as_str(self) -> &'static str {
        match self {
            GsnShape::Goal => "goal",
            GsnShape::Strategy => "strategy",
            GsnShape::Solution => "solution",
            GsnShape::Context => "context",
            GsnShape::Assumption => "assumption",
            GsnShape::Justification => "justification",
        }
    }
}

/// Where an element goes in the JSON output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JsonSection {
    /// The `case` object at the top (the header's title and settings).
    Header,
    /// The `elements` list, with `kind` set to the keyword.
    Elements,
    /// The `definitions` list.
    Definitions,
}

/// How an editor's outline and completion list mark an element (the `lsp`
/// layer maps these to its symbol and completion kinds).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Symbol {
    File,
    Event,
    Class,
    Module,
    EnumMember,
    Property,
    Interface,
    Function,
    Constant,
    Enum,
    Struct,
    TypeParameter,
}

macro_rules! kinds {
    (
        elements {
            $($(#[$attr:meta])* $kind:ident => $keyword:literal,
                $namespace:ident, $shape:expr, $json:ident, $symbol:ident;)*
        }
        reserved { $($reserved:ident => $reserved_keyword:literal;)* }
    ) => {
        /// The keyword that opens an item.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ItemKind {
            $($(#[$attr])* $kind,)*
            $($reserved,)*
        }

        /// What an item declares (a reserved keyword declares nothing yet).
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum ElementKind { $($(#[$attr])* $kind),* }

        impl ItemKind {
            pub const ALL: &'static [ItemKind] =
                &[$($(#[$attr])* ItemKind::$kind,)* $(ItemKind::$reserved,)*];

            pub fn keyword(self) -> &'static str {
                match self {
                    $($(#[$attr])* ItemKind::$kind => $keyword,)*
                    $(ItemKind::$reserved => $reserved_keyword,)*
                }
            }

            pub(crate) fn from_keyword(word: &str) -> Option<ItemKind> {
                match word {
                    $($(#[$attr])* $keyword => Some(ItemKind::$kind),)*
                    $($reserved_keyword => Some(ItemKind::$reserved),)*
                    _ => None,
                }
            }

            /// The element this item declares; `None` for a reserved keyword.
            pub fn element(self) -> Option<ElementKind> {
                match self {
                    $($(#[$attr])* ItemKind::$kind => Some(ElementKind::$kind),)*
                    $(ItemKind::$reserved => None,)*
                }
            }
        }

        impl ElementKind {
            pub const ALL: &'static [ElementKind] = &[$($(#[$attr])* ElementKind::$kind),*];

            /// The keyword, which is also the kind's name in messages and JSON.
            pub fn as_str(self) -> &'static str {
                match self { $($(#[$attr])* ElementKind::$kind => $keyword),* }
            }

            pub(crate) fn namespace(self) -> Namespace {
                match self { $($(#[$attr])* ElementKind::$kind => Namespace::$namespace),* }
            }

            /// The GSN node it is drawn as; `None` for what diagrams leave out.
            pub(crate) fn gsn_shape(self) -> Option<GsnShape> {
                match self { $($(#[$attr])* ElementKind::$kind => $shape),* }
            }

            pub fn json_section(self) -> JsonSection {
                match self { $($(#[$attr])* ElementKind::$kind => JsonSection::$json),* }
            }

            pub(crate) fn symbol(self) -> Symbol {
                match self { $($(#[$attr])* ElementKind::$kind => Symbol::$symbol),* }
            }
        }
    };
}

use GsnShape::*;

kinds! {
    elements {
        // kind => keyword, namespace, GSN shape, JSON section, outline symbol;
        Case => "case", Elements, None, Header, File;
        Decision => "decision", Elements, Some(Context), Elements, Event;
        Component => "component", Elements, None, Elements, Class;
        Subsystem => "subsystem", Elements, None, Elements, Module;
        Outcome => "outcome", Elements, None, Elements, EnumMember;
        Assumption => "assumption", Elements, Some(Assumption), Elements, Property;
        Context => "context", Elements, Some(Context), Elements, Property;
        Justification => "justification", Elements, Some(Justification), Elements, Property;
        Claim => "claim", Elements, Some(Goal), Elements, Interface;
        Argument => "argument", Elements, Some(Strategy), Elements, Function;
        Evidence => "evidence", Elements, Some(Solution), Elements, Constant;
        // Drawn as the GSN dialectic extension's counter-goal.
        Defeater => "defeater", Elements, Some(Goal), Elements, Event;
        Signoff => "signoff", Elements, None, Elements, Property;
        Category => "category", Definitions, None, Definitions, Enum;
        Block => "block", Definitions, None, Definitions, Struct;
        Role => "role", Definitions, None, Definitions, TypeParameter;
        Topic => "topic", Definitions, None, Definitions, Enum;
        // A throw-away kind that exists only in test builds, so that every
        // exhaustive match must handle one more kind there: the test below
        // lists the files that had to, which is what a new kind costs.
        #[cfg(test)]
        Probe => "probe", Elements, None, Elements, Constant;
    }
    // Items that declare no element of their own: `module` and `import` make
    // a file part of a project (`project`); a template and its instances are
    // expanded into elements before lowering (`ir::template`).
    reserved {
        Module => "module";
        Import => "import";
        Template => "template";
        Instance => "instance";
    }
}

impl ElementKind {
    /// Definitions (categories, building blocks, roles, topics) have a
    /// namespace of their own, shared with the prelude.
    pub fn is_definition(self) -> bool {
        self.namespace() == Namespace::Definitions
    }

    /// The name with its article, for messages: "a claim", "an outcome",
    /// "evidence" (a mass noun takes none).
    pub(crate) fn with_article(self) -> String {
        match self {
            ElementKind::Evidence => self.as_str().to_string(),
            _ => with_article(self.as_str()),
        }
    }
}

/// `words` with "a" or "an" before it, by its first letter.
pub(crate) fn with_article(words: &str) -> String {
    let article = if words.starts_with(['a', 'e', 'i', 'o', 'u']) {
        "an"
    } else {
        "a"
    };
    format!("{article} {words}")
}

/// The word lists of the language (ratings, trust levels, …): each is
/// declared once, as an enum whose `NAMES`, `as_str` and `parse` are
/// generated from the same list, so no parser can fall back to a default.
macro_rules! words {
    ($(#[$attr:meta])* $vis:vis enum $name:ident {
        $($(#[$variant_attr:meta])* $variant:ident => $word:literal),* $(,)?
    }) => {
        $(#[$attr])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        $vis enum $name { $($(#[$variant_attr])* $variant),* }

        impl $name {
            /// Every word, in declaration order (for messages and completion).
            pub const NAMES: &'static [&'static str] = &[$($word),*];

            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),* }
            }

            pub fn parse(word: &str) -> Option<$name> {
                match word { $($word => Some($name::$variant),)* _ => None }
            }
        }
    };
}
pub(crate) use words;

/// What the recipes in docs/architecture.md promise, for the probe tests.
#[cfg(test)]
pub(crate) mod recipe {
    /// The Rust files below `src/` that mention `needle`, sorted.
    pub(crate) fn files_mentioning(needle: &str) -> Vec<String> {
        fn walk(dir: &std::path::Path, found: &mut Vec<std::path::PathBuf>) {
            let entries = std::fs::read_dir(dir).unwrap_or_else(|e| panic!("{dir:?}: {e}"));
            for entry in entries {
                let path = entry.expect("a readable folder").path();
                if path.is_dir() {
                    walk(&path, found);
                } else if path.extension().is_some_and(|e| e == "rs") {
                    found.push(path);
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut found = Vec::new();
        walk(&root.join("src"), &mut found);
        let mut files: Vec<String> = found
            .iter()
            .filter(|path| {
                let text =
                    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path:?}: {e}"));
                text.contains(needle)
            })
            .map(|path| {
                let relative = path.strip_prefix(root).expect("below the crate");
                relative.to_string_lossy().replace('\\', "/")
            })
            .collect();
        files.sort();
        files
    }

    /// The `src/….rs` files that a section of docs/architecture.md names.
    pub(crate) fn recipe_files(heading: &str) -> Vec<String> {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/docs/architecture.md");
        let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{path}: {e}"));
        let start = text
            .find(heading)
            .unwrap_or_else(|| panic!("docs/architecture.md has no `{heading}`"));
        let section = &text[start + heading.len()..];
        let section = &section[..section.find("\n## ").unwrap_or(section.len())];
        let mut files: Vec<String> = section
            .split('`')
            .skip(1)
            .step_by(2)
            .filter(|quoted| quoted.starts_with("src/") && quoted.ends_with(".rs"))
            .map(String::from)
            .collect();
        files.sort();
        files.dedup();
        files
    }
}

#[cfg(test)]
mod tests {
    use super::recipe::{files_mentioning, recipe_files};
    use super::*;

    #[test]
    fn keywords_round_trip() {
        for &kind in ItemKind::ALL {
            assert_eq!(ItemKind::from_keyword(kind.keyword()), Some(kind));
            if let Some(element) = kind.element() {
                assert_eq!(element.as_str(), kind.keyword());
            }
        }
        assert_eq!(ItemKind::from_keyword("clam"), None);
    }

    /// The claim of docs/architecture.md's "Adding an item kind": a new kind
    /// is a row in this table plus at most four Rust files, the ones the
    /// recipe names. The probe row above exists in test builds, so every
    /// exhaustive `match` on kinds has to handle it for this test to compile;
    /// the files that had to name it are what any new kind costs. (What the
    /// compiler cannot see, the grammar, editor grammars and JSON schema, is
    /// held to the table by tests/kinds.rs and tests/editors.rs.)
    #[test]
    fn a_new_kind_costs_the_table_row_and_the_files_the_recipe_lists() {
        assert!(ElementKind::ALL.contains(&ElementKind::Probe));
        let table = "src/syntax/kinds.rs";
        let mut touched = files_mentioning("Probe");
        touched.retain(|file| file != table);
        assert!(touched.len() <= 4, "a new kind touches {touched:?}");
        let mut recipe = recipe_files("## Adding an item kind");
        assert!(recipe.iter().any(|file| file == table), "{recipe:?}");
        recipe.retain(|file| file != table);
        assert_eq!(
            recipe, touched,
            "docs/architecture.md's recipe lists other files than a new kind touches"
        );
    }

    #[test]
    fn articles() {
        assert_eq!(ElementKind::Outcome.with_article(), "an outcome");
        assert_eq!(ElementKind::Claim.with_article(), "a claim");
        assert_eq!(ElementKind::Evidence.with_article(), "evidence");
    }
}
