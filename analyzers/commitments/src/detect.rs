//! Telling whether a sentence is an action item, and whose.
//!
//! Hand-written rules over the normalised words of [`crate::words`], in
//! the order a reader would apply them:
//!
//! 1. **Commitments** of the speaker: `I`/`we` + a future or obligation
//!    (`will`, `am/are going to`, `can`, `need to`, `have to`, `should`,
//!    `would like to`, `want to`, `plan to`, `hope to`) + a task verb;
//!    after `will`, `going to`, `have/need/plan/hope to`, also any *open
//!    verb* with something after it ("I'll modify the make file"); `let
//!    me` + a task verb; `let's` + a task verb. The owner is the speaker.
//! 2. **Requests** that give the other side a task: `can/could/would/will
//!    you` + a task verb (questions included: "can you send me…?"), `would
//!    you mind sending`, `please` + a task or open verb, `I need you to`,
//!    `if you could`, a declarative `you'll`/`you can` + task verb (a
//!    recap), `everybody should` + verb, and an imperative at the start of
//!    a clause ("Thursday works, send me an invite", "so remember to fill
//!    in the Doodle"). The owner is the other side.
//! 3. **Joint scheduling**: `can/could/shall/should we` + a scheduling verb;
//!    "next step is/are". The owner is the speaker.
//! 4. **A date with an action**: a day or date ahead (see [`crate::when`])
//!    together with a task verb, a verb such as "talk" or "go out", a
//!    meeting noun ("a call with procurement on Tuesday") or a third-party
//!    future ("the proposal will be in your inbox Monday"), in a sentence
//!    that is not past, habitual, negated or hedged. The owner is the
//!    speaker.
//!
//! *Task verbs* create work that outlives the call: send, share, schedule,
//! set up, follow up, circle back, loop in, check with, review, sign, …
//! *Weak verbs* (see, talk, meet, have, do, go, give, …) make an action item
//! only together with a date: "I'll see you Monday" is one, "we'll see" is
//! not. In-call moves are not task verbs: "let me share my screen", "let me
//! pull up your account", "let me ask you", "let's dive in", "let's talk
//! about pricing", "can you tell me…", "I'll provide an overview". *Open
//! verbs* are the words a list cannot hold that stand where a verb does
//! after a modal of commitment, minus states and in-call moves ("I'll
//! admit", "I'll turn it over", "we'll continue to", "I'll disconnect").
//!
//! Exclusions: a negation right after the modal ("I won't be able to",
//! "we're not going to") or shortly before the subject in its clause ("our
//! guidance does not assume that we will report…"); counterfactual modals (`would`, `could`, `might`
//! after I/we: "I would send it, but…", "we could in theory"); "would you…"
//! inside an "if…" sentence; an inverted subject ("would we need to sign?",
//! "can I send…?") is a question, not a commitment; a request after a
//! question word ("how could you find it?") or with a generic or hedged
//! "you" ("make sure that you can…") is none; past tense only ever
//! matches the date rule, which it vetoes. Questions are action items only through a request, a
//! declarative commitment inside them ("…so I can send the invite?"), joint
//! scheduling, or a meeting noun with a date ("Does Thursday work for a
//! follow-up?").

use std::ops::Range;

use crate::when::{self, Dates, When};
use crate::words::Words;

/// Who owns an action item, relative to the speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    /// The speaker committed to it ("I'll send…", "let's schedule…").
    Speaker,
    /// The speaker asked the other side for it ("can you send me…").
    Other,
}

/// An action item's cue: the words that made it one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub owner: Party,
    /// Bytes of the cue in the sentence, e.g. "I'll send".
    pub cue: Range<usize>,
}

/// The action items of a sentence: at most one per owner, in the order
/// their cues appear, and the date mentioned, if any.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Detection {
    pub items: Vec<Item>,
    /// The first date ahead in the sentence, e.g. "by Friday".
    pub when: Option<When>,
}

/// A cue as word indices.
#[derive(Debug, Clone, Copy)]
struct Cue {
    owner: Party,
    first: usize,
    last: usize,
}

