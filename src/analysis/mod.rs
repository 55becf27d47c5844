//! Facts computed over the checked IR and its graph, shared by the checker,
//! the emitters and `casec check --explain-risk`: risk bounds, strength,
//! and (when the caller allows file-system access) evidence integrity.
//!
//! Every analysis is a pure function of its inputs and linear in the case.

pub mod identity;
pub mod independence;
pub mod integrity;
pub mod readings;
pub mod results;
pub mod risk;
pub mod signoff;
pub mod strength;

use crate::ir::{Case, Graph};

/// Every computed fact about one case.
#[derive(Debug, Default)]
pub struct Analysis {
    pub risk: risk::Risk,
    pub strength: strength::Strength,
    /// Per evidence element, what checking its artifact found; `None` when
    /// the compilation did not look at the file system.
    pub integrity: Option<integrity::Integrity>,
    /// Per evidence element with a `metric:`, what its artifact read; `None`
    /// when the compilation did not look at the file system.
    pub readings: Option<readings::Readings>,
}

impl Analysis {
    /// Analyse a lowered case; `case_path` enables the integrity pass, and
    /// `readings` are those already read from its artifacts.
    pub fn new(
        case: &Case,
        graph: &Graph,
        places: Option<&integrity::Places>,
        readings: Option<readings::Readings>,
    ) -> Analysis {
        Analysis {
            risk: risk::Risk::new(case, graph),
            strength: strength::Strength::new(case, graph),
            integrity: places.map(|places| integrity::Integrity::new(case, places)),
            readings,
        }
    }
}
