//! The rules of thumb of the decision model, each checked over generated answer sets: unknowns
//! never help, fail dominates unknown, stop signs hold whatever else is answered, multi-choice
//! answers are monotone, and the rules are not vacuous (a strong, ready profile still splits).

use msadvise::assess::engine::{self, Answer, CheckStatus, Prerequisites, Truth};
use msadvise::assess::model::Role;
use msadvise::assess::{Questionnaire, report};
use proptest::prelude::*;

use super::assess_properties::{answers, questionnaire};

fn choice(q: &Questionnaire, question: &str, id: &str) -> (usize, usize) {
    let qi = q.question_index(question).unwrap();
    (qi, q.questions[qi].choice_index(id).unwrap())
}

fn set(q: &Questionnaire, a: &mut [Option<Answer>], question: &str, ids: &[&str]) {
    let qi = q.question_index(question).unwrap();
    a[qi] = Some(Answer::Chosen(ids.iter().map(|id| choice(q, question, id).1).collect()));
}

fn verdict(q: &Questionnaire, a: &[Option<Answer>]) -> String {
    q.verdicts[engine::evaluate(q, a).verdict].id.to_string()
}

fn is_readiness(q: &Questionnaire, i: usize) -> bool {
    q.dimensions[q.questions[i].dimension].role == Role::Readiness
}

/// Every fit question at a choice that favours splitting (its strongest if none does), every
/// readiness question at its most mature practice: the profile the rules must still call
/// microservices. `pick` chooses among the splitting-favouring choices.
fn strong(q: &Questionnaire, pick: &[usize]) -> Vec<Option<Answer>> {
    q.questions
        .iter()
        .enumerate()
        .map(|(i, question)| {
            let by_score = |c: &usize| question.choices[*c].score;
            let best = (0..question.choices.len()).max_by(|a, b| by_score(a).total_cmp(&by_score(b))).unwrap();
            if is_readiness(q, i) {
                return Some(Answer::Chosen(vec![best]));
            }
            let good: Vec<usize> = (0..question.choices.len()).filter(|&c| question.choices[c].score > 0.0).collect();
            let c = if good.is_empty() { best } else { good[pick[i % pick.len()] % good.len()] };
            Some(Answer::Chosen(vec![c]))
        })
        .collect()
}

fn picks() -> impl Strategy<Value = Vec<usize>> {
    proptest::collection::vec(0usize..1000, 64)
}

#[test]
fn one_answer_alone_never_splits_and_is_low_confidence() {
    let q = questionnaire();
    for (qi, question) in q.questions.iter().enumerate() {
        for ci in 0..question.choices.len() {
            let mut a = vec![Some(Answer::Unknown); q.questions.len()];
            a[qi] = Some(Answer::Chosen(vec![ci]));
            let r = report::assess(&q, &a, &[]);
            let what = format!("{}={}", question.id, question.choices[ci].id);
            assert_ne!(r.verdict, "microservices", "{what} alone");
            assert_ne!(r.verdict, "not-ready", "{what} alone");
            assert_eq!(r.confidence.level, report::Level::Low, "{what} alone: {:?}", r.confidence.why);
        }
    }
}