/// The action items of one sentence, read into `words`; `question` says
/// whether the sentence ends with a question mark.
pub fn detect(words: &Words, question: bool) -> Detection {
    if words.is_empty() {
        return Detection::default();
    }
    let dates = when::scan(words);
    let rules = Rules {
        words,
        dated: dates.when.is_some(),
        hypothetical: is_hypothetical(words),
    };
    let mut cues = rules.cues();
    if cues.is_empty()
        && let Some(cue) = rules.dated_action(&dates, question)
    {
        cues.push(cue);
    }
    Detection {
        items: cues
            .into_iter()
            .map(|c| Item {
                owner: c.owner,
                cue: words.span(c.first, c.last),
            })
            .collect(),
        when: dates.when,
    }
}

/// The sentence being read, and what holds for all of it.
struct Rules<'w> {
    words: &'w Words,
    /// It names a day or date ahead.
    dated: bool,
    /// It opens with "if", "unless", "suppose", "even if", …
    hypothetical: bool,
}

/// What a verb contributes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// A task verb; the phrase ends at the given word ("follow up").
    Task(usize),
    /// Makes an action item only with a date.
    Weak(usize),
    /// "be": only "be in touch" or "be sending…".
    Be,
    None,
}

fn is_subject(w: &str) -> bool {
    matches!(w, "i" | "we" | "you" | "they" | "he" | "she")
}

fn is_negation(w: &str) -> bool {
    matches!(w, "not" | "never")
}

/// Words that, before a subject, make a question of the clause ("would
/// we", "do I").
fn is_auxiliary(w: &str) -> bool {
    matches!(
        w,
        "would"
            | "could"
            | "should"
            | "can"
            | "will"
            | "shall"
            | "might"
            | "do"
            | "does"
            | "did"
            | "am"
            | "are"
            | "is"
            | "have"
    )
}

/// Adverbs that may sit between a modal and its verb.
fn is_adverb(w: &str) -> bool {
    matches!(
        w,
        "just"
            | "also"
            | "definitely"
            | "certainly"
            | "absolutely"
            | "probably"
            | "quickly"
            | "then"
            | "both"
            | "all"
            | "still"
            | "actually"
            | "really"
            | "happily"
            | "gladly"
            | "personally"
            | "first"
            | "please"
            | "kindly"
            | "maybe"
            | "possibly"
            | "now"
    )
}

/// Words that may open a clause before an imperative ("okay, so send me…").
fn is_discourse(w: &str) -> bool {
    matches!(
        w,
        "okay"
            | "ok"
            | "so"
            | "and"
            | "then"
            | "yeah"
            | "yes"
            | "great"
            | "perfect"
            | "sure"
            | "alright"
            | "also"
            | "just"
            | "oh"
            | "well"
            | "um"
            | "uh"
            | "actually"
            | "awesome"
            | "cool"
    )
}

/// Nouns of meetings, which with a date make a scheduling item.
fn is_meeting_noun(w: &str) -> bool {
    matches!(
        w,
        "call"
            | "meeting"
            | "invite"
            | "follow-up"
            | "followup"
            | "demo"
            | "sync"
            | "check-in"
            | "kickoff"
            | "kick-off"
            | "catch-up"
            | "session"
            | "hold"
            | "appointment"
            | "workshop"
    )
}

