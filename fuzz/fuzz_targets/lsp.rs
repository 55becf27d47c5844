//! The language server's message loop, in process: a session opens the
//! input as a document and asks every request casec answers at positions
//! the input picks, edits it, then sends the input again as raw frames (read
//! by the server's own transport, which answers every malformed frame with
//! a JSON-RPC error), and ends with `shutdown`
//! and `exit`. The server must neither panic nor stop serving before the
//! `exit`.
#![no_main]

use casec::lsp::transport::{Frame, FrameReader};
use lsp_server::{Connection, Message, Notification, Request, RequestId};
use serde_json::{json, Value};

const URI: &str = "file:///fuzz/input.case";

const REQUESTS: [&str; 8] = [
    "textDocument/hover",
    "textDocument/completion",
    "textDocument/definition",
    "textDocument/references",
    "textDocument/prepareRename",
    "textDocument/rename",
    "textDocument/documentSymbol",
    "textDocument/formatting",
];

fn request(id: i32, method: &str, params: Value) -> Message {
    Request::new(RequestId::from(id), method.into(), params).into()
}

fn notification(method: &str, params: Value) -> Message {
    Notification::new(method.into(), params).into()
}

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let (server, client) = Connection::memory();
    let freshness = casec::Freshness {
        today: casec::syntax::parse_date("2026-11-25"),
        ..Default::default()
    };
    let session = std::thread::spawn(move || casec::lsp::serve(server, freshness));
    let send = |message: Message| {
        // Once the server has ended (a raw `exit`), sending fails: fine.
        let _ = client.sender.send(message);
    };
    send(request(0, "initialize", json!({ "capabilities": {} })));
    send(notification("initialized", json!({})));
    let text = String::from_utf8_lossy(data);
    let document = json!({ "uri": URI, "languageId": "casec", "version": 1, "text": text });
    send(notification(
        "textDocument/didOpen",
        json!({ "textDocument": document }),
    ));
    let lines = text.lines().count() as u32 + 1;
    let mut id = 1;
    for (i, pair) in data.chunks(2).take(REQUESTS.len()).enumerate() {
        let line = u32::from(pair[0]) % (lines + 1);
        let character = u32::from(*pair.get(1).unwrap_or(&0)) % 90;
        let params = json!({
            "textDocument": { "uri": URI },
            "position": { "line": line, "character": character },
            "context": { "includeDeclaration": i % 2 == 0 },
            "newName": "renamed",
            "options": { "tabSize": 2, "insertSpaces": true },
        });
        send(request(id, REQUESTS[i], params));
        id += 1;
    }
    let half = &text[..text.floor_char_boundary(text.len() / 2)];
    let change = json!({
        "textDocument": { "uri": URI, "version": 2 },
        "contentChanges": [{ "text": half }],
    });
    send(notification("textDocument/didChange", change));
    let hover =
        json!({ "textDocument": { "uri": URI }, "position": { "line": 0, "character": 1 } });
    send(request(id, "textDocument/hover", hover));
    // The input as raw frames, read by the server's own transport: every
    // frame it reads either is a message or is answered with an error.
    let mut frames = FrameReader::new(data);
    while let Some(frame) = frames.read().expect("reading from memory does not fail") {
        match frame {
            Frame::Message(message) => send(message),
            Frame::Bad(bad) => {
                let code = bad.reply["error"]["code"].as_i64();
                assert!(matches!(code, Some(-32700 | -32600)), "{bad:?}");
                assert!(!bad.problem.is_empty());
            }
        }
    }
    send(request(-1, "shutdown", Value::Null));
    send(notification("exit", Value::Null));
    let served = session.join().expect("the server thread does not panic");
    assert!(served.is_ok(), "the server stopped serving: {served:?}");
});
