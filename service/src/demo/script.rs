//! The demo's dialogue: lines for each stage of a sales call, by who says
//! them and how the customer feels. `{c}` is the customer's first name,
//! `{s}` the seller's, `{co}` the customer's company, `{x}` a competitor.

/// How the customer feels about the deal; it colours their lines and the
/// call's outcome.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mood {
    Happy,
    Neutral,
    Unhappy,
}

pub const COMPETITORS: &[&str] = &[
    "Gong",
    "Chorus",
    "Salesloft",
    "Clari",
    "Outreach",
    "Dynamics 365",
];

pub const COMPANIES: &[&str] = &[
    "Northwind Traders",
    "Contoso",
    "Fabrikam",
    "Tailspin Toys",
    "Wingtip Supply",
    "Adventure Works",
    "Litware",
    "Proseware",
    "Alpine Ski House",
    "Coho Winery",
    "Fourth Coffee",
    "Woodgrove Bank",
    "Lucerne Publishing",
    "Margie's Travel",
    "Blue Yonder Airlines",
    "Trey Research",
    "Humongous Insurance",
    "Graphic Design Institute",
];

pub const FIRST_NAMES: &[&str] = &[
    "Priya", "Marcus", "Elena", "Tomás", "Aisha", "Jonas", "Mei", "Olivia", "Kwame", "Sofia",
    "Hiroshi", "Grace", "Mateo", "Fatima", "Lukas", "Chloe", "Ravi", "Nora", "Diego", "Hannah",
];

pub const LAST_NAMES: &[&str] = &[
    "Patel", "Johnson", "Rossi", "García", "Okafor", "Berg", "Chen", "Smith", "Mensah", "Costa",
    "Tanaka", "Murphy", "López", "Haddad", "Schmidt", "Dubois",
];

pub const TITLES: &[&str] = &[
    "Discovery call with {co}",
    "{co}: demo follow-up",
    "Pricing review with {co}",
    "{co} renewal check-in",
    "Intro call: {co}",
];

pub const SELLER_GREETINGS: &[&str] = &[
    "Hi {c}, this is {s} from Callsight. Thanks for making the time today.",
    "Good morning {c}, {s} here. How has your week been so far?",
    "Hey {c}, great to connect again. Is now still a good time?",
];

pub fn customer_greeting(mood: Mood) -> &'static [&'static str] {
    match mood {
        Mood::Happy => &[
            "Hi {s}, great to talk again, I've been looking forward to this.",
            "Hey! Yes, perfect timing, we had a great week actually.",
        ],
        Mood::Neutral => &[
            "Hi, sure. I have about thirty minutes.",
            "Hello {s}. Yes, go ahead.",
        ],
        Mood::Unhappy => &[
            "Hi. Honestly I'm not sure this is worth our time, but go ahead.",
            "Yeah, hi. It's been a frustrating week, so let's keep this short.",
        ],
    }
}

pub const DISCOVERY_QUESTIONS: &[&str] = &[
    "What does your current process for coaching reps look like?",
    "How many people on your team are on calls every day?",
    "What would success look like for you by the end of the quarter?",
    "Who else is involved in the decision?",
    "What's the biggest challenge with onboarding new sellers right now?",
    "How are you measuring call quality today?",
    "What happens if you don't solve this this year?",
    "When are you hoping to have something in place?",
    "Which CRM are you using at the moment?",
    "How do your managers find the calls worth reviewing?",
    "What did you like about the tools you tried before?",
    "Is there a budget set aside for this already?",
    "How does your security team usually review new vendors?",
    "What would make this a clear win for your VP?",
    "Can you walk me through how a deal moves from demo to contract?",
    "Where do deals usually stall for you?",
];

pub fn discovery_answer(mood: Mood) -> &'static [&'static str] {
    match mood {
        Mood::Happy => &[
            "Good question. Right now managers listen to maybe two calls a week each, and we know that's not enough. We'd love to see every call scored.",
            "We have about forty reps, and onboarding takes three months. If we could cut that in half it would be huge for us.",
            "Success would be our win rate going up a few points. The team is excited about getting better feedback.",
            "Our VP of sales signs off, and finance joins for anything over a certain amount. They've been supportive so far.",
            "We're on Salesforce, and the integration is the main thing I'd want to see working well.",
        ],
        Mood::Neutral => &[
            "We mostly rely on managers joining live calls when they can. It works, sort of.",
            "About twenty people. Some are new, most have been here a couple of years.",
            "We'd want to see better ramp times, but I need to understand the cost first.",
            "It's me and my director, and procurement at the end.",
            "We track a few numbers in the CRM, but nothing about the calls themselves.",
        ],
        Mood::Unhappy => &[
            "Honestly, we've been burned before. The last tool was expensive and nobody used it.",
            "It's a mess, to be frank. Managers don't have time and the data we have is wrong half the time.",
            "I don't have a budget for this right now, and I'm not sure I'll get one.",
            "The integration with our CRM is a problem with every vendor, and I'm tired of it.",
            "Our security team blocked the last two tools we wanted. It's a slow and painful process.",
        ],
    }
}

