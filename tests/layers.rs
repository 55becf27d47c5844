//! The layering of docs/architecture.md ("Layers"), held to the code: no
//! `crate::` path in `src/` outside test code points at a module of a later
//! layer, or at one to its right on the same line.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Each module's (line, position) in the layers block.
fn layers() -> HashMap<String, (usize, usize)> {
    let doc = std::fs::read_to_string(Path::new(ROOT).join("docs/architecture.md")).unwrap();
    let block = doc
        .split("```text layers\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("docs/architecture.md has a ```text layers block");
    let mut layers = HashMap::new();
    for (line, modules) in block.lines().enumerate() {
        for (position, module) in modules.split_whitespace().enumerate() {
            layers.insert(module.to_string(), (line, position));
        }
    }
    layers
}

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The module a source file belongs to: its first component under `src/`.
fn module_of(path: &Path) -> String {
    let relative = path.strip_prefix(Path::new(ROOT).join("src")).unwrap();
    let first = relative.components().next().unwrap().as_os_str();
    first.to_string_lossy().trim_end_matches(".rs").to_string()
}

/// Every module named after `crate::` in `text`, including in grouped
/// imports (`crate::{a::X, b}`); a name that is not a module is one the
/// crate root re-exports from `compile`.
fn uses(text: &str, modules: &HashMap<String, (usize, usize)>) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (number, line) in text.lines().enumerate() {
        // Comments may name any module, as the docs do.
        if line.trim_start().starts_with("//") {
            continue;
        }
        let mut rest = line;
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            let names: Vec<&str> = if let Some(group) = rest.strip_prefix('{') {
                let end = group.find('}').unwrap_or(group.len());
                group[..end].split(',').map(str::trim).collect()
            } else {
                vec![rest]
            };
            for name in names {
                let ident: String = name
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if ident.is_empty() {
                    continue;
                }
                let module = if modules.contains_key(&ident) {
                    ident
                } else {
                    "compile".to_string()
                };
                found.push((number + 1, module));
            }
        }
    }
    found
}

/// The part of a file that is not test code: everything before its first
/// `#[cfg(test)]` (test modules go at the end of a file).
fn non_test(text: &str) -> &str {
    text.split("#[cfg(test)]").next().unwrap_or(text)
}

fn violations(module: &str, text: &str, layers: &HashMap<String, (usize, usize)>) -> Vec<String> {
    let Some(&own) = layers.get(module) else {
        return vec![format!(
            "module `{module}` is in no layer of docs/architecture.md"
        )];
    };
    uses(non_test(text), layers)
        .into_iter()
        .filter(|(_, used)| used != module && layers[used] > own)
        .map(|(line, used)| format!("{module} uses {used} (line {line})"))
        .collect()
}

#[test]
fn imports_point_down_the_layers() {
    let layers = layers();
    let mut files = Vec::new();
    sources(&Path::new(ROOT).join("src"), &mut files);
    files.sort();
    let mut problems = Vec::new();
    for path in &files {
        let module = module_of(path);
        if module == "lib" || module == "main" {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        for problem in violations(&module, &text, &layers) {
            problems.push(format!("{}: {problem}", path.display()));
        }
    }
    assert!(
        problems.is_empty(),
        "imports that point up:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_check_sees_an_upward_import() {
    let layers = layers();
    let upward = "use crate::compile::Options;\nuse crate::{ir::Case, emit};\n";
    assert_eq!(
        violations("check", upward, &layers),
        ["check uses compile (line 1)", "check uses emit (line 2)"]
    );
    assert!(violations("check", "use crate::ir::Case;\n", &layers).is_empty());
    // Same line, to the right: not allowed either.
    assert_eq!(
        violations("format", "use crate::lock::x;\n", &layers),
        ["format uses lock (line 1)"]
    );
    // Test code may use anything.
    assert!(violations("ir", "#[cfg(test)]\nuse crate::compile::x;\n", &layers).is_empty());
}
