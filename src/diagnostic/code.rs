//! Every rule casec reports, in one table: its code, name, family, default
//! severity, summary and explanation. Diagnostics carry a [`Code`]; the
//! registry of rules (`casec rules`, `casec explain`, docs/errors.md, SARIF
//! rule metadata, the rule levels of casec.toml) reads this table and
//! nothing else, so a rule is added here and nowhere else.

use super::Severity;
use crate::suggest;
use serde::{Serialize, Serializer};
use std::fmt;

/// The group a rule belongs to, as docs/errors.md and `casec explain` show it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Family {
    Syntax,
    Names,
    Structure,
    Framework,
    Categories,
    Evidence,
    Risk,
    Review,
    Templates,
    Modules,
    Config,
}

impl Family {
    pub fn as_str(self) -> &'static str {
        match self {
            Family::Syntax => "syntax",
            Family::Names => "names and properties",
            Family::Structure => "structure",
            Family::Framework => "framework",
            Family::Categories => "argument categories",
            Family::Evidence => "evidence",
            Family::Risk => "quantitative risk",
            Family::Review => "doubts and sign-offs",
            Family::Templates => "templates",
            Family::Modules => "modules",
            Family::Config => "project configuration",
        }
    }

    /// Whether a project may change the level of this family's rules in
    /// casec.toml. Rules that decide what the text says (syntax, names and
    /// properties) and the configuration's own rules always apply; the rules
    /// that judge the argument (structure, framework, categories, evidence,
    /// risk) are policy.
    pub fn configurable(self) -> bool {
        !matches!(
            self,
            Family::Syntax | Family::Names | Family::Templates | Family::Modules | Family::Config
        )
    }
}

/// Generates [`Code`] and its accessors from the table below; each entry's
/// variant is its name in CamelCase (a test holds them in step).
macro_rules! codes {
    ($(
        $variant:ident {
            code: $code:literal, name: $name:literal, family: $family:ident, severity: $severity:ident,
            summary: $summary:literal,
            explanation: $explanation:literal $(,)?
        }
    )*) => {
        /// A rule's typed code: what every diagnostic is raised with.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $(#[doc = concat!("`", $code, "` `", $name, "`: ", $summary, ".")] $variant,)*
        }

        impl Code {
            /// Every rule, in the order of docs/errors.md.
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The stable code, such as `E0202`, as every output prints it.
            pub fn as_str(self) -> &'static str {
                match self { $(Code::$variant => $code,)* }
            }

            /// The rule's name, such as `unresolved-reference`.
            pub fn name(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            pub fn family(self) -> Family {
                match self { $(Code::$variant => Family::$family,)* }
            }

            /// The severity a finding has unless casec.toml or `--strict` changes it.
            pub fn severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// One line, lower case, no full stop.
            pub fn summary(self) -> &'static str {
                match self { $(Code::$variant => $summary,)* }
            }

            /// What `casec explain` prints: why the rule exists and how to satisfy it.
            pub fn explanation(self) -> &'static str {
                match self { $(Code::$variant => $explanation,)* }
            }
        }
    };
}

