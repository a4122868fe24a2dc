//! Notebook documents (`notebookDocument/*`): the cells the client syncs,
//! joined into the notebook's JSON so that the CLI's notebook support
//! checks them (`memwise_linter::notebook` maps the findings back to the
//! cells).

use std::path::PathBuf;

use serde_json::{Value, json};

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
