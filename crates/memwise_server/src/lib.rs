//! The memwise language server (`memwise server`): checks open documents
//! with the CLI's engine and settings and answers over LSP. docs/server.md
//! says what it supports and how editors start it.

mod actions;
mod check;
mod dispatch;
mod document;
mod error;
mod index;
mod notebook;
mod options;
pub mod position;
mod server;
pub mod transport;
pub mod uri;
mod workspace;

pub use error::ServerError;
pub use server::{CheckFn, Ending, serve};

/// Serves over standard input and output until the client says `exit`;
/// the session's ending decides the exit code (0 after `shutdown`).
pub fn run() -> Result<Ending, ServerError> {
    serve_with(memwise_linter::source::check_in_project)
}

/// [`run`] with another way to check a document (for tests of the binary).
pub fn serve_with(check: CheckFn) -> Result<Ending, ServerError> {
    let (connection, threads) = transport::stdio();
    // The checks recurse as deep as the code nests, as the CLI's workers do.
    let ending = std::thread::Builder::new()
        .name("memwise-lsp-main".to_owned())
        .stack_size(memwise_linter::WORKER_STACK_SIZE)
        .spawn(move || {
            let ending = serve(&connection, check);
            // Dropping the connection lets the writer finish; joining it
            // first would wait forever.
            drop(connection);
            ending
        })
        .map_err(ServerError::Spawn)?
        .join()
        .map_err(|_| ServerError::Panicked)??;
    threads.join().map_err(ServerError::Write)?;
    Ok(ending)
}
