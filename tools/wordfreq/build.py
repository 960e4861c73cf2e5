#!/usr/bin/env python3
"""Builds crates/rasd-extract/data/word_freq.tsv.gz: how often each word (match key) occurs
in a large corpus of Arabic news. The extractor uses it to refuse readings that strip
clitics off an ordinary word (وزارة is not و + زارة, برميل is not ب + رميل) and to tell
ordinary words from unknown place names after a place cue.

usage: build.py [CORPUS.jsonl.gz] [--top N]

The corpus defaults to ../shared/data/saudinewsnet/articles.jsonl.gz (SaudiNewsNet,
CC BY-NC-SA 4.0). Only word counts are kept, never text. The match key follows
rasd_text::match_key: harakat and tatweel dropped, alef/yeh/teh-marbuta variants folded.
"""
import argparse, collections, gzip, json, os, re, sys

HARAKAT = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
FOLD = str.maketrans({"أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا", "ؤ": "و", "ئ": "ي", "ى": "ي", "ی": "ي", "ة": "ه", "ک": "ك", "ھ": "ه"})
WORD = re.compile("[\u0621-\u064a]+")

def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.normpath(os.path.join(here, "..", ".."))
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus", nargs="?", default=os.path.join(root, "..", "shared", "data", "saudinewsnet", "articles.jsonl.gz"))
    ap.add_argument("--top", type=int, default=40000)
    ap.add_argument("--out", default=os.path.join(root, "crates", "rasd-extract", "data", "word_freq.tsv.gz"))
    a = ap.parse_args()
    counts = collections.Counter()
    docs = 0
    with gzip.open(a.corpus, "rt", encoding="utf-8") as f:
        for line in f:
            rec = json.loads(line)
            text = (rec.get("title") or "") + "\n" + (rec.get("text") or "")
            text = HARAKAT.sub("", text).translate(FOLD)
            counts.update(WORD.findall(text))
            docs += 1
    rows = [(w, c) for w, c in counts.most_common(a.top) if len(w) >= 2]
    rows.sort(key=lambda r: (-r[1], r[0]))
    # mtime=0 keeps the gzip byte-identical across rebuilds.
    with open(a.out, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
        gz.write(f"# word frequencies over {docs} news articles (SaudiNewsNet, CC BY-NC-SA 4.0); word<TAB>count; built by tools/wordfreq/build.py\n".encode())
        for w, c in rows:
            gz.write(f"{w}\t{c}\n".encode())
    print(f"{a.out}: {len(rows)} words from {docs} articles", file=sys.stderr)

if __name__ == "__main__":
    main()
