//! Reading gsn2x files: YAML into a small tree with a line per node, then
//! into elements, a `module` header and what is not carried over.

use super::{Error, Source};
use saphyr::{LoadableYamlNode, MarkedYaml, Scalar, YamlData};
use std::collections::BTreeSet;

#[derive(Clone, Debug)]
pub(super) struct Node {
    pub(super) line: usize,
    pub(super) value: Value,
}

#[derive(Clone, Debug)]
pub(super) enum Value {
    Null,
    Bool(bool),
    /// A number, as its value prints.
    Number(String),
    Str(String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
    /// `!tag value` (gsn2x writes `horizontalIndex: !relative -1`).
    Tagged(String, Box<Node>),
}

/// Deeper nesting than any gsn2x file has; the tree is walked recursively.
const MAX_DEPTH: usize = 64;

pub(super) fn load(source: Source<'_>) -> Result<Vec<Node>, Error> {
    let documents = MarkedYaml::load_from_str(source.text).map_err(|e| Error::Yaml {
        source: source.path.to_string(),
        line: e.marker().line(),
        column: e.marker().col() + 1,
        message: e.info().to_string(),
    })?;
    documents.iter().map(|d| node(d, 0, source.path)).collect()
}

pub(super) fn node(yaml: &MarkedYaml<'_>, depth: usize, path: &str) -> Result<Node, Error> {
    let line = yaml.span.start.line();
    if depth > MAX_DEPTH {
        return Err(Error::Shape {
            source: path.to_string(),
            line,
            message: format!("the YAML is nested more than {MAX_DEPTH} levels deep"),
        });
    }
    let value = match &yaml.data {
        YamlData::Value(scalar) => scalar_value(scalar),
        YamlData::Representation(raw, _, _) => Value::Str(raw.to_string()),
        YamlData::Sequence(items) => Value::Seq(
            items
                .iter()
                .map(|i| node(i, depth + 1, path))
                .collect::<Result<_, _>>()?,
        ),
        YamlData::Mapping(map) => Value::Map(
            map.iter()
                .map(|(k, v)| Ok((node(k, depth + 1, path)?, node(v, depth + 1, path)?)))
                .collect::<Result<_, Error>>()?,
        ),
        YamlData::Tagged(tag, inner) => Value::Tagged(
            format!("{}{}", tag.handle, tag.suffix),
            Box::new(node(inner, depth + 1, path)?),
        ),
        YamlData::Alias(_) | YamlData::BadValue => Value::Null,
    };
    Ok(Node { line, value })
}

pub(super) fn scalar_value(scalar: &Scalar<'_>) -> Value {
    match scalar {
        Scalar::Null => Value::Null,
        Scalar::Boolean(b) => Value::Bool(*b),
        Scalar::Integer(i) => Value::Number(i.to_string()),
        Scalar::FloatingPoint(f) => Value::Number(f.to_string()),
        Scalar::String(s) => Value::Str(s.to_string()),
    }
}

impl Node {
    /// A scalar as text (`text: 42` is the text "42"); `None` for a
    /// collection or null.
    pub(super) fn scalar(&self) -> Option<String> {
        match &self.value {
            Value::Str(s) | Value::Number(s) => Some(s.clone()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Tagged(_, inner) => inner.scalar(),
            Value::Null | Value::Seq(_) | Value::Map(_) => None,
        }
    }

    /// A string or a list of strings (gsn2x takes both for links).
    pub(super) fn strings(&self) -> Option<Vec<String>> {
        match &self.value {
            Value::Seq(items) => items.iter().map(Node::scalar).collect(),
            Value::Null => Some(Vec::new()),
            _ => self.scalar().map(|s| vec![s]),
        }
    }

    /// The value on one line, for a comment or a message.
    pub(super) fn render(&self) -> String {
        match &self.value {
            Value::Null => "null".into(),
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => n.clone(),
            Value::Str(s) => one_line(s),
            Value::Seq(items) => {
                let items: Vec<String> = items.iter().map(Node::render).collect();
                format!("[{}]", items.join(", "))
            }
            Value::Map(entries) => {
                let entries: Vec<String> = entries
                    .iter()
                    .map(|(k, v)| format!("{}: {}", k.render(), v.render()))
                    .collect();
                format!("{{{}}}", entries.join(", "))
            }
            Value::Tagged(tag, inner) => format!("{tag} {}", inner.render()),
        }
    }
}

/// A string as it can stand on one line of a comment: as it is when it is
/// plain, else quoted with JSON escapes.
pub(super) fn one_line(s: &str) -> String {
    let plain = !s.is_empty()
        && !s.starts_with(' ')
        && !s.ends_with(' ')
        && !s.contains(['"', '[', ']', '{', '}', ','])
        && !s.chars().any(|c| {
            c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{85}')
        });
    if plain {
        s.to_string()
    } else {
        serde_json::to_string(s).unwrap_or_default()
    }
}

// ---------------------------------------------------------------------------
// A gsn2x file, read.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Goal,
    Strategy,
    Solution,
    Context,
    Assumption,
    Justification,
    CounterGoal,
    CounterSolution,
}

impl Kind {
    pub(super) fn from_prefix(id: &str) -> Option<Kind> {
        // The order matters: `CG` before `C` and `G`, `CSn` and `Sn` before `S`.
        [
            ("CG", Kind::CounterGoal),
            ("G", Kind::Goal),
            ("CSn", Kind::CounterSolution),
            ("Sn", Kind::Solution),
            ("S", Kind::Strategy),
            ("C", Kind::Context),
            ("A", Kind::Assumption),
            ("J", Kind::Justification),
        ]
        .into_iter()
        .find(|(prefix, _)| id.starts_with(prefix))
        .map(|(_, kind)| kind)
    }

