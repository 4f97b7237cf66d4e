#!/usr/bin/env bash
# The ordered Anki package, checked by Anki itself (the `anki` PyPI library): a package built from the
# sample decks, one built from a genanki package and one from a package Anki itself exported in its newer
# zstd format (note ids kept in both) are imported into fresh collections;
# the card count, the new-card order (study order of the cards' concepts) and the tags must hold.
set -euo pipefail
cd "$(dirname "$0")/../.."
swift build --product conceptgraph >/dev/null
bin=$(swift build --show-bin-path)/conceptgraph
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

python3 - "$work/input.apkg" <<'PY'
import genanki, sys
model = genanki.Model(1607392319, 'Simple', fields=[{'name': 'Question'}, {'name': 'Answer'}],
    templates=[{'name': 'Card 1', 'qfmt': '{{Question}}', 'afmt': '{{FrontSide}}<hr id=answer>{{Answer}}'}])
deck = genanki.Deck(2059400110, 'Cells')
cards = [('Organelle', 'A part of a cell with its own job'),
         ('Mitochondrion', 'The organelle that makes ATP for the cell'),
         ('Cell', 'The smallest unit of life'),
         ('Ribosome', 'The organelle that makes proteins from amino acids'),
         ('ATP', 'Adenosine triphosphate, the energy currency made by the mitochondrion')]
for i, (q, a) in enumerate(cards):
    deck.add_note(genanki.Note(model=model, fields=[q, a], guid='guid%d' % i))
genanki.Package(deck).write_to_file(sys.argv[1])
PY

# A package in Anki's newer format (collection.anki21b, zstd), exported by Anki's own library.
python3 - "$work/modern.apkg" <<'PY'
import os, sys
from anki.collection import Collection, ExportAnkiPackageOptions
col = Collection(os.path.join(os.path.dirname(sys.argv[1]), 'src.anki2'))
did = col.decks.id('Biology::Cells')
for q, a in [('Cell', 'The smallest unit of life'), ('Organelle', 'A part of a cell with its own job'),
             ('Mitochondrion', 'The organelle that makes ATP')]:
    n = col.new_note(col.models.by_name('Basic')); n['Front'] = q; n['Back'] = a; col.add_note(n, did)
n = col.new_note(col.models.by_name('Cloze')); n['Text'] = 'The {{c1::ribosome}} is an organelle that makes {{c2::proteins}}'
col.add_note(n, did)
col.decks.select(did)
col.sched.answerCard(col.sched.getCard(), 3)  # one review: history that must survive
col.export_anki_package(out_path=sys.argv[1], limit=None,
    options=ExportAnkiPackageOptions(with_scheduling=True, with_media=False, legacy=False))
col.close()
PY

"$bin" anki Decks --output "$work/decks.apkg" >/dev/null
"$bin" export Decks --format json --output "$work/decks.json"
"$bin" anki "$work/input.apkg" --output "$work/genanki.apkg" >/dev/null
"$bin" export "$work/input.apkg" --format json --output "$work/genanki.json"

python3 .ci/checks/anki_import_check.py "$work/decks.apkg" "$work/decks.json"
python3 .ci/checks/anki_import_check.py "$work/genanki.apkg" "$work/genanki.json" --same-notes-as "$work/input.apkg"
"$bin" anki "$work/modern.apkg" --output "$work/modern-ordered.apkg" >/dev/null
"$bin" export "$work/modern.apkg" --format json --output "$work/modern.json"
python3 .ci/checks/anki_import_check.py "$work/modern-ordered.apkg" "$work/modern.json" --same-notes-as "$work/modern.apkg"
