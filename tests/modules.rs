//! Projects of several files: modules, imports, qualified names and
//! `develops:` (docs/language.md, "Modules"). The rule fixtures are in
//! tests/fixtures/modules/CODE/ (tests/diagnostics.rs snapshots them); this
//! suite holds what a project as a whole must do.

mod common;

use casec::diagnostic::Code;
use casec::emit::json;
use casec::project::Files;
use casec::syntax::parse_date;
use casec::{compile, Compilation, Options, Settings};
use common::{casec_command, temp_dir, ROOT};
use serde_json::Value;
use std::path::Path;

/// A project of the repository compiled as `casec check` compiles files on
/// disk, on `day`.
fn compile_on(path: &str, day: &str) -> Compilation {
    let bytes = std::fs::read(Path::new(ROOT).join(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    compile(path, bytes, settings_on(day))
}

/// The fixtures are judged on FIXTURES_DAY (within their window), the
/// examples on the day they were reviewed (as CI judges them).
fn settings(strict: bool) -> Settings {
    Settings {
        options: Options {
            strict,
            verify_evidence: true,
            today: parse_date(FIXTURES_DAY),
            ..Options::default()
        },
        files: Files::disk(),
        ..Settings::default()
    }
}

fn codes(c: &Compilation) -> Vec<(Code, String)> {
    c.diagnostics
        .iter()
        .map(|d| (d.code, c.sources.get(d.primary.span.file).name.clone()))
        .collect()
}

#[test]
fn the_sound_project_is_clean_under_strict() {
    let path = "tests/fixtures/modules/valid/case.case";
    let bytes = std::fs::read(Path::new(ROOT).join(path)).unwrap();
    let c = compile(path, bytes, settings(true));
    assert_eq!(codes(&c), []);
    let names: Vec<&str> = c.case.modules.iter().map(|m| m.name.as_str()).collect();
    assert_eq!(names, ["lab", "team", "evals"]);
    // `develops:` joined the evaluations team's argument to the claim.
    let claim = c.case.lookup("team::no_uplift").unwrap();
    let support: Vec<&str> = c
        .case
        .get(claim)
        .supported_by
        .iter()
        .map(|r| r.name.as_str())
        .collect();
    assert_eq!(support, ["evals::inability"]);
    assert!(c.graph.developed[claim.index()]);
}

/// Each fixture is one mistake: it gives one finding, with its code.
#[test]
fn every_module_fixture_is_one_finding_of_its_code() {
    let dir = Path::new(ROOT).join("tests/fixtures/modules");
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name == "valid" {
            continue;
        }
        let c = compile_fixture(&format!("tests/fixtures/modules/{name}/case.case"));
        let found = codes(&c);
        assert_eq!(found.len(), 1, "{name}: {found:?}");
        assert_eq!(found[0].0.as_str(), name, "{name}: {found:?}");
        seen += 1;
    }
    assert_eq!(seen, 12);
}

/// Each finding is located in the file where the mistake is.
#[test]
fn findings_are_located_in_the_file_at_fault() {
    let at = |code: &str| {
        let c = compile_fixture(&format!("tests/fixtures/modules/{code}/case.case"));
        let file = &codes(&c)[0].1;
        file.rsplit('/').next().unwrap_or_default().to_string()
    };
    assert_eq!(at("E1103"), "second.case");
    assert_eq!(at("E1105"), "lab.case");
    assert_eq!(at("E1108"), "review.case");
    assert_eq!(at("E1109"), "rerun.case");
    // The public claim is the team's: its module is where to look.
    assert_eq!(at("E1110"), "team.case");
    assert_eq!(at("E1111"), "extra.case");
    assert_eq!(at("E1101"), "case.case");
}

/// The two-team example argues what agent-watchdog.case argues in one file:
/// the same verdict, element by element, once module names are taken off.
#[test]
fn splitting_a_case_into_modules_keeps_its_verdict() {
    let one = json::to_value(&compile_example("examples/agent-watchdog.case"));
    let split = json::to_value(&compile_example("examples/project/case.case"));
    assert_eq!(one["summary"], split["summary"]);
    let local = |id: &Value| {
        let id = id.as_str().unwrap_or_default();
        id.rsplit("::").next().unwrap_or(id).to_string()
    };
    let by_id = |doc: &Value| -> std::collections::BTreeMap<String, Value> {
        doc["elements"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                let verdict = serde_json::json!({
                    "kind": e["kind"],
                    "risk_bound": e["risk_bound"],
                    "rating": e["strength"]["rating"],
                    "developed": e["developed"],
                    "reachable": e["reachable"],
                    "support": e["supported_by"].as_array().map(|s| s.iter().map(local).collect::<Vec<_>>()),
                });
                (local(&e["id"]), verdict)
            })
            .collect()
    };
    let (one, split_elements) = (by_id(&one), by_id(&split));
    let differ: Vec<&String> = one
        .keys()
        .filter(|id| *id != "agent_watchdog")
        .filter(|id| one.get(*id) != split_elements.get(*id))
        .collect();
    assert!(differ.is_empty(), "{differ:?}");
    assert_eq!(split["top"], "no_catastrophe");
    // Every element of a module says which module and file it is in.
    let trust = split["elements"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "alignment::watchdog_cannot_fake")
        .unwrap();
    assert_eq!(trust["module"], "alignment");
    assert_eq!(trust["file"], "examples/project/alignment.case");
    assert_eq!(trust["develops"], "control::watchdog_trustworthy");
}