#[test]
fn a_strong_ready_profile_gets_microservices_with_high_confidence_and_a_lever_to_lose_it() {
    let q = questionnaire();
    let a = strong(&q, &[0]);
    let r = report::assess(&q, &a, &[]);
    assert_eq!(r.verdict, "microservices", "{r:#?}");
    assert_eq!(r.readiness.prerequisites, report::PrerequisiteState::Met);
    assert!(r.what_would_change.iter().any(|f| f.verdict == "not-ready"));
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Non-vacuity: the rules below must not forbid every split.
    #[test]
    fn any_strong_ready_profile_gets_microservices(pick in picks()) {
        let q = questionnaire();
        let a = strong(&q, &pick);
        prop_assert_eq!(verdict(&q, &a), "microservices");
    }

    #[test]
    fn a_strong_profile_with_readiness_unknown_is_never_reported_ready(pick in picks()) {
        let q = questionnaire();
        let mut a = strong(&q, &pick);
        for (i, x) in a.iter_mut().enumerate() {
            if is_readiness(&q, i) {
                *x = Some(Answer::Unknown);
            }
        }
        let ev = engine::evaluate(&q, &a);
        prop_assert_eq!(ev.prerequisites, Prerequisites::Unverified);
        prop_assert!(ev.checks.iter().flatten().all(|c| *c != CheckStatus::Pass));
        let r = report::assess(&q, &a, &[]);
        prop_assert_eq!(r.readiness.prerequisites, report::PrerequisiteState::Unverified);
        if r.verdict == "microservices" {
            prop_assert!(r.rests_on_unverified && !r.to_verify.is_empty());
            prop_assert_eq!(r.confidence.level, report::Level::Low, "a --min-confidence medium gate fails");
        }
    }

    /// An unknown never helps a verdict that a neutral answer (score 0) would not give, unless
    /// the neutral answer is one a stop sign names: then the unknown leaves that stop sign open,
    /// which the report says (and confidence drops).
    #[test]
    fn an_unknown_helps_no_split_a_neutral_answer_would_not_give(a in answers(&questionnaire()), pick in any::<proptest::sample::Index>()) {
        let q = questionnaire();
        let fit: Vec<usize> = (0..q.questions.len())
            .filter(|&i| !is_readiness(&q, i) && q.questions[i].choices.iter().any(|c| c.score == 0.0))
            .collect();
        let qi = fit[pick.index(fit.len())];
        let neutral = q.questions[qi].choices.iter().position(|c| c.score == 0.0).unwrap();
        let (mut unknown, mut answered) = (a.clone(), a);
        unknown[qi] = Some(Answer::Unknown);
        answered[qi] = Some(Answer::Chosen(vec![neutral]));
        let (u, n) = (engine::evaluate(&q, &unknown), engine::evaluate(&q, &answered));
        prop_assert!((u.fit_exact - n.fit_exact).abs() < 1e-9, "{}: fit {} vs {}", q.questions[qi].id, u.fit_exact, n.fit_exact);
        if ["microservices", "not-ready"].contains(&q.verdicts[u.verdict].id.as_str()) && n.verdict != u.verdict {
            let sign = n.stop_sign.expect("only a stop sign makes a neutral answer decide otherwise");
            prop_assert_eq!(engine::stop_sign_applies(&q, sign, &u.states), Truth::Unknown);
            let r = report::assess(&q, &unknown, &[]);
            prop_assert!(r.stop_signs_unresolved.iter().any(|s| s.id == q.stop_signs[sign].id));
            prop_assert!(r.confidence.level < report::Level::High);
        }
    }

    /// Three-valued logic: a failed half of a prerequisite fails it, whatever the other half.
    #[test]
    fn a_failed_half_fails_the_prerequisite(a in answers(&questionnaire()), slow in 0usize..3, rollback in 0usize..4) {
        let q = questionnaire();
        let mut a = a;
        let lead = ["over_a_month", "week_to_month", "day_to_week"][slow];
        set(&q, &mut a, "lead_time", &[lead]);
        let (ri, _) = choice(&q, "rollback", "minutes");
        a[ri] = if rollback == 3 { Some(Answer::Unknown) } else { Some(Answer::Chosen(vec![rollback])) };
        let ev = engine::evaluate(&q, &a);
        let (level, check) = q.levels.iter().enumerate().find_map(|(l, lv)| lv.checks.iter().position(|c| c.id == "rapid_deployment").map(|c| (l, c))).unwrap();
        prop_assert_eq!(ev.checks[level][check], CheckStatus::Fail);
        prop_assert_eq!(ev.prerequisites, Prerequisites::Failing);
        prop_assert_ne!(&q.verdicts[ev.verdict].id, "microservices");
    }

    /// Each stop sign holds whatever the other answers: when it applies, no verdict it blocks.
    #[test]
    fn every_stop_sign_holds_whatever_the_other_answers(a in answers(&questionnaire()), which in any::<proptest::sample::Index>()) {
        let q = questionnaire();
        let mut a = a;
        // Make one stop sign apply, then check them all.
        let witnesses: [&[(&str, &[&str])]; 6] = [
            &[("boundaries", &["unclear"])],
            &[("starting_point", &["greenfield"]), ("distributed_experience", &["some"])],
            &[("starting_point", &["monolith_fine"]), ("main_pain", &["nothing_major"])],
            &[("deployment_model", &["customers_install"])],
            &[("starting_point", &["distributed_struggling"]), ("main_pain", &["many_tiny_services", "release_queueing"])],
            &[("boundaries", &["nothing_to_split"])],
        ];
        prop_assert_eq!(witnesses.len(), q.stop_signs.len(), "a witness per stop sign");
        for (question, ids) in witnesses[which.index(witnesses.len())] {
            set(&q, &mut a, question, ids);
        }
        let ev = engine::evaluate(&q, &a);
        let mut applied = 0;
        for (s, sign) in q.stop_signs.iter().enumerate() {
            if engine::stop_sign_applies(&q, s, &ev.states) == Truth::True {
                applied += 1;
                prop_assert!(!sign.blocks.contains(&ev.verdict), "{} holds, yet {}", sign.id, q.verdicts[ev.verdict].id);
            }
        }
        prop_assert!(applied > 0);
    }

    /// Adding a pain that favours splitting never lowers the fit (nor moves the verdict away from a split).
    #[test]
    fn adding_a_splitting_pain_never_lowers_the_fit(a in answers(&questionnaire()), pick in any::<proptest::sample::Index>()) {
        let q = questionnaire();
        let multi: Vec<usize> = (0..q.questions.len()).filter(|&i| q.questions[i].multiple).collect();
        for qi in multi {
            let question = &q.questions[qi];
            let plus: Vec<usize> = (0..question.choices.len()).filter(|&c| question.choices[c].score > 0.0).collect();
            let add = plus[pick.index(plus.len())];
            let mut more = a.clone();
            match &a[qi] {
                Some(Answer::Chosen(c)) if !c.contains(&add) => more[qi] = Some(Answer::Chosen([c.clone(), vec![add]].concat())),
                _ => continue,
            }
            let (before, after) = (engine::evaluate(&q, &a), engine::evaluate(&q, &more));
            prop_assert!(after.fit_exact >= before.fit_exact - 1e-9, "{} + {}: {} -> {}", question.id, question.choices[add].id, before.fit_exact, after.fit_exact);
        }
    }
}

