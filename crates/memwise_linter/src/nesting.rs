//! A byte-level pre-scan that bounds how deep a source nests before the
//! parser sees it. The parser builds any depth, but at a cost that grows
//! faster than the text: about 1,000 bytes of memory per byte of nested
//! parentheses, and time quadratic in the depth of nested f-strings and
//! format specs. CPython itself refuses far less (200 nested brackets, 100
//! indentation levels, 150 nested f-strings), so a file past the bound is
//! reported as nesting too deep without being parsed.
//!
//! The scan reads strings and comments as the tokenizer does (prefixes,
//! triple quotes, escapes, f-string replacement fields and format specs), so
//! brackets inside them are not counted. It is a bound, not a parser: on
//! broken code it recovers at line ends (an unterminated single-quoted
//! string ends there), and an unbalanced closer is ignored.

/// What is open at a point of the scan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Frame {
    /// `(`, `[` or `{` in code.
    Bracket,
    /// The text of an f-string (or t-string): `quote` and whether it is
    /// triple-quoted and raw.
    FString { quote: u8, triple: bool, raw: bool },
    /// A replacement field `{...}` of an f-string: code.
    Field,
    /// The format spec after `:` (or the conversion after `!`) of a
    /// replacement field: text in which `{` opens a nested field and `}`
    /// closes this one.
    Spec,
}

/// Where the nesting of `source` first goes deeper than `limit` levels, as
/// a byte offset, or `None`. A level is an open bracket, an f-string, one
/// of its replacement fields, or an indented block.
pub(crate) fn too_deep(source: &str, limit: usize) -> Option<usize> {
    if levels_at_most(source.as_bytes(), limit) {
        return None;
    }
    Scanner::new(source, limit).run()
}

/// Whether `bytes` cannot open more than `limit` levels, by counting the
/// bytes that can open one: every bracket, f-string and replacement field
/// starts at a bracket or a quote, and every indented block at a line
/// start, so their count (plus the first line) bounds the depth. Counting
/// is about three times cheaper than the scan and settles most files (62%
/// of the benchmark corpus's bytes); the scan was 4% of a run's CPU.
///
/// The rest, files of more than a few thousand lines, get a finer bound:
/// an f-string's quote comes right after a prefix letter (a quote after
/// anything else starts a plain string, which opens nothing), and the
/// widths of the open blocks rise strictly from 0, so there are no more
/// blocks than the widest indentation of any line. It settled 29 of the
/// 34 files of a tenth of the benchmark corpus that the count left to the
/// scan (3.5% of a run's instructions on that tenth).
fn levels_at_most(bytes: &[u8], limit: usize) -> bool {
    if openings_at_most(bytes, limit) {
        return true;
    }
    let opened = frames_opened(bytes);
    opened <= limit && indentation_at_most(bytes, limit - opened)
}

/// Per-lane byte counters, emptied before they can overflow: the loops
/// below vectorize, a few compares per byte.
const LANES: usize = 32;
const ROWS: usize = 255;

/// Whether brackets, quotes and line breaks, plus one for the first line,
/// are `limit` at most.
fn openings_at_most(bytes: &[u8], limit: usize) -> bool {
    let opens = |b: u8| {
        u8::from(b == b'(')
            | u8::from(b == b'[')
            | u8::from(b == b'{')
            | u8::from(b == b'\'')
            | u8::from(b == b'"')
            | u8::from(b == b'\n')
            | u8::from(b == b'\r')
    };
    // The first line may open a block without a line break before it.
    let mut count = 1;
    for chunk in bytes.chunks(LANES * ROWS) {
        let mut lanes = [0u8; LANES];
        let mut rows = chunk.chunks_exact(LANES);
        for row in &mut rows {
            for (lane, &b) in lanes.iter_mut().zip(row) {
                *lane += opens(b);
            }
        }
        count += lanes.iter().map(|&n| usize::from(n)).sum::<usize>();
        count += rows
            .remainder()
            .iter()
            .map(|&b| usize::from(opens(b)))
            .sum::<usize>();
        if count > limit {
            return false;
        }
    }
    true
}

