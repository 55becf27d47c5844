use super::*;
use crate::diagnostic::Severity;

fn one(yaml: &str) -> Conversion {
    convert(&[Source {
        path: "dir/case.gsn.yaml",
        text: yaml,
    }])
    .expect("converts")
}

/// The errors casec finds in a generated single file.
fn errors(text: &str) -> Vec<String> {
    let compilation = crate::compile("case.case", text.as_bytes(), crate::Options::default());
    compilation
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{:?}: {}", d.code, d.message))
        .collect()
}

fn messages(c: &Conversion, kind: NoteKind) -> Vec<String> {
    c.notes
        .iter()
        .filter(|n| n.kind == kind)
        .map(|n| format!("{}: {}", n.element.as_deref().unwrap_or("-"), n.message))
        .collect()
}

#[test]
fn kinds_come_from_prefixes_and_node_types() {
    let c = one(
        "G1: {text: Top, supportedBy: [S1], inContextOf: [C1, A1, J1]}\n\
         S1: {text: Strategy, supportedBy: [Sn1, Goal-two]}\n\
         Sn1: {text: Solution}\n\
         Goal-two: {text: Second, nodeType: Goal, undeveloped: true}\n\
         C1: {text: Context}\n\
         A1: {text: Assumption}\n\
         J1: {text: Justification}\n",
    );
    let text = &c.files[0].text;
    for expected in [
        "claim G1 \"Top\" {",
        "argument S1 \"Strategy\" { supported by: Sn1, Goal-two }",
        "evidence Sn1 \"Solution\"",
        "claim Goal-two \"Second\" { undeveloped }",
        "context C1 \"Context\"",
        "assumption A1 \"Assumption\" { supported by: A1_justified }",
        "justification J1 \"Justification\"",
        "case case \"case\" { top: G1 }",
    ] {
        assert!(text.contains(expected), "{expected}\n{text}");
    }
    assert_eq!(errors(text), Vec::<String>::new(), "{text}");
}

#[test]
fn texts_are_kept_exactly() {
    let texts = [
        "plain",
        "with \"quotes\" and \\ backslashes",
        "tab\there",
        "two\nlines",
        "  indented\n    deeper\nback",
        "ends with space ",
        "has \"\"\" triple quotes\nand a line",
        "ünïcödé ✓",
        "",
    ];
    for original in texts {
        let quoted = quote(original);
        assert!(reads_as(&quoted, original), "{original:?} → {quoted}");
    }
    // YAML's `|` adds a final line break; it is the only thing dropped.
    assert!(reads_as(
        &quote("line one\nline two\n"),
        "line one\nline two"
    ));
    let c = one("G1:\n  text: |\n    Line one\n    Line two\n  undeveloped: true\n");
    assert!(
        c.files[0]
            .text
            .contains("claim G1 \"\"\"\n  Line one\n  Line two\n  \"\"\" {"),
        "{}",
        c.files[0].text
    );
}

#[test]
fn what_is_not_carried_over_is_noted_and_commented() {
    let c = one(
        "G1:\n  text: Top\n  supportedBy: [Sn1]\n  horizontalIndex: {relative: -1}\n  classes: [a, b]\n  acp: {ACP1: Sn1}\n  layer1: extra words\n  url: https://example.org\n\
         Sn1:\n  text: E\n  rankIncrement: 2\n  charWrap: 20\n",
    );
    let text = &c.files[0].text;
    for key in [
        "horizontalIndex",
        "classes",
        "acp",
        "layer1",
        "url",
        "rankIncrement",
        "charWrap",
    ] {
        assert!(
            text.contains(&format!("// gsn2x: not carried over: {key}: ")),
            "{key}\n{text}"
        );
        assert!(
            messages(&c, NoteKind::NotCarried)
                .iter()
                .any(|m| m.contains(&format!("{key}: "))),
            "{key}"
        );
    }
    assert_eq!(errors(text), Vec::<String>::new(), "{text}");
}

