import Citations
import Corpus
import Foundation
import VietText

/// `cancu-bench extract`: citation extraction alone, on one core, repeated over texts held in
/// memory — the quick loop for work on the extractor's speed. A digest of every citation and
/// document found shows that a faster extractor still finds the same things.
struct BenchExtract {
  var megabytes = 100
  var seed: UInt64 = 1
  var workFolder = ".build/cancu-bench"
  var runs = 5
  /// At most this much of the corpus is loaded.
  var sample = 64 << 20

  func run() throws {
    #if DEBUG
      log("warning: a debug build; measure with `swift run -c release cancu-bench extract`")
    #endif
    let corpus = "\(workFolder)/corpus-\(megabytes)mb-seed\(seed)"
    _ = try CorpusGenerator(megabytes: megabytes, seed: seed, trainingFolder: "corpus")
      .generate(into: corpus, log: log)
    let (files, _) = try CorpusLoader(root: corpus).files()
    var texts: [String] = []
    var bytes = 0
    for file in files where bytes < sample {
      guard let original = try? String(contentsOfFile: file.path, encoding: .utf8) else { continue }
      let text = NormalizedText(original: original).text
      bytes += text.utf8.count
      texts.append(text)
    }
    let mebibytes = Double(bytes) / 1_048_576
    let extractor = CitationExtractor()
    var best = Double.infinity
    var digest = Digest()
    for run in 0..<runs {
      var runDigest = Digest()
      var seconds = 0.0
      for text in texts {
        let started = threadSeconds()
        let extraction = extractor.extract(from: text)
        seconds += threadSeconds() - started
        if run == 0 { runDigest.add(extraction) }
      }
      best = min(best, seconds)
      if run == 0 { digest = runDigest }
      log(String(format: "run %d: %.1f MiB/s", run + 1, mebibytes / seconds))
    }
    print(
      String(
        format: "extraction: %.1f MiB in %d texts, best of %d: %.1f MiB/s of thread CPU time; %d citations, %d documents, digest %016llx",
        mebibytes, texts.count, runs, mebibytes / best, digest.citations, digest.documents,
        digest.value))
  }

  /// FNV-1a over every field of what was extracted.
  private struct Digest {
    var value: UInt64 = 0xcbf2_9ce4_8422_2325
    var citations = 0
    var documents = 0

    mutating func add(_ extraction: Extraction) {
      for citation in extraction.citations {
        citations += 1
        add("\(citation)")
      }
      for document in extraction.documents {
        documents += 1
        add("\(document)")
      }
    }

    private mutating func add(_ string: String) {
      for byte in string.utf8 {
        value = (value ^ UInt64(byte)) &* 0x100_0000_01b3
      }
    }
  }
}
