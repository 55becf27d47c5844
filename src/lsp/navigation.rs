//! Go to definition, find references and rename: every id, declared or used,
//! is an occurrence of a name in one of the two namespaces (see
//! [`crate::ir::query`]).

use super::convert;
use crate::diagnostic::Code;
use crate::ir::{Occurrence, Origin};
use crate::syntax::{is_identifier, ItemKind};
use crate::Compilation;
use lsp_types::{Location, Position, Range, TextEdit, Uri, WorkspaceEdit};

fn occurrence_at(compilation: &Compilation, position: Position) -> Option<Occurrence<'_>> {
    let offset = convert::offset(compilation, position);
    compilation.case.occurrence_at(compilation.file, offset)
}

/// Where the id at `position` is declared: in the document, or in the prelude.
pub fn definition(compilation: &Compilation, uri: &Uri, position: Position) -> Option<Location> {
    let offset = convert::offset(compilation, position);
    if let Some(template) = super::templates::definition(compilation, offset) {
        return convert::location(compilation, uri, template);
    }
    let occurrence = occurrence_at(compilation, position)?;
    let target = compilation
        .case
        .resolve(occurrence.namespace, occurrence.name)?;
    convert::location(compilation, uri, compilation.case.get(target).id_span)
}

/// Every place in the document the id at `position` is written.
pub fn references(
    compilation: &Compilation,
    uri: &Uri,
    position: Position,
    include_declaration: bool,
) -> Vec<Location> {
    let Some(occurrence) = occurrence_at(compilation, position) else {
        return Vec::new();
    };
    let case = &compilation.case;
    let mut locations: Vec<Location> = case
        .occurrences_of(
            &project_files(compilation),
            occurrence.namespace,
            occurrence.name,
        )
        .into_iter()
        .filter(|o| include_declaration || !o.declaration)
        .filter_map(|o| convert::location(compilation, uri, o.span))
        .collect();
    if include_declaration {
        let prelude_declaration = case
            .resolve(occurrence.namespace, occurrence.name)
            .map(|id| case.get(id))
            .filter(|e| e.origin == Origin::Prelude);
        if let Some(element) = prelude_declaration {
            locations.extend(convert::location(compilation, uri, element.id_span));
        }
    }
    locations
}

/// The range of the id at `position`, if it may be renamed.
pub(crate) fn prepare_rename(
    compilation: &Compilation,
    position: Position,
) -> Result<Range, String> {
    let occurrence = renamable_at(compilation, position)?;
    Ok(convert::range(compilation, occurrence.span))
}

/// The edits that rename the id at `position`, its declaration and every use.
pub fn rename(
    compilation: &Compilation,
    uri: &Uri,
    position: Position,
    new_name: &str,
) -> Result<WorkspaceEdit, String> {
    let occurrence = renamable_at(compilation, position)?;
    if !is_identifier(new_name) || ItemKind::from_keyword(new_name).is_some() {
        return Err(format!(
            "`{new_name}` is not a valid id: an id starts with a letter or `_`, goes on with letters, digits, `_` or `-`, and is not an item keyword"
        ));
    }
    // In a module, ids are `MODULE::ID`: the new name is taken if the
    // module already has it.
    let module = occurrence.name.rsplit_once("::").map(|(m, _)| m);
    let new_id = module.map_or_else(|| new_name.to_string(), |m| format!("{m}::{new_name}"));
    if new_id != occurrence.name {
        if let Some(taken) = compilation.case.resolve(occurrence.namespace, &new_id) {
            let element = compilation.case.get(taken);
            return Err(format!(
                "`{new_name}` is already the id of {}{}",
                element.kind.with_article(),
                if element.origin == Origin::Prelude {
                    " in the casec prelude"
                } else {
                    ""
                }
            ));
        }
    }
    // Every file of the project that names it, each use written as it was:
    // qualified (`MODULE::ID`) or not.
    let mut changes: std::collections::BTreeMap<String, (Uri, Vec<TextEdit>)> = Default::default();
    let occurrences = compilation.case.occurrences_of(
        &project_files(compilation),
        occurrence.namespace,
        occurrence.name,
    );
    for o in occurrences {
        let Some(file_uri) = convert::file_uri(compilation, uri, o.span.file) else {
            continue;
        };
        let written = compilation.sources.text(o.span);
        let replacement = match written.rsplit_once("::") {
            Some((module, _)) => format!("{module}::{new_name}"),
            None => new_name.to_string(),
        };
        changes
            .entry(file_uri.as_str().to_string())
            .or_insert_with(|| (file_uri.clone(), Vec::new()))
            .1
            .push(TextEdit::new(
                convert::range(compilation, o.span),
                replacement,
            ));
    }
    Ok(WorkspaceEdit::new(changes.into_values().collect()))
}