#[test]
fn the_project_json_follows_the_schema() {
    let value = json::to_value(&compile_example("examples/project/case.case"));
    let errors = common::schema::errors(&common::schema::closed("casec-ir.schema.json"), &value);
    assert!(errors.is_empty(), "{errors:#?}");
    let modules: Vec<(&str, usize)> = value["modules"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["name"].as_str().unwrap(),
                m["imports"].as_array().unwrap().len(),
            )
        })
        .collect();
    assert_eq!(modules, [("lab", 0), ("control", 1), ("alignment", 2)]);
    // A one-file case's JSON has no module section.
    let one = json::to_value(&compile_example("examples/agent-watchdog.case"));
    assert!(one.get("modules").is_none());
}

/// A copy of the example project, for tests that break it.
fn project_copy(name: &str) -> std::path::PathBuf {
    let dir = temp_dir("modules", name);
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    let project = dir.join("project");
    std::fs::create_dir_all(&project).unwrap();
    for file in ["case.case", "lab.case", "control.case", "alignment.case"] {
        std::fs::copy(
            Path::new(ROOT).join("examples/project").join(file),
            project.join(file),
        )
        .unwrap();
    }
    for artifact in [
        "evals/control/exfiltration.json",
        "evals/control/sabotage.json",
        "evals/control/collusion.json",
        "evals/watchdog/precursors.json",
        "reports/red-team-elicitation.pdf",
    ] {
        let to = dir.join(artifact);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(Path::new(ROOT).join("examples").join(artifact), to).unwrap();
    }
    dir
}

/// Replace `from` (which must be there) by `to` in the file at `path`.
fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{}: no `{from}`", path.display());
    std::fs::write(path, text.replace(from, to)).unwrap();
}

fn compile_at(path: &Path) -> Compilation {
    let bytes = std::fs::read(path).unwrap();
    compile(&path.to_string_lossy(), bytes, settings_on(EXAMPLES_DAY))
}

const EXAMPLES_DAY: &str = "2026-11-25";
const FIXTURES_DAY: &str = "2026-06-01";

fn settings_on(day: &str) -> Settings {
    let mut settings = settings(false);
    settings.options.today = parse_date(day);
    settings
}

fn compile_fixture(path: &str) -> Compilation {
    compile_on(path, FIXTURES_DAY)
}

