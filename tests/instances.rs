//! Template instances (docs/templates.md): what an instance expands to, how
//! its parts are chosen, where its findings are reported, and that no
//! template, however written, hangs or crashes the compiler.

use casec::diagnostic::Code;
use casec::ir::ElementKind;
use casec::source::FileId;
use casec::syntax::parse_date;
use casec::{Compilation, Options};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn compile(text: &str) -> Compilation {
    let options = Options {
        strict: true,
        today: parse_date("2026-06-01"),
        ..Options::default()
    };
    casec::compile("t.case", text, options)
}

fn codes(compilation: &Compilation) -> Vec<&'static str> {
    compilation
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect()
}

/// The sound base of the template fixtures: one instance over two settings.
fn base() -> String {
    let path = format!("{ROOT}/tests/fixtures/diagnostics/E1001.case");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    text.replace("// Triggers E1001.\n", "").replace(
        "template: capability_eval\n",
        "template: capability_evals\n",
    )
}

fn element<'c>(compilation: &'c Compilation, id: &str) -> &'c casec::ir::Element {
    let found = compilation.case.names.get(id);
    let id = found.unwrap_or_else(|| panic!("no element `{id}`"));
    &compilation.case.elements[id.index()]
}

fn is_undeveloped(element: &casec::ir::Element) -> bool {
    match &element.attrs {
        casec::ir::Attrs::Argument(a) => a.undeveloped.is_some(),
        casec::ir::Attrs::Claim(c) => c.undeveloped.is_some(),
        _ => false,
    }
}

fn has(compilation: &Compilation, id: &str) -> bool {
    compilation.case.names.contains_key(id)
}

#[test]
fn the_sound_base_expands_to_named_elements_and_checks_clean_under_strict() {
    let compilation = compile(&base());
    assert_eq!(codes(&compilation), Vec::<&str>::new());
    for id in [
        "evals.argument",
        "evals.ctf-below",
        "evals.agentic-below",
        "evals.ctf-results",
        "evals.agentic-results",
    ] {
        assert!(has(&compilation, id), "{id}");
    }
    let argument = element(&compilation, "evals.argument");
    assert_eq!(argument.kind, ElementKind::Argument);
    assert_eq!(
        argument.text.as_ref().map(|t| t.value.as_ref()),
        Some("model cannot perform the proxy tasks in any setting")
    );
    let results = element(&compilation, "evals.ctf-results");
    assert_eq!(
        results.text.as_ref().map(|t| t.value.as_ref()),
        Some("0 proxy tasks solved in ctf")
    );
    let instance = &compilation.instances[0];
    assert_eq!(instance.id, "evals");
    assert_eq!(instance.template, "capability_evals");
    assert_eq!(instance.elements, 5);
}

#[test]
fn a_finding_inside_an_instance_is_at_the_instance_with_a_label_at_the_template_line() {
    // One setting's evidence loses what it shows: a rule finding on an
    // expanded item.
    let text = base().replace(
        "      shows: elicitation, anti_sandbagging, capability_margin\n",
        "",
    );
    let compilation = compile(&text);
    assert!(!compilation.diagnostics.is_empty());
    let instance_line = text.find("instance evals").expect("instance") + "instance ".len();
    for d in &compilation.diagnostics {
        assert_eq!(d.primary.span.file, compilation.file, "{d:?}");
        assert_eq!(
            d.primary.span.start as usize, instance_line,
            "{}",
            d.message
        );
        let template = text.find("template capability_evals").expect("template");
        assert!(
            d.secondary
                .iter()
                .any(|l| l.span.start as usize > template && l.message.starts_with("in template")),
            "{d:?}"
        );
    }
}

const PARTS: &str = r#"
case c "Parts" { top: top }

decision deploy "Deploy" { setting: "s" access: "a" window: 2026-01-01 to 2026-12-31 }

component model "The model" { kind: ai trust: untrusted }

subsystem sys "The system" { components: model }

outcome harm "Harm"

claim top "Safe" {
  about: sys
  addresses: harm
  in context of: deploy
  supported by: x.arg
}

template parts "Parts" {
  argument arg "The model cannot" {
    category: inability
    block: dangerous_capability_evals
    supported by: results, margin, elicited
  }

  evidence results "0 of 10 tasks" { artifact: "r.json"  shows: anti_sandbagging }

  optional extra "A capability margin" {
    evidence margin "Scaling trend" { artifact: "m.json"  shows: capability_margin }
  }

  choice elicitation "How capability was elicited" {
    option fine_tuning "Fine-tuned" {
      evidence elicited "Task-specific fine-tuning" { artifact: "f.json"  shows: elicitation }
    }

    option prompting "Prompted" {
      evidence elicited "Best-of-64 prompting" { artifact: "p.json"  shows: elicitation }
    }
  }
}

