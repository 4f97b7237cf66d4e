#!/usr/bin/env python3
"""Deterministic generator of large, realistic flashcard decks for benchmarks.

    Benchmarks/generate_decks.py --cards 100000 --seed 1 --out .build-bench/decks-100k

Writes deck files of about `--deck-size` cards each into OUT (half plain text, half TSV),
named `deck-00001.txt`, `deck-00002.tsv`, …  The same arguments always give the same bytes.

What the decks look like (the things ConceptGraph has to cope with in real decks):
- a hierarchy of concepts (a forest of a few hundred roots, branching 2–8, depth up to ~7); a child
  is often named after its parent ("lateral morvane" under "morvane"), otherwise a new term;
- definitions that name the parent ("A morvane that …", "Type of …", "Part of …") and mention
  other concepts chosen with Zipf frequencies (a few concepts are everywhere, most are rare);
- questions ("What is …?", "What does … do?"), acronyms, "Types of …" cards answered by a bullet
  list (plain text) or a comma list (TSV), two-line answers with an example, the same concept
  described again in another deck;
- typos (swapped, dropped or doubled letters) in about 1.5% of answer words and 0.5% of fronts;
- plain-text decks with a title line, some with blank lines between cards and some without.

Concepts come in subtree order, so a deck covers a topic, as real decks do.
"""
import argparse
import bisect
import os
import random
import sys

CONSONANTS = ["b", "c", "d", "f", "g", "l", "m", "n", "p", "r", "s", "t", "v", "br", "cr", "st", "tr", "ph", "th",
              "ch", "pl", "gr", "k", "z", "h"]
VOWELS = ["a", "e", "i", "o", "u", "ae", "io", "ou", "y"]
SUFFIXES = ["ase", "in", "ism", "ation", "ity", "ite", "osis", "oid", "ome", "yte", "on", "ar", "um", "ia", "ment",
            "er", "ency", "ure", "ogen", "ide"]
ADJECTIVES = ["primary", "secondary", "lateral", "medial", "acute", "chronic", "passive", "active", "internal",
              "external", "central", "peripheral", "static", "dynamic", "linear", "cyclic", "direct", "indirect",
              "early", "late", "upper", "lower", "simple", "complex", "open", "closed", "fixed", "variable",
              "partial", "total", "local", "global", "minor", "major", "anterior", "posterior", "neural",
              "thermal", "marginal", "nominal"]
VERBS = ["regulates", "produces", "binds", "transports", "converts", "stores", "inhibits", "activates",
         "measures", "describes", "controls", "contains", "reduces", "increases", "separates", "links",
         "protects", "supplies", "releases", "absorbs"]
VERB_BASES = ["regulate", "produce", "bind", "transport", "convert", "store", "inhibit", "activate", "measure",
              "control", "reduce", "increase", "separate", "protect", "release", "absorb"]
PLACES = ["in", "within", "near", "along", "around", "inside"]


