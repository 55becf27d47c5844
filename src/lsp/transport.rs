//! The server's side of the wire: LSP's base protocol (`Content-Length`
//! headers, then a JSON-RPC body) read and written by casec itself, so that
//! no frame a client sends can end the session.
//!
//! [`FrameReader`] never trusts the announced length: a frame larger than
//! [`MAX_FRAME`] is refused without reading it into memory, and every header
//! line is read through a bounded window. A frame that is not a message (a
//! bad, negative, missing or oversized `Content-Length`, a header that is not
//! `Name: value`, a body that is not UTF-8 or not JSON, a JSON-RPC batch, an
//! object that is not a request, response or notification) is logged to
//! standard error and answered with a JSON-RPC error: Parse error (-32700)
//! when no JSON value could be read, Invalid Request (-32600) otherwise,
//! with the request's id when it has one and `null` when not. Then the reader
//! resynchronises: when the length of what follows is unknown (a bad length,
//! or one over the limit), it skips every line up to the next line that holds
//! a `Content-Length:` header, and starts the next frame there (the header may
//! follow the skipped bytes on the same line, as it does after a JSON body).
//! A body that holds the words `Content-Length:` itself can therefore be taken
//! for a frame of its own; that costs one more error answer, never the session.
//!
//! Well-formed messages go to the server's [`Connection`] through the
//! channels of [`Connection::memory`]; a writer thread frames what the
//! server sends.

use lsp_server::{Connection, ErrorCode, Message};
use serde_json::{json, Value};
use std::io::{self, BufRead, Read, Write};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};

/// The largest body accepted: 64 MiB, far above any case an editor holds.
pub(crate) const MAX_FRAME: u64 = 64 << 20;

/// The longest header line kept: longer lines are garbage, of which only
/// the end is kept (it may hold the next frame's header).
const MAX_LINE: usize = 4096;

/// One frame read from the client.
#[derive(Debug)]
pub enum Frame {
    /// A well-formed JSON-RPC message.
    Message(Message),
    /// A frame that is not one.
    Bad(BadFrame),
}

/// A frame that is not a message: what is wrong, and the answer it gets.
#[derive(Debug)]
pub struct BadFrame {
    pub problem: String,
    /// The JSON-RPC error response to send back.
    pub reply: Value,
}

impl BadFrame {
    fn new(code: ErrorCode, id: Value, problem: String) -> BadFrame {
        let reply = json!({
            "jsonrpc": "2.0",
            "id": id,
            "error": { "code": code as i32, "message": problem },
        });
        BadFrame { problem, reply }
    }

    fn unreadable(problem: String) -> BadFrame {
        BadFrame::new(ErrorCode::ParseError, Value::Null, problem)
    }
}

/// Reads frames from the client, recovering from every malformed one.
pub struct FrameReader<R> {
    input: R,
    /// Skipping what follows a frame whose length is unknown, up to the next
    /// `Content-Length` header (the problem has been reported already).
    skipping: bool,
    /// A header found at the end of a line of skipped bytes: the first line
    /// of the next frame.
    pending: Option<Vec<u8>>,
}

/// What a header block announced.
enum Length {
    Missing,
    Bad(String),
    Good(u64),
}

/// A line read through the bounded window.
struct Line {
    bytes: Vec<u8>,
    /// Longer than the window: only its end was kept.
    cut: bool,
}

impl<R: BufRead> FrameReader<R> {
    pub fn new(input: R) -> FrameReader<R> {
        FrameReader {
            input,
            skipping: false,
            pending: None,
        }
    }

