//! Words per second of the keywords analyzer on one core, on a 30-minute
//! two-party call (300 alternating turns of 15 words, word timings, 4 500
//! words), through `Analyzer::analyze` on the call laid out as the host
//! lays it out:
//!
//! - `tracked`: 40 org keywords (words and phrases), key phrases off: the
//!   matching alone (target ≥ 1 M words/s);
//! - `tracked+call list`: the same plus a per-call list of 10 terms in the
//!   context, so the union's automaton is built for the call;
//! - `tracked+key phrases`: the whole analyzer with the default settings.
//!
//! Run: `cargo bench --bench matching`.

use callsight_analyzer_test_support::{ThirtyMinuteCall, words_per_second};
use callsight_keywords::{Config, Keywords};
use callsight_plugin_api::{Analyzer, CallData};

const SELLER_LINES: &[&str] = &[
    "so the way most teams start is with a pilot for one group of reps",
    "what would success look like for you by the end of the quarter?",
    "we plug into your CRM in about a day and your managers see every call",
    "I'll send you the pricing proposal by Friday, does that work for you?",
];
const CUSTOMER_LINES: &[&str] = &[
    "honestly the integration is the part I worry about the most",
    "we have about forty reps and onboarding takes three months right now",
    "that sounds reasonable, but I need to run the budget past finance first",
];

const KEYWORDS: &[&str] = &[
    "pricing",
    "budget",
    "integration",
    "onboarding",
    "pilot",
    "CRM",
    "finance",
    "security review",
    "procurement",
    "legal",
    "contract",
    "renewal",
    "discount",
    "ROI",
    "decision maker",
    "timeline",
    "next steps",
    "proposal",
    "quarter",
    "forecast",
    "churn",
    "implementation",
    "SSO",
    "data retention",
    "GDPR",
    "SOC 2",
    "API",
    "dashboard",
    "coaching",
    "quota",
    "pipeline",
    "champion",
    "competitor",
    "trial",
    "seat",
    "license",
    "upgrade",
    "support",
    "training",
    "가격",
];

/// The shared generator's 30-minute call in this benchmark's lines.
fn thirty_minute_call(context: &str) -> CallData {
    ThirtyMinuteCall::matching(SELLER_LINES, CUSTOMER_LINES, context).build()
}

fn main() {
    let config = |key_phrases: bool| -> Keywords {
        let json = serde_json::json!({
            "keywords": KEYWORDS,
            "key_phrases": { "enabled": key_phrases },
        });
        let config: Config = serde_json::from_value(json).expect("config");
        Keywords::create(config).expect("valid config")
    };
    let plain = thirty_minute_call("");
    let with_list = thirty_minute_call(
        r#"{"keywords": ["reps", "managers", "Friday", "three months", "group", "day",
            "success", "worry", "right now", "pilot"]}"#,
    );
    words_per_second("tracked", &config(false), &plain);
    words_per_second("tracked+call list", &config(false), &with_list);
    words_per_second("tracked+key phrases", &config(true), &plain);
}
