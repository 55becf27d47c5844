//! Queries over a lowered case for editors and other tools: every place an id
//! is written, the id at an offset, and where a name is declared and used.

use super::{Attrs, Case, Element, ElementId, Namespace, Ref};
use crate::source::{FileId, Span};

/// One place where an id is written: its declaration or a reference to it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Occurrence<'a> {
    pub name: &'a str,
    pub namespace: Namespace,
    pub span: Span,
    pub declaration: bool,
}

impl Element {
    /// Every reference this element makes, with the namespace it is looked up in.
    pub fn references<'a>(&'a self) -> Vec<(&'a Ref, Namespace)> {
        use Namespace::{Definitions as D, Elements as E};
        let mut refs: Vec<(&'a Ref, Namespace)> = Vec::new();
        let mut add = |list: &'a [Ref], namespace: Namespace| {
            refs.extend(list.iter().map(|r| (r, namespace)));
        };
        add(&self.supported_by, E);
        add(&self.in_context_of, E);
        add(self.develops.as_slice(), E);
        add(&self.shows, D);
        match &self.attrs {
            Attrs::Case(a) => add(a.top.as_slice(), E),
            Attrs::Subsystem(a) => add(&a.components, E),
            Attrs::Claim(a) => {
                add(&a.about, E);
                add(&a.addresses, E);
            }
            Attrs::Argument(a) => {
                add(a.over.as_slice(), E);
                add(a.category.as_slice(), D);
                add(a.block.as_slice(), D);
                for binding in &a.roles {
                    add(std::slice::from_ref(&binding.role), D);
                    add(std::slice::from_ref(&binding.component), E);
                }
            }
            Attrs::Category(a) => add(&a.requires, D),
            Attrs::Signoff(a) => add(a.of.as_slice(), E),
            Attrs::Defeater(a) => {
                add(a.challenges.as_slice(), E);
                add(a.link.as_slice(), E);
            }
            Attrs::Context(a) => add(&a.members, E),
            Attrs::Block(a) => {
                add(&a.categories, D);
                add(&a.requires, D);
                add(&a.roles, D);
            }
            Attrs::Role(a) => {
                add(&a.assurance, D);
                add(&a.requires, D);
            }
            Attrs::Decision(_) | Attrs::Component(_) | Attrs::Evidence(_) | Attrs::Plain => {}
        }
        refs
    }
}

impl Case {
    /// Every id written in `file`: declarations and references, in no
    /// particular order.
    pub(crate) fn occurrences(&self, file: FileId) -> Vec<Occurrence<'_>> {
        self.occurrences_in(|f| f == file)
    }

    /// Every id written in the files `in_file` accepts.
    fn occurrences_in(&self, in_file: impl Fn(FileId) -> bool) -> Vec<Occurrence<'_>> {
        let mut found = Vec::new();
        for element in &self.elements {
            if in_file(element.id_span.file) {
                found.push(Occurrence {
                    name: &element.id,
                    namespace: element.kind.namespace(),
                    span: element.id_span,
                    declaration: true,
                });
            }
            for (reference, namespace) in element.references() {
                // The link `develops:` makes is written at the developing
                // element's own id: that is its declaration, not a use.
                let at_declaration = reference
                    .target
                    .is_some_and(|t| self.get(t).id_span == reference.span);
                if in_file(reference.span.file) && !at_declaration {
                    found.push(Occurrence {
                        name: &reference.name,
                        namespace,
                        span: reference.span,
                        declaration: false,
                    });
                }
            }
        }
        found
    }

    /// The id written at `offset` in `file` (the offset may be just past its
    /// last character, where an editor's cursor sits after typing it).
    pub(crate) fn occurrence_at(&self, file: FileId, offset: usize) -> Option<Occurrence<'_>> {
        self.occurrences(file)
            .into_iter()
            .filter(|o| o.span.contains(offset))
            // Prefer the id the offset is inside over one it merely touches.
            .min_by_key(|o| (o.span.end as usize == offset, o.span.start))
    }

    /// Every occurrence of `name` in `namespace` in `file`, in source order.
    pub(crate) fn occurrences_of(
        &self,
        files: &[FileId],
        namespace: Namespace,
        name: &str,
    ) -> Vec<Occurrence<'_>> {
        let mut found: Vec<Occurrence> = self
            .occurrences_in(|f| files.contains(&f))
            .into_iter()
            .filter(|o| o.namespace == namespace && o.name == name)
            .collect();
        found.sort_by_key(|o| o.span);
        found
    }

    /// The element `name` resolves to in `namespace`.
    pub fn resolve(&self, namespace: Namespace, name: &str) -> Option<ElementId> {
        match namespace {
            Namespace::Elements => self.lookup(name),
            Namespace::Definitions => self.definition(name),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{compile, Options};

    const CASE: &str = "claim top \"x\" { supported by: arg }\n\
        argument arg \"y\" { block: monitoring  watchdog: guard  supported by: missing }\n\
        component guard \"z\"\n";

    #[test]
    fn finds_declarations_and_references_with_their_namespaces() {
        let compilation = compile("t.case", CASE, Options::default());
        let case = &compilation.case;
        let at =
            |word: &str, nth: usize| CASE.match_indices(word).nth(nth).map(|(i, _)| i).unwrap();
        let arg_use = case
            .occurrence_at(compilation.file, at("arg", 0) + 1)
            .unwrap();
        assert_eq!((arg_use.name, arg_use.declaration), ("arg", false));
        let monitoring = case
            .occurrence_at(compilation.file, at("monitoring", 0))
            .unwrap();
        assert_eq!(monitoring.namespace, Namespace::Definitions);
        let role = case
            .occurrence_at(compilation.file, at("watchdog", 0))
            .unwrap();
        assert_eq!(
            (role.name, role.namespace),
            ("watchdog", Namespace::Definitions)
        );
        // An unresolved reference is still an occurrence of its name.
        let missing = case
            .occurrence_at(compilation.file, at("missing", 0))
            .unwrap();
        assert_eq!(missing.name, "missing");
        assert_eq!(
            case.occurrences_of(&[compilation.file], Namespace::Elements, "guard")
                .len(),
            2
        );
        assert!(case.resolve(Namespace::Definitions, "monitoring").is_some());
        assert!(case
            .occurrence_at(compilation.file, at("\"x\"", 0))
            .is_none());
    }

    #[test]
    fn an_offset_between_two_ids_prefers_the_one_it_is_inside() {
        let text = "claim a \"x\" { supported by: b,c }\nclaim b \"y\"\nclaim c \"z\"\n";
        let compilation = compile("t.case", text, Options::default());
        let c = text.find("b,c").unwrap() + 2;
        let found = compilation.case.occurrence_at(compilation.file, c).unwrap();
        assert_eq!(found.name, "c");
        let after_b = compilation
            .case
            .occurrence_at(compilation.file, c - 1)
            .unwrap();
        assert_eq!(after_b.name, "b");
    }
}