#[test]
fn placeholders_keep_the_case_checkable() {
    let c = one("G1:\n  text: Top\n  supportedBy: [G2]\n  inContextOf: [A1]\nG2:\n  text: Open\nA1:\n  text: Assumed\n");
    let text = &c.files[0].text;
    assert!(text.contains("undeveloped // PLACEHOLDER"), "{text}");
    assert!(text.contains("claim A1_justified \"PLACEHOLDER"), "{text}");
    assert!(text.contains("decision deployment \"PLACEHOLDER"), "{text}");
    assert!(
        text.contains("addresses: unacceptable_outcome // PLACEHOLDER"),
        "{text}"
    );
    let placeholders = messages(&c, NoteKind::Placeholder);
    assert_eq!(placeholders.len(), 5, "{placeholders:?}");
    assert_eq!(errors(text), Vec::<String>::new(), "{text}");
}

#[test]
fn ids_that_are_not_identifiers_are_renamed_uniquely() {
    let c = one(
        "G 1: {text: Top, supportedBy: [G_1, 2nd]}\nG_1: {text: Taken, undeveloped: true}\n2nd: {text: Digit, nodeType: Goal, undeveloped: true}\n",
    );
    let text = &c.files[0].text;
    assert!(text.contains("claim G_1_2 \"Top\""), "{text}");
    assert!(text.contains("claim G_1 \"Taken\""), "{text}");
    assert!(text.contains("supported by: G_1, _2nd"), "{text}");
    assert_eq!(messages(&c, NoteKind::Renamed).len(), 2);
    assert_eq!(errors(text), Vec::<String>::new(), "{text}");
}

#[test]
fn placeholder_ids_avoid_the_elements() {
    let c = one(
        "G1: {text: Top, supportedBy: [deployment]}\ndeployment: {text: D, nodeType: Solution}\n",
    );
    let text = &c.files[0].text;
    assert!(text.contains("decision deployment_2 "), "{text}");
    assert_eq!(errors(text), Vec::<String>::new(), "{text}");
}

#[test]
fn links_casec_cannot_express_are_dropped_and_said() {
    let c = one(
        "G1: {text: Top, supportedBy: [S1, C1, Nope, S1], inContextOf: [Sn1]}\n\
         S1: {text: S, supportedBy: [S2]}\n\
         S2: {text: Inner, supportedBy: [Sn1]}\n\
         Sn1: {text: E, supportedBy: [G1], undeveloped: true}\n\
         C1: {text: C, inContextOf: [J1]}\n\
         J1: {text: J}\n\
         CG1: {text: Doubt, challenges: G1}\n",
    );
    let dropped = messages(&c, NoteKind::NotCarried).join("\n");
    for expected in [
        "supportedBy `C1`, a Context",
        "supportedBy `Nope` names no element",
        "inContextOf `Sn1`, a Solution",
        "supportedBy `S2`, a strategy",
        "supportedBy `G1`: a casec evidence rests on nothing",
        "undeveloped: true (a casec evidence is never undeveloped)",
        "inContextOf `J1`: a casec context is read in no context",
        "the whole element: a CounterGoal",
        "supportedBy `S1` a second time (gsn2x V05): listed once",
    ] {
        assert!(dropped.contains(expected), "{expected}\n{dropped}");
    }
    let text = &c.files[0].text;
    assert!(text.contains("//   challenges: G1"), "{text}");
    // What remains has no error but the orphaned strategy's reachability.
    assert!(!text.contains("supported by: S1, C1"), "{text}");
}

#[test]
fn a_solution_url_is_its_artifact_when_casec_can_take_it() {
    let c = one("G1: {text: T, supportedBy: [Sn1, Sn2, Sn3, Sn4]}\n\
         Sn1: {text: A, url: 'https://example.org/r.pdf'}\n\
         Sn2: {text: B, url: reports/r.pdf}\n\
         Sn3: {text: C, url: ../outside.pdf}\n\
         Sn4: {text: D, url: /etc/passwd}\n");
    let text = &c.files[0].text;
    assert!(
        text.contains("artifact: \"https://example.org/r.pdf\""),
        "{text}"
    );
    assert!(text.contains("artifact: \"reports/r.pdf\""), "{text}");
    assert!(!text.contains("artifact: \"../outside.pdf\""), "{text}");
    assert!(!text.contains("artifact: \"/etc/passwd\""), "{text}");
    assert_eq!(errors(text), Vec::<String>::new(), "{text}");
}

