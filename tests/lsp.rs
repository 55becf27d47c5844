//! End-to-end tests of `casec lsp`: a client speaking JSON-RPC, framed with
//! `Content-Length` headers, to the real binary over its standard I/O.
//! Every wait has a timeout, so a hung server fails the test instead of CI.

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

mod common;

const TIMEOUT: Duration = Duration::from_secs(30);
const URI: &str = "file:///work/case%20studies/cyber.case";

/// The check date of every server: SOURCE_DATE_EPOCH for 2026-06-01, inside
/// the fixture's deployment window, so that findings do not depend on the
/// calendar.
const CHECK_DAY_EPOCH: &str = "1780272000";

/// The diagnostics fixture, clean, with a non-ASCII claim text on the line
/// that uses `evals`: UTF-16 columns differ from bytes and characters there.
fn clean_case() -> String {
    let valid = include_str!("fixtures/diagnostics/valid.case");
    let claim = valid
        .find("claim safe")
        .and_then(|start| Some(start..start + valid[start..].find("}\n")? + 2))
        .expect("valid.case has the claim `safe`");
    let one_line = "claim safe \"Ünïcødé — ✓ 𝔘\" { about: assistant  addresses: uplift  in context of: deploy  supported by: evals }\n";
    format!("{}{one_line}{}", &valid[..claim.start], &valid[claim.end..])
}

/// Zero-based line and UTF-16 column of the `nth` occurrence of `word`.
fn position(text: &str, word: &str, nth: usize) -> Value {
    let offset = text
        .match_indices(word)
        .nth(nth)
        .expect("the word is there")
        .0;
    let line_start = text[..offset].rfind('\n').map_or(0, |n| n + 1);
    json!({
        "line": text[..offset].matches('\n').count(),
        "character": text[line_start..offset].encode_utf16().count(),
    })
}

struct Client {
    child: Child,
    /// `None` once closed.
    stdin: Option<ChildStdin>,
    /// What the server wrote to its standard error.
    log: Arc<Mutex<String>>,
    incoming: Receiver<Value>,
    /// Notifications read while waiting for something else.
    unread: Vec<Value>,
    next_id: u64,
}

impl Client {
    fn start() -> Client {
        Client::start_with(json!({}), &[])
    }

    /// A session with a client that says it supports `capabilities`, with a
    /// server started as `casec lsp ARGS`.
    fn start_with(capabilities: Value, args: &[&str]) -> Client {
        Client::start_in(capabilities, args, &[])
    }

    /// `start_with`, with more variables in the server's environment.
    fn start_in(capabilities: Value, args: &[&str], env: &[(&str, &Path)]) -> Client {
        let mut client = Client::spawn(args, env);
        let result = client.request("initialize", json!({ "capabilities": capabilities }));
        assert_eq!(result["serverInfo"]["name"], "casec");
        client.notify("initialized", json!({}));
        client
    }

    /// A server started as `casec lsp ARGS`, before the client says anything.
    fn spawn(args: &[&str], env: &[(&str, &Path)]) -> Client {
        let mut child = Command::new(env!("CARGO_BIN_EXE_casec"))
            .arg("lsp")
            .args(args)
            .envs(env.iter().copied())
            .env("SOURCE_DATE_EPOCH", CHECK_DAY_EPOCH)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("casec starts");
        let stdin = child.stdin.take();
        let stderr = child.stderr.take().expect("piped stderr");
        let log = Arc::new(Mutex::new(String::new()));
        let written = Arc::clone(&log);
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                // Shown with the test's output, as if inherited.
                eprintln!("{line}");
                written.lock().unwrap().push_str(&(line + "\n"));
            }
        });
        let stdout = child.stdout.take().expect("piped stdout");
        let (sender, incoming) = channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some(message) = read_message(&mut reader) {
                if sender.send(message).is_err() {
                    break;
                }
            }
        });
        Client {
            child,
            stdin,
            log,
            incoming,
            unread: Vec::new(),
            next_id: 1,
        }
    }

    fn send(&mut self, message: Value) {
        let body = message.to_string();
        self.send_raw(format!("Content-Length: {}\r\n\r\n{body}", body.len()).as_bytes());
    }

    /// Send bytes as they are, framed or not.
    fn send_raw(&mut self, bytes: &[u8]) {
        let stdin = self.stdin.as_mut().expect("the input is open");
        stdin.write_all(bytes).expect("write");
        stdin.flush().expect("flush");
    }

    /// Close the server's input: the end of the input.
    fn close_input(&mut self) {
        self.stdin = None;
    }

    /// What the server has logged so far.
    fn log(&self) -> String {
        self.log.lock().unwrap().clone()
    }

    /// Whether the server's log comes to hold `needle` within the timeout:
    /// standard error is read on its own thread, so it may lag the answers.
    fn logs(&self, needle: &str) -> bool {
        let deadline = Instant::now() + TIMEOUT;
        while Instant::now() < deadline {
            if self.log().contains(needle) {
                return true;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        false
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Send a request and wait for its response (`result` or `error`).
    fn call(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        self.wait(&format!("the response to {method}"), |m| m["id"] == id)
    }

    fn request(&mut self, method: &str, params: Value) -> Value {
        let response = self.call(method, params);
        assert!(
            response.get("error").is_none(),
            "{method} failed: {response}"
        );
        response["result"].clone()
    }

    fn error(&mut self, method: &str, params: Value) -> Value {
        let response = self.call(method, params);
        response
            .get("error")
            .cloned()
            .unwrap_or_else(|| panic!("{method} should fail: {response}"))
    }

    /// The next diagnostics published for `uri`.
    fn diagnostics(&mut self, uri: &str) -> Vec<Value> {
        let message = self.wait("diagnostics", |m| {
            m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
        });
        message["params"]["diagnostics"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    }

    fn wait(&mut self, what: &str, wanted: impl Fn(&Value) -> bool) -> Value {
        if let Some(i) = self.unread.iter().position(&wanted) {
            return self.unread.remove(i);
        }
        let deadline = Instant::now() + TIMEOUT;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            let message = self
                .incoming
                .recv_timeout(left)
                .unwrap_or_else(|_| panic!("the server sent no {what} within {TIMEOUT:?}"));
            if wanted(&message) {
                return message;
            }
            self.unread.push(message);
        }
    }

    fn open(&mut self, uri: &str, text: &str) {
        let document = json!({"uri": uri, "languageId": "case", "version": 1, "text": text});
        self.notify("textDocument/didOpen", json!({ "textDocument": document }));
    }

    fn change(&mut self, uri: &str, version: i32, text: &str) {
        self.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]}),
        );
    }

    /// Wait for the server to exit and return its status code.
    fn exit_code(mut self) -> Option<i32> {
        let deadline = Instant::now() + TIMEOUT;
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("the server did not exit within {TIMEOUT:?}");
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn read_message(reader: &mut impl BufRead) -> Option<Value> {
    let mut length = None;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line).ok()? == 0 {
            return None;
        }
        let line = line.trim_end();
        if line.is_empty() {
            break;
        }
        if let Some(value) = line.strip_prefix("Content-Length: ") {
            length = value.parse::<usize>().ok();
        }
    }
    let mut body = vec![0; length?];
    reader.read_exact(&mut body).ok()?;
    serde_json::from_slice(&body).ok()
}