pub const PITCH: &[&str] = &[
    "So what we do is pull every call into one place, transcribe it, and score how the conversation went, so your managers stop guessing which calls to review.",
    "Managers get a page per seller with talk-to-listen ratio, question rate, longest monologue and customer sentiment, and they can comment on the exact moment in a call.",
    "The top performers on your team already do things differently, and we show you what that is, in numbers, so the rest of the team can copy it.",
    "It plugs into your CRM in about a day, and our security documentation covers SOC 2 and GDPR, which usually makes the review a lot faster.",
    "Most teams see ramp time for new reps drop by a few weeks, because they learn from real calls instead of role plays.",
    "You can also track the keywords your customers use, like pricing, integration or contract, and see when competitors come up.",
];

pub fn objection(mood: Mood) -> &'static [&'static str] {
    match mood {
        Mood::Happy => &[
            "That sounds great. How long does onboarding usually take?",
            "I love that. Does it work with our existing contract structure?",
        ],
        Mood::Neutral => &[
            "That sounds expensive for a team our size.",
            "I'm worried about the integration with our CRM.",
            "Security is going to ask a lot of questions about this.",
        ],
        Mood::Unhappy => &[
            "We tried something similar last year and nobody used it. Why would this be any different?",
            "This is way too expensive. I can't justify that to finance.",
            "I'm really not convinced. The last vendor promised the same thing and it was a disaster.",
        ],
    }
}

pub const OBJECTION_RESPONSES: &[&str] = &[
    "That's fair. Most of our customers start with a pilot for one team, so the cost stays small until you see results.",
    "I hear you. The difference is that managers don't have to change how they work; the insights show up where they already are.",
    "Completely understand. I can send you our security package today so your team can start the review early.",
    "Good point. The integration is standard for Salesforce and HubSpot, and our team handles the setup with you.",
];

pub const PRICING_QUESTIONS: &[&str] = &[
    "What does the pricing look like?",
    "Can you give me a rough idea of the price?",
    "Is there a discount if we sign for two years?",
];

pub const PRICING_ANSWERS: &[&str] = &[
    "For forty seats it would be around twelve thousand a year, and we can start with a pilot.",
    "It's priced per seat. For your team size we'd be looking at roughly eight hundred a month, with a discount for an annual contract.",
    "We can do fifteen percent off on a two-year contract, and the pilot is free for thirty days.",
];

pub const COMPETITOR_MENTIONS: &[&str] = &[
    "We're also looking at {x}, to be honest.",
    "{x} quoted us a lower price last week.",
    "Our CFO likes {x} because we already have a relationship there.",
    "How are you different from {x}?",
];

pub const COMPETITOR_RESPONSES: &[&str] = &[
    "Good to know. A lot of our customers compared us with {x}; what usually tips it is how quickly managers get to the right moment in a call.",
    "{x} is a solid product. Where we differ is the per-seller coaching view and the price for teams your size.",
];

pub const SELLER_COMMITMENTS: &[&str] = &[
    "I'll send you the proposal by Friday.",
    "Let's schedule a demo with your team next Tuesday.",
    "I'll get you the security questionnaire answers tomorrow.",
    "I'll put together a pilot plan and share it on Monday.",
    "Let me set up a call with our integration lead this week.",
];

pub fn customer_commitment(mood: Mood) -> &'static [&'static str] {
    match mood {
        Mood::Happy => &[
            "Great. I'll talk to our CFO this week and get back to you.",
            "Perfect, I'll loop in our IT lead for the next call.",
            "Can you get me a reference customer in our industry? I'd love to share that internally.",
        ],
        Mood::Neutral => &[
            "Okay. Send it over and I'll take a look.",
            "Can you get me the pricing in writing?",
        ],
        Mood::Unhappy => &[
            "Fine, send it, but I can't promise anything.",
            "I'll think about it.",
        ],
    }
}

pub fn customer_closing(mood: Mood) -> &'static [&'static str] {
    match mood {
        Mood::Happy => &[
            "This was really helpful, thank you so much!",
            "Thanks {s}, this is exactly what we need. Talk soon!",
        ],
        Mood::Neutral => &["Thanks, talk soon.", "Okay, thanks for the overview."],
        Mood::Unhappy => &[
            "I don't think this is a fit for us right now, but thanks.",
            "Alright. I'm still skeptical, but thanks for your time.",
        ],
    }
}

pub const SELLER_CLOSINGS: &[&str] = &[
    "Thanks {c}, really appreciate your time today.",
    "Great talking to you, {c}. Have a good rest of your day.",
];

pub const BACKCHANNELS: &[&str] = &["Mm-hmm.", "Right.", "Okay.", "Yeah.", "Sure.", "Got it."];