/// The base form of a verb the rules know, from its base, `-s` or `-ing`
/// form (past forms are deliberately absent); `""` for any other word.
fn lemma(w: &str) -> &'static str {
    match w {
        "send" | "sends" | "sending" | "resend" | "resending" => "send",
        "email" | "emails" | "emailing" | "e-mail" => "email",
        "forward" | "forwards" | "forwarding" => "forward",
        "share" | "shares" | "sharing" => "share",
        "get" | "gets" | "getting" => "get",
        "set" | "sets" | "setting" => "set",
        "schedule" | "schedules" | "scheduling" | "reschedule" | "rescheduling" => "schedule",
        "book" | "books" | "booking" => "book",
        "loop" | "loops" | "looping" => "loop",
        "follow" | "follows" | "following" => "follow",
        "circle" | "circling" => "circle",
        "reach" | "reaching" => "reach",
        "check" | "checks" | "checking" => "check",
        "confirm" | "confirms" | "confirming" => "confirm",
        "find" | "finding" => "find",
        "put" | "putting" => "put",
        "pull" | "pulling" => "pull",
        "review" | "reviews" | "reviewing" => "review",
        "sign" | "signs" | "signing" => "sign",
        "introduce" | "introducing" => "introduce",
        "connect" | "connecting" => "connect",
        "draft" | "drafting" => "draft",
        "prepare" | "preparing" => "prepare",
        "update" | "updating" => "update",
        "arrange" | "arranging" => "arrange",
        "invite" | "inviting" => "invite",
        "add" | "adding" => "add",
        "provide" | "providing" => "provide",
        "write" | "writing" => "write",
        "reconnect" | "reconnecting" => "reconnect",
        "regroup" => "regroup",
        "sync" | "syncing" => "sync",
        "coordinate" | "coordinating" => "coordinate",
        "plan" | "planning" => "plan",
        "deliver" | "delivering" => "deliver",
        "submit" | "submitting" => "submit",
        "approve" | "approving" => "approve",
        "finalize" | "finalise" | "finalizing" | "finalising" => "finalize",
        "fix" | "fixing" => "fix",
        "escalate" | "escalating" => "escalate",
        "discuss" | "discussing" => "discuss",
        "tell" | "telling" => "tell",
        "bring" | "bringing" => "bring",
        "handle" | "handling" => "handle",
        "ping" | "pinging" => "ping",
        "shoot" | "shooting" => "shoot",
        "drop" | "dropping" => "drop",
        "pencil" => "pencil",
        "look" | "looking" => "look",
        "dig" | "digging" => "dig",
        "ask" | "asking" => "ask",
        "run" | "running" => "run",
        "call" | "calling" => "call",
        "touch" => "touch",
        "figure" | "figuring" => "figure",
        "work" | "working" => "work",
        "let" => "let",
        "make" | "making" => "make",
        "take" | "taking" => "take",
        "talk" | "talking" => "talk",
        "speak" | "speaking" => "speak",
        "chat" | "chatting" => "chat",
        "see" | "seeing" => "see",
        "meet" | "meeting" => "meet",
        "have" | "has" | "having" => "have",
        "do" | "doing" => "do",
        "go" | "goes" | "going" => "go",
        "start" | "starts" | "starting" => "start",
        "kick" | "kicking" => "kick",
        "hop" | "jump" => "hop",
        "give" | "giving" => "give",
        "decide" | "deciding" => "decide",
        "hear" => "hear",
        "come" | "coming" => "come",
        "finish" | "finishing" => "finish",
        "demo" | "demoing" => "demo",
        "present" | "presenting" => "present",
        "be" => "be",
        _ => "",
    }
}

/// Scheduling verbs, for "can we…" / "should we…".
fn is_scheduling(lemma: &str) -> bool {
    matches!(
        lemma,
        "schedule"
            | "set"
            | "book"
            | "meet"
            | "reconnect"
            | "regroup"
            | "sync"
            | "touch"
            | "circle"
            | "follow"
            | "plan"
            | "pencil"
            | "hop"
            | "talk"
            | "chat"
            | "find"
            | "put"
    )
}

/// "an overview", "us an update", "some color": what a speaker gives
/// during the call rather than after it.
fn is_briefing(words: &Words, at: usize) -> bool {
    let at = at + usize::from(matches!(words.get(at), "us" | "you" | "me" | "them"));
    matches!(words.get(at), "an" | "a" | "some" | "more")
        && matches!(
            words.get(at + 1),
            "overview" | "update" | "color" | "colour" | "thoughts" | "summary" | "recap" | "sense"
        )
}