fn compile_example(path: &str) -> Compilation {
    compile_on(path, EXAMPLES_DAY)
}

#[test]
fn a_broken_cross_module_reference_is_reported_in_the_file_that_makes_it() {
    let dir = project_copy("broken-reference");
    let lab = dir.join("project/lab.case");
    edit(&lab, "subsystem monitored_agent ", "subsystem agent_loop ");
    let c = compile_at(&dir.join("project/case.case"));
    let found: Vec<(Code, String, usize)> = c
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::UnresolvedReference)
        .map(|d| {
            let file = c.sources.get(d.primary.span.file);
            let name = file.name.rsplit('/').next().unwrap().to_string();
            (
                d.code,
                name,
                file.line_col(d.primary.span.start as usize).line,
            )
        })
        .collect();
    // Each file that names the subsystem: the case's top claim and the
    // control team's two claims.
    assert_eq!(
        found,
        [
            (Code::UnresolvedReference, "case.case".to_string(), 28),
            (Code::UnresolvedReference, "control.case".to_string(), 15),
            (Code::UnresolvedReference, "control.case".to_string(), 30),
        ]
    );
    for d in c
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::UnresolvedReference)
    {
        assert!(d.message.contains("`monitored_agent`"), "{}", d.message);
    }
}

#[test]
fn a_syntax_error_in_one_module_hides_no_finding_of_another() {
    let dir = project_copy("syntax-error");
    let control = dir.join("project/control.case");
    edit(&control, "claim no_collusion \"", "claim no_collusion {\"");
    let alignment = dir.join("project/alignment.case");
    edit(
        &alignment,
        "block: absence_of_precursor_capabilities",
        "block: absence_of_precursors",
    );
    let c = compile_at(&dir.join("project/case.case"));
    let found: Vec<(Code, String)> = codes(&c)
        .into_iter()
        .map(|(code, file)| (code, file.rsplit('/').next().unwrap().to_string()))
        .collect();
    assert!(
        found.contains(&(Code::SyntaxError, "control.case".into())),
        "{found:?}"
    );
    assert!(
        found.contains(&(Code::UnresolvedReference, "alignment.case".into())),
        "{found:?}"
    );
}

#[test]
fn moving_the_trust_argument_back_into_the_owners_module_keeps_the_verdict() {
    let dir = project_copy("moved");
    let project = dir.join("project");
    let alignment = std::fs::read_to_string(project.join("alignment.case")).unwrap();
    let (_, body) = alignment
        .split_once("import control \"control.case\"\n")
        .unwrap();
    let control = std::fs::read_to_string(project.join("control.case")).unwrap();
    let control = control.replace(
        "  about: watchdog\n  public\n",
        "  about: watchdog\n  supported by: watchdog_cannot_fake\n",
    );
    let body = body.replace("  develops: control::watchdog_trustworthy\n", "");
    std::fs::write(project.join("control.case"), control + &body).unwrap();
    let case = std::fs::read_to_string(project.join("case.case")).unwrap();
    std::fs::write(
        project.join("case.case"),
        case.replace("import alignment \"alignment.case\"\n", ""),
    )
    .unwrap();
    let moved = compile_at(&project.join("case.case"));
    assert_eq!(codes(&moved), []);
    let split = compile_at(&project_copy("unmoved").join("project/case.case"));
    let verdict = |c: &Compilation| {
        let v = json::to_value(c);
        (v["summary"].clone(), v["risk"].clone())
    };
    assert_eq!(verdict(&moved), verdict(&split));
}

#[test]
fn text_compiled_on_its_own_reads_no_import() {
    let c = compile(
        "x.case",
        "module m \"A module\"\nimport lab \"lab.case\"\n",
        Options::default(),
    );
    let found: Vec<Code> = c.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(found, [Code::ImportUnreadable]);
    assert!(c.diagnostics[0]
        .message
        .contains("not checked as a file on disk"));
}

