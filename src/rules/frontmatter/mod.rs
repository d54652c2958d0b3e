//! DC1xx: frontmatter and schema.

pub mod date_without_time;
pub mod duplicate_key;
pub mod invalid_enum_value;
pub mod invalid_format;
pub mod invalid_yaml;
pub mod missing_frontmatter;
pub mod missing_required_key;
pub mod misspelled_key;
pub mod schema_violation;
pub mod string_read_as_number;
pub mod unclosed_frontmatter;
pub mod unknown_key;
pub mod unknown_kind;
pub mod unknown_schema;
pub mod wrong_type;

/// `key` in messages: the dotted path of a frontmatter value (`phases[0].status`).
pub fn field_name(pointer: &str) -> String {
    let mut out = String::new();
    for segment in pointer.split('/').skip(1) {
        let segment = segment.replace("~1", "/").replace("~0", "~");
        if segment.bytes().all(|b| b.is_ascii_digit()) && !segment.is_empty() {
            out.push_str(&format!("[{segment}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&segment);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn field_names() {
        assert_eq!(super::field_name(""), "");
        assert_eq!(super::field_name("/status"), "status");
        assert_eq!(super::field_name("/phases/0/status"), "phases[0].status");
        assert_eq!(super::field_name("/a~1b"), "a/b");
    }
}
