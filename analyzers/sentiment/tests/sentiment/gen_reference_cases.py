#!/usr/bin/env python3
"""Writes reference_cases.rs: texts exercising every VADER rule, with the
scores the reference (vaderSentiment 3.3.2) gives them.

    pip install vaderSentiment==3.3.2
    python3 tests/sentiment/gen_reference_cases.py > tests/sentiment/reference_cases.rs

Three parts: hand-written sentences, one or more per rule (the reference's own
demo sentences among them), and seeded random sentences drawn from the words
that trigger the rules, so that the rules' interactions and quirks (the
"but" rescaling by first equal value, idioms overriding negations, capitals
on modifiers, ...) are compared too; and seeded random sentences of
non-ASCII material, for the Python string semantics the tokenizer mirrors.
"""

import random

import vaderSentiment
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

assert vaderSentiment.__file__ and SentimentIntensityAnalyzer

HAND_WRITTEN = [
    # The reference's demo sentences.
    "VADER is smart, handsome, and funny.",
    "VADER is smart, handsome, and funny!",
    "VADER is very smart, handsome, and funny.",
    "VADER is VERY SMART, handsome, and FUNNY.",
    "VADER is VERY SMART, handsome, and FUNNY!!!",
    "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
    "VADER is not smart, handsome, nor funny.",
    "The book was good.",
    "At least it isn't a horrible book.",
    "The book was only kind of good.",
    "The plot was good, but the characters are uncompelling and the dialog is not great.",
    "Today SUX!",
    "Today only kinda sux! But I'll get by, lol",
    "Make sure you :) or :D today!",
    "Catch utf-8 emoji such as 💘 and 💋 and 😁",
    "Not bad at all",
    "Sentiment analysis has never been good.",
    "Sentiment analysis has never been this good!",
    "Most automated sentiment analysis tools are shit.",
    "With VADER, sentiment analysis is the shit!",
    "Other sentiment analysis tools can be quite bad.",
    "On the other hand, VADER is quite bad ass",
    "VADER is such a badass!",
    "Without a doubt, excellent idea.",
    "Roger Dodger is one of the most compelling variations on this theme.",
    "Roger Dodger is at least compelling as a variation on the theme.",
    "Roger Dodger is one of the least compelling variations on this theme.",
    "Not such a badass after all.",
    "Without a doubt, an excellent idea.",
    # Negation: NEGATE words, n't, distance 1 to 3, beyond the window.
    "This is not good",
    "This isn't good",
    "This is not very good",
    "This is not really very good",
    "Not that it was ever really that good",
    "I wouldn't say the demo went badly",
    "It aint great",
    "We never had a good experience",
    "Nothing about it was helpful",
    "Despite the great pricing we passed",
    "He seldom seems happy",
    "no good",
    "no no good",
    "there is no problem here",
    "no problem",
    "no, thanks",
    "no way this is good",
    "no excuse or problem",
    "no cake nor joy",
    "no",
    "NO",
    "NO problem at all with this deal",
    # Boosters and dampeners at distances 1, 2, 3, and capitalised.
    "It was very good",
    "It was very much good",
    "It was very much so good",
    "It was extremely bad",
    "It was slightly bad",
    "It was barely good",
    "It was EXTREMELY good and fine",
    "It was EXTREMELY bad and fine",
    "the pricing is sort of good",
    "the pricing is kind of good",
    "the pricing is kinda good",
    "it is just enough good",
    "you are kind",
    "that was kind of you",
    "kind of",
    # Capitals.
    "GOOD",
    "GOOD news everyone",
    "GOOD NEWS EVERYONE",
    "this is AWFUL",
    "This Is Great",
    "ÉTÉ GOOD summer",
    # But.
    "The product is good but the support is terrible",
    "good good but good",
    "good but bad",
    "bad but bad",
    "great, but",
    "but great",
    "BUT it was great",
    "I liked it but, honestly, I loved the other one",
    "nice nice but nice nice",
    "happy but sad but happy",
    # Least.
    "least good",
    "the least good option",
    "at least good",
    "the very least good",
    # Idioms.
    "this is the shit",
    "this party is the bomb",
    "what a bad ass car",
    "yeah right, sure",
    "okay yeah right",
    "i think it is yeah right",
    "that is the kiss of death for us",
    "a dessert to die for",
    "the beating heart of the team",
    "we waited at the bus stop",
    "we waited at the bus stop happily",
    "it is a real kiss of death",
    "they blow smoke under the weather",
    "never so good",
    "it has never so good",
    "it was never this bad",
    "it is so good",
    "it is this good",
    "I was so so happy",
    "without doubt good",
    "without any doubt good",
    # Punctuation.
    "good!",
    "good!!",
    "good!!!!!!!",
    "good?",
    "good??",
    "good???",
    "good????",
    "bad!!??",
    "what?!?! terrible",
    "ok!",
    "ok",
    "okay!",
    "...",
    "!!!",
    "wow!!!",
    "(good)",
    "'good'",
    "\"great\",",
    "-good-",
    "good...",
    # Emoticons and emoji.
    ":)",
    ":-(",
    "<3",
    "</3",
    ":D",
    "XD",
    "so happy :) :)",
    "😀",
    "😀😀",
    "I love it😀",
    "😡 terrible service",
    "great 👍",
    "deal 🤝 done",
    "🔛 go",
    "🆙🆙",
    "👍🏽 thanks",
    "❤️ this",
    "🇺🇸 flag",
    "\u263a",
    # Whitespace and Unicode.
    "good\tbad\nfine",
    "good\u00a0day",
    "happy\u001fday",
    "happy\u200bday",
    "  leading and trailing  ",
    "",
    "   ",
    "Ǆungla is great",
    "ΣΟΦΟΣ good",
    "naïve happy café",
    # Sales-call speech.
    "Honestly the integration is the part I worry about the most",
    "That sounds reasonable, but I need to run it past finance first",
    "We're really happy with the rollout so far, thanks for all the help",
    "I'm not sure this is going to work for us, it's way too expensive",
    "Yeah, no, that's fine",
    "Okay great, I'll send you the proposal by Friday",
    "Unfortunately we had a terrible experience with your competitor",
    "That's not a problem at all",
    "I don't hate it",
    "I can't recommend it highly enough",
]

