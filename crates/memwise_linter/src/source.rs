//! One in-memory source checked as `memwise check --stdin-filename PATH`
//! checks it (the settings found for PATH, per-file-ignores, noqa, the
//! whole-project rules on the one file), for the language server: the
//! findings keep their fixes, and a `# noqa` edit can be built for each.

use std::path::Path;

use memwise_core::{Diagnostic, Edit};
use ruff_python_ast::PySourceType;
use ruff_python_ast::token::TokenKind;
use ruff_python_parser::parse_unchecked_source;
use ruff_text_size::{Ranged, TextRange, TextSize};

use crate::noqa::NoqaWarning;
use crate::per_file::fingerprint;
use crate::project_index::{IndexedFile, ProjectIndex};
use crate::{FixJob, FixMode, Resolver, RunError, checker};

/// What checking one in-memory source found.
#[derive(Debug, Default)]
pub struct SourceCheck {
    /// The findings, sorted by position, each with its fix if it has one.
    pub diagnostics: Vec<Diagnostic>,
    /// Why the source could not be checked (a configuration error, a panic).
    pub errors: Vec<RunError>,
    /// Codes in its noqa comments that are unknown or suppress nothing, as
    /// `memwise check` warns about them (unless `warn-unused-noqa = false`).
    pub unused_noqa: Vec<NoqaWarning>,
}

/// Checks `source` as the file `path` with the settings `resolver` finds
/// for it.
pub fn check(resolver: &Resolver, path: &Path, source: &str) -> SourceCheck {
    checker::install_panic_hook();
    let job = FixJob {
        mode: FixMode::Off,
        unsafe_fixes: false,
    };
    let result = crate::stdin::run_stdin(
        path,
        source,
        resolver,
        job,
        crate::stdin::StdinProject::Alone,
        None,
    );
    SourceCheck {
        diagnostics: result
            .reports
            .into_iter()
            .flat_map(|report| report.diagnostics)
            .collect(),
        errors: result.errors,
        unused_noqa: result.unused_noqa,
    }
}

/// Checks `source` as the file `path`, with the files of `index` standing
/// for the rest of the project in the whole-project rules (as `memwise
/// check --project-root` would see them, the source replacing the file on
/// disk). Also gives the source's own summary, for the index, when it was
/// checked (not when it is excluded or its settings cannot be read).
pub fn check_in_project(
    resolver: &Resolver,
    path: &Path,
    source: &str,
    index: &ProjectIndex,
) -> (SourceCheck, Option<IndexedFile>) {
    checker::install_panic_hook();
    let job = FixJob {
        mode: FixMode::Off,
        unsafe_fixes: false,
    };
    let mut result = crate::stdin::run_stdin(
        path,
        source,
        resolver,
        job,
        crate::stdin::StdinProject::Index(index),
        None,
    );
    let own = (result.files_checked == 1 && !result.summaries.is_empty())
        .then(|| {
            let settings = resolver.settings_for_file(path).ok()?;
            Some(IndexedFile {
                summary: result.summaries.swap_remove(0),
                settings,
                fingerprint: fingerprint(source),
            })
        })
        .flatten();
    let checked = SourceCheck {
        diagnostics: result
            .reports
            .into_iter()
            .flat_map(|report| report.diagnostics)
            .collect(),
        errors: result.errors,
        unused_noqa: result.unused_noqa,
    };
    (checked, own)
}

/// `source` with every applicable fix applied, in as many passes as
/// `memwise check --fix` takes; the source unchanged when none applies.
/// Errs when the fixes would break the file or the settings cannot be read.
pub fn fix_all(
    resolver: &Resolver,
    path: &Path,
    source: &str,
    unsafe_fixes: bool,
) -> Result<String, Vec<RunError>> {
    checker::install_panic_hook();
    let job = FixJob {
        mode: FixMode::Apply,
        unsafe_fixes,
    };
    let result = crate::stdin::run_stdin(
        path,
        source,
        resolver,
        job,
        crate::stdin::StdinProject::Alone,
        None,
    );
    if !result.errors.is_empty() {
        return Err(result.errors);
    }
    Ok(result.stdin_output.unwrap_or_else(|| source.to_owned()))
}

/// Builds the edits that make a line's `# noqa` comment suppress a code,
/// reading the source's tokens once for all of a check's findings.
pub struct NoqaEdits<'a> {
    source: &'a str,
    /// Comments, in order.
    comments: Vec<TextRange>,
    /// Strings and unreadable text, in order: a line that ends inside one
    /// cannot take a comment.
    texts: Vec<TextRange>,
}

impl<'a> NoqaEdits<'a> {
    /// Reads the comments and strings of `source`.
    pub fn new(source: &'a str) -> Self {
        let parsed = parse_unchecked_source(source, PySourceType::Python);
        let mut comments = Vec::new();
        let mut texts = Vec::new();
        for token in parsed.tokens() {
            match token.kind() {
                TokenKind::Comment => comments.push(token.range()),
                TokenKind::String
                | TokenKind::FStringMiddle
                | TokenKind::TStringMiddle
                | TokenKind::Unknown => texts.push(token.range()),
                _ => {}
            }
        }
        Self {
            source,
            comments,
            texts,
        }
    }

