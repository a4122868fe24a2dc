//! Notebook documents (`notebookDocument/*`): the cells the client syncs,
//! joined into the notebook's JSON so that the CLI's notebook support
//! checks them (`memwise_linter::notebook` maps the findings back to the
//! cells), and the server's handling of them: opened, changed, closed,
//! and checked as one file with each finding published on its cell.

use std::collections::BTreeSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use gen_lsp_types as lsp;
use memwise_core::Diagnostic;
use memwise_linter::noqa::UnusedCode;
use memwise_linter::notebook::Notebook;
use memwise_linter::source::NoqaEdits;
use serde_json::{Value, json};

use crate::document::Document;
use crate::server::{Failure, Server, invalid, panic_reason};
use crate::uri;

/// An open notebook.
#[derive(Debug)]
pub struct NotebookDocument {
    /// The path its settings are found for (an `.ipynb` file).
    pub path: PathBuf,
    /// Its cells in order; a code cell's text is the open document of its
    /// URI.
    pub cells: Vec<Cell>,
}

/// One cell of a notebook.
#[derive(Debug, Clone)]
pub struct Cell {
    /// The URI of its text document.
    pub uri: String,
    /// A code cell (not markup).
    pub code: bool,
}

impl Cell {
    /// A cell from the protocol's `NotebookCell` JSON.
    pub fn from_json(value: &Value) -> Option<Self> {
        Some(Self {
            uri: value.get("document")?.as_str()?.to_owned(),
            // `NotebookCellKind`: 1 markup, 2 code.
            code: value.get("kind").and_then(Value::as_i64) == Some(2),
        })
    }
}

