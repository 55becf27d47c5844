//! GSN diagrams and review reports: snapshots of the SVG and DOT of every
//! example, geometry (no overlapping nodes, every edge on its nodes' boxes),
//! well-formed XML, determinism, and the CLI's `--emit svg|dot|html|markdown`.

use casec::diagnostic::Code;
use casec::emit::gsn::layout::{Rect, RouteKind};
use casec::emit::gsn::{self, Drawing};
use casec::emit::{render, EmitError, Format, RenderOptions};
use casec::{Compilation, Options};
mod common;

use common::ROOT;
use std::path::{Path, PathBuf};
use std::process::Output;

/// Every case the diagrams are tested on: the examples (when present), the
/// base fixture and the diagram stress fixtures (layout, text).
fn cases() -> Vec<PathBuf> {
    let mut files = common::example_paths();
    files.push(Path::new(ROOT).join("tests/fixtures/diagnostics/valid.case"));
    files.push(Path::new(ROOT).join("tests/fixtures/gsn/watchdog.case"));
    files.push(Path::new(ROOT).join("tests/fixtures/gsn/long-text.case"));
    files
}

/// The whole case in `format`, through the one front door.
fn emit(compilation: &Compilation, format: Format) -> String {
    render(compilation, format, &RenderOptions::default()).unwrap()
}

fn compile(path: &Path) -> Compilation {
    let text = std::fs::read_to_string(path).unwrap();
    let name = path
        .strip_prefix(ROOT)
        .unwrap_or(path)
        .display()
        .to_string();
    // Artifacts read, as `casec build` reads them (a result may be read from
    // its eval log); freshness not judged, so drawings do not follow the
    // calendar.
    let options = Options {
        verify_evidence: true,
        ..Options::default()
    };
    let compilation = casec::compile(&name, &text, options);
    assert!(
        !compilation.has_errors(),
        "{name} has errors: {:#?}",
        compilation.diagnostics
    );
    compilation
}

fn snapshot_name(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

/// No two node boxes overlap (a sweep over boxes sorted by x), and every
/// edge starts on its source's box and ends on its target's.
fn assert_geometry(drawing: &Drawing, what: &str) {
    assert_geometry_of(drawing, what, false);
}

/// As [`assert_geometry`]; `cyclic` allows the straight edges that close a
/// support cycle or a circular justification (error cases).
fn assert_geometry_of(drawing: &Drawing, what: &str, cyclic: bool) {
    let boxes = &drawing.layout.boxes;
    assert_eq!(boxes.len(), drawing.diagram.nodes.len());
    let mut order: Vec<usize> = (0..boxes.len()).collect();
    order.sort_by(|a, b| boxes[*a].x.total_cmp(&boxes[*b].x));
    for (k, &a) in order.iter().enumerate() {
        for &b in &order[k + 1..] {
            if boxes[b].x >= boxes[a].right() {
                break;
            }
            assert!(
                !boxes[a].overlaps(&boxes[b]),
                "{what}: nodes {} and {} overlap",
                drawing.diagram.nodes[a].id,
                drawing.diagram.nodes[b].id
            );
        }
    }
    assert_eq!(drawing.layout.routes.len(), drawing.diagram.edges.len());
    for (edge, route) in drawing.diagram.edges.iter().zip(&drawing.layout.routes) {
        let (from, to): (Rect, Rect) = (boxes[edge.from], boxes[edge.to]);
        let (first, last) = (route.points[0], route.points[route.points.len() - 1]);
        let names = (
            &drawing.diagram.nodes[edge.from].id,
            &drawing.diagram.nodes[edge.to].id,
        );
        assert!(
            from.contains(first, 0.01),
            "{what}: edge {names:?} starts off its source"
        );
        assert!(
            to.contains(last, 0.01),
            "{what}: edge {names:?} ends off its target"
        );
        assert!(
            cyclic || route.kind != RouteKind::Straight,
            "{what}: edge {names:?} is not routed"
        );
    }
    assert!(boxes.iter().all(|b| b.x >= 0.0
        && b.y >= 0.0
        && b.right() <= drawing.layout.width
        && b.bottom() <= drawing.layout.height));
}

/// Standard base64 with padding, for the hashes in the policy.
fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (k, b)| n | u32::from(*b) << (16 - 8 * k));
        for k in 0..4 {
            out.push(if k <= chunk.len() {
                char::from(ALPHABET[(n >> (18 - 6 * k) & 63) as usize])
            } else {
                '='
            });
        }
    }
    out
}