#[test]
fn comments_stay_on_their_line_whatever_the_value() {
    let c = one("G1:\n  text: T\n  undeveloped: true\n  layer1: \"line\\nbreak \\u2028 and \\r\"\n  layer2: |\n    a\n    claim x \"y\"\n");
    let text = &c.files[0].text;
    assert!(!text.lines().any(|l| l.starts_with("claim x")), "{text}");
    assert_eq!(errors(text), Vec::<String>::new(), "{text}");
}

#[test]
fn bad_input_is_an_error_not_a_panic() {
    for (yaml, expected) in [
        ("G1: [unclosed", "not valid YAML"),
        ("- a list", "a mapping from element ids"),
        ("G1: just text", "must be a mapping of attributes"),
        ("G1: {text: a}\nG1: {text: b}\n", "duplicated key"),
        ("module: {extends: 3}", "`extends` must be a list"),
        (
            "module: {extends: [{develops: {G1: [G2]}}]}",
            "needs `module`",
        ),
        (
            "? [a, b]\n: {text: x}\n",
            "an element id must be a plain word",
        ),
        ("G1: &a [*a]", "must be a mapping of attributes"),
    ] {
        let error = convert(&[Source {
            path: "x.yaml",
            text: yaml,
        }])
        .expect_err(yaml)
        .to_string();
        assert!(error.contains(expected), "{yaml}: {error}");
        assert!(error.starts_with("x.yaml:"), "{error}");
    }
    // Deep nesting and alias bombs are refused, not followed.
    let deep = format!(
        "G1: {{text: T, layer: {}{}}}",
        "[".repeat(5000),
        "]".repeat(5000)
    );
    assert!(convert(&[Source {
        path: "d.yaml",
        text: &deep
    }])
    .is_err());
    let bomb = "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\ne: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n";
    assert!(convert(&[Source {
        path: "b.yaml",
        text: bomb
    }])
    .is_err());
    assert_eq!(convert(&[]).unwrap_err(), Error::NoInput);
    // An empty file is a case with no argument, not an error.
    assert_eq!(one("").files.len(), 1);
}

#[test]
fn uses_are_resolved_against_the_using_file() {
    assert_eq!(resolve("a/b/index.yaml", "sub.yaml"), "a/b/sub.yaml");
    assert_eq!(resolve("a/b/index.yaml", "../c/sub.yaml"), "a/c/sub.yaml");
    assert_eq!(resolve("index.yaml", "./x/../sub.yaml"), "sub.yaml");
    assert_eq!(resolve("index.yaml", "../up.yaml"), "../up.yaml");
    assert_eq!(resolve("/abs/index.yaml", "../../x.yaml"), "/x.yaml");
    assert_eq!(resolve("", "/etc/x.yaml"), "/etc/x.yaml");
    let used = used_files(Source {
        path: "m/index.gsn.yaml",
        text: "module: {name: M, uses: [a.yaml, sub/b.yaml]}\n",
    })
    .unwrap();
    assert_eq!(used, ["m/a.yaml", "m/sub/b.yaml"]);
}

#[test]
fn file_names_stay_plain_and_unique() {
    assert_eq!(stem("x/y/main.gsn.yaml"), "main");
    assert_eq!(stem("x/other.yml"), "other");
    assert_eq!(file_name("../evil"), "_.._evil");
    assert_eq!(file_name(".hidden"), "_.hidden");
    let mut taken = BTreeSet::new();
    assert_eq!(unique_file("a", &mut taken), "a.case");
    assert_eq!(unique_file("A", &mut taken), "A-2.case");
}

