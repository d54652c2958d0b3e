//! DC3xx: links and anchors between files.

pub mod anchor_case_mismatch;
pub mod broken_anchor;
pub mod broken_link;
pub mod link_case_mismatch;
pub mod link_outside_repository;
pub mod machine_specific_link;
pub mod root_relative_link;
pub mod unresolved_log_reference;