/// How many brackets, and quotes right after a letter that may prefix an
/// f-string, `bytes` holds: at most that many frames are open at once.
fn frames_opened(bytes: &[u8]) -> usize {
    let opens = |previous: u8, b: u8| {
        u8::from(b == b'(')
            | u8::from(b == b'[')
            | u8::from(b == b'{')
            // `| 0x20` lowers an ASCII letter, and turns no other byte into
            // one of these.
            | (u8::from(b == b'\'' || b == b'"')
                & (u8::from(previous | 0x20 == b'r')
                    | u8::from(previous | 0x20 == b'b')
                    | u8::from(previous | 0x20 == b'u')
                    | u8::from(previous | 0x20 == b'f')
                    | u8::from(previous | 0x20 == b't')))
    };
    let Some(&first) = bytes.first() else {
        return 0;
    };
    // A quote that starts the file has no prefix.
    let mut count = usize::from(opens(0, first));
    // Byte `i + 1` of `bytes` and the byte before it.
    let (current, previous) = (&bytes[1..], &bytes[..bytes.len() - 1]);
    let mut start = 0;
    while start < current.len() {
        let end = current.len().min(start + LANES * ROWS);
        let mut lanes = [0u8; LANES];
        let mut at = start;
        while at + LANES <= end {
            let row: &[u8; LANES] = current[at..at + LANES].try_into().expect("LANES bytes");
            let before: &[u8; LANES] = previous[at..at + LANES].try_into().expect("LANES bytes");
            for ((lane, &b), &p) in lanes.iter_mut().zip(row).zip(before) {
                *lane += opens(p, b);
            }
            at += LANES;
        }
        count += lanes.iter().map(|&n| usize::from(n)).sum::<usize>();
        count += current[at..end]
            .iter()
            .zip(&previous[at..end])
            .map(|(&b, &p)| usize::from(opens(p, b)))
            .sum::<usize>();
        start = end;
    }
    count
}

/// Whether no line of `bytes` is indented wider than `limit` columns,
/// counted as [`Scanner::indentation`] counts them. Every line counts,
/// also those inside brackets and strings: a bound, not the scan.
fn indentation_at_most(bytes: &[u8], limit: usize) -> bool {
    let mut start = 0;
    for end in memchr::memchr2_iter(b'\n', b'\r', bytes).chain(std::iter::once(bytes.len())) {
        // A byte widens a line by 8 columns at most (a tab): a line that
        // short cannot be too wide, and most are.
        if (end - start).saturating_mul(8) > limit && !columns_at_most(&bytes[start..end], limit) {
            return false;
        }
        start = end + 1;
    }
    true
}

/// Whether `line` is indented `limit` columns at most.
fn columns_at_most(line: &[u8], limit: usize) -> bool {
    let mut column = 0;
    for &b in line {
        match b {
            b' ' => column += 1,
            b'\t' => column = (column / 8 + 1) * 8,
            b'\x0c' => column = 0,
            _ => break,
        }
        if column > limit {
            return false;
        }
    }
    true
}

/// The comments of `source` that stand on their own line outside brackets
/// (where a file-wide directive is written), as byte offsets of their `#`:
/// the parser's tokens are not there to read them when the file is too deep.
pub(crate) fn own_line_comments(source: &str) -> Vec<usize> {
    let mut scanner = Scanner::new(source, usize::MAX);
    scanner.comments = Some(Vec::new());
    let _ = scanner.run_all();
    scanner.comments.unwrap_or_default()
}

/// The bytes that [`Scanner::code`] acts on; every other byte of code is
/// skipped.
const CODE_MARKS: [bool; 256] = {
    let mut marks = [false; 256];
    let mut i = 0;
    let special = b"\n\r#\\([{)]}!:'\"";
    while i < special.len() {
        marks[special[i] as usize] = true;
        i += 1;
    }
    marks
};

struct Scanner<'s> {
    bytes: &'s [u8],
    pos: usize,
    frames: Vec<Frame>,
    /// The indentation widths of the open blocks; the first is the module's 0.
    indents: Vec<usize>,
    limit: usize,
    /// Where own-line comments start, when asked for.
    comments: Option<Vec<usize>>,
}

impl<'s> Scanner<'s> {
    fn new(source: &'s str, limit: usize) -> Self {
        Self {
            bytes: source.as_bytes(),
            pos: 0,
            frames: Vec::new(),
            indents: vec![0],
            limit,
            comments: None,
        }
    }

    fn run(mut self) -> Option<usize> {
        self.run_all()
    }

    fn depth(&self) -> usize {
        self.frames.len() + self.indents.len() - 1
    }

