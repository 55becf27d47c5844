//! Benchmark: the language server's latency from an edit to the diagnostics,
//! for cases of 2,500, 10,000 and 40,000 elements (full-document sync: the
//! whole case is re-checked, unchanged items are not re-parsed), and how it
//! scales. Runs the real server loop over an in-memory connection.
//! Run with `cargo bench --bench lsp` (sizes: `CASEC_BENCH_SIZES=1000,10000`).

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

/// The errors among the next diagnostics published (the synthetic cases'
/// artifacts are not on disk: their warnings are left out).
fn diagnostics(client: &Connection) -> usize {
    let message = wait(
        client,
        |m| matches!(m, Message::Notification(n) if n.method == "textDocument/publishDiagnostics"),
    );
    match message {
        Message::Notification(n) => n.params["diagnostics"]
            .as_array()
            .map_or(0, |d| d.iter().filter(|d| d["severity"] == 1).count()),
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

/// What one size measured.
struct Figures {
    elements: usize,
    kilobytes: usize,
    open: Duration,
    edit_median: Duration,
    edit_max: Duration,
    edit_cpu: Option<Duration>,
    references: Duration,
    hover: Duration,
}

fn measure(elements: usize) -> Figures {
    let (server, client) = Connection::memory();
    let thread = std::thread::Builder::new()
        .name(SERVER_THREAD.into())
        .spawn(move || casec::lsp::serve(server, casec::Freshness::default()))
        .expect("a thread for the server");
    request(&client, 0, "initialize", json!({"capabilities": {}}));
    notify(&client, "initialized", json!({}));

    let text = casec::synth::generate(elements);
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
    let mut runs = Vec::new();
    let cpu_before = server_cpu();
    for version in 1..=EDITS as i32 {
        let (edited, expected) = if version % 2 == 1 {
            (&broken, 1)
        } else {
            (&text, 0)
        };
        let change = json!({"textDocument": {"uri": URI, "version": version}, "contentChanges": [{"text": edited}]});
        let start = Instant::now();
        notify(&client, "textDocument/didChange", change);
        assert_eq!(diagnostics(&client), expected);
        runs.push(start.elapsed());
    }
    let edit_cpu = server_cpu()
        .zip(cpu_before)
        .map(|(after, before)| (after - before) / EDITS as u32);
    let position = json!({"textDocument": {"uri": URI}, "position": {"line": 40, "character": 20}});
    let start = Instant::now();
    let mut params = position.clone();
    params["context"] = json!({"includeDeclaration": true});
    request(&client, 1, "textDocument/references", params);
    let references = start.elapsed();
    let start = Instant::now();
    request(&client, 2, "textDocument/hover", position);
    let hover = start.elapsed();

    request(&client, 3, "shutdown", Value::Null);
    notify(&client, "exit", Value::Null);
    let clean_exit = thread.join().expect("the server thread ends");
    assert_eq!(clean_exit, Ok(true));
    Figures {
        elements,
        kilobytes: text.len() / 1024,
        open,
        edit_median: median(runs.clone()),
        edit_max: runs.iter().copied().max().unwrap_or_default(),
        edit_cpu,
        references,
        hover,
    }
}

/// The next diagnostics published for `uri`: how many carry `code`.
fn diagnostics_on(client: &Connection, uri: &str, code: &str) -> usize {
    let message = wait(
        client,
        |m| matches!(m, Message::Notification(n) if n.method == "textDocument/publishDiagnostics" && n.params["uri"] == uri),
    );
    match message {
        Message::Notification(n) => n.params["diagnostics"]
            .as_array()
            .map_or(0, |d| d.iter().filter(|d| d["code"] == code).count()),
        _ => unreachable!("waited for a notification"),
    }
}

/// A 10-module project of 10,000 elements with the case and one module
/// open: an edit to the module re-checks it and the case that imports it
/// (the whole project), until the module's diagnostics are published.
fn project() {
    let dir = std::env::temp_dir().join(format!("casec-bench-lsp-project-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join(".git")).expect("a temporary folder");
    let files = casec::synth::project(10, 10_000);
    for (path, text) in &files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("a folder");
        std::fs::write(path, text).expect("writable");
    }
    let uri = |path: &str| format!("file://{}/{path}", dir.display());
    let (case_uri, module_uri) = (uri(&files[0].0), uri(&files[2].0));
    let module = files[2].1.clone();
    let (server, client) = Connection::memory();
    let thread = std::thread::Builder::new()
        .name(SERVER_THREAD.into())
        .spawn(move || casec::lsp::serve(server, casec::Freshness::default()))
        .expect("a thread for the server");
    request(&client, 0, "initialize", json!({"capabilities": {}}));
    notify(&client, "initialized", json!({}));
    for (uri, text) in [(&case_uri, &files[0].1), (&module_uri, &module)] {
        let document = json!({"uri": uri, "languageId": "case", "version": 0, "text": text});
        notify(
            &client,
            "textDocument/didOpen",
            json!({ "textDocument": document }),
        );
    }
    diagnostics_on(&client, &module_uri, "E0202");
    let broken = module.replacen("supported by: aroot_0", "supported by: aroot_O", 1);
    let mut runs = Vec::new();
    for version in 1..=EDITS as i32 {
        let (edited, expected) = if version % 2 == 1 {
            (&broken, 1)
        } else {
            (&module, 0)
        };
        let change = json!({"textDocument": {"uri": module_uri, "version": version}, "contentChanges": [{"text": edited}]});
        let start = Instant::now();
        notify(&client, "textDocument/didChange", change);
        assert_eq!(diagnostics_on(&client, &module_uri, "E0202"), expected);
        runs.push(start.elapsed());
    }
    request(&client, 1, "shutdown", Value::Null);
    notify(&client, "exit", Value::Null);
    let _ = thread.join();
    let _ = std::fs::remove_dir_all(&dir);
    println!(
        "a 10-module project of 10,000 elements, an edit to one open module (the case open too): median {:.1} ms, max {:.1} ms",
        median(runs.clone()).as_secs_f64() * 1e3,
        runs.iter().max().copied().unwrap_or_default().as_secs_f64() * 1e3
    );
}

/// Sizes from `CASEC_BENCH_SIZES` (comma-separated element counts).
fn sizes() -> Vec<usize> {
    let sizes = std::env::var("CASEC_BENCH_SIZES").unwrap_or_else(|_| "2500,10000,40000".into());
    sizes
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect()
}

fn main() {
    let ms = |d: Duration| d.as_secs_f64() * 1e3;
    println!("edit → diagnostics: wall time median and max of {EDITS} edits, and the server thread's CPU time per edit");
    println!(
        "{:>8} {:>7} {:>9} {:>10} {:>9} {:>9} {:>9} {:>8}",
        "elements", "KB", "open ms", "edit ms", "max ms", "CPU ms", "refs ms", "hover ms"
    );
    let mut all: Vec<Figures> = Vec::new();
    for elements in sizes() {
        let f = measure(elements);
        println!(
            "{:>8} {:>7} {:>9.1} {:>10.1} {:>9.1} {:>9} {:>9.1} {:>8.1}",
            f.elements,
            f.kilobytes,
            ms(f.open),
            ms(f.edit_median),
            ms(f.edit_max),
            f.edit_cpu.map_or("?".into(), |c| format!("{:.1}", ms(c))),
            ms(f.references),
            ms(f.hover),
        );
        all.push(f);
    }
    for pair in all.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        let size = b.elements as f64 / a.elements as f64;
        let cpu = b.edit_cpu.zip(a.edit_cpu).map(|(b, a)| ms(b) / ms(a));
        println!(
            "{}→{} elements (×{size:.1}): edit wall ×{:.2}, edit CPU ×{}",
            a.elements,
            b.elements,
            ms(b.edit_median) / ms(a.edit_median),
            cpu.map_or("?".into(), |r| format!("{r:.2}")),
        );
    }
    project();
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    let load = load.split_whitespace().next().unwrap_or("?").to_string();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("(load average {load} on {cores} cores while measuring)");
}
