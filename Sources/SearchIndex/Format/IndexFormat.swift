/// The on-disk layout of a cancu index: one file, `index/cancu.index`.
///
/// One file, replaced by a rename, makes publishing atomic: a reader maps either the old file or
/// the new one, never a mix, and a crash mid-write leaves only a stray temporary file. Every integer
/// is little-endian; counts and deltas inside sections are LEB128 varints, but for the postings'
/// bit streams.
///
/// ```
/// header     16 B   "CNCU", version u16, flags u16, section count u32, reserved u32
/// sections   24 B each: id u32, offset u64, length u64, crc32 u32  (crc of the section bytes)
/// crc32       4 B   of header + section table
/// section 1  meta       document count u32, token total u64, term count u32, analysis version,
///                       skipped files
/// section 2  terms      term count u32, then per term a 32-byte record:
///                         key offset u32, key length u16, reserved u16, document frequency u32,
///                         postings offset u64, postings length u32, postings crc32 u32,
///                         record crc32 u32 (of the 28 bytes before it and the key)
///                       sorted by key bytes; then the keys blob
/// section 3  postings   per term: one sub-list per exact form, documents apart from positions,
///                       both Rice-coded bit streams with a parameter per block of 128
///                       documents, positions read block by block (``PostingsCodec``); the
///                       dictionary record's postings crc32 covers the term's head, which holds
///                       the crc32 of every documents run and positions block — or, for postings
///                       of at most 1 KiB, covers them whole and the head holds none
/// section 4  documents  document count u32, record offsets u64 × (count + 1), token counts
///                       u32 × count and their crc32 u32 (for BM25 without decoding records), records;
///                       each record (``DocumentCodec``): a header — paths, size, mtime, content
///                       hash, token count, identities — and its crc32, then the citations and
///                       their crc32, so search results decode headers only. Strings and cited
///                       documents are varint references into section 7; a citation's wording is
///                       not stored (it is re-read from the file, whose content hash is checked)
/// section 5  manifest   entry count, then per indexed document and per skipped file: relative path,
///                       size, mtime u64 — all that the freshness check before every query reads
/// section 6  citations  sorted keys (``CitationKeys``: an id cited or held, an untitled title, a
///                       subject, a name) → ascending document ids (``CitationMap``): `cited-by`
///                       decodes only the documents that bear on the cited document
/// section 7  strings    the strings and cited documents the records refer to, most used first,
///                       checked in blocks of 256 (``StringTable``)
/// section 8  lines      document count u32, record offsets u64 × (count + 1), records; a record
///                       (``LineTokens``): line count, tokens on each line (varints), crc32 u32
///                       of them — so snippets find their lines from the postings alone
/// ```
///
/// A query checks the header's CRC, then the CRC of every dictionary record it probes, of every
/// postings list and document record it decodes: damage is found where it is read, and the rest
/// of the file is never touched.
package enum IndexFormat {
  /// `"CNCU"`.
  package static let magic: [UInt8] = Array("CNCU".utf8)
  /// The version this code writes and reads. 5: content hashes by ``contentHash(_:)`` (FNV-1a
  /// before). 4: the lines section. 3: postings Rice-coded in bit streams, forms written
  /// against their key, small postings checked whole (2: LEB128 varints).
  package static let version: UInt16 = 5
  /// The version of what produced the index's content: tokenizer, folding, citation extractor.
  /// An index whose analysis version differs is rebuilt, not trusted: the same bytes would be
  /// tokenized or cited differently now. Bump it with any change to those.
  package static let analysisVersion = "cancu-analysis-4"
  /// The file name inside the index folder.
  package static let fileName = "cancu.index"
  /// Size of the fixed header.
  package static let headerSize = 16
  /// Size of one section-table entry.
  package static let sectionEntrySize = 24
  /// Size of one dictionary record.
  package static let termRecordSize = 32

  /// The sections, by id.
  package enum Section: UInt32, CaseIterable {
    case meta = 1
    case terms = 2
    case postings = 3
    case documents = 4
    case manifest = 5
    case citationMap = 6
    case strings = 7
    case lines = 8
  }
}