    /// Opens a level at `at`; `Err` when that goes past the limit.
    fn open(&mut self, frame: Frame, at: usize) -> Result<(), usize> {
        self.frames.push(frame);
        if self.depth() > self.limit {
            Err(at)
        } else {
            Ok(())
        }
    }

    fn run_all(&mut self) -> Option<usize> {
        let mut line_start = true;
        while self.pos < self.bytes.len() {
            let step = match self.frames.last().copied() {
                None | Some(Frame::Bracket | Frame::Field) => {
                    if line_start
                        && self.frames.is_empty()
                        && let Err(at) = self.indentation()
                    {
                        return Some(at);
                    }
                    self.code()
                }
                Some(Frame::FString { quote, triple, raw }) => {
                    self.fstring_text(quote, triple, raw)
                }
                Some(Frame::Spec) => self.spec_text(),
            };
            match step {
                Ok(ends_line) => line_start = ends_line,
                Err(at) => return Some(at),
            }
        }
        None
    }

    /// At the start of a logical line outside any bracket: opens or closes
    /// indented blocks as the tokenizer does. Blank and comment-only lines
    /// do not count.
    fn indentation(&mut self) -> Result<(), usize> {
        let mut column = 0;
        let mut i = self.pos;
        while let Some(&b) = self.bytes.get(i) {
            match b {
                b' ' => column += 1,
                b'\t' => column = (column / 8 + 1) * 8,
                b'\x0c' => column = 0,
                _ => break,
            }
            i += 1;
        }
        if let (Some(b'#'), Some(comments)) = (self.bytes.get(i), &mut self.comments) {
            comments.push(i);
        }
        if matches!(self.bytes.get(i), None | Some(b'\n' | b'\r' | b'#')) {
            return Ok(());
        }
        let top = *self
            .indents
            .last()
            .expect("the module's level is never closed");
        if column > top {
            self.indents.push(column);
            if self.depth() > self.limit {
                return Err(i);
            }
        } else {
            while self.indents.len() > 1 && *self.indents.last().expect("not empty") > column {
                self.indents.pop();
            }
        }
        Ok(())
    }

    /// One token of code. `Ok(true)` when it ended a logical line.
    fn code(&mut self) -> Result<bool, usize> {
        let at = self.pos;
        let b = self.bytes[at];
        self.pos += 1;
        match b {
            b'\n' | b'\r' => {
                self.end_single_quoted();
                return Ok(self.frames.is_empty());
            }
            b'#' => {
                while self.pos < self.bytes.len() && !matches!(self.bytes[self.pos], b'\n' | b'\r')
                {
                    self.pos += 1;
                }
            }
            // A line continuation: the next line is the same logical line.
            b'\\' => {
                if self.bytes.get(self.pos) == Some(&b'\r') {
                    self.pos += 1;
                }
                if self.bytes.get(self.pos) == Some(&b'\n') {
                    self.pos += 1;
                }
            }
            b'(' | b'[' | b'{' => self.open(Frame::Bracket, at)?,
            b')' | b']' | b'}' => match self.frames.last() {
                Some(Frame::Bracket) => {
                    self.frames.pop();
                }
                // `}` ends a replacement field.
                Some(Frame::Field) if b == b'}' => {
                    self.frames.pop();
                }
                _ => {}
            },
            // In a replacement field outside brackets, `!` (not `!=`) starts
            // the conversion and `:` the format spec.
            b'!' | b':'
                if self.frames.last() == Some(&Frame::Field)
                    && !(b == b'!' && self.bytes.get(self.pos) == Some(&b'=')) =>
            {
                *self.frames.last_mut().expect("a field") = Frame::Spec;
            }
            b'\'' | b'"' => self.string(at)?,
            // Most bytes of code (names, numbers, spaces, operators) mean
            // nothing to the scan: skip their run in one tight loop rather
            // than one dispatch each.
            _ => {
                while self
                    .bytes
                    .get(self.pos)
                    .is_some_and(|&next| !CODE_MARKS[usize::from(next)])
                {
                    self.pos += 1;
                }
            }
        }
        Ok(false)
    }

