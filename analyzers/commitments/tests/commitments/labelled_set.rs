//! The labelled set: sales-call utterances, each with the speaker's role,
//! whether it holds an action item (and who owns it) and whether it holds a
//! question sentence.
//!
//! Written before the detector, from what a sales manager reading the call
//! would mark, not from what the rules catch; the labels were not changed
//! to fit the detector afterwards. Conventions:
//!
//! - the owner is who has to do the task: the speaker for "I'll send…",
//!   "let's schedule…", "we'll review…"; the other side for a request
//!   ("can you send me…", "please loop in…", "you'll check with Dana");
//! - in-call moves ("let me share my screen", "can you tell me about your
//!   role?", "let's talk about pricing") are not action items;
//! - past tense, habits, refusals, hedges ("might") and counterfactuals
//!   ("I would have…") are not action items;
//! - an utterance with several items is labelled with its main one; the
//!   detector is right when any of its items has that owner.

use callsight_plugin_api::Role;

/// One labelled utterance.
#[derive(Debug, Clone, Copy)]
pub struct Case {
    pub role: Role,
    pub text: &'static str,
    /// Who owns the action item in it, if it has one.
    pub action: Option<Role>,
    /// Whether it holds a question sentence.
    pub question: bool,
}

pub const S: Role = Role::Seller;
pub const C: Role = Role::Customer;
/// No action item.
pub const NO: Option<Role> = None;
/// Action item owned by the seller / the customer.
pub const AS: Option<Role> = Some(Role::Seller);
pub const AC: Option<Role> = Some(Role::Customer);
/// Question or not.
pub const Q: bool = true;
pub const N: bool = false;

pub const fn case(role: Role, text: &'static str, action: Option<Role>, question: bool) -> Case {
    Case {
        role,
        text,
        action,
        question,
    }
}