    pub(super) fn from_node_type(name: &str) -> Option<Kind> {
        Some(match name {
            "Goal" => Kind::Goal,
            "Strategy" => Kind::Strategy,
            "Solution" => Kind::Solution,
            "Context" => Kind::Context,
            "Assumption" => Kind::Assumption,
            "Justification" => Kind::Justification,
            "CounterGoal" => Kind::CounterGoal,
            "CounterSolution" => Kind::CounterSolution,
            _ => return None,
        })
    }

    pub(super) fn gsn_name(self) -> &'static str {
        match self {
            Kind::Goal => "Goal",
            Kind::Strategy => "Strategy",
            Kind::Solution => "Solution",
            Kind::Context => "Context",
            Kind::Assumption => "Assumption",
            Kind::Justification => "Justification",
            Kind::CounterGoal => "CounterGoal",
            Kind::CounterSolution => "CounterSolution",
        }
    }

    /// The casec keyword; `None` for the dialectic elements.
    pub(super) fn keyword(self) -> Option<&'static str> {
        Some(match self {
            Kind::Goal => "claim",
            Kind::Strategy => "argument",
            Kind::Solution => "evidence",
            Kind::Context => "context",
            Kind::Assumption => "assumption",
            Kind::Justification => "justification",
            Kind::CounterGoal | Kind::CounterSolution => return None,
        })
    }

    /// What casec's `supported by` on this kind may name.
    pub(super) fn supports(self, target: Kind) -> bool {
        let supporting = matches!(target, Kind::Goal | Kind::Strategy | Kind::Solution);
        match self {
            Kind::Goal | Kind::Assumption | Kind::Justification => supporting,
            // A casec argument rests on claims and evidence.
            Kind::Strategy => matches!(target, Kind::Goal | Kind::Solution),
            _ => false,
        }
    }

    pub(super) fn takes_context(self) -> bool {
        matches!(self, Kind::Goal | Kind::Strategy)
    }

    pub(super) fn is_context(self) -> bool {
        matches!(self, Kind::Context | Kind::Assumption | Kind::Justification)
    }

    pub(super) fn can_be_undeveloped(self) -> bool {
        matches!(self, Kind::Goal | Kind::Strategy)
    }
}

/// An attribute that is not carried over, with its value.
#[derive(Clone, Debug)]
pub(super) struct Leftover {
    pub(super) key: String,
    pub(super) value: String,
    pub(super) line: usize,
    pub(super) why: String,
}

#[derive(Debug)]
pub(super) struct Element {
    pub(super) id: String,
    pub(super) line: usize,
    /// `None`: neither the prefix nor `nodeType` says what it is.
    pub(super) kind: Option<Kind>,
    pub(super) text: String,
    pub(super) supported_by: Vec<(String, usize)>,
    pub(super) in_context_of: Vec<(String, usize)>,
    pub(super) undeveloped: bool,
    pub(super) url: Option<(String, usize)>,
    pub(super) leftovers: Vec<Leftover>,
}

#[derive(Debug, Default)]
pub(super) struct Header {
    pub(super) line: usize,
    pub(super) name: Option<String>,
    pub(super) brief: Option<String>,
    /// Resolved paths, with the line they are named on.
    pub(super) uses: Vec<(String, usize)>,
    /// The paths as written.
    pub(super) uses_written: Vec<String>,
    pub(super) extends: Vec<Extension>,
    pub(super) leftovers: Vec<Leftover>,
}

