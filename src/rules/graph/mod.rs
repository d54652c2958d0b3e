//! DC4xx: gaps in the document graph.

pub mod dangling_reference;
pub mod duplicate_document_id;
pub mod orphan_document;
pub mod plan_without_research;
pub mod reference_cycle;
pub mod status_contradiction;
pub mod suspect_link;
pub mod wrong_kind_reference;
