//! Emitters: the checked IR in other forms.

pub mod gsn;
pub mod json;
pub mod report;
pub mod risk_tree;
pub mod xml;
