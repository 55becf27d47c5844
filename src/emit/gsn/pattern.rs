//! A template drawn in the GSN pattern notation (GSN Community Standard,
//! part 1, section 1:4 "Patterns"): its elements as written, with the
//! uninstantiated decorator on those that hold a parameter, and each link
//! marked where the template repeats, makes optional, or chooses what it
//! points at (multiplicity: a filled ball; optionality: a hollow ball;
//! choice: a hollow diamond).

use super::model::{Diagram, Edge, Node, PatternMark, Relation};
use crate::syntax::kinds::GsnShape;
use crate::syntax::{Item, ItemKind, Key, Member, Template, ValueKind};
use std::collections::HashMap;

/// Where in a template an item is written: the parts around it, outermost
/// first, each with the `for` variable's list when it is a repetition.
#[derive(Clone, Debug, PartialEq)]
enum Part<'t> {
    For { var: &'t str, list: &'t str },
    Optional(&'t str),
    Option(&'t str),
}

impl Part<'_> {
    fn mark(&self) -> PatternMark {
        match self {
            Part::For { .. } => PatternMark::Multiple,
            Part::Optional(_) => PatternMark::Optional,
            Part::Option(_) => PatternMark::Choice,
        }
    }
}

/// The diagram of a template: one node per item it writes (an instance
/// inside it is left out: it is drawn with its own template).
pub fn diagram(template: &Template) -> Diagram {
    let mut items: Vec<(&Item, Vec<Part>)> = Vec::new();
    collect(&template.members, &mut Vec::new(), &mut items);
    // By id with `for` variables written as their lists: the options of a
    // choice may declare the same id, and a link points at each.
    let mut index: HashMap<String, Vec<usize>> = HashMap::new();
    let mut nodes = Vec::new();
    for (item, parts) in &items {
        let Some(shape) = item.kind.element().and_then(|k| k.gsn_shape()) else {
            continue;
        };
        index
            .entry(normal(&item.id.name, parts))
            .or_default()
            .push(nodes.len());
        let text = item.text.as_ref().map_or("", |t| &t.value).to_string();
        let undeveloped = item
            .body
            .as_ref()
            .is_some_and(|b| b.properties.iter().any(|p| p.key.as_str() == "undeveloped"));
        let uninstantiated = item.id.name.contains('{') || text.contains('{');
        nodes.push(pattern_node(
            nodes.len(),
            &item.id.name,
            shape,
            text,
            undeveloped,
            uninstantiated,
        ));
    }
    let mut edges = Vec::new();
    let drawn: Vec<&(&Item, Vec<Part>)> = items
        .iter()
        .filter(|(item, _)| item.kind.element().and_then(|k| k.gsn_shape()).is_some())
        .collect();
    let mut drawn_parts: Vec<Vec<Part>> = drawn.iter().map(|(_, parts)| parts.clone()).collect();
    let param_kinds: HashMap<&str, &str> = template
        .params
        .iter()
        .map(|p| (p.name.name.as_str(), p.kind.name.as_str()))
        .collect();
    for (from, (item, parts)) in drawn.iter().enumerate() {
        let Some(body) = &item.body else { continue };
        for property in body.properties.iter() {
            let relation = match property.key {
                Key::SupportedBy => Relation::SupportedBy,
                Key::InContextOf => Relation::InContextOf,
                Key::Named(_) => continue,
            };
            for value in property.values.iter() {
                let ValueKind::Name(name) = &value.kind else {
                    continue;
                };
                let key = normal(name, parts);
                if !index.contains_key(&key) {
                    // A reference the instance fills in (`{evidence}`,
                    // `{models}.no_uplift`): drawn as an uninstantiated
                    // element of its own, once per name.
                    if !name.contains('{') {
                        continue;
                    }
                    index.insert(key.clone(), vec![nodes.len()]);
                    nodes.push(given(name, relation, nodes.len()));
                    drawn_parts.push(Vec::new());
                }
                let kind_of = |p: &str| param_kinds.get(p).copied();
                for &to in &index[&key] {
                    let target_parts = &drawn_parts[to];
                    // The first part around the target that is not also
                    // around the source: what the link repeats, makes
                    // optional or chooses. Within one repetition a link is
                    // one to one.
                    let pattern = target_parts
                        .iter()
                        .enumerate()
                        .find(|(i, part)| parts.get(*i) != Some(part))
                        .map(|(_, part)| part.mark())
                        .or_else(|| written_for_each(name, parts, &kind_of));
                    edges.push(Edge {
                        from,
                        to,
                        relation,
                        beside: relation == Relation::InContextOf,
                        defeated: false,
                        pattern,
                    });
                }
            }
        }
    }
    Diagram {
        title: format!("template {}", template.id.name),
        nodes,
        edges,
        categories: Vec::new(),
    }
}

