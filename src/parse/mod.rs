//! Turning a file's text into what the checks need, in one pass.

pub mod coderef;
pub mod commits;
pub mod docrefs;
pub mod fields;
pub mod frontmatter;
pub mod markdown;
pub mod slug;
pub mod yaml;
