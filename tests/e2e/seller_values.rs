//! The seller page's numbers, checked against the calls they are made of:
//! real calls imported over HTTP, analysed by the real built-in analyzers,
//! and every KPI, statistic, competitor figure and call-history filter
//! recomputed here from the calls' own metrics and signals
//! (docs/metrics.md#period-values).

use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

use callsight::domain::Scope;
use callsight::store::orgs;
use chrono::{Datelike, NaiveDate};
use serde_json::{Value, json};
use tempfile::TempDir;

use crate::support::{Backend, Team, TestApp, on_both_backends};

/// Tolerance of every comparison of a figure with its recomputation.
const EPSILON: f64 = 1e-9;

// ---------------------------------------------------------------------------
// The calls.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    A1,
    A2,
}

/// (speaker label, name, e-mail).
type Person = (&'static str, &'static str, &'static str);
/// (speaker label, start ms, end ms, text).
type Seg = (&'static str, i64, i64, &'static str);

/// One call to import.
struct Spec {
    key: &'static str,
    who: Who,
    started_at: &'static str,
    outcome: &'static str,
    seller_label: &'static str,
    participants: &'static [Person],
    segments: &'static [Seg],
}

const ALEX: Person = ("rep", "Alex Whitmore", "alex.whitmore@acme.example");
const SAM: Person = ("agent", "Sam Ortiz", "sam.ortiz@acme.example");

/// Seller A1: five calls in the current range (2026-03-10..16, one at
/// 23:30 on its last day), one just after it (00:10 on the 17th), three in
/// the previous period (one at 23:50 on its last day). Seller A2: two calls
/// in the current range.
const SPECS: &[Spec] = &[
    Spec {
        // Negative customer who names Gong twice and pricing; many seller questions.
        key: "a1-c1",
        who: Who::A1,
        started_at: "2026-03-10T09:00:00Z",
        outcome: "WON",
        seller_label: "rep",
        participants: &[
            ALEX,
            (
                "client",
                "Dana Whitfield",
                "dana.whitfield@northwind.example",
            ),
        ],
        segments: &[
            (
                "rep",
                0,
                8_000,
                "Hi Dana, thanks for making time today. How is the rollout going? What is blocking your team right now?",
            ),
            (
                "client",
                8_600,
                22_000,
                "Honestly it has been terrible. The onboarding was awful and we are frustrated. Gong kept failing us too.",
            ),
            (
                "rep",
                22_400,
                27_000,
                "I'm sorry to hear that. Which part hurt the most?",
            ),
            (
                "client",
                27_500,
                41_000,
                "The pricing is confusing and the support is horrible. We are angry and disappointed.",
            ),
            (
                "rep",
                41_300,
                47_000,
                "Understood. Would a dedicated onboarding manager help? Who else should join the next call?",
            ),
            (
                "client",
                47_800,
                60_000,
                "Maybe. But Gong is cheaper and I hate wasting more time on this.",
            ),
            (
                "rep",
                60_500,
                64_000,
                "Fair. I'll send a revised proposal by Friday.",
            ),
        ],
    },
    Spec {
        // The seller talks most (talk-to-listen above the ideal 0.65) and is
        // the only one to name Gong; a happy customer.
        key: "a1-c2",
        who: Who::A1,
        started_at: "2026-03-12T14:00:00Z",
        outcome: "LOST",
        seller_label: "rep",
        participants: &[
            ALEX,
            ("client", "Omar Haddad", "omar@globex-trading.example"),
        ],
        segments: &[
            (
                "rep",
                0,
                45_000,
                "Thanks Omar. Let me walk you through the platform in detail. Unlike Gong, we score every call automatically, we build coaching plans for each rep, and we connect to your CRM out of the box so nobody has to copy notes by hand.",
            ),
            ("client", 45_500, 52_000, "That sounds great, I love that."),
            (
                "rep",
                52_300,
                110_000,
                "Wonderful. The dashboards show talk ratios, questions and monologues for every seller, and managers can comment on any moment of a call and share it with the rep, which teams tell us saves hours every week.",
            ),
            (
                "client",
                110_400,
                118_000,
                "Fantastic, thank you. This is really helpful and exciting.",
            ),
            ("rep", 118_300, 130_000, "Great. Any questions for me?"),
        ],
    },
    Spec {
        // The customer's segments carry no text (timing only): the call has
        // talk-time KPIs but no customer sentiment.
        key: "a1-c5",
        who: Who::A1,
        started_at: "2026-03-13T08:15:00Z",
        outcome: "OPEN",
        seller_label: "rep",
        participants: &[
            ALEX,
            ("client", "Ivan Petrov", "ivan.petrov@contoso.example"),
        ],
        segments: &[
            (
                "rep",
                0,
                15_000,
                "Hi Ivan, can you hear me? Let me share my screen and show you the reporting view.",
            ),
            ("client", 15_600, 30_000, ""),
            (
                "rep",
                30_500,
                42_000,
                "Does that answer it? What would you like to see next?",
            ),
            ("client", 42_700, 50_000, ""),
        ],
    },
    Spec {
        // Two customers; one names Gong and asks questions, the seller says
        // "pricing"; the seller cuts in once.
        key: "a1-c3",
        who: Who::A1,
        started_at: "2026-03-14T11:00:00Z",
        outcome: "OPEN",
        seller_label: "rep",
        participants: &[
            ALEX,
            ("client", "Priya Natarajan", "priya@initech.example"),
            ("client2", "Lee Park", "lee.park@initech.example"),
        ],
        segments: &[
            (
                "rep",
                0,
                6_000,
                "Morning Priya, morning Lee. Shall we start with pricing?",
            ),
            (
                "client",
                6_300,
                20_000,
                "Sure. We compared you with Gong last week and frankly the results were bad. Why is your contract so rigid? Can we cancel monthly?",
            ),
            (
                "rep",
                20_100,
                30_000,
                "Good questions. Yes, monthly plans exist, and the pricing sheet lists them.",
            ),
            (
                "client2",
                30_800,
                38_000,
                "The previous tool was a disaster for us. What happens to our data if we leave?",
            ),
            (
                "rep",
                37_800,
                46_000,
                "You keep all of it, exported in one click.",
            ),
            ("client", 46_400, 52_000, "Okay, that is not bad."),
            (
                "rep",
                52_500,
                58_000,
                "Let's schedule a pilot for next Tuesday.",
            ),
        ],
    },
    Spec {
        // One customer turn, at the end: no pause before the seller speaks.
        key: "a1-c4",
        who: Who::A1,
        started_at: "2026-03-16T23:30:00Z",
        outcome: "WON",
        seller_label: "rep",
        participants: &[ALEX, ("client", "Grace Liu", "grace@umbrella.example")],
        segments: &[
            (
                "rep",
                0,
                20_000,
                "Hello Grace, I'll keep this short. We reviewed your notes and prepared a plan for the rollout and the training sessions.",
            ),
            (
                "client",
                20_500,
                40_000,
                "Thank you, this is excellent. The pricing works for us and the team is happy. We are glad to sign.",
            ),
        ],
    },
    Spec {
        // Just after the current range.
        key: "a1-x1",
        who: Who::A1,
        started_at: "2026-03-17T00:10:00Z",
        outcome: "LOST",
        seller_label: "rep",
        participants: &[ALEX, ("client", "Zoe Whitaker", "zoe@northwind.example")],
        segments: &[
            ("rep", 0, 5_000, "Hi Zoe, how did the pilot go?"),
            (
                "client",
                5_400,
                19_000,
                "I am disappointed. Gong gave us a terrible experience and I don't trust any of these tools.",
            ),
            ("rep", 19_500, 24_000, "What would change your mind?"),
            ("client", 24_600, 30_000, "Nothing, sadly. We are done."),
        ],
    },
    Spec {
        key: "a1-p1",
        who: Who::A1,
        started_at: "2026-03-03T10:00:00Z",
        outcome: "OPEN",
        seller_label: "rep",
        participants: &[ALEX, ("client", "Hannah Berg", "hannah@fabrikam.example")],
        segments: &[
            ("rep", 0, 4_000, "What tools do you use today?"),
            (
                "client",
                4_500,
                12_000,
                "We use Gong for recording calls and spreadsheets for the rest.",
            ),
            ("rep", 12_600, 16_000, "How many reps are on the team?"),
            ("client", 16_900, 19_000, "About forty."),
            ("rep", 19_800, 26_000, "Thanks, I'll send a summary."),
        ],
    },
    Spec {
        key: "a1-p2",
        who: Who::A1,
        started_at: "2026-03-06T15:00:00Z",
        outcome: "WON",
        seller_label: "rep",
        participants: &[ALEX, ("client", "Tom Reyes", "tom.reyes@litware.example")],
        segments: &[
            ("rep", 0, 6_000, "Tom, how has the first month been?"),
            (
                "client",
                6_500,
                21_000,
                "We love the product, the team is happy and the results are great.",
            ),
            (
                "rep",
                21_500,
                30_000,
                "That's wonderful. Shall we add the second team?",
            ),
            ("client", 30_700, 36_000, "Yes, gladly."),
        ],
    },
    Spec {
        key: "a1-p3",
        who: Who::A1,
        started_at: "2026-03-09T23:50:00Z",
        outcome: "LOST",
        seller_label: "rep",
        participants: &[ALEX, ("client", "Nina Alvarez", "nina@adatum.example")],
        segments: &[
            ("rep", 0, 7_000, "Nina, what went wrong with the renewal?"),
            (
                "client",
                7_600,
                25_000,
                "The pricing is too high and the renewal was a nightmare. I'm upset and tired of it.",
            ),
            ("rep", 25_400, 31_000, "I understand. Can we fix the terms?"),
        ],
    },
    Spec {
        key: "a2-b1",
        who: Who::A2,
        started_at: "2026-03-11T10:00:00Z",
        outcome: "WON",
        seller_label: "agent",
        participants: &[SAM, ("client", "Karl Jensen", "karl@tailspin.example")],
        segments: &[
            ("agent", 0, 5_000, "Hi Karl, how did the trial go?"),
            (
                "client",
                5_600,
                16_000,
                "Really well, thanks! It beat Gong in every test and the team loves it.",
            ),
            (
                "agent",
                16_500,
                22_000,
                "Great to hear. Shall we talk about next steps?",
            ),
            ("client", 22_800, 25_000, "Yes, happy to."),
        ],
    },
    Spec {
        key: "a2-b2",
        who: Who::A2,
        started_at: "2026-03-15T13:00:00Z",
        outcome: "LOST",
        seller_label: "agent",
        participants: &[
            SAM,
            ("client", "Wendy Whitcombe", "wendy@woodgrove.example"),
        ],
        segments: &[
            ("agent", 0, 4_000, "Hi Wendy, thanks for the time."),
            (
                "client",
                4_500,
                18_000,
                "I'm annoyed. The reports were wrong twice and nobody helped. This is unacceptable.",
            ),
            ("agent", 18_400, 24_000, "I'm sorry. I'll fix it today."),
            ("client", 24_500, 26_000, "I doubt it."),
        ],
    },
];

/// The native JSON document of a call.
fn payload(spec: &Spec) -> String {
    json!({
        "participants": spec.participants.iter().map(|(speaker, name, email)| json!({
            "speaker": speaker, "name": name, "email": email, "role": null
        })).collect::<Vec<_>>(),
        "segments": spec.segments.iter().map(|(speaker, start, end, text)| json!({
            "speaker": speaker, "startMs": start, "endMs": end, "text": text
        })).collect::<Vec<_>>(),
    })
    .to_string()
}

// ---------------------------------------------------------------------------
// Date ranges.

fn date(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// An inclusive range of days (the organisation's time zone is UTC).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Range {
    from: NaiveDate,
    to: NaiveDate,
}

impl Range {
    fn new(from: &str, to: &str) -> Self {
        Self {
            from: date(from),
            to: date(to),
        }
    }

    fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }

    /// The range of equal length that ends the day before this one starts.
    fn previous(&self) -> Self {
        let days = (self.to - self.from).num_days() + 1;
        Self {
            from: self.from - chrono::Duration::days(days),
            to: self.from - chrono::Duration::days(1),
        }
    }

    fn json(&self) -> Value {
        json!({"from": self.from.to_string(), "to": self.to.to_string()})
    }
}

