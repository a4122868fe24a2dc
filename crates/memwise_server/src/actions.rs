//! Code actions (a quick fix per fixable finding, "Disable MEMxxx for this
//! line", fix-all) and hover on the codes of a `# noqa` comment.

use std::collections::HashMap;

use gen_lsp_types as lsp;

use crate::document::{DiagnosticData, Document, SOURCE};
use crate::server::Server;

/// The kind of the fix-all source action.
pub const FIX_ALL: &str = "source.fixAll.memwise";

/// The actions for the diagnostics the client sends (built from their
/// `data`), and fix-all for the document.
pub(crate) fn code_actions(
    server: &Server<'_>,
    params: &lsp::CodeActionParams,
) -> Vec<lsp::CodeAction> {
    let uri = &params.text_document.uri.0;
    let Some(document) = server.documents.get(uri) else {
        return Vec::new();
    };
    let only = params.context.only.as_ref().map(|kinds| {
        kinds
            .iter()
            .map(|kind| String::from(kind.clone()))
            .collect::<Vec<_>>()
    });
    let wanted = |kind: &str| {
        only.as_ref().is_none_or(|only| {
            only.iter().any(|o| {
                kind == o
                    || kind
                        .strip_prefix(o.as_str())
                        .is_some_and(|r| r.starts_with('.'))
            })
        })
    };
    let mut actions = Vec::new();
    if wanted("quickfix") {
        for diagnostic in &params.context.diagnostics {
            if diagnostic.source.as_deref() != Some(SOURCE) {
                continue;
            }
            let Some(data) = diagnostic
                .data
                .clone()
                .and_then(|data| serde_json::from_value::<DiagnosticData>(data).ok())
            else {
                continue;
            };
            // Edits found in another version of the text would land in the
            // wrong place; the client gets fresh diagnostics shortly.
            if data.version != document.version {
                continue;
            }
            if let Some(fix) = data.fix
                && (fix.safe || server.client.options.unsafe_fixes)
            {
                let label = if fix.safe { "" } else { " (unsafe)" };
                actions.push(action(
                    format!("{}: {}{label}", data.code, fix.title),
                    lsp::CodeActionKind::QuickFix,
                    uri,
                    fix.edits,
                    Some(diagnostic.clone()),
                    fix.safe,
                ));
            }
            if let Some(edit) = data.noqa {
                actions.push(action(
                    format!("Disable {} for this line", data.code),
                    lsp::CodeActionKind::QuickFix,
                    uri,
                    vec![edit],
                    Some(diagnostic.clone()),
                    false,
                ));
            }
        }
    }
    if wanted(FIX_ALL)
        && let Some(edit) = fix_all(server, document)
    {
        actions.push(action(
            "memwise: fix all safe fixes".to_owned(),
            lsp::CodeActionKind::Custom(FIX_ALL.into()),
            uri,
            vec![edit],
            None,
            false,
        ));
    }
    actions
}

/// The edit that applies every safe fix (in as many passes as `--fix`),
/// trimmed to the lines that change so the cursor stays put elsewhere.
fn fix_all(server: &Server<'_>, document: &Document) -> Option<lsp::TextEdit> {
    // Notebooks are not fixed, as by the CLI.
    if document.notebook.is_some() {
        return None;
    }
    let resolver = server.resolver.as_ref()?;
    let fixed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        memwise_linter::source::fix_all(resolver, &document.path, &document.text, false)
    }));
    let fixed = match fixed {
        Ok(Ok(fixed)) => fixed,
        Ok(Err(errors)) => {
            for error in errors {
                server.log(lsp::MessageType::Error, format!("memwise: {error}"));
            }
            return None;
        }
        Err(_) => {
            server.log(
                lsp::MessageType::Error,
                "memwise panicked while fixing; this is a bug, please report it".to_owned(),
            );
            return None;
        }
    };
    let old = document.text.as_str();
    if fixed == old {
        return None;
    }
    let mut prefix = old
        .bytes()
        .zip(fixed.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    // Whole lines, so that an edit never starts inside a character.
    prefix = old[..prefix].rfind('\n').map_or(0, |i| i + 1);
    let mut suffix = old[prefix..]
        .bytes()
        .rev()
        .zip(fixed[prefix..].bytes().rev())
        .take_while(|(a, b)| a == b)
        .count();
    while suffix > 0 && !old[old.len() - suffix..].starts_with('\n') {
        suffix -= 1;
    }
    let encoding = server.client.encoding;
    Some(lsp::TextEdit {
        range: document
            .lines
            .range(old, prefix, old.len() - suffix, encoding),
        new_text: fixed[prefix..fixed.len() - suffix].to_owned(),
    })
}

fn action(
    title: String,
    kind: lsp::CodeActionKind,
    uri: &str,
    edits: Vec<lsp::TextEdit>,
    diagnostic: Option<lsp::Diagnostic>,
    preferred: bool,
) -> lsp::CodeAction {
    let changes = HashMap::from([(lsp::Uri(uri.to_owned()), edits)]);
    lsp::CodeAction {
        title,
        kind: Some(kind),
        diagnostics: diagnostic.map(|d| vec![d]),
        is_preferred: preferred.then_some(true),
        edit: Some(lsp::WorkspaceEdit {
            changes: Some(changes),
            ..lsp::WorkspaceEdit::default()
        }),
        ..lsp::CodeAction::default()
    }
}

/// The rule's name and "What it does" for a code in a `# noqa` comment.
pub(crate) fn hover(server: &Server<'_>, params: &lsp::HoverParams) -> Option<lsp::Hover> {
    let position = &params.text_document_position_params;
    let document = server.documents.get(&position.text_document.uri.0)?;
    let text = document.text.as_str();
    let encoding = server.client.encoding;
    let offset = document.lines.offset(text, position.position, encoding);
    let line_start = text[..offset].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let line_end = text[offset..]
        .find(['\n', '\r'])
        .map_or(text.len(), |i| offset + i);
    let is_word = |c: char| c.is_ascii_alphanumeric();
    let start = text[line_start..offset]
        .rfind(|c: char| !is_word(c))
        .map_or(line_start, |i| line_start + i + 1);
    let end = text[offset..line_end]
        .find(|c: char| !is_word(c))
        .map_or(line_end, |i| offset + i);
    let before = text[line_start..start].to_ascii_lowercase();
    let in_noqa = before
        .rfind('#')
        .is_some_and(|hash| before[hash..].contains("noqa"));
    if !in_noqa {
        return None;
    }
    let rule = memwise_rules::find(&text[start..end].to_ascii_uppercase())?;
    let meta = rule.meta();
    let summary = meta.doc_section("What it does").unwrap_or_default();
    let value = format!(
        "**{}** `{}`\n\n{summary}\n\n[Documentation]({})",
        meta.code,
        meta.name,
        meta.url()
    );
    Some(lsp::Hover {
        contents: lsp::Contents::MarkupContent(lsp::MarkupContent {
            kind: lsp::MarkupKind::Markdown,
            value,
        }),
        range: Some(document.lines.range(text, start, end, encoding)),
    })
}