/// The document's file and the modules its project imports.
fn project_files(compilation: &Compilation) -> Vec<crate::source::FileId> {
    compilation.files.iter().map(|f| f.file).collect()
}

fn renamable_at(compilation: &Compilation, position: Position) -> Result<Occurrence<'_>, String> {
    let occurrence = occurrence_at(compilation, position).ok_or("there is no id here to rename")?;
    let name = occurrence.name;
    let declared = compilation
        .case
        .resolve(occurrence.namespace, name)
        .map(|id| compilation.case.get(id));
    match declared {
        None => Err(format!("`{name}` is not declared in this project")),
        Some(element) if element.origin == Origin::Prelude => Err(format!(
            "`{name}` is built into casec (the prelude) and cannot be renamed; declare a {} of your own to replace it",
            element.kind.as_str()
        )),
        // Items that do not parse are not in the AST: their uses of the name
        // would be missed.
        Some(_) if compilation.diagnostics.iter().any(|d| d.code == Code::SyntaxError) => Err(
            "fix the syntax errors first: an item that does not parse may use this id too".into(),
        ),
        Some(_) => Ok(occurrence),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{compile, Options};

    const CASE: &str = "claim top \"x\" { supported by: arg }\n\
        argument arg \"y\" { block: monitoring  supported by: ev }\n\
        evidence ev \"z\"\n";

    fn position_of(word: &str) -> Position {
        let offset = CASE.find(word).unwrap();
        let line = CASE[..offset].matches('\n').count() as u32;
        let column = offset - CASE[..offset].rfind('\n').map_or(0, |n| n + 1);
        Position::new(line, column as u32)
    }

    fn setup() -> (Compilation, Uri) {
        let compilation = compile("t.case", CASE, Options::default());
        (compilation, "file:///t.case".parse().unwrap())
    }

    #[test]
    fn definition_and_references_of_a_case_element() {
        let (compilation, uri) = setup();
        let definition = definition(&compilation, &uri, position_of("arg }")).unwrap();
        assert_eq!(definition.range.start, position_of("arg \""));
        let all = references(&compilation, &uri, position_of("arg \""), true);
        assert_eq!(all.len(), 2);
        let uses = references(&compilation, &uri, position_of("arg \""), false);
        assert_eq!(uses.len(), 1);
    }

    #[test]
    fn prelude_names_are_found_but_not_renamed() {
        let (compilation, uri) = setup();
        let at = position_of("monitoring");
        let definition = definition(&compilation, &uri, at).unwrap();
        assert!(definition.uri.as_str().ends_with("prelude.case"));
        let error = prepare_rename(&compilation, at).unwrap_err();
        assert!(error.contains("prelude"), "{error}");
    }

    #[test]
    fn rename_checks_the_new_name() {
        let (compilation, uri) = setup();
        let at = position_of("ev }");
        assert!(prepare_rename(&compilation, at).is_ok());
        let edit = rename(&compilation, &uri, at, "results").unwrap();
        assert_eq!(edit.changes.unwrap()[&uri].len(), 2);
        for bad in ["1x", "claim", "two words"] {
            assert!(rename(&compilation, &uri, at, bad)
                .unwrap_err()
                .contains("valid id"));
        }
        let taken = rename(&compilation, &uri, at, "top").unwrap_err();
        assert_eq!(taken, "`top` is already the id of a claim");
    }
}
