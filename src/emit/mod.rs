//! Emitters: the checked IR in other forms. Every output of `casec build`
//! goes through one front door, [`render`]; links to artifacts are made in
//! one place, [`link`].

pub mod gsn;
pub mod json;
pub mod link;
pub mod prelude;
pub mod report;
pub mod risk_tree;
pub(crate) mod xml;

use crate::compile::Compilation;
use crate::ir::ElementKind;

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// The typed IR (`docs/json-schema/casec-ir.schema.json`).
    Json,
    /// The GSN diagram as SVG.
    Svg,
    /// The GSN diagram as Graphviz DOT.
    Dot,
    /// The self-contained HTML review page.
    Html,
    /// The review as Markdown.
    Markdown,
}

impl Format {
    /// Whether the output holds a diagram, so that a root applies to it.
    pub(crate) fn has_diagram(self) -> bool {
        matches!(self, Format::Svg | Format::Dot | Format::Html)
    }
}

/// What an output may depend on besides the compilation.
#[derive(Clone, Debug, Default)]
pub struct RenderOptions {
    /// Draw only the sub-argument under this element (formats with a diagram).
    pub root: Option<String>,
    /// The case file's directory as seen from where the output is read, for
    /// links to artifacts: see [`link::base`]. Empty: the same directory.
    pub link_base: String,
    /// The whole argument, one module's part, or the modules.
    pub view: gsn::model::View,
}

/// Why an output cannot be made: a mistake of the caller's, explained.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EmitError {
    /// A root was given for a format without a diagram.
    RootWithoutDiagram,
    /// The root names no element; `nearest` is a drawn one with a close name.
    UnknownRoot {
        name: String,
        nearest: Option<String>,
    },
    /// The root names an element of a kind that is not drawn.
    RootNotDrawn { name: String, kind: ElementKind },
    /// `--template` names no template of the case or the library.
    UnknownTemplate {
        name: String,
        nearest: Option<String>,
    },
    /// `--template` asks for a format without a diagram.
    TemplateWithoutDiagram,
    /// `--module` names no module of the project.
    UnknownModule {
        name: String,
        nearest: Option<String>,
    },
    /// `--module` or `--modules` asks for a format that draws no module
    /// view (JSON, Markdown), or `--modules` for the review.
    ViewWithoutDiagram,
}

impl std::fmt::Display for EmitError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EmitError::RootWithoutDiagram => write!(
                f,
                "--root applies to a diagram: use it with --emit svg, dot or html"
            ),
            EmitError::UnknownRoot {
                name,
                nearest: Some(near),
            } => write!(
                f,
                "no element is called `{name}`; did you mean `{near}`?"
            ),
            EmitError::UnknownRoot {
                name,
                nearest: None,
            } => write!(f, "no element is called `{name}`"),
            EmitError::UnknownTemplate { name, nearest } => match nearest {
                Some(near) => write!(f, "there is no template `{name}`; did you mean `{near}`?"),
                None => write!(
                    f,
                    "there is no template `{name}`; docs/templates.md lists the shipped ones"
                ),
            },
            EmitError::TemplateWithoutDiagram => write!(
                f,
                "--template draws a template: use it with --emit svg or dot"
            ),
            EmitError::UnknownModule { name, nearest } => match nearest {
                Some(near) => write!(f, "the project has no module `{name}`; did you mean `{near}`?"),
                None => write!(
                    f,
                    "the project has no module `{name}`; `casec build --emit svg --modules` draws the modules it has"
                ),
            },
            EmitError::ViewWithoutDiagram => write!(
                f,
                "--module draws one module: use it with --emit svg, dot or html; --modules draws the modules: use it with --emit svg or dot"
            ),
            EmitError::RootNotDrawn { name, kind } => write!(
                f,
                "`{name}` is {}, which is not drawn; --root takes a claim, argument, evidence, context, assumption or justification",
                kind.with_article()
            ),
        }
    }
}

impl std::error::Error for EmitError {}

/// A template of the case (or the shipped library) drawn in the GSN
/// pattern notation, as SVG or DOT.
pub fn render_template(c: &Compilation, name: &str, format: Format) -> Result<String, EmitError> {
    let template = c.template(name).ok_or_else(|| {
        let names: Vec<&str> = c.templates().iter().map(|t| t.id.name.as_str()).collect();
        EmitError::UnknownTemplate {
            name: name.to_string(),
            nearest: crate::suggest::closest(name, names).map(str::to_string),
        }
    })?;
    let drawing = gsn::Drawing::new(gsn::pattern::diagram(template));
    match format {
        Format::Svg => Ok(gsn::svg::render(&drawing, true)),
        Format::Dot => Ok(gsn::dot::render(&drawing)),
        _ => Err(EmitError::TemplateWithoutDiagram),
    }
}

/// The compilation in `format`. Deterministic: the same compilation and
/// options give byte-identical output.
pub fn render(
    c: &Compilation,
    format: Format,
    options: &RenderOptions,
) -> Result<String, EmitError> {
    let root = options.root.as_deref();
    if root.is_some() && !format.has_diagram() {
        return Err(EmitError::RootWithoutDiagram);
    }
    let view = &options.view;
    let drawn = match view {
        gsn::model::View::Whole => true,
        gsn::model::View::Module(_) => format.has_diagram(),
        gsn::model::View::Modules => matches!(format, Format::Svg | Format::Dot),
    };
    if !drawn {
        return Err(EmitError::ViewWithoutDiagram);
    }
    let drawing = || {
        let diagram = gsn::model::Diagram::view(c, view, root)?;
        Ok::<_, EmitError>(gsn::Drawing::new(diagram).with_link_base(&options.link_base))
    };
    Ok(match format {
        Format::Json => json::emit(c),
        Format::Svg => gsn::svg::render(&drawing()?, true),
        Format::Dot => gsn::dot::render(&drawing()?),
        Format::Html => report::html(c, &drawing()?, &options.link_base),
        Format::Markdown => report::markdown(c),
    })
}