#[test]
fn a_module_checked_on_its_own_gets_its_names_checked_not_the_case_rules() {
    let c = compile_example("examples/project/control.case");
    assert_eq!(codes(&c), []);
    let dir = project_copy("alone");
    let control = dir.join("project/control.case");
    edit(&control, "addresses: sabotage", "addresses: sabotge");
    let c = compile_at(&control);
    let found: Vec<Code> = c.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(found, [Code::UnresolvedReference]);
}

#[test]
fn check_dir_checks_each_module_through_its_cases_and_reports_a_finding_once() {
    let dir = project_copy("two-cases");
    let project = dir.join("project");
    // A second case importing the same modules.
    let case = std::fs::read_to_string(project.join("case.case")).unwrap();
    std::fs::write(
        project.join("second.case"),
        case.replace("case project_watchdog", "case second_watchdog"),
    )
    .unwrap();
    // One mistake in a module both cases import.
    let lab = project.join("lab.case");
    edit(
        &lab,
        "components: agent, watchdog, auditors",
        "components: agent, watchdog, auditor",
    );
    let out = casec_command(&["check", "--format", "short", "--today", EXAMPLES_DAY])
        .arg(&project)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines.len(),
        1,
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        lines[0].contains("lab.case") && lines[0].contains("E0202"),
        "{stdout}"
    );
    assert_eq!(out.status.code(), Some(1));
    // Both cases fail, the modules are not checked again on their own.
    let out = casec_command(&["check", "--today", EXAMPLES_DAY])
        .arg(&project)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("checked 5 files: 1 error, 0 warnings (2 files failed)"),
        "{stderr}"
    );
}

/// The benchmark's synthetic project (benches/modules.rs) checks clean.
#[test]
fn the_synthetic_project_is_clean() {
    let dir = temp_dir("modules", "synthetic");
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    for (path, text) in casec::synth::project(5, 2_000) {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let case = dir.join("case.case");
    let c = compile(
        &case.to_string_lossy(),
        std::fs::read(&case).unwrap(),
        Settings {
            files: Files::disk(),
            ..Settings::default()
        },
    );
    assert_eq!(codes(&c), []);
    assert_eq!(c.case.modules.len(), 6);
    assert!(c.case.elements.len() > 2_000);
}

fn compile_project(dir: &Path, files: &[(&str, String)]) -> Compilation {
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    for (path, text) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    let case = dir.join(files[0].0);
    compile(
        &case.to_string_lossy(),
        std::fs::read(&case).unwrap(),
        Settings {
            files: Files::disk(),
            ..Settings::default()
        },
    )
}

#[cfg(unix)]
#[test]
fn an_import_through_a_link_out_of_the_project_is_refused_unread() {
    let outside = temp_dir("modules", "outside");
    std::fs::write(
        outside.join("secret.case"),
        "module secret \"SECRET-TEXT\"\n",
    )
    .unwrap();
    let dir = temp_dir("modules", "link");
    std::fs::create_dir_all(&dir).unwrap();
    std::os::unix::fs::symlink(outside.join("secret.case"), dir.join("linked.case")).unwrap();
    let c = compile_project(
        &dir,
        &[("case.case", "import secret \"linked.case\"\n".to_string())],
    );
    let found: Vec<Code> = c.diagnostics.iter().map(|d| d.code).collect();
    assert!(found.contains(&Code::ImportOutsideProject), "{found:?}");
    // Nothing of the file it points to was read.
    assert!(c
        .sources
        .files()
        .all(|(_, f)| !f.text.contains("SECRET-TEXT")));
}

#[test]
fn a_long_chain_of_imports_and_a_long_cycle_are_handled() {
    let dir = temp_dir("modules", "chain");
    let count = 3_000;
    let mut files = vec![("case.case", "import m0 \"m0.case\"\n".to_string())];
    let names: Vec<String> = (0..count).map(|i| format!("m{i}.case")).collect();
    for (i, name) in names.iter().enumerate() {
        // The last module imports the first: one cycle through them all.
        let next = (i + 1) % count;
        files.push((
            name.as_str(),
            format!("module m{i} \"Link {i}\"\nimport m{next} \"m{next}.case\"\n"),
        ));
    }
    let c = compile_project(&dir, &files);
    let cycles: Vec<&casec::diagnostic::Diagnostic> = c
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::ImportCycle)
        .collect();
    assert_eq!(
        cycles.len(),
        1,
        "{:?}",
        c.diagnostics.iter().map(|d| d.code).collect::<Vec<_>>()
    );
    assert_eq!(c.case.modules.len(), count);
}

