import Foundation
import Testing

@testable import CancuCLI

@Suite("JSON writer")
struct JSONWriterTests {
  @Test func keepsKeyOrderAndWritesNull() {
    var json = JSONWriter()
    json.beginObject()
    json.value(.string("30-CT/TW"), key: "id")
    json.value(.string(nil), key: "date")
    json.beginArray(key: "mentions")
    json.value(.int(3))
    json.value(.bool(true))
    json.endArray()
    json.value(.double(0.5), key: "score")
    json.endObject()
    #expect(json.text == #"{"id":"30-CT/TW","date":null,"mentions":[3,true],"score":0.5}"#)
  }

  @Test("Escapes hostile strings so every line stays valid JSON", arguments: [
    "quote \" backslash \\ slash /", "new\nline\r\ttab", "\u{1B}[31mred\u{1B}[0m", "nul \u{0} del \u{7F}",
    "Đảng \u{2028} sep", "Nghị quyết số 49-NQ/TU",
  ])
  func escapes(text: String) throws {
    var json = JSONWriter()
    json.beginObject()
    json.value(.string(text), key: "text")
    json.endObject()
    #expect(!json.text.contains("\n") && !json.text.contains("\u{1B}"))
    // Oracle: Foundation's JSON parser reads back the same string.
    let parsed = try JSONSerialization.jsonObject(with: Data(json.text.utf8)) as? [String: String]
    #expect(parsed?["text"] == text)
  }
}
