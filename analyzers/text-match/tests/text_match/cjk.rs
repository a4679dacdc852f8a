//! Hangul, Han and Kana: a match at the start of a word counts even when a
//! particle follows in the same word (docs/metrics.md#matching-rules).

use crate::mentions;

#[test]
fn korean_particles_attach() {
    let text = "가격이 너무 높아요. 가격은 협상 가능한가요? 원가격도 알려주세요.";
    // 가격이, 가격은: the noun with its particle; 원가격: another word.
    assert_eq!(
        mentions(&["가격"], text),
        [("가격", "가격"), ("가격", "가격")]
    );
}

#[test]
fn korean_phrases_and_foreign_names_with_particles() {
    assert_eq!(
        mentions(
            &["계약 기간", "Zoom"],
            "계약 기간을 줄일 수 있나요? 지금은 Zoom을 써요."
        ),
        [("계약 기간", "계약 기간"), ("Zoom", "Zoom")]
    );
}

#[test]
fn japanese_particles_attach() {
    let text = "価格は高いですが、価格を下げられますか。ライセンス料も確認します。";
    assert_eq!(
        mentions(&["価格", "ライセンス"], text),
        [
            ("価格", "価格"),
            ("価格", "価格"),
            ("ライセンス", "ライセンス")
        ]
    );
}

#[test]
fn katakana_word_must_start_the_word() {
    // データ starts データベース (counts), but is inside ビッグデータ (does not).
    assert_eq!(
        mentions(&["データ"], "データベースとビッグデータ"),
        [("データ", "データ")]
    );
}

#[test]
fn chinese_without_spaces() {
    assert_eq!(
        mentions(
            &["价格", "竞争对手"],
            "你们的价格比竞争对手高吗？价格能再低一点吗"
        ),
        [("价格", "价格"), ("竞争对手", "竞争对手"), ("价格", "价格")]
    );
}