/// The seller page's range in these tests.
fn current() -> Range {
    Range::new("2026-03-10", "2026-03-16")
}

// ---------------------------------------------------------------------------
// The calls as the API reports them.

/// A call's own figures, read back from `call(id)`.
#[derive(Debug, Clone)]
struct Facts {
    key: &'static str,
    id: String,
    who: Who,
    started_at: &'static str,
    outcome: &'static str,
    day: NaiveDate,
    metrics: BTreeMap<String, Option<f64>>,
    customer_sentiment: Option<f64>,
    /// Lower-cased names and e-mails of the customer participants.
    customers: Vec<String>,
    /// (kind, value, role).
    signals: Vec<(String, String, String)>,
}

impl Facts {
    fn metric(&self, name: &str) -> Option<f64> {
        self.metrics.get(name).copied().flatten()
    }

    /// Mentions of a competitor or keyword (any case) by `role` (any role when `None`).
    fn mentions(&self, kinds: &[&str], value: &str, role: Option<&str>) -> usize {
        self.signals
            .iter()
            .filter(|(k, v, r)| {
                kinds.contains(&k.as_str())
                    && v.to_lowercase() == value.to_lowercase()
                    && role.is_none_or(|role| r == role)
            })
            .count()
    }
}

const FACTS: &str =
    "query($id: ID!) { call(id: $id) { id analysisStatus analyzerRuns { analyzer error }
    customerSentiment participants { name email role } metrics { name value }
    signals { kind value role } } }";