    /// A string starting with the quote at `at`, its prefix read backwards.
    fn string(&mut self, at: usize) -> Result<(), usize> {
        let quote = self.bytes[at];
        let (formatted, raw) = self.prefix(at);
        let triple = self.bytes.get(at + 1..at + 3) == Some(&[quote, quote][..]);
        if triple {
            self.pos = at + 3;
        }
        if formatted {
            return self.open(Frame::FString { quote, triple, raw }, at);
        }
        while self.pos < self.bytes.len() {
            let b = self.bytes[self.pos];
            self.pos += 1;
            if b == b'\\' {
                self.pos += 1;
            } else if b == quote {
                if !triple {
                    return Ok(());
                }
                if self.bytes.get(self.pos..self.pos + 2) == Some(&[quote, quote][..]) {
                    self.pos += 2;
                    return Ok(());
                }
            } else if !triple && matches!(b, b'\n' | b'\r') {
                // Unterminated: the tokenizer ends it here too.
                self.pos -= 1;
                return Ok(());
            }
        }
        Ok(())
    }

    /// Whether the letters right before the quote at `at` make it an f- or
    /// t-string, and a raw one.
    fn prefix(&self, at: usize) -> (bool, bool) {
        let mut start = at;
        while start > 0 && at - start < 3 && self.bytes[start - 1].is_ascii_alphabetic() {
            start -= 1;
        }
        let letters = &self.bytes[start..at];
        let is_identifier = |b: u8| b.is_ascii_alphanumeric() || b == b'_' || b >= 0x80;
        if letters.is_empty()
            || letters.len() > 2
            || start > 0 && is_identifier(self.bytes[start - 1])
            || !letters
                .iter()
                .all(|b| matches!(b.to_ascii_lowercase(), b'r' | b'b' | b'u' | b'f' | b't'))
        {
            return (false, false);
        }
        let has = |c: u8| letters.iter().any(|b| b.to_ascii_lowercase() == c);
        (has(b'f') || has(b't'), has(b'r'))
    }

    /// At a line end: a single-quoted f-string still open there is broken
    /// (or uses a 3.12 line break inside a field, which is rare): close it
    /// with all it holds, so that broken lines cannot pile up levels.
    fn end_single_quoted(&mut self) {
        let outermost = self
            .frames
            .iter()
            .position(|f| matches!(f, Frame::FString { triple: false, .. }));
        if let Some(position) = outermost {
            self.frames.truncate(position);
        }
    }

    /// One piece of an f-string's text.
    fn fstring_text(&mut self, quote: u8, triple: bool, raw: bool) -> Result<bool, usize> {
        let at = self.pos;
        let b = self.bytes[at];
        self.pos += 1;
        match b {
            b'\\' if !raw && !matches!(self.bytes.get(self.pos), Some(b'{' | b'}')) => {
                self.pos += 1;
            }
            b'{' if self.bytes.get(self.pos) == Some(&b'{') => self.pos += 1,
            b'}' if self.bytes.get(self.pos) == Some(&b'}') => self.pos += 1,
            b'{' => self.open(Frame::Field, at)?,
            b'\n' | b'\r' if !triple => {
                self.end_single_quoted();
                self.pos = at;
            }
            _ if b == quote => {
                if !triple {
                    self.frames.pop();
                } else if self.bytes.get(self.pos..self.pos + 2) == Some(&[quote, quote][..]) {
                    self.pos += 2;
                    self.frames.pop();
                }
            }
            _ => {}
        }
        Ok(false)
    }

    /// One piece of a format spec: `{` opens a nested field, `}` closes the
    /// field the spec belongs to. A line end or the f-string's quote (broken
    /// code) closes the field as well.
    fn spec_text(&mut self) -> Result<bool, usize> {
        let at = self.pos;
        let b = self.bytes[at];
        self.pos += 1;
        match b {
            b'{' => self.open(Frame::Field, at)?,
            b'}' => {
                self.frames.pop();
            }
            b'\n' | b'\r' => {
                let open = self.frames.len();
                self.end_single_quoted();
                if self.frames.len() < open {
                    self.pos = at;
                }
            }
            b'\'' | b'"' => {
                let enclosing = self.frames.iter().rev().find_map(|f| match f {
                    Frame::FString { quote, .. } => Some(*quote),
                    _ => None,
                });
                if enclosing == Some(b) {
                    self.frames.pop();
                    self.pos = at;
                }
            }
            _ => {}
        }
        Ok(false)
    }
}

#[cfg(test)]
mod tests {
    use super::too_deep;