/// The review page runs nothing but its own script: exactly one style
/// sheet and one script, each allowed by its hash in the policy (which
/// allows nothing else), and one JSON data island that describes each node
/// and edge the diagram draws, in the order drawn.
fn assert_review_page(html: &str, what: &str) {
    use sha2::{Digest, Sha256};
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let document = roxmltree::Document::parse_with_options(html, options)
        .unwrap_or_else(|e| panic!("{what} is not well-formed XML: {e}"));
    let named = |name: &str| {
        document
            .descendants()
            .filter(|n| n.tag_name().name() == name)
            .collect::<Vec<_>>()
    };
    // What a browser hashes: the element's text as written (the script's
    // CDATA markers included: HTML reads them as comments).
    let hash = |node: &roxmltree::Node| {
        let source = &html[node.range()];
        let text = source
            .split_once('>')
            .and_then(|(_, rest)| rest.rsplit_once("</"))
            .map_or("", |(text, _)| text);
        format!("'sha256-{}'", base64(&Sha256::digest(text.as_bytes())))
    };
    let policy = named("meta")
        .into_iter()
        .find(|m| m.attribute("http-equiv") == Some("Content-Security-Policy"))
        .and_then(|m| m.attribute("content"))
        .unwrap_or_else(|| panic!("{what}: no Content-Security-Policy"));
    let styles = named("style");
    let scripts = named("script");
    assert_eq!(styles.len(), 1, "{what}: one style sheet");
    assert_eq!(scripts.len(), 2, "{what}: the data island and the script");
    let (island, script) = (scripts[0], scripts[1]);
    assert_eq!(island.attribute("type"), Some("application/json"), "{what}");
    assert_eq!(island.attribute("id"), Some("review-data"), "{what}");
    assert_eq!(script.attribute("id"), Some("review-script"), "{what}");
    assert!(script.attribute("src").is_none() && script.attribute("type").is_none());
    assert_eq!(
        policy,
        format!(
            "default-src 'none'; style-src {}; script-src {}; base-uri 'none'; form-action 'none'",
            hash(&styles[0]),
            hash(&script)
        ),
        "{what}: the policy allows the page's own style sheet and script, and nothing else"
    );
    let json = island.text().unwrap_or_default();
    assert!(
        !json.contains(['<', '>', '&']),
        "{what}: markup characters in the data island"
    );
    let data: serde_json::Value = serde_json::from_str(json)
        .unwrap_or_else(|e| panic!("{what}: the data island is not JSON: {e}"));
    let drawn_nodes = document
        .descendants()
        .filter(|n| {
            n.tag_name().name() == "g"
                && n.attribute("class")
                    .is_some_and(|c| c.split(' ').any(|c| c == "gsn-node"))
        })
        .count();
    assert_eq!(
        data["nodes"].as_array().map(Vec::len),
        Some(drawn_nodes),
        "{what}: one entry per node drawn"
    );
    // The edge paths as the script finds them: the paths without a class
    // (or challenges) in the edge layer; the rest are marks on them.
    let edge_paths = document
        .descendants()
        .find(|n| n.attribute("class") == Some("gsn-edges"))
        .map_or(0, |layer| {
            layer
                .children()
                .filter(|n| {
                    n.tag_name().name() == "path"
                        && matches!(n.attribute("class"), None | Some("gsn-challenges"))
                })
                .count()
        });
    let drawn_edges = data["edges"]
        .as_array()
        .map_or(0, |e| e.iter().filter(|e| e["undrawn"] != true).count());
    assert_eq!(edge_paths, drawn_edges, "{what}: one entry per edge drawn");
    let top = data["top"].as_u64().unwrap_or(u64::MAX) as usize;
    assert!(top < drawn_nodes.max(1), "{what}: the top node is drawn");
}

#[test]
fn every_review_page_runs_only_its_own_script_and_describes_its_diagram() {
    for path in cases() {
        let name = snapshot_name(&path);
        assert_review_page(&emit(&compile(&path), Format::Html), &name);
    }
}