    /// The next frame, or `None` at the end of the input (a frame cut short
    /// by the end is dropped).
    pub fn read(&mut self) -> io::Result<Option<Frame>> {
        let mut length = Length::Missing;
        let mut in_headers = false;
        loop {
            let line = match self.pending.take() {
                Some(bytes) => Line { bytes, cut: false },
                None => match self.line()? {
                    Some(line) => line,
                    None => return Ok(None),
                },
            };
            let bytes = line.bytes.strip_suffix(b"\r").unwrap_or(&line.bytes);
            if bytes.is_empty() && !line.cut {
                if !in_headers {
                    // A blank line between frames, or among skipped bytes.
                    continue;
                }
                return match length {
                    Length::Good(size) if size > MAX_FRAME => {
                        self.skipping = true;
                        Ok(Some(Frame::Bad(BadFrame::new(
                            ErrorCode::InvalidRequest,
                            Value::Null,
                            format!(
                                "a frame of {size} bytes, over the limit of {MAX_FRAME} bytes: not read, and what follows skipped up to the next `Content-Length` header"
                            ),
                        ))))
                    }
                    Length::Good(size) => Ok(self.body(size)?.map(|body| decode(&body))),
                    Length::Missing => {
                        self.skipping = true;
                        Ok(Some(Frame::Bad(BadFrame::unreadable(
                            "a frame without a `Content-Length` header: skipped up to the next `Content-Length` header"
                                .into(),
                        ))))
                    }
                    Length::Bad(problem) => {
                        self.skipping = true;
                        Ok(Some(Frame::Bad(BadFrame::unreadable(format!(
                            "{problem}: the frame is skipped up to the next `Content-Length` header"
                        )))))
                    }
                };
            }
            if let Some((name, value)) = split_header(bytes).filter(|_| !line.cut) {
                in_headers = true;
                self.skipping = false;
                if name.eq_ignore_ascii_case(b"content-length") {
                    length = parse_length(value);
                }
                continue;
            }
            // Not a header. The next frame's header may end the line, as it
            // does after a body sent without a length.
            if let Some(at) = find_content_length(bytes) {
                self.pending = Some(bytes[at..].to_vec());
            }
            let problem = if in_headers {
                format!(
                    "a malformed header line `{}`: the frame is skipped up to the next `Content-Length` header",
                    shown(bytes)
                )
            } else if self.skipping {
                continue;
            } else {
                format!(
                    "bytes that are not a frame (`{}`): skipped up to the next `Content-Length` header",
                    shown(bytes)
                )
            };
            self.skipping = self.pending.is_none();
            return Ok(Some(Frame::Bad(BadFrame::unreadable(problem))));
        }
    }

    /// The next line, without its `\n`; of a line longer than the window,
    /// its last [`MAX_LINE`] bytes. `None` at the end of the input.
    fn line(&mut self) -> io::Result<Option<Line>> {
        let mut line = Line {
            bytes: Vec::new(),
            cut: false,
        };
        loop {
            let buffer = match self.input.fill_buf() {
                Ok(buffer) => buffer,
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if buffer.is_empty() {
                // A last line without its end cannot end a header block.
                return Ok(None);
            }
            let (used, end) = match buffer.iter().position(|&b| b == b'\n') {
                Some(at) => (at + 1, true),
                None => (buffer.len(), false),
            };
            line.bytes
                .extend_from_slice(&buffer[..used - usize::from(end)]);
            self.input.consume(used);
            if line.bytes.len() > 2 * MAX_LINE {
                line.bytes.drain(..line.bytes.len() - MAX_LINE);
                line.cut = true;
            }
            if end {
                return Ok(Some(line));
            }
        }
    }

    /// A body of `size` bytes (at most [`MAX_FRAME`]); `None` if the input
    /// ends first.
    fn body(&mut self, size: u64) -> io::Result<Option<Vec<u8>>> {
        let mut body = Vec::new();
        (&mut self.input).take(size).read_to_end(&mut body)?;
        Ok((body.len() as u64 == size).then_some(body))
    }
}

/// A header line's name and value: `Name: value`, the name an HTTP token.
fn split_header(line: &[u8]) -> Option<(&[u8], &[u8])> {
    let colon = line.iter().position(|&b| b == b':')?;
    let (name, value) = (&line[..colon], &line[colon + 1..]);
    let token = |b: &u8| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(b);
    (!name.is_empty() && name.iter().all(token)).then_some((name, value.trim_ascii()))
}

/// Where a `Content-Length:` header starts in a line (in any case).
fn find_content_length(line: &[u8]) -> Option<usize> {
    const HEADER: &[u8] = b"content-length:";
    line.windows(HEADER.len())
        .position(|window| window.eq_ignore_ascii_case(HEADER))
}

fn parse_length(value: &[u8]) -> Length {
    if value.is_empty() || !value.iter().all(u8::is_ascii_digit) {
        return Length::Bad(format!(
            "`Content-Length: {}` is not a length (a decimal number of bytes)",
            shown(value)
        ));
    }
    // All digits: the only failure left is a number too large for 64 bits.
    let size = std::str::from_utf8(value)
        .ok()
        .and_then(|digits| digits.parse().ok())
        .unwrap_or(u64::MAX);
    Length::Good(size)
}

/// What a body holds: a message, or what is wrong with it.
pub(crate) fn decode(body: &[u8]) -> Frame {
    let text = match std::str::from_utf8(body) {
        Ok(text) => text,
        Err(e) => {
            return Frame::Bad(BadFrame::unreadable(format!(
                "the body is not UTF-8 (at byte {})",
                e.valid_up_to()
            )))
        }
    };
    let value: Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(e) => {
            return Frame::Bad(BadFrame::unreadable(format!("the body is not JSON: {e}")));
        }
    };
    let invalid = |id: Value, problem: String| {
        Frame::Bad(BadFrame::new(ErrorCode::InvalidRequest, id, problem))
    };
    let id = match &value {
        Value::Object(object) => match object.get("id") {
            Some(id @ (Value::Number(_) | Value::String(_))) => id.clone(),
            _ => Value::Null,
        },
        Value::Array(items) => {
            return invalid(
                Value::Null,
                format!(
                    "a JSON-RPC batch of {} messages: the Language Server Protocol has none; send each message in a frame of its own",
                    items.len()
                ),
            )
        }
        _ => {
            return invalid(
                Value::Null,
                "a JSON-RPC message is an object".into(),
            )
        }
    };
    let has_id = value.get("id").is_some_and(|id| !id.is_null());
    match serde_json::from_value::<Message>(value) {
        // A request whose id does not fit (a float, a number beyond 32 bits)
        // would be read as a notification, and never answered.
        Ok(Message::Notification(_)) if has_id => invalid(
            id,
            "a request's `id` is an integer of 32 bits or a string".into(),
        ),
        Ok(message) => Frame::Message(message),
        Err(_) => invalid(
            id,
            "not a JSON-RPC request (`id` an integer or a string, `method` a string), response (`id` with `result` or `error`) or notification (`method` a string)".into(),
        ),
    }
}

