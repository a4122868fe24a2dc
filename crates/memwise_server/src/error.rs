//! Why a session could not run to its end.

use std::io;

/// What ends a session before the client's `exit`.
///
/// An OS cause is kept as the source, not in the message: the binary prints
/// the chain as `message: cause`, as it does for its own contexts.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The initialize handshake failed (the client went away, or sent
    /// something else first).
    #[error(transparent)]
    Handshake(#[from] lsp_server::ProtocolError),
    /// The thread that runs the session could not be started.
    #[error("cannot start the server thread")]
    Spawn(#[source] io::Error),
    /// The thread that runs the session panicked outside any handler.
    #[error("the server thread panicked")]
    Panicked,
    /// Queued messages could not be written to the client.
    #[error("writing to the client")]
    Write(#[source] io::Error),
}

/// A message handler's panic, shown as its message: it costs that message,
/// not the session.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub(crate) struct HandlerPanic(pub(crate) String);
