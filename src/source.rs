//! Byte spans into a file and their translation to 1-based lines and columns.
//!
//! Spans are byte offsets into the original file (BOM, frontmatter and CRLF
//! included) so that every diagnostic can be rendered against the bytes the
//! user has on disk. Columns are counted in Unicode scalar values, like ruff
//! and GitHub's annotations, and a leading BOM is not counted as a column.

use std::ops::Range;

/// A half-open byte range into one file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end);
        Span {
            start: clamp(start),
            end: clamp(end),
        }
    }

    pub fn empty(at: usize) -> Self {
        Span::new(at, at)
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn range(self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// The same span moved `by` bytes further into the file.
    pub fn shift(self, by: usize) -> Self {
        Span::new(self.start as usize + by, self.end as usize + by)
    }
}

impl From<Range<usize>> for Span {
    fn from(r: Range<usize>) -> Self {
        Span::new(r.start, r.end)
    }
}

fn clamp(offset: usize) -> u32 {
    // Files above 4 GiB are refused at read time; saturate rather than wrap.
    u32::try_from(offset).unwrap_or(u32::MAX)
}

/// A 1-based line and column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    pub line: usize,
    pub column: usize,
}

/// Line starts of a text, for O(log n) offset → line/column lookups.
///
/// A line ends at `\n`, `\r\n` or a lone `\r` (as CommonMark reads it).
/// Long lines also keep a checkpoint every [`CHECKPOINT`] bytes, so that a
/// column is counted from the nearest checkpoint, not from the line start:
/// many findings on one long line cost no more than on short ones.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
    /// (byte offset, 0-based column) inside long lines, sorted by offset.
    checkpoints: Vec<(usize, usize)>,
    bom: usize,
}

/// Bytes between two column checkpoints of a long line.
const CHECKPOINT: usize = 1024;

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut checkpoints = Vec::new();
        let mut line_start = 0;
        let mut i = 0;
        while i < bytes.len() {
            let Some(at) = bytes[i..].iter().position(|&b| b == b'\n' || b == b'\r') else {
                break;
            };
            let end = i + at;
            let next = if bytes[end] == b'\r' && bytes.get(end + 1) == Some(&b'\n') {
                end + 2
            } else {
                end + 1
            };
            add_checkpoints(text, line_start, end, &mut checkpoints);
            starts.push(next);
            line_start = next;
            i = next;
        }
        add_checkpoints(text, line_start, text.len(), &mut checkpoints);
        LineIndex {
            starts,
            checkpoints,
            bom,
        }
    }

    /// Byte offset at which line `line` (0-based) starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts.get(line).copied().unwrap_or(usize::MAX)
    }

    pub fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// 0-based line number that contains `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// The byte range of line `line` (0-based) without its line break.
    pub fn line_range(&self, text: &str, line: usize) -> Range<usize> {
        let start = self.line_start(line).min(text.len());
        let mut end = self.line_start(line + 1).min(text.len());
        let bytes = text.as_bytes();
        if end > start && bytes[end - 1] == b'\n' {
            end -= 1;
        }
        if end > start && bytes[end - 1] == b'\r' {
            end -= 1;
        }
        if line == 0 {
            return start.max(self.bom.min(end))..end;
        }
        start..end
    }

    /// 1-based line and column of a byte offset in `text`.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let mut start = self.starts[line];
        if line == 0 {
            start = start.max(self.bom.min(offset));
        }
        let (from, column) = self.checkpoint_before(start, offset);
        let column = column + text[from..offset].chars().count() + 1;
        LineCol {
            line: line + 1,
            column,
        }
    }

    /// The byte offset of the 0-based `column` in the line that starts at
    /// `start` and ends at `end`, or `end` when the line is shorter.
    pub fn offset_of_column(&self, text: &str, start: usize, end: usize, column: usize) -> usize {
        let first = self.checkpoints.partition_point(|&(at, _)| at <= start);
        let last = self.checkpoints.partition_point(|&(at, _)| at < end);
        let ours = &self.checkpoints[first..last];
        let (from, mut col) = match ours.partition_point(|&(_, c)| c <= column) {
            0 => (start, 0),
            i => ours[i - 1],
        };
        for (i, _) in text[from..end].char_indices() {
            if col == column {
                return from + i;
            }
            col += 1;
        }
        end
    }

    /// The nearest checkpoint in the line starting at `start`, at or before
    /// `offset`: (its offset, its column).
    fn checkpoint_before(&self, start: usize, offset: usize) -> (usize, usize) {
        let i = self.checkpoints.partition_point(|&(at, _)| at <= offset);
        match i.checked_sub(1).map(|i| self.checkpoints[i]) {
            Some((at, column)) if at > start => (at, column),
            _ => (start, 0),
        }
    }
}

