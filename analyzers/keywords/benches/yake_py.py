"""Python YAKE on the Inspec abstracts, timed: the reference the Rust
extractor is measured against (see benches/inspec.rs, which runs this).

usage: python3 yake_py.py INSPEC_ZIP OUT_TSV
prints: `python-yake words=N seconds=S words_per_s=W`
"""
import sys
import time
import zipfile

import yake


def documents(path):
    docs = {}
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.startswith("Inspec/docsutf8/") and name.endswith(".txt"):
                doc = name[len("Inspec/docsutf8/"):-len(".txt")]
                docs[doc] = z.read(name).decode("utf-8", errors="replace")
    return sorted(docs.items())


def main():
    zip_path, out = sys.argv[1], sys.argv[2]
    docs = documents(zip_path)
    # The reference settings: n-grams up to 3, window 1, dedup 0.9, top 10.
    extractor = yake.KeywordExtractor(lan="en", n=3, dedup_lim=0.9, window_size=1, top=10)
    for _, text in docs[:50]:  # warm-up: imports, caches
        extractor.extract_keywords(text)
    words = sum(len(text.split()) for _, text in docs)
    results = []
    start = time.perf_counter()
    for doc, text in docs:
        results.append((doc, extractor.extract_keywords(text)))
    seconds = time.perf_counter() - start
    with open(out, "w", encoding="utf-8") as f:
        for doc, keywords in results:
            f.write(doc + "\t" + "|".join(k for k, _ in keywords) + "\n")
    print(f"python-yake words={words} seconds={seconds:.3f} words_per_s={words / seconds:.0f}")


if __name__ == "__main__":
    main()