/// What the review page's script is told about each element, reviewed: the
/// island of the diagram stress fixture (findings, an undeveloped claim,
/// shared evidence, contexts drawn beside several elements) and of the case
/// with doubts (defeaters, a challenged link, an accepted residual doubt).
#[test]
fn review_data_island_snapshots() {
    for (name, path) in [
        ("watchdog", "tests/fixtures/gsn/watchdog.case"),
        ("control-review-round", "examples/control-review-round.case"),
    ] {
        let html = emit(&compile(&Path::new(ROOT).join(path)), Format::Html);
        let island = html
            .split("<script type=\"application/json\" id=\"review-data\">")
            .nth(1)
            .and_then(|rest| rest.split("</script>").next())
            .unwrap();
        let data: serde_json::Value = serde_json::from_str(island).unwrap();
        insta::assert_json_snapshot!(format!("{name}_review_island"), data);
    }
}

/// Case text in the data island is JSON inside a script element: nothing
/// in it may end the element, open a comment or CDATA, or be an entity,
/// and it reads back as written.
#[test]
fn the_data_island_carries_hostile_text_as_text() {
    let payload =
        "</script><script>alert(1)</script> <!-- ]]> &amp; <\\u2028\u{2028}\u{2029}> \"q\"";
    let case = format!(
        "case hostile \"{p}\" {{ top: safe }}\n\noutcome harm \"{p}\"\n\n\
         evidence e \"{p}\" {{ artifact: \"https://example.org/?a=1&b=<2>\" }}\n\n\
         claim safe \"{p}\" {{\n  addresses: harm\n  supported by: e\n}}\n",
        p = payload.replace('\\', "\\\\").replace('"', "\\\"")
    );
    let compilation = casec::compile("hostile.case", &case, Options::default());
    let html = emit(&compilation, Format::Html);
    assert_review_page(&html, "hostile");
    let island = html
        .split("<script type=\"application/json\" id=\"review-data\">")
        .nth(1)
        .and_then(|rest| rest.split("</script>").next())
        .unwrap();
    let data: serde_json::Value = serde_json::from_str(island).unwrap();
    let texts: Vec<&str> = data["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["text"].as_str().unwrap())
        .collect();
    assert!(texts.len() >= 2);
    for text in texts {
        assert_eq!(text, payload);
    }
    assert_eq!(html.matches("<script").count(), 2);
}

fn assert_xml(text: &str, what: &str) -> usize {
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..Default::default()
    };
    let document = roxmltree::Document::parse_with_options(text, options)
        .unwrap_or_else(|e| panic!("{what} is not well-formed XML: {e}"));
    document.descendants().count()
}

#[test]
fn svg_and_dot_snapshots_of_every_case() {
    for path in cases() {
        let compilation = compile(&path);
        let name = snapshot_name(&path);
        let svg = emit(&compilation, Format::Svg);
        assert_xml(&svg, &name);
        insta::assert_snapshot!(format!("{name}_svg"), svg);
        insta::assert_snapshot!(format!("{name}_dot"), emit(&compilation, Format::Dot));
    }
}

#[test]
fn every_case_lays_out_without_overlap_and_with_edges_on_their_nodes() {
    for path in cases() {
        let compilation = compile(&path);
        assert_geometry(
            &Drawing::of(&compilation, None).unwrap(),
            &path.display().to_string(),
        );
    }
}

#[test]
fn a_large_generated_case_lays_out_cleanly() {
    let compilation = casec::compile(
        "synthetic.case",
        casec::synth::generate(3000),
        Options::default(),
    );
    assert!(!compilation.has_errors());
    let drawing = Drawing::of(&compilation, None).unwrap();
    assert!(drawing.diagram.nodes.len() > 3000);
    assert_geometry(&drawing, "synthetic 3000");
    assert_xml(&gsn::svg::render(&drawing, true), "synthetic 3000");
}