#[derive(Debug)]
pub(super) struct Extension {
    pub(super) module: String,
    pub(super) line: usize,
    /// (the other module's goal, the elements of this one that develop it, line)
    pub(super) develops: Vec<(String, Vec<String>, usize)>,
}

#[derive(Debug)]
pub(super) struct File {
    pub(super) path: String,
    pub(super) header: Header,
    pub(super) elements: Vec<Element>,
    /// Notes about the file itself (more than one YAML document, …).
    pub(super) notes: Vec<(usize, String)>,
}

pub(super) fn shape(path: &str, line: usize, message: impl Into<String>) -> Error {
    Error::Shape {
        source: path.to_string(),
        line,
        message: message.into(),
    }
}

pub(super) fn parse_file(source: Source<'_>) -> Result<File, Error> {
    let documents = load(source)?;
    let mut file = File {
        path: source.path.to_string(),
        header: Header::default(),
        elements: Vec::new(),
        notes: Vec::new(),
    };
    for extra in documents.iter().skip(1) {
        file.notes.push((
            extra.line,
            format!(
                "a further YAML document (gsn2x reads only the first): {}",
                extra.render()
            ),
        ));
    }
    let Some(root) = documents.into_iter().next() else {
        return Ok(file);
    };
    let entries = match root.value {
        Value::Map(entries) => entries,
        Value::Null => return Ok(file),
        _ => {
            return Err(shape(
                source.path,
                root.line,
                "a gsn2x file is a mapping from element ids to their attributes",
            ))
        }
    };
    let mut seen = BTreeSet::new();
    for (key, value) in entries {
        let Some(id) = key.scalar() else {
            return Err(shape(
                source.path,
                key.line,
                format!("an element id must be a plain word, not {}", key.render()),
            ));
        };
        if !seen.insert(id.clone()) {
            return Err(shape(
                source.path,
                key.line,
                format!("`{id}` is declared twice"),
            ));
        }
        if id == "module" {
            file.header = parse_header(source.path, key.line, value)?;
        } else {
            file.elements
                .push(parse_element(source.path, id, key.line, value)?);
        }
    }
    Ok(file)
}

pub(super) fn entries_of(path: &str, what: &str, node: Node) -> Result<Vec<(Node, Node)>, Error> {
    match node.value {
        Value::Map(entries) => Ok(entries),
        Value::Null => Ok(Vec::new()),
        _ => Err(shape(
            path,
            node.line,
            format!(
                "{what} must be a mapping of attributes, not {}",
                node.render()
            ),
        )),
    }
}

pub(super) fn parse_element(
    path: &str,
    id: String,
    line: usize,
    value: Node,
) -> Result<Element, Error> {
    let entries = entries_of(path, &format!("element `{id}`"), value)?;
    let mut element = Element {
        kind: Kind::from_prefix(&id),
        id,
        line,
        text: String::new(),
        supported_by: Vec::new(),
        in_context_of: Vec::new(),
        undeveloped: false,
        url: None,
        leftovers: Vec::new(),
    };
    let mut node_type = None;
    for (key, value) in entries {
        let key_text = key.scalar().unwrap_or_else(|| key.render());
        let line = key.line;
        let leftover = |why: &str| Leftover {
            key: key_text.clone(),
            value: value.render(),
            line,
            why: why.to_string(),
        };
        match key_text.as_str() {
            "text" => match value.scalar() {
                Some(text) => element.text = text,
                None if matches!(value.value, Value::Null) => {}
                None => element.leftovers.push(leftover("a text must be a string")),
            },
            "supportedBy" | "inContextOf" => match value.strings() {
                Some(ids) => {
                    let list = if key_text == "supportedBy" {
                        &mut element.supported_by
                    } else {
                        &mut element.in_context_of
                    };
                    list.extend(ids.into_iter().map(|id| (id, line)));
                }
                None => element
                    .leftovers
                    .push(leftover("not an id or a list of ids")),
            },
            "undeveloped" => match value.value {
                Value::Bool(b) => element.undeveloped = b,
                _ => element.leftovers.push(leftover("not true or false")),
            },
            "url" => match value.scalar() {
                Some(url) => element.url = Some((url, line)),
                None => element.leftovers.push(leftover("not a string")),
            },
            "nodeType" => {
                node_type = Some((value.scalar().unwrap_or_else(|| value.render()), line));
            }
            "horizontalIndex" | "rankIncrement" | "level" => element
                .leftovers
                .push(leftover("a layout hint: casec lays diagrams out itself")),
            "charWrap" => element
                .leftovers
                .push(leftover("a text-wrapping hint: casec wraps texts itself")),
            "classes" => element
                .leftovers
                .push(leftover("CSS classes for gsn2x's SVG")),
            "acp" => element.leftovers.push(leftover(
                "assurance claim points (the confidence argument extension): casec has none",
            )),
            "challenges" | "defeated" | "defeatedRelation" => element.leftovers.push(leftover(
                "the dialectic extension: casec's defeaters are not gsn2x's counter-arguments",
            )),
            _ => element.leftovers.push(leftover(
                "a layer (extra information gsn2x shows with --layers): casec has no such property",
            )),
        }
    }
    if let Some((name, line)) = node_type {
        match Kind::from_node_type(&name) {
            Some(kind) => element.kind = Some(kind),
            None => {
                element.kind = None;
                element.leftovers.push(Leftover {
                    key: "nodeType".into(),
                    value: one_line(&name),
                    line,
                    why: "not a gsn2x node type".into(),
                });
            }
        }
    }
    Ok(element)
}