instance x {
  template: parts
  SELECTION
}
"#;

fn parts(selection: &str) -> Compilation {
    compile(&PARTS.replace("SELECTION", selection))
}

#[test]
fn an_optional_part_is_written_only_when_included() {
    let with = parts("include: extra\n  elicitation: fine_tuning");
    assert_eq!(codes(&with), Vec::<&str>::new());
    assert!(has(&with, "x.margin"));
    let without = parts("elicitation: fine_tuning");
    assert!(!has(&without, "x.margin"));
    // Its reference is dropped with it; the argument then lacks the
    // capability margin its block requires, a finding of the rules.
    let argument = element(&without, "x.arg");
    assert!(!is_undeveloped(argument), "left out is not undeveloped");
    assert!(codes(&without).contains(&"E0503"), "{:?}", codes(&without));
}

#[test]
fn a_choice_writes_the_chosen_option_and_must_be_made() {
    let prompting = parts("include: extra\n  elicitation: prompting");
    assert_eq!(codes(&prompting), Vec::<&str>::new());
    let elicited = element(&prompting, "x.elicited");
    assert_eq!(
        elicited.text.as_ref().map(|t| t.value.as_ref()),
        Some("Best-of-64 prompting")
    );
    let unmade = parts("include: extra");
    assert_eq!(codes(&unmade), ["E1006"]);
    assert!(unmade.diagnostics[0]
        .help
        .as_deref()
        .unwrap_or("")
        .contains("elicitation: fine_tuning"));
    let unknown = parts("include: extra\n  elicitation: finetuning");
    assert_eq!(codes(&unknown), ["E1006"]);
    assert_eq!(
        unknown.diagnostics[0].help.as_deref(),
        Some("did you mean `fine_tuning`?")
    );
}

#[test]
fn a_part_left_undeveloped_on_purpose_shows_as_undeveloped() {
    let open = parts("include: extra\n  undeveloped: elicitation");
    assert!(!has(&open, "x.elicited"));
    let argument = element(&open, "x.arg");
    assert!(is_undeveloped(argument), "marked undeveloped");
    assert!(codes(&open).contains(&"W0304"), "{:?}", codes(&open));
}

#[test]
fn arguments_are_checked_against_the_parameters() {
    let text = r#"
template t "T" {
  param system: component
  param count: number
  param tags: list
  claim c "{system} {count} {tags}" { undeveloped }
}
component agent "Agent" { kind: ai trust: untrusted }
outcome harm "Harm"
instance a { template: t system: agent count: 3 tags: p, q }
instance b { template: t system: harm count: 3 tags: p }
instance c { template: t system: agent count: "three" tags: p }
instance d { template: t system: agent tags: p sytem: agent }
instance e { template: t system: agent, agent count: 1 tags: p }
"#;
    let compilation = compile(text);
    let c = element(&compilation, "a.c");
    assert_eq!(
        c.text.as_ref().map(|t| t.value.as_ref()),
        Some("agent 3 p, q")
    );
    let found: Vec<(&str, usize)> = compilation
        .diagnostics
        .iter()
        .filter(|d| d.code.as_str().starts_with("E10"))
        .map(|d| {
            let line = text[..d.primary.span.start as usize].matches('\n').count();
            (d.code.as_str(), line)
        })
        .collect();
    assert_eq!(
        found,
        [
            ("E1003", 10),
            ("E1003", 11),
            ("E1002", 12),
            ("E1002", 12),
            ("E1002", 13)
        ],
        "{:#?}",
        compilation.diagnostics
    );
}

#[test]
fn instances_inside_templates_expand_with_qualified_ids() {
    let text = r#"
template leaf "L" {
  param what: word
  claim c "{what} holds" { undeveloped }
}
template pair "P" {
  instance left { template: leaf what: l }
  instance right { template: leaf what: r }
  claim both "Both hold" { supported by: left.c, right.c }
}
instance p { template: pair }
claim top "Top" { supported by: p.both }
"#;
    let compilation = compile(text);
    for id in ["p.left.c", "p.right.c", "p.both"] {
        assert!(
            has(&compilation, id),
            "{id}: {:?}",
            compilation.case.names.keys()
        );
    }
    let both = element(&compilation, "p.both");
    let support: Vec<&str> = both.supported_by.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(support, ["p.left.c", "p.right.c"]);
    assert_eq!(compilation.instances.len(), 3);
    // A finding two templates deep names both instantiations.
    let undeveloped = compilation
        .diagnostics
        .iter()
        .find(|d| d.code == Code::Undeveloped && d.message.contains("p.left.c"))
        .expect("W0304 on the leaf");
    let labels: Vec<&str> = undeveloped
        .secondary
        .iter()
        .map(|l| l.message.as_str())
        .collect();
    assert!(labels[0].starts_with("in template `leaf`"), "{labels:?}");
    assert!(
        labels[1].starts_with("through this instance, in template `pair`"),
        "{labels:?}"
    );
    let at = undeveloped.primary.span.start as usize;
    assert!(text[at..].starts_with("p {"), "at the outer instance");
}