#[rustfmt::skip]
codes! {
    UnreadableFile {
        code: "E0001", name: "unreadable-file", family: Syntax, severity: Error,
        summary: "the file cannot be read as UTF-8 text",
        explanation: "casec reads `.case` files as UTF-8 text. The diagnostic points at the first byte that is not valid UTF-8 (often a file saved in another encoding, or a binary file given by mistake). Re-save the file as UTF-8.",
    }
    SyntaxError {
        code: "E0002", name: "syntax-error", family: Syntax, severity: Error,
        summary: "the text does not follow the grammar",
        explanation: "Every item has the shape `KIND ID \"text\" { key: value, value  flag }`. The message says what was expected at the marked place. A syntax error only hides the item it is in: the items before and after it are still checked, because a new item starts at every line that begins (in column 0) with an item keyword.",
    }
    InvalidLiteral {
        code: "E0003", name: "invalid-literal", family: Syntax, severity: Error,
        summary: "a string escape, number or date is malformed",
        explanation: "Strings know the escapes `\\\"`, `\\\\`, `\\n` and `\\t`. Numbers must be finite. Dates are written `YYYY-MM-DD` and must exist in the calendar (`2025-02-29` does not).",
    }
    UnknownProperty {
        code: "E0101", name: "unknown-property", family: Names, severity: Error,
        summary: "an item has a property its kind does not take",
        explanation: "Each kind of item takes a fixed set of properties (listed in docs/language.md); arguments also take the roles their building block defines, such as `watchdog:`. The help line names the closest known property.",
    }
    InvalidValue {
        code: "E0102", name: "invalid-value", family: Names, severity: Error,
        summary: "a property's value has the wrong shape",
        explanation: "Each property expects one shape of value: ids, a string, a probability, a date, a window, one word from a list, or nothing (a flag). The message says which, and the help line shows an example.",
    }
    RepeatedProperty {
        code: "E0103", name: "repeated-property", family: Names, severity: Error,
        summary: "a property is given twice on one item",
        explanation: "Give each property once. A property that takes a list takes all its values at once, separated by commas: `supported by: a, b`.",
    }
    MissingText {
        code: "E0104", name: "missing-text", family: Names, severity: Error,
        summary: "an item has no text",
        explanation: "Every item states something in words: a claim its claim, evidence what it shows, a component what it is. The text is what reviewers read and what the diagrams show: `claim c1 \"The agent cannot exfiltrate its weights\"`.",
    }
    InvalidProbability {
        code: "E0105", name: "invalid-probability", family: Names, severity: Error,
        summary: "a risk or threshold is not a probability between 0 and 1",
        explanation: "Risks and thresholds are probabilities over the deployment window: between 0 and 1, written `0.001`, `1e-3` or `0.1%`.",
    }
    ReservedItem {
        code: "E0106", name: "reserved-item", family: Names, severity: Error,
        summary: "a `module` or `import` item is written where it cannot be read",
        explanation: "`module` and `import` say what a file is and which files it builds on, so they are read at the top level of a file, before anything is expanded. A template that writes one would change the project only where it is instantiated: write the `import` in the file that instantiates the template.",
    }
    UnusedAcceptance {
        code: "E0107", name: "unused-acceptance", family: Names, severity: Error,
        summary: "an `accept:` accepts no warning on its item",
        explanation: "`accept: \"W0509: why it does not apply here\"` on an item records that a reviewer accepted that warning there: the finding is left out of the count, also under `--strict`, and shown with the reason in the summary, the JSON and the review. An acceptance must match a warning of that rule located on the same item; one that matches nothing (the warning was fixed, or is reported on another item) is this error, so that no acceptance outlives its warning. Errors cannot be accepted.",
    }
    DuplicateId {
        code: "E0201", name: "duplicate-id", family: Names, severity: Error,
        summary: "two elements share an id",
        explanation: "Ids are how elements refer to each other and how the JSON output and diagrams name them, so each must be unique in the case. Definitions (categories, blocks, roles, topics) have their own namespace; a case's definition with the same id as one in the prelude replaces the prelude's if it is of the same kind, and is a duplicate otherwise (a role named like a prelude topic would break the prelude's references to the topic).",
    }
    UnresolvedReference {
        code: "E0202", name: "unresolved-reference", family: Names, severity: Error,
        summary: "a reference names no declared element",
        explanation: "A reference must name an element declared somewhere in the case (before or after its use), or a definition in the prelude. The help line suggests the closest declared name of the right kind.",
    }
    WrongKindReference {
        code: "E0203", name: "wrong-kind-reference", family: Names, severity: Error,
        summary: "a reference names an element of the wrong kind",
        explanation: "Each link takes certain kinds: `supported by` on a claim takes claims, arguments and evidence; on an argument, claims and evidence; `in context of` takes contexts, assumptions, justifications and the decision; `about` takes components and subsystems; `addresses` takes outcomes.",
    }
    RepeatedReference {
        code: "E0204", name: "repeated-reference", family: Names, severity: Error,
        summary: "a list names the same element twice",
        explanation: "Each element is listed once in `supported by`, `in context of` or any other list. A repeated support would be counted twice: its risk added twice to a joint argument's, or multiplied by itself under `combine: independent`, which would make the argument look far stronger than it is. The repeat is left out and reported.",
    }
    SupportCycle {
        code: "E0301", name: "support-cycle", family: Structure, severity: Error,
        summary: "elements support each other in a circle",
        explanation: "A claim cannot rest, directly or through other elements, on itself: that is circular reasoning. The message lists the cycle; break it by removing one of the `supported by` links.",
    }
    SupportedLeaf {
        code: "E0302", name: "supported-leaf", family: Structure, severity: Error,
        summary: "evidence or a context-like element has `supported by`",
        explanation: "Evidence is where an argument bottoms out (a GSN solution has no children), and contexts, outcomes, components and definitions take no support. If evidence needs backing, state a claim that the evidence supports.",
    }
    UnsupportedElement {
        code: "E0303", name: "unsupported-element", family: Structure, severity: Error,
        summary: "a claim or argument has no support and is not marked undeveloped",
        explanation: "Every claim and argument must be supported, or be marked `undeveloped` to say openly that this part of the case is not written yet. Undeveloped elements are reported as warnings, and fail `--strict` runs.",
    }
    Undeveloped {
        code: "W0304", name: "undeveloped", family: Structure, severity: Warning,
        summary: "a claim or argument is marked undeveloped",
        explanation: "The case is incomplete here. This is a warning so that drafts can be checked; `casec check --strict` turns it into an error, which is what a case presented for a deployment decision should pass.",
    }
    TopClaim {
        code: "E0305", name: "top-claim", family: Structure, severity: Error,
        summary: "the case does not have exactly one top claim",
        explanation: "A safety case argues for one top claim, usually that the deployment will not cause an unacceptable outcome. The top claim is the claim that supports nothing; if several do, connect them under one claim or name the top with `top:` in the case header.",
    }
    Unreachable {
        code: "W0306", name: "unreachable", family: Structure, severity: Warning,
        summary: "an element is not reachable from the top claim",
        explanation: "Every claim, argument, evidence, context, assumption and justification should take part in the argument for the top claim. An element nothing links to is either forgotten or dead text.",
    }
    CircularJustification {
        code: "E0307", name: "circular-justification", family: Structure, severity: Error,
        summary: "an element is justified by support that is read in its own context",
        explanation: "A context, assumption or justification applies to the claims and arguments that are read `in context of` it. If the support that justifies an assumption is itself read in the context of that assumption, the assumption is used to justify itself: the argument is circular even though no `supported by` link loops. The message prints the cycle of `supported by` and `in context of` links; justify the assumption with claims or evidence that do not assume it, or remove the `in context of` link.",
    }
    MemberNotCovered {
        code: "E0308", name: "member-not-covered", family: Structure, severity: Error,
        summary: "an argument over a declared list leaves a member out",
        explanation: "\"Argue over each risk model\" (or each proxy task, threat model, outcome, subsystem, collective strategy) can be checked when the list is declared: a `context` with `members:` names each one (contexts, outcomes, components or subsystems), and the argument says `over: THAT_CONTEXT`. Each member then needs a premise of the argument that covers it: a claim or argument read `in context of` a context member, a claim that `addresses:` an outcome member, or a claim `about:` a component or subsystem member. The message names the member left out. A context `over:` points at must list members.",
    }
    CaseHeader {
        code: "E0401", name: "case-header", family: Framework, severity: Error,
        summary: "the file has no `case` header, or more than one",
        explanation: "Each file is one safety case and starts with its header: `case ID \"title\" { threshold: … }`.",
    }
    DeploymentDecision {
        code: "E0402", name: "deployment-decision", family: Framework, severity: Error,
        summary: "the case has no deployment decision, or more than one",
        explanation: "Step 1 of the framework: a safety case justifies one decision: the setting, who has access and the deployment window. Declare it with `decision ID \"…\" { setting: …  access: …  window: … }`.",
    }
    DeploymentWindow {
        code: "E0403", name: "deployment-window", family: Framework, severity: Error,
        summary: "the deployment decision has no window",
        explanation: "A safety case holds for a limited time, after which it must be re-assessed. Give the window: `window: 2026-01-01 to 2026-06-30`.",
    }
    NoOutcomes {
        code: "E0404", name: "no-outcomes", family: Framework, severity: Error,
        summary: "the case declares no unacceptable outcome",
        explanation: "Step 2 of the framework: the case must say which outcomes it rules out (`outcome weights_leave \"Model weights leave the lab\"`); the top claim is decomposed over them.",
    }
    OutcomeNotAddressed {
        code: "E0405", name: "outcome-not-addressed", family: Framework, severity: Error,
        summary: "no claim in the argument addresses an outcome",
        explanation: "Every unacceptable outcome must be ruled out by some claim reachable from the top claim, marked `addresses: OUTCOME`. An outcome nothing addresses is a hole in the case.",
    }
    UnjustifiedAssumption {
        code: "E0406", name: "unjustified-assumption", family: Framework, severity: Error,
        summary: "an assumption has no justification",
        explanation: "Step 3 of the framework: unlike plain GSN, every deployment assumption (weights are secured, users keep usage agreements, …) must itself be justified. Give it `supported by:` claims, arguments or evidence.",
    }
    ComponentOutsideSubsystem {
        code: "E0407", name: "component-outside-subsystem", family: Framework, severity: Error,
        summary: "an AI component belongs to no subsystem",
        explanation: "Step 4 of the framework: the macrosystem is decomposed into subsystems, and the risk of each is assessed. An AI component in no subsystem escapes that assessment. A component that is not deployed, only used to make the case (an advisor panel consulted during evaluation, a red-team model, the base model of an amplification chain), is marked `not_deployed` and need not be in a subsystem.",
    }
    UncoveredSubsystemOutcome {
        code: "E0408", name: "uncovered-subsystem-outcome", family: Framework, severity: Error,
        summary: "no claim rules out an outcome for a subsystem",
        explanation: "Step 5 of the framework: for each subsystem and each unacceptable outcome, the case argues that the subsystem cannot unilaterally cause it: a claim with `about: SUBSYSTEM` and `addresses: OUTCOME`.",
    }
    MissingJointClaim {
        code: "E0409", name: "missing-joint-claim", family: Framework, severity: Error,
        summary: "an outcome has no claim about joint behaviour of the subsystems",
        explanation: "Step 6 of the framework: with two or more subsystems, the case must also argue that they will not jointly cause each outcome (collusion, correlated failures). Mark such a claim `joint` and give it `addresses: OUTCOME`.",
    }
    SharedCauseNotAddressed {
        code: "W0410", name: "shared-cause-not-addressed", family: Framework, severity: Warning,
        summary: "a joint claim for subsystems that share a model or a monitor does not address it",
        explanation: "Subsystems that share a cause can fail together without any channel between them. Components in different subsystems whose versions overlap run one model: its copies can coordinate without communicating and pursue collective strategies. A monitor shared by two subsystems (a component in both, or one bound as `watchdog` or `untrusted_monitor` in arguments of both, or two such monitors that run one model) is a common-mode failure. A joint claim for such subsystems must show, somewhere below it, the prelude's topic for each kind of sharing: `coordination_without_channel` and `collective_strategies` for a shared model, `shared_monitor_failure` for a shared monitor. The message names what is shared and the topic to show. An argument that no channel connects the subsystems does not address these.",
    }
    MissingBuildingBlock {
        code: "E0501", name: "missing-building-block", family: Categories, severity: Error,
        summary: "an argument names a category but no building block",
        explanation: "A typed argument names the building block it uses (`block: monitoring`), from the prelude or declared in the case; the block's ratings and requirements are what the checker applies. An argument with neither category nor block is a plain decomposition strategy.",
    }
    BlockCategoryMismatch {
        code: "E0502", name: "block-category-mismatch", family: Categories, severity: Error,
        summary: "a building block does not belong to the argument's category",
        explanation: "Each building block belongs to one or more categories (monitoring is a control block, testbeds a trustworthiness block). Fix the category, or choose a block of that category.",
    }
    MissingRequiredSupport {
        code: "E0503", name: "missing-required-support", family: Categories, severity: Error,
        summary: "an argument's support does not show what its category or block requires",
        explanation: "Categories, building blocks and roles list topics their arguments must establish: inability needs adequate `elicitation` and `anti_sandbagging`, control needs a `control_evaluation`, deference needs `advisor_competence`. Mark the claim or evidence below the argument that establishes it with `shows: TOPIC`.",
    }
    MissingRole {
        code: "E0504", name: "missing-role", family: Categories, severity: Error,
        summary: "an argument does not say which component plays a role its block needs",
        explanation: "Some building blocks need components in named roles: monitoring needs the `agent` it monitors and the `watchdog` it trusts; deference needs the `advisor`. Bind them on the argument: `watchdog: monitor_model`.",
    }
    UntrustedInTrustedRole {
        code: "E0505", name: "untrusted-in-trusted-role", family: Categories, severity: Error,
        summary: "a role that must be trusted is played by a component not declared trusted",
        explanation: "A watchdog, advisor or amplification base is relied on, so the component must be labelled `trust: trusted` (and then justified, see E0506). Untrusted is the conservative default for AI components.",
    }
    UnjustifiedTrust {
        code: "E0506", name: "unjustified-trust", family: Categories, severity: Error,
        summary: "a trusted component has no argument justifying that trust",
        explanation: "The paper's key rule for control arguments: a trusted component, such as the watchdog model that monitors the agent, must itself be justified by a trustworthiness argument (or an inability argument: e.g. it is too weak to collude). The case needs a claim `about: COMPONENT` supported by an argument of one of the categories the role lists in its `assurance`.",
    }
    CircularTrust {
        code: "E0507", name: "circular-trust", family: Categories, severity: Error,
        summary: "trust in a component rests on itself",
        explanation: "An advisor may not vouch for the system the claim is about (self-deference), and the argument that justifies trusting a component may not itself rely on that component in a trusted role.",
    }
    WeakestPremise {
        code: "W0508", name: "weakest-premise", family: Categories, severity: Warning,
        summary: "an argument rests on a premise weaker than its own building block",
        explanation: "A conjunctive argument is no stronger than its weakest premise: a strong building block resting on an argument whose block is rated weaker gives only the weaker strength.",
    }
    DoesNotScale {
        code: "W0509", name: "does-not-scale", family: Categories, severity: Warning,
        summary: "a building block with weak scalability is used for a highly capable system",
        explanation: "The paper rates some building blocks (dangerous capability evaluations, isolation, unlearning) as weakly scalable: they stop working for much more capable AI. Using one about a component declared `capability: high` needs a second look.",
    }
    SameModelAsUntrusted {
        code: "E0510", name: "same-model-as-untrusted", family: Categories, severity: Error,
        summary: "a trusted role is played by a component that runs the same model as an untrusted one",
        explanation: "Components are roles in the macrosystem; what decides trust is the model they run. A component's `version:` names its model (several versions separated by commas, or a family ending in `*` for an online-trained model's checkpoints). A watchdog, advisor or base model that runs the same weights as the untrusted agent, or as the system a claim is about, shares every disposition of it: if the agent would attack, its copy would look away. Bind a component that runs a different model, or, if the two really differ, give each its own `version:`.",
    }
    CircularVouching {
        code: "E0511", name: "circular-vouching", family: Categories, severity: Error,
        summary: "components vouch for each other in a circle",
        explanation: "An argument that binds a component to a trusted role (an advisor, a watchdog) rests on that component: the claims it supports are only as good as the component is trustworthy. When `A`'s case rests on `B` and `B`'s trust rests on `A` (directly or through a longer chain, counting components that run the same model as one), nothing outside the circle supports any of them: the system under evaluation is vouching for itself. The message prints the circle; break it by justifying one link with evidence that does not depend on any component in it.",
    }
    EvidenceWithoutArtifact {
        code: "W0601", name: "evidence-without-artifact", family: Evidence, severity: Warning,
        summary: "evidence names no artifact",
        explanation: "Evidence should point at what it is: an evaluation run, a report, a file (`artifact: \"evals/run-17.json\"`) or a URL, so a reviewer can check it.",
    }
    ArtifactUnreadable {
        code: "E0602", name: "artifact-unreadable", family: Evidence, severity: Error,
        summary: "an artifact with a recorded sha256 is missing or cannot be read",
        explanation: "When evidence records the `sha256:` of its artifact, `casec check`, `casec build` and the language server (for a saved file) read the file (relative to the case file) and verify it. A file that is not there, or is a folder, cannot back the claim. Restore the file, fix the path, or remove the hash if the artifact is no longer a local file. URLs are never fetched. Compiling from a string (tests, an unsaved editor buffer) skips this check.",
    }
    ArtifactHashMismatch {
        code: "E0603", name: "artifact-hash-mismatch", family: Evidence, severity: Error,
        summary: "an artifact's contents do not match its recorded sha256",
        explanation: "The file changed since its hash was recorded: the evidence the case was reviewed with is not the evidence on disk. The message shows the expected and the actual digest. If the change is intended, review it and record the new digest with `casec evidence lock FILE`.",
    }
    ArtifactOutsideRoot {
        code: "E0604", name: "artifact-outside-root", family: Evidence, severity: Error,
        summary: "an artifact path leaves the project root",
        explanation: "Artifact paths are resolved relative to the case file and must stay inside the project root: the nearest folder, from the case's own upwards, holding `casec.toml` or `.git` (else the case's folder). Neither `..` nor a symbolic link may lead outside it, so that a case cannot make the checker read arbitrary files and a project stays self-contained.",
    }
    StaleEvidence {
        code: "W0605", name: "stale-evidence", family: Evidence, severity: Warning,
        summary: "evidence is older than the maximum age",
        explanation: "Evidence dated more than `max_evidence_age` days (in the case header, default 365; `--max-evidence-age` overrides both) before the check date may no longer describe the system: models, scaffolding and elicitation methods move fast. Re-run the evaluation and update its `date:`. The check date is today, or `--today YYYY-MM-DD` for reproducible runs.",
    }
    FutureEvidence {
        code: "W0606", name: "future-evidence", family: Evidence, severity: Warning,
        summary: "evidence is dated after the check date",
        explanation: "Evidence cannot have been produced after the day the case is checked: the date is a typo, or the case cites results it does not have yet.",
    }
    ModelVersionMismatch {
        code: "W0607", name: "model-version-mismatch", family: Evidence, severity: Warning,
        summary: "evidence was produced on another model version than the one the case is about",
        explanation: "Evidence that names `model: \"…\"` should have been produced on the version the case argues about: the `version` of the components that the claims above it are `about` (or that the arguments above it bind to roles). Results on another version say little about this one; re-run them, or explain in a claim why they carry over. Versions match when they overlap: `model:` and `version:` may each list several versions separated by commas, or name a family ending in `*` (an online-trained model's checkpoints), so evidence can name the checkpoints it ran on, or a probe and the model it was trained on.",
    }
    WindowEnded {
        code: "W0608", name: "window-ended", family: Evidence, severity: Warning,
        summary: "the deployment window has ended",
        explanation: "The case holds for its deployment window only. Once the window's end has passed, the case must be re-assessed and given a new window.",
    }
    ResultRefutesClaim {
        code: "E0609", name: "result-refutes-claim", family: Evidence, severity: Error,
        summary: "evidence reports a result that meets the criterion refuting the claim it supports",
        explanation: "Evidence may state what an evaluation found and the criterion it was pre-registered with: `result: 4` out of `trials: 5` against `criterion: 3`, with `refutes: at_or_above` saying that 3 or more solved challenges would mean the model is capable. When the result is on the refuting side (a solve rate at or above an inability criterion, an attack success rate at or above a control limit, a catch rate below the required one), the evidence shows the opposite of the claim it is cited for. The finding is at the result and gives the margin. Do not move the criterion after the fact: argue the outcome another way (e.g. control measures instead of inability), or run a new, pre-registered evaluation. Malformed results and criteria (a criterion with no `refutes:`, a count larger than its trials, a percentage compared with a count) are E0102.",
    }
    ArtifactMissing {
        code: "W0610", name: "artifact-missing", family: Evidence, severity: Warning,
        summary: "a local artifact does not exist",
        explanation: "Evidence that names a local file (`artifact: \"evals/run-17.json\"`, relative to the case file) should be able to show it: a reviewer who follows the path finds nothing. `casec check`, `casec build` and the language server (for a saved file) look for the file, without reading it unless a `sha256:` is recorded (then a missing file is E0602). Add the file, fix the path, or give a URL for an artifact that is not a local file (URLs are never fetched). `--strict` makes this an error. Compiling from a string (tests, an unsaved editor buffer) skips this check.",
    }
    MetricUnreadable {
        code: "E0611", name: "metric-unreadable", family: Evidence, severity: Error,
        summary: "evidence reads its result from an artifact that cannot be read as one",
        explanation: "Evidence with `metric:` takes its result from its artifact on every check: an Inspect eval log (`.json`, or the `.eval` zip archive) for a metric name, any JSON file for a JSON Pointer. The artifact is missing, outside the project root, a URL (never fetched), larger than the limit (`--max-artifact-bytes`, 256 MiB by default; for an `.eval` archive, which is read where it lies, the limit is on its `header.json`, however far it inflates), not JSON, or JSON that is not an Inspect eval log. The message says which. Commit the log the evidence cites, or fix the path. Compiling from a string (tests, an unsaved editor buffer) reads no artifact and skips this check.",
    }
    MetricNotFound {
        code: "E0612", name: "metric-not-found", family: Evidence, severity: Error,
        summary: "an artifact holds no such metric, or no number there",
        explanation: "The artifact was read, but the evidence's `metric:` names nothing in it: no scorer of the Inspect log has a metric of that name (or `scorer:` names no scorer), several scorers have one and `scorer:` does not say which, the log has no scores at all, the value is not a number, or nothing is at the JSON Pointer. The message lists what the artifact does hold. Name the metric as the log names it (`accuracy`, `mean`, `stderr`, …), add `scorer:`, or fix the pointer.",
    }
    EvaluationNotSuccessful {
        code: "E0613", name: "evaluation-not-successful", family: Evidence, severity: Error,
        summary: "an Inspect log records a run that did not succeed",
        explanation: "An Inspect eval log records its run's status: `success`, or `error`, `cancelled` or `started` (still running, or killed). Only a run that finished can be evidence: a failed or cancelled run's metrics, if any, cover the samples that happened to finish, not the task. A run whose samples were invalidated after it ran (Inspect's `invalidate_samples`) is treated as Inspect treats it, as unsuccessful. The message quotes the error Inspect recorded. Re-run the evaluation to completion and commit its log.",
    }
    TooFewSamples {
        code: "E0614", name: "too-few-samples", family: Evidence, severity: Error,
        summary: "an Inspect run completed fewer samples than it was given, or than the evidence requires",
        explanation: "A run whose samples did not all complete (errors, limits) reports metrics over those that did: the log's `results.completed_samples` is below its `total_samples`. And `samples: N` says how many samples the evaluation must have completed for its metric to mean what the evidence claims (a capability estimate from 3 tasks is not one from 40). The log's run completed fewer (Inspect's `results.completed_samples`). Run the full task, or do not claim what the smaller run cannot show.",
    }
    ArtifactDisagrees {
        code: "E0615", name: "artifact-disagrees", family: Evidence, severity: Error,
        summary: "evidence states a result, model or date that its artifact contradicts",
        explanation: "Evidence that reads its result from its artifact may still write `result:`, `model:` and `date:`, for readers of the source; each must agree with the artifact: the metric's value, the Inspect run's model (with or without its provider prefix, matched as `model:` versions are) and the day the run was created. The rules judge what the artifact says, so the written value is only a claim about it, and a stale one after the evaluation was re-run. Update the written value, or remove it and let the artifact speak.",
    }
    RiskAboveThreshold {
        code: "E0701", name: "risk-above-threshold", family: Risk, severity: Error,
        summary: "the case's computed risk bound is above its threshold",
        explanation: "casec computes an upper bound on the probability of an unacceptable outcome from the risks stated on evidence, arguments and claims (see docs/risk.md): sums over premises that are all needed, the smallest over alternatives, products only over justified independent alternatives, and the paper's decomposition over outcomes (each subsystem's unilateral risk plus the joint risk). The bound is above the case's `threshold`; the notes list the largest contributors. `casec check --explain-risk CLAIM` shows the whole derivation.",
    }
    OverstatedBound {
        code: "E0702", name: "overstated-bound", family: Risk, severity: Error,
        summary: "an element states a risk lower than its support gives",
        explanation: "A stated `risk:` on a claim or argument is a promise: it may be looser than what its support computes (a margin), never tighter. A tighter one promises more than the argument gives. Raise the stated bound, strengthen the support, or, if the supporting arguments are alternatives, say so with `combine: any` or (with a justification) `combine: independent`.",
    }
    UnjustifiedIndependence {
        code: "E0703", name: "unjustified-independence", family: Risk, severity: Error,
        summary: "risks are multiplied without a justification of independence",
        explanation: "Multiplying the risks of alternative arguments assumes they cannot fail together, and common causes (the same flawed evaluation, the same blind spot) are the usual way safety arguments fail. `combine: independent` therefore needs `in context of:` a `justification` saying why the alternatives fail independently. Until then casec takes the smallest alternative's bound.",
    }
    ThresholdWithoutWindow {
        code: "W0704", name: "threshold-without-window", family: Risk, severity: Warning,
        summary: "a risk threshold has no time frame",
        explanation: "A threshold is a probability over the deployment window; without a window (on the deployment decision) it is a probability over no stated period and cannot be compared with anything.",
    }
    UnquantifiedRisk {
        code: "W0705", name: "unquantified-risk", family: Risk, severity: Warning,
        summary: "the case states risks but its bound is unknown",
        explanation: "Once a case states risks and a threshold, every part of the argument needs a number for the bound to be computed: an element with no number makes everything above it unknown (never zero). The notes list the elements without one. Give them a `risk:`, or a stated bound on the claim above them.",
    }
    CommonCause {
        code: "E0706", name: "common-cause", family: Risk, severity: Error,
        summary: "alternatives combined as independent share a common cause",
        explanation: "`combine: independent` multiplies the failure bounds of alternatives, which is sound only if they cannot fail together. Alternatives that rest on the same element, cite the same artifact, or rely on the same trusted component (or on two that run one model) share a cause of failure: if it fails, all of them do. The message names what they share. Until they share nothing, the smallest alternative's bound is used. Give each alternative its own support, artifacts and models, or combine them with `combine: any`.",
    }
    UnconditionedChainStep {
        code: "E0707", name: "unconditioned-chain-step", family: Risk, severity: Error,
        summary: "a step of a `combine: chain` does not state its bound as conditional",
        explanation: "For dependent events, `combine: chain` multiplies conditional bounds: P(harm) ≤ P(scheming) × P(harm | scheming) (Balesni et al. 2024). The first premise states its own bound; every later premise must state its `risk:` as the probability that it fails given that the steps before it failed, and say so with `given:` naming each of them. Without that, multiplying would assume independence, so the smallest step's bound is used instead. `given:` on an element that is not a later step of a chain means nothing and is this error too.",
    }
    BadChallenge {
        code: "E0801", name: "bad-challenge", family: Review, severity: Error,
        summary: "a defeater challenges nothing it can, or no support link that exists",
        explanation: "A defeater records a doubt raised against the argument: `challenges:` names the claim, argument or evidence it is about, and `doubt:` says what kind it is: it `rebuts` a claim (a reason the claim is false), `undermines` evidence (a reason it is not valid: the wrong model version, inadequate elicitation) or `undercuts` an argument or one support link (a reason the support does not establish the claim even if it holds; name the link with `challenges: CLAIM` and `link: SUPPORT`, one element of the claim's `supported by`). A defeater without `challenges:` or `doubt:`, a `link:` that is not one of the challenged element's support links, or a kind of doubt that does not fit what it challenges doubts nothing casec can follow.",
    }
    OpenDefeater {
        code: "W0802", name: "open-defeater", family: Review, severity: Warning,
        summary: "an open doubt stands against an element the case relies on",
        explanation: "A defeater is open while nothing answers it: it is refuted when it is `supported by` claims, arguments or evidence that stand (developed all the way down, and not themselves defeated: an answer can be challenged in turn, to any depth), and accepted when the case keeps it as residual doubt (`accepted: \"why\"` with an `owner:`). An open defeater on an element the top claim relies on means that element is not established: it counts as not developed, like an undeveloped claim, and `--strict` and the review's verdict fail. Answer it, or accept it with an owner.",
    }
    IncompleteAcceptance {
        code: "E0803", name: "incomplete-acceptance", family: Review, severity: Error,
        summary: "a doubt is accepted without an owner, a rationale or (in a quantified case) a residual risk",
        explanation: "Accepting a doubt as residual is a decision someone answers for: `accepted:` says why it is acceptable and `owner:` who owns it; in a case with a `threshold` the defeater also states the residual `risk:` it leaves, which adds to the risk bound of what it challenges (docs/risk.md). Until all of them are given the defeater stays open. An `owner:` or a `risk:` without `accepted:` is this error too.",
    }
    DefeatCycle {
        code: "E0804", name: "defeat-cycle", family: Review, severity: Error,
        summary: "a doubt is answered by what it calls into question",
        explanation: "A defeater is refuted by answers that stand, and an answer stands only if the defeaters challenging it (and what it rests on) are refuted or accepted. When the answers to a doubt rest, through their support and the doubts raised against them, on the element the doubt challenges, nothing decides the dialogue: it goes round in a circle. Answer the doubt with claims and evidence that do not rest on what it challenges.",
    }
    StaleSignoff {
        code: "W0805", name: "stale-signoff", family: Review, severity: Warning,
        summary: "a review sign-off no longer matches what was reviewed",
        explanation: "A `signoff` records that a reviewer accepted an element (`of:`) on a date, bound by `sha256:` to what they saw: the element's text, its support all the way down (each element's text and links) and its artifacts' digests. `casec evidence sign FILE SIGNOFF` records the binding when the reviewer signs off. When the text, the support or an artifact changes afterwards, the binding no longer matches and the sign-off is stale: the reviewer has not seen the case as it stands. A changed artifact makes it stale at once, and re-recording the evidence digests with `casec evidence lock` never refreshes it: only a new, explicit sign-off does. A sign-off with no binding yet is reported too.",
    }
    IncompleteSignoff {
        code: "E0806", name: "incomplete-signoff", family: Review, severity: Error,
        summary: "a sign-off does not say what was reviewed, by whom or when",
        explanation: "A sign-off is a record a decision maker relies on: it names the element reviewed (`of:`, a claim, argument or evidence), the `reviewer:` and the `date:` of the review. Without them it records nothing checkable.",
    }
    InvalidConfig {
        code: "E0901", name: "invalid-config", family: Config, severity: Error,
        summary: "casec.toml is not valid TOML, sets a rule twice, or has a setting casec does not know",
        explanation: "casec.toml is a TOML file with a table, `[rules]`, of lines `RULE = \"LEVEL\"`, where a rule is named by its code or its name (`W0306` or `unreachable`), and optionally `exclude = [\"PATTERN\", …]`, patterns (as in a `.gitignore`) of the files a folder walk leaves out. The message gives the TOML error, the unknown setting (with the closest one), an `exclude` that is not a list of strings, or the rule set twice (once by its code and once by its name, say). While the file does not parse, none of its rule levels apply.",
    }
    UnknownRule {
        code: "E0902", name: "unknown-rule", family: Config, severity: Error,
        summary: "casec.toml sets the level of a rule that does not exist",
        explanation: "Each key in `[rules]` is a diagnostic code such as `W0306` or a rule name such as `unreachable`. The help line suggests the closest code or name; `casec rules` lists them all.",
    }
    InvalidLevel {
        code: "E0903", name: "invalid-level", family: Config, severity: Error,
        summary: "a rule level in casec.toml is not \"allow\", \"warn\" or \"deny\"",
        explanation: "A rule's level is a string: `\"allow\"` (not reported), `\"warn\"` (reported, the run passes unless `--strict` or `--deny-warnings`) or `\"deny\"` (reported as an error).",
    }
    FixedRule {
        code: "E0904", name: "fixed-rule", family: Config, severity: Error,
        summary: "casec.toml sets the level of a rule that always applies",
        explanation: "Syntax rules (E00xx), name and property rules (E01xx, E02xx) and these configuration rules (E09xx) decide what the text of a case says, so their level cannot be changed. Rules about structure, the framework, argument categories, evidence and quantitative risk (E03xx to E07xx) are policy, and a project may allow, warn or deny them.",
    }
    UnknownTemplate {
        code: "E1001", name: "unknown-template", family: Templates, severity: Error,
        summary: "an instance names no declared template",
        explanation: "`instance ID { template: NAME … }` expands the template `NAME`, declared with `template NAME \"…\" { … }` in the case or shipped in the template library (docs/templates.md). The name must be one of those; the message suggests the closest.",
    }
    TemplateArgument {
        code: "E1002", name: "template-argument", family: Templates, severity: Error,
        summary: "an instance leaves a parameter out, or gives one the template does not have",
        explanation: "An instance gives every parameter of its template exactly once, as a property named after it (`system: agent`), and nothing else besides `template:`, `include:`, `undeveloped:` and its choices. A parameter left out, an unknown one (often a typo: the message suggests the closest) or one given several values where it takes one is this error, at the instance.",
    }
    WrongParameterKind {
        code: "E1003", name: "wrong-parameter-kind", family: Templates, severity: Error,
        summary: "a template argument is not of its parameter's kind",
        explanation: "Each parameter has a kind (`param system: component`): an id of an element of that kind, `members` (a context with `members:`), `list` (words, separated by commas), `word`, `text`, `number` or `date`. An argument of another kind, such as an outcome where a component is expected or a string where a number is, is this error at the argument; the template is not expanded with it.",
    }
    TemplateRecursion {
        code: "E1004", name: "template-recursion", family: Templates, severity: Error,
        summary: "a template instantiates itself, or expands beyond the limits",
        explanation: "A template may instantiate other templates, but not itself, directly or through another: the expansion would never end. The chain of instances is shown. Expansion also stops, with this error, past 32 nested instances, or past 64 generated items per item written (and at least 200,000), so that no input can hang the compiler.",
    }
    TemplateDeclaration {
        code: "E1005", name: "template-declaration", family: Templates, severity: Error,
        summary: "a template is declared wrongly: an unknown parameter kind or placeholder, or a repeated name",
        explanation: "A template is checked once, where it is declared, before any instance: each parameter is declared in the template's own body (not inside a `for`, `optional` or `choice` part), has a known kind and a name of its own; each `{name}` in an id, a text or a value names a parameter or a `for` variable in scope (write `{{` and `}}` for literal braces in a text); `for x in LIST` iterates a `list` or `members` parameter; a list parameter stands in an id only inside a `for` over it, or as a value (where it expands to one reference per member); part names are unique. A template with such an error is not expanded, so its instances report nothing more.",
    }
    ChoiceNotMade {
        code: "E1006", name: "choice-not-made", family: Templates, severity: Error,
        summary: "an instance makes no choice, an unknown one, or includes an unknown part",
        explanation: "Each `choice NAME` of a template must be made by every instance (`NAME: OPTION`), or left deliberately undeveloped (`undeveloped: NAME`, drawn as undeveloped). `include:` names optional parts of the template and `undeveloped:` names its optional parts or choices; any other name is this error, with the closest suggested.",
    }
    EmptyMembers {
        code: "E1007", name: "empty-members", family: Templates, severity: Error,
        summary: "a template repeats a part over a list that has no members",
        explanation: "A `for` part is written once per member of its list. Given a context with no `members:`, it would produce nothing, and the argument would silently claim nothing for that list; declare the members on the context (`members: a, b`).",
    }
    InvalidExpandedId {
        code: "E1008", name: "invalid-expanded-id", family: Templates, severity: Error,
        summary: "filling in a template's placeholders gives an id that is not an identifier",
        explanation: "An id written with placeholders (`{model}-safe`) becomes an identifier once the instance's arguments are filled in. A text argument with spaces or punctuation, or a number, can make it something else; pass a `word` (an identifier) for parameters used in ids.",
    }
    ImportUnreadable {
        code: "E1101", name: "import-unreadable", family: Modules, severity: Error,
        summary: "an imported file cannot be read",
        explanation: "`import NAME \"PATH\"` reads the file at PATH, relative to the importing file: it must exist, be a regular UTF-8 file, and be read where casec reads files (a check of files on disk; text compiled on its own, such as standard input without `--stdin-filename`, reads none). Fix the path, or create the module.",
    }
    ImportOutsideProject {
        code: "E1102", name: "import-outside-project", family: Modules, severity: Error,
        summary: "an import leaves the project or names a URL",
        explanation: "A project's files are read only from inside its root: the nearest folder above the case holding `casec.toml` or `.git`, else the case's own folder. An absolute path, a path that climbs out of the root with `..`, a symbolic link that points out of it, and a URL are refused, so a case cannot read what its reviewers cannot see and no check touches the network. Copy the module into the project.",
    }
    ImportCycle {
        code: "E1103", name: "import-cycle", family: Modules, severity: Error,
        summary: "modules import each other in a cycle",
        explanation: "Imports say which module's argument builds on which: a cycle (`a` imports `b`, which imports `a`) has no order to read them in. To let a module support another module's claim without importing each other, the owner marks the claim `public` (or `undeveloped`) and the other module, which imports the owner, writes `develops: OWNER::CLAIM` on what supports it.",
    }
    NotAModule {
        code: "E1104", name: "not-a-module", family: Modules, severity: Error,
        summary: "an imported file is not the module the import names",
        explanation: "The file an import reads must begin with `module NAME \"…\"`, NAME being the name the import gives it: `import security \"security.case\"` reads a file that declares `module security`. A case file (with a `case` header) cannot be imported: it is what imports the modules.",
    }
    DuplicateModule {
        code: "E1105", name: "duplicate-module", family: Modules, severity: Error,
        summary: "two files of a project declare one module name",
        explanation: "A module's name qualifies its elements everywhere in the project (`security::weights_secured`), so each name belongs to one file. Rename one of the modules, and the imports and qualified names that use it.",
    }
    AmbiguousReference {
        code: "E1106", name: "ambiguous-reference", family: Modules, severity: Error,
        summary: "an unqualified name is declared in several imported modules",
        explanation: "An unqualified name is looked up in the file's own module first, then in the modules it imports (directly or through their imports). When more than one of those declares it, casec does not guess: write the module's name before it, `MODULE::NAME`, as the message lists them.",
    }
    UnknownModule {
        code: "E1107", name: "unknown-module", family: Modules, severity: Error,
        summary: "a qualified name names a module the file does not import",
        explanation: "In `MODULE::NAME`, MODULE must be the file's own module or one it imports (directly or through another import): a file depends only on what it says it depends on. Import the module, or fix its name.",
    }
    InvalidDevelopment {
        code: "E1108", name: "invalid-development", family: Modules, severity: Error,
        summary: "`develops:` names a claim that is not open to another module",
        explanation: "`develops: OWNER::CLAIM` supports a claim of another module, the GSN standard's away goal: the owning team states the claim and marks it `public` (part of its interface) or `undeveloped`, without support of its own, and the developing team's module imports the owner's. A claim of the element's own module is supported with `supported by:` instead, and a claim its owner already supports is not another team's to develop.",
    }
    DevelopedTwice {
        code: "E1109", name: "developed-twice", family: Modules, severity: Error,
        summary: "two modules develop one claim",
        explanation: "A claim open to development belongs to one other team's module: when two modules develop it, neither owns the whole support and a reviewer cannot tell which argument the owner relies on. Develop it in one module (which may use the other's claims), or split the claim.",
    }
    PublicClaimNotDeveloped {
        code: "E1110", name: "public-claim-not-developed", family: Modules, severity: Error,
        summary: "a public claim is developed by no module of the project",
        explanation: "A claim marked `public` is a module's promise that some module supports it. In this project none does: import the module that develops it (with `develops: MODULE::CLAIM`), support it in its own module, or mark it `undeveloped` if the argument is not written yet.",
    }
    ModuleHeader {
        code: "E1111", name: "module-header", family: Modules, severity: Error,
        summary: "a `module` header is misplaced or repeated",
        explanation: "A file is a module when it declares `module NAME \"what it argues\"`, once; the case header and the deployment decision belong in the case file, which imports the modules. A module takes `owner:` (the team that owns it).",
    }
    QualifiedDeclaration {
        code: "E1112", name: "qualified-declaration", family: Modules, severity: Error,
        summary: "an item is declared with a module's name before its id",
        explanation: "An item's id is written as the file's own (`claim weights_secured`); other files name it `MODULE::weights_secured`. To support another module's claim, write `develops: MODULE::CLAIM` on an element of this file.",
    }
}

