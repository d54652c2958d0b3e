//! DC2xx: what documents cite from Git exists and is current.

pub mod ambiguous_code_reference;
pub mod ambiguous_commit;
pub mod branch_not_found;
pub mod broken_code_reference;
pub mod commit_after_date;
pub mod commit_not_found;
pub mod commit_with_note;
pub mod deleted_branch;
pub mod drifted_code_reference;
pub mod invalid_commit;
pub mod not_a_commit;
pub mod short_commit;
pub mod stale_last_updated;
pub mod unreachable_commit;

/// The first 7 hex digits of an object id, for messages.
pub fn short(id: &gix::ObjectId) -> String {
    id.to_hex_with_len(7).to_string()
}