/// A part of a frame, for a message: lossy UTF-8, at most 60 characters.
fn shown(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    let mut shown: String = text.chars().take(60).collect();
    if shown.len() < text.len() {
        shown.push('…');
    }
    shown.escape_debug().to_string()
}

/// Write one frame: its header, then its body.
fn write_frame(output: &Mutex<impl Write>, body: &str) -> io::Result<()> {
    let mut output = output
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    write!(output, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    output.flush()
}

/// The threads that carry messages between the client and the server.
pub(crate) struct Transport {
    writer: JoinHandle<io::Result<()>>,
}

impl Transport {
    /// Wait until everything the server sent is written (the server has
    /// ended and dropped its connection).
    pub fn finish(self) -> Result<(), String> {
        match self.writer.join() {
            Ok(Ok(())) => Ok(()),
            Ok(Err(e)) => Err(format!("writing to the editor failed: {e}")),
            Err(_) => Err("the thread writing to the editor failed".into()),
        }
    }
}

/// A connection for [`super::serve`] over `input` and `output`: a reader
/// thread turns frames into messages (answering and logging bad ones), a
/// writer thread frames the server's messages. The reader stops after an
/// `exit` notification or at the end of the input, which disconnects the
/// server.
pub(crate) fn connect<R, W>(input: R, output: W) -> io::Result<(Connection, Transport)>
where
    R: BufRead + Send + 'static,
    W: Write + Send + 'static,
{
    let (server, client) = Connection::memory();
    let Connection {
        sender: to_server,
        receiver: from_server,
    } = client;
    let output = Arc::new(Mutex::new(output));
    let out = Arc::clone(&output);
    let writer = thread::Builder::new()
        .name("casec-lsp-writer".into())
        .spawn(move || {
            for message in from_server {
                let text = serde_json::to_value(&message)
                    .map(|mut value| {
                        value["jsonrpc"] = "2.0".into();
                        value.to_string()
                    })
                    .map_err(io::Error::other)?;
                write_frame(&out, &text)?;
            }
            Ok(())
        })?;
    thread::Builder::new()
        .name("casec-lsp-reader".into())
        .spawn(move || {
            let mut reader = FrameReader::new(input);
            loop {
                match reader.read() {
                    Ok(Some(Frame::Message(message))) => {
                        let exit =
                            matches!(&message, Message::Notification(n) if n.method == "exit");
                        if to_server.send(message).is_err() || exit {
                            return;
                        }
                    }
                    Ok(Some(Frame::Bad(bad))) => {
                        eprintln!("casec lsp: {}", bad.problem);
                        if let Err(e) = write_frame(&output, &bad.reply.to_string()) {
                            eprintln!("casec lsp: writing to the editor failed: {e}");
                        }
                    }
                    Ok(None) => return,
                    Err(e) => {
                        eprintln!("casec lsp: reading from the editor failed: {e}");
                        return;
                    }
                }
            }
        })?;
    Ok((server, Transport { writer }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every frame of `input`: a message's method or id, or the error code
    /// and id of the answer to a bad frame.
    fn frames(input: &[u8]) -> Vec<String> {
        let mut reader = FrameReader::new(input);
        let mut seen = Vec::new();
        while let Some(frame) = reader.read().unwrap() {
            seen.push(match frame {
                Frame::Message(Message::Request(r)) => format!("request {} {}", r.id, r.method),
                Frame::Message(Message::Notification(n)) => format!("notification {}", n.method),
                Frame::Message(Message::Response(r)) => format!("response {}", r.id),
                Frame::Bad(bad) => format!(
                    "error {} id {}",
                    bad.reply["error"]["code"], bad.reply["id"]
                ),
            });
        }
        seen
    }

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    const PING: &str = r#"{"jsonrpc":"2.0","id":7,"method":"ping"}"#;

    #[test]
    fn well_formed_frames_are_messages() {
        let input = format!(
            "{}content-length:{}\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n{PING}{}",
            frame(PING),
            PING.len(),
            frame(r#"{"jsonrpc":"2.0","method":"exit"}"#)
        );
        assert_eq!(
            frames(input.as_bytes()),
            ["request 7 ping", "request 7 ping", "notification exit"]
        );
    }

    #[test]
    fn every_malformed_frame_is_answered_and_the_next_one_read() {
        let ping = frame(PING);
        let cases: [(&str, String, &str); 12] = [
            (
                "bad length",
                format!("Content-Length: ten\r\n\r\n{PING}"),
                "-32700",
            ),
            (
                "negative length",
                format!("Content-Length: -5\r\n\r\n{PING}"),
                "-32700",
            ),
            (
                "missing length",
                format!("Content-Type: x\r\n\r\n{PING}"),
                "-32700",
            ),
            (
                "huge length",
                "Content-Length: 99999999999999999\r\n\r\n".into(),
                "-32600",
            ),
            (
                "beyond 64 bits",
                "Content-Length: 999999999999999999999999\r\n\r\n".into(),
                "-32600",
            ),
            ("not JSON", frame("{not json"), "-32700"),
            ("a batch", frame(&format!("[{PING},{PING}]")), "-32600"),
            ("not an object", frame("42"), "-32600"),
            ("no method", frame(r#"{"jsonrpc":"2.0","id":3}"#), "-32600"),
            (
                "a bad header",
                format!("Content-Length {}\r\n\r\n{PING}", PING.len()),
                "-32700",
            ),
            ("garbage", "hello\r\n".into(), "-32700"),
            ("a long line", "x".repeat(100_000), "-32700"),
        ];
        for (what, bad, code) in cases {
            let input = format!("{bad}{ping}");
            let seen = frames(input.as_bytes());
            assert_eq!(seen.len(), 2, "{what}: {seen:?}");
            assert!(
                seen[0].starts_with(&format!("error {code} id ")),
                "{what}: {seen:?}"
            );
            assert_eq!(seen[1], "request 7 ping", "{what}: {seen:?}");
        }
        let mut not_utf8 = b"Content-Length: 3\r\n\r\n\xff\xfe\"".to_vec();
        not_utf8.extend_from_slice(ping.as_bytes());
        assert_eq!(
            frames(&not_utf8),
            ["error -32700 id null", "request 7 ping"]
        );
    }

    #[test]
    fn a_bad_request_keeps_its_id_in_the_answer() {
        let seen = frames(frame(r#"{"jsonrpc":"2.0","id":"a","method":5}"#).as_bytes());
        assert_eq!(seen, [r#"error -32600 id "a""#]);
        let seen = frames(frame(r#"{"id":4294967296,"method":"x"}"#).as_bytes());
        assert_eq!(seen, ["error -32600 id 4294967296"]);
    }

    #[test]
    fn a_huge_length_allocates_nothing_and_skips_its_body() {
        // The announced body is skipped line by line, in a bounded window,
        // up to the header that ends it.
        let body = "y".repeat(1 << 20);
        let input = format!(
            "Content-Length: 99999999999999999\r\n\r\n{body}\n{body}{}",
            frame(PING)
        );
        assert_eq!(
            frames(input.as_bytes()),
            ["error -32600 id null", "request 7 ping"]
        );
    }

    #[test]
    fn the_end_of_the_input_inside_a_frame_ends_the_reader() {
        assert!(frames(b"Content-Length: 50\r\n\r\n{\"id\"").is_empty());
        assert!(frames(b"Content-Length: 50\r\n").is_empty());
        assert!(frames(b"").is_empty());
    }
}
