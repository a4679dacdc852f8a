//! Numbers, counts and metric names written for people.

use callsight_plugin_api::names::metric;

/// `v` rounded to as many decimals as people need, plus `extra`: none from 100
/// up, one from 1 up, two below 1 (0.04 mentions per call must not read as 0).
pub(super) fn number(v: f64, extra: usize) -> String {
    let places = if v.abs() >= 100.0 {
        0
    } else if v.abs() >= 1.0 {
        1
    } else {
        2
    };
    decimals(v, places + extra)
}

/// `v` with at most `places` decimals, trailing zeros dropped, never "-0".
pub(super) fn decimals(v: f64, places: usize) -> String {
    let text = format!("{v:.places$}");
    let text = if text.contains('.') {
        text.trim_end_matches('0').trim_end_matches('.')
    } else {
        &text
    };
    if text == "-0" {
        "0".to_owned()
    } else {
        text.to_owned()
    }
}

/// "1 call" / "14 calls".
pub(super) fn calls(n: u64) -> String {
    if n == 1 {
        "1 call".to_owned()
    } else {
        format!("{n} calls")
    }
}

/// How sentences name the built-in metrics (their units are the plugin
/// contract's, in `plugin_api::names::metric::BUILT_IN`).
const LABELS: [(&str, &str); 22] = [
    (metric::TALK_TO_LISTEN_RATIO, "Talk-to-listen ratio"),
    (metric::SWITCH_COUNT, "Speaker switches per call"),
    (metric::SWITCHES_PER_HOUR, "Speaker switching"),
    (
        metric::LONGEST_CUSTOMER_MONOLOGUE_MS,
        "Longest customer monologue",
    ),
    (
        metric::LONGEST_SELLER_MONOLOGUE_MS,
        "Longest seller monologue",
    ),
    (
        metric::AVG_PAUSE_BEFORE_SPEAKING_MS,
        "Pause before speaking",
    ),
    (metric::INTERRUPTION_COUNT, "Interruptions per call"),
    (metric::TALKING_SPEED_WPM, "Talking speed"),
    (
        metric::SELLER_QUESTION_COUNT,
        "Questions asked by the seller per call",
    ),
    (
        metric::CUSTOMER_QUESTION_COUNT,
        "Questions asked by the customer per call",
    ),
    (metric::DURATION_MS, "Call duration"),
    (metric::SELLER_TALK_MS, "Seller talk time"),
    (metric::CUSTOMER_TALK_MS, "Customer talk time"),
    (metric::CUSTOMER_SENTIMENT_SCORE, "Customer sentiment score"),
    (
        metric::CUSTOMER_POSITIVE_SHARE,
        "Share of positive customer statements",
    ),
    (
        metric::CUSTOMER_NEUTRAL_SHARE,
        "Share of neutral customer statements",
    ),
    (
        metric::CUSTOMER_NEGATIVE_SHARE,
        "Share of negative customer statements",
    ),
    (metric::SELLER_SENTIMENT_SCORE, "Seller sentiment score"),
    (
        metric::COMPETITOR_MENTION_COUNT,
        "Competitor mentions per call",
    ),
    (metric::KEYWORD_MENTION_COUNT, "Keyword mentions per call"),
    (metric::SELLER_ACTION_ITEM_COUNT, "Seller action item count"),
    (
        metric::CUSTOMER_ACTION_ITEM_COUNT,
        "Customer action item count",
    ),
];

/// The label of a metric for sentences; an unknown metric's name with its
/// underscores as spaces and a capital first letter (`seller_talk_share` →
/// "Seller talk share").
pub(super) fn label_of(name: &str) -> String {
    if let Some(&(_, label)) = LABELS.iter().find(|(built_in, _)| *built_in == name) {
        return label.to_owned();
    }
    let spaced = name.replace('_', " ");
    let mut chars = spaced.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_metric_has_a_label() {
        for (name, ..) in metric::BUILT_IN {
            assert!(
                LABELS.iter().any(|(labelled, _)| *labelled == name),
                "{name} has no label"
            );
        }
        assert_eq!(label_of("seller_talk_share"), "Seller talk share");
    }
}
