//! The main loop: open documents, dispatch, and the protocol's life cycle.
//!
//! Messages are handled in batches: everything the client has already sent
//! is applied before diagnostics are published, so a burst of keystrokes is
//! checked once. Every handler runs under `catch_unwind`: a bug answers one
//! request with an error instead of ending the session.
//!
//! A document's findings also depend on files the editor does not hold: its
//! casec.toml and its evidence artifacts. When the client can watch files
//! for the server, casec asks it to, and re-checks the open documents when a
//! file that can change their findings changes (not a `.case` file, nothing
//! under `.git`).

use super::project::Projects;
use super::{actions, completion, diagnostics, formatting, hover, navigation, prelude, symbols};
use crate::source::SourceFile;
use crate::syntax::ChunkCache;
use crate::{compile_edited, Compilation, Freshness};
use lsp_server::{
    Connection, ErrorCode, Message, Notification, Request, RequestId, Response, ResponseError,
};
use lsp_types::notification::{
    DidChangeTextDocument, DidChangeWatchedFiles, DidCloseTextDocument, DidOpenTextDocument, Exit,
    Initialized, Notification as _, PublishDiagnostics,
};
use lsp_types::request::{
    CodeActionRequest, Completion, DocumentSymbolRequest, Formatting, GotoDefinition, HoverRequest,
    Initialize, PrepareRenameRequest, References, RegisterCapability, Rename, Request as _,
    Shutdown,
};
use lsp_types::{
    CodeActionKind, CodeActionOptions, CodeActionProviderCapability, CompletionOptions,
    DidChangeWatchedFilesRegistrationOptions, DocumentSymbolResponse, FileSystemWatcher,
    GlobPattern, GotoDefinitionResponse, HoverProviderCapability, InitializeResult, OneOf,
    PositionEncodingKind, PrepareRenameResponse, PublishDiagnosticsParams, Registration,
    RegistrationParams, RenameOptions, ServerCapabilities, ServerInfo, TextDocumentSyncCapability,
    TextDocumentSyncKind, Uri,
};
use serde_json::Value;
use std::any::Any;
use std::collections::{BTreeMap, HashMap};
use std::panic::{self, AssertUnwindSafe};
use std::path::PathBuf;

/// Serve one session on `connection`. Returns `Ok(true)` after `shutdown`
/// then `exit`, `Ok(false)` after an `exit` without `shutdown` (the protocol
/// asks for exit status 1 then), and an error if the connection breaks.
pub fn serve(connection: Connection, freshness: Freshness) -> Result<bool, String> {
    let Some((id, params)) = wait_for_initialize(&connection)? else {
        return Ok(false);
    };
    // Read on its own: a client whose other parameters do not fit the
    // protocol's types (many leave out what they need not say) still gets it.
    let watch_files = params["capabilities"]["workspace"]["didChangeWatchedFiles"]
        ["dynamicRegistration"]
        .as_bool()
        .unwrap_or(false);
    let result = InitializeResult {
        capabilities: capabilities(),
        server_info: Some(ServerInfo {
            name: "casec".into(),
            version: Some(env!("CARGO_PKG_VERSION").into()),
        }),
    };
    let result = serde_json::to_value(result).map_err(|e| e.to_string())?;
    let _ = connection.sender.send(Response::new_ok(id, result).into());
    let mut server = Server::new(connection, freshness);
    // Asked for once the client says `initialized`. Requests that come
    // before it are served: nothing needs the client to have said it.
    server.watch_files = watch_files;
    server.run()
}

/// The `initialize` request, answering other requests with
/// ServerNotInitialized as the protocol asks; `None` after an `exit`.
fn wait_for_initialize(connection: &Connection) -> Result<Option<(RequestId, Value)>, String> {
    loop {
        let message = connection
            .receiver
            .recv()
            .map_err(|_| "the editor closed the connection before `initialize`".to_string())?;
        match message {
            Message::Request(request) if request.method == Initialize::METHOD => {
                return Ok(Some((request.id, request.params)));
            }
            Message::Request(request) => {
                let message = format!(
                    "`{}` before `initialize`: the session has not started",
                    request.method
                );
                let code = ErrorCode::ServerNotInitialized as i32;
                let _ = connection
                    .sender
                    .send(Response::new_err(request.id, code, message).into());
            }
            Message::Notification(notification) if notification.method == Exit::METHOD => {
                return Ok(None);
            }
            Message::Notification(notification) => {
                eprintln!(
                    "casec lsp: ignored `{}` before `initialize`",
                    notification.method
                );
            }
            Message::Response(_) => {}
        }
    }
}

