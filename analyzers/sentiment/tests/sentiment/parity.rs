//! Parity with the reference on the VADER paper's 4 200 tweets: the
//! compound score within ±0.001 of vaderSentiment 3.3.2's on at least
//! 99.5 % of them, and the correlation with the human ratings.

use std::collections::HashMap;
use std::path::PathBuf;

use callsight_sentiment::polarity_scores;

/// `shared/data/vader`, beside the repository (three levels above this crate).
pub fn vader_data() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/vader");
    assert!(
        dir.join("tweets_reference_scores.tsv").is_file(),
        "no shared/data/vader at {}",
        dir.display()
    );
    dir
}

/// One tweet: its text, the human mean rating and the reference's scores.
struct Tweet {
    text: String,
    gold_mean: f64,
    compound: f64,
    neg: f64,
    neu: f64,
    pos: f64,
}

fn tweets() -> Vec<Tweet> {
    let dir = vader_data();
    let read = |name: &str| {
        std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
    };
    // id, mean, text (CRLF lines).
    let truth = read("tweets_GroundTruth.txt");
    let texts: HashMap<&str, &str> = truth
        .lines()
        .filter(|l| !l.is_empty())
        .map(|line| {
            let mut fields = line.splitn(3, '\t');
            let id = fields.next().unwrap();
            let text = fields.nth(1).unwrap_or_else(|| panic!("no text: {line:?}"));
            (id, text)
        })
        .collect();
    let scores = read("tweets_reference_scores.tsv");
    let mut lines = scores.lines();
    assert_eq!(
        lines.next(),
        Some("dataset\tid\tgold_mean\tcompound\tneg\tneu\tpos")
    );
    lines
        .filter(|l| !l.is_empty())
        .map(|line| {
            let f: Vec<&str> = line.split('\t').collect();
            let number = |i: usize| f[i].parse::<f64>().unwrap();
            Tweet {
                text: texts[f[1]].to_owned(),
                gold_mean: number(2),
                compound: number(3),
                neg: number(4),
                neu: number(5),
                pos: number(6),
            }
        })
        .collect()
}

fn pearson(pairs: &[(f64, f64)]) -> f64 {
    let n = pairs.len() as f64;
    let (sx, sy) = pairs
        .iter()
        .fold((0.0, 0.0), |(sx, sy), (x, y)| (sx + x, sy + y));
    let (mx, my) = (sx / n, sy / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in pairs {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx) * (x - mx);
        syy += (y - my) * (y - my);
    }
    sxy / (sxx * syy).sqrt()
}

#[test]
fn compound_matches_the_reference_on_the_papers_tweets() {
    let tweets = tweets();
    assert_eq!(tweets.len(), 4_200);
    let mut within = 0;
    let mut exact = 0;
    let mut pairs = Vec::with_capacity(tweets.len());
    let mut worst: Vec<(f64, &str)> = Vec::new();
    for tweet in &tweets {
        let scores = polarity_scores(&tweet.text);
        let error = (scores.compound - tweet.compound).abs();
        if error <= 0.001 + 1e-9 {
            within += 1;
        } else {
            worst.push((error, &tweet.text));
        }
        if (scores.compound, scores.neg, scores.neu, scores.pos)
            == (tweet.compound, tweet.neg, tweet.neu, tweet.pos)
        {
            exact += 1;
        }
        pairs.push((scores.compound, tweet.gold_mean));
    }
    let share = within as f64 / tweets.len() as f64;
    let r = pearson(&pairs);
    println!(
        "VADER parity: compound within ±0.001 on {within}/{} tweets ({:.2} %); all four scores \
         identical on {exact}; Pearson r against the human means = {r:.4} (paper: 0.88)",
        tweets.len(),
        share * 100.0
    );
    assert!(share >= 0.995, "only {share:.4} within ±0.001: {worst:?}");
    assert!(r > 0.85, "Pearson r {r}");
}