/// An answer a scan inferred with low confidence counts by the questionnaire's `inferred_low`,
/// the rest as "don't know", and the report says so.
#[test]
fn a_low_confidence_inferred_answer_counts_less_and_the_report_says_how() {
    let q = questionnaire();
    let mut a = vec![Some(Answer::Unknown); q.questions.len()];
    set(&q, &mut a, "teams", &["nine_or_more"]);
    set(&q, &mut a, "engineers", &["over_200"]);
    let (ti, _) = choice(&q, "engineers", "over_200");
    let mut trust = vec![1.0; q.questions.len()];
    trust[ti] = q.scoring.inferred_low.value;
    let full = report::assess(&q, &a, &[]);
    let low = report::assess_with(&q, &a, &[], &trust);
    assert!(low.fit_score < full.fit_score, "{} vs {}", low.fit_score, full.fit_score);
    let engineers = |r: &report::Report| {
        r.reasons.towards_services.iter().find(|x| x.question == "engineers").map(|x| x.contribution)
    };
    assert!(engineers(&low).unwrap_or(0.0) < engineers(&full).unwrap());
    assert_eq!(low.answers[ti].weight, q.scoring.inferred_low.value);
    assert!(low.confidence.why.iter().any(|w| w.contains("inferred by a scan")), "{:?}", low.confidence.why);
}