/// The server, its organisation, and the analysed calls.
struct Fixture {
    app: TestApp,
    team: Team,
    _plugins: TempDir,
    admin: String,
    manager: String,
    /// Ids of the imported calls, in `SPECS` order.
    ids: Vec<String>,
}

impl Fixture {
    /// Imports every call of `SPECS` and waits for their analysis. Seller A2
    /// is the admin's chosen top performer.
    async fn new(backend: &Backend) -> Self {
        let plugins = crate::builtins::install_builtins();
        let app = TestApp::spawn_with_plugins(backend, plugins.path(), 10_000).await;
        let team = Team::create(&app, "Acme", true).await;

        // The admin's choice of top performers, so that the KPIs'
        // `topPerformers` is a figure to check (seller A2's calls).
        let store = &app.app.store;
        let scope = Scope::local_operator(team.admin.org);
        let mut org = orgs::get(store.db(), &scope).await.unwrap();
        org.settings.top_performers = vec![team.seller_a2.id.0];
        orgs::update(store.db(), &scope, &org.settings, None)
            .await
            .unwrap();

        let admin = app.token(&team.admin);
        let manager = app.token(&team.manager_a);
        let configure = "mutation($input: ConfigureAnalyzerInput!) { configureAnalyzer(input: $input) { name } }";
        app.ok(
            &admin,
            configure,
            json!({"input": {"name": "competitors",
                "config": {"competitors": [{"name": "Gong", "aliases": []}]}}}),
        )
        .await;
        app.ok(
            &admin,
            configure,
            json!({"input": {"name": "keywords", "config": {"keywords": ["pricing"]}}}),
        )
        .await;

        let import = "mutation($input: ImportCallInput!) { importCall(input: $input) { call { id } created } }";
        let mut ids = Vec::new();
        for spec in SPECS {
            let seller = match spec.who {
                Who::A1 => "seller-a1@acme.example",
                Who::A2 => "seller-a2@acme.example",
            };
            let input = json!({"format": "NATIVE", "payload": payload(spec), "sellerEmail": seller,
                "speakers": [{"speaker": spec.seller_label, "role": "SELLER"}],
                "startedAt": spec.started_at, "outcome": spec.outcome, "title": spec.key,
                "externalId": spec.key});
            let data = app.ok(&admin, import, json!({"input": input})).await;
            assert_eq!(data["importCall"]["created"], true, "{}", spec.key);
            ids.push(
                data["importCall"]["call"]["id"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
            );
        }
        let fixture = Self {
            app,
            team,
            _plugins: plugins,
            admin,
            manager,
            ids,
        };
        fixture.wait_for_analysis().await;
        fixture
    }

    fn seller(&self) -> String {
        self.team.seller_a1.id.to_string()
    }

    /// Waits until no call is pending, then requires all of them done.
    async fn wait_for_analysis(&self) {
        let query = "{ calls(first: 100) { edges { node { id analysisStatus } } } }";
        let deadline = Instant::now() + Duration::from_secs(180);
        loop {
            let data = self.app.ok(&self.admin, query, json!({})).await;
            let statuses: Vec<String> = data["calls"]["edges"]
                .as_array()
                .unwrap()
                .iter()
                .map(|e| e["node"]["analysisStatus"].as_str().unwrap().to_owned())
                .collect();
            assert_eq!(statuses.len(), SPECS.len(), "{data}");
            if statuses.iter().all(|s| s != "PENDING") {
                assert!(statuses.iter().all(|s| s == "DONE"), "{data}");
                return;
            }
            assert!(
                Instant::now() < deadline,
                "analysis did not finish in time: {statuses:?}"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Every call's figures as `call(id)` reports them.
    async fn facts(&self) -> Vec<Facts> {
        let mut all = Vec::new();
        for (spec, id) in SPECS.iter().zip(&self.ids) {
            let data = self.app.ok(&self.manager, FACTS, json!({"id": id})).await;
            let call = &data["call"];
            assert_eq!(call["analysisStatus"], "DONE", "{}: {call}", spec.key);
            for run in call["analyzerRuns"].as_array().unwrap() {
                assert_eq!(run["error"], Value::Null, "{}: {run}", spec.key);
            }
            let mut metrics = BTreeMap::new();
            for m in call["metrics"].as_array().unwrap() {
                let name = m["name"].as_str().unwrap().to_owned();
                let previous = metrics.insert(name.clone(), m["value"].as_f64());
                assert!(previous.is_none(), "{}: metric {name} twice", spec.key);
            }
            let customers = call["participants"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|p| p["role"] == "CUSTOMER")
                .flat_map(|p| [p["name"].as_str(), p["email"].as_str()])
                .flatten()
                .map(str::to_lowercase)
                .collect();
            let signals = call["signals"]
                .as_array()
                .unwrap()
                .iter()
                .map(|s| {
                    (
                        s["kind"].as_str().unwrap().to_owned(),
                        s["value"].as_str().unwrap().to_owned(),
                        s["role"].as_str().unwrap_or("").to_owned(),
                    )
                })
                .collect();
            let facts = Facts {
                key: spec.key,
                id: id.clone(),
                who: spec.who,
                started_at: spec.started_at,
                outcome: spec.outcome,
                day: date(&spec.started_at[..10]),
                metrics,
                customer_sentiment: call["customerSentiment"].as_f64(),
                customers,
                signals,
            };
            // The list's sentiment is the call's customer score.
            assert_eq!(
                facts.customer_sentiment,
                facts.metric("customer_sentiment_score"),
                "{}",
                spec.key
            );
            all.push(facts);
        }
        all
    }
}

// ---------------------------------------------------------------------------
// Recomputing the figures.

/// The calls of `who` (everyone when `None`) in `range`.
fn calls_of(facts: &[Facts], who: Option<Who>, range: Range) -> Vec<&Facts> {
    facts
        .iter()
        .filter(|f| who.is_none_or(|w| f.who == w) && range.contains(f.day))
        .collect()
}

/// Mean of the calls' values of `metric` (calls without one left out) and
/// how many calls have one.
fn mean_of(calls: &[&Facts], metric: &str) -> (Option<f64>, u64) {
    let values: Vec<f64> = calls.iter().filter_map(|f| f.metric(metric)).collect();
    let mean = (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64);
    (mean, values.len() as u64)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= EPSILON * b.abs().max(1.0)
}

/// `actual` is `expected` (null for `None`) within [`EPSILON`].
#[track_caller]
fn assert_figure(actual: &Value, expected: Option<f64>, what: &str) {
    match (actual.as_f64(), expected) {
        (None, None) if actual.is_null() => {}
        (Some(a), Some(e)) if close(a, e) => {}
        _ => panic!("{what}: got {actual}, expected {expected:?}"),
    }
}

/// Two responses are the same, numbers within [`EPSILON`].
#[track_caller]
fn assert_same_json(actual: &Value, expected: &Value, path: &str) {
    match (actual, expected) {
        (Value::Number(a), Value::Number(e)) => assert!(
            close(a.as_f64().unwrap(), e.as_f64().unwrap()),
            "{path}: {actual} != {expected}"
        ),
        (Value::Array(a), Value::Array(e)) => {
            assert_eq!(a.len(), e.len(), "{path}: {actual} != {expected}");
            for (i, (a, e)) in a.iter().zip(e).enumerate() {
                assert_same_json(a, e, &format!("{path}[{i}]"));
            }
        }
        (Value::Object(a), Value::Object(e)) => {
            let keys = |o: &serde_json::Map<String, Value>| o.keys().cloned().collect::<Vec<_>>();
            assert_eq!(keys(a), keys(e), "{path}");
            for (key, value) in a {
                assert_same_json(value, &e[key], &format!("{path}.{key}"));
            }
        }
        _ => assert_eq!(actual, expected, "{path}"),
    }
}

fn ids(calls: &[&Facts]) -> Vec<String> {
    calls.iter().map(|f| f.id.clone()).collect()
}

/// The calls newest first, as the call history lists them.
fn newest_first(mut calls: Vec<&Facts>) -> Vec<&Facts> {
    calls.sort_by(|a, b| b.started_at.cmp(a.started_at));
    calls
}

fn keys_of(facts: &[Facts], ids: &[String]) -> Vec<&'static str> {
    ids.iter()
        .map(|id| {
            facts
                .iter()
                .find(|f| &f.id == id)
                .map_or("(unknown call)", |f| f.key)
        })
        .collect()
}

// ---------------------------------------------------------------------------
// The seller page's figures, each checked against its recomputation.

const KPI: &str = "fragment K on Kpi { name unit value calls team topPerformers inIdealShare
    idealRange { min max } trend { previous change } }";

/// The conversation-style KPIs in page order (schema: `ConversationStyle`).
const STYLE: [(&str, &str); 8] = [
    ("talkingSpeed", "talking_speed_wpm"),
    ("switchesPerConversation", "switch_count"),
    ("averagePause", "avg_pause_before_speaking_ms"),
    ("longestCustomerMonologue", "longest_customer_monologue_ms"),
    ("talkToListen", "talk_to_listen_ratio"),
    ("longestSellerMonologue", "longest_seller_monologue_ms"),
    ("questions", "seller_question_count"),
    ("customerQuestions", "customer_question_count"),
];

/// docs/metrics.md#ideal-ranges's default ideal ranges (min, max).
fn default_ideal(metric: &str) -> Option<(Option<f64>, Option<f64>)> {
    match metric {
        "talk_to_listen_ratio" => Some((None, Some(0.65))),
        "longest_seller_monologue_ms" => Some((None, Some(150_000.0))),
        "longest_customer_monologue_ms" => Some((Some(50_000.0), None)),
        "seller_question_count" => Some((Some(11.0), Some(14.0))),
        "talking_speed_wpm" => Some((Some(130.0), Some(180.0))),
        _ => None,
    }
}

/// One `Kpi` of seller A1 against the calls' metrics.
#[track_caller]
fn check_kpi(kpi: &Value, metric: &str, facts: &[Facts], range: Range, query: &str) {
    let what = |field: &str| format!("{query}: {metric}.{field} for {range:?}");
    let mine = calls_of(facts, Some(Who::A1), range);
    let (value, calls) = mean_of(&mine, metric);
    assert_eq!(kpi["name"], metric, "{query}");
    assert_figure(&kpi["value"], value, &what("value"));
    assert_eq!(kpi["calls"], calls, "{}: {kpi}", what("calls"));
    let (team, _) = mean_of(&calls_of(facts, None, range), metric);
    assert_figure(&kpi["team"], team, &what("team"));
    let (top, _) = mean_of(&calls_of(facts, Some(Who::A2), range), metric);
    assert_figure(&kpi["topPerformers"], top, &what("topPerformers"));
    let (previous, _) = mean_of(&calls_of(facts, Some(Who::A1), range.previous()), metric);
    assert_figure(&kpi["trend"]["previous"], previous, &what("trend.previous"));
    let change = value.zip(previous).map(|(v, p)| v - p);
    assert_figure(&kpi["trend"]["change"], change, &what("trend.change"));

    let ideal = &kpi["idealRange"];
    match default_ideal(metric) {
        Some((min, max)) => {
            assert_figure(&ideal["min"], min, &what("idealRange.min"));
            assert_figure(&ideal["max"], max, &what("idealRange.max"));
            let min = ideal["min"].as_f64().unwrap_or(f64::NEG_INFINITY);
            let max = ideal["max"].as_f64().unwrap_or(f64::INFINITY);
            let values: Vec<f64> = mine.iter().filter_map(|f| f.metric(metric)).collect();
            let inside = values.iter().filter(|v| min <= **v && **v <= max).count();
            let share = (!values.is_empty()).then(|| inside as f64 / values.len() as f64);
            assert_figure(&kpi["inIdealShare"], share, &what("inIdealShare"));
        }
        None => {
            assert_eq!(*ideal, Value::Null, "{}", what("idealRange"));
            assert_eq!(kpi["inIdealShare"], Value::Null, "{}", what("inIdealShare"));
        }
    }
}

/// Metrics only some of A1's calls in range have, and one every call has.
const PARTIAL_METRICS: [(&str, &str); 3] = [
    ("competitorMentions", "competitor_mention_count"),
    ("pause", "avg_pause_before_speaking_ms"),
    ("sentimentScore", "customer_sentiment_score"),
];

/// `style(range)` and `metric(name, range)` of seller A1; returns the answer.
async fn check_style(fx: &Fixture, facts: &[Facts], range: Range) -> Value {
    let named: String = STYLE
        .iter()
        .map(|(field, _)| format!("{field} {{ ...K }} "))
        .collect();
    let metrics: String = PARTIAL_METRICS
        .iter()
        .map(|(alias, name)| {
            format!("{alias}: metric(name: \"{name}\", range: $range) {{ ...K }} ")
        })
        .collect();
    let query = format!(
        "query($seller: ID!, $range: DateRange!) {{ seller(id: $seller) {{
           style(range: $range) {{ all {{ ...K }} {named} }} {metrics} }} }} {KPI}"
    );
    let data = fx
        .app
        .ok(
            &fx.manager,
            &query,
            json!({"seller": fx.seller(), "range": range.json()}),
        )
        .await;
    let seller = &data["seller"];
    let all = seller["style"]["all"].as_array().unwrap();
    let names: Vec<&str> = all.iter().map(|k| k["name"].as_str().unwrap()).collect();
    let expected: Vec<&str> = STYLE.iter().map(|(_, name)| *name).collect();
    assert_eq!(names, expected, "style.all in page order");
    for (kpi, (field, metric)) in all.iter().zip(STYLE) {
        check_kpi(kpi, metric, facts, range, "style.all");
        assert_same_json(
            &seller["style"][field],
            kpi,
            &format!("style.{field} = style.all[{metric}]"),
        );
    }
    for (alias, metric) in PARTIAL_METRICS {
        check_kpi(
            &seller[alias],
            metric,
            facts,
            range,
            &format!("metric(name: \"{metric}\")"),
        );
    }
    data
}

