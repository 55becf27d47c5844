//! Strength: the most confidence each element can give, from the maximum
//! strength the prelude (or the case) rates each building block with.
//!
//! It flows up the support the same way risk does: premises that are all
//! needed give no more than the weakest of them; alternatives give as much as
//! the strongest; an argument gives no more than its own block's rating.
//! Evidence and plain decompositions carry no rating of their own, so they
//! pass on what is below them (unrated when nothing below is rated).

use super::risk::applied_combine;
use crate::ir::{Case, Combine, ElementId, Graph, Rating};

/// A rating and the element whose building block sets it.
pub(crate) type Rated = Option<(Rating, ElementId)>;

#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct NodeStrength {
    /// The most this element can give.
    pub max: Rated,
    /// What its support gives, before its own block caps it.
    pub support: Rated,
}

#[derive(Debug, Default)]
pub struct Strength {
    /// Per element, indexed by [`ElementId`].
    pub nodes: Vec<NodeStrength>,
}

/// The rating an argument's building block gives, read from the block's data.
pub(crate) fn block_strength(case: &Case, id: ElementId) -> Option<Rating> {
    let argument = case.get(id).argument()?;
    let block = case.target(argument.block.as_ref()?)?.block()?;
    block.strength.as_ref().map(|s| s.value)
}

impl Strength {
    pub fn new(case: &Case, graph: &Graph) -> Strength {
        let mut nodes = vec![NodeStrength::default(); case.elements.len()];
        for &id in &graph.post_order {
            let below = graph.premises(id).filter_map(|c| nodes[c.index()].max);
            let support = match applied_combine(case, graph, id) {
                Combine::All => below.min_by_key(|(rating, _)| *rating),
                Combine::Any | Combine::Independent | Combine::Chain => {
                    below.max_by_key(|(rating, _)| *rating)
                }
            };
            let own = block_strength(case, id).map(|rating| (rating, id));
            let max = match (own, support) {
                (Some(own), Some(support)) if support.0 < own.0 => Some(support),
                (Some(own), _) => Some(own),
                (None, support) => support,
            };
            nodes[id.index()] = NodeStrength { max, support };
        }
        Strength { nodes }
    }

    pub fn of(&self, id: ElementId) -> NodeStrength {
        self.nodes.get(id.index()).copied().unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compile::{compile, Options};

    #[test]
    fn the_weakest_premise_and_the_strongest_alternative_bound_strength() {
        let text = "claim top \"t\" { supported by: conj, alts }\n\
            argument conj \"c\" { block: dangerous_capability_evals supported by: weak_claim, e }\n\
            claim weak_claim \"w\" { supported by: weak_arg }\n\
            argument weak_arg \"w\" { block: modeling_generalization supported by: e }\n\
            claim alts \"a\" { combine: any supported by: weak_claim, strong_claim }\n\
            claim strong_claim \"s\" { supported by: strong_arg }\n\
            argument strong_arg \"s\" { block: testbeds supported by: e }\n\
            evidence e \"e\"\n";
        let c = compile("t.case", text, Options::default());
        let strength = Strength::new(&c.case, &c.graph);
        let of = |id: &str| strength.of(c.case.lookup(id).unwrap());
        let name = |rated: Rated| rated.map(|(r, id)| (r, c.case.get(id).id.as_str()));
        assert_eq!(name(of("e").max), None);
        assert_eq!(
            name(of("weak_arg").max),
            Some((Rating::Moderate, "weak_arg"))
        );
        assert_eq!(
            name(of("conj").support),
            Some((Rating::Moderate, "weak_arg"))
        );
        assert_eq!(name(of("conj").max), Some((Rating::Moderate, "weak_arg")));
        assert_eq!(name(of("alts").max), Some((Rating::Strong, "strong_arg")));
        assert_eq!(name(of("top").max), Some((Rating::Moderate, "weak_arg")));
    }
}
