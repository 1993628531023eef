#!/usr/bin/env python3
"""Consistency checker for the person-resolution test set (stdlib only).

Run from anywhere:  python3 tests/data/resolution/check.py

Checks:
  1. every doc-NN.txt is valid UTF-8 and 600-1500 bytes;
  2. expected.jsonl has exactly the keys entity/name/zh/mentions, unique ids;
  3. per document, each listed surface occurs in the text exactly as many
     times as it is listed (summed over all entities).  Latin surfaces are
     matched on letter boundaries; a one-word surface (surname alone) is only
     counted when NOT followed by a space + capitalised word, so `Wang` does
     not count the `Wang` inside `Wang Wei`;  `Wang’s` counts as `Wang`;
  4. coverage: every standalone occurrence of an entity surname (and every
     occurrence of an entity's Chinese name) in a document is listed;
  5. order: documents appear in file order within each entity, and each
     entity's surfaces in a document follow the text order;
  6. `zh` equals every CJK surface of the entity, and is "" iff there is none.
Exit status 0 if all checks pass, 1 otherwise.
"""
import json
import os
import re
import sys
from collections import Counter, defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
errors = []


def err(msg):
    errors.append(msg)
    print("FAIL:", msg)


def is_cjk(s):
    return any("\u3400" <= c <= "\u9fff" for c in s)


def pattern(surface):
    if is_cjk(surface):
        return re.compile(re.escape(surface))
    tail = r"(?![A-Za-z])"
    if " " not in surface:
        tail += r"(?! [A-Z])"
    return re.compile(r"(?<![A-Za-z])" + re.escape(surface) + tail)


def occurrences(text, surface):
    return [m.start() for m in pattern(surface).finditer(text)]


# --- documents ---------------------------------------------------------
docs = {}
for fn in sorted(os.listdir(HERE)):
    if re.fullmatch(r"doc-\d\d\.txt", fn):
        raw = open(os.path.join(HERE, fn), "rb").read()
        try:
            docs[fn] = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            err(f"{fn}: not UTF-8 ({e})")
            continue
        if not 600 <= len(raw) <= 1500:
            err(f"{fn}: {len(raw)} bytes, outside 600-1500")
doc_order = {fn: i for i, fn in enumerate(sorted(docs))}
if not 6 <= len(docs) <= 8:
    err(f"{len(docs)} documents, expected 6-8")

# --- expected.jsonl ----------------------------------------------------
entities = []
with open(os.path.join(HERE, "expected.jsonl"), encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        if not line.strip():
            continue
        o = json.loads(line)
        if list(o) != ["entity", "name", "zh", "mentions"]:
            err(f"line {n}: keys {list(o)}")
        for m in o["mentions"]:
            if set(m) != {"doc", "surface", "start"}:
                err(f"line {n}: mention keys {sorted(m)}")
            else:
                # `start` is the byte offset of the mention in its document.
                with open(os.path.join(HERE, m["doc"]), "rb") as fh:
                    raw = fh.read()
                got = raw[m["start"]:m["start"] + len(m["surface"].encode("utf-8"))].decode("utf-8", "replace")
                if got != m["surface"]:
                    err(f"line {n}: {m['doc']} at byte {m['start']} has {got!r}, not {m['surface']!r}")
            if m["doc"] not in docs:
                err(f"line {n}: unknown doc {m['doc']}")
        entities.append(o)
ids = [e["entity"] for e in entities]
if len(ids) != len(set(ids)):
    err(f"duplicate entity ids: {[i for i, c in Counter(ids).items() if c > 1]}")

# --- 3. listed counts == text counts -----------------------------------
listed = defaultdict(Counter)  # doc -> surface -> count
for e in entities:
    for m in e["mentions"]:
        if m["doc"] in docs:
            listed[m["doc"]][m["surface"]] += 1
for doc, cnt in sorted(listed.items()):
    for surface, k in sorted(cnt.items()):
        found = len(occurrences(docs[doc], surface))
        if found != k:
            err(f"{doc}: '{surface}' listed {k}x, found {found}x in text")

# --- 4. coverage of surnames and Chinese names --------------------------
surnames = {e["name"].split()[0] for e in entities}
zh_names = {e["zh"] for e in entities if e["zh"]}
for doc, text in sorted(docs.items()):
    for sn in sorted(surnames):
        in_text = len(re.findall(r"(?<![A-Za-z])" + sn + r"(?![A-Za-z])", text))
        in_list = sum(k for s, k in listed[doc].items()
                      if not is_cjk(s) and s.split()[0] == sn)
        if in_text != in_list:
            err(f"{doc}: surname '{sn}' occurs {in_text}x, listed mentions cover {in_list}x")
    for zh in sorted(zh_names):
        in_text = text.count(zh)
        in_list = listed[doc][zh]
        if in_text != in_list:
            err(f"{doc}: Chinese name '{zh}' occurs {in_text}x, listed {in_list}x")

# --- 5. order ------------------------------------------------------------
for e in entities:
    pos = [doc_order.get(m["doc"], -1) for m in e["mentions"]]
    if pos != sorted(pos):
        err(f"{e['entity']}: documents not in file order")
    by_doc = defaultdict(list)
    for m in e["mentions"]:
        by_doc[m["doc"]].append(m["surface"])
    for doc, surfaces in by_doc.items():
        if doc not in docs:
            continue
        # text-order sequence of all listed surfaces in this doc
        seq = sorted((p, s) for s in listed[doc] for p in occurrences(docs[doc], s))
        seq = [s for _, s in seq]
        it = iter(seq)
        if not all(any(s == t for t in it) for s in surfaces):
            err(f"{e['entity']}: mentions in {doc} not in text order: {surfaces}")

# --- 6. zh field ---------------------------------------------------------
for e in entities:
    cjk = {m["surface"] for m in e["mentions"] if is_cjk(m["surface"])}
    if e["zh"] and cjk != {e["zh"]}:
        err(f"{e['entity']}: zh '{e['zh']}' but CJK surfaces {sorted(cjk)}")
    if not e["zh"] and cjk:
        err(f"{e['entity']}: zh empty but CJK surfaces {sorted(cjk)}")

n_mentions = sum(len(e["mentions"]) for e in entities)
if errors:
    print(f"{len(errors)} problem(s)")
    sys.exit(1)
print(f"OK: {len(docs)} documents, {len(entities)} entities, {n_mentions} mentions")