/// `stats(range)` and `outcomes(range)` of seller A1; returns the answer.
async fn check_stats(fx: &Fixture, facts: &[Facts], range: Range) -> Value {
    let shares = "{ score positive neutral negative calls }";
    let query = format!(
        "query($seller: ID!, $range: DateRange!) {{ seller(id: $seller) {{ stats(range: $range) {{
           calls customerSentiment {shares} teamCustomerSentiment {shares} talkToListen
           days: sentimentOverTime(bucket: DAY) {{ start score calls }}
           weeks: sentimentOverTime(bucket: WEEK) {{ start score calls }} }}
           outcomes(range: $range) {{ calls won lost wonRate }} }} }}"
    );
    let data = fx
        .app
        .ok(
            &fx.manager,
            &query,
            json!({"seller": fx.seller(), "range": range.json()}),
        )
        .await;
    let stats = &data["seller"]["stats"];
    let mine = calls_of(facts, Some(Who::A1), range);
    let team = calls_of(facts, None, range);
    assert_eq!(stats["calls"], mine.len(), "stats.calls: {stats}");
    for (field, calls) in [
        ("customerSentiment", &mine),
        ("teamCustomerSentiment", &team),
    ] {
        for (share, metric) in [
            ("score", "customer_sentiment_score"),
            ("positive", "customer_positive_share"),
            ("neutral", "customer_neutral_share"),
            ("negative", "customer_negative_share"),
        ] {
            let (mean, _) = mean_of(calls, metric);
            assert_figure(
                &stats[field][share],
                mean,
                &format!("stats.{field}.{share}"),
            );
        }
        let (_, scored) = mean_of(calls, "customer_sentiment_score");
        assert_eq!(
            stats[field]["calls"], scored,
            "stats.{field}.calls: {stats}"
        );
    }
    let outcomes = &data["seller"]["outcomes"];
    let won = mine.iter().filter(|f| f.outcome == "WON").count();
    let lost = mine.iter().filter(|f| f.outcome == "LOST").count();
    assert_eq!(outcomes["calls"], mine.len(), "outcomes.calls: {outcomes}");
    assert_eq!(outcomes["won"], won, "outcomes.won: {outcomes}");
    assert_eq!(outcomes["lost"], lost, "outcomes.lost: {outcomes}");
    assert_figure(
        &outcomes["wonRate"],
        (!mine.is_empty()).then(|| won as f64 / mine.len() as f64),
        "outcomes.wonRate",
    );
    let (ratio, _) = mean_of(&mine, "talk_to_listen_ratio");
    assert_figure(&stats["talkToListen"], ratio, "stats.talkToListen");

    // Sentiment over time: the mean score of the scored calls of each day
    // (or week from Monday), buckets without calls left out.
    for (field, start_of) in [
        ("days", (|d: NaiveDate| d) as fn(NaiveDate) -> NaiveDate),
        ("weeks", |d: NaiveDate| {
            d - chrono::Duration::days(i64::from(d.weekday().num_days_from_monday()))
        }),
    ] {
        let mut buckets: BTreeMap<NaiveDate, Vec<f64>> = BTreeMap::new();
        for f in &mine {
            if let Some(score) = f.metric("customer_sentiment_score") {
                buckets.entry(start_of(f.day)).or_default().push(score);
            }
        }
        let points = stats[field].as_array().unwrap();
        let starts: Vec<&str> = points
            .iter()
            .map(|p| p["start"].as_str().unwrap())
            .collect();
        let expected: Vec<String> = buckets.keys().map(ToString::to_string).collect();
        assert_eq!(starts, expected, "sentimentOverTime {field}: {points:?}");
        for (point, scores) in points.iter().zip(buckets.values()) {
            assert_eq!(point["calls"], scores.len(), "{field}: {point}");
            let mean = scores.iter().sum::<f64>() / scores.len() as f64;
            assert_figure(
                &point["score"],
                Some(mean),
                &format!("sentimentOverTime {field} {}", point["start"]),
            );
        }
        let total: u64 = points.iter().map(|p| p["calls"].as_u64().unwrap()).sum();
        assert_eq!(
            stats["customerSentiment"]["calls"], total,
            "{field}: the buckets add up to the scored calls"
        );
    }
    data
}

