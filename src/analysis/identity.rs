//! Which model each component runs. Components are roles in the
//! macrosystem; the rules care about the weights that play them, so two
//! components with one model share every disposition (docs/language.md,
//! "Model identity").

use crate::ir::{Case, ElementId};

/// A `version:` or evidence `model:` value: one or more versions separated
/// by commas, each exact (`frontier-2026-11`) or a family ending in `*`
/// (`frontier-2026-*`: every checkpoint of an online-trained model).
#[derive(Clone, Copy, Debug)]
pub struct Versions<'a>(&'a str);

impl<'a> Versions<'a> {
    pub fn new(text: &'a str) -> Versions<'a> {
        Versions(text)
    }

    fn each(self) -> impl Iterator<Item = Version<'a>> {
        self.0
            .split(',')
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(|v| match v.strip_suffix('*') {
                Some(prefix) => Version::Family(prefix),
                None => Version::Exact(v),
            })
    }

    /// Whether some model is named by both.
    pub fn overlap(self, other: Versions<'_>) -> bool {
        self.each().any(|a| other.each().any(|b| a.overlaps(b)))
    }
}

#[derive(Clone, Copy, Debug)]
enum Version<'a> {
    Exact(&'a str),
    Family(&'a str),
}

impl Version<'_> {
    fn overlaps(self, other: Version<'_>) -> bool {
        match (self, other) {
            (Version::Exact(a), Version::Exact(b)) => a == b,
            (Version::Exact(v), Version::Family(f)) | (Version::Family(f), Version::Exact(v)) => {
                v.starts_with(f)
            }
            (Version::Family(a), Version::Family(b)) => a.starts_with(b) || b.starts_with(a),
        }
    }
}

/// The model a component runs, if the case says.
pub fn model_of(case: &Case, component: ElementId) -> Option<&crate::ir::Spanned<String>> {
    case.get(component).component()?.version.as_ref()
}

/// Whether two different components run one model.
pub fn same_model(case: &Case, a: ElementId, b: ElementId) -> bool {
    a != b
        && match (model_of(case, a), model_of(case, b)) {
            (Some(x), Some(y)) => Versions::new(&x.value).overlap(Versions::new(&y.value)),
            _ => false,
        }
}

#[cfg(test)]
mod tests {
    use super::Versions;

    fn overlap(a: &str, b: &str) -> bool {
        Versions::new(a).overlap(Versions::new(b))
    }

    #[test]
    fn exact_versions_overlap_only_when_equal() {
        assert!(overlap("frontier-2026-11", "frontier-2026-11"));
        assert!(!overlap("frontier-2026-11", "frontier-2026-12"));
        assert!(!overlap("", "frontier-2026-11"));
    }

    #[test]
    fn a_family_holds_every_version_it_prefixes() {
        assert!(overlap("frontier-2026-*", "frontier-2026-11"));
        assert!(overlap("frontier-2026-11", "frontier-*"));
        assert!(!overlap("frontier-2027-*", "frontier-2026-11"));
        assert!(overlap("frontier-*", "frontier-2026-*"));
        assert!(!overlap("chat-*", "frontier-*"));
    }

    #[test]
    fn lists_overlap_when_one_member_does() {
        assert!(overlap("ckpt-1, ckpt-2", "ckpt-2"));
        assert!(overlap("probe-v1, agent-*", "agent-7"));
        assert!(!overlap("ckpt-1, ckpt-2", "ckpt-3, ckpt-4"));
    }
}