    /// The edit that makes the `# noqa` comment of the line holding
    /// `offset` suppress `code`: extends `# noqa: A, B` with the code, or
    /// appends `  # noqa: CODE` to the line. `None` where no comment can go
    /// (the line ends inside a string or with a backslash) or the line
    /// already suppresses everything.
    pub fn edit(&self, offset: TextSize, code: &str) -> Option<Edit> {
        let source = self.source;
        let at = offset.to_usize().min(source.len());
        let line_start = source[..at].rfind(['\n', '\r']).map_or(0, |i| i + 1);
        let line_end = source[at..]
            .find(['\n', '\r'])
            .map_or(source.len(), |i| at + i);
        let content_end = line_start + source[line_start..line_end].trim_end().len();
        if source[line_start..content_end].ends_with('\\') {
            return None;
        }
        let end = TextSize::try_from(line_end).ok()?;
        let start = TextSize::try_from(line_start).ok()?;
        // Strings do not overlap: only the last one starting before the end
        // of the line can run past it.
        let before = self.texts.partition_point(|t| t.start() < end);
        if before > 0 && self.texts[before - 1].end() > end {
            return None;
        }
        let first = self.comments.partition_point(|c| c.start() < start);
        let comment = self.comments.get(first).filter(|c| c.end() <= end);
        let Some(&comment) = comment else {
            let at = TextSize::try_from(content_end).ok()?;
            return Some(Edit {
                range: TextRange::empty(at),
                content: format!("  # noqa: {code}"),
            });
        };
        match directive(&source[comment]) {
            Found::Codes(end) => {
                let at = comment.start() + TextSize::try_from(end).ok()?;
                Some(Edit {
                    range: TextRange::empty(at),
                    content: format!(", {code}"),
                })
            }
            // A bare `# noqa` already suppresses every code.
            Found::All => None,
            Found::Nothing => Some(Edit {
                range: TextRange::empty(comment.end()),
                content: format!("  # noqa: {code}"),
            }),
        }
    }
}

/// What a comment's `noqa` directive is, as [`crate::noqa`] reads it.
enum Found {
    /// No directive.
    Nothing,
    /// A bare `# noqa`: every code.
    All,
    /// Codes, whose list ends at this byte of the comment.
    Codes(usize),
}

fn directive(comment: &str) -> Found {
    let mut from = 0;
    while let Some(hash) = comment[from..].find('#').map(|i| from + i) {
        let after = &comment[hash + 1..];
        let skipped = after.len() - after.trim_start().len();
        let word = hash + 1 + skipped;
        let is_noqa = comment
            .get(word..word + 4)
            .is_some_and(|w| w.eq_ignore_ascii_case("noqa"));
        let rest = comment.get(word + 4..).unwrap_or("");
        if is_noqa
            && (rest.is_empty() || rest.starts_with(':') || rest.starts_with(char::is_whitespace))
        {
            let colon = rest.trim_start();
            let Some(list) = colon.strip_prefix(':') else {
                return Found::All;
            };
            let mut end = None;
            let mut position = comment.len() - list.len();
            for word in list.split_inclusive([',', ' ', '\t']) {
                let bare = word.trim_end_matches([',', ' ', '\t']);
                let is_code = bare.len() >= 2
                    && bare.starts_with(|c: char| c.is_ascii_alphabetic())
                    && bare.ends_with(|c: char| c.is_ascii_digit())
                    && bare.chars().all(|c| c.is_ascii_alphanumeric());
                if !bare.is_empty() {
                    if !is_code {
                        break;
                    }
                    end = Some(position + bare.len());
                }
                position += word.len();
            }
            return end.map_or(Found::All, Found::Codes);
        }
        from = hash + 1;
    }
    Found::Nothing
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apply(source: &str, code: &str) -> Option<String> {
        let offset = TextSize::try_from(source.find('x').expect("an x")).expect("small");
        let edit = NoqaEdits::new(source).edit(offset, code)?;
        let mut text = source.to_owned();
        text.replace_range(edit.range.to_std_range(), &edit.content);
        Some(text)
    }

    #[test]
    fn appends_extends_or_declines() {
        assert_eq!(
            apply("x = 1\ny = 2\n", "MEM101").as_deref(),
            Some("x = 1  # noqa: MEM101\ny = 2\n")
        );
        assert_eq!(
            apply("x = 1   # noqa: MEM201\n", "MEM101").as_deref(),
            Some("x = 1   # noqa: MEM201, MEM101\n")
        );
        assert_eq!(
            apply("x = 1  # noqa:MEM201,MEM202 trailing words\n", "MEM101").as_deref(),
            Some("x = 1  # noqa:MEM201,MEM202, MEM101 trailing words\n")
        );
        assert_eq!(
            apply("x = 1  # why\n", "MEM101").as_deref(),
            Some("x = 1  # why  # noqa: MEM101\n")
        );
        assert_eq!(
            apply("x = '#'\r\n", "MEM101").as_deref(),
            Some("x = '#'  # noqa: MEM101\r\n")
        );
        assert_eq!(apply("x = 1  # noqa\n", "MEM101"), None);
        assert_eq!(apply("x = '''a\nb'''\n", "MEM101"), None);
        assert_eq!(apply("x = 1 + \\\n  2\n", "MEM101"), None);
        // One reading of the tokens serves every line.
        let source = "s = '''a\nb'''  # noqa: MEM1\nt = 1  # c\n";
        let edits = NoqaEdits::new(source);
        let at =
            |needle: &str| TextSize::try_from(source.find(needle).expect("found")).expect("small");
        assert_eq!(edits.edit(at("s ="), "MEM101"), None);
        let inside = edits.edit(at("b'''"), "MEM101").expect("an edit");
        assert_eq!(inside.content, ", MEM101");
        let last = edits.edit(at("t ="), "MEM101").expect("an edit");
        assert_eq!(last.range.start(), at("# c") + TextSize::new(3));
    }
}
