//! The `junit` format: one test suite per file, one failed test case per finding.

use std::fmt::Write as _;
use std::io::{self, Write};

use super::xml_escape;
use crate::FileReport;

pub(super) fn write(out: &mut dyn Write, reports: &[FileReport]) -> io::Result<()> {
    let total: usize = reports.iter().map(|r| r.diagnostics.len()).sum();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        xml,
        "<testsuites name=\"memwise\" tests=\"{total}\" failures=\"{total}\" errors=\"0\">"
    );
    for report in reports {
        let path = xml_escape(&report.path.display().to_string());
        let count = report.diagnostics.len();
        let _ = writeln!(
            xml,
            "  <testsuite name=\"{path}\" tests=\"{count}\" failures=\"{count}\" errors=\"0\">"
        );
        for d in &report.diagnostics {
            let start = report.location(d.range.start());
            let place = match start.cell {
                Some(cell) => format!("cell {cell}:{}:{}", start.row, start.column),
                None => format!("{}:{}", start.row, start.column),
            };
            let _ = writeln!(
                xml,
                "    <testcase name=\"{code} {place}\" classname=\"{path}\" file=\"{path}\" line=\"{row}\">\n      <failure message=\"{message}\" type=\"{code}\">{place}: {code} {message}</failure>\n    </testcase>",
                code = d.rule.code,
                row = start.row,
                message = xml_escape(&d.message),
            );
        }
        xml.push_str("  </testsuite>\n");
    }
    xml.push_str("</testsuites>\n");
    out.write_all(xml.as_bytes())
}
