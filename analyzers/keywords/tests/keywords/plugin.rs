//! The analyzer through the plugin API, on calls laid out as the host lays
//! them out.

use callsight_analyzer_test_support::{self as support, of_kind};
use callsight_keywords::{Config, Keywords, relevance};
use callsight_plugin_api::{Analyzer, CallData, ErrorKind, Output, Role, SegmentData, WordData};

fn segment(role: Role, start_ms: i64, end_ms: i64, text: &str) -> SegmentData {
    let speaker = if role == Role::Seller { "S" } else { "C" };
    support::segment(speaker, role, start_ms, end_ms, text)
}

/// `text`'s words, 300 ms apart from the segment's start.
fn timed(segment: SegmentData) -> SegmentData {
    support::timed_every(segment, 300, 250)
}

fn call(language: &str, context: &str, segments: Vec<SegmentData>) -> CallData {
    CallData {
        started_at_ms: 1_700_000_000_000,
        context: context.into(),
        ..support::call(
            language,
            &[("S", Role::Seller), ("C", Role::Customer)],
            segments,
        )
    }
}

fn analyze(config: &str, call: &CallData) -> Output {
    let config: Config = serde_json::from_str(config).unwrap();
    Keywords::validate(&config).unwrap();
    let analyzer = Keywords::create(config).unwrap();
    support::analyze(&analyzer, call).unwrap()
}

/// (value, label, role, segment, offset_ms) of each keyword signal.
fn mentions(output: &Output) -> Vec<(&str, &str, Role, u32, i64)> {
    support::mentions(output, "keyword")
}

fn mention_count(output: &Output) -> f64 {
    let metric = support::metric(output, "keyword_mention_count");
    assert_eq!(metric.unit, "count");
    metric.value.unwrap()
}

#[test]
fn tracked_keywords_with_role_segment_and_moment() {
    let call = call(
        "en-US",
        "",
        vec![
            segment(
                Role::Seller,
                0,
                4_000,
                "Our Pricing is per seat, and the sales team helps.",
            ),
            timed(segment(
                Role::Customer,
                5_000,
                9_000,
                "So pricing depends on net  revenue? Repricing is not pricing-related.",
            )),
        ],
    );
    let output = analyze(
        r#"{"keywords": ["pricing", "Net Revenue", "sales team"], "key_phrases": {"enabled": false}}"#,
        &call,
    );
    assert_eq!(
        mentions(&output),
        [
            ("pricing", "Pricing", Role::Seller, 0, 0),
            ("sales team", "sales team", Role::Seller, 0, 0),
            // Word timings: "pricing" is the 2nd word, "net" the 5th.
            ("pricing", "pricing", Role::Customer, 1, 5_300),
            ("Net Revenue", "net  revenue", Role::Customer, 1, 6_200),
            // "pricing-related": a hyphen is a word boundary.
            ("pricing", "pricing", Role::Customer, 1, 7_700),
        ]
    );
    assert_eq!(mention_count(&output), 5.0);
    assert!(of_kind(&output, "key_phrase").is_empty());
}

