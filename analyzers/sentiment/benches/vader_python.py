#!/usr/bin/env python3
"""Words per second of the Python reference, vaderSentiment, on the same
sentences as `cargo bench --bench vader` (vader/tweets): the VADER paper's
4 200 tweets, one core, words = whitespace-separated tokens.

    pip install vaderSentiment==3.3.2
    python3 benches/vader_python.py [ROUNDS]

Prints the best of ROUNDS (default 5) passes over all tweets.
"""

import os
import sys
import time

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer


def tweets():
    here = os.path.dirname(os.path.abspath(__file__))
    for up in ("../../../shared/data/vader",):
        path = os.path.join(here, "..", up, "tweets_GroundTruth.txt")
        if os.path.isfile(path):
            with open(path, encoding="utf-8") as f:
                rows = [line.rstrip("\r\n").split("\t", 2) for line in f if line.strip()]
            return [text for _, _, text in sorted(rows, key=lambda r: int(r[0]))]
    sys.exit("shared/data/vader/tweets_GroundTruth.txt not found")


def main():
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    texts = tweets()
    words = sum(len(t.split()) for t in texts)
    analyzer = SentimentIntensityAnalyzer()
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        for text in texts:
            analyzer.polarity_scores(text)
        best = min(best, time.perf_counter() - start)
    print(f"{len(texts)} tweets, {words} words; best of {rounds}: {best * 1e3:.1f} ms "
          f"= {words / best:,.0f} words/s (Python {sys.version.split()[0]})")


if __name__ == "__main__":
    main()