/// Whether a file changed on disk can change an open document's findings: a
/// casec.toml or an evidence artifact can, wherever it is; `.case` files
/// cannot (the editor holds the open ones' text, and a case reads no other
/// case), nor can git's own files.
fn may_change_findings(uri: &Uri, open: impl Fn(&Uri) -> bool) -> bool {
    let path = uri.path().as_str();
    if path.split('/').any(|part| part == ".git") {
        return false;
    }
    // An open document's own text is what counts, not the disk's.
    !(path.ends_with(".case") && open(uri))
}

/// The request that asks the client to report changes to any file: a
/// casec.toml or an evidence artifact may be anywhere in the project.
fn watch_files_request() -> Request {
    let options = DidChangeWatchedFilesRegistrationOptions {
        watchers: vec![FileSystemWatcher {
            glob_pattern: GlobPattern::String("**/*".into()),
            kind: None,
        }],
    };
    let params = RegistrationParams {
        registrations: vec![Registration {
            id: "casec-watched-files".into(),
            method: DidChangeWatchedFiles::METHOD.into(),
            register_options: serde_json::to_value(options).ok(),
        }],
    };
    Request::new(
        RequestId::from("casec-watch-files".to_string()),
        RegisterCapability::METHOD.into(),
        params,
    )
}

fn capabilities() -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(PositionEncodingKind::UTF16),
        text_document_sync: Some(TextDocumentSyncCapability::Kind(TextDocumentSyncKind::FULL)),
        hover_provider: Some(HoverProviderCapability::Simple(true)),
        completion_provider: Some(CompletionOptions {
            trigger_characters: Some(vec![":".into(), ",".into()]),
            ..Default::default()
        }),
        definition_provider: Some(OneOf::Left(true)),
        references_provider: Some(OneOf::Left(true)),
        document_symbol_provider: Some(OneOf::Left(true)),
        document_formatting_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Right(RenameOptions {
            prepare_provider: Some(true),
            work_done_progress_options: Default::default(),
        })),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![CodeActionKind::QUICKFIX]),
            ..Default::default()
        })),
        ..Default::default()
    }
}

struct Document {
    version: i32,
    text: String,
    /// `None` until the text is next needed after an edit; an error if the
    /// checker panicked on this text.
    analysis: Option<Result<Box<Compilation>, String>>,
    /// The client has not seen the diagnostics of this text yet.
    unpublished: bool,
    /// The parsed items of the last version checked.
    chunks: ChunkCache,
}

impl Document {
    fn new(version: i32, text: String) -> Document {
        Document {
            version,
            text,
            analysis: None,
            unpublished: true,
            chunks: ChunkCache::default(),
        }
    }

    /// Take a new version of the text.
    fn edit(&mut self, version: i32, text: String) {
        self.version = version;
        self.text = text;
        self.stale();
    }

    /// Check the text again before its diagnostics are next published.
    fn stale(&mut self) {
        self.unpublished = true;
        if let Some(Ok(mut old)) = self.analysis.take() {
            self.chunks.recycle(std::mem::take(&mut old.ast));
            // Freeing a large case takes a while: not on the way to the next
            // diagnostics.
            let _ = std::thread::Builder::new()
                .name("casec-lsp-free".into())
                .spawn(move || drop(old));
        }
    }

    /// The compilation of the current text, checked as `casec check` would
    /// check the file (see [`super::project`]).
    fn compilation(
        &mut self,
        uri: &Uri,
        projects: &mut Projects,
        open: &Open,
    ) -> Result<&Compilation, String> {
        let (text, chunks) = (&self.text, &mut self.chunks);
        let analysis = self.analysis.get_or_insert_with(|| {
            let compile = || {
                let mut setting = projects.setting(uri);
                // The modules it imports as the editor holds them.
                setting.settings.files.open = open.clone();
                Box::new(compile_edited(
                    &setting.name,
                    text,
                    setting.settings,
                    chunks,
                ))
            };
            panic::catch_unwind(AssertUnwindSafe(compile)).map_err(|payload| {
                format!(
                    "casec crashed while checking this file ({}); please report it with the file",
                    panic_message(&*payload)
                )
            })
        });
        analysis.as_deref().map_err(Clone::clone)
    }
}