#[test]
fn per_call_keywords_join_the_org_list() {
    let call = call(
        "en-US",
        r#"{"keywords": ["onboarding", "PRICING", " "], "team": "emea"}"#,
        vec![segment(
            Role::Customer,
            0,
            3_000,
            "Onboarding and pricing are my worries.",
        )],
    );
    let output = analyze(r#"{"keywords": ["pricing"]}"#, &call);
    assert_eq!(
        mentions(&output),
        [
            ("onboarding", "Onboarding", Role::Customer, 0, 0),
            // In both lists: reported as the organisation spells it.
            ("pricing", "pricing", Role::Customer, 0, 0),
        ]
    );
    // Without the org list, the call's list alone.
    let output = analyze("{}", &call);
    assert_eq!(mentions(&output).len(), 2);
    assert_eq!(mention_count(&output), 2.0);
}

#[test]
fn korean_particles_attach_to_the_keyword() {
    let call = call(
        "ko-KR",
        "",
        vec![
            segment(
                Role::Seller,
                0,
                3_000,
                "가격은 사용자 수에 따라 달라집니다.",
            ),
            timed(segment(
                Role::Customer,
                3_500,
                8_000,
                "가격이 너무 높아요. 원가격도 알려주시고 계약 기간을 줄일 수 있나요?",
            )),
        ],
    );
    let output = analyze(r#"{"keywords": ["가격", "계약 기간"]}"#, &call);
    assert_eq!(
        mentions(&output),
        [
            ("가격", "가격", Role::Seller, 0, 0),
            ("가격", "가격", Role::Customer, 1, 3_500),
            // 원가격 is another word; 계약 is the 6th word.
            ("계약 기간", "계약 기간", Role::Customer, 1, 5_000),
        ]
    );
    // Not English: no key phrases rather than wrong ones.
    assert!(of_kind(&output, "key_phrase").is_empty());
}

#[test]
fn japanese_particles_attach_to_the_keyword() {
    let mut customer = segment(
        Role::Customer,
        1_000,
        6_000,
        "価格は高いですが、ライセンスの価格を下げられますか。",
    );
    // Japanese word timings come as tokens without spaces between them.
    customer.words = Some(
        [
            "価格",
            "は",
            "高い",
            "です",
            "が",
            "、",
            "ライセンス",
            "の",
            "価格",
            "を",
            "下げ",
            "られ",
            "ます",
            "か",
            "。",
        ]
        .iter()
        .zip(0..)
        .map(|(w, i)| WordData {
            text: (*w).into(),
            start_ms: 1_000 + 200 * i,
            end_ms: 1_000 + 200 * i + 150,
        })
        .collect(),
    );
    let call = call("ja-JP", "", vec![customer]);
    let output = analyze(r#"{"keywords": ["価格", "ライセンス"]}"#, &call);
    assert_eq!(
        mentions(&output),
        [
            ("価格", "価格", Role::Customer, 0, 1_000),
            ("ライセンス", "ライセンス", Role::Customer, 0, 2_200),
            ("価格", "価格", Role::Customer, 0, 2_600),
        ]
    );
}

#[test]
fn key_phrases_are_the_customers() {
    let call = call(
        "en",
        "",
        vec![
            segment(
                Role::Seller,
                0,
                4_000,
                "Our analytics platform offers revenue intelligence.",
            ),
            segment(
                Role::Customer,
                5_000,
                12_000,
                "We struggle with forecast accuracy. Our Salesforce data is messy.",
            ),
            segment(
                Role::Seller,
                12_500,
                14_000,
                "Revenue intelligence fixes that.",
            ),
            timed(segment(
                Role::Customer,
                15_000,
                20_000,
                "Forecast accuracy matters because the board reviews forecast accuracy monthly.",
            )),
        ],
    );
    let output = analyze(r#"{"key_phrases": {"top": 5}}"#, &call);
    let phrases = of_kind(&output, "key_phrase");
    assert!(!phrases.is_empty() && phrases.len() <= 5);
    let values: Vec<&str> = phrases.iter().map(|s| s.value.as_str()).collect();
    assert_eq!(values[0], "forecast accuracy", "{values:?}");
    for p in &phrases {
        assert_eq!(p.role, Some(Role::Customer));
        assert!(matches!(p.segment, Some(1 | 3)));
        let score = p.score.unwrap();
        assert!(score > 0.0 && score <= 1.0);
        let lower = p.value.to_lowercase();
        assert!(!lower.contains("revenue") && !lower.contains("analytics"));
    }
    let first = phrases[0];
    assert_eq!(first.data, Some(serde_json::json!({ "count": 3 })));
    assert_eq!((first.segment, first.offset_ms), (Some(1), Some(5_000)));
    assert!(phrases.windows(2).all(|w| w[0].score >= w[1].score));
    assert_eq!(relevance(0.0), 1.0);
    assert_eq!(relevance(-0.5), 1.0);
    assert_eq!(relevance(1.0), 0.5);

    let off = analyze(r#"{"key_phrases": {"enabled": false}}"#, &call);
    assert!(of_kind(&off, "key_phrase").is_empty());
    assert_eq!(mention_count(&off), 0.0);
}

#[test]
fn a_malformed_context_fails_the_call() {
    let call = call(
        "en",
        r#"{"keywords": "pricing"}"#,
        vec![segment(Role::Customer, 0, 1_000, "pricing")],
    );
    let analyzer = Keywords::create(Config::default()).unwrap();
    let error = support::analyze(&analyzer, &call).unwrap_err();
    assert_eq!(error.kind, ErrorKind::Failed);
    assert!(error.message.contains("keywords"), "{}", error.message);
}

#[test]
fn empty_and_timing_only_calls() {
    let output = analyze(r#"{"keywords": ["pricing"]}"#, &call("en", "", vec![]));
    assert!(output.signals.is_empty());
    assert_eq!(mention_count(&output), 0.0);
    let output = analyze(
        r#"{"keywords": ["pricing"]}"#,
        &call("en", "", vec![segment(Role::Customer, 0, 1_000, "")]),
    );
    assert!(output.signals.is_empty());
}