#[test]
fn the_output_is_in_canonical_layout() {
    let c = one("G1:\n  text: Top\n  supportedBy: [S1]\nS1:\n  text: S\n  supportedBy: [Sn1]\nSn1:\n  text: E\n");
    let text = &c.files[0].text;
    let formatted = crate::format::format_source("case.case", text).expect("formats");
    assert_eq!(&formatted, text);
}

fn many(files: &[(&str, &str)]) -> Conversion {
    let sources: Vec<Source> = files
        .iter()
        .map(|(path, text)| Source { path, text })
        .collect();
    convert(&sources).expect("converts")
}

#[test]
fn modules_import_what_they_name_and_never_the_case() {
    let c = many(&[
        (
            "main.gsn.yaml",
            "module: {name: main, brief: Main}\nG1: {text: Top, supportedBy: [S1]}\nS1: {text: S, supportedBy: [G2, G3]}\nG2: {text: Two, undeveloped: true}\nC1: {text: Main context}\n",
        ),
        (
            "a.gsn.yaml",
            "module:\n  name: a\n  brief: A\n  extends:\n    - module: main\n      develops:\n        G2: [Sa]\nSa: {text: Sa, supportedBy: [Gb], inContextOf: [C1]}\nG3: {text: Three, supportedBy: [Gb]}\n",
        ),
        (
            "b.gsn.yaml",
            "module: {name: b, brief: B}\nGb: {text: B goal, supportedBy: [G3]}\n",
        ),
    ]);
    let [main, a, b] = [&c.files[0].text, &c.files[1].text, &c.files[2].text];
    // The case's goal developed by `a` names `a`'s element, and the case
    // imports every module.
    assert!(main.contains("supported by: a::Sa"), "{main}");
    assert!(
        !main.contains("claim G2 \"Two\" {\n  supported by: a::Sa\n  undeveloped"),
        "{main}"
    );
    assert!(
        main.contains("import a \"a.case\"") && main.contains("import b \"b.case\""),
        "{main}"
    );
    assert!(main.contains("supported by: G2, a::G3"), "{main}");
    // `a` imports `b`; `b` cannot import `a` back (a cycle), nor `a` the case.
    assert!(a.contains("import b \"b.case\""), "{a}");
    assert!(a.contains("supported by: b::Gb"), "{a}");
    assert!(!b.contains("import a"), "{b}");
    let dropped = messages(&c, NoteKind::NotCarried).join("\n");
    assert!(
        dropped.contains("Sa: inContextOf `C1` is in `main.gsn.yaml`, the first file"),
        "{dropped}"
    );
    assert!(dropped.contains("Gb: supportedBy `G3` is in module `a`, and importing it would make the imports circular"), "{dropped}");
    assert!(b.contains("undeveloped // PLACEHOLDER"), "{b}");
}

#[test]
fn develops_of_another_module_is_written_on_the_developing_element() {
    let c = many(&[
        ("main.gsn.yaml", "G1: {text: Top, supportedBy: [G2]}\n"),
        ("owner.gsn.yaml", "module: {name: owner}\nG2: {text: Owned, undeveloped: true}\n"),
        (
            "dev.gsn.yaml",
            "module: {name: dev, extends: [{module: owner, develops: {G2: [S9], G404: [S9]}}, {module: ghost, develops: {}}]}\nS9: {text: Developing, supportedBy: [Sn9]}\nSn9: {text: E}\n",
        ),
    ]);
    let dev = &c.files[2].text;
    assert!(dev.contains("import owner \"owner.case\""), "{dev}");
    assert!(dev.contains("develops: owner::G2"), "{dev}");
    assert!(
        c.files[1]
            .text
            .contains("claim G2 \"Owned\" {\n  undeveloped\n}")
            || c.files[1]
                .text
                .contains("claim G2 \"Owned\" { undeveloped }"),
        "{}",
        c.files[1].text
    );
    let dropped = messages(&c, NoteKind::NotCarried).join("\n");
    assert!(
        dropped.contains(
            "develops `G404` of module `owner`: `G404` is not an element of module `owner`"
        ),
        "{dropped}"
    );
    assert!(
        dropped.contains("extends module `ghost`, which is not among the files converted"),
        "{dropped}"
    );
}