fn at(text: &str, word: &str, nth: usize) -> Value {
    json!({"textDocument": {"uri": URI}, "position": position(text, word, nth)})
}

#[test]
fn a_session_from_an_error_to_a_clean_case_to_exit() {
    let clean = clean_case();
    let broken = clean.replacen("supported by: evals }", "supported by: evalz }", 1);
    let mut client = Client::start();

    client.open(URI, &broken);
    let diagnostics = client.diagnostics(URI);
    let unresolved = diagnostics
        .iter()
        .find(|d| d["code"] == "E0202")
        .unwrap_or_else(|| panic!("no E0202 in {diagnostics:#?}"));
    let start = position(&broken, "evalz", 0);
    assert_eq!(unresolved["range"]["start"], start);
    let end_character = start["character"].as_u64().unwrap() + 5;
    assert_eq!(unresolved["range"]["end"]["character"], end_character);
    assert_eq!(unresolved["severity"], 1);
    assert_eq!(unresolved["source"], "casec");
    assert!(unresolved["message"].as_str().unwrap().starts_with(
        "no claim, argument or evidence is called `evalz`\nhelp: did you mean `evals`?"
    ));
    assert_eq!(
        unresolved["relatedInformation"][0]["location"]["range"]["start"],
        position(&broken, "evals", 0)
    );

    client.change(URI, 2, &clean);
    assert_eq!(client.diagnostics(URI), Vec::<Value>::new());

    // `evals` used on the non-ASCII line, declared on its own.
    let declaration = position(&clean, "argument evals", 0);
    let id_start = json!({"line": declaration["line"], "character": 9});
    let definition = client.request("textDocument/definition", at(&clean, "evals", 0));
    assert_eq!(definition["uri"], URI);
    assert_eq!(definition["range"]["start"], id_start);

    let mut params = at(&clean, "evals", 1);
    params["context"] = json!({"includeDeclaration": true});
    let references = client.request("textDocument/references", params);
    let starts: Vec<&Value> = references
        .as_array()
        .unwrap()
        .iter()
        .map(|l| &l["range"]["start"])
        .collect();
    assert_eq!(starts, [&position(&clean, "evals", 0), &id_start]);

    let hover = client.request("textDocument/hover", at(&clean, "evals", 0));
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(shown.starts_with("argument `evals`"), "{shown}");
    assert!(
        shown.contains("`inability`") && shown.contains("`dangerous_capability_evals`"),
        "{shown}"
    );
    assert!(
        shown.contains("practicality strong · strength strong · scalability weak"),
        "{shown}"
    );

    let prelude = client.request(
        "textDocument/definition",
        at(&clean, "dangerous_capability_evals", 0),
    );
    assert!(
        prelude["uri"].as_str().unwrap().ends_with("/prelude.case"),
        "{prelude}"
    );

    let completion = client.request(
        "textDocument/completion",
        at(&clean, "dangerous_capability_evals", 0),
    );
    let labels: Vec<&str> = completion
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|item| item["label"].as_str())
        .collect();
    assert!(
        labels.contains(&"monitoring") && labels.contains(&"dangerous_capability_evals"),
        "{labels:?}"
    );
    assert!(!labels.contains(&"safe"), "{labels:?}");

    let refused = client.error("textDocument/prepareRename", at(&clean, "inability", 0));
    assert!(
        refused["message"].as_str().unwrap().contains("prelude"),
        "{refused}"
    );
    let range = client.request("textDocument/prepareRename", at(&clean, "results", 0));
    assert_eq!(range["start"], position(&clean, "results", 0));
    let mut params = at(&clean, "results", 1);
    params["newName"] = json!("cyber_results");
    let edit = client.request("textDocument/rename", params);
    let edits = edit["changes"][URI].as_array().unwrap();
    assert_eq!(edits.len(), 2);
    assert!(edits.iter().all(|e| e["newText"] == "cyber_results"));
    let mut params = at(&clean, "results", 1);
    params["newName"] = json!("safe");
    let taken = client.error("textDocument/rename", params);
    assert_eq!(taken["message"], "`safe` is already the id of a claim");

    let symbols = client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": URI}}),
    );
    let names: Vec<&str> = symbols
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert_eq!(
        names,
        [
            "base",
            "deploy",
            "model",
            "assistant",
            "uplift",
            "safe",
            "evals",
            "results"
        ]
    );

    // Formatting: a canonical text needs no edit; a messy copy of it is
    // replaced whole by the canonical text.
    let canonical = casec::format::format_source("x.case", &clean).unwrap();
    let formatting =
        json!({"textDocument": {"uri": URI}, "options": {"tabSize": 2, "insertSpaces": true}});
    client.change(URI, 9, &canonical);
    assert_eq!(
        client.request("textDocument/formatting", formatting.clone()),
        json!([])
    );
    client.change(URI, 10, &canonical.replace("\n  ", "\n        "));
    let edits = client.request("textDocument/formatting", formatting);
    assert_eq!(edits[0]["newText"].as_str(), Some(canonical.as_str()));

    assert_eq!(client.request("shutdown", Value::Null), Value::Null);
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_code(), Some(0));
}

