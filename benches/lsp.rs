//! Benchmark: the language server's latency from an edit to the diagnostics
//! of a 10,000-element case (full-document sync: the whole case is re-checked).
//! Runs the real server loop over an in-memory connection.
//! Run with `cargo bench --bench lsp`.

use lsp_server::{Connection, Message, Notification, Request};
use serde_json::{json, Value};
use std::time::{Duration, Instant};

const URI: &str = "file:///bench.case";
const EDITS: usize = 20;
const SERVER_THREAD: &str = "casec-lsp";

fn notify(client: &Connection, method: &str, params: Value) {
    let message = Notification::new(method.into(), params);
    client
        .sender
        .send(message.into())
        .expect("the server is running");
}

/// Wait for the next diagnostics, or the response to request `id`.
fn wait(client: &Connection, wanted: impl Fn(&Message) -> bool) -> Message {
    loop {
        let message = client
            .receiver
            .recv_timeout(Duration::from_secs(60))
            .expect("the server answers");
        if wanted(&message) {
            return message;
        }
    }
}

fn diagnostics(client: &Connection) -> usize {
    let message = wait(
        client,
        |m| matches!(m, Message::Notification(n) if n.method == "textDocument/publishDiagnostics"),
    );
    match message {
        Message::Notification(n) => n.params["diagnostics"].as_array().map_or(0, Vec::len),
        _ => unreachable!("waited for a notification"),
    }
}

fn request(client: &Connection, id: i32, method: &str, params: Value) -> Value {
    let message = Request::new(id.into(), method.into(), params);
    client
        .sender
        .send(message.into())
        .expect("the server is running");
    match wait(
        client,
        |m| matches!(m, Message::Response(r) if r.id == id.into()),
    ) {
        Message::Response(r) => r.response_result.expect("the request succeeds"),
        _ => unreachable!("waited for a response"),
    }
}

/// CPU time the server thread has used (from /proc: Linux only), to tell the
/// server's own cost from waiting for a core on a busy machine.
fn server_cpu() -> Option<Duration> {
    for task in std::fs::read_dir("/proc/self/task").ok()? {
        let task = task.ok()?.path();
        let name = std::fs::read_to_string(task.join("comm")).ok()?;
        if name.trim() == SERVER_THREAD {
            let schedstat = std::fs::read_to_string(task.join("schedstat")).ok()?;
            let nanos = schedstat.split_whitespace().next()?.parse().ok()?;
            return Some(Duration::from_nanos(nanos));
        }
    }
    None
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

fn main() {
    let (server, client) = Connection::memory();
    let thread = std::thread::Builder::new()
        .name(SERVER_THREAD.into())
        .spawn(move || casec::lsp::serve(server))
        .expect("a thread for the server");
    request(&client, 0, "initialize", json!({"capabilities": {}}));
    notify(&client, "initialized", json!({}));

    let text = casec::synth::generate(10_000);
    let document = json!({"uri": URI, "languageId": "case", "version": 0, "text": text});
    let start = Instant::now();
    notify(
        &client,
        "textDocument/didOpen",
        json!({ "textDocument": document }),
    );
    assert_eq!(diagnostics(&client), 0, "the synthetic case is clean");
    let open = start.elapsed();

    // Alternate between breaking a reference and fixing it again.
    let broken = text.replacen("supported by: ac0_0", "supported by: ac0_O", 1);
    let (mut clean_runs, mut broken_runs) = (Vec::new(), Vec::new());
    let cpu_before = server_cpu();
    for version in 1..=EDITS as i32 {
        let (edited, runs, expected) = if version % 2 == 1 {
            (&broken, &mut broken_runs, 1)
        } else {
            (&text, &mut clean_runs, 0)
        };
        let change = json!({"textDocument": {"uri": URI, "version": version}, "contentChanges": [{"text": edited}]});
        let start = Instant::now();
        notify(&client, "textDocument/didChange", change);
        assert_eq!(diagnostics(&client), expected);
        runs.push(start.elapsed());
    }
    let cpu = server_cpu()
        .zip(cpu_before)
        .map(|(after, before)| (after - before) / EDITS as u32);
    let position = json!({"textDocument": {"uri": URI}, "position": {"line": 40, "character": 20}});
    let start = Instant::now();
    request(
        &client,
        1,
        "textDocument/references",
        json!({"textDocument": {"uri": URI}, "position": {"line": 40, "character": 20}, "context": {"includeDeclaration": true}}),
    );
    let references = start.elapsed();
    let start = Instant::now();
    request(&client, 2, "textDocument/hover", position);
    let hover = start.elapsed();

    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!("10,000-element case, {} KB", text.len() / 1024);
    println!("open → diagnostics:             {:>7.1} ms", ms(open));
    println!(
        "edit → diagnostics (clean):     {:>7.1} ms median, {:.1} ms max",
        ms(median(clean_runs.clone())),
        ms(clean_runs.iter().copied().max().unwrap_or_default())
    );
    println!(
        "edit → diagnostics (one error): {:>7.1} ms median, {:.1} ms max",
        ms(median(broken_runs.clone())),
        ms(broken_runs.iter().copied().max().unwrap_or_default())
    );
    if let Some(cpu) = cpu {
        println!("edit → diagnostics, server CPU: {:>7.1} ms mean", ms(cpu));
    }
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load = load.split_whitespace().next().unwrap_or("?");
    println!(
        "(load average {load} on {} cores while measuring)",
        std::thread::available_parallelism().map_or(1, |n| n.get())
    );
    println!("references:                     {:>7.1} ms", ms(references));
    println!("hover:                          {:>7.1} ms", ms(hover));

    request(&client, 3, "shutdown", Value::Null);
    notify(&client, "exit", Value::Null);
    let clean_exit = thread.join().expect("the server thread ends");
    assert_eq!(clean_exit, Ok(true));
}
