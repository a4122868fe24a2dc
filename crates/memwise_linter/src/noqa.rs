//! `# noqa` comments: per line (`# noqa`, `# noqa: MEM201, MEM304`) and per
//! file (`# memwise: noqa` on its own line); and which of their memwise
//! codes are unknown or suppress nothing (ruff's RUF100, as a warning).

use std::collections::{HashMap, HashSet};
use std::fmt;
use std::path::PathBuf;

use ruff_python_ast::token::{TokenKind, Tokens};
use ruff_source_file::LineIndex;
use ruff_text_size::Ranged;

/// What one directive suppresses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Directive {
    /// Every diagnostic.
    All,
    /// Diagnostics with these codes (upper case).
    Codes(Vec<String>),
}

impl Directive {
    fn covers(&self, code: &str) -> bool {
        match self {
            Self::All => true,
            Self::Codes(codes) => codes.iter().any(|c| c == code),
        }
    }
}

/// Which directive suppressed a finding: the file's, or a line's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Site {
    /// An own-line `# memwise: noqa: CODE`.
    File,
    /// The `# noqa: CODE` of this 1-based row.
    Line(usize),
}

/// A code named by a directive, and where.
#[derive(Debug)]
struct Named {
    row: usize,
    code: String,
    site: Site,
}

/// The noqa directives of one file.
#[derive(Debug, Default)]
pub struct NoqaMap {
    lines: HashMap<usize, Directive>,
    file: Option<Directive>,
    named: Vec<Named>,
}

/// Why a code in a noqa comment is warned about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Problem {
    /// No memwise rule has this code.
    Unknown,
    /// The rule is enabled for the file but reported nothing there.
    Unused,
}

/// A memwise code in a noqa comment that is unknown or suppresses nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnusedCode {
    /// 1-based row of the comment (within the cell, for a notebook).
    pub row: usize,
    /// 1-based cell of a notebook.
    pub cell: Option<usize>,
    /// The code, upper case.
    pub code: String,
    /// Whether the comment is the file's (`# memwise: noqa: CODE`).
    pub file_level: bool,
    /// What is wrong with it.
    pub problem: Problem,
}

/// An [`UnusedCode`] with its file, as a run reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoqaWarning {
    /// The file, as given or walked.
    pub path: PathBuf,
    /// The code and where it is.
    pub unused: UnusedCode,
}

impl UnusedCode {
    /// What is wrong with the code, without where it is.
    pub fn message(&self) -> String {
        let code = &self.code;
        match (self.problem, self.file_level) {
            (Problem::Unknown, _) => {
                format!("noqa code {code} is not a memwise rule (`memwise rules` lists them)")
            }
            (Problem::Unused, false) => format!(
                "noqa code {code} suppresses nothing: no {code} finding starts on this line"
            ),
            (Problem::Unused, true) => {
                format!("noqa code {code} suppresses nothing: no {code} finding in this file")
            }
        }
    }
}

impl fmt::Display for NoqaWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let u = &self.unused;
        write!(f, "{}", self.path.display())?;
        if let Some(cell) = u.cell {
            write!(f, ":cell {cell}")?;
        }
        write!(f, ":{}: {}", u.row, u.message())
    }
}