/// `assess --detect` without a terminal: an inferred answer carries the weight of the scan's
/// confidence, and the report says how much it counts.
#[test]
fn detect_weighs_inferred_answers_by_the_scans_confidence() {
    let dir = crate::temp_dir("detect-weight");
    std::fs::create_dir_all(dir.join(".github/workflows")).unwrap();
    let workflow = "on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: go build ./...\n";
    std::fs::write(dir.join(".github/workflows/ci.yml"), workflow).unwrap();
    std::fs::write(dir.join("go.mod"), "module x\n").unwrap();
    let path = dir.to_str().unwrap();
    let scan: serde_json::Value = serde_json::from_slice(&crate::msadvise(&["scan", path, "--json"]).stdout).unwrap();
    let out = crate::msadvise(&["assess", "--detect", path, "--allow-unknown", "--json"]);
    let r: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let q = questionnaire();
    // The scan reads `go build` without tests as partial CI, at medium confidence; should its
    // reading change, the weights must still follow whatever confidence it reports.
    for inferred in scan["inferred"].as_array().unwrap() {
        let want = match inferred["confidence"].as_str().unwrap() {
            "low" => q.scoring.inferred_low.value,
            "medium" => q.scoring.inferred_medium.value,
            _ => q.scoring.inferred_high.value,
        };
        let answer = r["answers"].as_array().unwrap().iter().find(|a| a["question"] == inferred["question"]).unwrap();
        assert_eq!(answer["weight"].as_f64().unwrap(), want, "{answer}");
        if want < 1.0 {
            let why = r["confidence"]["why"].as_array().unwrap();
            assert!(why.iter().any(|w| w.as_str().unwrap().contains("inferred by a scan")), "{why:?}");
        }
        if want < q.scoring.verifies_min.value && inferred["question"] == "ci" {
            let check =
                r["readiness"]["checks"].as_array().unwrap().iter().find(|c| c["id"] == "automated_tests").unwrap();
            assert_eq!(check["status"], "unknown", "a guess neither passes nor fails a prerequisite");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    /// Only asked questions contribute, and a neutral answer (score 0) contributes nothing.
    #[test]
    fn only_asked_questions_contribute_and_neutral_answers_add_nothing(a in answers(&questionnaire())) {
        let q = questionnaire();
        let ev = engine::evaluate(&q, &a);
        let contributions = engine::contributions(&q, &ev.states, &[]);
        for (i, (state, c)) in ev.states.iter().zip(&contributions).enumerate() {
            match state {
                engine::State::NotAsked => prop_assert_eq!(*c, None, "{}", q.questions[i].id),
                engine::State::Unknown => prop_assert_eq!(c.unwrap_or(0.0), 0.0),
                engine::State::Chosen(chosen) => {
                    if chosen.iter().all(|x| q.questions[i].choices[x].score == 0.0) {
                        prop_assert_eq!(c.unwrap_or(0.0), 0.0, "{}", q.questions[i].id);
                    }
                }
            }
        }
    }
}

/// Confidence reads its thresholds from the questionnaire: changing a constant there changes it.
#[test]
fn confidence_thresholds_are_data() {
    let mut q = questionnaire();
    let text = std::fs::read_to_string("examples/profiles/struggling-services.yaml").unwrap();
    let a = msadvise::assess::answers::parse(&q, "s.yaml", &text).unwrap();
    let r = report::assess(&q, &a.values, &a.notes);
    assert_eq!(r.confidence.level, report::Level::Medium, "{:?}", r.confidence.why);
    assert!(r.confidence.margin < q.confidence.margin_medium.value);
    q.confidence.margin_medium.value = r.confidence.margin;
    let relaxed = report::assess(&q, &a.values, &a.notes);
    assert_eq!(relaxed.confidence.level, report::Level::High, "{:?}", relaxed.confidence.why);
}
