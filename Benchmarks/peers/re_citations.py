"""The citation extractor a user would otherwise write: Python `re`, the same forms as cancu's.

    python3 re_citations.py CORPUS [MAX_BYTES]

Files are read into memory first; only the extraction is timed, as cancu-bench times its own.
"""
import re
import sys
import time
import unicodedata

from common import corpus_files, read_text, report

KINDS = (r"nghị quyết|chỉ thị|kết luận|quy định|quyết định|thông báo|hướng dẫn|chương trình|"
         r"kế hoạch|đề án|công văn|nghị định|thông tư(?: liên tịch)?|luật|pháp lệnh|công điện|"
         r"tờ trình|báo cáo|văn bản hợp nhất|nghi quyet|chi thi|ket luan|quy dinh|quyet dinh|"
         r"thong bao|huong dan|nghi dinh|thong tu|cong van|phap lenh")
NUMBER = r"\d{1,5}(?:\s*/\s*\d{4})?\s*(?:/|-|–)\s*[A-ZĐa-zđ][A-ZĐa-zđ0-9]*(?:\s*[-/–]\s*[A-ZĐa-zđ0-9]+)*"
DATE = (r"(?:,?\s*ng[àa]y\s+(?:\d{1,2}\s*[/-]\s*\d{1,2}\s*[/-]\s*\d{4}|"
        r"\d{1,2}\s+th[áa]ng\s+\d{1,2}\s+n[ăa]m\s+\d{4}))?")
ISSUER = r"(?:\s+của\s+[^,;.()\n]{1,80}?)?(?=\s+về\s|[,;.()\n]|$)"
CITATION = re.compile(
    rf"(?:(?:điểm\s+\w\s+)?khoản\s+\d+\s+Điều\s+\d+\s+)?(?:{KINDS})\s+(?:s[ốo]\s+)?{NUMBER}{DATE}{ISSUER}"
    rf"(?:(?:,|\s+và)\s+(?:(?:{KINDS})\s+)?s[ốo]\s+{NUMBER}{DATE})*",
    re.IGNORECASE)
LAW_NAME = re.compile(r"(?:Bộ\s+)?[Ll]uật\s+(?:[A-ZĐ][\w,]*(?:\s+[a-zđ\w]+){0,7})(?:\s+năm\s+\d{4})?")


def main(root, limit):
    texts = []
    size = 0
    for path in corpus_files(root):
        if size >= limit:
            break
        text = unicodedata.normalize("NFC", read_text(path))
        texts.append(text)
        size += len(text.encode("utf-8"))
    start = time.perf_counter()
    found = 0
    for text in texts:
        found += sum(1 for _ in CITATION.finditer(text))
        found += sum(1 for _ in LAW_NAME.finditer(text))
    report(seconds=time.perf_counter() - start, bytes=size, citations=found)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else 1 << 62)