/// Verbs that, after "I'll" or "we're going to", are not work that
/// outlives the call: states and opinions ("I'll admit"), moves inside the
/// call ("I'll turn it over", "we'll pause", "I'll disconnect") and
/// continuations ("we'll continue to monitor").
fn is_in_call_or_state(w: &str) -> bool {
    matches!(
        w,
        "think"
            | "know"
            | "guess"
            | "hope"
            | "believe"
            | "assume"
            | "say"
            | "mean"
            | "feel"
            | "like"
            | "love"
            | "want"
            | "need"
            | "wish"
            | "bet"
            | "agree"
            | "admit"
            | "remember"
            | "forget"
            | "understand"
            | "suppose"
            | "expect"
            | "imagine"
            | "appreciate"
            | "thank"
            | "apologize"
            | "apologise"
            | "welcome"
            | "turn"
            | "pick"
            | "hand"
            | "pass"
            | "throw"
            | "toss"
            | "walk"
            | "show"
            | "explain"
            | "describe"
            | "answer"
            | "repeat"
            | "mention"
            | "note"
            | "stop"
            | "pause"
            | "wait"
            | "continue"
            | "keep"
            | "remain"
            | "stay"
            | "leave"
            | "disconnect"
            | "hang"
            | "mute"
            | "listen"
            | "move"
            | "jump"
            | "dive"
            | "open"
            | "click"
            | "scroll"
            | "paste"
            | "lose"
            | "win"
            | "grow"
            | "face"
            | "been"
            | "being"
            | "probably"
            | "the"
            | "a"
            | "an"
            | "to"
            | "that"
            | "this"
            | "it"
            | "there"
            | "so"
            | "and"
            | "but"
            | "or"
            | "if"
            | "on"
            | "in"
            | "at"
            | "for"
            | "with"
            | "of"
            | "you"
            | "me"
            | "us"
            | "them"
            | "refer"
            | "hold"
            | "join"
            | "excuse"
            | "forgive"
            | "bear"
            | "try"
            | "let"
            | "go"
            | "look"
    )
}

/// Any other word in a verb's place after a modal of commitment: real
/// speech commits to far more verbs than a list can hold ("I'll modify the
/// make file", "I'm going to install it").
fn is_open_verb(w: &str) -> bool {
    w.len() > 1
        && w.chars().all(|c| c.is_alphabetic() || c == '-')
        && !is_in_call_or_state(w)
        && !is_negation(w)
        && !is_subject(w)
}

fn is_wh(w: &str) -> bool {
    matches!(
        w,
        "what" | "how" | "when" | "where" | "why" | "which" | "who"
    )
}

fn is_hypothetical(words: &Words) -> bool {
    match words.get(0) {
        "if" | "unless" | "suppose" | "supposing" | "hypothetically" | "assuming" => true,
        "even" => words.get(1) == "if",
        _ => false,
    }
}