pub(super) fn parse_header(path: &str, line: usize, value: Node) -> Result<Header, Error> {
    let entries = entries_of(path, "`module`", value)?;
    let mut header = Header {
        line,
        ..Header::default()
    };
    for (key, value) in entries {
        let key_text = key.scalar().unwrap_or_else(|| key.render());
        let line = key.line;
        let leftover = |why: &str| Leftover {
            key: key_text.clone(),
            value: value.render(),
            line,
            why: why.to_string(),
        };
        match key_text.as_str() {
            "name" => header.name = value.scalar(),
            "brief" => header.brief = value.scalar(),
            "uses" => match value.strings() {
                Some(paths) => {
                    header
                        .uses
                        .extend(paths.iter().map(|p| (resolve(path, p), line)));
                    header.uses_written.extend(paths);
                }
                None => header.leftovers.push(leftover("not a list of files")),
            },
            "extends" => header.extends = parse_extends(path, value)?,
            "horizontalIndex" | "rankIncrement" => header
                .leftovers
                .push(leftover("a layout hint for gsn2x's architecture view")),
            "charWrap" | "stylesheets" => header
                .leftovers
                .push(leftover("styling of gsn2x's diagrams")),
            _ => header
                .leftovers
                .push(leftover("module information casec has no property for")),
        }
    }
    Ok(header)
}

pub(super) fn parse_extends(path: &str, value: Node) -> Result<Vec<Extension>, Error> {
    let items = match value.value {
        Value::Seq(items) => items,
        Value::Null => Vec::new(),
        _ => {
            return Err(shape(
                path,
                value.line,
                "`extends` must be a list of `{module: …, develops: {…}}`",
            ))
        }
    };
    let mut extensions = Vec::new();
    for item in items {
        let line = item.line;
        let entries = entries_of(path, "an `extends` entry", item)?;
        let mut module = None;
        let mut develops = Vec::new();
        for (key, value) in entries {
            match key.scalar().as_deref() {
                Some("module") => module = value.scalar(),
                Some("develops") => {
                    for (goal, elements) in entries_of(path, "`develops`", value)? {
                        let (Some(goal_id), Some(ids)) = (goal.scalar(), elements.strings()) else {
                            return Err(shape(
                                path,
                                goal.line,
                                "`develops` maps a goal of the other module to a list of ids",
                            ));
                        };
                        develops.push((goal_id, ids, goal.line));
                    }
                }
                _ => {
                    return Err(shape(
                        path,
                        key.line,
                        format!(
                            "an `extends` entry takes `module` and `develops`, not {}",
                            key.render()
                        ),
                    ))
                }
            }
        }
        let Some(module) = module else {
            return Err(shape(path, line, "an `extends` entry needs `module`"));
        };
        extensions.push(Extension {
            module,
            line,
            develops,
        });
    }
    Ok(extensions)
}

/// `used`, relative to the folder of `from`, without `.` and with `..`
/// taken back where it can be (lexically: nothing is read here).
pub fn resolve(from: &str, used: &str) -> String {
    let used = used.replace('\\', "/");
    let from = from.replace('\\', "/");
    let base = if used.starts_with('/') {
        ""
    } else {
        from.rsplit_once('/').map_or("", |(dir, _)| dir)
    };
    let absolute = used.starts_with('/') || base.starts_with('/');
    let mut parts: Vec<&str> = Vec::new();
    for part in base.split('/').chain(used.split('/')) {
        match part {
            "" | "." => {}
            ".." if parts.last().is_some_and(|p| *p != "..") => {
                parts.pop();
            }
            ".." if absolute => {}
            part => parts.push(part),
        }
    }
    let joined = parts.join("/");
    if absolute {
        format!("/{joined}")
    } else {
        joined
    }
}