#[test]
fn unknown_messages_are_survived_and_exit_without_shutdown_fails() {
    let mut client = Client::start();
    client.notify("$/cancelRequest", json!({"id": 99}));
    client.notify("casec/somethingNew", json!({"x": 1}));
    client.notify("textDocument/didChange", json!({"garbage": true}));
    let error = client.error("casec/unknownRequest", json!({}));
    assert_eq!(error["code"], -32601);
    // An unopened document has nothing to say, and says so without failing.
    let hover = client.request("textDocument/hover", at("claim", "claim", 0));
    assert_eq!(hover, Value::Null);
    let text = "claim c \"x\" { supported by: e }\nevidence e \"y\"\n";
    client.open(URI, text);
    client.diagnostics(URI);
    let hover = client.request("textDocument/hover", at(text, "e }", 0));
    assert!(hover["contents"]["value"]
        .as_str()
        .unwrap()
        .starts_with("evidence `e`"));
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_code(), Some(1));
}

fn codes(diagnostics: &[Value]) -> Vec<&str> {
    diagnostics
        .iter()
        .filter_map(|d| d["code"].as_str())
        .collect()
}

/// A document on disk is checked as `casec check` checks the file: its
/// artifacts verified relative to it, freshness judged on the check date,
/// and the nearest casec.toml's rule levels applied (mistakes in it shown on
/// the casec.toml itself).
#[test]
fn documents_on_disk_verify_evidence_and_honour_casec_toml() {
    let project = common::temp_dir("lsp", "project");
    std::fs::create_dir_all(project.join(".git")).unwrap();
    let folder = project.join("case studies");
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("report.txt"), "abc").unwrap();
    let wrong = "0".repeat(64);
    let text = include_str!("fixtures/diagnostics/valid.case")
        .replace(
            "  supported by: results\n",
            "  supported by: results, notes\n",
        )
        .replace(
            "  artifact: \"evals/cyber.json\"\n",
            &format!("  artifact: \"report.txt\"\n  sha256: \"{wrong}\"\n  date: 2024-01-01\n"),
        )
        + "\nevidence notes \"Red-team notes\"\n";
    std::fs::write(folder.join("cyber.case"), &text).unwrap();
    let path = project.display().to_string();
    assert!(!path.contains(['%', '#', '?', ' ']), "{path}");
    let uri = format!("file://{path}/case%20studies/cyber.case");
    let config_uri = format!("file://{path}/casec.toml");
    let mut client = Client::start();

    client.open(&uri, &text);
    let diagnostics = client.diagnostics(&uri);
    assert_eq!(codes(&diagnostics), ["E0603", "W0605", "W0601"]);
    let mismatch = &diagnostics[0];
    let start = position(&text, &format!("\"{wrong}"), 0);
    assert_eq!(mismatch["range"]["start"], start);
    assert_eq!(
        mismatch["range"]["end"]["character"],
        start["character"].as_u64().unwrap() + 66
    );
    assert_eq!(mismatch["severity"], 1);
    let message = mismatch["message"].as_str().unwrap();
    assert!(
        message
            .starts_with("`report.txt` does not match the sha256 recorded for evidence `results`")
            && message.contains(&format!("expected: {wrong}")),
        "{message}"
    );
    assert_eq!(
        mismatch["relatedInformation"][0]["location"]["range"]["start"],
        position(&text, "\"report.txt\"", 0)
    );
    // 2024-01-01 is 882 days before the pinned check date.
    assert!(
        diagnostics[1]["message"]
            .as_str()
            .unwrap()
            .contains("882 days old"),
        "{diagnostics:#?}"
    );

    // A casec.toml above the file: W0601 allowed, W0605 made an error.
    std::fs::write(
        project.join("casec.toml"),
        "[rules]\nW0601 = \"allow\"\nW0605 = \"deny\"\n",
    )
    .unwrap();
    client.change(&uri, 2, &text);
    let diagnostics = client.diagnostics(&uri);
    assert_eq!(codes(&diagnostics), ["E0603", "W0605"]);
    assert_eq!(diagnostics[1]["severity"], 1);
    assert_eq!(client.diagnostics(&config_uri), Vec::<Value>::new());

    // A mistake in it is shown on the casec.toml; the rest still applies.
    std::fs::write(
        project.join("casec.toml"),
        "[rules]\nW0601 = \"off\"\nW0605 = \"deny\"\n",
    )
    .unwrap();
    client.change(&uri, 3, &text);
    let diagnostics = client.diagnostics(&uri);
    assert_eq!(codes(&diagnostics), ["E0603", "W0605", "W0601"]);
    let config = client.diagnostics(&config_uri);
    assert_eq!(codes(&config), ["E0903"]);
    assert_eq!(
        config[0]["range"]["start"],
        json!({"line": 1, "character": 8})
    );

    // The artifact restored to the recorded digest: verified, no error.
    let right = casec::analysis::integrity::sha256_file(&folder.join("report.txt")).unwrap();
    let locked = text.replace(&wrong, &right);
    client.change(&uri, 4, &locked);
    assert_eq!(codes(&client.diagnostics(&uri)), ["W0605", "W0601"]);

    // The same text in an unsaved buffer: no folder to read artifacts from.
    client.open("untitled:Untitled-1", &text);
    assert_eq!(
        codes(&client.diagnostics("untitled:Untitled-1")),
        ["W0605", "W0601"]
    );
    std::fs::remove_dir_all(&project).unwrap();
}