impl Rules<'_> {
    fn w(&self, i: usize) -> &str {
        self.words.get(i)
    }

    /// What the verb at `j` contributes, reading the words after it.
    fn kind(&self, j: usize) -> Kind {
        let (n1, n2) = (self.w(j + 1), self.w(j + 2));
        let task_if = |yes: bool, last: usize| if yes { Kind::Task(last) } else { Kind::None };
        match lemma(self.w(j)) {
            "" => Kind::None,
            "be" => Kind::Be,
            // In-call moves, unless the words after make them tasks.
            "share" => task_if(!(n1 == "screen" || n2 == "screen"), j),
            // "We'll get through this" is resolve, not a task.
            "get" => task_if(
                !(matches!(n1, "started" | "into" | "going" | "through")
                    || matches!(n1, "this" | "that" | "it") && n2 == "straight"),
                j,
            ),
            "follow" if matches!(n1, "the" | "this" | "that" | "our" | "your") => Kind::Task(j),
            "follow" => task_if(matches!(n1, "up" | "through"), j + 1),
            "circle" => task_if(n1 == "back", j + 1),
            "reach" => task_if(n1 == "out", j + 1),
            "pull" => task_if(n1 == "together", j + 1),
            "look" | "dig" => task_if(matches!(n1, "into" | "on"), j + 1),
            "touch" => task_if(n1 == "base", j + 1),
            "figure" => task_if(n1 == "out", j + 1),
            "work" => task_if(n1 == "on", j + 1),
            "take" if n1 == "care" => Kind::Task(j + 1),
            "ask" => task_if(
                !matches!(
                    n1,
                    "you" | "u" | "a" | "yourself" | "is" | "was" | "about" | ""
                ),
                j,
            ),
            "go" if n1 == "out" => Kind::Task(j),
            "tell" => task_if(!matches!(n1, "you" | "u" | "me" | "us"), j),
            "check" => task_if(n1 != "there", j),
            "confirm" => task_if(n1 != "me", j),
            // "I'll provide an overview", "could you give us an update":
            // information given in the call, a task only with a date.
            "provide" | "give" if is_briefing(self.words, j + 1) => Kind::Weak(j),
            // "We'll do it", "please do so".
            "do" if matches!(n1, "it" | "that" | "this" | "so") => Kind::Task(j + 1),
            "introduce" => task_if(!matches!(n1, "myself" | "ourselves"), j),
            "call" => task_if(
                matches!(n1, "you" | "me" | "us" | "them" | "him" | "her" | "back"),
                j,
            ),
            "let" => task_if(matches!(n1, "you" | "u") && n2 == "know", j + 2),
            "make" if n1 == "sure" => Kind::Task(j + 1),
            "talk" | "speak" | "chat" if matches!(n1, "to" | "with") => {
                if matches!(n2, "you" | "u" | "") {
                    Kind::Weak(j + 1)
                } else {
                    Kind::Task(j + 2)
                }
            }
            // "going to" is a future, not a movement.
            "go" if n1 == "to" => Kind::None,
            "make" | "take" | "talk" | "speak" | "chat" | "see" | "meet" | "have" | "do" | "go"
            | "start" | "kick" | "hop" | "give" | "decide" | "hear" | "come" | "demo"
            | "present" | "discuss" => Kind::Weak(j),
            _ => Kind::Task(j),
        }
    }

    /// Skips adverbs and "try to", "be able to", "go ahead and", "make sure
    /// to" before a verb.
    fn skip_fillers(&self, mut j: usize) -> usize {
        loop {
            let w = self.w(j);
            j = if is_adverb(w) {
                j + 1
            } else if matches!(w, "try") && matches!(self.w(j + 1), "to" | "and") {
                j + 2
            } else if w == "be" && self.w(j + 1) == "able" && self.w(j + 2) == "to"
                || w == "go" && self.w(j + 1) == "ahead" && self.w(j + 2) == "and"
                || matches!(w, "make" | "be") && self.w(j + 1) == "sure" && self.w(j + 2) == "to"
            {
                j + 3
            } else {
                return j;
            };
        }
    }

    /// The end of the action the verb at `j` (after fillers) commits to, if
    /// it is one; otherwise tries a verb joined by "and"/"then" later in the
    /// clause ("let me think about it and get back to you").
    fn action(&self, j: usize) -> Option<usize> {
        let j = self.skip_fillers(j);
        if is_negation(self.w(j)) {
            return None;
        }
        self.direct_action(j).or_else(|| {
            (j + 1..self.words.len())
                .take_while(|&k| !is_subject(self.w(k)))
                .filter(|&k| matches!(self.w(k), "and" | "then"))
                .find_map(|k| {
                    let v = self.skip_fillers(k + 1);
                    if is_negation(self.w(v)) {
                        None
                    } else {
                        self.direct_action(v)
                    }
                })
        })
    }

    /// Whether a negation comes shortly before the subject at `i`, in the
    /// same clause: "our guidance does not assume that we will report…",
    /// "I don't think we'll make it".
    fn negated_before(&self, i: usize) -> bool {
        (i.saturating_sub(5)..i)
            .rev()
            .take_while(|&k| !matches!(self.w(k), "but" | "and" | "so" | "then"))
            .any(|k| is_negation(self.w(k)))
    }

    /// A verb the lists do not know at `j` (after fillers), if it is one.
    fn open_verb_at(&self, j: usize) -> Option<usize> {
        let v = self.skip_fillers(j);
        let w = self.w(v);
        (lemma(w).is_empty() && is_open_verb(w)).then_some(v)
    }

    /// [`Self::action`], and also any verb that is not a state or an
    /// in-call move: the reading after "will", "going to", "have to".
    fn committed_action(&self, j: usize) -> Option<usize> {
        self.action(j).or_else(|| {
            let v = self.skip_fillers(j);
            let w = self.w(v);
            let verb = if w == "try" {
                self.skip_fillers(v + 1)
            } else {
                v
            };
            let w = self.w(verb);
            // A verb the lists do not know needs something after it:
            // bare ones ("I'll wait", "we'll revert soon") are mostly moves
            // in the call or courtesies.
            let complement = !matches!(
                self.w(verb + 1),
                "" | "soon" | "later" | "then" | "now" | "too" | "again"
            );
            (lemma(w).is_empty() && is_open_verb(w) && complement || w == "try" || w == "finish")
                .then_some(verb)
        })
    }

    /// The end of the action of the verb at `j` itself, if it is one.
    fn direct_action(&self, j: usize) -> Option<usize> {
        match self.kind(j) {
            Kind::Task(last) => Some(last),
            Kind::Weak(last) if self.dated => Some(last),
            Kind::Be => {
                if self.w(j + 1) == "in" && self.w(j + 2) == "touch" {
                    Some(j + 2)
                } else {
                    // "We'll be sending it…".
                    let next = self.w(j + 1);
                    match self.kind(j + 1) {
                        Kind::Task(last) if next.ends_with("ing") => Some(last),
                        Kind::Weak(last) if next.ends_with("ing") && self.dated => Some(last),
                        _ => None,
                    }
                }
            }
            _ => None,
        }
    }

    /// The action after a subject ending before `j`, through a modal of
    /// commitment: "will", "am going to", "can", "need to", …
    fn commitment(&self, j: usize) -> Option<usize> {
        let j = self.skip_fillers(j);
        let (w0, w1, w2) = (self.w(j), self.w(j + 1), self.w(j + 2));
        match w0 {
            "will" | "shall" => self.committed_action(j + 1),
            "can" | "should" => self.action(j + 1),
            "am" | "are" | "is" if w1 == "going" && w2 == "to" => self.committed_action(j + 3),
            // Present progressive with a date: "we're sending it Monday".
            "am" | "are" if self.dated && w1.ends_with("ing") => self.direct_action(j + 1),
            "need" | "have" | "has" | "got" | "plan" | "intend" | "aim" | "hope" if w1 == "to" => {
                self.committed_action(j + 2)
            }
            "want" if w1 == "to" => self.action(j + 2),
            "have" if w1 == "got" && w2 == "to" => self.committed_action(j + 3),
            "would" if matches!(w1, "like" | "love") && w2 == "to" => self.action(j + 3),
            _ => None,
        }
    }

    /// Every cue of the sentence, the first per owner, in order.
    fn cues(&self) -> Vec<Cue> {
        let mut cues: Vec<Cue> = Vec::new();
        for i in 0..self.words.len() {
            let Some(cue) = self.cue_at(i) else {
                continue;
            };
            if cues.iter().all(|c| c.owner != cue.owner) {
                cues.push(cue);
                if cues.len() == 2 {
                    break;
                }
            }
        }
        cues
    }

    /// A cue whose key word is word `i`.
    fn cue_at(&self, i: usize) -> Option<Cue> {
        let previous = if i > 0 { self.w(i - 1) } else { "" };
        let (n1, n2) = (self.w(i + 1), self.w(i + 2));
        let cue = |owner, last| Cue {
            owner,
            first: i,
            last,
        };
        match self.w(i) {
            // "Would we need to sign…?" is inverted: a question, not a
            // commitment.
            "i" | "we" if is_auxiliary(previous) && !self.words.starts_clause(i) => None,
            "i" | "we" if self.negated_before(i) => None,
            "i" | "we" => self.commitment(i + 1).map(|last| cue(Party::Speaker, last)),
            "you" => {
                // A request's cue starts at its modal ("can you send").
                let (first, last) = match previous {
                    // "Would you…" in an "if…" sentence is a condition.
                    "would" if self.hypothetical => None,
                    // "How could you find it?" asks for a way, not a task.
                    "can" | "could" | "would" | "will" if i >= 2 && is_wh(self.w(i - 2)) => None,
                    // A generic or hedged "you": "make sure that you can
                    // introduce…", "probably you will write it better".
                    "that" | "sure" | "where" | "how" | "when" | "which" | "until" | "whether"
                    | "probably" | "maybe" | "perhaps" | "think" => None,
                    // "Would you mind sending…".
                    "would" if n1 == "mind" => Some((i - 1, self.action(i + 2)?)),
                    "can" | "could" | "would" | "will" => Some((i - 1, self.action(i + 1)?)),
                    "need" | "want" | "like" | "asking" if n1 == "to" => {
                        Some((i, self.action(i + 2)?))
                    }
                    "if" if matches!(n1, "could" | "can") => Some((i - 1, self.action(i + 2)?)),
                    _ => Some((i, self.commitment(i + 1)?)),
                }?;
                Some(Cue {
                    owner: Party::Other,
                    first,
                    last,
                })
            }
            "let" if n1 == "us" => self.action(i + 2).map(|last| cue(Party::Speaker, last)),
            "let" if n1 == "me" && n2 == "know" => {
                // "Let me know by Friday" asks for an answer by a date;
                // without one it is a courtesy.
                self.dated.then(|| cue(Party::Other, i + 2))
            }
            "let" if n1 == "me" => self.action(i + 2).map(|last| cue(Party::Speaker, last)),
            "please" => self
                .action(i + 1)
                .or_else(|| self.open_verb_at(i + 1))
                .map(|last| cue(Party::Other, last)),
            // "Everybody should enter what they have done in the sheet."
            "everybody" | "everyone" => match n1 {
                "should" | "must" => self.committed_action(i + 2),
                "needs" | "has" if n2 == "to" => self.committed_action(i + 3),
                _ => None,
            }
            .map(|last| cue(Party::Other, last)),
            "can" | "could" | "shall" | "should" if n1 == "we" => {
                let v = self.skip_fillers(i + 2);
                if is_scheduling(lemma(self.w(v))) {
                    self.direct_action(v).map(|last| cue(Party::Speaker, last))
                } else {
                    None
                }
            }
            "next" if matches!(n1, "step" | "steps") && matches!(n2, "is" | "are" | "will") => {
                Some(cue(Party::Speaker, i + 1))
            }
            _ if self.words.starts_clause(i) => self.imperative(i).map(|(first, last)| Cue {
                owner: Party::Other,
                first,
                last,
            }),
            _ => None,
        }
    }

    /// An imperative task at the clause starting at `i`: "send me an
    /// invite", "okay, go ahead and loop in Dana": the verb's first and last
    /// words.
    fn imperative(&self, i: usize) -> Option<(usize, usize)> {
        let mut j = i;
        while is_discourse(self.w(j)) {
            j += 1;
        }
        let j = self.skip_fillers(j);
        let verb = self.w(j);
        // "So remember to fill in the Doodle."
        if matches!(verb, "remember" | "forget") && self.w(j + 1) == "to" {
            let v = j + 2;
            return (verb == "remember" && is_open_verb(self.w(v))).then_some((j, v));
        }
        let imperative = matches!(
            lemma(verb),
            "send"
                | "email"
                | "forward"
                | "shoot"
                | "loop"
                | "share"
                | "schedule"
                | "book"
                | "set"
                | "add"
                | "put"
                | "drop"
                | "ping"
                | "call"
                | "introduce"
                | "connect"
                | "confirm"
                | "get"
        ) && lemma(verb) == verb;
        let object = matches!(
            self.w(j + 1),
            "me" | "us"
                | "over"
                | "it"
                | "them"
                | "the"
                | "a"
                | "an"
                | "your"
                | "that"
                | "this"
                | "him"
                | "her"
                | "in"
                | "up"
        );
        if imperative && object {
            self.direct_action(j).map(|last| (j, last))
        } else {
            None
        }
    }

    /// Rule 4: a day or date ahead with an action, in a sentence that is
    /// not past, habitual, negated or hedged.
    fn dated_action(&self, dates: &Dates, question: bool) -> Option<Cue> {
        let when = dates.when?;
        if dates.habitual || self.hypothetical || self.is_past() {
            return None;
        }
        let n = self.words.len();
        if (0..n).any(|i| {
            matches!(
                self.w(i),
                "not" | "never" | "no" | "nobody" | "nothing" | "would" | "might" | "could"
            )
        }) {
            return None;
        }
        let outside_date = |&i: &usize| i < when.first || i > when.last;
        let trigger = (0..n).filter(outside_date).find_map(|i| {
            let w = self.w(i);
            let previous = if i > 0 { self.w(i - 1) } else { "" };
            if is_meeting_noun(w) {
                // "On the call this morning" is the call itself.
                let this_call = matches!(previous, "this" | "today's")
                    || previous == "the" && i >= 2 && matches!(self.w(i - 2), "on" | "of" | "to");
                // Before another noun it describes it: "call quality".
                let next = self.w(i + 1);
                let a_meeting = i + 1 == when.first
                    || next.is_empty()
                    || matches!(
                        next,
                        "with"
                            | "on"
                            | "at"
                            | "for"
                            | "to"
                            | "in"
                            | "about"
                            | "and"
                            | "or"
                            | "so"
                            | "then"
                            | "between"
                            | "before"
                            | "after"
                            | "by"
                            | "next"
                            | "this"
                            | "tomorrow"
                            | "today"
                            | "later"
                            | "invite"
                    );
                return (!this_call && a_meeting).then_some((i, i));
            }
            if question {
                // A question is only a proposal to meet ("does Thursday
                // work for a follow-up?").
                return None;
            }
            let future = w == "will" || (w == "going" && self.w(i + 1) == "to");
            if future {
                // Third-party futures only: "I'm going to be out Thursday"
                // already failed the commitment rules.
                return (!is_subject(previous) && !matches!(previous, "am" | "are"))
                    .then_some((i, i));
            }
            // "He's coming tomorrow", "I have school on Thursday", "rates
            // going into effect in January" are plans, not tasks.
            if matches!(lemma(w), "have" | "come") || lemma(w) == "go" && self.w(i + 1) != "out" {
                return None;
            }
            // A weak verb needs someone to do it: "our quiet period starts
            // in January" is a calendar, "we start in January" a plan.
            let someone = (i.saturating_sub(3)..i).any(|k| {
                let v = self.w(k);
                is_subject(v) || matches!(v, "will" | "to" | "us" | "please" | "am" | "are")
            });
            // After a determiner the word is a noun: "when we close our
            // books in January".
            if matches!(
                previous,
                "our" | "my" | "your" | "their" | "his" | "her" | "its" | "the" | "a" | "an"
            ) {
                return None;
            }
            match self.kind(i) {
                Kind::Task(last) => Some((i, last)),
                Kind::Weak(last) if someone || self.words.starts_clause(i) => Some((i, last)),
                _ => None,
            }
        })?;
        Some(Cue {
            owner: Party::Speaker,
            first: trigger.0,
            last: trigger.1,
        })
    }

    /// Whether the sentence speaks of the past: "yesterday", "two weeks
    /// ago", "last Friday", "already", an irregular past ("sent", "got"),
    /// or a regular past right after a subject or before an object ("I
    /// emailed", "asked us").
    fn is_past(&self) -> bool {
        (0..self.words.len()).any(|i| {
            let w = self.w(i);
            match w {
                "yesterday" | "ago" | "already" | "earlier" | "previously" | "recently" => true,
                "last" => matches!(
                    self.w(i + 1),
                    "time"
                        | "week"
                        | "month"
                        | "year"
                        | "quarter"
                        | "night"
                        | "monday"
                        | "tuesday"
                        | "wednesday"
                        | "thursday"
                        | "friday"
                        | "saturday"
                        | "sunday"
                ),
                "sent" | "got" | "went" | "came" | "said" | "told" | "spoke" | "met" | "had"
                | "did" | "was" | "were" | "saw" | "heard" | "made" | "took" | "gave"
                | "thought" | "knew" | "brought" | "wrote" | "ran" | "began" | "forgot"
                | "left" | "paid" | "sold" | "spent" => true,
                _ if w.len() >= 5 && w.ends_with("ed") && !w.ends_with("eed") => {
                    let previous = if i > 0 { self.w(i - 1) } else { "" };
                    is_subject(previous)
                        || matches!(previous, "it" | "already" | "just" | "have" | "has" | "had")
                        || matches!(
                            self.w(i + 1),
                            "us" | "me"
                                | "you"
                                | "him"
                                | "her"
                                | "them"
                                | "the"
                                | "a"
                                | "an"
                                | "our"
                                | "your"
                                | "my"
                                | "their"
                                | "it"
                                | "that"
                                | "this"
                        )
                }
                _ => false,
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items(text: &str) -> Vec<(Party, &str)> {
        let mut words = Words::default();
        words.fill(text);
        let question = text.trim_end().ends_with('?');
        detect(&words, question)
            .items
            .into_iter()
            .map(|item| (item.owner, &text[item.cue]))
            .collect()
    }

    #[test]
    fn cues_cover_the_phrase() {
        assert_eq!(
            items("I'll follow up Monday"),
            [(Party::Speaker, "I'll follow up")]
        );
        assert_eq!(
            items("Can you send me it?"),
            [(Party::Other, "Can you send")]
        );
        assert_eq!(
            items("Let's touch base"),
            [(Party::Speaker, "Let's touch base")]
        );
    }
}
