"""Imports an ordered package with Anki's own library and checks it (used by 45-anki-import.sh).

usage: anki_import_check.py PACKAGE GRAPH.json [--same-notes-as ORIGINAL.apkg]
- every card of the package arrives (count from the package's own collection);
- the new queue follows the study order: walking the new cards by due, the earliest study position of
  their concept:: tags never decreases (cards without a concept come last);
- every note carries concept:: and cluster:: tags that name nodes and clusters of the JSON graph;
- with --same-notes-as, the note ids, guids and review history of the original package are kept.
"""
import json, os, sqlite3, sys, tempfile, zipfile
from anki.collection import Collection, ImportAnkiPackageRequest, ImportAnkiPackageOptions

package, graph_path = sys.argv[1], sys.argv[2]
original = sys.argv[4] if len(sys.argv) > 4 and sys.argv[3] == '--same-notes-as' else None

def package_notes(path):
    with tempfile.TemporaryDirectory() as tmp, zipfile.ZipFile(path) as z:
        name = next(n for n in ('collection.anki21b', 'collection.anki21', 'collection.anki2') if n in z.namelist())
        z.extract(name, tmp)
        path = os.path.join(tmp, name)
        if name.endswith('b'):
            import subprocess
            subprocess.run(['zstd', '-d', '-q', '-f', path, '-o', path + '.db'], check=True)
            path += '.db'
        db = sqlite3.connect(path)
        notes = sorted(db.execute('select id, guid from notes'))
        cards = db.execute('select count(*) from cards').fetchone()[0]
        reviews = sorted(db.execute('select id, cid, ease, ivl from revlog'))
        db.close()
        return notes, cards, reviews

graph = json.load(open(graph_path))
order = {n['id']: n['order'] for n in graph['nodes']}
clusters = {n['cluster_name'].replace(' ', '_') for n in graph['nodes']}
notes_in_package, cards_in_package, _ = package_notes(package)

tmp = tempfile.mkdtemp()
col = Collection(os.path.join(tmp, 'fresh.anki2'))
col.import_anki_package(ImportAnkiPackageRequest(
    package_path=os.path.abspath(package),
    options=ImportAnkiPackageOptions(with_scheduling=True, with_deck_configs=True)))
card_ids = col.find_cards('')
assert len(card_ids) == cards_in_package, f'{len(card_ids)} cards imported, {cards_in_package} in the package'
new_cards = sorted((col.get_card(i) for i in col.find_cards('is:new')), key=lambda c: (c.due, c.id))
assert new_cards, 'no new cards'

def position(card):
    tags = card.note().tags
    ids = [t.split('::', 1)[1] for t in tags if t.lower().startswith('concept::')]
    known = [order[i] for i in ids if i in order]
    assert len(known) == len(ids), f'concept tags {ids} not all in the graph'
    return min(known) if known else float('inf')

positions = [position(c) for c in new_cards]
assert positions == sorted(positions), 'new cards are not in study order'
tagged = 0
for nid in col.find_notes(''):
    tags = col.get_note(nid).tags
    concept_tags = [t for t in tags if t.lower().startswith('concept::')]
    cluster_tags = [t.split('::', 1)[1] for t in tags if t.lower().startswith('cluster::')]
    if concept_tags:
        tagged += 1
        assert cluster_tags, f'note {nid} has concept tags but no cluster tag'
        assert all(c in clusters for c in cluster_tags), f'unknown cluster tags {cluster_tags}'
assert tagged > 0, 'no note carries a concept:: tag'
history = ''
if original:
    kept, _, reviews = package_notes(original)
    imported = sorted((nid, col.get_note(nid).guid) for nid in col.find_notes(''))
    assert imported == kept, 'note ids or guids changed'
    imported_reviews = sorted(tuple(r) for r in col.db.all('select id, cid, ease, ivl from revlog'))
    assert imported_reviews == [tuple(r) for r in reviews], 'review history changed'
    history = f', note ids and {len(reviews)} reviews kept'
print(f'anki import ok: {package}: {len(card_ids)} cards, {len(new_cards)} new in study order, '
      f'{tagged} notes with concept tags' + history)
col.close()