/// casec.toml and evidence artifacts are not open in the editor: a client
/// that can watch files is asked to, and a change to any file re-checks the
/// open documents.
#[test]
fn a_changed_casec_toml_re_checks_open_documents() {
    let project = common::temp_dir("lsp", "watched");
    std::fs::create_dir_all(project.join(".git")).unwrap();
    let text = include_str!("fixtures/diagnostics/valid.case").replace(
        "  supported by: results\n",
        "  supported by: results, notes\n",
    ) + "\nevidence notes \"Red-team notes\"\n";
    std::fs::write(project.join("cyber.case"), &text).unwrap();
    // The artifact the case cites (a missing one is W0610).
    std::fs::create_dir_all(project.join("evals")).unwrap();
    std::fs::write(project.join("evals/cyber.json"), "{}").unwrap();
    let path = project.display().to_string();
    let uri = format!("file://{path}/cyber.case");
    let config_uri = format!("file://{path}/casec.toml");
    let mut client = Client::start_with(
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
        &[],
    );
    let register = client.wait("a request to watch files", |m| {
        m["method"] == "client/registerCapability"
    });
    let registration = &register["params"]["registrations"][0];
    assert_eq!(registration["method"], "workspace/didChangeWatchedFiles");
    assert_eq!(
        registration["registerOptions"]["watchers"][0]["globPattern"],
        "**/*"
    );
    let id = register["id"].clone();
    client.send(json!({"jsonrpc": "2.0", "id": id, "result": null}));

    client.open(&uri, &text);
    assert_eq!(codes(&client.diagnostics(&uri)), ["W0601"]);
    // Saving a case, or git at work, changes no finding: nothing is re-checked
    // (the next diagnostics are those of the next edit, not of version 1; the
    // request between makes the server finish with the notification first).
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri, "type": 2}, {"uri": format!("file://{path}/.git/index"), "type": 2}]}),
    );
    client.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": uri}}),
    );
    client.change(&uri, 2, &text);
    let next = client.wait("diagnostics", |m| {
        m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == uri
    });
    assert_eq!(next["params"]["version"], 2, "{next}");
    std::fs::write(project.join("casec.toml"), "[rules]\nW0601 = \"deny\"\n").unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 1}]}),
    );
    let diagnostics = client.diagnostics(&uri);
    assert_eq!(codes(&diagnostics), ["W0601"]);
    assert_eq!(diagnostics[0]["severity"], 1, "denied: an error now");
    std::fs::remove_file(project.join("casec.toml")).unwrap();
    client.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 3}]}),
    );
    assert_eq!(client.diagnostics(&uri)[0]["severity"], 2);
    std::fs::remove_dir_all(&project).unwrap();
}