/// An element the instance names through a parameter: a goal (or, for a
/// context link, a context) that holds the reference as written.
fn given(name: &str, relation: Relation, index: usize) -> Node {
    let shape = if relation == Relation::InContextOf {
        GsnShape::Context
    } else {
        GsnShape::Goal
    };
    pattern_node(
        index,
        name,
        shape,
        "given by each instance".into(),
        false,
        true,
    )
}

/// A node of a pattern diagram: a template's element as written, with
/// none of what the analysis of a case adds.
fn pattern_node(
    index: usize,
    id: &str,
    shape: GsnShape,
    text: String,
    undeveloped: bool,
    uninstantiated: bool,
) -> Node {
    Node {
        undeveloped,
        uninstantiated,
        ..Node::plain(index, id.to_string(), shape, text)
    }
}

/// A reference that stands for each member of a list: a list parameter
/// alone (`{evidence}`) or inside a longer word (`{settings}-below`), unless
/// it is the variable of a `for` around the reference.
fn written_for_each<'k>(
    name: &str,
    parts: &[Part],
    kind_of: &dyn Fn(&str) -> Option<&'k str>,
) -> Option<PatternMark> {
    let in_loop = |placeholder: &str| {
        parts
            .iter()
            .any(|p| matches!(p, Part::For { var, .. } if *var == placeholder))
    };
    let placeholders: Vec<&str> = name
        .split('{')
        .skip(1)
        .filter_map(|rest| rest.split_once('}').map(|(p, _)| p))
        .collect();
    let whole = name.starts_with('{') && name.ends_with('}') && placeholders.len() == 1;
    // Alone, a `members` parameter is its context and a `list` its
    // members; inside a longer word, either is each member.
    let each = placeholders.iter().any(|p| {
        !in_loop(p)
            && match kind_of(p) {
                Some("list") => true,
                Some("members") => !whole,
                _ => false,
            }
    });
    each.then_some(PatternMark::Multiple)
}

/// An id or reference with each `for` variable written as its list, so that
/// `{setting}-below` inside `for setting in settings` and `{settings}-below`
/// outside it name the same node.
fn normal(name: &str, parts: &[Part]) -> String {
    let mut normal = name.to_string();
    for part in parts.iter().rev() {
        if let Part::For { var, list } = part {
            normal = normal.replace(&format!("{{{var}}}"), &format!("{{{list}}}"));
        }
    }
    normal
}

fn collect<'t>(
    members: &'t [Member],
    parts: &mut Vec<Part<'t>>,
    items: &mut Vec<(&'t Item, Vec<Part<'t>>)>,
) {
    for member in members {
        match member {
            Member::Item(item) if item.kind != ItemKind::Instance => {
                items.push((item, parts.clone()));
            }
            Member::Item(_) | Member::Param(_) => {}
            Member::For {
                var, list, members, ..
            } => {
                parts.push(Part::For {
                    var: &var.name,
                    list: &list.name,
                });
                collect(members, parts, items);
                parts.pop();
            }
            Member::Optional(part) => {
                parts.push(Part::Optional(&part.name.name));
                collect(&part.members, parts, items);
                parts.pop();
            }
            Member::Choice { options, .. } => {
                for option in options {
                    parts.push(Part::Option(&option.name.name));
                    collect(&option.members, parts, items);
                    parts.pop();
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileId;

    fn template(text: &str) -> Template {
        let (ast, errors) = crate::syntax::parse(FileId(1), text);
        assert!(errors.is_empty(), "{errors:#?}");
        ast.templates.into_iter().next().expect("a template")
    }

    #[test]
    fn links_are_marked_where_the_template_repeats_makes_optional_or_chooses() {
        let diagram = diagram(&template(
            r#"template t "T" {
  param models: members
  claim top "Safe" { supported by: over }
  argument over "Over {models}" { supported by: {models}-safe, margin, method }
  for m in models {
    claim {m}-safe "{m} is safe" { supported by: {m}-evals }
    evidence {m}-evals "Evals of {m}"
  }
  optional extra "A margin" {
    evidence margin "A margin"
  }
  choice how "How" {
    option a { evidence method "A" }
    option b { evidence method "B" }
  }
}
"#,
        ));
        let ids: Vec<&str> = diagram.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "top",
                "over",
                "{m}-safe",
                "{m}-evals",
                "margin",
                "method",
                "method"
            ]
        );
        let uninstantiated: Vec<bool> = diagram.nodes.iter().map(|n| n.uninstantiated).collect();
        assert_eq!(
            uninstantiated,
            [false, true, true, true, false, false, false]
        );
        let marks: Vec<(usize, usize, Option<PatternMark>)> = diagram
            .edges
            .iter()
            .map(|e| (e.from, e.to, e.pattern))
            .collect();
        assert_eq!(
            marks,
            [
                (0, 1, None),
                (1, 2, Some(PatternMark::Multiple)),
                (1, 4, Some(PatternMark::Optional)),
                (1, 5, Some(PatternMark::Choice)),
                (1, 6, Some(PatternMark::Choice)),
                (2, 3, None),
            ]
        );
    }
}