#[test]
fn a_module_that_is_not_utf8_or_is_a_folder_is_one_finding_at_its_import() {
    let dir = temp_dir("modules", "bytes");
    std::fs::create_dir_all(dir.join("folder.case")).unwrap();
    std::fs::write(dir.join("junk.case"), b"module junk \"\xff\xfe\"\n").unwrap();
    let c = compile_project(
        &dir,
        &[(
            "case.case",
            "import junk \"junk.case\"\nimport folder \"folder.case\"\n".to_string(),
        )],
    );
    let imports: Vec<(Code, String)> = c
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::ImportUnreadable)
        .map(|d| (d.code, d.message.clone()))
        .collect();
    assert_eq!(imports.len(), 2, "{imports:?}");
    assert!(imports[0].1.contains("not UTF-8"), "{imports:?}");
    assert!(imports[1].1.contains("regular file"), "{imports:?}");
}

/// The review covers the project: a section lists each module with its
/// owner, file, imports, size and the findings in its file.
#[test]
fn the_review_lists_every_module_with_its_findings() {
    use casec::emit::{render, Format, RenderOptions};
    let c = compile_example("examples/project/case.case");
    let markdown = render(&c, Format::Markdown, &RenderOptions::default()).unwrap();
    assert!(markdown.contains("\n## Modules (3)\n"), "{markdown}");
    assert!(
        markdown.contains("| `alignment`: The watchdog is trustworthy | alignment team | `examples/project/alignment.case` | `lab`, `control` | 2 | none |"),
        "{markdown}"
    );
    let html = render(&c, Format::Html, &RenderOptions::default()).unwrap();
    assert!(html.contains("<section id=\"modules\">"));
    // A finding in a module is counted on its row.
    let dir = project_copy("review");
    let control = dir.join("project/control.case");
    edit(&control, "addresses: sabotage", "addresses: sabotge");
    let broken = compile_at(&dir.join("project/case.case"));
    let markdown = render(&broken, Format::Markdown, &RenderOptions::default()).unwrap();
    let row = markdown
        .lines()
        .find(|l| l.starts_with("| `control`"))
        .unwrap();
    assert!(row.ends_with("| 12 | 1 error, 0 warnings |"), "{row}");
    // A one-file case has no such section.
    let one = render(
        &compile_example("examples/agent-watchdog.case"),
        Format::Markdown,
        &RenderOptions::default(),
    )
    .unwrap();
    assert!(!one.contains("## Modules"));
}