/// `casec lsp --today` and `--max-evidence-age` judge freshness as they do
/// for `casec check`, over the editor's SOURCE_DATE_EPOCH.
#[test]
fn the_server_judges_freshness_as_its_arguments_say() {
    let project = common::temp_dir("lsp", "dated");
    std::fs::create_dir_all(project.join(".git")).unwrap();
    let text = include_str!("fixtures/diagnostics/valid.case").replace(
        "  artifact: \"evals/cyber.json\"\n",
        "  artifact: \"evals/cyber.json\"\n  date: 2026-01-01\n",
    );
    std::fs::create_dir_all(project.join("evals")).unwrap();
    std::fs::write(project.join("evals/cyber.json"), "{}").unwrap();
    std::fs::write(project.join("cyber.case"), &text).unwrap();
    let uri = format!("file://{}/cyber.case", project.display());
    let stale = |args: &[&str]| {
        let mut client = Client::start_with(json!({}), args);
        client.open(&uri, &text);
        let diagnostics = client.diagnostics(&uri);
        let messages: Vec<String> = diagnostics
            .iter()
            .filter(|d| d["code"] == "W0605")
            .map(|d| d["message"].as_str().unwrap_or("").to_string())
            .collect();
        messages
    };
    // The pinned SOURCE_DATE_EPOCH (2026-06-01): 151 days old, fresh.
    assert_eq!(stale(&[]), Vec::<String>::new());
    let later = stale(&["--today", "2027-06-01"]);
    assert_eq!(later.len(), 1, "{later:?}");
    assert!(later[0].contains("516 days old"), "{later:?}");
    let strict_age = stale(&["--max-evidence-age", "100"]);
    assert!(strict_age[0].contains("151 days old"), "{strict_age:?}");
    std::fs::remove_dir_all(&project).unwrap();
}

/// Go-to-definition into the prelude writes its copy into a private folder
/// created exclusively under an unpredictable name: links planted by another
/// user where older versions wrote it (`$TMPDIR/casec-VERSION/prelude.case`)
/// receive nothing.
#[cfg(unix)]
#[test]
fn the_prelude_copy_follows_no_planted_link() {
    use std::os::unix::fs::{symlink, PermissionsExt};
    let tmp = common::temp_dir("lsp", "prelude-link");
    let victim = tmp.join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    let victim_dir = tmp.join("victim-dir");
    std::fs::create_dir(&victim_dir).unwrap();
    // The old predictable folder, a link to a folder of the victim's; and,
    // for a folder made by the attacker, a link at the old file name.
    let version = env!("CARGO_PKG_VERSION");
    symlink(&victim_dir, tmp.join(format!("casec-{version}"))).unwrap();
    std::fs::create_dir(tmp.join(format!("casec-{version}-prelude"))).unwrap();
    symlink(
        &victim,
        tmp.join(format!("casec-{version}-prelude/prelude.case")),
    )
    .unwrap();

    let mut client = Client::start_in(json!({}), &[], &[("TMPDIR", &tmp)]);
    let text = clean_case();
    client.open(URI, &text);
    client.diagnostics(URI);
    let prelude = client.request(
        "textDocument/definition",
        at(&text, "dangerous_capability_evals", 0),
    );
    let uri = prelude["uri"].as_str().expect("a location in the prelude");
    let copy = Path::new(uri.strip_prefix("file://").unwrap());
    let folder = copy.parent().unwrap();
    assert_eq!(folder.parent(), Some(tmp.as_path()), "{uri}");
    let meta = std::fs::symlink_metadata(folder).unwrap();
    assert!(meta.is_dir(), "{uri}");
    assert_eq!(meta.permissions().mode() & 0o777, 0o700, "{uri}");
    let meta = std::fs::symlink_metadata(copy).unwrap();
    assert!(meta.is_file() && !meta.file_type().is_symlink(), "{uri}");
    assert!(std::fs::read_to_string(copy)
        .unwrap()
        .contains("dangerous_capability_evals"));

    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert_eq!(std::fs::read_dir(&victim_dir).unwrap().count(), 0);
    // A second server makes a folder of its own.
    let mut other = Client::start_in(json!({}), &[], &[("TMPDIR", &tmp)]);
    other.open(URI, &text);
    other.diagnostics(URI);
    let again = other.request(
        "textDocument/definition",
        at(&text, "dangerous_capability_evals", 0),
    );
    assert_ne!(again["uri"], prelude["uri"]);
    drop(other);

    assert_eq!(client.request("shutdown", Value::Null), Value::Null);
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_code(), Some(0));
    // The copy is removed with the server that wrote it.
    assert!(!folder.exists(), "{uri}");
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    let _ = std::fs::remove_dir_all(&tmp);
}

/// A session that sends `bad`, then a valid request: the bad frame is
/// answered with the error `code` (id `null`) and logged with `logged`, the
/// request is answered, and the session still ends cleanly.
fn survives(bad: &[u8], code: i64, logged: &str) {
    let mut client = Client::start();
    client.send_raw(bad);
    let error = client.wait("the answer to the bad frame", |m| {
        m.get("error").is_some() && m["id"].is_null()
    });
    assert_eq!(error["error"]["code"], code, "{error}");
    let hover = client.request("textDocument/hover", at("claim", "claim", 0));
    assert_eq!(hover, Value::Null);
    let text = "claim c \"x\" { supported by: e }\nevidence e \"y\"\n";
    client.open(URI, text);
    client.diagnostics(URI);
    let hover = client.request("textDocument/hover", at(text, "e }", 0));
    assert!(hover["contents"]["value"]
        .as_str()
        .unwrap()
        .starts_with("evidence `e`"));
    assert!(client.logs(logged), "{}", client.log());
    assert_eq!(client.request("shutdown", Value::Null), Value::Null);
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_code(), Some(0));
}

