"""SQLite FTS5 peer: contentless table, unicode61 with diacritics removed, as a user would set it up.

    python3 fts5_bench.py build CORPUS DB
    python3 fts5_bench.py query DB RUNS QUERY...
"""
import sqlite3
import sys
import time

from common import corpus_files, folder_bytes, read_text, report, timed_queries


def build(corpus, database):
    start = time.perf_counter()
    connection = sqlite3.connect(database)
    connection.execute("PRAGMA journal_mode=OFF")
    connection.execute("PRAGMA synchronous=OFF")
    connection.execute(
        "CREATE VIRTUAL TABLE docs USING fts5(body, content='', "
        "tokenize='unicode61 remove_diacritics 2')")
    files = corpus_files(corpus)
    with connection:
        for path in files:
            connection.execute("INSERT INTO docs(body) VALUES (?)", (read_text(path),))
    connection.close()
    report(seconds=time.perf_counter() - start, files=len(files), bytes=folder_bytes(database))


def query(database, runs, queries):
    connection = sqlite3.connect(database)
    statement = "SELECT rowid FROM docs WHERE docs MATCH ? ORDER BY rank LIMIT 10"
    results = timed_queries(lambda q: connection.execute(statement, (q,)).fetchall(), queries, runs)
    hits = {q: len(connection.execute(statement, (q,)).fetchall()) for q in queries}
    report(latencies=results, hits=hits)


if __name__ == "__main__":
    if sys.argv[1] == "build":
        build(sys.argv[2], sys.argv[3])
    else:
        query(sys.argv[2], int(sys.argv[3]), sys.argv[4:])