# Words that trigger the rules, and plain filler.
POOL = (
    "good bad great terrible happy sad love hate nice awful fine ok okay problem kind "
    "not never no nor or isn't don't can't without doubt despite least at very "
    "extremely really so this kind of sort kinda slightly barely just enough more most "
    "but BUT GOOD BAD VERY NOT the shit bomb bad ass yeah right kiss of death to die for "
    "bus stop beating heart :) :( <3 :D lol wow ! ? !! ?? the a it is was we you deal "
    "price team call demo yes sure thanks sorry 😀 😡 👍"
).split()


def random_sentences(count, seed=20140601):
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        words = [rng.choice(POOL) for _ in range(rng.randint(1, 14))]
        text = " ".join(words)
        if rng.random() < 0.3:
            text += rng.choice(["!", "!!!", "?", "??", "????", ".", "!?"])
        out.append(text)
    return out


# Non-ASCII material: capitals and lowercase of other scripts, titlecase,
# final sigma, the Kelvin sign, emoji with and without descriptions (some
# with "!" in theirs), multi-code-point emoji, and Python-only whitespace.
UNICODE_POOL = (
    ["ÉTÉ", "été", "ΣΟΦΟΣ", "σοφός", "ǅ", "ǆ", "\u212a", "İ", "ß", "Straße", "naïve", "CAFÉ",
     "😀", "😢", "🔛", "🆙", "💘", "👍🏽", "❤️", "🇺🇸", "🤝", "☺", "\u2639",
     "\u00a0", "\u001c", "\u0085", "\u2003", "\u3000", "\u200b", "’", "don’t"]
    + "good GOOD bad BAD not n't but very so happy sad :) ! ? the it".split()
)


def unicode_sentences(count, seed=2014):
    rng = random.Random(seed)
    out = []
    for _ in range(count):
        parts = [rng.choice(UNICODE_POOL) for _ in range(rng.randint(1, 10))]
        glue = rng.choice([" ", "", " ", "\t"])
        out.append(glue.join(parts))
    return out


def rust_string(text):
    out = []
    for c in text:
        if c == '"':
            out.append('\\"')
        elif c == "\\":
            out.append("\\\\")
        elif c.isprintable() and c not in "\u00a0\u200b":
            out.append(c)
        else:
            out.append("\\u{%x}" % ord(c))
    return '"' + "".join(out) + '"'


def main():
    analyzer = SentimentIntensityAnalyzer()
    print("// @generated by gen_reference_cases.py from vaderSentiment "
          + getattr(vaderSentiment, "__version__", "3.3.2") + "; do not edit.")
    print("//! Texts and the scores vaderSentiment 3.3.2 gives them: (text, neg, neu, pos, compound).")
    print()
    print("// Scores such as 0.318 are the reference's, not approximations of π.")
    print("#![allow(clippy::approx_constant)]")
    print()
    print("/// Hand-written sentences, one or more per rule.")
    print("pub const HAND_WRITTEN: &[(&str, f64, f64, f64, f64)] = &[")
    for text in HAND_WRITTEN:
        s = analyzer.polarity_scores(text)
        print("    (%s, %r, %r, %r, %r)," % (rust_string(text), s["neg"], s["neu"], s["pos"], s["compound"]))
    print("];")
    print()
    print("/// Seeded random sentences of rule-triggering words.")
    print("pub const RANDOM: &[(&str, f64, f64, f64, f64)] = &[")
    for text in random_sentences(2000):
        s = analyzer.polarity_scores(text)
        print("    (%s, %r, %r, %r, %r)," % (rust_string(text), s["neg"], s["neu"], s["pos"], s["compound"]))
    print("];")
    print()
    print("/// Seeded random sentences of non-ASCII material.")
    print("pub const UNICODE: &[(&str, f64, f64, f64, f64)] = &[")
    for text in unicode_sentences(500):
        s = analyzer.polarity_scores(text)
        print("    (%s, %r, %r, %r, %r)," % (rust_string(text), s["neg"], s["neu"], s["pos"], s["compound"]))
    print("];")


if __name__ == "__main__":
    main()
