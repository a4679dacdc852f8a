//! Words per second of the competitors analyzer on one core, on a 30-minute
//! two-party call (300 alternating turns of 15 words, word timings, 4 500
//! words), through `Analyzer::analyze` on the call laid out as the host
//! lays it out, with 20 competitors of 3 aliases each (target ≥ 1 M
//! words/s).
//!
//! Run: `cargo bench --bench matching`.

use callsight_analyzer_test_support::{ThirtyMinuteCall, words_per_second};
use callsight_competitors::{Competitors, Config};
use callsight_plugin_api::{Analyzer, CallData};

const SELLER_LINES: &[&str] = &[
    "so the way most teams start is with a pilot for one group of reps",
    "what would success look like for you by the end of the quarter?",
    "we plug into SFDC in about a day and unlike Gong your managers see every call",
    "I'll send you the pricing proposal by Friday, does that work for you?",
];
const CUSTOMER_LINES: &[&str] = &[
    "honestly the integration is the part I worry about the most",
    "we have about forty reps and onboarding takes three months right now",
    "that sounds reasonable, but Chorus and Clari quoted less and finance asks",
];

/// 20 competitors: a name and three aliases each.
fn competitors() -> serde_json::Value {
    let names = [
        "Salesforce",
        "Gong",
        "Chorus",
        "Clari",
        "HubSpot",
        "Outreach",
        "Salesloft",
        "Zoom",
        "Microsoft",
        "Avoma",
        "Fireflies",
        "Otter",
        "Jiminny",
        "Wingman",
        "ExecVision",
        "Revenue.io",
        "Dialpad",
        "Aircall",
        "Pipedrive",
        "Zoho",
    ];
    let list: Vec<serde_json::Value> = names
        .iter()
        .map(|name| {
            serde_json::json!({
                "name": name,
                "aliases": [format!("{name} Cloud"), format!("{name} AI"), format!("{name}.com")],
            })
        })
        .collect();
    serde_json::json!({ "competitors": list })
}

/// The shared generator's 30-minute call in this benchmark's lines.
fn thirty_minute_call(context: &str) -> CallData {
    ThirtyMinuteCall::matching(SELLER_LINES, CUSTOMER_LINES, context).build()
}

fn main() {
    let mut config = competitors();
    config["competitors"][0]["aliases"]
        .as_array_mut()
        .expect("a list")
        .push("SFDC".into());
    let config: Config = serde_json::from_value(config).expect("config");
    let analyzer = Competitors::create(config).expect("valid config");
    words_per_second("competitors", &analyzer, &thirty_minute_call(""));
}