impl NotebookDocument {
    /// The notebook as `.ipynb` JSON, with `text` giving a code cell's
    /// text (markup cells are empty: only their place counts).
    pub fn to_json<'t>(&self, text: impl Fn(&str) -> Option<&'t str>) -> String {
        let cells: Vec<Value> = self
            .cells
            .iter()
            .map(|cell| {
                if cell.code {
                    json!({ "cell_type": "code", "source": text(&cell.uri).unwrap_or("") })
                } else {
                    json!({ "cell_type": "markdown", "source": "" })
                }
            })
            .collect();
        json!({ "cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5 }).to_string()
    }
}

impl Server<'_> {
    /// Checks an open notebook as the CLI checks its file (its code cells
    /// joined), and gives each code cell the findings that start in it.
    pub(crate) fn check_notebook(&mut self, uri: &str) {
        let Some(notebook) = self.notebooks.get(uri) else {
            return;
        };
        let Some(resolver) = self.resolver.as_ref() else {
            return;
        };
        let documents = &self.documents;
        let json = notebook.to_json(|cell| documents.get(cell).map(|d| d.text.as_str()));
        let check = self.check;
        let outcome = catch_unwind(AssertUnwindSafe(|| {
            check(resolver, &notebook.path, &json, &self.index)
        }));
        let mut per_cell: Vec<Vec<Diagnostic>> = vec![Vec::new(); notebook.cells.len()];
        let mut unused: Vec<Vec<UnusedCode>> = vec![Vec::new(); notebook.cells.len()];
        let mut logs = Vec::new();
        let mut own = None;
        match outcome {
            Ok((checked, summary)) => {
                own = summary;
                logs.extend(checked.errors.iter().map(|e| format!("memwise: {e}")));
                for warning in checked.unused_noqa {
                    let cell = warning.unused.cell.and_then(|c| c.checked_sub(1));
                    if let Some(found) = cell.and_then(|c| unused.get_mut(c)) {
                        found.push(warning.unused);
                    }
                }
                let parsed = (!checked.diagnostics.is_empty())
                    .then(|| Notebook::parse(&json).ok())
                    .flatten();
                if let Some(parsed) = parsed {
                    let text = |cell: usize| {
                        let cell = notebook.cells.get(cell.checked_sub(1)?)?;
                        documents.get(&cell.uri).map(|d| d.text.as_str())
                    };
                    for diagnostic in &checked.diagnostics {
                        if let Some((cell, moved)) = parsed.diagnostic_in_cell(diagnostic, &text)
                            && let Some(found) = per_cell.get_mut(cell - 1)
                        {
                            found.push(moved);
                        }
                    }
                }
            }
            Err(payload) => {
                let reason = panic_reason(&*payload);
                logs.push(format!(
                    "memwise panicked while checking {uri}: {reason}; this is a bug in memwise, please report it"
                ));
            }
        }
        let path = notebook.path.clone();
        let cells = notebook.cells.clone();
        for ((cell, found), unused) in cells.iter().zip(per_cell).zip(unused) {
            let Some(document) = self.documents.get(&cell.uri) else {
                continue;
            };
            let noqa = NoqaEdits::new(&document.text);
            let encoding = self.client.encoding;
            let diagnostics: Vec<lsp::Diagnostic> = found
                .iter()
                .map(|d| document.to_lsp(&cell.uri, d, &noqa, encoding))
                .chain(
                    unused
                        .iter()
                        .map(|u| document.unused_noqa_to_lsp(u, encoding)),
                )
                .collect();
            if let Some(document) = self.documents.get_mut(&cell.uri) {
                document.diagnostics = Some(diagnostics);
            }
        }
        for message in logs {
            self.log(lsp::MessageType::Error, message);
        }
        if let Some(own) = own
            && self.in_workspace(&path)
            && self.index.insert(path, own)
        {
            self.project_changed(Some(uri));
        }
    }

    /// `notebookDocument/didOpen`: the notebook and its cells' texts.
    pub(crate) fn open_notebook(&mut self, params: &Value) -> Result<(), Failure> {
        let uri = params
            .pointer("/notebookDocument/uri")
            .and_then(Value::as_str)
            .ok_or_else(|| invalid("notebookDocument/didOpen"))?
            .to_owned();
        let cells = params
            .pointer("/notebookDocument/cells")
            .and_then(Value::as_array)
            .map(|cells| cells.iter().filter_map(Cell::from_json).collect())
            .unwrap_or_default();
        let path = uri::to_path(&uri).unwrap_or_else(|| self.path_of(&uri).with_extension("ipynb"));
        self.open_cells(&uri, &path, params.get("cellTextDocuments"));
        self.notebooks
            .insert(uri.clone(), NotebookDocument { path, cells });
        self.dirty.insert(uri);
        Ok(())
    }

    /// Opens the cells of `TextDocumentItem`s as documents of a notebook.
    pub(crate) fn open_cells(&mut self, notebook: &str, path: &Path, items: Option<&Value>) {
        let items = items.and_then(Value::as_array).cloned().unwrap_or_default();
        for item in items {
            let Ok(item) = serde_json::from_value::<lsp::TextDocumentItem>(item) else {
                continue;
            };
            let mut document = Document::new(path.to_path_buf(), item.text, item.version);
            document.notebook = Some(notebook.to_owned());
            self.documents.insert(item.uri.0, document);
        }
    }

    /// `notebookDocument/didChange`: cells added, removed or moved, their
    /// kinds, and their texts edited.
    pub(crate) fn change_notebook(&mut self, params: &Value) -> Result<(), Failure> {
        let uri = params
            .pointer("/notebookDocument/uri")
            .and_then(Value::as_str)
            .ok_or_else(|| invalid("notebookDocument/didChange"))?
            .to_owned();
        let Some(path) = self.notebooks.get(&uri).map(|n| n.path.clone()) else {
            return Ok(());
        };
        let cells = params.pointer("/change/cells");
        if let Some(structure) = cells.and_then(|c| c.get("structure")) {
            if let Some(array) = structure.get("array") {
                let number = |key: &str| {
                    array
                        .get(key)
                        .and_then(Value::as_u64)
                        .and_then(|n| usize::try_from(n).ok())
                        .unwrap_or(0)
                };
                let added: Vec<Cell> = array
                    .get("cells")
                    .and_then(Value::as_array)
                    .map(|cells| cells.iter().filter_map(Cell::from_json).collect())
                    .unwrap_or_default();
                if let Some(notebook) = self.notebooks.get_mut(&uri) {
                    let start = number("start").min(notebook.cells.len());
                    let end = (start + number("deleteCount")).min(notebook.cells.len());
                    notebook.cells.splice(start..end, added);
                }
            }
            let closed = structure.get("didClose").and_then(Value::as_array);
            for cell in closed.into_iter().flatten() {
                if let Some(cell_uri) = cell.get("uri").and_then(Value::as_str) {
                    self.documents.remove(cell_uri);
                    if !self.client.pull {
                        self.publish(cell_uri, None, Vec::new());
                    }
                }
            }
            self.open_cells(&uri, &path, structure.get("didOpen"));
        }
        let data = cells.and_then(|c| c.get("data")).and_then(Value::as_array);
        for changed in data.into_iter().flatten().filter_map(Cell::from_json) {
            if let Some(notebook) = self.notebooks.get_mut(&uri)
                && let Some(cell) = notebook.cells.iter_mut().find(|c| c.uri == changed.uri)
            {
                cell.code = changed.code;
            }
        }
        let texts = cells
            .and_then(|c| c.get("textContent"))
            .and_then(Value::as_array);
        for content in texts.into_iter().flatten() {
            let Some(cell_uri) = content.pointer("/document/uri").and_then(Value::as_str) else {
                continue;
            };
            let changes: Vec<lsp::TextDocumentContentChangeEvent> = content
                .get("changes")
                .cloned()
                .and_then(|c| serde_json::from_value(c).ok())
                .unwrap_or_default();
            let version = content
                .pointer("/document/version")
                .and_then(Value::as_i64)
                .and_then(|v| i32::try_from(v).ok());
            if let Some(document) = self.documents.get_mut(cell_uri) {
                for change in changes {
                    document.apply(change, self.client.encoding);
                }
                if let Some(version) = version {
                    document.version = version;
                }
            }
        }
        self.dirty.insert(uri);
        Ok(())
    }

    /// `notebookDocument/didClose`: its cells are closed, their findings
    /// cleared, and the file on disk stands for it again.
    pub(crate) fn close_notebook(&mut self, params: &Value) {
        let Some(uri) = params
            .pointer("/notebookDocument/uri")
            .and_then(Value::as_str)
        else {
            return;
        };
        let Some(notebook) = self.notebooks.remove(uri) else {
            return;
        };
        self.dirty.remove(uri);
        self.stale.remove(uri);
        let listed = params
            .get("cellTextDocuments")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|c| c.get("uri").and_then(Value::as_str).map(str::to_owned));
        let cells: BTreeSet<String> = notebook
            .cells
            .iter()
            .map(|c| c.uri.clone())
            .chain(listed)
            .collect();
        for cell in cells {
            if self.documents.remove(&cell).is_some() && !self.client.pull {
                self.publish(&cell, None, Vec::new());
            }
        }
        if self.refresh_from_disk(&notebook.path, false) {
            self.project_changed(None);
        }
    }
}