#[test]
fn every_element_and_link_of_the_fixture_is_drawn() {
    let compilation = compile(&Path::new(ROOT).join("tests/fixtures/gsn/watchdog.case"));
    let drawing = Drawing::of(&compilation, None).unwrap();
    let nodes = &drawing.diagram.nodes;
    let primary = |id: &str| nodes.iter().filter(|n| n.id == id && n.primary).count();
    for id in [
        "top",
        "split",
        "loop_exfil",
        "monitored",
        "red_team",
        "ctf_results",
        "weights_secured",
        "security_audit",
        "deploy",
    ] {
        assert_eq!(primary(id), 1, "{id} is drawn once as primary");
    }
    // A context shared by three elements is drawn beside each of them.
    assert_eq!(nodes.iter().filter(|n| n.id == "proxy_tasks").count(), 3);
    // Evidence shared by four elements is one node with four arrows in.
    let ctf = nodes.iter().position(|n| n.id == "ctf_results").unwrap();
    assert_eq!(
        drawing.diagram.edges.iter().filter(|e| e.to == ctf).count(),
        4
    );
    let chat_exfil = nodes.iter().find(|n| n.id == "chat_exfil").unwrap();
    assert!(
        chat_exfil.undeveloped
            && chat_exfil
                .findings
                .iter()
                .any(|f| f.code == Code::Undeveloped)
    );
    let svg = gsn::svg::render(&drawing, true);
    assert!(svg.contains(
        "<title>goal chat_exfil: The chat assistant has no path to the weights\nwarning[W0304]"
    ));
    assert!(svg.contains("href=\"https://example.org/evals/ctf?run=7&amp;model=agent\""));
    assert!(svg.contains("&lt;2025-11&gt; &amp; follow-ups"));
}

#[test]
fn root_draws_only_the_sub_argument_and_unknown_roots_are_explained() {
    let compilation = compile(&Path::new(ROOT).join("tests/fixtures/gsn/watchdog.case"));
    let drawing = Drawing::of(&compilation, Some("loop_exfil")).unwrap();
    let ids: std::collections::BTreeSet<&str> = drawing
        .diagram
        .nodes
        .iter()
        .map(|n| n.id.as_str())
        .collect();
    assert!(
        ids.contains("monitored") && ids.contains("red_team") && ids.contains("weights_secured")
    );
    assert!(!ids.contains("top") && !ids.contains("chat_uplift"));
    assert_geometry(&drawing, "--root loop_exfil");
    let error = Drawing::of(&compilation, Some("loop_exfill"))
        .err()
        .unwrap();
    assert_eq!(
        error,
        EmitError::UnknownRoot {
            name: "loop_exfill".into(),
            nearest: Some("loop_exfil".into())
        }
    );
    assert_eq!(
        error.to_string(),
        "no element is called `loop_exfill`; did you mean `loop_exfil`?"
    );
    let error = Drawing::of(&compilation, Some("uplift")).err().unwrap();
    assert!(error.to_string().contains("is an outcome"), "{error}");
    let options = RenderOptions {
        root: Some("loop_exfil".into()),
        ..RenderOptions::default()
    };
    for format in [Format::Json, Format::Markdown] {
        assert_eq!(
            render(&compilation, format, &options),
            Err(EmitError::RootWithoutDiagram)
        );
    }
}

#[test]
fn cycles_do_not_hang_the_layout() {
    let text =
        std::fs::read_to_string(Path::new(ROOT).join("tests/fixtures/diagnostics/E0301.case"))
            .unwrap();
    let compilation = casec::compile("E0301.case", &text, Options::default());
    assert!(compilation.has_errors());
    let drawing = Drawing::of(&compilation, None).unwrap();
    assert!(!drawing.diagram.nodes.is_empty());
    assert_xml(&gsn::svg::render(&drawing, true), "a cyclic case");
}

/// The day the CLI checks the fixtures on (2026-06-01, as seconds since
/// 1970): inside their deployment windows, so that the findings drawn do not
/// change with the calendar.
const FIXTURE_DAY_EPOCH: &str = "1780272000";

fn casec(args: &[&str]) -> Output {
    common::casec_command(args)
        .env("SOURCE_DATE_EPOCH", FIXTURE_DAY_EPOCH)
        .output()
        .expect("the casec binary runs")
}

fn temp_dir(name: &str) -> PathBuf {
    common::temp_dir("gsn", name)
}

#[test]
fn cli_writes_every_format_deterministically() {
    let dir = temp_dir("formats");
    let case = "tests/fixtures/gsn/watchdog.case";
    for format in ["svg", "dot", "html", "markdown"] {
        let out = dir.join(format!("out.{format}"));
        let run = || {
            let output = casec(&["build", case, "--emit", format, "-o", out.to_str().unwrap()]);
            assert_eq!(
                output.status.code(),
                Some(0),
                "{format}: {}",
                String::from_utf8_lossy(&output.stderr)
            );
            std::fs::read(&out).unwrap()
        };
        let first = run();
        assert_eq!(run(), first, "{format} output differs between runs");
        if matches!(format, "svg" | "html") {
            assert_xml(&String::from_utf8(first).unwrap(), format);
        }
    }
    assert_eq!(
        std::fs::read_dir(&dir).unwrap().count(),
        4,
        "no temporary file is left behind"
    );
}