const PING: &str = r#"{"jsonrpc":"2.0","id":999,"method":"casec/ping"}"#;

#[test]
fn a_frame_with_a_bad_content_length_is_skipped() {
    let frame = format!("Content-Length: twelve\r\n\r\n{PING}");
    survives(frame.as_bytes(), -32700, "is not a length");
}

#[test]
fn a_frame_with_a_negative_content_length_is_skipped() {
    let frame = format!("Content-Length: -40\r\n\r\n{PING}");
    survives(
        frame.as_bytes(),
        -32700,
        "`Content-Length: -40` is not a length",
    );
}

#[test]
fn a_frame_without_content_length_is_skipped() {
    let frame = format!("Content-Type: application/vscode-jsonrpc\r\n\r\n{PING}");
    survives(
        frame.as_bytes(),
        -32700,
        "without a `Content-Length` header",
    );
}

#[test]
fn a_body_that_is_not_json_is_answered() {
    survives(b"Content-Length: 9\r\n\r\n{\"id\": 1,", -32700, "not JSON");
}

#[test]
fn a_batch_is_answered() {
    let batch = format!("[{PING},{PING}]");
    let frame = format!("Content-Length: {}\r\n\r\n{batch}", batch.len());
    survives(frame.as_bytes(), -32600, "batch of 2 messages");
}

#[test]
fn a_body_that_is_not_utf8_is_answered() {
    survives(
        b"Content-Length: 6\r\n\r\n\"\xff\xfe\xc3\x28\"",
        -32700,
        "not UTF-8",
    );
}

#[test]
fn bytes_outside_any_frame_are_skipped() {
    survives(b"hello there\r\n\r\n", -32700, "not a frame");
}

/// The transport used to allocate the announced size and abort.
#[test]
fn a_huge_content_length_is_refused_without_reading_it() {
    survives(
        b"Content-Length: 99999999999999999\r\n\r\n",
        -32600,
        "over the limit of 67108864 bytes",
    );
}

#[test]
fn requests_before_initialize_and_before_initialized_are_answered() {
    let mut client = Client::spawn(&[], &[]);
    let early = client.error("textDocument/hover", at("claim", "claim", 0));
    assert_eq!(early["code"], -32002, "{early}");
    let result = client.request("initialize", json!({ "capabilities": {} }));
    assert_eq!(result["serverInfo"]["name"], "casec");
    // Before `initialized`: served.
    let hover = client.request("textDocument/hover", at("claim", "claim", 0));
    assert_eq!(hover, Value::Null);
    client.notify("initialized", json!({}));
    let again = client.error("initialize", json!({ "capabilities": {} }));
    assert_eq!(again["code"], -32600, "{again}");
    assert_eq!(client.request("shutdown", Value::Null), Value::Null);
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_code(), Some(0));
}

#[test]
fn a_request_with_an_id_out_of_range_is_answered_with_its_id() {
    let mut client = Client::start();
    let bad = r#"{"jsonrpc":"2.0","id":4294967296,"method":"textDocument/hover"}"#;
    client.send_raw(format!("Content-Length: {}\r\n\r\n{bad}", bad.len()).as_bytes());
    let error = client.wait("the answer", |m| m["id"] == 4294967296u64);
    assert_eq!(error["error"]["code"], -32600, "{error}");
    assert_eq!(client.request("shutdown", Value::Null), Value::Null);
    client.notify("exit", Value::Null);
    assert_eq!(client.exit_code(), Some(0));
}

#[test]
fn the_end_of_the_input_ends_the_server() {
    let mut client = Client::start();
    client.close_input();
    assert_eq!(client.exit_code(), Some(2));
    // Also in the middle of a frame.
    let mut client = Client::start();
    client.send_raw(b"Content-Length: 80\r\n\r\n{\"jsonrpc\"");
    client.close_input();
    assert_eq!(client.exit_code(), Some(2));
}

/// `text` with an LSP `TextEdit` applied, its positions in UTF-16 units as
/// a client counts them.
fn apply_edit(text: &str, edit: &Value) -> String {
    let offset = |position: &Value| {
        let line = position["line"].as_u64().unwrap() as usize;
        let units = position["character"].as_u64().unwrap() as usize;
        let start = text
            .split_inclusive('\n')
            .take(line)
            .map(str::len)
            .sum::<usize>();
        let mut counted = 0;
        let mut at = start;
        for c in text[start..].chars() {
            if counted >= units {
                break;
            }
            counted += c.len_utf16();
            at += c.len_utf8();
        }
        at
    };
    let (start, end) = (
        offset(&edit["range"]["start"]),
        offset(&edit["range"]["end"]),
    );
    format!(
        "{}{}{}",
        &text[..start],
        edit["newText"].as_str().unwrap(),
        &text[end..]
    )
}

