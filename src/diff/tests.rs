use super::*;
use crate::Options;

const BASE: &str = r#"
case demo "Demo" { top: top  threshold: 1e-3 }
outcome harm "Harm"
claim top "Top" { addresses: harm  supported by: split }
argument split "Split" { supported by: left, right }
claim left "Left" { supported by: e_left }
claim right "Right" { supported by: e_right }
evidence e_left "Left evidence" { artifact: "left.json"  risk: 1e-4 }
evidence e_right "Right evidence" { artifact: "right.json"  risk: 2e-4 }
"#;

fn compile(text: &str) -> Compilation {
    crate::compile("case.case", text, Options::default())
}

fn between(old: &str, new: &str) -> FileDiff {
    diff(Some(&compile(old)), Some(&compile(new)))
}

#[test]
fn the_same_case_has_no_changes() {
    let d = between(BASE, BASE);
    assert!(d.is_empty(), "{d:#?}");
    assert_eq!(d.case_risk.old, d.case_risk.new);
    assert_eq!(d.case_risk.threshold_written.as_deref(), Some("1e-3"));
}

#[test]
fn a_rename_with_the_same_text_and_links_is_a_rename() {
    let new = BASE
        .replace("claim left \"Left\"", "claim west \"Left\"")
        .replace("supported by: left, right", "supported by: west, right");
    let d = between(BASE, &new);
    assert_eq!(
        d.renamed,
        [Rename {
            kind: ElementKind::Claim,
            old: "left".into(),
            new: "west".into()
        }]
    );
    assert!(d.added.is_empty() && d.removed.is_empty(), "{d:#?}");
    // The parent's link follows the rename: not removed and added again.
    assert!(d.links.is_empty(), "{:#?}", d.links);
    assert!(d.findings.is_empty(), "{:#?}", d.findings);
}

/// A sub-argument renamed as a whole (the claim and the evidence under it,
/// and the links between them) is a rename of each, not a removal and an
/// addition of the claim because its link was renamed too.
#[test]
fn a_sub_argument_renamed_as_a_whole_is_a_rename_of_each() {
    let new = BASE
        .replace(
            "claim left \"Left\" { supported by: e_left }",
            "claim west \"Left\" { supported by: e_west }",
        )
        .replace("evidence e_left", "evidence e_west")
        .replace("supported by: left, right", "supported by: west, right");
    let d = between(BASE, &new);
    let pairs: Vec<(&str, &str)> = d
        .renamed
        .iter()
        .map(|r| (r.old.as_str(), r.new.as_str()))
        .collect();
    assert_eq!(pairs, [("left", "west"), ("e_left", "e_west")]);
    assert!(d.added.is_empty() && d.removed.is_empty(), "{d:#?}");
    assert!(d.links.is_empty(), "{:#?}", d.links);
}

#[test]
fn two_candidates_for_one_rename_are_an_addition_and_a_removal() {
    let old = BASE.replace(
        "evidence e_right",
        "evidence twin \"Left evidence\" { artifact: \"left.json\"  risk: 1e-4 }\nevidence e_right",
    );
    // Both `e_left` and `twin` could be `e_west`: neither is picked.
    let new = old
        .replace("evidence e_left", "evidence e_west")
        .replace("evidence twin", "evidence e_east")
        .replace("supported by: e_left", "supported by: e_west");
    let d = between(&old, &new);
    assert!(d.renamed.is_empty(), "{:#?}", d.renamed);
    let ids = |list: &[Named]| list.iter().map(|e| e.id.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&d.added), ["e_west", "e_east"]);
    assert_eq!(ids(&d.removed), ["e_left", "twin"]);
}

#[test]
fn changed_evidence_impacts_every_claim_above_it_and_no_other() {
    let new = BASE.replace("artifact: \"left.json\"", "artifact: \"left-v2.json\"");
    let d = between(BASE, &new);
    assert_eq!(
        d.evidence,
        [PropertyChange {
            id: "e_left".into(),
            property: "artifact",
            old: Some("left.json".into()),
            new: Some("left-v2.json".into()),
        }]
    );
    assert_eq!(d.impact, ["top", "left"]);
}

#[test]
fn findings_that_only_moved_lines_are_not_changes() {
    let broken = BASE.replace("supported by: e_right", "supported by: e_rigth");
    let moved = broken.replace("outcome harm", "\n\n\noutcome harm");
    assert!(between(&broken, &moved).findings.is_empty());
    let d = between(BASE, &broken);
    let codes: Vec<_> = d
        .findings
        .iter()
        .filter(|f| f.change == Change::Added)
        .map(|f| (f.code, f.element.as_deref()))
        .collect();
    assert!(
        codes.contains(&(Code::UnresolvedReference, Some("right"))),
        "{codes:?}"
    );
    assert_eq!(d.support_lost().collect::<Vec<_>>(), ["top", "right"]);
    assert!(d.risk_increased());
}

#[test]
fn an_added_file_is_all_additions_and_its_findings() {
    let d = diff(None, Some(&compile(BASE)));
    assert_eq!(d.added.len(), 8);
    assert!(d.old_file.is_none() && d.removed.is_empty());
    assert_eq!(d.case_risk.old, None);
    assert!(d.case_risk.new.is_some());
}
