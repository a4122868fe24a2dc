//! The stdio transport. lsp-server's own ends its reader thread on the first
//! message it cannot parse, which ends the session; this one answers such a
//! message with the JSON-RPC error it calls for and reads on.

use std::io::{self, BufRead, Write};
use std::thread;

use crossbeam_channel::{Receiver, Sender, bounded};
use lsp_server::{Connection, ErrorCode, Message};
use serde_json::{Value, json};

/// The reader and writer threads of a stdio connection.
pub struct IoThreads {
    writer: thread::JoinHandle<io::Result<()>>,
}

impl IoThreads {
    /// Waits until every queued message is written. Call after dropping the
    /// connection. The reader is not joined: it may be blocked reading a
    /// client that never closes its end, and ends with the process.
    pub fn join(self) -> io::Result<()> {
        self.writer
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("the writer thread panicked")))
    }
}

/// A connection over standard input and output.
pub fn stdio() -> (Connection, IoThreads) {
    let (writer_sender, writer_receiver) = bounded::<Message>(0);
    let writer = thread::Builder::new()
        .name("memwise-lsp-writer".to_owned())
        .spawn(move || write_all(&writer_receiver))
        .expect("spawning a thread only fails when the system is out of resources");
    let (reader_sender, reader_receiver) = bounded::<Message>(0);
    thread::Builder::new()
        .name("memwise-lsp-reader".to_owned())
        .spawn(move || read_all(&mut io::stdin().lock(), &reader_sender))
        .expect("spawning a thread only fails when the system is out of resources");
    let connection = Connection {
        sender: writer_sender,
        receiver: reader_receiver,
    };
    (connection, IoThreads { writer })
}

fn write_all(receiver: &Receiver<Message>) -> io::Result<()> {
    for message in receiver {
        // The lock is taken per message, so the reader's error replies
        // never land inside one.
        message.write(&mut io::stdout().lock())?;
    }
    Ok(())
}

fn read_all(input: &mut impl BufRead, sender: &Sender<Message>) -> io::Result<()> {
    loop {
        let text = match read_frame(input) {
            Ok(Some(text)) => text,
            Ok(None) => return Ok(()),
            Err(error) => {
                // Without a readable header the next frame cannot be found:
                // say why, and end as lsp-server does.
                reply_error(&Value::Null, ErrorCode::ParseError, &error.to_string())?;
                return Err(error);
            }
        };
        let value: Value = match serde_json::from_str(&text) {
            Ok(value) => value,
            Err(error) => {
                reply_error(
                    &Value::Null,
                    ErrorCode::ParseError,
                    &format!("the message is not JSON: {error}"),
                )?;
                continue;
            }
        };
        let id = value.get("id").cloned().unwrap_or(Value::Null);
        let message = match serde_json::from_value::<Message>(value) {
            Ok(message) => message,
            Err(error) => {
                reply_error(
                    &id,
                    ErrorCode::InvalidRequest,
                    &format!(
                        "the message is not a JSON-RPC request, response or notification: {error}"
                    ),
                )?;
                continue;
            }
        };
        let is_exit = matches!(&message, Message::Notification(n) if n.method == "exit");
        if sender.send(message).is_err() || is_exit {
            return Ok(());
        }
    }
}

/// One message's body, or `None` at the end of the input.
fn read_frame(input: &mut impl BufRead) -> io::Result<Option<String>> {
    let mut length = None;
    let mut line = String::new();
    loop {
        line.clear();
        if input.read_line(&mut line)? == 0 {
            return Ok(None);
        }
        let header = line.trim_end_matches(['\r', '\n']);
        if header.is_empty() {
            if length.is_some() {
                break;
            }
            // Blank lines between messages are tolerated.
            continue;
        }
        let Some((name, value)) = header.split_once(':') else {
            return Err(invalid(format!("malformed header {header:?}")));
        };
        if name.trim().eq_ignore_ascii_case("content-length") {
            let value = value.trim();
            length = Some(
                value
                    .parse::<usize>()
                    .map_err(|_| invalid(format!("Content-Length {value:?} is not a number")))?,
            );
        }
    }
    let mut body = vec![0; length.unwrap_or_default()];
    input.read_exact(&mut body)?;
    // A body that is not UTF-8 is answered as a parse error by the caller.
    Ok(Some(String::from_utf8_lossy(&body).into_owned()))
}

fn invalid(message: String) -> io::Error {
    io::Error::new(io::ErrorKind::InvalidData, message)
}

fn reply_error(id: &Value, code: ErrorCode, message: &str) -> io::Result<()> {
    let body = json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": { "code": code as i32, "message": message },
    })
    .to_string();
    let mut out = io::stdout().lock();
    write!(out, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    out.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_are_read_by_their_length() {
        let input = "Content-Length: 2\r\nContent-Type: x\r\n\r\n{}\r\ncontent-length:3\n\n[1]";
        let mut reader = io::BufReader::new(input.as_bytes());
        assert_eq!(read_frame(&mut reader).unwrap().as_deref(), Some("{}"));
        assert_eq!(read_frame(&mut reader).unwrap().as_deref(), Some("[1]"));
        assert_eq!(read_frame(&mut reader).unwrap(), None);
        let mut bad = io::BufReader::new("Content-Length: x\r\n\r\n".as_bytes());
        assert!(read_frame(&mut bad).is_err());
    }
}