/// The quick fixes offered at the first `word` of `text`, from a server
/// that has `text` open (published diagnostics read already).
fn quick_fixes(client: &mut Client, text: &str, word: &str) -> Vec<Value> {
    let at = position(text, word, 0);
    let params = json!({
        "textDocument": {"uri": URI},
        "range": {"start": at, "end": at},
        "context": {"diagnostics": [], "only": ["quickfix"]},
    });
    client
        .request("textDocument/codeAction", params)
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[test]
fn quick_fixes_repair_a_misspelt_name_and_missing_commas() {
    let mut client = Client::spawn(&[], &[]);
    let result = client.request("initialize", json!({ "capabilities": {} }));
    assert_eq!(
        result["capabilities"]["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix"])
    );
    client.notify("initialized", json!({}));
    let clean = clean_case();
    // On the line with a non-ASCII text, so UTF-16 columns are not bytes.
    let broken = clean
        .replacen("supported by: evals }", "supported by: evalz }", 1)
        .replacen(
            "shows: elicitation, anti_sandbagging, capability_margin",
            "shows: elicitation anti_sandbagging capability_margin",
            1,
        );
    client.open(URI, &broken);
    assert_eq!(codes(&client.diagnostics(URI)), ["E0002", "E0202"]);

    let actions = quick_fixes(&mut client, &broken, "evalz");
    let [action] = actions.as_slice() else {
        panic!("one quick fix for `evalz`: {actions:#?}");
    };
    assert_eq!(action["kind"], "quickfix");
    assert_eq!(action["title"], "replace with `evals`");
    assert_eq!(action["isPreferred"], true);
    assert_eq!(action["diagnostics"][0]["code"], "E0202");
    let edits = action["edit"]["changes"][URI].as_array().unwrap();
    assert_eq!(edits.len(), 1);
    assert_eq!(edits[0]["range"]["start"], position(&broken, "evalz", 0));
    let renamed = apply_edit(&broken, &edits[0]);
    client.change(URI, 2, &renamed);
    assert_eq!(codes(&client.diagnostics(URI)), ["E0002"]);

    let actions = quick_fixes(&mut client, &renamed, "anti_sandbagging");
    let [action] = actions.as_slice() else {
        panic!("one quick fix for the commas: {actions:#?}");
    };
    assert_eq!(action["title"], "add the missing commas");
    assert_eq!(action["isPreferred"], true);
    let mut edits = action["edit"]["changes"][URI].as_array().unwrap().clone();
    assert_eq!(edits.len(), 2);
    // Applied from the end, as a client applies one edit's changes.
    edits.sort_by_key(|e| {
        std::cmp::Reverse((
            e["range"]["start"]["line"].as_u64(),
            e["range"]["start"]["character"].as_u64(),
        ))
    });
    let fixed = edits.iter().fold(renamed, |text, e| apply_edit(&text, e));
    assert_eq!(fixed, clean);
    client.change(URI, 3, &fixed);
    assert_eq!(client.diagnostics(URI), Vec::<Value>::new());

    // A suggested fix is offered but not preferred: a claim with no support.
    let unsupported = clean.replacen(
        "supported by: evals }",
        "}\nclaim extra \"More\" { addresses: uplift }\n",
        1,
    );
    client.change(URI, 4, &unsupported);
    client.diagnostics(URI);
    let actions = quick_fixes(&mut client, &unsupported, "extra");
    assert!(
        actions
            .iter()
            .any(|a| a["title"] == "mark `extra` undeveloped" && a["isPreferred"] == false),
        "{actions:#?}"
    );
}

/// A case that imports modules: a finding in a module is published on the
/// module's file (not on the case at the module's line numbers), with the
/// case's own findings on the case, and both update as the case changes.
#[test]
fn a_project_publishes_each_finding_on_the_file_it_is_in() {
    let project = common::temp_dir("lsp", "modules");
    std::fs::create_dir_all(project.join(".git")).unwrap();
    let case = include_str!("fixtures/modules/valid/case.case");
    let local = |text: &str| text.replace("../../diagnostics/evals/cyber.json", "cyber.json");
    let team = local(include_str!("fixtures/modules/valid/team.case"));
    // The team's claim names a component that does not exist.
    let broken_team = team.replace("  about: model\n", "  about: modle\n");
    std::fs::write(
        project.join("lab.case"),
        include_str!("fixtures/modules/valid/lab.case"),
    )
    .unwrap();
    std::fs::write(project.join("team.case"), &broken_team).unwrap();
    let evals = local(include_str!("fixtures/modules/valid/evals.case"));
    std::fs::write(project.join("evals.case"), evals).unwrap();
    std::fs::write(project.join("cyber.json"), "{}").unwrap();
    let path = project.display().to_string();
    let case_uri = format!("file://{path}/case.case");
    let team_uri = format!("file://{path}/team.case");
    let mut client = Client::start_with(json!({}), &["--today", "2026-06-01"]);

    client.open(&case_uri, case);
    let on_team = client.diagnostics(&team_uri);
    assert_eq!(codes(&on_team), ["E0202"], "{on_team:?}");
    assert_eq!(
        on_team[0]["range"]["start"],
        position(&broken_team, "modle", 0)
    );
    let on_case = client.diagnostics(&case_uri);
    assert!(codes(&on_case).iter().all(|c| *c != "E0202"), "{on_case:?}");

    // Opening the module itself adds its own (names-only) findings once.
    client.open(&team_uri, &broken_team);
    let on_team = client.diagnostics(&team_uri);
    assert_eq!(codes(&on_team), ["E0202"], "{on_team:?}");

    // Closing the case leaves the module's own findings.
    client.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": case_uri}}),
    );
    let on_case = client.diagnostics(&case_uri);
    assert_eq!(on_case, Vec::<Value>::new());
    let on_team = client.diagnostics(&team_uri);
    assert_eq!(codes(&on_team), ["E0202"], "{on_team:?}");

    // With both open, the case reads the module as the editor holds it:
    // an unsaved edit to the module checks the case again.
    client.open(&case_uri, case);
    let _ = client.diagnostics(&team_uri);
    let closed = broken_team.replace("  public\n", "");
    client.change(&team_uri, 2, &closed);
    let on_team = client.diagnostics(&team_uri);
    assert_eq!(codes(&on_team), ["E0202"], "{on_team:?}");
    // From the case's project: the evaluations team develops a claim that
    // is no longer open to it (E1108), in the file that says `develops:`.
    let on_evals = client.diagnostics(&format!("file://{path}/evals.case"));
    assert_eq!(codes(&on_evals), ["E1108"], "{on_evals:?}");
}

