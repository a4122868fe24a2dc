//! Checking open documents: which one is checked next, the check itself
//! (a panic in it caught and logged), its findings as LSP diagnostics, and
//! the two-step answer for a document whose check with the project is
//! over the budget.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::time::Instant;

use gen_lsp_types as lsp;
use memwise_linter::project_index::{IndexedFile, ProjectIndex};
use memwise_linter::source::NoqaEdits;

use crate::server::{BUDGET, Server, panic_reason};

impl Server<'_> {
    /// Checks one changed document (or, once none is left, one whose
    /// project changed) and publishes its findings; whether there was one.
    /// A notebook's cells are checked, and published, together.
    pub(crate) fn check_next(&mut self) -> bool {
        let quiet = self.quiet_at.is_none_or(|at| Instant::now() >= at);
        let (uri, always) = if let Some(uri) = self.dirty.pop_first() {
            if !self.client.pull && self.is_slow(&uri) {
                self.stale.remove(&uri);
                if let Some(diagnostics) = self.quick_diagnostics(&uri)
                    && let Some(document) = self.documents.get_mut(&uri)
                {
                    let version = Some(document.version);
                    document.published = Some(diagnostics.clone());
                    self.publish(&uri, version, diagnostics);
                }
                self.waiting.insert(uri);
                return true;
            }
            self.stale.remove(&uri);
            (uri, true)
        } else if !quiet {
            return false;
        } else if let Some(uri) = self.waiting.pop_first() {
            self.stale.remove(&uri);
            if let Some(document) = self.documents.get_mut(&uri) {
                document.diagnostics = None;
            }
            (uri, true)
        } else if let Some(uri) = self.stale.pop_first() {
            (uri, false)
        } else {
            return false;
        };
        if self.client.pull {
            return true;
        }
        let uri = self
            .documents
            .get(&uri)
            .and_then(|d| d.notebook.clone())
            .unwrap_or(uri);
        let targets: Vec<String> = if let Some(notebook) = self.notebooks.get(&uri) {
            let cells = notebook
                .cells
                .iter()
                .filter(|c| c.code)
                .map(|c| c.uri.clone())
                .collect();
            self.check_notebook(&uri);
            cells
        } else {
            self.diagnostics(&uri);
            vec![uri]
        };
        for target in targets {
            let Some(document) = self.documents.get_mut(&target) else {
                continue;
            };
            let Some(diagnostics) = document.diagnostics.clone() else {
                continue;
            };
            if always || document.published.as_ref() != Some(&diagnostics) {
                let version = Some(document.version);
                document.published = Some(diagnostics.clone());
                self.publish(&target, version, diagnostics);
            }
        }
        true
    }

    /// A document's diagnostics, checked now if they are stale; `None` for a
    /// document that is not open.
    pub(crate) fn diagnostics(&mut self, uri: &str) -> Option<Vec<lsp::Diagnostic>> {
        let document = self.documents.get(uri)?;
        if let Some(diagnostics) = &document.diagnostics {
            return Some(diagnostics.clone());
        }
        if let Some(notebook) = document.notebook.clone() {
            self.check_notebook(&notebook);
            return Some(
                self.documents
                    .get(uri)?
                    .diagnostics
                    .clone()
                    .unwrap_or_default(),
            );
        }
        // The CLI reads a notebook file's cells out of its JSON, and the
        // findings' offsets are in the joined cells: they would land in the
        // wrong place of the JSON text the editor shows.
        if document.path.extension().is_some_and(|ext| ext == "ipynb") {
            return Some(Vec::new());
        }
        let started = Instant::now();
        let (diagnostics, own) = self.check_document(uri, &self.index)?;
        let cost = started.elapsed();
        // Over the budget, a change is answered first by a check of the
        // document alone, and this one waits for a pause: what the project
        // adds to that check, or takes from it, is kept to be shown
        // meanwhile.
        let mut carried = (Vec::new(), Vec::new());
        if cost > BUDGET
            && self.indexes_closed_files()
            && let Some((alone, _)) = self.check_document(uri, &ProjectIndex::default())
        {
            carried = (
                diagnostics
                    .iter()
                    .filter(|d| !alone.contains(d))
                    .cloned()
                    .collect(),
                alone
                    .into_iter()
                    .filter(|d| !diagnostics.contains(d))
                    .collect(),
            );
        }
        let path = self.documents.get_mut(uri).map(|document| {
            document.diagnostics = Some(diagnostics.clone());
            document.cost = Some(cost);
            (document.carried_add, document.carried_remove) = carried;
            document.path.clone()
        });
        // The document's summary joins the index (its text stands for the
        // file on disk); other documents may then find something new.
        if let (Some(own), Some(path)) = (own, path)
            && self.in_workspace(&path)
            && self.index.insert(path, own)
        {
            self.project_changed(Some(uri));
        }
        Some(diagnostics)
    }

    /// Whether changes to `uri` are answered in two steps: its last check
    /// with the project took longer than the budget, and the project holds
    /// more than the open documents (whose checks are the cost then).
    pub(crate) fn is_slow(&self, uri: &str) -> bool {
        self.documents
            .get(uri)
            .is_some_and(|d| d.notebook.is_none() && d.cost.is_some_and(|cost| cost > BUDGET))
            && self.indexes_closed_files()
    }

    /// Whether the index holds files that are not open.
    pub(crate) fn indexes_closed_files(&self) -> bool {
        let open: std::collections::HashSet<&Path> = self
            .documents
            .values()
            .map(|d| d.path.as_path())
            .filter(|path| self.index.contains(path))
            .collect();
        self.index.len() > open.len()
    }

    /// The document checked alone, with what the last check with the
    /// project added kept and what it took away left out: the answer to a
    /// change while the project's check waits for a pause.
    pub(crate) fn quick_diagnostics(&mut self, uri: &str) -> Option<Vec<lsp::Diagnostic>> {
        let (alone, _) = self.check_document(uri, &ProjectIndex::default())?;
        let document = self.documents.get(uri)?;
        let mut diagnostics: Vec<lsp::Diagnostic> = alone
            .into_iter()
            .filter(|d| !document.carried_remove.contains(d))
            .collect();
        diagnostics.extend(document.carried_add.iter().cloned());
        diagnostics.sort_by_key(|d| (d.range.start.line, d.range.start.character));
        Some(diagnostics)
    }

    /// Checks an open text document against `index`: its diagnostics and
    /// its own summary. Logs what went wrong.
    pub(crate) fn check_document(
        &self,
        uri: &str,
        index: &ProjectIndex,
    ) -> Option<(Vec<lsp::Diagnostic>, Option<IndexedFile>)> {
        let document = self.documents.get(uri)?;
        let resolver = self.resolver.as_ref()?;
        let check = self.check;
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            check(resolver, &document.path, &document.text, index)
        }));
        let mut logs = Vec::new();
        let mut own = None;
        let diagnostics = match outcome {
            Ok((checked, summary)) => {
                own = summary;
                logs.extend(checked.errors.iter().map(|e| format!("memwise: {e}")));
                let encoding = self.client.encoding;
                let mut diagnostics: Vec<lsp::Diagnostic> = if checked.diagnostics.is_empty() {
                    Vec::new()
                } else {
                    let noqa = NoqaEdits::new(&document.text);
                    checked
                        .diagnostics
                        .iter()
                        .map(|d| document.to_lsp(uri, d, &noqa, encoding))
                        .collect()
                };
                diagnostics.extend(
                    checked
                        .unused_noqa
                        .iter()
                        .map(|w| document.unused_noqa_to_lsp(&w.unused, encoding)),
                );
                diagnostics
            }
            Err(payload) => {
                let reason = panic_reason(&*payload);
                logs.push(format!(
                    "memwise panicked while checking {uri}: {reason}; this is a bug in memwise, please report it"
                ));
                Vec::new()
            }
        };
        for message in logs {
            self.log(lsp::MessageType::Error, message);
        }
        Some((diagnostics, own))
    }
}