pub const CASES: &[Case] = &[
    // Discovery.
    case(
        S,
        "Thanks for making the time today, how's your week going so far?",
        NO,
        Q,
    ),
    case(
        C,
        "Pretty hectic, we're in the middle of quarter close.",
        NO,
        N,
    ),
    case(
        S,
        "Before we dive in, can you tell me a bit about your role?",
        NO,
        Q,
    ),
    case(
        C,
        "Sure, I run revenue operations for the North America team.",
        NO,
        N,
    ),
    case(
        S,
        "What does your current process for forecasting look like?",
        NO,
        Q,
    ),
    case(
        C,
        "Honestly it's a mess of spreadsheets and Salesforce reports.",
        NO,
        N,
    ),
    case(S, "How many reps are on the team right now?", NO, Q),
    case(
        C,
        "About forty, and we're hiring ten more next quarter.",
        NO,
        N,
    ),
    case(
        S,
        "What made you take this call now rather than six months ago?",
        NO,
        Q,
    ),
    case(
        C,
        "Our CRO asked us to find something before the board meeting in March.",
        NO,
        N,
    ),
    case(
        S,
        "Who else is involved in evaluating tools like this?",
        NO,
        Q,
    ),
    case(
        C,
        "My VP, Dana, and probably someone from IT security.",
        NO,
        N,
    ),
    case(
        S,
        "Got it. And what happens if you don't solve this by March?",
        NO,
        Q,
    ),
    case(
        C,
        "Then we're stuck with the spreadsheets for another year, which nobody wants.",
        NO,
        N,
    ),
    case(
        S,
        "Is budget already allocated for this, or would you need to request it?",
        NO,
        Q,
    ),
    case(
        C,
        "We have some budget, but I'd have to confirm the exact number.",
        NO,
        N,
    ),
    case(S, "Makes sense.", NO, N),
    case(
        S,
        "Walk me through how a deal moves from stage two to stage three.",
        NO,
        N,
    ),
    case(C, "Mm-hmm.", NO, N),
    case(C, "Right, yeah.", NO, N),
    // Seller commitments.
    case(
        S,
        "I'll send you the recording and the slides right after this call.",
        AS,
        N,
    ),
    case(
        S,
        "I'll put together a proposal and get it to you by Friday.",
        AS,
        N,
    ),
    case(
        S,
        "I will loop in our solutions engineer for the technical deep dive.",
        AS,
        N,
    ),
    case(
        S,
        "I'm going to follow up with our legal team about the data processing addendum.",
        AS,
        N,
    ),
    case(
        S,
        "Let me check with my manager on the discount and get back to you tomorrow.",
        AS,
        N,
    ),
    case(
        S,
        "I can send over a couple of case studies from companies your size.",
        AS,
        N,
    ),
    case(
        S,
        "We'll get the sandbox set up for your team by end of the week.",
        AS,
        N,
    ),
    case(
        S,
        "Let's schedule a follow-up for next Tuesday at two.",
        AS,
        N,
    ),
    case(S, "I'll email Dana the security whitepaper today.", AS, N),
    case(
        S,
        "We will have the updated quote in your inbox by EOD.",
        AS,
        N,
    ),
    case(
        S,
        "Let me set up a call with our implementation lead.",
        AS,
        N,
    ),
    case(
        S,
        "I'll circle back once I hear from product on the roadmap question.",
        AS,
        N,
    ),
    case(
        S,
        "Okay, I'm going to send you a calendar invite for Thursday.",
        AS,
        N,
    ),
    case(S, "I can get you a trial license for thirty days.", AS, N),
    case(
        S,
        "We'll follow up with the pricing breakdown on Monday.",
        AS,
        N,
    ),
    case(
        S,
        "I'll make sure the contract reflects the annual billing.",
        AS,
        N,
    ),
    case(
        S,
        "Let me find out whether the API supports bulk exports and I'll let you know.",
        AS,
        N,
    ),
    case(
        S,
        "I will share the ROI calculator after the meeting.",
        AS,
        N,
    ),
    case(
        S,
        "Let's plan to reconnect on the 15th once you've talked to Dana.",
        AS,
        N,
    ),
    case(
        S,
        "I'll get our CFO on the next call so we can talk terms.",
        AS,
        N,
    ),
    // Customer commitments.
    case(
        C,
        "I'll send you our current contract so you can see the renewal date.",
        AC,
        N,
    ),
    case(
        C,
        "Let me talk to Dana and I'll get back to you by Wednesday.",
        AC,
        N,
    ),
    case(C, "I will forward this to our security team today.", AC, N),
    case(C, "We'll review the proposal internally next week.", AC, N),
    case(
        C,
        "I'm going to set up a meeting with procurement for you.",
        AC,
        N,
    ),
    case(C, "I can get you a list of the integrations we use.", AC, N),
    case(C, "We'll have a decision by the end of the month.", AC, N),
    case(C, "I'll loop in our IT director on the next call.", AC, N),
    case(
        C,
        "Let me pull together the usage numbers and send them over.",
        AC,
        N,
    ),
    case(
        C,
        "We will sign the order form once legal approves it.",
        AC,
        N,
    ),
    case(C, "I'll check with finance on the budget tomorrow.", AC, N),
    case(
        C,
        "I can introduce you to our head of sales enablement.",
        AC,
        N,
    ),
    case(C, "Let me get back to you on that.", AC, N),
    case(C, "I'll share the RFP with you on Monday.", AC, N),
    case(
        C,
        "We're going to run a pilot with two teams in April.",
        AC,
        N,
    ),
    // Requests: the task is the other side's.
    case(
        S,
        "Can you send me the list of stakeholders who need to sign off?",
        AC,
        Q,
    ),
    case(
        S,
        "Could you get me the name of your procurement contact?",
        AC,
        Q,
    ),
    case(
        S,
        "Please send over the security questionnaire when you have it.",
        AC,
        N,
    ),
    case(
        C,
        "Can you send me the pricing for the enterprise tier?",
        AS,
        Q,
    ),
    case(
        C,
        "Could you email me a summary of what we discussed?",
        AS,
        Q,
    ),
    case(
        C,
        "Please loop in your support lead on the next call.",
        AS,
        N,
    ),
    case(
        S,
        "Would you mind sharing the current dashboard with me after the call?",
        AC,
        Q,
    ),
    case(
        C,
        "Can you get me a reference customer in healthcare?",
        AS,
        Q,
    ),
    case(
        S,
        "If you could send me the org chart, that would really help.",
        AC,
        N,
    ),
    case(
        C,
        "Send me the contract redlines when they're ready.",
        AS,
        N,
    ),
    case(S, "Can you forward me the email from your VP?", AC, Q),
    case(C, "Could you set up a demo for my team next week?", AS, Q),
    // Scheduling.
    case(S, "Does Thursday at 10 work for a follow-up?", AS, Q),
    case(C, "Thursday works, send me an invite.", AS, N),
    case(
        S,
        "Let's book thirty minutes next week to go over the proposal.",
        AS,
        N,
    ),
    case(C, "Let's touch base again after the holidays.", AC, N),
    case(S, "I'll send a calendar hold for Monday morning.", AS, N),
    case(
        C,
        "Can we schedule the technical review for the 22nd?",
        AC,
        Q,
    ),
    case(
        S,
        "We should set up a meeting with your security team.",
        AS,
        N,
    ),
    case(C, "We can circle back in two weeks.", AC, N),
    case(
        S,
        "What time zone are you in, so I can send the invite?",
        AS,
        Q,
    ),
    // Dates with an action, no first person.
    case(
        S,
        "The proposal will be in your inbox Monday morning.",
        AS,
        N,
    ),
    case(C, "Legal needs to review it by Friday.", AC, N),
    case(
        C,
        "Our budget gets approved on the 1st, so we can sign then.",
        AC,
        N,
    ),
    case(S, "Contract goes out tomorrow.", AS, N),
    case(
        C,
        "The security review should be done by next Wednesday.",
        AC,
        N,
    ),
    // Objections and pricing.
    case(
        C,
        "Honestly, the price is about twice what we budgeted.",
        NO,
        N,
    ),
    case(
        S,
        "I hear you, and a lot of our customers felt the same way at first.",
        NO,
        N,
    ),
    case(C, "Your competitor quoted us thirty percent less.", NO, N),
    case(
        S,
        "What's driving the comparison, is it just price or also features?",
        NO,
        Q,
    ),
    case(
        C,
        "Mostly price, but their reporting also looked cleaner.",
        NO,
        N,
    ),
    case(S, "That's fair.", NO, N),
    case(C, "Why is the implementation fee so high?", NO, Q),
    case(
        S,
        "The fee covers data migration, training, and a dedicated onboarding manager.",
        NO,
        N,
    ),
    case(C, "We don't really need a dedicated manager.", NO, N),
    case(C, "Is there any flexibility on the per-seat price?", NO, Q),
    case(
        S,
        "There's some flexibility if you commit to a two-year term.",
        NO,
        N,
    ),
    case(C, "Two years is a big commitment for us right now.", NO, N),
    case(
        S,
        "Would a quarterly payment schedule make that easier?",
        NO,
        Q,
    ),
    case(C, "Maybe, I don't know.", NO, N),
    case(
        C,
        "We tried a tool like this two years ago and nobody used it.",
        NO,
        N,
    ),
    case(S, "What do you think went wrong with the rollout?", NO, Q),
    case(
        C,
        "No executive sponsor, and the training was an afterthought.",
        NO,
        N,
    ),
    // Past tense.
    case(S, "I sent the proposal over on Monday.", NO, N),
    case(
        C,
        "We already scheduled the kickoff with your team last week.",
        NO,
        N,
    ),
    case(
        S,
        "I followed up with Dana yesterday but haven't heard back.",
        NO,
        N,
    ),
    case(C, "I emailed you the contract this morning.", NO, N),
    case(S, "We set up the sandbox for you on Friday.", NO, N),
    case(
        C,
        "I talked to finance and they approved the budget.",
        NO,
        N,
    ),
    case(
        S,
        "Last time we spoke you mentioned a board meeting in March.",
        NO,
        N,
    ),
    case(C, "We got your invite for Thursday.", NO, N),
    case(S, "I already looped in our solutions engineer.", NO, N),
    case(C, "I forwarded your deck to my boss yesterday.", NO, N),
    // Hypotheticals, refusals, hedges.
    case(
        C,
        "If I'd known about the fee, I would have asked earlier.",
        NO,
        N,
    ),
    case(
        S,
        "If we were to offer a discount, would you sign this quarter?",
        NO,
        Q,
    ),
    case(
        C,
        "I would send it, but I'm not allowed to share contracts externally.",
        NO,
        N,
    ),
    case(C, "I won't be able to get you those numbers.", NO, N),
    case(S, "I can't promise the feature will ship this year.", NO, N),
    case(C, "We're not going to make a decision this month.", NO, N),
    case(
        C,
        "I wouldn't schedule anything until after the reorg.",
        NO,
        N,
    ),
    case(
        S,
        "Even if I sent you the docs, legal would still need to review them.",
        NO,
        N,
    ),
    case(C, "I don't think we'll need a follow-up call.", NO, N),
    case(
        S,
        "We could in theory set up SSO, but most teams don't bother.",
        NO,
        N,
    ),
    case(
        C,
        "If the pilot goes well, we might expand to the whole org.",
        NO,
        N,
    ),
    case(C, "I might send it over if I have time.", NO, N),
    // Small talk and in-call moves.
    case(
        S,
        "How was the long weekend, did you get away at all?",
        NO,
        Q,
    ),
    case(C, "We went up to the lake, the weather was perfect.", NO, N),
    case(S, "Oh nice, I'm jealous.", NO, N),
    case(C, "Are you guys still based in Austin?", NO, Q),
    case(S, "Yep, though half the team is remote now.", NO, N),
    case(C, "Sorry, my dog is barking, give me one second.", NO, N),
    case(S, "No worries at all.", NO, N),
    case(C, "Can you hear me okay?", NO, Q),
    case(
        S,
        "You're breaking up a little, could you repeat that?",
        NO,
        Q,
    ),
    case(C, "Let me move somewhere quieter.", NO, N),
    case(S, "Let me share my screen real quick.", NO, N),
    case(C, "Let's see, where was I.", NO, N),
    case(
        S,
        "Let me ask you this: what would success look like in six months?",
        NO,
        Q,
    ),
    case(
        S,
        "I'll be honest, we're not the cheapest option out there.",
        NO,
        N,
    ),
    case(C, "I'll tell you what worries me, it's adoption.", NO, N),
    case(S, "Let's dive into the reporting module.", NO, N),
    case(C, "Let's talk about pricing.", NO, N),
    case(S, "Let me pull up your account real quick.", NO, N),
    // Questions.
    case(C, "How long does a typical implementation take?", NO, Q),
    case(C, "Does it integrate with HubSpot?", NO, Q),
    case(
        S,
        "What would it take to get this signed by the end of the quarter?",
        NO,
        Q,
    ),
    case(
        C,
        "When would we need to sign to lock in this price?",
        NO,
        Q,
    ),
    case(
        C,
        "Who would be our point of contact after onboarding?",
        NO,
        Q,
    ),
    case(
        S,
        "Did you get a chance to look at the proposal I sent?",
        NO,
        Q,
    ),
    case(C, "So what happens to our data if we cancel?", NO, Q),
    case(
        S,
        "Is Dana the final decision maker, or does it go to the CFO?",
        NO,
        Q,
    ),
    case(C, "Really?!", NO, Q),
    case(C, "Wait, the fee is per user??", NO, Q),
    case(S, "Right?", NO, Q),
    case(C, "And the onboarding, is that included?", NO, Q),
    // Several sentences.
    case(
        S,
        "Great question. The short answer is yes. I'll send you the docs after the call.",
        AS,
        N,
    ),
    case(
        C,
        "That makes sense. Can you send me the SOC 2 report? Our security team will ask for it.",
        AS,
        Q,
    ),
    case(
        S,
        "Okay, so to recap: you'll check with Dana, and I'll send the revised quote by Thursday.",
        AS,
        N,
    ),
    case(
        C,
        "We're happy with the demo. Next step is a call with procurement on Tuesday.",
        AC,
        N,
    ),
    case(S, "Thanks everyone. Talk soon!", NO, N),
    case(C, "Sounds good, talk to you Thursday.", AC, N),
    case(S, "Perfect, I'll see you on Monday then.", AS, N),
    case(C, "Okay. We'll take it from here and let you know.", AC, N),
    case(
        S,
        "Mr. Patel mentioned the rollout starts in May. Is that still the plan?",
        NO,
        Q,
    ),
    case(
        C,
        "We use it for e.g. territory planning and quota setting.",
        NO,
        N,
    ),
    // Cue words in statements that are not commitments.
    case(S, "The proposal includes a section on next steps.", NO, N),
    case(
        C,
        "Follow-up calls with vendors usually take forever here.",
        NO,
        N,
    ),
    case(
        S,
        "Our schedule feature lets managers book coaching sessions.",
        NO,
        N,
    ),
    case(
        C,
        "We send a weekly report to leadership every Monday.",
        NO,
        N,
    ),
    case(
        S,
        "Most customers set up their first dashboard on day one.",
        NO,
        N,
    ),
    case(C, "I usually follow up with leads within a day.", NO, N),
    case(
        S,
        "Reminder that the promotional pricing expires on the 30th.",
        NO,
        N,
    ),
    case(
        C,
        "I'm on vacation until the 12th, so Monday is out.",
        NO,
        N,
    ),
    case(
        S,
        "Let's say you have fifty reps, that's about twelve thousand a year.",
        NO,
        N,
    ),
    case(C, "Let's be honest, nobody reads those reports.", NO, N),
    case(S, "Can you give me a sense of the timeline?", NO, Q),
    case(C, "Could you explain how the pricing tiers differ?", NO, Q),
    // More requests and commitments.
    case(
        S,
        "Can you send me a quick note confirming the seat count by Friday?",
        AC,
        Q,
    ),
    case(C, "I need to get sign-off from my VP before Friday.", AC, N),
    case(S, "I need you to confirm the billing address.", AC, N),
    case(C, "We'd need SSO before rolling out to everyone.", NO, N),
    case(
        S,
        "Go ahead and send me the redlines whenever they're ready.",
        AC,
        N,
    ),
    case(
        C,
        "I'll have my assistant send you some times for next week.",
        AC,
        N,
    ),
    case(
        S,
        "I'm going to be out Thursday, but my colleague Sam can cover.",
        NO,
        N,
    ),
    case(
        C,
        "I'm going to be honest, the demo didn't land with my team.",
        NO,
        N,
    ),
];
