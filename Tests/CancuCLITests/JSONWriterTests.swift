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
    "Đảng \u{2028} sep", "Nghị quyết số 49-NQ/TU", "rlo \u{202E}fdp.exe \u{2066}\u{200B}\u{FEFF}",
    "tag \u{E0041} 👨\u{200D}👩 soft\u{AD}hyphen",
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

  @Test("Escapes bidi, zero-width and other format characters and separators as \\u", arguments: [
    ("a\u{202E}b", #""a\u202eb""#), ("\u{2066}\u{2069}", #""\u2066\u2069""#),
    ("\u{200E}\u{200F}\u{061C}", #""\u200e\u200f\u061c""#),
    ("\u{2028}\u{2029}", #""\u2028\u2029""#),
    ("30\u{200B}-CT\u{200D}/TW", #""30\u200b-CT\u200d/TW""#),
    ("\u{FEFF}\u{AD}", #""\ufeff\u00ad""#),
    ("\u{E0041}", #""\udb40\udc41""#),  // a tag character: a UTF-16 surrogate pair
    ("Đảng ở cơ sở “x” — 30-CT/TW", #""Đảng ở cơ sở “x” — 30-CT/TW""#),
  ])
  func escapesFormatCharacters(text: String, expected: String) {
    var output = ""
    JSONWriter.appendQuoted(text, to: &output)
    #expect(output == expected)
  }
}
