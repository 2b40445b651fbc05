/// How a citing document relates to the document it cites.
///
/// The relation is lexical: it is read from the words that govern the citation.
public enum CitationRelation: String, CaseIterable, Hashable, Sendable {
  /// Legal basis: the citation follows "Căn cứ".
  case basis
  /// Implementation: the object of a governing "thực hiện" or "triển khai".
  case implements
  /// Amendment: the citation follows "sửa đổi, bổ sung".
  case amends
  /// Replacement: the citation follows "thay thế".
  case replaces
  /// Repeal: the citation follows "bãi bỏ".
  case repeals
  /// Guidance: the citation follows "hướng dẫn (thi hành)".
  case guides
  /// Any other mention.
  case mentions
}