/// `competitors(range)` of seller A1: Gong's customer mentions in range and
/// before, and the calls that have them; returns the answer.
async fn check_competitors(fx: &Fixture, facts: &[Facts], range: Range) -> Value {
    let query = "query($seller: ID!, $range: DateRange!) { seller(id: $seller) {
        competitors(range: $range) { term mentions callCount perCall previousMentions
        previousPerCall calls { id } } } }";
    let data = fx
        .app
        .ok(
            &fx.manager,
            query,
            json!({"seller": fx.seller(), "range": range.json()}),
        )
        .await;
    let list = data["seller"]["competitors"].as_array().unwrap();
    let terms: Vec<&str> = list.iter().map(|t| t["term"].as_str().unwrap()).collect();
    assert_eq!(terms, ["Gong"], "competitors(range: {range:?})");
    let gong = &list[0];
    let mine = calls_of(facts, Some(Who::A1), range);
    let before = calls_of(facts, Some(Who::A1), range.previous());
    let customer_mentions = |f: &&Facts| f.mentions(&["competitor"], "Gong", Some("CUSTOMER"));
    let mentions: usize = mine.iter().map(customer_mentions).sum();
    let mentioning = newest_first(
        mine.iter()
            .copied()
            .filter(|f| customer_mentions(f) > 0)
            .collect(),
    );
    assert_eq!(gong["mentions"], mentions, "Gong.mentions: {gong}");
    assert_eq!(
        gong["callCount"],
        mentioning.len(),
        "Gong.callCount: {gong}"
    );
    let listed: Vec<String> = gong["calls"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(
        keys_of(facts, &listed),
        keys_of(facts, &ids(&mentioning)),
        "Gong.calls: the calls in which customers mention it (as callCount counts them), \
         newest first"
    );
    assert_figure(
        &gong["perCall"],
        Some(mentions as f64 / mine.len() as f64),
        "Gong.perCall",
    );
    let previous: usize = before.iter().map(customer_mentions).sum();
    assert_eq!(gong["previousMentions"], previous, "Gong.previousMentions");
    assert_figure(
        &gong["previousPerCall"],
        (!before.is_empty()).then(|| previous as f64 / before.len() as f64),
        "Gong.previousPerCall",
    );
    data
}