struct Server {
    connection: Connection,
    documents: HashMap<Uri, Document>,
    /// What each open document's own compilation finds in it.
    own: HashMap<Uri, Vec<lsp_types::Diagnostic>>,
    /// What documents' compilations find in other files of their projects
    /// (the modules they import), by file and then by document: a file's
    /// published diagnostics are its own and these, once each.
    elsewhere: HashMap<Uri, BTreeMap<String, Vec<lsp_types::Diagnostic>>>,
    /// The casec.toml files the documents use.
    projects: Projects,
    shutting_down: bool,
    /// Ask the client to watch files when it says `initialized`.
    watch_files: bool,
}

/// A failed request.
fn failure(code: ErrorCode, message: impl Into<String>) -> ResponseError {
    ResponseError {
        code: code as i32,
        message: message.into(),
        data: None,
    }
}

impl Server {
    fn new(connection: Connection, freshness: Freshness) -> Server {
        Server {
            connection,
            documents: HashMap::new(),
            own: HashMap::new(),
            elsewhere: HashMap::new(),
            projects: Projects::new(freshness),
            shutting_down: false,
            watch_files: false,
        }
    }

    fn run(mut self) -> Result<bool, String> {
        loop {
            let first = self
                .connection
                .receiver
                .recv()
                .map_err(|_| "the editor closed the connection without `exit`".to_string())?;
            let batch: Vec<Message> = std::iter::once(first)
                .chain(self.connection.receiver.try_iter())
                .collect();
            for message in batch {
                match message {
                    Message::Request(request) => {
                        let response = self.request(request);
                        self.send(response.into());
                    }
                    Message::Notification(notification) if notification.method == Exit::METHOD => {
                        return Ok(self.shutting_down);
                    }
                    Message::Notification(notification) => self.notification(notification),
                    // The one request casec sends, to watch files, needs
                    // nothing done with its answer: a client that refuses
                    // sends no changes.
                    Message::Response(_) => {}
                }
            }
            self.publish_diagnostics();
        }
    }

    fn send(&self, message: Message) {
        // The reader thread notices a closed connection and ends the loop.
        let _ = self.connection.sender.send(message);
    }

    fn request(&mut self, request: Request) -> Response {
        let id = request.id.clone();
        if self.shutting_down {
            let message = "the server is shutting down";
            return Response::new_err(id, ErrorCode::InvalidRequest as i32, message.into());
        }
        answer(id, || self.dispatch(request))
    }

    fn dispatch(&mut self, request: Request) -> Result<Value, ResponseError> {
        let params = request.params;
        match request.method.as_str() {
            Shutdown::METHOD => {
                self.shutting_down = true;
                Ok(Value::Null)
            }
            Initialize::METHOD => Err(failure(
                ErrorCode::InvalidRequest,
                "the session is already initialized",
            )),
            HoverRequest::METHOD => self.on::<HoverRequest>(params, |c, _, p| {
                Ok(hover::hover(c, p.text_document_position_params.position))
            }),
            GotoDefinition::METHOD => self.on::<GotoDefinition>(params, |c, uri, p| {
                let position = p.text_document_position_params.position;
                Ok(navigation::definition(c, uri, position).map(GotoDefinitionResponse::Scalar))
            }),
            References::METHOD => self.on::<References>(params, |c, uri, p| {
                let position = p.text_document_position.position;
                let declaration = p.context.include_declaration;
                Ok(Some(navigation::references(c, uri, position, declaration)))
            }),
            Completion::METHOD => self.on::<Completion>(params, |c, _, p| {
                let items = completion::completion(c, p.text_document_position.position);
                Ok(Some(items.into()))
            }),
            PrepareRenameRequest::METHOD => self.on::<PrepareRenameRequest>(params, |c, _, p| {
                navigation::prepare_rename(c, p.position)
                    .map(|r| Some(PrepareRenameResponse::Range(r)))
            }),
            Rename::METHOD => self.on::<Rename>(params, |c, uri, p| {
                let position = p.text_document_position.position;
                navigation::rename(c, uri, position, &p.new_name).map(Some)
            }),
            DocumentSymbolRequest::METHOD => self.on::<DocumentSymbolRequest>(params, |c, _, _| {
                Ok(Some(DocumentSymbolResponse::Nested(
                    symbols::document_symbols(c),
                )))
            }),
            CodeActionRequest::METHOD => self.on::<CodeActionRequest>(params, |c, uri, p| {
                Ok(Some(actions::code_actions(c, uri, &p)))
            }),
            Formatting::METHOD => {
                self.on::<Formatting>(params, |c, _, _| formatting::format_document(c))
            }
            method => Err(failure(
                ErrorCode::MethodNotFound,
                format!("casec does not handle `{method}`"),
            )),
        }
    }