    #[test]
    fn brackets_and_fstrings_count_strings_and_comments_do_not() {
        assert_eq!(too_deep("x = ((1))\n", 2), None);
        assert_eq!(too_deep("x = (((1)))\n", 2), Some(6));
        let quiet = [
            "x = '((((('\n",
            "x = \"(((((\"\n",
            "x = '''\n(((((\n'''\n",
            "x = r'\\'((((('\n",
            "x = b\"(((((\"\n",
            "# (((((\n",
            "x = f'{{((((('\n",
            "x = f'{a!r:>{w}}((((('\n",
            "x = f'{a}' '((((('\n",
            "x = 'unterminated (((\ny = 1\n",
            "x = f'{d[\"k\"]}' + '((((('\n",
            "x = f\"{'((((('}\"\n",
            "x = ))))((\n",
            "if x:\n    y = 1\nz = (1)\n",
            "x = rb'\\\\' '((((('\n",
            "x = '((((\\\n((('\n",
        ];
        for source in quiet {
            assert_eq!(too_deep(source, 3), None, "{source:?}");
        }
        assert!(too_deep("x = f'{f'{f'{1}'}'}'\n", 4).is_some());
        assert!(too_deep("x = f'{x:{y:{z}}}'\n", 3).is_some());
        assert!(too_deep("x = f'{x:{y}}'\n", 3).is_none());
    }

    /// The count that spares the scan never says a file is shallow when
    /// the scan would find it too deep.
    #[test]
    fn the_count_bounds_the_scan() {
        let sources = [
            "x = (((1)))\n",
            "x = f'{f'{f'{1}'}'}'\n",
            "x = f'{x:{y:{z}}}'\n",
            "if a:\n    if b:\n        if c:\n            pass\n",
            "if a:\r\n    if b:\r\n        pass\r\n",
            "if a:\r    if b:\r        pass\r",
            "x = '((((\\\n((('\n",
            "x = f'{a!r:>{w}}((((('\n",
            "x = rf'{a}' Fr'{b}' fb'{c}' T'{d}' '{e}'\n",
            "'{a}'\nx = (f'{b}')\n",
            "if a:\n\tif b:\n\t\tif c:\n\t\t\tpass\n",
            "if a:\n \tif b:\n\t \t  pass\n",
            "if a:\n    if b:\n\x0c  x = 1\n        y = (1)\n",
            "  x = 1\n",
            "(\n    1,\n        2,\n)\n",
        ];
        for source in sources {
            for limit in 0..24 {
                if super::levels_at_most(source.as_bytes(), limit) {
                    assert_eq!(too_deep(source, limit), None, "{source:?} at {limit}");
                }
            }
        }
        // Longer than one counting chunk, shallow and deep.
        let long = "x = (1)\n".repeat(3000);
        assert!(super::levels_at_most(long.as_bytes(), 3000));
        assert!(!super::levels_at_most(long.as_bytes(), 2999));
        let deep = format!("{long}y = {}1{}\n", "(".repeat(40), ")".repeat(40));
        assert!(too_deep(&deep, 30).is_some());
        // More lines than the limit, each indented little: settled by the
        // indentation's width, whose levels can be no more.
        let body = "if x:\n    y = 'z'\n".repeat(1500);
        assert!(super::levels_at_most(body.as_bytes(), 4));
        assert!(!super::levels_at_most(body.as_bytes(), 3));
        let indented = format!("{body}{}x = 1\n", " ".repeat(600));
        assert!(!super::levels_at_most(indented.as_bytes(), 500));
        assert_eq!(too_deep(&indented, 500), None);
    }

    #[test]
    fn indentation_counts_blank_comment_and_bracketed_lines_do_not() {
        let nested = "if a:\n    if b:\n        if c:\n            pass\n";
        assert_eq!(too_deep(nested, 3), None);
        assert!(too_deep(nested, 2).is_some());
        let flat = "if a:\n    x = 1\n\n  # c\n    y = (\n            2)\nz = 3\nif b:\n    pass\n";
        assert_eq!(too_deep(flat, 2), None);
        // Levels close when the code dedents.
        let sequential = "if a:\n    pass\nif b:\n    pass\nif c:\n    pass\n";
        assert_eq!(too_deep(sequential, 1), None);
        assert!(too_deep("if a:\n    x = (((1)))\n", 3).is_some());
    }
}