/// `keywords(range)` of seller A1: the tracked keyword "pricing" counts
/// each time a customer says it once, though the key-phrase extractor may
/// find the same words too (the case itself is the unit test of
/// `store::results`; the key-phrase extractor no longer picks a lone word
/// said once, as "pricing" is in these calls).
async fn check_keywords(fx: &Fixture, facts: &[Facts], range: Range) {
    let query = "query($seller: ID!, $range: DateRange!) { seller(id: $seller) {
        keywords(range: $range) { term mentions callCount } } }";
    let data = fx
        .app
        .ok(
            &fx.manager,
            query,
            json!({"seller": fx.seller(), "range": range.json()}),
        )
        .await;
    let list = data["seller"]["keywords"].as_array().unwrap();
    let pricing = list
        .iter()
        .find(|t| t["term"].as_str().unwrap().eq_ignore_ascii_case("pricing"))
        .unwrap_or_else(|| panic!("no pricing among {list:?}"));
    let mine = calls_of(facts, Some(Who::A1), range);
    let spoken = |f: &&Facts| f.mentions(&["keyword"], "pricing", Some("CUSTOMER"));
    let found_by_any =
        |f: &&Facts| f.mentions(&["keyword", "key_phrase"], "pricing", Some("CUSTOMER")) > 0;
    assert_eq!(
        pricing["mentions"],
        mine.iter().map(spoken).sum::<usize>(),
        "pricing.mentions: one per spoken occurrence: {pricing}"
    );
    assert_eq!(
        pricing["callCount"],
        mine.iter().filter(|f| found_by_any(f)).count(),
        "pricing.callCount: {pricing}"
    );
}

/// The fixture's calls exercise what the checks are about.
fn check_fixture(facts: &[Facts]) {
    let mine = calls_of(facts, Some(Who::A1), current());
    assert_eq!(mine.len(), 5);
    assert_eq!(
        calls_of(facts, Some(Who::A1), current().previous()).len(),
        3
    );
    assert_eq!(calls_of(facts, Some(Who::A2), current()).len(), 2);
    let count = |metric: &str| mean_of(&mine, metric).1;
    assert_eq!(
        count("avg_pause_before_speaking_ms"),
        4,
        "a call without a pause"
    );
    assert_eq!(
        count("customer_sentiment_score"),
        4,
        "a call without sentiment"
    );
    let ratios: Vec<f64> = mine
        .iter()
        .filter_map(|f| f.metric("talk_to_listen_ratio"))
        .collect();
    assert!(
        ratios.iter().any(|r| *r > 0.65) && ratios.iter().any(|r| *r < 0.65),
        "talk-to-listen on both sides of the ideal: {ratios:?}"
    );
    let scores: Vec<f64> = mine.iter().filter_map(|f| f.customer_sentiment).collect();
    assert!(
        scores.iter().any(|s| *s <= -0.05) && scores.iter().any(|s| *s >= 0.05),
        "negative and positive customers: {scores:?}"
    );
    let gong = |f: &Facts, role| f.mentions(&["competitor"], "Gong", role);
    let by_key = |key: &str| facts.iter().find(|f| f.key == key).unwrap();
    assert_eq!(gong(by_key("a1-c1"), Some("CUSTOMER")), 2);
    assert_eq!(gong(by_key("a1-c2"), Some("CUSTOMER")), 0);
    assert_eq!(
        gong(by_key("a1-c2"), Some("SELLER")),
        1,
        "only the seller names Gong"
    );
    assert_eq!(
        by_key("a1-c1").metric("competitor_mention_count"),
        Some(2.0)
    );
}

// ---------------------------------------------------------------------------
// The tests.