/// `casec diff` of two versions of a project's case reads each side's
/// modules: a change in a module shows under its qualified ids.
#[test]
fn diff_compares_the_whole_project_of_each_side() {
    let old = project_copy("diff-old");
    let new = project_copy("diff-new");
    let control = new.join("project/control.case");
    edit(&control, "0 of 1,200 red-team", "2 of 1,200 red-team");
    let out = casec_command(&["diff", "--format", "json", "--today", EXAMPLES_DAY])
        .arg(old.join("project/case.case"))
        .arg(new.join("project/case.case"))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("control::exfiltration_red_team"),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// `evidence lock` locks the file it is given; with `--project`, every file
/// of the project, each artifact hashed beside the file that names it, and
/// nothing at all when one file of the project cannot be locked.
#[test]
fn evidence_lock_works_per_file_and_across_the_project() {
    let dir = temp_dir("modules", "lock");
    std::fs::create_dir_all(dir.join(".git")).unwrap();
    std::fs::create_dir_all(dir.join("team/results")).unwrap();
    std::fs::write(dir.join("top.json"), "{}").unwrap();
    std::fs::write(dir.join("team/results/eval.json"), "[]").unwrap();
    let case = "case c \"C\" {\n  system: \"S\"\n}\n\nimport team \"team/team.case\"\n\nclaim top \"Top\" {\n  supported by: e_top, team::e_eval\n}\n\nevidence e_top \"Top result\" {\n  artifact: \"top.json\"\n}\n";
    let module = "module team \"Team\" {\n  owner: \"Team\"\n}\n\nevidence e_eval \"Eval\" {\n  artifact: \"results/eval.json\"\n}\n";
    std::fs::write(dir.join("case.case"), case).unwrap();
    std::fs::write(dir.join("team/team.case"), module).unwrap();
    let lock = |args: &[&str]| {
        let output = casec_command(&[&["evidence", "lock"], args].concat())
            .current_dir(&dir)
            .output()
            .unwrap();
        (
            output.status.code(),
            String::from_utf8_lossy(&output.stdout).into_owned(),
        )
    };
    let read = |path: &str| std::fs::read_to_string(dir.join(path)).unwrap();
    let (top_digest, eval_digest) = (
        "44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
        "4f53cda18c2baa0c0354bb5f9a3ecbe5ed12ab4d8e11ba873c2f11161202b945",
    );

    // The case file alone: its module is left as it is.
    let (status, out) = lock(&["case.case"]);
    assert_eq!(status, Some(0), "{out}");
    assert_eq!(
        out,
        format!("case.case:11:10: evidence `e_top`: recorded sha256 {top_digest}\n")
    );
    assert!(read("case.case").contains(top_digest));
    assert_eq!(read("team/team.case"), module);

    // A module's file locked on its own: its artifact is beside it.
    std::fs::write(dir.join("case.case"), case).unwrap();
    let (status, out) = lock(&["team/team.case"]);
    assert_eq!(status, Some(0), "{out}");
    assert!(out.contains(eval_digest), "{out}");
    std::fs::write(dir.join("team/team.case"), module).unwrap();

    // A module that does not parse: with --project nothing is written.
    std::fs::write(dir.join("team/team.case"), format!("{module}claim x {{\n")).unwrap();
    let (status, _) = lock(&["--project", "case.case"]);
    assert_eq!(status, Some(1));
    assert_eq!(read("case.case"), case);

    // The whole project, each file in place.
    std::fs::write(dir.join("team/team.case"), module).unwrap();
    let (status, out) = lock(&["--project", "case.case"]);
    assert_eq!(status, Some(0), "{out}");
    assert_eq!(
        out,
        format!(
            "case.case:11:10: evidence `e_top`: recorded sha256 {top_digest}\nteam/team.case:5:10: evidence `e_eval`: recorded sha256 {eval_digest}\n"
        )
    );
    assert!(read("case.case").contains(top_digest));
    assert!(read("team/team.case").contains(eval_digest));
    // Locked: every digest matches, and a changed result is caught in the
    // module that names it.
    let integrity = || {
        let path = dir.join("case.case").display().to_string();
        let c = compile(&path, read("case.case"), settings(false));
        let found: Vec<(Code, String)> = codes(&c)
            .into_iter()
            .filter(|(code, _)| {
                matches!(code, Code::ArtifactHashMismatch | Code::ArtifactUnreadable)
            })
            .collect();
        found
    };
    assert_eq!(integrity(), []);
    std::fs::write(dir.join("team/results/eval.json"), "[1]").unwrap();
    let found = integrity();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Code::ArtifactHashMismatch);
    assert!(found[0].1.ends_with("team/team.case"), "{found:?}");
    let _ = std::fs::remove_dir_all(&dir);
}
