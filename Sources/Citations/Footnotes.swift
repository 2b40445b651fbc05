/// Which lines of a text are footnote text.
///
/// A footnote starts on a line that opens with its marker (`<sup>2</sup> Luật …`, `² Luật …`), or
/// with `2. ` when marker 2 was seen in the body and not yet defined (the footnotes of a PDF
/// turned into text). A footnote that ends mid-sentence continues on the next page, in the line
/// just above the next footnote.
struct Footnotes {
  /// The start of every line, in folded characters, plus the end of the text.
  var lineStarts: [Int] = [0]
  /// Whether each line is footnote text.
  var isFootnote: [Bool] = []

  /// Reads the footnote lines of `t`.
  init(_ t: FoldedText) {
    let chars = t.chars
    lineStarts.reserveCapacity(t.lineEnds.count &+ 2)
    for end in t.lineEnds { lineStarts.append(Int(end) &+ 1) }
    let lineCount = lineStarts.count
    lineStarts.append(chars.count &+ 1)
    isFootnote = Array(repeating: false, count: lineCount)
    var markerIndex = 0
    var pending: Set<Int> = []
    var lastFootnote = -1
    var lastTerminated = true
    var previousNonEmpty = -1
    for line in 0..<lineCount {
      let start = lineStarts[line]
      let end = lineStarts[line &+ 1] &- 1
      var first = start
      while first < end, chars[first] == 0x20 { first &+= 1 }
      var number: Int?
      var lineMarkers: [Int] = []
      while markerIndex < t.markers.count, t.markers[markerIndex].at <= end {
        let marker = t.markers[markerIndex]
        if marker.at >= start {
          if marker.at <= first, number == nil {
            number = marker.number
          } else {
            lineMarkers.append(marker.number)
          }
        }
        markerIndex &+= 1
      }
      if first == end { continue }
      if number == nil {
        var j = first
        while j < end, chars[j].isDigitChar { j &+= 1 }
        if j > first, j &- first <= 3, j &+ 1 < end, chars[j] == 0x2E, chars[j &+ 1] == 0x20 {
          let n = t.intValue(first..<j)
          if pending.contains(n) { number = n }
        }
      }
      if let number {
        isFootnote[line] = true
        pending.remove(number)
        if lastFootnote >= 0, !lastTerminated, previousNonEmpty > lastFootnote &+ 1,
          !isFootnote[previousNonEmpty]
        {
          isFootnote[previousNonEmpty] = true
        }
        lastFootnote = line
        var last = end
        while last > first, chars[last &- 1] == 0x20 { last &-= 1 }
        let c = chars[last &- 1]
        lastTerminated = c == 0x2E || c == 0x3B || c == 0x21 || c == 0x3F || c == 0x29 || c == 0x22
      } else {
        pending.formUnion(lineMarkers)
      }
      previousNonEmpty = line
    }
  }

  /// The 0-based line of folded position `i`.
  func line(of i: Int) -> Int {
    var low = 0
    var high = lineStarts.count &- 2
    while low < high {
      let mid = (low &+ high &+ 1) >> 1
      if lineStarts[mid] <= i { low = mid } else { high = mid &- 1 }
    }
    return low
  }

  /// Whether folded position `i` is in footnote text.
  func contains(_ i: Int) -> Bool { isFootnote[line(of: i)] }
}
