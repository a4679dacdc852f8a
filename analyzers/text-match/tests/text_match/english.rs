//! Latin-script rules: both ends of a match on word boundaries.

use callsight_text_match::{EmptyTerm, TermSet, normalize};

use crate::mentions;

#[test]
fn whole_words_only() {
    let text = "The price is priceless, but pricing and prices matter: price.";
    assert_eq!(
        mentions(&["price"], text),
        [("price", "price"), ("price", "price")]
    );
    assert_eq!(
        text.match_indices("price").count(),
        4,
        "the text does contain the letters elsewhere"
    );
}

#[test]
fn case_insensitive_and_reported_as_spoken() {
    assert_eq!(
        mentions(&["salesforce"], "SALESFORCE, Salesforce and salesForce."),
        [
            ("salesforce", "SALESFORCE"),
            ("salesforce", "Salesforce"),
            ("salesforce", "salesForce")
        ]
    );
}

#[test]
fn phrases_across_any_whitespace() {
    assert_eq!(
        mentions(
            &["Price Increase"],
            "a price  increase, another price\n\tincrease, no priceincrease"
        ),
        [
            ("Price Increase", "price  increase"),
            ("Price Increase", "price\n\tincrease")
        ]
    );
}

#[test]
fn punctuation_and_apostrophes() {
    // "don't" is one word (UAX #29), so "don" is not in it; "e-mail" is
    // two words around a hyphen, "3.5" one number.
    assert_eq!(mentions(&["don"], "Don't worry, don."), [("don", "don")]);
    // The possessive is the name's: "Gong's pricing" mentions Gong.
    assert_eq!(
        mentions(&["gong"], "Gong's pricing, Gong’s team, Gongs"),
        [("gong", "Gong"), ("gong", "Gong")]
    );
    assert_eq!(mentions(&["mail"], "Send an e-mail"), [("mail", "mail")]);
    assert_eq!(mentions(&["3"], "version 3.5, not 3"), [("3", "3")]);
    assert_eq!(
        mentions(&["renewal"], "(renewal) \"renewal\" renewals renewal?"),
        [
            ("renewal", "renewal"),
            ("renewal", "renewal"),
            ("renewal", "renewal")
        ]
    );
    assert_eq!(mentions(&["c++"], "We use C++ and C."), [("c++", "C++")]);
}

#[test]
fn leftmost_longest_without_overlap() {
    let terms = ["sales", "sales team", "team lead"];
    assert_eq!(
        mentions(&terms, "our sales team lead"),
        [("sales team", "sales team")]
    );
    // The longer term fails its boundary; the shorter one still counts.
    assert_eq!(mentions(&terms, "our sales teams"), [("sales", "sales")]);
    assert_eq!(
        mentions(&terms, "sales, team lead"),
        [("sales", "sales"), ("team lead", "team lead")]
    );
}

#[test]
fn duplicate_terms_report_the_first() {
    assert_eq!(
        mentions(&["Zoom", "zoom ", "ZOOM"], "zoom"),
        [("Zoom", "zoom")]
    );
}

#[test]
fn empty_terms_are_refused() {
    assert_eq!(
        TermSet::new(["ok", " \t"]).unwrap_err(),
        EmptyTerm { index: 1 }
    );
    assert_eq!(normalize("  Net   Revenue "), "net revenue");
    assert!(
        TermSet::new(Vec::<String>::new())
            .unwrap()
            .find("x")
            .is_empty()
    );
}

#[test]
fn other_latin_and_greek_and_cyrillic_case() {
    assert_eq!(
        mentions(&["ÉCOLE", "Οδός", "цена"], "école ΟΔΌΣ οδός Цена ценами"),
        [
            ("ÉCOLE", "école"),
            ("Οδός", "ΟΔΌΣ"),
            ("Οδός", "οδός"),
            ("цена", "Цена")
        ]
    );
}

#[test]
fn byte_ranges_index_the_original() {
    let text = "İstanbul office, then the ISTANBUL one";
    let set = TermSet::new(["istanbul"]).unwrap();
    let found = set.find(text);
    // "İ" lowercases to "i̇", which is not "i": only the second matches.
    assert_eq!(found.len(), 1);
    assert_eq!(&text[found[0].range.clone()], "ISTANBUL");
}