    /// Run a request on the compiled document it names. A document the
    /// client has not opened has nothing to say: the result is `null`.
    fn on<R>(
        &mut self,
        params: Value,
        handler: impl FnOnce(&Compilation, &Uri, R::Params) -> Result<R::Result, String>,
    ) -> Result<Value, ResponseError>
    where
        R: lsp_types::request::Request,
        R::Params: OnDocument,
    {
        let params: R::Params = serde_json::from_value(params)
            .map_err(|e| failure(ErrorCode::InvalidParams, e.to_string()))?;
        let uri = params.uri().clone();
        let open = self.open_texts();
        let Some(document) = self.documents.get_mut(&uri) else {
            return Ok(Value::Null);
        };
        let compilation = document
            .compilation(&uri, &mut self.projects, &open)
            .map_err(|message| failure(ErrorCode::RequestFailed, message))?;
        let result = handler(compilation, &uri, params)
            .map_err(|message| failure(ErrorCode::RequestFailed, message))?;
        serde_json::to_value(result).map_err(|e| failure(ErrorCode::InternalError, e.to_string()))
    }

    fn notification(&mut self, notification: Notification) {
        let method = notification.method.clone();
        let outcome = panic::catch_unwind(AssertUnwindSafe(|| self.apply(notification)));
        let problem = match outcome {
            Ok(Ok(())) => return,
            Ok(Err(problem)) => problem,
            Err(payload) => panic_message(&*payload),
        };
        eprintln!("casec lsp: ignored `{method}`: {problem}");
    }

    /// Apply a notification. Others (`$/cancelRequest`: every request is
    /// answered before the next is read, …) need nothing.
    fn apply(&mut self, notification: Notification) -> Result<(), String> {
        let invalid = |e: serde_json::Error| e.to_string();
        match notification.method.as_str() {
            Initialized::METHOD if std::mem::take(&mut self.watch_files) => {
                self.send(watch_files_request().into());
            }
            DidChangeWatchedFiles::METHOD => {
                let params: <DidChangeWatchedFiles as lsp_types::notification::Notification>::Params =
                    serde_json::from_value(notification.params).map_err(invalid)?;
                // A module on disk that no document holds may have changed.
                let open = |uri: &Uri| self.documents.contains_key(uri);
                if params
                    .changes
                    .iter()
                    .any(|change| may_change_findings(&change.uri, open))
                {
                    for document in self.documents.values_mut() {
                        document.stale();
                    }
                }
            }
            DidOpenTextDocument::METHOD => {
                let params: <DidOpenTextDocument as lsp_types::notification::Notification>::Params =
                    serde_json::from_value(notification.params).map_err(invalid)?;
                let document = params.text_document;
                self.documents
                    .insert(document.uri, Document::new(document.version, document.text));
            }
            DidChangeTextDocument::METHOD => {
                let params: <DidChangeTextDocument as lsp_types::notification::Notification>::Params =
                    serde_json::from_value(notification.params).map_err(invalid)?;
                let uri = params.text_document.uri;
                let document = self
                    .documents
                    .get_mut(&uri)
                    .ok_or_else(|| format!("`{}` was changed but never opened", uri.as_str()))?;
                let mut text = std::mem::take(&mut document.text);
                for change in params.content_changes {
                    text = apply_change(text, change);
                }
                document.edit(params.text_document.version, text);
                self.stale_importers(&uri);
            }
            DidCloseTextDocument::METHOD => {
                let params: <DidCloseTextDocument as lsp_types::notification::Notification>::Params =
                    serde_json::from_value(notification.params).map_err(invalid)?;
                let uri = params.text_document.uri;
                self.documents.remove(&uri);
                // Clear what the closed document showed in the problems
                // list, and what its project found in other files; what
                // other documents' projects find in it stays.
                self.own.remove(&uri);
                let mut changed = self.forget_elsewhere(&uri);
                changed.push(uri);
                self.republish(changed);
            }
            _ => {}
        }
        Ok(())
    }

