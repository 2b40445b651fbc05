"""tantivy peer (Python wheel): lower case plus ASCII folding, two indexing threads.

    python3 tantivy_bench.py build CORPUS FOLDER
    python3 tantivy_bench.py query FOLDER RUNS QUERY...
"""
import os
import shutil
import sys
import time

import tantivy

from common import corpus_files, folder_bytes, read_text, report, timed_queries


def schema():
    builder = tantivy.SchemaBuilder()
    builder.add_text_field("body", stored=False, tokenizer_name="folded")
    return builder.build()


def analyzer():
    return (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
            .filter(tantivy.Filter.lowercase())
            .filter(tantivy.Filter.ascii_fold())
            .build())


def build(corpus, folder):
    start = time.perf_counter()
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    index = tantivy.Index(schema(), path=folder)
    index.register_tokenizer("folded", analyzer())
    writer = index.writer(heap_size=512 * 1024 * 1024, num_threads=2)
    files = corpus_files(corpus)
    for path in files:
        writer.add_document(tantivy.Document(body=read_text(path)))
    writer.commit()
    writer.wait_merging_threads()
    report(seconds=time.perf_counter() - start, files=len(files), bytes=folder_bytes(folder))


def query(folder, runs, queries):
    index = tantivy.Index.open(folder)
    index.register_tokenizer("folded", analyzer())
    searcher = index.searcher()

    def run(text):
        return searcher.search(index.parse_query(text, ["body"]), 10).hits

    results = timed_queries(run, queries, runs)
    report(latencies=results, hits={q: len(run(q)) for q in queries})


if __name__ == "__main__":
    if sys.argv[1] == "build":
        build(sys.argv[2], sys.argv[3])
    else:
        query(sys.argv[2], int(sys.argv[3]), sys.argv[4:])
