//! The memwise language server (`memwise server`): checks open documents
//! with the CLI's engine and settings and answers over LSP.