    /// Marks for a new check every other document whose project imports
    /// the document at `uri`: an edit to a module changes its cases.
    fn stale_importers(&mut self, uri: &Uri) {
        let Some(path) = canonical(uri) else { return };
        for (other, document) in &mut self.documents {
            if other == uri {
                continue;
            }
            let imports = matches!(&document.analysis, Some(Ok(c)) if c.files.iter().skip(1).any(|f| f.path.as_ref() == Some(&path)));
            if imports {
                document.stale();
            }
        }
    }

    /// The open documents' texts, for the projects that import them.
    fn open_texts(&self) -> Open {
        std::sync::Arc::new(
            self.documents
                .iter()
                .filter_map(|(uri, d)| Some((canonical(uri)?, d.text.clone())))
                .collect(),
        )
    }

    fn publish_diagnostics(&mut self) {
        let mut ready = Vec::new();
        let open = self.open_texts();
        let projects = &mut self.projects;
        for (uri, document) in &mut self.documents {
            if !std::mem::take(&mut document.unpublished) {
                continue;
            }
            if prelude::is_prelude(uri) {
                ready.push((uri.clone(), Vec::new(), Vec::new()));
                continue;
            }
            let found = panic::catch_unwind(AssertUnwindSafe(|| {
                document
                    .compilation(uri, projects, &open)
                    .map(|compilation| {
                        (
                            diagnostics::to_lsp(compilation, uri),
                            diagnostics::elsewhere(compilation, uri),
                        )
                    })
            }));
            let found = match found {
                Ok(Ok(found)) => found,
                Ok(Err(message)) => (
                    vec![lsp_types::Diagnostic {
                        message,
                        source: Some("casec".into()),
                        ..Default::default()
                    }],
                    Vec::new(),
                ),
                Err(payload) => {
                    eprintln!(
                        "casec lsp: diagnostics failed: {}",
                        panic_message(&*payload)
                    );
                    continue;
                }
            };
            ready.push((uri.clone(), found.0, found.1));
        }
        let mut changed: Vec<Uri> = Vec::new();
        for (uri, own, elsewhere) in ready {
            changed.extend(self.forget_elsewhere(&uri));
            for (target, found) in elsewhere {
                self.elsewhere
                    .entry(target.clone())
                    .or_default()
                    .insert(uri.as_str().to_string(), found);
                changed.push(target);
            }
            self.own.insert(uri.clone(), own);
            changed.push(uri);
        }
        self.republish(changed);
        let read: std::collections::HashSet<&std::path::Path> = self
            .documents
            .values()
            .filter_map(|d| match &d.analysis {
                Some(Ok(c)) => Some(c.files.iter().skip(1).filter_map(|f| f.path.as_deref())),
                _ => None,
            })
            .flatten()
            .collect();
        self.projects.keep_parses(|path| read.contains(path));
        // Mistakes in a casec.toml, on the file itself (and none once fixed).
        for (uri, found) in self.projects.take_reports() {
            self.publish(uri, found, None);
        }
    }

    /// Drops what `source`'s compilation found in other files; the files
    /// whose diagnostics that changes.
    fn forget_elsewhere(&mut self, source: &Uri) -> Vec<Uri> {
        let mut changed = Vec::new();
        for (target, by_source) in &mut self.elsewhere {
            if by_source.remove(source.as_str()).is_some() {
                changed.push(target.clone());
            }
        }
        self.elsewhere.retain(|_, by_source| !by_source.is_empty());
        changed
    }

    /// Publishes each file's diagnostics: its own, if it is open, and what
    /// the open documents' projects find in it, a finding once.
    fn republish(&self, mut files: Vec<Uri>) {
        files.sort_by(|a, b| a.as_str().cmp(b.as_str()));
        files.dedup();
        for uri in files {
            let mut all: Vec<lsp_types::Diagnostic> =
                self.own.get(&uri).cloned().unwrap_or_default();
            for found in self
                .elsewhere
                .get(&uri)
                .into_iter()
                .flat_map(BTreeMap::values)
            {
                for d in found {
                    if !all
                        .iter()
                        .any(|a| a.range == d.range && a.code == d.code && a.message == d.message)
                    {
                        all.push(d.clone());
                    }
                }
            }
            let version = self.documents.get(&uri).map(|d| d.version);
            self.publish(uri, all, version);
        }
    }

    fn publish(&self, uri: Uri, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) {
        let params = PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        };
        self.send(Notification::new(PublishDiagnostics::METHOD.into(), params).into());
    }
}