/// Every conversation-style KPI, and `metric(name)` for a metric every call
/// has and for metrics only some calls have: value, calls, team, top
/// performers, ideal range and share, trend against the previous period.
async fn seller_kpis_are_means_of_call_metrics(backend: Backend) {
    let fx = Fixture::new(&backend).await;
    let facts = fx.facts().await;
    check_fixture(&facts);
    let top = fx
        .app
        .ok(
            &fx.manager,
            "query($range: DateRange!) { team(range: $range) { topPerformers { chosenBy count } } }",
            json!({"range": current().json()}),
        )
        .await;
    assert_eq!(
        top["team"]["topPerformers"],
        json!({"chosenBy": "ADMIN", "count": 1})
    );
    check_style(&fx, &facts, current()).await;
    // A range whose end takes in the call just after the current one.
    check_style(&fx, &facts, Range::new("2026-03-10", "2026-03-17")).await;
    fx.app.finish().await;
}

/// Statistics (customer sentiment, talk-to-listen, sentiment over time by
/// day and by week), outcomes, and the competitor figures against the
/// calls' metrics, outcomes and signals.
async fn seller_stats_and_competitors_match_calls(backend: Backend) {
    let fx = Fixture::new(&backend).await;
    let facts = fx.facts().await;
    check_fixture(&facts);
    check_stats(&fx, &facts, current()).await;
    check_competitors(&fx, &facts, current()).await;
    check_keywords(&fx, &facts, current()).await;
    fx.app.finish().await;
}

/// A call-history query: `$filter` on seller A1's calls or everyone's.
fn history_query(seller: bool) -> &'static str {
    if seller {
        "query($seller: ID!, $filter: CallFilter, $first: Int, $after: String) {
           seller(id: $seller) { calls(filter: $filter, first: $first, after: $after) {
           edges { cursor node { id } } pageInfo { hasNextPage endCursor } } } }"
    } else {
        "query($filter: CallFilter, $first: Int, $after: String) {
           calls(filter: $filter, first: $first, after: $after) {
           edges { cursor node { id } } pageInfo { hasNextPage endCursor } } }"
    }
}

/// Every call of a history, walked in pages of `first`.
async fn walk(fx: &Fixture, seller: bool, filter: &Value, first: usize) -> Vec<String> {
    let mut found = Vec::new();
    let mut after = Value::Null;
    for _ in 0..50 {
        let variables =
            json!({"seller": fx.seller(), "filter": filter, "first": first, "after": after});
        let data = fx
            .app
            .ok(&fx.manager, history_query(seller), variables)
            .await;
        let page = if seller {
            &data["seller"]["calls"]
        } else {
            &data["calls"]
        };
        let edges = page["edges"].as_array().unwrap();
        assert!(edges.len() <= first, "{page}");
        found.extend(
            edges
                .iter()
                .map(|e| e["node"]["id"].as_str().unwrap().to_owned()),
        );
        if page["pageInfo"]["hasNextPage"] != true {
            return found;
        }
        assert_eq!(edges.len(), first, "a page before the last is full: {page}");
        after = page["pageInfo"]["endCursor"].clone();
        assert!(after.is_string(), "{page}");
    }
    panic!("paging did not end: {found:?}");
}

/// The call history's filters (competitor, keyword, sentiment, customer,
/// range, and all at once) on the seller page and the root `calls`, each
/// against the calls' own signals, sentiment and participants, newest
/// first; paging in twos walks each list once.
async fn call_history_filters_match_calls(backend: Backend) {
    let fx = Fixture::new(&backend).await;
    let facts = fx.facts().await;
    check_fixture(&facts);
    let now = current();
    let before = now.previous();
    type Test = Box<dyn Fn(&Facts) -> bool>;
    let competitor: fn(&Facts) -> bool = |f| f.mentions(&["competitor"], "gong", None) > 0;
    let keyword: fn(&Facts) -> bool =
        |f| f.mentions(&["keyword", "key_phrase"], "pricing", None) > 0;
    let negative: fn(&Facts) -> bool = |f| f.customer_sentiment.is_some_and(|s| s <= -0.05);
    let positive: fn(&Facts) -> bool = |f| f.customer_sentiment.is_some_and(|s| s >= 0.05);
    let whit: fn(&Facts) -> bool = |f| f.customers.iter().any(|c| c.contains("whit"));
    let cases: Vec<(&str, Value, Test)> = vec![
        (
            "competitor",
            json!({"competitor": "gONG"}),
            Box::new(competitor),
        ),
        (
            "competitor in range",
            json!({"competitor": "Gong", "range": now.json()}),
            Box::new(move |f: &Facts| competitor(f) && now.contains(f.day)),
        ),
        ("keyword", json!({"keyword": "PRICING"}), Box::new(keyword)),
        (
            "negative",
            json!({"sentiment": "NEGATIVE"}),
            Box::new(negative),
        ),
        (
            "positive",
            json!({"sentiment": "POSITIVE"}),
            Box::new(positive),
        ),
        (
            "neutral",
            json!({"sentiment": "NEUTRAL"}),
            Box::new(|f: &Facts| f.customer_sentiment.is_some_and(|s| -0.05 < s && s < 0.05)),
        ),
        ("customer name", json!({"customer": "WHIT"}), Box::new(whit)),
        (
            "customer e-mail",
            json!({"customer": "Globex"}),
            Box::new(|f: &Facts| f.customers.iter().any(|c| c.contains("globex"))),
        ),
        (
            "range",
            json!({"range": now.json()}),
            Box::new(move |f: &Facts| now.contains(f.day)),
        ),
        (
            "previous range",
            json!({"range": before.json()}),
            Box::new(move |f: &Facts| before.contains(f.day)),
        ),
        (
            "all at once",
            json!({"range": now.json(), "sentiment": "NEGATIVE", "competitor": "gong",
                "keyword": "pricing", "customer": "whit"}),
            Box::new(move |f: &Facts| {
                now.contains(f.day) && negative(f) && competitor(f) && keyword(f) && whit(f)
            }),
        ),
    ];
    for (name, filter, test) in &cases {
        for seller in [true, false] {
            let expected = newest_first(
                facts
                    .iter()
                    .filter(|f| (!seller || f.who == Who::A1) && test(f))
                    .collect(),
            );
            let where_ = if seller { "seller.calls" } else { "calls" };
            if *name != "neutral" {
                assert!(
                    !expected.is_empty(),
                    "{where_} {name}: a fixture with matches"
                );
            }
            let found = walk(&fx, seller, filter, 100).await;
            assert_eq!(
                keys_of(&facts, &found),
                keys_of(&facts, &ids(&expected)),
                "{where_}(filter: {filter})"
            );
            let paged = walk(&fx, seller, filter, 2).await;
            assert_eq!(
                keys_of(&facts, &paged),
                keys_of(&facts, &ids(&expected)),
                "{where_}(filter: {filter}) in pages of two"
            );
            let unique: BTreeSet<&String> = paged.iter().collect();
            assert_eq!(unique.len(), paged.len(), "no call twice: {paged:?}");
        }
    }
    // Without a filter: every call the manager sees, in pages of two.
    for seller in [true, false] {
        let expected = newest_first(
            facts
                .iter()
                .filter(|f| !seller || f.who == Who::A1)
                .collect(),
        );
        let paged = walk(&fx, seller, &Value::Null, 2).await;
        assert_eq!(keys_of(&facts, &paged), keys_of(&facts, &ids(&expected)));
    }
    fx.app.finish().await;
}

