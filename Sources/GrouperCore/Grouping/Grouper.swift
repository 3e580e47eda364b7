import Foundation
import GrouperSupport
import Synchronization

/// Everything a grouping run produced, in output order.
package struct GroupingResult: Sendable {
  /// The definitions, in id order; episodes refer to them by index.
  package var definitions: [EpisodeDefinition]
  /// The claim lines and their interners.
  package var store: ClaimStore
  /// The episodes, sorted by member id, start date, definition id and trigger claim id.
  package var episodes: [Episode]
  /// The lines counted in episodes, by episode, then claim id and line number.
  package var assignments: [Assignment]
  /// The lines of episode windows that the rules left out, in the same order.
  package var exclusions: [ExcludedLine]
  /// How every line and dollar was accounted for.
  package var accounting: LineAccounting
  /// The last day the data covers: episodes whose window ends later are open.
  package var through: Day
  /// Whether coverage could be checked (a members file was given).
  package var coverageChecked: Bool
}

/// Groups a store of claim lines into episodes, one member at a time, spread over worker threads.
///
/// Each member is grouped on its own from its lines alone, so the result does not depend on the
/// thread count; members and lines are put in a fixed order by their ids' text before grouping,
/// so it does not depend on row order either.
package struct Grouper: Sendable {
  /// The episode definitions.
  package var definitions: [EpisodeDefinition]
  /// Members by member id, when a members file was given.
  package var members: [String: Member]?
  /// The last day the data covers; the latest service start (from) date when nil.
  package var through: Day?
  /// Worker threads (at least 1).
  package var jobs: Int
  /// The first day the enrolment data covers, when it is known to start late (RIF beneficiary
  /// files of some years only); a coverage check reaching before it is not made (see
  /// ``CancellationRule/Condition/coverageGap(lookbackDays:)``).
  package var coverageKnownFrom: Day?
  /// The shard of members to group, when grouping one shard: other members' lines are left out
  /// (neither assigned nor unassigned), so the caller counts them as outside the shard.
  package var shard: MemberShard?

  /// A grouper for these definitions.
  package init(
    definitions: [EpisodeDefinition], members: [String: Member]? = nil, through: Day? = nil,
    jobs: Int = 1
  ) {
    self.definitions = definitions.sorted(by: EpisodeDefinition.loadOrder)
    self.members = members
    self.through = through
    self.jobs = max(1, jobs)
  }

  /// Groups the store; records every decision in `trace` when one is given (meant for a store
  /// holding one member's lines, as `grouper explain` groups them).
  ///
  /// The grouper is consumed: once its members are put in a table by member id, its dictionary
  /// of them is let go, and freed then when the caller kept no copy of it.
  package consuming func run(_ store: ClaimStore, trace: GroupingTrace? = nil) -> GroupingResult {
    let lastDay = through ?? store.latestFrom ?? Day(ordinal: 0)
    var membersByID: [Member?]?
    if let members {
      var table = [Member?](repeating: nil, count: store.members.count)
      for (id, member) in members {
        if let m = store.members.lookup(id) { table[Int(m)] = member }
      }
      membersByID = table
    }
    let coverageChecked = members != nil
    members = nil
    let statuses = store.codes(.dischargeStatus)
    let programs = Array(Set(definitions.map(\.program))).sorted()
    let bitmaps = BitmapCache()
    let firstVersion = definitions.indices.map { d in
      definitions.firstIndex { $0.id == definitions[d].id }!
    }
    let context = GroupingContext(
      store: store,
      definitions: definitions.map { d in
        CompiledDefinition(
          d, program: programs.firstIndex(of: d.program)!, store: store, cache: bitmaps)
      },
      members: membersByID,
      through: lastDay, coverageKnownFrom: coverageKnownFrom,
      expiredStatuses: Set(GroupingContext.expiredStatusCodes.compactMap { statuses.lookup($0) }),
      firstVersion: firstVersion,
      hasVersions: firstVersion.indices.contains { firstVersion[$0] != $0 })

    // Lines by member (a counting sort), members in id-text order.
    let memberCount = store.members.count
    var starts = [Int](repeating: 0, count: memberCount + 1)
    for line in store.lines { starts[Int(line.member) + 1] += 1 }
    for m in 0..<memberCount { starts[m + 1] += starts[m] }
    var fill = starts
    // Line indexes in 32 bits: a run in memory holds fewer than 2^32 lines (--memory-limit
    // splits a larger input long before).
    precondition(store.lines.count < Int(UInt32.max), "more than 2^32 claim lines in one grouping")
    var byMember = [UInt32](repeating: 0, count: store.lines.count)
    for (index, line) in store.lines.enumerated() {
      byMember[fill[Int(line.member)]] = UInt32(index)
      fill[Int(line.member)] += 1
    }
    let inShard = shard?.members(of: store)
    let memberOrder = (0..<UInt32(memberCount)).filter {
      starts[Int($0) + 1] > starts[Int($0)] && inShard?[Int($0)] != false
    }
    .sorted { store.members.precedes($0, $1) }

    // Blocks of members of about 16k lines, handed to workers as they free up.
    var blocks: [Range<Int>] = []
    var blockStart = 0
    var blockLines = 0
    for (position, m) in memberOrder.enumerated() {
      blockLines += starts[Int(m) + 1] - starts[Int(m)]
      if blockLines >= 16_384 || position == memberOrder.count - 1 {
        blocks.append(blockStart..<position + 1)
        blockStart = position + 1
        blockLines = 0
      }
    }
    let results = ResultSlots(count: blocks.count)
    let next = BlockCounter()
    let (blocks_, byMember_, starts_) = (blocks, byMember, starts)
    let work = { @Sendable in
      let (blocks, byMember, starts) = (blocks_, byMember_, starts_)
      let (storeLines, claims) = (context.store.lines, context.store.claims)
      while let b = next.take(below: blocks.count) {
        var result = BlockResult()
        for position in blocks[b] {
          let m = Int(memberOrder[position])
          var lines = byMember[starts[m]..<starts[m + 1]].map { Int($0) }
          lines.sort { a, b in
            let x = storeLines[a]
            let y = storeLines[b]
            if x.from != y.from { return x.from < y.from }
            if x.claim != y.claim { return claims.precedes(x.claim, y.claim) }
            return x.line < y.line
          }
          context.group(memberLines: lines, into: &result, trace: trace)
        }
        results.put(b, result)
      }
    }
    if jobs == 1 || blocks.count <= 1 {
      work()
    } else {
      DispatchQueue.concurrentPerform(iterations: min(jobs, blocks.count)) { _ in work() }
    }

    var episodes: [Episode] = []
    var assignments: [Assignment] = []
    var exclusions: [ExcludedLine] = []
    // Sized once, so the run's largest arrays are not grown by doubling.
    let sizes = results.sizes()
    episodes.reserveCapacity(sizes.episodes)
    assignments.reserveCapacity(sizes.assignments)
    exclusions.reserveCapacity(sizes.exclusions)
    var accounting = LineAccounting()
    for b in blocks.indices {
      let r = results.take(b)
      let base = episodes.count
      episodes += r.episodes
      assignments += r.assignments.map {
        var a = $0
        a.episode += base
        return a
      }
      exclusions += r.exclusions.map {
        var x = $0
        x.episode += base
        return x
      }
      accounting.add(r.accounting)
      // The blocks taken so far are freed in pieces too small to be unmapped on their own:
      // their pages go back now and then, so the blocks and the whole run's arrays are not all
      // resident at once.
      if b % 16 == 15 { FreedMemory.release() }
    }
    return GroupingResult(
      definitions: definitions, store: store, episodes: episodes, assignments: assignments,
      exclusions: exclusions,
      accounting: accounting, through: lastDay, coverageChecked: coverageChecked)
  }
}

