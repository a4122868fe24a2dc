//! The `github` format: workflow commands that GitHub Actions turns into
//! annotations on the pull request.

use std::io::{self, Write};

use crate::FileReport;

pub(super) fn write(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    for report in reports {
        for d in &report.diagnostics {
            let start = report.location(d.range.start());
            let end = report.location(d.range.end());
            let level = if d.rule.severity == memwise_core::Severity::Error {
                "error"
            } else {
                "warning"
            };
            let mut message = d.message.clone();
            if let Some(cell) = start.cell {
                message = format!("cell {cell}: {message}");
            }
            writeln!(
                out,
                "::{level} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                escape_property(&report.path.display().to_string()),
                start.row,
                start.column,
                end.row,
                end.column,
                escape_property(d.rule.code),
                escape_data(&message)
            )?;
        }
    }
    Ok(())
}

/// The escaping GitHub's toolkit applies to a command's message.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// The escaping GitHub's toolkit applies to a command's property values.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes() {
        assert_eq!(escape_data("50% of\nlines"), "50%25 of%0Alines");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