/// Analysing every call again changes none of the figures (style, metric,
/// stats, outcomes, competitors, each call's metrics and signals): the old
/// results are replaced, not added to.
async fn reanalysis_does_not_double_count(backend: Backend) {
    let fx = Fixture::new(&backend).await;
    let facts = fx.facts().await;
    check_fixture(&facts);
    let style = check_style(&fx, &facts, current()).await;
    let stats = check_stats(&fx, &facts, current()).await;
    let competitors = check_competitors(&fx, &facts, current()).await;

    let data = fx
        .app
        .ok(
            &fx.admin,
            "mutation { reanalyzeCalls(filter: {}) }",
            json!({}),
        )
        .await;
    assert_eq!(data["reanalyzeCalls"], SPECS.len(), "{data}");
    fx.wait_for_analysis().await;

    let again = fx.facts().await;
    for (before, after) in facts.iter().zip(&again) {
        assert_eq!(before.metrics, after.metrics, "{}: metrics", before.key);
        assert_eq!(before.signals, after.signals, "{}: signals", before.key);
    }
    assert_same_json(
        &check_style(&fx, &again, current()).await,
        &style,
        "style after re-analysis",
    );
    assert_same_json(
        &check_stats(&fx, &again, current()).await,
        &stats,
        "stats after re-analysis",
    );
    assert_same_json(
        &check_competitors(&fx, &again, current()).await,
        &competitors,
        "competitors after re-analysis",
    );
    // A range not asked for before, so that the team's figures are summed
    // afresh rather than taken from the baselines computed above.
    let fresh = Range::new("2026-03-10", "2026-03-17");
    check_style(&fx, &again, fresh).await;
    check_stats(&fx, &again, fresh).await;
    check_competitors(&fx, &again, fresh).await;
    fx.app.finish().await;
}

/// An inverted or overlong range, a page over 100 and an over-complex
/// query are the client's mistakes: `BAD_USER_INPUT` saying what is wrong.
async fn seller_page_rejects_bad_input(backend: Backend) {
    let app = TestApp::spawn(&backend).await;
    let team = Team::create(&app, "Acme", true).await;
    let token = app.token(&team.manager_a);
    let seller = team.seller_a1.id.to_string();
    let fields = [
        "style(range: $range) { talkToListen { value } }",
        "metric(name: \"switch_count\", range: $range) { value }",
        "stats(range: $range) { calls }",
        "insights(range: $range) { kind }",
        "keywords(range: $range) { term }",
        "competitors(range: $range) { term }",
        "outcomes(range: $range) { calls }",
        "calls(filter: {range: $range}) { edges { node { id } } }",
    ];
    let inverted = json!({"from": "2026-03-16", "to": "2026-03-10"});
    let overlong = json!({"from": "2020-01-01", "to": "2026-03-16"});
    for field in fields {
        let query = format!(
            "query($seller: ID!, $range: DateRange!) {{ seller(id: $seller) {{ {field} }} }}"
        );
        for range in [&inverted, &overlong] {
            let (code, message) = app
                .error(
                    Some(&token),
                    &query,
                    json!({"seller": seller, "range": range}),
                )
                .await;
            assert_eq!(code, "BAD_USER_INPUT", "{field} with {range}: {message}");
            assert!(message.contains("range"), "{field}: {message}");
        }
        let (_, message) = app
            .error(
                Some(&token),
                &query,
                json!({"seller": seller, "range": inverted}),
            )
            .await;
        assert!(
            message.contains("2026-03-16") && message.contains("2026-03-10"),
            "{field}: {message}"
        );
    }
    for query in [
        "query($range: DateRange!) { team(range: $range) { sellers { id } } }",
        "query($range: DateRange!) { calls(filter: {range: $range}) { edges { node { id } } } }",
    ] {
        let (code, message) = app
            .error(Some(&token), query, json!({"range": inverted}))
            .await;
        assert_eq!(code, "BAD_USER_INPUT", "{query}: {message}");
        assert!(message.contains("range"), "{query}: {message}");
    }

    for first in [101, -1] {
        for query in [
            format!("{{ calls(first: {first}) {{ edges {{ node {{ id }} }} }} }}"),
            format!(
                "query($seller: ID!) {{ seller(id: $seller) {{ calls(first: {first}) {{ edges {{ node {{ id }} }} }} }} }}"
            ),
        ] {
            let (code, message) = app
                .error(Some(&token), &query, json!({"seller": seller}))
                .await;
            assert_eq!(code, "BAD_USER_INPUT", "{query}: {message}");
            assert!(message.contains("first"), "{query}: {message}");
        }
    }

    // A hundred calls with every word of every segment: over the limit.
    let query = "{ calls(first: 100) { edges { node { transcript { segments {
        index speaker text words { text startMs endMs } } } } } } }";
    let (status, body) = app.post(Some(&token), query, json!({})).await;
    assert_eq!(status, 200, "{body}");
    let error = &body["errors"][0];
    assert_eq!(error["extensions"]["code"], "BAD_USER_INPUT", "{body}");
    assert!(
        error["message"]
            .as_str()
            .is_some_and(|m| m.to_lowercase().contains("complex")),
        "{body}"
    );
    assert!(body["data"].is_null(), "nothing was resolved: {body}");
    app.finish().await;
}

on_both_backends!(
    seller_kpis_are_means_of_call_metrics,
    seller_stats_and_competitors_match_calls,
    call_history_filters_match_calls,
    reanalysis_does_not_double_count,
    seller_page_rejects_bad_input,
);
