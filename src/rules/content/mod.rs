//! DC5xx: content and structure: files that cannot be read as Markdown at
//! all, then sections, placeholders, rationale, the activity log, names.

pub mod activity_date_order;
pub mod binary_file;
pub mod duplicate_activity_date;
pub mod empty_section;
pub mod file_name_convention;
pub mod file_name_date_mismatch;
pub mod file_too_large;
pub mod future_activity_date;
pub mod invalid_activity_heading;
pub mod invalid_run_folder;
pub mod invalid_suppression;
pub mod invalid_utf8;
pub mod missing_alternatives;
pub mod missing_rationale;
pub mod missing_reproducibility_info;
pub mod missing_section;
pub mod unfilled_placeholder;
pub mod unreadable_file;