#[test]
fn cli_html_is_self_contained_and_links_findings_to_nodes() {
    let output = casec(&[
        "build",
        "tests/fixtures/gsn/watchdog.case",
        "--emit",
        "html",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let html = String::from_utf8(output.stdout).unwrap();
    for needle in [
        "<svg",
        "id=\"node-chat_exfil\"",
        "href=\"#node-chat_exfil\"",
        "W0304",
        "W0601",
        "research staff",
        "2026-01-01 to 2026-06-30",
        // The threshold as written, and the case's bound against it.
        "<dt>Risk threshold</dt><dd>1e-3</dd>",
        "<dt>Risk bound</dt><dd>",
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'sha256-",
    ] {
        assert!(html.contains(needle), "the page lacks {needle}");
    }
    for external in ["<link", "src=", "@import", "url(http"] {
        assert!(
            !html.contains(external),
            "the page loads something: {external}"
        );
    }
    // Its own data island and script, and no other.
    assert_eq!(html.matches("<script").count(), 2);
    assert_review_page(&html, "watchdog");
    insta::assert_snapshot!(
        "watchdog_markdown",
        String::from_utf8(
            casec(&[
                "build",
                "tests/fixtures/gsn/watchdog.case",
                "--emit",
                "markdown"
            ])
            .stdout
        )
        .unwrap()
    );
}

#[test]
fn cli_root_errors_exit_2_and_cases_with_errors_are_drawn_with_their_errors() {
    let dir = temp_dir("errors");
    let out = dir.join("out.svg");
    let output = casec(&[
        "build",
        "tests/fixtures/gsn/watchdog.case",
        "--emit",
        "svg",
        "--root",
        "loop_exfill",
        "-o",
        out.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("did you mean `loop_exfil`?"));
    let output = casec(&[
        "build",
        "tests/fixtures/diagnostics/valid.case",
        "--emit",
        "json",
        "--root",
        "safe",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
    // The IR is never written for a case with errors; a diagram or review is,
    // with the errors on it, and the exit status still says 1.
    let case = "tests/fixtures/diagnostics/E0506.case";
    let json = dir.join("out.json");
    let output = casec(&[
        "build",
        case,
        "--emit",
        "json",
        "-o",
        json.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(!json.exists());
    for (format, needle) in [
        ("svg", "class=\"gsn-node gsn-strategy gsn-error\""),
        ("dot", "error[E0506]"),
        ("html", "<td>E0506</td><td><a href=\"#node-monitored\">"),
        ("markdown", "E0506"),
    ] {
        let out = dir.join(format!("out.{format}"));
        let output = casec(&["build", case, "--emit", format, "-o", out.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(1), "{format}");
        assert!(
            String::from_utf8_lossy(&output.stderr).contains("1 error(s), marked in the"),
            "{format}"
        );
        let text = std::fs::read_to_string(&out).unwrap();
        assert!(text.contains(needle), "{format} lacks {needle}");
        if format == "html" {
            assert!(text.contains("1 error, 0 warnings; the case does not check."));
        }
    }
}

/// Every diagnostics fixture (each has a rule failing, many on a drawn
/// element) draws without panicking, lays out cleanly and is well-formed,
/// with each finding located on a drawn element outlined in its colour.
#[test]
fn every_diagnostics_fixture_is_drawn_with_its_findings() {
    let dir = Path::new(ROOT).join("tests/fixtures/diagnostics");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "case"))
        .collect();
    paths.sort();
    let mut marked = 0;
    for path in paths {
        let name = snapshot_name(&path);
        let bytes = std::fs::read(&path).unwrap();
        let compilation = casec::compile(&name, bytes, Options::default());
        let drawing = Drawing::of(&compilation, None).unwrap();
        let cyclic = compilation.diagnostics.iter().any(|d| {
            matches!(
                d.code,
                Code::SupportCycle | Code::CircularJustification | Code::DefeatCycle
            )
        });
        assert_geometry_of(&drawing, &name, cyclic);
        assert_xml(&gsn::svg::render(&drawing, true), &name);
        assert_xml(&emit(&compilation, Format::Html), &name);
        assert!(!emit(&compilation, Format::Dot).is_empty());
        assert!(emit(&compilation, Format::Markdown).contains(&name[..5]));
        for node in &drawing.diagram.nodes {
            for finding in &node.findings {
                assert!(
                    compilation
                        .diagnostics
                        .iter()
                        .any(|d| d.code == finding.code),
                    "{name}: {} on {} is not a diagnostic",
                    finding.code,
                    node.id
                );
            }
        }
        if drawing
            .diagram
            .nodes
            .iter()
            .any(|n| n.findings.iter().any(|f| f.code.as_str() == name))
        {
            marked += 1;
        }
    }
    assert!(marked >= 20, "only {marked} fixtures mark their finding");
}

/// Artifact paths are relative to the case file; the links in a diagram or
/// review written elsewhere are made relative to where it is written.
#[test]
fn cli_links_to_artifacts_work_from_where_the_output_is_written() {
    let case = "tests/fixtures/gsn/watchdog.case";
    let fixture_dir = Path::new(ROOT)
        .join("tests/fixtures/gsn")
        .canonicalize()
        .unwrap();
    let dir = temp_dir("links");
    for format in ["svg", "dot", "html"] {
        let out = dir.join(format!("out.{format}"));
        let output = casec(&["build", case, "--emit", format, "-o", out.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(0), "{format}");
        let text = std::fs::read_to_string(&out).unwrap();
        let link = text
            .split("href=\"")
            .skip(1)
            .filter_map(|rest| rest.split('"').next())
            .find(|link| link.ends_with("evals/control.json"))
            .unwrap_or_else(|| panic!("{format}: no link to evals/control.json"));
        let base = link.trim_end_matches("evals/control.json");
        assert_eq!(
            dir.join(base).canonicalize().unwrap(),
            fixture_dir,
            "{format}: `{link}` does not lead from {} to the case's directory",
            dir.display()
        );
    }
    // On standard output, links are relative to the current directory.
    let output = casec(&["build", case, "--emit", "svg"]);
    assert!(String::from_utf8_lossy(&output.stdout)
        .contains("href=\"tests/fixtures/gsn/evals/control.json\""));
}

/// A risk bound above the threshold is located on the case header, which is
/// not drawn; the diagram marks the top claim its label names instead.
#[test]
fn a_risk_bound_above_the_threshold_is_marked_on_the_top_claim() {
    let dir = temp_dir("risk");
    let examples = Path::new(ROOT).join("examples");
    let text = std::fs::read_to_string(examples.join("risk-quantified.case")).unwrap();
    let at = text.find("evidence egress_red_team").unwrap();
    let risk = at + text[at..].find("risk: 6e-5").unwrap();
    let raised = format!(
        "{}risk: 1e-3{}",
        &text[..risk],
        &text[risk + "risk: 6e-5".len()..]
    );
    // The artifacts go along, so that their digests still check.
    fn copy(from: &Path, to: &Path) {
        std::fs::create_dir_all(to).unwrap();
        for entry in std::fs::read_dir(from).unwrap() {
            let path = entry.unwrap().path();
            let target = to.join(path.file_name().unwrap());
            if path.is_dir() {
                copy(&path, &target);
            } else {
                std::fs::copy(&path, &target).unwrap();
            }
        }
    }
    copy(&examples.join("artifacts"), &dir.join("artifacts"));
    let case = dir.join("risk-quantified.case");
    std::fs::write(&case, raised).unwrap();
    let out = dir.join("out.md");
    let output = casec(&[
        "build",
        "--today",
        "2026-11-25",
        case.to_str().unwrap(),
        "--emit",
        "markdown",
        "-o",
        out.to_str().unwrap(),
    ]);
    let svg = casec(&[
        "build",
        "--today",
        "2026-11-25",
        case.to_str().unwrap(),
        "--emit",
        "svg",
    ]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        String::from_utf8_lossy(&output.stderr).contains("has 1 error(s), marked in the review")
    );
    let review = std::fs::read_to_string(&out).unwrap();
    assert!(
        review.contains("**error[E0701]** on `no_catastrophe`"),
        "{review}"
    );
    assert_eq!(svg.status.code(), Some(1));
    let svg = String::from_utf8(svg.stdout).unwrap();
    let node = svg
        .split("<g ")
        .find(|g| g.contains("id=\"node-no_catastrophe\""))
        .expect("the top claim is drawn");
    assert!(node.contains("error[E0701]"), "{node}");
}

/// The example project drawn per module (each module's elements, with the
/// elements of other files they link to as away elements) and as its
/// architecture (the case and the modules, with their imports).
#[test]
fn a_project_is_drawn_per_module_and_as_its_architecture() {
    use casec::emit::gsn::model::{Diagram, View};
    let path = "examples/project/case.case";
    let settings = casec::Settings {
        options: Options {
            verify_evidence: true,
            ..Options::default()
        },
        files: casec::project::Files::disk(),
        ..casec::Settings::default()
    };
    let c = casec::compile(
        path,
        std::fs::read(Path::new(ROOT).join(path)).unwrap(),
        settings,
    );
    assert!(!c.has_errors(), "{:#?}", c.diagnostics);
    let mut views: Vec<(String, View)> = c
        .case
        .modules
        .iter()
        .map(|m| (m.name.to_string(), View::Module(m.name.to_string())))
        .collect();
    views.push(("architecture".into(), View::Modules));
    for (name, view) in &views {
        let drawing = Drawing::new(Diagram::view(&c, view, None).unwrap());
        assert_geometry(&drawing, name);
        let options = RenderOptions {
            view: view.clone(),
            ..RenderOptions::default()
        };
        let svg = render(&c, Format::Svg, &options).unwrap();
        assert_xml(&svg, name);
        let dot = render(&c, Format::Dot, &options).unwrap();
        insta::assert_snapshot!(format!("project_{name}_dot"), dot);
    }
    // The alignment team's diagram: its two elements, and the control
    // team's public claim it develops, away, with its module's band.
    let alignment = Diagram::view(&c, &View::Module("alignment".into()), None).unwrap();
    let nodes: Vec<(&str, Option<&str>)> = alignment
        .nodes
        .iter()
        .map(|n| (n.id.as_str(), n.away.as_deref()))
        .collect();
    assert_eq!(
        nodes,
        [
            ("alignment::watchdog_cannot_fake", None),
            ("alignment::watchdog_capability_evals", None),
            ("control::watchdog_trustworthy", Some("module control")),
        ]
    );
    let module_svg = |name: &str| {
        let options = RenderOptions {
            view: View::Module(name.into()),
            ..RenderOptions::default()
        };
        render(&c, Format::Svg, &options).unwrap()
    };
    let svg = module_svg("alignment");
    assert!(svg.contains("class=\"gsn-away\"") && svg.contains(">module control</text>"));
    // The away element links to where it is drawn as the control team's
    // own: `control.svg`, written beside this one, at its anchor.
    assert!(
        svg.contains("<a href=\"control.svg#node-control::watchdog_trustworthy\""),
        "{svg}"
    );
    let control = module_svg("control");
    assert!(control.contains("<g id=\"node-control::watchdog_trustworthy\""));
    // The case's elements are drawn in the complete view, `case.svg`.
    assert!(control.contains("<a href=\"case.svg#node-over_outcomes\""));
    // The architecture: the case imports all three, alignment imports
    // control and lab, control imports lab.
    let architecture = Diagram::view(&c, &View::Modules, None).unwrap();
    let edges: Vec<(&str, &str)> = architecture
        .edges
        .iter()
        .map(|e| {
            (
                architecture.nodes[e.from].id.as_str(),
                architecture.nodes[e.to].id.as_str(),
            )
        })
        .collect();
    assert_eq!(
        edges,
        [
            ("project_watchdog", "lab"),
            ("project_watchdog", "control"),
            ("project_watchdog", "alignment"),
            ("control", "lab"),
            ("alignment", "lab"),
            ("alignment", "control"),
        ]
    );
    // An unknown module is explained; the views need a diagram format.
    let error = Diagram::view(&c, &View::Module("controls".into()), None).unwrap_err();
    assert_eq!(
        error.to_string(),
        "the project has no module `controls`; did you mean `control`?"
    );
    let options = RenderOptions {
        view: View::Modules,
        ..RenderOptions::default()
    };
    assert_eq!(
        render(&c, Format::Html, &options),
        Err(EmitError::ViewWithoutDiagram)
    );
}
