//! YAKE against the reference implementation on the first Inspec abstracts:
//! the full evaluation (F1@10 on all 2 000, speed) is `cargo bench --bench
//! inspec`.

use std::collections::HashMap;

use callsight_keywords::keyphrases::Yake;

use crate::data;

#[test]
fn top_ten_as_python_yake_on_first_abstracts() {
    let reference: HashMap<String, Vec<String>> = std::fs::read_to_string(
        data::shared_data().join("keyphrase/yake-py0.7.3_top10_Inspec.tsv"),
    )
    .expect("the reference file")
    .lines()
    .map(|line| {
        let (id, keys) = line.split_once('\t').expect("id<TAB>keys");
        (
            id.to_owned(),
            keys.split('|').map(str::to_owned).collect::<Vec<_>>(),
        )
    })
    .collect();
    let docs = data::inspec();
    assert_eq!(docs.len(), 2000);
    let yake = Yake::english();
    let first = &docs[..40];
    let same: Vec<&str> = first
        .iter()
        .filter(|d| {
            let ours: Vec<String> = yake
                .extract(&d.text, 10)
                .into_iter()
                .map(|p| p.phrase)
                .collect();
            ours == reference[&d.id]
        })
        .map(|d| d.id.as_str())
        .collect();
    // The rest differ by deduplication: Python 0.7.3 keeps near-duplicates
    // such as "neural network" next to "neural networks", which the
    // Levenshtein rule of the YAKE paper drops.
    assert!(
        same.len() >= 34,
        "identical on only {} of 40: {same:?}",
        same.len()
    );
    let first = yake.extract(&docs[0].text, 3);
    assert_eq!(docs[0].id, "100");
    assert_eq!(
        first.iter().map(|p| p.phrase.as_str()).collect::<Vec<_>>(),
        [
            "supplying Web-based platforms",
            "independent money managers",
            "pick independent money"
        ]
    );
    assert!(first.windows(2).all(|w| w[0].score <= w[1].score));
}
