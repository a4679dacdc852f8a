//! Text mixing scripts, as calls do.

use crate::mentions;

#[test]
fn english_terms_in_korean_and_japanese_sentences() {
    assert_eq!(
        mentions(
            &["Salesforce", "HubSpot"],
            "저희는 SALESFORCE를 쓰고 있고, HubSpotは検討中です。"
        ),
        [("Salesforce", "SALESFORCE"), ("HubSpot", "HubSpot")]
    );
}

#[test]
fn attaching_rule_does_not_leak_into_latin_words() {
    // "Sam" followed by Latin letters is still no match; followed by a
    // Korean particle it is.
    assert_eq!(
        mentions(&["Sam"], "Samsung, Sam이, Samuel"),
        [("Sam", "Sam")]
    );
}

#[test]
fn one_set_many_scripts() {
    let terms = ["pricing", "가격", "価格", "价格", "цена"];
    let text = "Pricing: 가격이 / 価格は / 价格 / цена, pricingmodel";
    let found: Vec<&str> = mentions(&terms, text).into_iter().map(|(t, _)| t).collect();
    assert_eq!(found, ["pricing", "가격", "価格", "价格", "цена"]);
}