impl Code {
    /// The rule a code (`W0306`, any case) or a name (`unreachable`) means.
    pub fn find(code_or_name: &str) -> Option<Code> {
        Code::ALL.iter().copied().find(|code| {
            code.as_str().eq_ignore_ascii_case(code_or_name)
                || code.name().eq_ignore_ascii_case(code_or_name)
        })
    }

    /// The code or name closest to one that [`Code::find`] does not know,
    /// spelt the way it was written: a code for what looks like a code
    /// (`W0360`), else a name (`unreachble`).
    pub fn nearest(code_or_name: &str) -> Option<&'static str> {
        // The number without its letter (`304`, `0304`): the one code with it.
        if !code_or_name.is_empty()
            && code_or_name.len() <= 4
            && code_or_name.bytes().all(|b| b.is_ascii_digit())
        {
            let digits = format!("{code_or_name:0>4}");
            return Code::ALL
                .iter()
                .map(|c| c.as_str())
                .find(|c| c[1..] == digits);
        }
        if looks_like_a_code(code_or_name) {
            let code = code_or_name.to_ascii_uppercase();
            suggest::closest(&code, Code::ALL.iter().map(|c| c.as_str()))
        } else {
            let name = code_or_name.to_ascii_lowercase();
            suggest::closest(&name, Code::ALL.iter().map(|c| c.name()))
        }
    }

    pub fn configurable(self) -> bool {
        self.family().configurable()
    }

    /// Where the code is in [`Code::ALL`].
    pub fn index(self) -> usize {
        self as usize
    }
}