/// Hands out block numbers to worker threads.
private final class BlockCounter: Sendable {
  private let next = Atomic<Int>(0)

  /// The next block number, or nil once every number below `limit` has been taken.
  func take(below limit: Int) -> Int? {
    let n = next.wrappingAdd(1, ordering: .relaxed).oldValue
    return n < limit ? n : nil
  }
}

/// One result slot per block; each slot is written by exactly one worker, then read after all finish.
private final class ResultSlots: Sendable {
  private let slots: Mutex<[BlockResult?]>

  /// `count` empty slots.
  init(count: Int) {
    slots = Mutex(Array(repeating: nil, count: count))
  }

  /// Fills slot `index`.
  func put(_ index: Int, _ result: BlockResult) {
    slots.withLock { $0[index] = result }
  }

  /// The episodes, assignments and exclusions of every slot, counted.
  func sizes() -> (episodes: Int, assignments: Int, exclusions: Int) {
    slots.withLock { slots in
      slots.reduce((0, 0, 0)) { sum, r in
        (
          sum.0 + (r?.episodes.count ?? 0), sum.1 + (r?.assignments.count ?? 0),
          sum.2 + (r?.exclusions.count ?? 0)
        )
      }
    }
  }

  /// Empties slot `index` and returns what it held.
  func take(_ index: Int) -> BlockResult {
    slots.withLock { slots in
      let r = slots[index]!
      slots[index] = nil
      return r
    }
  }
}