/// Go to definition, references, rename and hover across the files of a
/// project, from the case and from a module.
#[test]
fn navigation_and_rename_work_across_the_files_of_a_project() {
    let project = common::temp_dir("lsp", "navigation");
    std::fs::create_dir_all(project.join(".git")).unwrap();
    let local = |text: &str| text.replace("../../diagnostics/evals/cyber.json", "cyber.json");
    let case = include_str!("fixtures/modules/valid/case.case");
    let team = local(include_str!("fixtures/modules/valid/team.case"));
    let evals = local(include_str!("fixtures/modules/valid/evals.case"));
    std::fs::write(project.join("case.case"), case).unwrap();
    std::fs::write(
        project.join("lab.case"),
        include_str!("fixtures/modules/valid/lab.case"),
    )
    .unwrap();
    std::fs::write(project.join("team.case"), &team).unwrap();
    std::fs::write(project.join("evals.case"), &evals).unwrap();
    std::fs::write(project.join("cyber.json"), "{}").unwrap();
    let path = project.display().to_string();
    let uri = |file: &str| format!("file://{path}/{file}");
    let (case_uri, team_uri, evals_uri) = (uri("case.case"), uri("team.case"), uri("evals.case"));
    let mut client = Client::start_with(json!({}), &["--today", "2026-06-01"]);
    client.open(&case_uri, case);
    assert_eq!(client.diagnostics(&case_uri), Vec::<Value>::new());
    let at_case = |word: &str, nth: usize| json!({"textDocument": {"uri": case_uri}, "position": position(case, word, nth)});

    // The case names the team's claim; its declaration is in team.case.
    let definition = client.request("textDocument/definition", at_case("team::no_uplift", 0));
    assert_eq!(definition["uri"], team_uri.as_str());
    assert_eq!(
        definition["range"]["start"],
        position(&team, "no_uplift", 0)
    );

    let mut params = at_case("team::no_uplift", 0);
    params["context"] = json!({"includeDeclaration": true});
    let references = client.request("textDocument/references", params);
    let mut found: Vec<(String, Value)> = references
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["uri"].as_str().unwrap().to_string(),
                l["range"]["start"].clone(),
            )
        })
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        found,
        [
            (case_uri.clone(), position(case, "team::no_uplift", 0)),
            (evals_uri.clone(), position(&evals, "team::no_uplift", 0)),
            (team_uri.clone(), position(&team, "no_uplift", 0)),
        ]
    );

    let hover = client.request("textDocument/hover", at_case("team::no_uplift", 0));
    let shown = hover["contents"]["value"].as_str().unwrap();
    assert!(
        shown.starts_with("claim `team::no_uplift` in module `team` (owned by cyber team)"),
        "{shown}"
    );

    // Completion offers other modules' elements by their qualified names.
    let completion = client.request("textDocument/completion", at_case("team::no_uplift", 0));
    let offered: Vec<(&str, &str)> = completion
        .as_array()
        .unwrap()
        .iter()
        .map(|item| {
            (
                item["label"].as_str().unwrap(),
                item["detail"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert!(
        offered.contains(&("team::no_uplift", "claim in module `team`")),
        "{offered:?}"
    );
    assert!(
        offered.contains(&("evals::inability", "argument in module `evals`")),
        "{offered:?}"
    );

    // A rename changes every file that names it, as each names it.
    let mut params = at_case("team::no_uplift", 0);
    params["newName"] = json!("no_cyber_uplift");
    let edit = client.request("textDocument/rename", params);
    let texts = |uri: &str| -> Vec<String> {
        edit["changes"][uri]
            .as_array()
            .unwrap_or_else(|| panic!("no edits for {uri}: {edit}"))
            .iter()
            .map(|e| e["newText"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(texts(&case_uri), ["team::no_cyber_uplift"]);
    assert_eq!(texts(&team_uri), ["no_cyber_uplift"]);
    assert_eq!(texts(&evals_uri), ["team::no_cyber_uplift"]);
    // A name the module already has is refused.
    let mut params = at_case("team::no_uplift", 0);
    params["newName"] = json!("proxies_cover");
    let taken = client.error("textDocument/rename", params);
    assert_eq!(
        taken["message"],
        "`proxies_cover` is already the id of a claim"
    );
}