/// The texts of the open documents, by canonical path: what a document's
/// project reads for a module the editor holds, saved or not.
type Open = std::sync::Arc<BTreeMap<PathBuf, String>>;

/// Where a document is on disk, canonical (its folder, if it is not saved
/// yet): how the projects that import it name it.
fn canonical(uri: &Uri) -> Option<PathBuf> {
    let path = super::project::file_path(uri)?;
    std::fs::canonicalize(&path).ok().or_else(|| {
        let dir = std::fs::canonicalize(path.parent()?).ok()?;
        Some(dir.join(path.file_name()?))
    })
}

/// The response to a request, whatever its handler does: a panic becomes an
/// internal error, and the session goes on.
fn answer(id: RequestId, handler: impl FnOnce() -> Result<Value, ResponseError>) -> Response {
    let response_result =
        panic::catch_unwind(AssertUnwindSafe(handler)).unwrap_or_else(|payload| {
            let message = format!("casec failed on this request: {}", panic_message(&*payload));
            Err(failure(ErrorCode::InternalError, message))
        });
    Response {
        id,
        response_result,
    }
}

/// A content change: the whole text, or (from clients that send them anyway)
/// a replaced range.
fn apply_change(text: String, change: lsp_types::TextDocumentContentChangeEvent) -> String {
    let Some(range) = change.range else {
        return change.text;
    };
    let file = SourceFile::new("", text);
    let start = file.offset_of_utf16(range.start.line, range.start.character);
    let end = file
        .offset_of_utf16(range.end.line, range.end.character)
        .max(start);
    let mut text = file.text;
    text.replace_range(start..end, &change.text);
    text
}

fn panic_message(payload: &(dyn Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic".into())
}

/// Requests about one document.
trait OnDocument {
    fn uri(&self) -> &Uri;
}

macro_rules! on_document {
    ($($params:ty => $($field:ident).+;)*) => {
        $(impl OnDocument for $params {
            fn uri(&self) -> &Uri {
                &self.$($field).+.uri
            }
        })*
    };
}

on_document! {
    lsp_types::HoverParams => text_document_position_params.text_document;
    lsp_types::GotoDefinitionParams => text_document_position_params.text_document;
    lsp_types::ReferenceParams => text_document_position.text_document;
    lsp_types::CompletionParams => text_document_position.text_document;
    lsp_types::TextDocumentPositionParams => text_document;
    lsp_types::RenameParams => text_document_position.text_document;
    lsp_types::DocumentSymbolParams => text_document;
    lsp_types::DocumentFormattingParams => text_document;
    lsp_types::CodeActionParams => text_document;
}

#[cfg(test)]
mod tests {
    use super::*;
    use lsp_types::{Position, Range, TextDocumentContentChangeEvent};

    #[test]
    fn ranged_changes_splice_by_utf16_position() {
        let change = TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(1, 3), Position::new(1, 4))),
            range_length: None,
            text: "b".into(),
        };
        assert_eq!(apply_change("x\n𝔘 a!\n".into(), change), "x\n𝔘 b!\n");
    }

    #[test]
    fn a_panicking_handler_is_answered_with_an_internal_error() {
        let response = answer(1.into(), || panic!("boom"));
        let error = response.response_result.unwrap_err();
        assert_eq!(error.code, ErrorCode::InternalError as i32);
        assert!(error.message.ends_with("boom"), "{}", error.message);
    }

    #[test]
    fn bad_and_unknown_requests_are_answered_with_errors() {
        let (server, client) = Connection::memory();
        let mut server = Server::new(server, Freshness::default());
        let uri: Uri = "file:///t.case".parse().unwrap();
        server
            .documents
            .insert(uri.clone(), Document::new(1, String::new()));
        let response = server.request(Request::new(
            1.into(),
            "textDocument/hover".into(),
            serde_json::json!({"textDocument": {"uri": uri.as_str()}, "position": {"line": 0, "character": 0}}),
        ));
        assert!(response.response_result.is_ok());
        let bad = server.request(Request::new(2.into(), "textDocument/hover".into(), 7));
        assert_eq!(
            bad.response_result.unwrap_err().code,
            ErrorCode::InvalidParams as i32
        );
        let unknown = server.request(Request::new(3.into(), "casec/unknown".into(), ()));
        assert_eq!(
            unknown.response_result.unwrap_err().code,
            ErrorCode::MethodNotFound as i32
        );
        drop(client);
    }
}
