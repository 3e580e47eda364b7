import GrouperSupport

/// Which buckets are grouped together: buckets that share a claim (its lines name members of
/// both) or a version reference (a claim replacing or reversing a claim of another bucket, or
/// two buckets' claims naming one claim) must be read as one partition, as the claim reader's
/// checks and the resolution of versions look at every line of a claim at once. The tied sets
/// are then packed, largest first, into partitions of at most ``linesPerPartition`` lines.
struct PartitionPlan {
  /// One partition: its buckets (ascending) and data records.
  struct Partition: Equatable {
    var buckets: [Int]
    var records: Int
  }

  /// The partitions, in the order they are grouped.
  var partitions: [Partition]
  /// Partitions over the line budget because their buckets are tied (each a single tied set).
  var oversized: [Partition]

  /// Plans the partitions of a pass: reads its key files one at a time (each holds the keys of
  /// about 1/buckets of the rows, 16 bytes a key in memory).
  init(_ pass: SpillPass.Result, linesPerPartition: Int) throws {
    let count = pass.records.count
    var parent = Array(0..<count)
    func root(_ b: Int) -> Int {
      var b = b
      while parent[b] != b {
        parent[b] = parent[parent[b]]
        b = parent[b]
      }
      return b
    }
    for path in pass.keyPaths {
      let reader = try SpillReader(path: path)
      var keys: [(hash: UInt64, bucket: Int)] = []
      while try !reader.atEnd { keys.append((try reader.word(), try reader.varint())) }
      keys.sort { $0.hash != $1.hash ? $0.hash < $1.hash : $0.bucket < $1.bucket }
      var i = 0
      while i < keys.count {
        var j = i + 1
        while j < keys.count && keys[j].hash == keys[i].hash {
          let (a, b) = (root(keys[i].bucket), root(keys[j].bucket))
          if a != b { parent[max(a, b)] = min(a, b) }
          j += 1
        }
        i = j
      }
    }
    var tied: [Int: [Int]] = [:]
    for b in 0..<count where pass.records[b] > 0 { tied[root(b), default: []].append(b) }
    let sets = tied.values.map {
      Partition(buckets: $0, records: $0.reduce(0) { $0 + pass.records[$1] })
    }
    .sorted { $0.records != $1.records ? $0.records > $1.records : $0.buckets[0] < $1.buckets[0] }
    var packed: [Partition] = []
    oversized = []
    for set in sets {
      if set.records > linesPerPartition { oversized.append(set) }
      if let k = packed.firstIndex(where: { $0.records + set.records <= linesPerPartition }) {
        packed[k].buckets = (packed[k].buckets + set.buckets).sorted()
        packed[k].records += set.records
      } else {
        packed.append(set)
      }
    }
    partitions = packed
  }
}