/// `E` or `W` and digits only: the shape of a code, not of a name.
pub fn looks_like_a_code(text: &str) -> bool {
    let mut chars = text.chars();
    matches!(chars.next(), Some('E' | 'e' | 'W' | 'w'))
        && !chars.as_str().is_empty()
        && chars.all(|c| c.is_ascii_digit())
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Outputs carry the code string (`"E0202"`), as they always have.
impl Serialize for Code {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// `docs/errors.md`, generated from the table (a test keeps it in step).
pub fn markdown() -> String {
    let mut out = String::from(
        "# casec diagnostics\n\nEvery diagnostic has a stable code and a name. Codes starting with `E` are errors by default, `W` warnings \
         (`--strict` makes warnings errors). `casec explain CODE` (or `casec explain NAME`, such as `casec explain unreachable`) \
         prints the entry below; `casec rules` lists them all.\n\
         This file is generated by `casec rules --format markdown`.\n\n\
         Exit status of `casec check` and `casec build`: `0` no errors, `1` a case has errors, `2` the command could not run.\n\n\
         With `--format json`, each diagnostic is one line ([schema](json-schema/casec-diagnostics.schema.json)): `{\"format\": \"casec-diagnostic\", \"version\": 1, \"code\", \"severity\", \"message\", \"location\": {\"path\", \"line\", \"column\", \
         \"end_line\", \"end_column\", \"start_offset\", \"end_offset\"}, \"label\", \"related\": [{\"message\", \"location\"}], \"notes\", \"help\", \"fixes\": [{\"message\", \"applicability\", \"edits\": [{\"location\", \"replacement\"}]}]}`. \
         Lines and columns count from 1; columns count characters. `--format sarif` writes one SARIF 2.1.0 log and \
         `--format github` writes GitHub Actions annotations (see docs/ci.md).\n\n\
         A project sets the level of the rules marked *configurable* in `casec.toml` (`[rules]` then `W0306 = \"allow\"`, \
         `\"warn\"` or `\"deny\"`; a rule may be named by its code or its name, `unreachable = \"allow\"`; see docs/ci.md). \
         `--deny-warnings` fails the run on any warning without relabelling it.\n\n\
         Fixes: a finding with a mechanical repair carries it as replacement edits (`fixes` in the JSON, with byte offsets; `fixes` in SARIF; \
         quick fixes in the language server). A *safe* fix repairs what was plainly meant, and `casec check --fix` applies it, then writes the file \
         in the canonical layout (a file that would keep a syntax error is left untouched): a misspelt name with one clear candidate \
         (E0101, E0102, E0202; E0002 for an item keyword), missing commas between values and a missing `:` after a key (E0002), a date range \
         written with a dash, a list in brackets, a date not written `YYYY-MM-DD` that reads one way only (E0002). A *suggested* fix changes \
         what the case argues, so it is offered and never applied by `--fix`: a name as close to two candidates, a declaration stub for a name \
         nothing declares (E0202), marking a claim or argument `undeveloped` (E0303), adding a missing topic to the `shows:` of a direct support (E0503).\n",
    );
    let mut family = None;
    for &code in Code::ALL {
        if family != Some(code.family()) {
            family = Some(code.family());
            out.push_str(&format!("\n## {}\n", code.family().as_str()));
        }
        out.push_str(&format!(
            "\n<a id=\"{}\"></a>\n\n### {} `{}` ({}{})\n\n{}.\n\n{}\n",
            code.as_str().to_ascii_lowercase(),
            code,
            code.name(),
            code.severity().as_str(),
            if code.configurable() {
                ", configurable"
            } else {
                ""
            },
            capitalise(code.summary()),
            code.explanation()
        ));
    }
    out
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_sorted_and_prefixed_by_severity() {
        for pair in Code::ALL.windows(2) {
            assert!(
                pair[0].as_str()[1..] < pair[1].as_str()[1..],
                "{} / {}",
                pair[0],
                pair[1]
            );
        }
        for &code in Code::ALL {
            let prefix = match code.severity() {
                Severity::Error => 'E',
                Severity::Warning => 'W',
            };
            assert!(code.as_str().starts_with(prefix), "{code}");
        }
    }

    #[test]
    fn each_code_knows_its_place_in_the_table() {
        for (at, &code) in Code::ALL.iter().enumerate() {
            assert_eq!(code.index(), at, "{code}");
        }
    }

    #[test]
    fn variants_are_the_names_in_camel_case() {
        for &code in Code::ALL {
            let camel: String = code.name().split('-').map(capitalise).collect();
            assert_eq!(format!("{code:?}"), camel);
        }
    }

    #[test]
    fn names_are_unique_and_never_look_like_codes() {
        let mut names: Vec<_> = Code::ALL.iter().map(|c| c.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), Code::ALL.len());
        assert!(names.iter().all(|name| !looks_like_a_code(name)));
    }

    #[test]
    fn found_by_code_or_name() {
        assert_eq!(Code::find("W0306"), Some(Code::Unreachable));
        assert_eq!(Code::find("w0306"), Some(Code::Unreachable));
        assert_eq!(Code::find("unreachable"), Some(Code::Unreachable));
        assert_eq!(Code::find("W0360"), None);
        assert_eq!(Code::find(""), None);
    }

    #[test]
    fn typos_get_the_nearest_code_or_name() {
        assert_eq!(Code::nearest("W0360"), Some("W0306"));
        assert_eq!(Code::nearest("unreachble"), Some("unreachable"));
        assert_eq!(Code::nearest("circular-truts"), Some("circular-trust"));
        assert_eq!(Code::nearest("something else"), None);
        assert_eq!(Code::nearest("W304"), Some("W0304"));
        assert_eq!(Code::nearest("304"), Some("W0304"));
        assert_eq!(Code::nearest("0202"), Some("E0202"));
        assert_eq!(Code::nearest("9999"), None);
    }

    #[test]
    fn outputs_carry_the_code_string() {
        let code = Code::UnresolvedReference;
        assert_eq!(code.to_string(), "E0202");
        assert_eq!(serde_json::to_string(&code).unwrap(), "\"E0202\"");
    }
}
