//! Emitters: the checked IR in other forms.

pub mod json;
pub mod risk_tree;
