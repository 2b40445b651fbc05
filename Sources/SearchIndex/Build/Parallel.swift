import Dispatch

/// Runs `body` for `0..<count` on every core and returns the results in index order.
///
/// Each call writes only its own slot of a buffer allocated once, so no worker resizes or copies
/// shared storage.
/// The caller vouches that `body` may run on several threads at once (it reads shared state
/// only, or writes only what belongs to its index).
func parallelMap<Value>(count: Int, _ body: (Int) -> Value) -> [Value] {
  let slots = Slots<Value>(count: count)
  withoutActuallyEscaping(body) { body in
    nonisolated(unsafe) let work = body
    DispatchQueue.concurrentPerform(iterations: count) { index in
      slots[index] = work(index)
    }
  }
  return slots.values()
}

/// Result slots that parallel workers fill, one slot each: no two workers touch the same slot,
/// and the buffer is allocated once, so no worker ever resizes or copies shared storage.
final class Slots<Value>: @unchecked Sendable {
  private let storage: UnsafeMutableBufferPointer<Value?>

  init(count: Int) {
    storage = .allocate(capacity: count)
    storage.initialize(repeating: nil)
  }

  deinit {
    storage.deinitialize()
    storage.deallocate()
  }

  subscript(index: Int) -> Value? {
    get { storage[index] }
    set { storage[index] = newValue }
  }

  func values() -> [Value] {
    storage.map { value in
      guard let value else { preconditionFailure("a worker left its slot empty") }
      return value
    }
  }
}