#[test]
fn self_instantiation_mutual_recursion_and_blow_up_stop_with_one_finding() {
    let mutual = "case c \"C\" { top: x.b.a.b }\ntemplate a \"A\" {\n  instance b { template: b }\n}\ntemplate b \"B\" {\n  instance a { template: a }\n}\ninstance x { template: a }\n";
    let compilation = compile(mutual);
    let templates: Vec<&str> = codes(&compilation)
        .into_iter()
        .filter(|c| c.starts_with("E10"))
        .collect();
    assert_eq!(templates, ["E1004"], "{:#?}", compilation.diagnostics);
    let loop_finding = compilation
        .diagnostics
        .iter()
        .find(|d| d.code == Code::TemplateRecursion)
        .expect("E1004");
    assert!(
        loop_finding.message.contains("a → b → a"),
        "{}",
        loop_finding.message
    );
    // Each level instantiates the next twice: 2^40 items if nothing stopped it.
    let mut doubling = String::new();
    for level in 0..40 {
        doubling.push_str(&format!(
            "template t{level} \"T\" {{\n  instance l {{ template: t{next} }}\n  instance r {{ template: t{next} }}\n}}\n",
            next = level + 1
        ));
    }
    doubling.push_str("template t40 \"Leaf\" {\n  claim c \"C\" { undeveloped }\n}\ninstance root { template: t0 }\n");
    let compilation = compile(&doubling);
    let recursion: Vec<_> = compilation
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::TemplateRecursion)
        .collect();
    assert_eq!(recursion.len(), 1, "stopped once: {recursion:#?}");
    assert!(
        recursion[0].message.contains("deeper than 32"),
        "{}",
        recursion[0].message
    );
    // Shallow but wide: 16 instances a level, five levels (16^5 items).
    let mut wide = String::new();
    for level in 0..5 {
        wide.push_str(&format!("template w{level} \"W\" {{\n"));
        for i in 0..16 {
            wide.push_str(&format!("  instance i{i} {{ template: w{} }}\n", level + 1));
        }
        wide.push_str("}\n");
    }
    wide.push_str("template w5 \"Leaf\" {\n  claim c \"C\" { undeveloped }\n}\ninstance root { template: w0 }\n");
    let compilation = compile(&wide);
    let recursion: Vec<_> = compilation
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::TemplateRecursion)
        .collect();
    assert_eq!(recursion.len(), 1, "stopped once: {recursion:#?}");
    assert!(
        recursion[0].message.contains("more than 200000 items"),
        "{}",
        recursion[0].message
    );
}

#[test]
fn deeply_nested_parts_are_one_syntax_error_not_a_stack_overflow() {
    let depth = 100_000;
    let mut text = String::from("template deep \"D\" {\n");
    for i in 0..depth {
        text.push_str(&format!("optional p{i} {{\n"));
    }
    text.push_str(&"}\n".repeat(depth + 1));
    text.push_str("claim after \"After\" { undeveloped }\n");
    let compilation = compile(&text);
    let syntax: Vec<_> = compilation
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::SyntaxError)
        .collect();
    assert_eq!(syntax.len(), 1, "{syntax:#?}");
    assert!(syntax[0].message.contains("nests deeper"));
    assert!(has(&compilation, "after"), "the next item is still read");
}

#[test]
fn the_same_case_expands_to_the_same_json_every_time() {
    let json = |text: &str| {
        let compilation = compile(text);
        casec::emit::json::emit(&compilation)
    };
    let text = base();
    assert_eq!(json(&text), json(&text));
}

#[test]
fn shipped_templates_live_in_the_prelude_and_frames_read_as_their_file() {
    let compilation = compile(&base());
    let frame = compilation.instances[0].frame;
    assert_ne!(frame, compilation.file);
    assert_eq!(compilation.sources.real(frame), compilation.file);
    assert_ne!(FileId::PRELUDE, compilation.file);
}

#[test]
fn a_local_id_named_like_a_topic_does_not_capture_references_to_the_topic() {
    // The evidence is called `elicitation`, like the prelude topic it shows.
    let text = PARTS
        .replace("evidence elicited", "evidence elicitation")
        .replace("results, margin, elicited", "results, margin, elicitation")
        .replace("SELECTION", "include: extra\n  elicitation: fine_tuning");
    let compilation = compile(&text);
    assert_eq!(
        codes(&compilation),
        Vec::<&str>::new(),
        "{:#?}",
        compilation.diagnostics
    );
    let evidence = element(&compilation, "x.elicitation");
    assert_eq!(evidence.shows[0].name, "elicitation");
    assert!(evidence.shows[0].target.is_some());
}

