//! DC5xx: content and structure, starting with files that cannot be read as
//! Markdown at all.

pub mod binary_file;
pub mod file_too_large;
pub mod invalid_utf8;
pub mod unreadable_file;
