//! Templates in the editor: hover on an instance shows its template, go to
//! definition jumps from an instance to the template, and completion offers
//! template names and an instance's parameters.

use crate::ir::template::{ParamKind, INSTANCE_KEYS};
use crate::syntax::{Item, ItemKind, Member, Template, ValueKind};
use crate::Compilation;
use lsp_types::{CompletionItem, CompletionItemKind, Documentation};
use std::fmt::Write;

/// The instance item written at `offset`, if any.
fn instance_at(compilation: &Compilation, offset: usize) -> Option<&Item> {
    compilation
        .ast
        .items
        .iter()
        .find(|item| item.kind == ItemKind::Instance && item.span.contains(offset))
}

/// The template an instance item names.
fn template_of<'c>(compilation: &'c Compilation, instance: &Item) -> Option<&'c Template> {
    let body = instance.body.as_ref()?;
    let property = body
        .properties
        .iter()
        .find(|p| p.key.as_str() == "template")?;
    match &property.values.first()?.kind {
        ValueKind::Name(name) => compilation.template(name),
        _ => None,
    }
}

/// A Markdown description of a template: its text, parameters and parts.
pub fn describe(template: &Template) -> String {
    let mut out = format!("template `{}`", template.id.name);
    if let Some(text) = &template.text {
        let _ = write!(out, "\n\n{}", text.value);
    }
    if !template.params.is_empty() {
        out.push_str("\n\n**parameters**");
        for param in &template.params {
            let _ = write!(out, "\n- `{}: {}`", param.name.name, param.kind.name);
            if let Some(text) = &param.text {
                let _ = write!(out, " — {}", text.value);
            }
        }
    }
    let (mut optional, mut choices) = (Vec::new(), Vec::new());
    parts(&template.members, &mut optional, &mut choices);
    if !optional.is_empty() {
        let _ = write!(
            out,
            "\n\n**optional parts** (`include:`): {}",
            optional.join(", ")
        );
    }
    for (choice, options) in choices {
        let _ = write!(
            out,
            "\n\n**choice** `{choice}`: one of {}",
            options.join(", ")
        );
    }
    out
}

fn parts(members: &[Member], optional: &mut Vec<String>, choices: &mut Vec<(String, Vec<String>)>) {
    for member in members {
        match member {
            Member::Item(_) | Member::Param(_) => {}
            Member::For { members, .. } => parts(members, optional, choices),
            Member::Optional(part) => {
                optional.push(format!("`{}`", part.name.name));
                parts(&part.members, optional, choices);
            }
            Member::Choice { part, options } => {
                let names = options
                    .iter()
                    .map(|o| format!("`{}`", o.name.name))
                    .collect();
                choices.push((part.name.name.to_string(), names));
                for option in options {
                    parts(&option.members, optional, choices);
                }
            }
        }
    }
}

/// Hover text for an instance's id or its `template:` value, and the span
/// it describes.
pub fn hover(compilation: &Compilation, offset: usize) -> Option<(String, crate::source::Span)> {
    let instance = instance_at(compilation, offset)?;
    let template = template_of(compilation, instance)?;
    let on_id = instance.id.span.contains(offset) || instance.kind_span.contains(offset);
    let on_template = instance.body.as_ref().and_then(|body| {
        body.properties
            .iter()
            .filter(|p| p.key.as_str() == "template")
            .flat_map(|p| p.values.iter())
            .find(|v| v.span.contains(offset))
            .map(|v| v.span)
    });
    let span = match (on_id, on_template) {
        (true, _) => instance.id.span,
        (false, Some(value)) => value,
        (false, None) => return None,
    };
    let mut text = describe(template);
    if let Some(expanded) = compilation
        .instances
        .iter()
        .find(|i| i.id == instance.id.name)
    {
        let _ = write!(
            text,
            "\n\nthis instance writes {} elements, named `{}.…`",
            expanded.elements, expanded.id
        );
    }
    Some((text, span))
}

/// Where the template of the instance at `offset` is declared.
pub fn definition(compilation: &Compilation, offset: usize) -> Option<crate::source::Span> {
    let instance = instance_at(compilation, offset)?;
    let body = instance.body.as_ref()?;
    let on_template = body
        .properties
        .iter()
        .any(|p| p.key.as_str() == "template" && p.values.iter().any(|v| v.span.contains(offset)));
    (on_template || instance.id.span.contains(offset))
        .then(|| template_of(compilation, instance).map(|t| t.id.span))
        .flatten()
}

/// Completion in an instance's body: its parameters and keys for a key,
/// the templates for `template:`.
pub fn completion(
    compilation: &Compilation,
    offset: usize,
    key: Option<&str>,
) -> Vec<CompletionItem> {
    if key == Some("template") {
        return compilation
            .templates()
            .into_iter()
            .map(|template| CompletionItem {
                label: template.id.name.to_string(),
                kind: Some(CompletionItemKind::CLASS),
                detail: template.text.as_ref().map(|t| t.value.to_string()),
                documentation: Some(Documentation::String(describe(template))),
                ..Default::default()
            })
            .collect();
    }
    if key.is_some() {
        return Vec::new();
    }
    let template = instance_at(compilation, offset).and_then(|i| template_of(compilation, i));
    let mut items: Vec<CompletionItem> = INSTANCE_KEYS
        .iter()
        .map(|key| CompletionItem {
            label: key.to_string(),
            kind: Some(CompletionItemKind::PROPERTY),
            insert_text: Some(format!("{key}: ")),
            ..Default::default()
        })
        .collect();
    if let Some(template) = template {
        for param in &template.params {
            let kind = ParamKind::parse(&param.kind.name);
            items.push(CompletionItem {
                label: param.name.name.to_string(),
                kind: Some(CompletionItemKind::FIELD),
                detail: kind.map(|k| k.as_str().to_string()),
                documentation: param
                    .text
                    .as_ref()
                    .map(|t| Documentation::String(t.value.to_string())),
                insert_text: Some(format!("{}: ", param.name.name)),
                ..Default::default()
            });
        }
        let (mut optional, mut choices) = (Vec::new(), Vec::new());
        parts(&template.members, &mut optional, &mut choices);
        for (choice, options) in choices {
            items.push(CompletionItem {
                label: choice.clone(),
                kind: Some(CompletionItemKind::ENUM),
                detail: Some(format!("one of {}", options.join(", "))),
                insert_text: Some(format!("{choice}: ")),
                ..Default::default()
            });
        }
    }
    items
}