/// Checkpoints every [`CHECKPOINT`] bytes of the line `start..end`.
fn add_checkpoints(text: &str, start: usize, end: usize, out: &mut Vec<(usize, usize)>) {
    if end - start <= CHECKPOINT {
        return;
    }
    let (mut at, mut column) = (start, 0);
    while at + CHECKPOINT < end {
        let next = floor_char_boundary(text, at + CHECKPOINT);
        if next <= at {
            break;
        }
        column += text[at..next].chars().count();
        at = next;
        out.push((at, column));
    }
}

/// The largest char boundary at or before `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "ab\nétoile: x\n";
        let idx = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(idx.line_col(text, x), LineCol { line: 2, column: 9 });
    }

    #[test]
    fn crlf_keeps_columns() {
        let text = "a: 1\r\nbb: 2\r\n";
        let idx = LineIndex::new(text);
        let two = text.find('2').unwrap();
        assert_eq!(idx.line_col(text, two), LineCol { line: 2, column: 5 });
    }

    #[test]
    fn bom_is_not_a_column() {
        let text = "\u{feff}---\nx";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 3), LineCol { line: 1, column: 1 });
        assert_eq!(idx.line_col(text, 4), LineCol { line: 1, column: 2 });
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let text = "a\rb\r\nc\n\rd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 2), LineCol { line: 2, column: 1 });
        assert_eq!(idx.line_col(text, 5), LineCol { line: 3, column: 1 });
        assert_eq!(idx.line_col(text, 8), LineCol { line: 5, column: 1 });
        assert_eq!(&text[idx.line_range(text, 1)], "b");
    }

    #[test]
    fn columns_on_long_lines_match_a_plain_count() {
        let line = "aé€𝄞 ".repeat(3000);
        let text = format!("x\n{line}\ny");
        let idx = LineIndex::new(&text);
        for offset in (2..text.len()).step_by(97) {
            let offset = floor_char_boundary(&text, offset);
            let plain = text[2..offset.max(2)].chars().count() + 1;
            let at = idx.line_col(&text, offset);
            if offset <= 2 + line.len() {
                assert_eq!(
                    at,
                    LineCol {
                        line: 2,
                        column: plain
                    },
                    "at {offset}"
                );
                let back = idx.offset_of_column(&text, 2, 2 + line.len(), plain - 1);
                assert_eq!(back, offset, "column {plain}");
            }
        }
    }

    #[test]
    fn many_columns_on_one_long_line_are_fast() {
        let text = "x".repeat(4 << 20);
        let idx = LineIndex::new(&text);
        let started = std::time::Instant::now();
        for offset in (0..text.len()).step_by(40) {
            idx.line_col(&text, offset);
        }
        // 100k lookups: counting from the line start each time takes ~15 s.
        assert!(started.elapsed().as_secs() < 5, "{:?}", started.elapsed());
    }

    #[test]
    fn offset_past_end_is_clamped() {
        let text = "a\nb";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 99), LineCol { line: 2, column: 2 });
    }
}