/// Whether `code` is spelled as memwise's are (`MEM` and digits): a line's
/// `# noqa: E501` is for another tool and none of memwise's business.
fn looks_like_memwise(code: &str) -> bool {
    code.strip_prefix("MEM")
        .is_some_and(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
}

impl NoqaMap {
    /// Whether `source` may hold a directive at all: every directive spells
    /// `noqa` (in any case), and most files have none, which spares their
    /// tokens (or a whole re-parse) being read for comments.
    pub fn may_exist_in(source: &str) -> bool {
        let bytes = source.as_bytes();
        // `q` is rare in code, so the scan stops at few places.
        memchr::memchr2_iter(b'q', b'Q', bytes).any(|i| {
            i >= 2
                && bytes
                    .get(i - 2..i + 2)
                    .is_some_and(|w| w.eq_ignore_ascii_case(b"noqa"))
        })
    }

    /// Reads the directives from a file's comment tokens.
    pub fn collect(tokens: &Tokens, source: &str, lines: &LineIndex) -> Self {
        let mut map = Self::default();
        for token in tokens.iter().filter(|t| t.kind() == TokenKind::Comment) {
            let text = &source[token.range()];
            let row = lines.line_index(token.start()).get();
            let line_start = lines.line_start(lines.line_index(token.start()), source);
            let own_line = source[line_start.to_usize()..token.start().to_usize()]
                .chars()
                .all(char::is_whitespace);
            if own_line && let Some(directive) = parse_file_directive(text) {
                map.name(row, Site::File, &directive);
                map.file = Some(merge(map.file.take(), directive));
                continue;
            }
            if let Some(directive) = parse_line_directive(text) {
                map.name(row, Site::Line(row), &directive);
                let merged = merge(map.lines.remove(&row), directive);
                map.lines.insert(row, merged);
            }
        }
        map
    }

    fn name(&mut self, row: usize, site: Site, directive: &Directive) {
        if let Directive::Codes(codes) = directive {
            self.named.extend(codes.iter().map(|code| Named {
                row,
                code: code.clone(),
                site,
            }));
        }
    }

    /// Whether the whole file is skipped.
    pub fn skips_file(&self) -> bool {
        self.file == Some(Directive::All)
    }

    /// Whether a diagnostic with `code` starting on 1-based `row` is suppressed.
    pub fn suppresses(&self, row: usize, code: &str) -> bool {
        self.suppressed_by(row, code).is_some()
    }

    /// The directive that suppresses a diagnostic with `code` starting on
    /// 1-based `row`, if one does (the file's first).
    /// A line's directive naming the code under which another linter
    /// reports the same finding (`# noqa: B019` for MEM201) counts too.
    pub fn suppressed_by(&self, row: usize, code: &str) -> Option<Site> {
        let peers = memwise_rules::find(code).map_or(&[][..], |rule| rule.meta().peer_codes);
        let covers = |d: &Directive| d.covers(code) || peers.iter().any(|peer| d.covers(peer));
        if self.file.as_ref().is_some_and(|d| d.covers(code)) {
            Some(Site::File)
        } else if self.lines.get(&row).is_some_and(covers) {
            Some(Site::Line(row))
        } else {
            None
        }
    }

    /// The memwise codes that directives name in vain: unknown to `known`,
    /// or judged by `judged` (enabled here, and decided by this file alone)
    /// and absent from `used`. A line's code counts as memwise's when it is
    /// spelled `MEM` and digits; every code of `# memwise: noqa: ...` does.
    /// A bare `# noqa` on the same line covers everything, so its codes are
    /// left alone.
    pub fn unused(
        &self,
        used: &HashSet<(Site, &str)>,
        known: impl Fn(&str) -> bool,
        judged: impl Fn(&str) -> bool,
    ) -> Vec<UnusedCode> {
        let mut out: Vec<UnusedCode> = Vec::new();
        for named in &self.named {
            let code = named.code.as_str();
            if let Site::Line(row) = named.site
                && (self.lines.get(&row) == Some(&Directive::All) || !looks_like_memwise(code))
            {
                continue;
            }
            let problem = if !known(code) {
                Problem::Unknown
            } else if judged(code) && !used.contains(&(named.site, code)) {
                Problem::Unused
            } else {
                continue;
            };
            let unused = UnusedCode {
                row: named.row,
                cell: None,
                code: named.code.clone(),
                file_level: named.site == Site::File,
                problem,
            };
            if !out.contains(&unused) {
                out.push(unused);
            }
        }
        out
    }
}

/// Whether `comment` (from its `#` to the line end) is a `# memwise: noqa`
/// that skips the whole file.
pub(crate) fn skips_file(comment: &str) -> bool {
    parse_file_directive(comment) == Some(Directive::All)
}

fn merge(existing: Option<Directive>, new: Directive) -> Directive {
    match (existing, new) {
        (Some(Directive::All), _) | (_, Directive::All) => Directive::All,
        (Some(Directive::Codes(mut a)), Directive::Codes(b)) => {
            a.extend(b);
            Directive::Codes(a)
        }
        (None, new) => new,
    }
}

/// `# memwise: noqa` or `# memwise: noqa: MEM201`.
fn parse_file_directive(comment: &str) -> Option<Directive> {
    let rest = comment.strip_prefix('#')?.trim_start();
    let rest = strip_prefix_ignore_case(rest, "memwise:")?.trim_start();
    let rest = strip_prefix_ignore_case(rest, "noqa")?;
    Some(parse_codes(rest))
}

/// `# noqa`, `# noqa: MEM201, MEM304`, also after other comment text
/// (`# type: ignore  # noqa: MEM201`).
fn parse_line_directive(comment: &str) -> Option<Directive> {
    let mut search = comment;
    while let Some(hash) = search.find('#') {
        let after = search[hash + 1..].trim_start();
        if let Some(rest) = strip_prefix_ignore_case(after, "noqa") {
            // `# noqaxyz` is not a directive.
            if rest.is_empty() || rest.starts_with(':') || rest.starts_with(char::is_whitespace) {
                return Some(parse_codes(rest));
            }
        }
        search = &search[hash + 1..];
    }
    None
}

/// The codes after `noqa`: `: MEM201, MEM304`. No codes means everything.
fn parse_codes(rest: &str) -> Directive {
    let Some(list) = rest.trim_start().strip_prefix(':') else {
        return Directive::All;
    };
    let mut codes = Vec::new();
    for word in list.split(|c: char| c == ',' || c.is_whitespace()) {
        if word.is_empty() {
            continue;
        }
        let is_code = word.len() >= 2
            && word.starts_with(|c: char| c.is_ascii_alphabetic())
            && word.ends_with(|c: char| c.is_ascii_digit())
            && word.chars().all(|c| c.is_ascii_alphanumeric());
        if !is_code {
            break;
        }
        codes.push(word.to_ascii_uppercase());
    }
    if codes.is_empty() {
        Directive::All
    } else {
        Directive::Codes(codes)
    }
}

fn strip_prefix_ignore_case<'a>(text: &'a str, prefix: &str) -> Option<&'a str> {
    let head = text.get(..prefix.len())?;
    head.eq_ignore_ascii_case(prefix)
        .then(|| &text[prefix.len()..])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_without_noqa_are_told_apart() {
        assert!(NoqaMap::may_exist_in("x = 1  # NoQA: MEM201\n"));
        assert!(NoqaMap::may_exist_in("# memwise: noqa"));
        assert!(!NoqaMap::may_exist_in("x = 1  # no qa\nn"));
        assert!(!NoqaMap::may_exist_in(""));
    }

    #[test]
    fn line_directives() {
        assert_eq!(parse_line_directive("# noqa"), Some(Directive::All));
        assert_eq!(parse_line_directive("#NOQA"), Some(Directive::All));
        assert_eq!(
            parse_line_directive("# noqa: MEM201, mem304"),
            Some(Directive::Codes(vec!["MEM201".into(), "MEM304".into()]))
        );
        assert_eq!(
            parse_line_directive("# type: ignore  # noqa:MEM201 because"),
            Some(Directive::Codes(vec!["MEM201".into()]))
        );
        assert_eq!(parse_line_directive("# noqanope"), None);
        assert_eq!(parse_line_directive("# a comment"), None);
    }

    #[test]
    fn unknown_and_unused_codes() {
        // MEM999 is deliberately no rule: the code the warning is about.
        let source = "x = 1  # noqa: MEM304, E501, MEM999\ny = 2  # noqa: mem201\nz = 3  # noqa: W291\n# memwise: noqa: MEM202, F401\n";
        let parsed = ruff_python_parser::parse_module(source).expect("parses");
        let lines = LineIndex::from_source_text(source);
        let map = NoqaMap::collect(parsed.tokens(), source, &lines);
        let used: HashSet<(Site, &str)> = [(Site::Line(1), "MEM304")].into_iter().collect();
        let known = |code: &str| ["MEM201", "MEM202", "MEM304"].contains(&code);
        let found: Vec<(usize, String, Problem)> = map
            .unused(&used, known, |_| true)
            .into_iter()
            .map(|u| (u.row, u.code, u.problem))
            .collect();
        assert_eq!(
            found,
            [
                (1, "MEM999".to_owned(), Problem::Unknown),
                (2, "MEM201".to_owned(), Problem::Unused),
                (4, "MEM202".to_owned(), Problem::Unused),
                (4, "F401".to_owned(), Problem::Unknown),
            ]
        );
        // Codes not judged here (not enabled, or whole-project) are left alone.
        let found = map.unused(&used, known, |_| false);
        assert_eq!(found.len(), 2);
    }

    #[test]
    fn file_directives() {
        assert_eq!(
            parse_file_directive("# memwise: noqa"),
            Some(Directive::All)
        );
        assert_eq!(
            parse_file_directive("# memwise: noqa: MEM201"),
            Some(Directive::Codes(vec!["MEM201".into()]))
        );
        assert_eq!(parse_file_directive("# noqa"), None);
    }
}
