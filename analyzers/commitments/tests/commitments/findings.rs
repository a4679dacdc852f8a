//! The sentences the demo reported wrongly (issue 12, item 5), and
//! hand-offs read against the participants' names.

use callsight_plugin_api::Role;
use callsight_plugin_api::names::signal::{ACTION_ITEM, QUESTION};

use crate::support::{analyze, call, owners, questions, segment};

#[test]
fn the_demo_s_top_action_items_are_not_action_items() {
    for text in [
        "How are you measuring call quality today?",
        "Thanks for making the time today.",
        "I'm not sure I'll get one.",
    ] {
        assert!(owners(Role::Seller, text).is_empty(), "{text}");
        assert!(owners(Role::Customer, text).is_empty(), "{text}");
    }
    assert_eq!(
        questions("How are you measuring call quality today?"),
        ["How are you measuring call quality today?"]
    );
    assert!(questions("Thanks for making the time today. I'm not sure I'll get one.").is_empty());
}

#[test]
fn indirect_and_unmarked_questions_are_questions() {
    assert_eq!(
        questions("I was wondering if you could walk me through the pricing."),
        ["I was wondering if you could walk me through the pricing."]
    );
    assert_eq!(
        questions("What is the necessary content. Fine."),
        ["What is the necessary content."]
    );
}

#[test]
fn a_participant_s_name_alone_hands_off_and_asks_nothing() {
    let mut data = call(vec![segment(
        Role::Seller,
        0,
        1_000,
        "That covers pricing. Kamal? Kamal, can you share the roadmap?",
    )]);
    data.participants[0].name = Some("Kamal Singh".into());
    let asked: Vec<String> = analyze(&data)
        .signals
        .into_iter()
        .filter(|s| s.kind == QUESTION)
        .map(|s| s.value)
        .collect();
    assert_eq!(asked, ["Kamal, can you share the roadmap?"]);
}

/// The due day of the first action item of `text` said by the seller on a
/// call with `context`, which started on Tuesday 14 November 2023 at 22:13
/// UTC.
fn due(context: &str, text: &str) -> Option<String> {
    let mut data = call(vec![segment(Role::Seller, 0, 1_000, text)]);
    data.context = context.into();
    analyze(&data)
        .signals
        .into_iter()
        .find(|s| s.kind == ACTION_ITEM)
        .and_then(|s| s.data?["due"].as_str().map(str::to_owned))
}

#[test]
fn due_dates_resolve_against_the_call_s_local_day() {
    assert_eq!(
        due("{}", "I'll send it by Friday.").as_deref(),
        Some("2023-11-17")
    );
    assert_eq!(
        due("{}", "I'll send it tomorrow.").as_deref(),
        Some("2023-11-15")
    );
    assert_eq!(
        due("{}", "We'll review it next week.").as_deref(),
        Some("2023-11-24")
    );
    // 07:13 on Wednesday in Seoul.
    let seoul = r#"{"keywords": [], "time_zone": "Asia/Seoul"}"#;
    assert_eq!(
        due(seoul, "I'll send it tomorrow.").as_deref(),
        Some("2023-11-16")
    );
    assert_eq!(
        due(seoul, "I'll send it by Friday.").as_deref(),
        Some("2023-11-17")
    );
    assert_eq!(
        due("{}", "견적서를 내일까지 보내드리겠습니다.").as_deref(),
        Some("2023-11-15")
    );
    assert_eq!(
        due("{}", "来週の金曜日までに送付します。").as_deref(),
        Some("2023-11-24")
    );
    // No day named, or an unknown zone (UTC then).
    assert_eq!(due("{}", "I'll send the deck."), None);
    let unknown = r#"{"time_zone": "Mars/Olympus"}"#;
    assert_eq!(
        due(unknown, "I'll send it tomorrow.").as_deref(),
        Some("2023-11-15")
    );
}

#[test]
fn korean_and_japanese_calls_get_questions_and_action_items() {
    assert_eq!(
        owners(Role::Seller, "견적서를 내일까지 보내드리겠습니다."),
        ["seller"]
    );
    assert_eq!(
        owners(Role::Customer, "제가 법무팀에 확인해 볼게요."),
        ["customer"]
    );
    assert_eq!(owners(Role::Seller, "계약서를 보내 주세요."), ["customer"]);
    assert_eq!(
        owners(Role::Seller, "다음 주에 미팅을 잡을까요?"),
        ["seller"]
    );
    assert!(owners(Role::Customer, "네, 알겠습니다.").is_empty());
    assert_eq!(
        owners(Role::Seller, "明日までに資料を送付します。"),
        ["seller"]
    );
    assert_eq!(
        owners(Role::Customer, "来週また打ち合わせしましょう。"),
        ["customer"]
    );
    assert_eq!(
        owners(Role::Customer, "見積もりを送ってください。"),
        ["seller"]
    );
    assert!(owners(Role::Seller, "よろしくお願いします。").is_empty());
    assert_eq!(
        questions("가격은 어떻게 되나요? 도입 시기는 언제쯤으로 생각하십니까. 좋습니다."),
        [
            "가격은 어떻게 되나요?",
            "도입 시기는 언제쯤으로 생각하십니까."
        ]
    );
    assert_eq!(
        questions("価格はいくらですか？導入時期はいつ頃でしょうか。了解です。"),
        ["価格はいくらですか？", "導入時期はいつ頃でしょうか。"]
    );
}