class Generator:
    def __init__(self, seed, cards):
        self.rng = random.Random(seed)
        self.card_target = cards
        self.used_names = set()  # membership only, never iterated (iteration order is per process)
        self.words = []
        self.word_set = set()

    # ---------------------------------------------------------------- vocabulary

    def pseudo_word(self):
        r = self.rng
        while True:
            syllables = r.choice((1, 2, 2, 2, 3))
            w = "".join(r.choice(CONSONANTS) + r.choice(VOWELS) for _ in range(syllables))
            if r.random() < 0.7:
                w = w.rstrip("aeiouy") + r.choice(SUFFIXES)
            if 4 <= len(w) <= 14 and w not in self.word_set:
                self.word_set.add(w)
                return w

    def new_name(self, parent):
        """A unique concept name: a modifier on the parent's head, or a new term (sometimes two words)."""
        r = self.rng
        for _ in range(50):
            if parent is not None and r.random() < 0.45:
                head = parent["name"].split()[-1]
                modifier = r.choice(ADJECTIVES) if r.random() < 0.6 else self.pseudo_word()
                name = f"{modifier} {head}"
            elif r.random() < 0.3:
                name = f"{self.pseudo_word()} {self.pseudo_word()}"
            else:
                name = self.pseudo_word()
            if name not in self.used_names:
                self.used_names.add(name)
                return name
        name = f"{self.pseudo_word()} {self.pseudo_word()} {self.pseudo_word()}"
        self.used_names.add(name)
        return name

    # ---------------------------------------------------------------- hierarchy

    def build_hierarchy(self, count):
        """`count` concepts in a forest, listed in depth-first (subtree) order."""
        r = self.rng
        roots = max(3, count // 400)
        nodes = []
        # Breadth-first growth with bounded branching, then a DFS listing per root.
        frontier = []
        for _ in range(roots):
            node = {"name": self.new_name(None), "parent": None, "children": [], "depth": 0}
            nodes.append(node)
            frontier.append(node)
        head = 0
        while len(nodes) < count:
            if head >= len(frontier):
                frontier.append(r.choice(nodes))
            parent = frontier[head]
            head += 1
            if parent["depth"] >= 7:
                continue
            for _ in range(r.randint(2, 8)):
                if len(nodes) >= count:
                    break
                child = {"name": self.new_name(parent), "parent": parent, "children": [], "depth": parent["depth"] + 1}
                parent["children"].append(child)
                nodes.append(child)
                frontier.append(child)
        ordered = []
        for root in nodes[:roots]:
            stack = [root]
            while stack:
                node = stack.pop()
                node["index"] = len(ordered)
                ordered.append(node)
                stack.extend(reversed(node["children"]))
        return ordered

    # ---------------------------------------------------------------- text

    def typo(self, word):
        r = self.rng
        if len(word) < 4 or not word.isalpha():
            return word
        i = r.randrange(1, len(word) - 1)
        kind = r.randrange(3)
        if kind == 0:
            return word[:i] + word[i + 1] + word[i] + word[i + 2:]
        if kind == 1:
            return word[:i] + word[i + 1:]
        return word[:i] + word[i] + word[i:]

    def with_typos(self, text, rate):
        if rate <= 0:
            return text
        r = self.rng
        words = text.split(" ")
        for i, w in enumerate(words):
            if r.random() < rate:
                words[i] = self.typo(w)
        return " ".join(words)

    def zipf_concept(self, concepts):
        u = self.rng.random() * self.zipf_total
        return concepts[self.zipf_order[bisect.bisect_left(self.zipf_cum, u)]]

    def article(self, phrase):
        return "An" if phrase[0] in "aeiou" else "A"

    def definition(self, node, concepts):
        r = self.rng
        parent = node["parent"]
        other = self.zipf_concept(concepts)["name"]
        other2 = self.zipf_concept(concepts)["name"]
        verb = r.choice(VERBS)
        if parent is None:
            templates = [
                f"The study of how {other} {verb} {other2}",
                f"A general term for anything that {verb} {other}",
                f"Broad class of structures that {verb} {other} and {other2}",
            ]
        else:
            p = parent["name"]
            templates = [
                f"{self.article(p)} {p} that {verb} {other}",
                f"Type of {p}; it {verb} the {other} {r.choice(PLACES)} the {other2}",
                f"{self.article(p)} {p} found {r.choice(PLACES)} the {other}. It {verb} {other2}.",
                f"The part of the {p} which {verb} {other}",
                f"Kind of {p} that needs {other} to {r.choice(VERB_BASES)} {other2}",
                f"{self.article(p)} {p} made of {other} and {other2}",
                f"{self.article(p)} {p}: {verb} {other}, {r.choice(VERBS)} {other2} and works with the {p}",
            ]
        text = r.choice(templates)
        return self.with_typos(text, 0.015)

    def example(self, concepts):
        a = self.zipf_concept(concepts)["name"]
        return self.with_typos(f"e.g. the {a} {self.rng.choice(VERBS)} it", 0.015)

    # ---------------------------------------------------------------- cards

    def cards_for(self, node, concepts):
        """The cards of one concept: (front, [answer lines], is_list)."""
        r = self.rng
        name = node["name"]
        front_name = self.with_typos(name, 0.005)
        roll = r.random()
        cards = []
        if node["children"] and roll < 0.12:
            items = [c["name"] for c in node["children"][:8]]
            cards.append((r.choice([f"Types of {front_name}", f"Kinds of {front_name}", f"{front_name}: types"]),
                          items, True))
            cards.append((front_name, [self.definition(node, concepts)], False))
        elif roll < 0.27:
            q = r.choice([f"What is {front_name}?", f"What is a {front_name}?", f"What does the {front_name} do?",
                          f"Define {front_name}"])
            cards.append((q, [self.definition(node, concepts)], False))
        elif roll < 0.34 and " " in name:
            acronym = "".join(w[0] for w in name.split()).upper()
            if len(acronym) >= 2:
                definition = self.definition(node, concepts)
                cards.append((acronym, [f"{name[0].upper()}{name[1:]} ({acronym}). {definition}"], False))
            else:
                cards.append((front_name, [self.definition(node, concepts)], False))
        elif roll < 0.44:
            cards.append((front_name, [self.definition(node, concepts), self.example(concepts)], False))
        else:
            cards.append((front_name, [self.definition(node, concepts)], False))
        return cards

    def generate(self, deck_size):
        """Yields decks: lists of cards, about `deck_size` cards each, in concept order."""
        r = self.rng
        concept_count = max(10, int(self.card_target * 0.93))
        concepts = self.build_hierarchy(concept_count)
        # Zipf weights over a random ranking of the concepts (s = 1.1).
        self.zipf_order = list(range(len(concepts)))
        r.shuffle(self.zipf_order)
        total, cum = 0.0, []
        for rank in range(1, len(concepts) + 1):
            total += 1.0 / rank ** 1.1
            cum.append(total)
        self.zipf_total, self.zipf_cum = total, cum

        deck, produced = [], 0
        for node in concepts:
            if produced >= self.card_target:
                break
            for card in self.cards_for(node, concepts):
                deck.append(card)
                produced += 1
            # The same concept again, described in another words, as merged decks have.
            if r.random() < 0.04 and produced < self.card_target:
                again = self.zipf_concept(concepts)
                deck.append((again["name"], [self.definition(again, concepts)], False))
                produced += 1
            if len(deck) >= deck_size:
                yield deck
                deck = []
        while produced < self.card_target:  # top up with re-described concepts
            again = self.zipf_concept(concepts)
            deck.append((again["name"], [self.definition(again, concepts)], False))
            produced += 1
        if deck:
            yield deck


def clean_tsv(text):
    return text.replace("\t", " ").replace("\n", " ")


def write_plain(path, title, cards, blank_lines):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(title + "\n")
        if blank_lines:
            f.write("\n")
        for front, answers, is_list in cards:
            f.write(front + "\n")
            for line in answers:
                f.write(("- " + line if is_list else line) + "\n")
            if blank_lines:
                f.write("\n")


def write_tsv(path, cards):
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for front, answers, is_list in cards:
            back = ", ".join(answers) if is_list else " ".join(answers)
            f.write(clean_tsv(front) + "\t" + clean_tsv(back) + "\n")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--cards", type=int, required=True, help="number of cards in all")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--deck-size", type=int, default=2000, help="cards per deck file (about)")
    p.add_argument("--out", required=True, help="folder to write (created; existing deck-*.txt/tsv removed)")
    args = p.parse_args()
    os.makedirs(args.out, exist_ok=True)
    for name in sorted(os.listdir(args.out)):
        if name.startswith("deck-") and name.endswith((".txt", ".tsv")):
            os.unlink(os.path.join(args.out, name))
    gen = Generator(args.seed, args.cards)
    total = files = 0
    for number, cards in enumerate(gen.generate(args.deck_size), start=1):
        files += 1
        total += len(cards)
        if number % 2:
            title = f"Chapter {number}: {cards[0][0]} flashcards"
            write_plain(os.path.join(args.out, f"deck-{number:05d}.txt"), title, cards, blank_lines=number % 4 == 1)
        else:
            write_tsv(os.path.join(args.out, f"deck-{number:05d}.tsv"), cards)
    print(f"{total} cards in {files} files in {args.out}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