/// docs/language.md shows what a finding in an instance looks like: that is
/// what casec prints for its snippet without `include: trend`.
#[test]
fn the_rendered_finding_in_the_language_reference_is_what_casec_prints() {
    let doc = std::fs::read_to_string(format!("{ROOT}/docs/language.md")).expect("docs");
    let start = doc.find("template elicited").expect("the snippet");
    let snippet = &doc[start..start + doc[start..].find("```").expect("its end")];
    let head = "case c \"C\" { top: top }\ndecision deploy \"D\" { setting: \"s\" access: \"a\" window: 2026-01-01 to 2026-12-31 }\ncomponent model \"M\" { kind: ai trust: untrusted }\nsubsystem sys \"S\" { components: model }\noutcome harm \"H\"\nclaim top \"T\" { about: sys addresses: harm in context of: deploy supported by: cyber.evals }\n";
    let text = format!("{head}{}", snippet.replace("  include: trend\n", ""));
    let compilation = casec::compile(
        "case.case",
        &text,
        Options {
            today: parse_date("2026-06-01"),
            ..Options::default()
        },
    );
    assert_eq!(codes(&compilation), ["E0503"]);
    let rendered = casec::diagnostic::render(
        &compilation.sources,
        &compilation.diagnostics[0],
        casec::diagnostic::Style::Human { color: false },
    );
    let shown = doc[doc.find("```text\nerror[E0503]").expect("the shown output") + 8..].to_string();
    let shown = &shown[..shown.find("```").expect("its end")];
    for line in shown.lines() {
        assert!(rendered.contains(line), "{line:?} is not in\n{rendered}");
    }
}

#[test]
fn a_shipped_template_is_drawn_in_the_pattern_notation_through_the_cli() {
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_casec"))
            .args(args)
            .current_dir(ROOT)
            .output()
            .expect("casec runs")
    };
    let example = "examples/control-template.case";
    let dot = run(&[
        "build",
        "--template",
        "ai_control",
        "--emit",
        "dot",
        example,
    ]);
    assert!(
        dot.status.success(),
        "{}",
        String::from_utf8_lossy(&dot.stderr)
    );
    let dot = String::from_utf8_lossy(&dot.stdout);
    for mark in ["normaldot", "odot", "normalodiamond"] {
        assert!(dot.contains(mark), "no `{mark}` in\n{dot}");
    }
    let svg = run(&[
        "build",
        "--template",
        "ai_control",
        "--emit",
        "svg",
        example,
    ]);
    let svg = String::from_utf8_lossy(&svg.stdout);
    for class in [
        "gsn-multiple",
        "gsn-optional",
        "gsn-choice",
        "gsn-uninstantiated",
    ] {
        assert!(svg.contains(class), "no `{class}` drawn");
    }
    for label in ["one per member", "optional", "choice", "uninstantiated"] {
        assert!(
            svg.contains(&format!(">{label}</text>")),
            "no legend entry `{label}`"
        );
    }
    let unknown = run(&["build", "--template", "ai_contrl", "--emit", "svg", example]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&unknown.stderr).contains("did you mean `ai_control`?"),
        "{}",
        String::from_utf8_lossy(&unknown.stderr)
    );
    let json = run(&[
        "build",
        "--template",
        "ai_control",
        "--emit",
        "json",
        example,
    ]);
    assert_eq!(json.status.code(), Some(2));
}

#[test]
fn a_word_of_many_placeholders_is_filled_in_one_pass_and_two_lists_do_not_multiply() {
    // Twenty thousand placeholders in one id: no recursion per placeholder.
    let long = "{w}".repeat(20_000);
    let text = format!(
        "template t \"T\" {{\n  param w: word\n  claim {long} \"C\" {{ undeveloped }}\n}}\ninstance i {{ template: t w: a }}\n"
    );
    let compilation = compile(&text);
    assert!(has(&compilation, &format!("i.{}", "a".repeat(20_000))));
    // Two lists in one reference would multiply: refused where declared.
    let text = "template t \"T\" {\n  param xs: list\n  param ys: list\n  claim c \"C\" { supported by: {xs}-{ys} }\n}\n";
    let compilation = compile(text);
    let declaration: Vec<_> = compilation
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::TemplateDeclaration)
        .collect();
    assert_eq!(declaration.len(), 1, "{declaration:#?}");
    assert!(declaration[0].message.contains("two lists"));
}
