import Foundation

/// What the figures were measured on, for the report.
struct MachineInfo {
  var cores: Int
  var memoryGiB: Double
  var cpuModel: String
  var system: String

  static func current() -> MachineInfo {
    let info = ProcessInfo.processInfo
    let cpuinfo = (try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8)) ?? ""
    let model =
      cpuinfo.split(separator: "\n").first { $0.hasPrefix("model name") }
      .flatMap { $0.split(separator: ":", maxSplits: 1).last }
      .map { $0.trimmingCharacters(in: .whitespaces) } ?? "unknown CPU"
    return MachineInfo(
      cores: info.activeProcessorCount, memoryGiB: Double(info.physicalMemory) / Double(1 << 30),
      cpuModel: model, system: info.operatingSystemVersionString)
  }

  var summary: String {
    "\(cores) cores, \(String(format: "%.0f", memoryGiB)) GiB, \(cpuModel), \(system)"
  }
}
